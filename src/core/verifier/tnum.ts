// Tracked numbers: the kernel's kernel/bpf/tnum.c (Linux 6.18 plus its stable backports) as pure
// functions. A tnum knows some bits of a u64 exactly and nothing about the others: `value` holds
// the known bits, `mask` the unknown ones (value & mask is always 0). Every operation here must
// give the kernel's result bit for bit, because the verifier log prints it; "sound but different"
// is a bug. Values are bigints in [0, 2^64); callers never see another representation.

export interface Tnum {
  readonly value: bigint;
  readonly mask: bigint;
}

export const U64_MAX = 0xffff_ffff_ffff_ffffn;
export const U32_MASK = 0xffff_ffffn;
const SIGN64 = 0x8000_0000_0000_0000n;
const TWO64 = 0x1_0000_0000_0000_0000n;

const tn = (value: bigint, mask: bigint): Tnum => ({ value, mask });

export const TNUM_UNKNOWN: Tnum = tn(0n, U64_MAX);

// A bigint's u32 halves (of its value mod 2^64) read through a typed array, without allocating
// bigints for the shift and the mask.
const SCRATCH64 = new BigUint64Array(1);
const SCRATCH32 = new Uint32Array(SCRATCH64.buffer);
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HI = 1 - LO;

/** Number of significant bits of a u64 (the kernel's fls64): 0 for 0, 64 when bit 63 is set. */
export function fls64(x: bigint): number {
  SCRATCH64[0] = x;
  const hi = SCRATCH32[HI]!;
  return hi ? 64 - Math.clz32(hi) : 32 - Math.clz32(SCRATCH32[LO]!);
}

/** LOW_BITS[n] = 2^n - 1 and HIGH_BITS[n] its u64 complement, for n in 0..63. */
const LOW_BITS: readonly bigint[] = Array.from({ length: 64 }, (_, n) => (1n << BigInt(n)) - 1n);
const HIGH_BITS: readonly bigint[] = LOW_BITS.map((m) => ~m & U64_MAX);

export const tnumConst = (value: bigint): Tnum => tn(value >= 0n && value <= U64_MAX ? value : value & U64_MAX, 0n);
export const tnumUnknown = (): Tnum => TNUM_UNKNOWN;

/** The smallest tnum holding every u64 in [min, max]. */
export function tnumRange(min: bigint, max: bigint): Tnum {
  const bits = fls64(min ^ max);
  // 1 << 64 is undefined in C, hence the special case
  if (bits > 63) return TNUM_UNKNOWN;
  return tn(min & HIGH_BITS[bits]!, LOW_BITS[bits]!);
}

export const tnumLshift = (a: Tnum, shift: number): Tnum =>
  tn((a.value << BigInt(shift)) & U64_MAX, (a.mask << BigInt(shift)) & U64_MAX);

export const tnumRshift = (a: Tnum, shift: number): Tnum => tn(a.value >> BigInt(shift), a.mask >> BigInt(shift));

/** Arithmetic right shift of the low `bitness` (32 or 64) bits; a 32-bit result is zero-extended. */
export function tnumArshift(a: Tnum, shift: number, bitness: 32 | 64): Tnum {
  const s = BigInt(shift);
  if (bitness === 32) {
    return tn(
      BigInt.asUintN(32, BigInt.asIntN(32, a.value) >> s),
      BigInt.asUintN(32, BigInt.asIntN(32, a.mask) >> s),
    );
  }
  return tn(BigInt.asUintN(64, BigInt.asIntN(64, a.value) >> s), BigInt.asUintN(64, BigInt.asIntN(64, a.mask) >> s));
}

export function tnumAdd(a: Tnum, b: Tnum): Tnum {
  const sm = (a.mask + b.mask) & U64_MAX;
  const sv = (a.value + b.value) & U64_MAX;
  const sigma = (sm + sv) & U64_MAX;
  const mu = (sigma ^ sv) | a.mask | b.mask;
  return tn(sv & ~mu & U64_MAX, mu);
}

export function tnumSub(a: Tnum, b: Tnum): Tnum {
  const dv = (a.value - b.value) & U64_MAX;
  const alpha = (dv + a.mask) & U64_MAX;
  const beta = (dv - b.mask) & U64_MAX;
  const mu = (alpha ^ beta) | a.mask | b.mask;
  return tn(dv & ~mu & U64_MAX, mu);
}

export const tnumNeg = (a: Tnum): Tnum => tnumSub(tn(0n, 0n), a);

export function tnumAnd(a: Tnum, b: Tnum): Tnum {
  const v = a.value & b.value;
  return tn(v, (a.value | a.mask) & (b.value | b.mask) & ~v & U64_MAX);
}

export function tnumOr(a: Tnum, b: Tnum): Tnum {
  const v = a.value | b.value;
  return tn(v, (a.mask | b.mask) & ~v & U64_MAX);
}

export function tnumXor(a: Tnum, b: Tnum): Tnum {
  const mu = a.mask | b.mask;
  return tn((a.value ^ b.value) & ~mu & U64_MAX, mu);
}

/**
 * Long multiplication over the bits of `a` (6.18's version, "bpf: Improve the precision of tnum
 * multiplier"): a known 1 adds b, an unknown bit takes the union of adding and not adding it.
 * Not commutative in precision, so the operand order is the kernel's (dst, src).
 */
export function tnumMul(a: Tnum, b: Tnum): Tnum {
  let acc = tn(0n, 0n);
  let av = a.value;
  let am = a.mask;
  let bt = b;
  while (av !== 0n || am !== 0n) {
    if (av & 1n) acc = tnumAdd(acc, bt);
    else if (am & 1n) acc = tnumUnion(acc, tnumAdd(acc, bt));
    av >>= 1n;
    am >>= 1n;
    bt = tnumLshift(bt, 1);
  }
  return acc;
}

/** Whether some value could be a member of both (their known bits agree). */
export function tnumOverlap(a: Tnum, b: Tnum): boolean {
  const mu = ~a.mask & ~b.mask & U64_MAX;
  return (a.value & mu) === (b.value & mu);
}

/** Values in both; where a and b disagree on a known bit the result says 1, like the kernel. */
export function tnumIntersect(a: Tnum, b: Tnum): Tnum {
  const mu = a.mask & b.mask;
  return tn((a.value | b.value) & ~mu & U64_MAX, mu);
}

/** The smallest tnum holding every member of a and of b. */
export function tnumUnion(a: Tnum, b: Tnum): Tnum {
  const mu = (a.value ^ b.value) | a.mask | b.mask;
  return tn(a.value & b.value & ~mu & U64_MAX, mu);
}

/** Keeps the low `size` bytes (size 1..8). */
export function tnumCast(a: Tnum, size: number): Tnum {
  const m = size >= 8 ? U64_MAX : (1n << BigInt(size * 8)) - 1n;
  return tn(a.value & m, a.mask & m);
}

export function tnumIsAligned(a: Tnum, size: bigint): boolean {
  if (size === 0n) return true;
  return ((a.value | a.mask) & (size - 1n)) === 0n;
}

/** Whether every member of b is a member of a. */
export function tnumIn(a: Tnum, b: Tnum): boolean {
  if (b.mask & ~a.mask) return false;
  return a.value === (b.value & ~a.mask);
}

export const tnumIsConst = (a: Tnum): boolean => a.mask === 0n;
export const tnumEqualsConst = (a: Tnum, b: bigint): boolean => a.mask === 0n && a.value === (b & U64_MAX);
export const tnumIsUnknown = (a: Tnum): boolean => a.mask === U64_MAX;

/** The low 32 bits, zero-extended. */
export const tnumSubreg = (a: Tnum): Tnum => tn(a.value & U32_MASK, a.mask & U32_MASK);
export const tnumSubregIsConst = (a: Tnum): boolean => (a.mask & U32_MASK) === 0n;
/** The high 32 bits in place, low 32 bits known zero. */
export const tnumClearSubreg = (a: Tnum): Tnum => tn(a.value & ~U32_MASK & U64_MAX, a.mask & ~U32_MASK & U64_MAX);
export const tnumWithSubreg = (reg: Tnum, subreg: Tnum): Tnum => tnumOr(tnumClearSubreg(reg), tnumSubreg(subreg));
export const tnumConstSubreg = (a: Tnum, value: bigint): Tnum => tnumWithSubreg(a, tnumConst(value & U32_MASK));

function swapBytes(x: bigint, bytes: number): bigint {
  let out = 0n;
  for (let i = 0; i < bytes; i++) out = (out << 8n) | ((x >> BigInt(8 * i)) & 0xffn);
  return out;
}

export const tnumBswap16 = (a: Tnum): Tnum => tn(swapBytes(a.value, 2), swapBytes(a.mask, 2));
export const tnumBswap32 = (a: Tnum): Tnum => tn(swapBytes(a.value, 4), swapBytes(a.mask, 4));
export const tnumBswap64 = (a: Tnum): Tnum => tn(swapBytes(a.value, 8), swapBytes(a.mask, 8));

/**
 * The smallest member of t greater than z, for t.value <= z < max(t); z >= max(t) gives max(t) and
 * z < t.value gives t.value (the kernel's tnum_step, backported to 6.18 stable). Members are
 * t.value + s for submasks s of t.mask, so this is "the next submask of the mask after z - value".
 */
export function tnumStep(t: Tnum, z: bigint): bigint {
  const tmax = t.value | t.mask;
  if (z >= tmax) return tmax;
  if (z < t.value) return t.value;
  const d = z - t.value;
  // Fill every position that is not in the mask, and every position below the highest non-mask
  // bit of d, so that +1 ripples to the next mask bit above d's pattern.
  const high = fls64(d & ~t.mask & U64_MAX);
  const carry = (1n << BigInt(high)) - 1n;
  const filled = d | carry | (~t.mask & U64_MAX);
  return t.value | (((filled + 1n) % TWO64) & t.mask);
}

/** `(%#llx; %#llx)`; 6.18's log.c prints a constant as a number (decimal up to 65535). */
export function tnumStrn(a: Tnum): string {
  if (a.mask === 0n) return a.value <= 0xffffn ? a.value.toString() : hex(a.value);
  return `(${hex(a.value)}; ${hex(a.mask)})`;
}

/** 64 characters, most significant first: 0, 1, or x for an unknown bit. */
export function tnumSbin(a: Tnum): string {
  let s = '';
  for (let i = 63; i >= 0; i--) {
    const bit = 1n << BigInt(i);
    s += a.mask & bit ? 'x' : a.value & bit ? '1' : '0';
  }
  return s;
}

/** The kernel's %#llx (its vsnprintf prints the prefix for 0 too: "0x0"). */
export const hex = (x: bigint): string => `0x${x.toString(16)}`;

/** Reinterprets a u64 as s64. */
export const toS64 = (x: bigint): bigint => (x >= 0n && x < SIGN64 ? x : x & SIGN64 ? x - TWO64 : x); // the test first: no allocation
/** Reinterprets an s64 (or any integer) as u64. */
export const toU64 = (x: bigint): bigint => x & U64_MAX;
