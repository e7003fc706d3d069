// A scalar register's numeric knowledge exactly as Linux 6.18 (with its stable backports up to
// 6.18.44) keeps it in struct bpf_reg_state: a tnum plus signed/unsigned 64- and 32-bit bounds.
// This module is the kernel's transfer functions (adjust_scalar_min_max_vals and helpers), the one
// synchronisation step (reg_bounds_sync), the invariant check, and the branch logic
// (is_scalar_branch_taken, regs_refine_cond_op via reg_set_min_max). Registers' types, ids and
// linking belong to the verifier proper, not here.
//
// The API is pure: every exported function takes Scalars and returns new ones. Internally each
// kernel function is ported as a mutation of a private working copy, because the kernel's order
// of in-place updates is part of its semantics and has to be reproduced step by step.

import {
  TNUM_UNKNOWN, U32_MASK, U64_MAX, fls64, tnumAdd, tnumAnd, tnumArshift, tnumBswap16, tnumBswap32, tnumBswap64,
  tnumCast, tnumClearSubreg, tnumConst, tnumConstSubreg, tnumIntersect, tnumIsConst, tnumLshift, tnumMul, tnumNeg,
  tnumOr, tnumOverlap, tnumRange, tnumRshift, tnumStep, tnumSub, tnumSubreg, tnumSubregIsConst, tnumWithSubreg,
  tnumXor, toS64, hex, type Tnum,
} from './tnum.js';

export interface Scalar {
  readonly varOff: Tnum;
  /** Signed 64-bit bounds, as bigints in [-2^63, 2^63). */
  readonly smin: bigint;
  readonly smax: bigint;
  /** Unsigned 64-bit bounds, in [0, 2^64). */
  readonly umin: bigint;
  readonly umax: bigint;
  /** Signed 32-bit bounds, in [-2^31, 2^31). */
  readonly s32min: number;
  readonly s32max: number;
  /** Unsigned 32-bit bounds, in [0, 2^32). */
  readonly u32min: number;
  readonly u32max: number;
}

/** The kernel's working copy: the same fields, mutable. */
type R = { -readonly [K in keyof Scalar]: Scalar[K] };

export const S64_MIN = -0x8000_0000_0000_0000n;
export const S64_MAX = 0x7fff_ffff_ffff_ffffn;
export { U64_MAX };
export const S32_MIN = -0x8000_0000;
export const S32_MAX = 0x7fff_ffff;
export const U32_MAX = 0xffff_ffff;
const TWO64 = 0x1_0000_0000_0000_0000n;

/** The 32- and 64-bit ALU operations whose results the kernel tracks or forgets. */
export type ScalarAluOp =
  | 'add' | 'sub' | 'mul' | 'div' | 'sdiv' | 'mod' | 'smod' | 'or' | 'and' | 'lsh' | 'rsh' | 'arsh' | 'xor' | 'neg';
/** Conditional jumps, named as in the ISA table. */
export type JmpOp = 'jeq' | 'jgt' | 'jge' | 'jset' | 'jne' | 'jsgt' | 'jsge' | 'jlt' | 'jle' | 'jslt' | 'jsle';
/** The byte-order instructions: le/be (ALU class, imm 16/32/64) and bswap (ALU64). */
export type EndianOp = 'le' | 'be' | 'bswap';

// ---- small conversions (C casts) ----

const u32 = (x: number): number => x >>> 0;
const s32 = (x: number): number => x | 0;
/** (u32) of a 64-bit bigint. */
// A bigint's u32 halves (of its value mod 2^64) read through a typed array: no bigint is
// allocated for the masking or shifting, and the sync does several of these per instruction.
const SCRATCH64 = new BigUint64Array(1);
const SCRATCH32 = new Uint32Array(SCRATCH64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = 1 - LO;
const lo32 = (x: bigint): number => {
  SCRATCH64[0] = x;
  return SCRATCH32[LO]!;
};
/** (u32)(x >> 32) of the u64 (or two's-complement s64) x. */
const hi32 = (x: bigint): number => {
  SCRATCH64[0] = x;
  return SCRATCH32[HI]!;
};
/** (s32) of a 64-bit bigint. */
const slo32 = (x: bigint): number => lo32(x) | 0;
/** (u64) of an s64. */
const asU64 = (x: bigint): bigint => (x < 0n ? x + TWO64 : x);
const maxB = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const minB = (a: bigint, b: bigint): bigint => (a < b ? a : b);
/** u64 wrap-around of a mathematical result. */
const wrapU64 = (x: bigint): bigint => (x < 0n || x > U64_MAX ? x & U64_MAX : x);
const wrapS64 = (x: bigint): bigint => toS64(x & U64_MAX);

// Object literals in one field order rather than spreads: V8 spreads these small objects several
// times slower, and every ALU instruction and branch copies a scalar.
const copy = (s: Scalar): R => ({
  varOff: s.varOff, smin: s.smin, smax: s.smax, umin: s.umin, umax: s.umax,
  s32min: s.s32min, s32max: s.s32max, u32min: s.u32min, u32max: s.u32max,
});
const freeze: (r: R) => Scalar = copy;

// ---- construction ----

export const unknownScalar = (): Scalar => ({
  varOff: TNUM_UNKNOWN, smin: S64_MIN, smax: S64_MAX, umin: 0n, umax: U64_MAX,
  s32min: S32_MIN, s32max: S32_MAX, u32min: 0, u32max: U32_MAX,
});

/** ___mark_reg_known: every bound equal to the (u64) value. */
function markKnown(r: R, imm: bigint): void {
  const v = imm & U64_MAX;
  r.varOff = tnumConst(v);
  r.smin = r.smax = toS64(v);
  r.umin = r.umax = v;
  r.s32min = r.s32max = slo32(v);
  r.u32min = r.u32max = lo32(v);
}

/** A constant; negative values are taken as their two's-complement u64. */
export function knownScalar(value: bigint): Scalar {
  const v = value < 0n || value > U64_MAX ? value & U64_MAX : value;
  const sv = toS64(v);
  const lo = lo32(v);
  return { varOff: tnumConst(v), smin: sv, smax: sv, umin: v, umax: v, s32min: lo | 0, s32max: lo | 0, u32min: lo, u32max: lo };
}

function markKnown32(r: R, imm: bigint): void {
  r.varOff = tnumConstSubreg(r.varOff, imm);
  r.s32min = r.s32max = slo32(imm);
  r.u32min = r.u32max = lo32(imm);
}

function markUnbounded(r: R): void {
  mark64Unbounded(r);
  mark32Unbounded(r);
}
function mark64Unbounded(r: R): void {
  r.smin = S64_MIN; r.smax = S64_MAX; r.umin = 0n; r.umax = U64_MAX;
}
function mark32Unbounded(r: R): void {
  r.s32min = S32_MIN; r.s32max = S32_MAX; r.u32min = 0; r.u32max = U32_MAX;
}

/** __mark_reg_unknown's numeric part: nothing known. */
function markUnknown(r: R): void {
  r.varOff = TNUM_UNKNOWN;
  markUnbounded(r);
}

// ---- predicates ----

export const isConstScalar = (s: Scalar, subreg32 = false): boolean =>
  tnumIsConst(subreg32 ? tnumSubreg(s.varOff) : s.varOff);
/** reg_const_value: the constant (low 32 bits, zero-extended, for subreg32). */
export const scalarConstValue = (s: Scalar, subreg32 = false): bigint =>
  subreg32 ? s.varOff.value & U32_MASK : s.varOff.value;
/** get_reg_width: how many low bits the value can occupy. */
export const scalarWidth = (s: Scalar): number => fls64(s.umax);

// ---- reg_bounds_sync and its parts ----

function updateBounds32(r: R): void {
  const v = tnumSubreg(r.varOff);
  const val = Number(v.value);
  const mask = Number(v.mask);
  // min signed is max(sign bit) | min(other bits); max signed the reverse
  r.s32min = Math.max(r.s32min, s32(val | (mask & 0x8000_0000)));
  r.s32max = Math.min(r.s32max, s32(val | (mask & 0x7fff_ffff)));
  r.u32min = Math.max(r.u32min, u32(val));
  r.u32max = Math.min(r.u32max, u32(val | mask));
}

function updateBounds64(r: R): void {
  const { value, mask } = r.varOff;
  r.smin = maxB(r.smin, toS64(value | (mask & 0x8000_0000_0000_0000n)));
  r.smax = minB(r.smax, toS64(value | (mask & 0x7fff_ffff_ffff_ffffn)));
  r.umin = maxB(r.umin, value);
  r.umax = minB(r.umax, value | mask);

  // When the u64 range and the tnum have exactly one member in common, the value is known
  // ("bpf: Improve bounds when tnum has a single possible value", in 6.18 stable).
  const next = tnumStep(r.varOff, r.umin);
  const uminInTnum = (r.umin & ~mask & U64_MAX) === value;
  const tmax = value | mask;
  if (uminInTnum && next > r.umax) markKnown(r, r.umin);
  else if (!uminInTnum && next === tmax) markKnown(r, tmax);
  else if (!uminInTnum && next <= r.umax && tnumStep(r.varOff, next) > r.umax) markKnown(r, next);
}

function updateBounds(r: R): void {
  updateBounds32(r);
  updateBounds64(r);
}

function deduceBounds32(r: R): void {
  // the 64-bit bounds do not change here: split them into 32-bit halves once
  const uminLo = lo32(r.umin);
  const umaxLo = lo32(r.umax);
  const uminHi = hi32(r.umin);
  const umaxHi = hi32(r.umax);
  const sminLo = lo32(r.smin);
  const smaxLo = lo32(r.smax);
  const sminHi = hi32(r.smin);
  const smaxHi = hi32(r.smax);
  // Upper 32 bits constant over the u64 (or s64) range: the low halves form a range too.
  if (uminHi === umaxHi) {
    r.u32min = Math.max(r.u32min, uminLo);
    r.u32max = Math.min(r.u32max, umaxLo);
    if (s32(uminLo) <= s32(umaxLo)) {
      r.s32min = Math.max(r.s32min, s32(uminLo));
      r.s32max = Math.min(r.s32max, s32(umaxLo));
    }
  }
  if (sminHi === smaxHi) {
    if (sminLo <= smaxLo) {
      r.u32min = Math.max(r.u32min, sminLo);
      r.u32max = Math.min(r.u32max, smaxLo);
    }
    if (s32(sminLo) <= s32(smaxLo)) {
      r.s32min = Math.max(r.s32min, s32(sminLo));
      r.s32max = Math.min(r.s32max, s32(smaxLo));
    }
  }
  // Upper halves two consecutive numbers while the low halves cross from negative to positive.
  if (u32(uminHi + 1) === umaxHi && s32(uminLo) < 0 && s32(umaxLo) >= 0) {
    r.s32min = Math.max(r.s32min, s32(uminLo));
    r.s32max = Math.min(r.s32max, s32(umaxLo));
  }
  if (u32(sminHi + 1) === smaxHi && s32(sminLo) < 0 && s32(smaxLo) >= 0) {
    r.s32min = Math.max(r.s32min, s32(sminLo));
    r.s32max = Math.min(r.s32max, s32(smaxLo));
  }
  // u32 range that does not cross the sign bit is also an s32 range, and vice versa.
  if (s32(r.u32min) <= s32(r.u32max)) {
    r.s32min = Math.max(r.s32min, s32(r.u32min));
    r.s32max = Math.min(r.s32max, s32(r.u32max));
  }
  if (u32(r.s32min) <= u32(r.s32max)) {
    r.u32min = Math.max(u32(r.s32min), r.u32min);
    r.u32max = Math.min(u32(r.s32max), r.u32max);
  } else if (r.u32max < u32(r.s32min)) {
    // the s32 range wraps and the u32 range only meets its non-negative part (as in 64 bits)
    r.s32min = s32(r.u32min);
    r.u32max = Math.min(r.u32max, u32(r.s32max));
  } else if (u32(r.s32max) < r.u32min) {
    // ... or only its negative part
    r.s32max = s32(r.u32max);
    r.u32min = Math.max(r.u32min, u32(r.s32min));
  }
}

function deduceBounds64(r: R): void {
  if (toS64(r.umin) <= toS64(r.umax)) {
    r.smin = maxB(r.smin, toS64(r.umin));
    r.smax = minB(r.smax, toS64(r.umax));
  }
  if (asU64(r.smin) <= asU64(r.smax)) {
    r.umin = maxB(asU64(r.smin), r.umin);
    r.umax = minB(asU64(r.smax), r.umax);
  } else if (r.umax < asU64(r.smin)) {
    // the s64 range wraps and the u64 range only meets its non-negative part
    r.smin = toS64(r.umin);
    r.umax = minB(r.umax, asU64(r.smax));
  } else if (asU64(r.smax) < r.umin) {
    // ... or only its negative part
    r.smax = toS64(r.umax);
    r.umin = maxB(r.umin, asU64(r.smin));
  }
}

const HI32 = ~U32_MASK & U64_MAX;
const S32_MIN_B = BigInt(S32_MIN);
const S32_MAX_B = BigInt(S32_MAX);

function deduceMixedBounds(r: R): void {
  // The 32-bit bounds substituted into the low halves of the 64-bit ones.
  const u32minB = BigInt(r.u32min);
  const u32maxB = BigInt(r.u32max);
  const newUmin = (r.umin & HI32) | u32minB;
  const newUmax = (r.umax & HI32) | u32maxB;
  if (newUmin > r.umin) r.umin = newUmin;
  if (newUmax < r.umax) r.umax = newUmax;
  const newSmin = toS64((asU64(r.smin) & HI32) | u32minB);
  const newSmax = toS64((asU64(r.smax) & HI32) | u32maxB);
  if (newSmin > r.smin) r.smin = newSmin;
  if (newSmax < r.smax) r.smax = newSmax;
  // After a sign-extending load the upper half is all 0s or all 1s; a non-negative low half
  // inside [S32_MIN, S32_MAX] rules out the all-1s case.
  if (r.s32min >= 0 && r.smin >= S32_MIN_B && r.smax <= S32_MAX_B) {
    r.smin = BigInt(r.s32min);
    r.smax = BigInt(r.s32max);
    r.umin = asU64(r.smin);
    r.umax = asU64(r.smax); // a negative s32 max wraps to a huge u64, as in C
    r.varOff = tnumIntersect(r.varOff, tnumRange(r.umin, r.umax));
  }
}

function deduceBounds(r: R): void {
  deduceBounds32(r);
  deduceBounds64(r);
  deduceMixedBounds(r);
}

function boundOffset(r: R): void {
  const var64 = tnumIntersect(r.varOff, tnumRange(r.umin, r.umax));
  const var32 = tnumIntersect(tnumSubreg(var64), tnumRange(BigInt(r.u32min), BigInt(r.u32max)));
  r.varOff = tnumOr(tnumClearSubreg(var64), var32);
}

function sync(r: R): void {
  // A constant tnum whose value every bound admits syncs to exactly that constant (each step
  // below only moves bounds onto it); anything else, including a contradiction, takes the full
  // path so that its violation is reproduced.
  if (r.varOff.mask === 0n && constWithinBounds(r)) {
    markKnown(r, r.varOff.value);
    return;
  }
  updateBounds(r); // learn from the tnum
  // signed and unsigned, 32 and 64 bits, inform each other (three rounds); a round that changes
  // nothing is a fixed point, so the remaining rounds would not either
  for (let round = 0; round < 3; round++) {
    const { varOff, smin, smax, umin, umax, s32min, s32max, u32min, u32max } = r;
    deduceBounds(r);
    if (r.varOff === varOff && r.smin === smin && r.smax === smax && r.umin === umin && r.umax === umax &&
      r.s32min === s32min && r.s32max === s32max && r.u32min === u32min && r.u32max === u32max) break;
  }
  boundOffset(r); // learn bits from the bounds
  updateBounds(r); // and bounds from the improved tnum
}

/** Whether the constant in r's (constant) tnum lies within all eight bounds. */
function constWithinBounds(r: R): boolean {
  const v = r.varOff.value;
  const sv = toS64(v);
  const lo = lo32(v);
  const slo = lo | 0;
  return r.umin <= v && v <= r.umax && r.smin <= sv && sv <= r.smax &&
    r.u32min <= lo && lo <= r.u32max && r.s32min <= slo && slo <= r.s32max;
}

/** reg_bounds_sync exactly as the kernel runs it (always three rounds, no shortcut): the
 * reference tests/verifier/fastpath.test.ts holds syncBounds to. */
export function syncBoundsReference(s: Scalar): Scalar {
  const r = copy(s);
  updateBounds(r);
  deduceBounds(r);
  deduceBounds(r);
  deduceBounds(r);
  boundOffset(r);
  updateBounds(r);
  return freeze(r);
}

/** reg_bounds_sync: the one place where the tnum and the eight bounds inform each other. */
export function syncBounds(s: Scalar): Scalar {
  const r = copy(s);
  sync(r);
  return freeze(r);
}

/**
 * reg_bounds_sanity_check: the reason the state is impossible, or undefined when it is fine.
 * (The kernel then logs "verifier bug" and forgets the bounds, keeping the tnum.)
 */
export function boundsViolation(s: Scalar): string | undefined {
  if (s.umin > s.umax || s.smin > s.smax || s.u32min > s.u32max || s.s32min > s.s32max) {
    return 'range bounds violation';
  }
  if (tnumIsConst(s.varOff)) {
    const u = s.varOff.value;
    if (s.umin !== u || s.umax !== u || s.smin !== toS64(u) || s.smax !== toS64(u)) {
      return 'const tnum out of sync with range bounds';
    }
  }
  if (tnumSubregIsConst(s.varOff)) {
    const u = lo32(s.varOff.value);
    if (s.u32min !== u || s.u32max !== u || s.s32min !== s32(u) || s.s32max !== s32(u)) {
      return 'const subreg tnum out of sync with range bounds';
    }
  }
  return undefined;
}

/** The kernel's log line for a violation, e.g. ctx "alu" or "true_reg1" (without newline). */
export function boundsViolationLog(ctx: string, msg: string, s: Scalar): string {
  return `verifier bug: REG INVARIANTS VIOLATION (${ctx}): ${msg} u64=[${hex(s.umin)}, ${hex(s.umax)}] ` +
    `s64=[${hex(asU64(s.smin))}, ${hex(asU64(s.smax))}] u32=[${hex(BigInt(s.u32min))}, ${hex(BigInt(s.u32max))}] ` +
    `s32=[${hex(BigInt(u32(s.s32min)))}, ${hex(BigInt(u32(s.s32max)))}] ` +
    `var_off=(${hex(s.varOff.value)}, ${hex(s.varOff.mask)})`;
}

/** What the kernel does after a violation when not testing invariants: drop the bounds. */
export function forgetBounds(s: Scalar): Scalar {
  const r = copy(s);
  markUnbounded(r);
  return freeze(r);
}

/** reg_bounds_sanity_check when the invariants are enforced (tests): throws on a violation. */
export function assertBoundsSane(s: Scalar, ctx = 'check'): Scalar {
  const msg = boundsViolation(s);
  if (msg) throw new Error(boundsViolationLog(ctx, msg, s));
  return s;
}

// ---- 32 → 64 ----

function assign32Into64(r: R): void {
  r.umin = BigInt(r.u32min);
  r.umax = BigInt(r.u32max);
  // only a non-negative s32 range carries over; otherwise refine later from the tnum
  if (r.s32min >= 0 && r.s32max >= 0) {
    r.smin = BigInt(r.s32min);
    r.smax = BigInt(r.s32max);
  } else {
    r.smin = 0n;
    r.smax = BigInt(U32_MAX);
  }
}

/** zext_32_to_64: what any 32-bit ALU result does to the upper half. */
function zext32To64(r: R): void {
  r.varOff = tnumSubreg(r.varOff);
  assign32Into64(r);
}

/** The value of `w = w` (BPF_MOV32 reg): zero-extended and synced. */
export function scalarZext32(s: Scalar): Scalar {
  const r = copy(s);
  zext32To64(r);
  sync(r);
  return freeze(r);
}

/** zext_32_to_64 alone, without the sync (the verifier's linked-register update needs it). */
export function scalarZext32NoSync(s: Scalar): Scalar {
  const r = copy(s);
  zext32To64(r);
  return freeze(r);
}

// ---- ALU transfer functions (one per op per width) ----

const inS32 = (x: number): boolean => x >= S32_MIN && x <= S32_MAX;
const inS64 = (x: bigint): boolean => x >= S64_MIN && x <= S64_MAX;

function add32(dst: R, src: Scalar): void {
  const smin = dst.s32min + src.s32min;
  const smax = dst.s32max + src.s32max;
  if (!inS32(smin) || !inS32(smax)) {
    dst.s32min = S32_MIN; dst.s32max = S32_MAX;
  } else {
    dst.s32min = smin; dst.s32max = smax;
  }
  // all additions overflow or none does: the wrapped bounds are fine; only a partial overflow loses
  const umin = dst.u32min + src.u32min;
  const umax = dst.u32max + src.u32max;
  dst.u32min = u32(umin);
  dst.u32max = u32(umax);
  if (umin <= U32_MAX && umax > U32_MAX) {
    dst.u32min = 0; dst.u32max = U32_MAX;
  }
}

function add64(dst: R, src: Scalar): void {
  const smin = dst.smin + src.smin;
  const smax = dst.smax + src.smax;
  if (!inS64(smin) || !inS64(smax)) {
    dst.smin = S64_MIN; dst.smax = S64_MAX;
  } else {
    dst.smin = smin; dst.smax = smax;
  }
  const umin = dst.umin + src.umin;
  const umax = dst.umax + src.umax;
  dst.umin = wrapU64(umin);
  dst.umax = wrapU64(umax);
  if (umin <= U64_MAX && umax > U64_MAX) {
    dst.umin = 0n; dst.umax = U64_MAX;
  }
}

function sub32(dst: R, src: Scalar): void {
  const smin = dst.s32min - src.s32max;
  const smax = dst.s32max - src.s32min;
  if (!inS32(smin) || !inS32(smax)) {
    dst.s32min = S32_MIN; dst.s32max = S32_MAX;
  } else {
    dst.s32min = smin; dst.s32max = smax;
  }
  const umin = dst.u32min - src.u32max;
  const umax = dst.u32max - src.u32min;
  dst.u32min = u32(umin);
  dst.u32max = u32(umax);
  if (umin < 0 && umax >= 0) {
    dst.u32min = 0; dst.u32max = U32_MAX;
  }
}

function sub64(dst: R, src: Scalar): void {
  const smin = dst.smin - src.smax;
  const smax = dst.smax - src.smin;
  if (!inS64(smin) || !inS64(smax)) {
    dst.smin = S64_MIN; dst.smax = S64_MAX;
  } else {
    dst.smin = smin; dst.smax = smax;
  }
  const umin = dst.umin - src.umax;
  const umax = dst.umax - src.umin;
  dst.umin = wrapU64(umin);
  dst.umax = wrapU64(umax);
  if (umin < 0n && umax >= 0n) {
    dst.umin = 0n; dst.umax = U64_MAX;
  }
}

function mul32(dst: R, src: Scalar): void {
  // check_mul_overflow stores the wrapped product even when it overflows; the result is then
  // replaced anyway, so only the non-overflowing products matter here.
  const umax = dst.u32max * src.u32max;
  const umin = dst.u32min * src.u32min;
  if (umax > U32_MAX || umin > U32_MAX) {
    dst.u32min = 0; dst.u32max = U32_MAX;
  } else {
    dst.u32min = umin; dst.u32max = umax;
  }
  const p = [dst.s32min * src.s32min, dst.s32min * src.s32max, dst.s32max * src.s32min, dst.s32max * src.s32max];
  if (!p.every(inS32)) {
    dst.s32min = S32_MIN; dst.s32max = S32_MAX;
  } else {
    dst.s32min = Math.min(...p); dst.s32max = Math.max(...p);
  }
}

function mul64(dst: R, src: Scalar): void {
  const umax = dst.umax * src.umax;
  const umin = dst.umin * src.umin;
  if (umax > U64_MAX || umin > U64_MAX) {
    dst.umin = 0n; dst.umax = U64_MAX;
  } else {
    dst.umin = umin; dst.umax = umax;
  }
  const p = [dst.smin * src.smin, dst.smin * src.smax, dst.smax * src.smin, dst.smax * src.smax];
  if (!p.every(inS64)) {
    dst.smin = S64_MIN; dst.smax = S64_MAX;
  } else {
    dst.smin = p.reduce(minB); dst.smax = p.reduce(maxB);
  }
}

/** Shared tail of the 32-bit bitwise ops: an u32 range not crossing the sign bit is an s32 range. */
function s32FromU32(dst: R): void {
  if (s32(dst.u32min) <= s32(dst.u32max)) {
    dst.s32min = s32(dst.u32min); dst.s32max = s32(dst.u32max);
  } else {
    dst.s32min = S32_MIN; dst.s32max = S32_MAX;
  }
}
function s64FromU64(dst: R): void {
  if (toS64(dst.umin) <= toS64(dst.umax)) {
    dst.smin = toS64(dst.umin); dst.smax = toS64(dst.umax);
  } else {
    dst.smin = S64_MIN; dst.smax = S64_MAX;
  }
}

function and32(dst: R, src: Scalar): void {
  const v32 = tnumSubreg(dst.varOff);
  if (tnumSubregIsConst(src.varOff) && tnumSubregIsConst(dst.varOff)) {
    markKnown32(dst, v32.value);
    return;
  }
  // the minimum comes from the tnum (bitwise), the maximum is the smaller maximum
  dst.u32min = Number(v32.value);
  dst.u32max = Math.min(dst.u32max, src.u32max);
  s32FromU32(dst);
}

function and64(dst: R, src: Scalar): void {
  if (tnumIsConst(src.varOff) && tnumIsConst(dst.varOff)) {
    markKnown(dst, dst.varOff.value);
    return;
  }
  dst.umin = dst.varOff.value;
  dst.umax = minB(dst.umax, src.umax);
  s64FromU64(dst);
  updateBounds(dst);
}

function or32(dst: R, src: Scalar): void {
  const v32 = tnumSubreg(dst.varOff);
  if (tnumSubregIsConst(src.varOff) && tnumSubregIsConst(dst.varOff)) {
    markKnown32(dst, v32.value);
    return;
  }
  // the maximum comes from the tnum, the minimum is the larger minimum
  dst.u32min = Math.max(dst.u32min, src.u32min);
  dst.u32max = Number(v32.value | v32.mask);
  s32FromU32(dst);
}

function or64(dst: R, src: Scalar): void {
  if (tnumIsConst(src.varOff) && tnumIsConst(dst.varOff)) {
    markKnown(dst, dst.varOff.value);
    return;
  }
  dst.umin = maxB(dst.umin, src.umin);
  dst.umax = dst.varOff.value | dst.varOff.mask;
  s64FromU64(dst);
  updateBounds(dst);
}

function xor32(dst: R, src: Scalar): void {
  const v32 = tnumSubreg(dst.varOff);
  if (tnumSubregIsConst(src.varOff) && tnumSubregIsConst(dst.varOff)) {
    markKnown32(dst, v32.value);
    return;
  }
  dst.u32min = Number(v32.value);
  dst.u32max = Number(v32.value | v32.mask);
  s32FromU32(dst);
}

function xor64(dst: R, src: Scalar): void {
  if (tnumIsConst(src.varOff) && tnumIsConst(dst.varOff)) {
    markKnown(dst, dst.varOff.value);
    return;
  }
  dst.umin = dst.varOff.value;
  dst.umax = dst.varOff.value | dst.varOff.mask;
  s64FromU64(dst);
  updateBounds(dst);
}

function lsh32Bounds(dst: R, uminVal: bigint, umaxVal: bigint): void {
  // the sign bit is lost (except what the tnum knows)
  dst.s32min = S32_MIN; dst.s32max = S32_MAX;
  if (umaxVal > 31n || BigInt(dst.u32max) > 1n << (31n - umaxVal)) {
    dst.u32min = 0; dst.u32max = U32_MAX; // the top bit may be shifted out
  } else {
    dst.u32min = u32(Number((BigInt(dst.u32min) << uminVal) & U32_MASK));
    dst.u32max = u32(Number((BigInt(dst.u32max) << umaxVal) & U32_MASK));
  }
}

function lsh32(dst: R, src: Scalar): void {
  const sub = tnumSubreg(dst.varOff);
  lsh32Bounds(dst, BigInt(src.u32min), BigInt(src.u32max));
  dst.varOff = tnumSubreg(tnumLshift(sub, src.u32min));
  mark64Unbounded(dst); // the zext later re-derives them from the tnum
  updateBounds32(dst);
}

function lsh64Bounds(dst: R, uminVal: bigint, umaxVal: bigint): void {
  // <<32 moves the s32 bounds into the upper half exactly (the "<<32 s>>32" sign-extension
  // idiom); the running 6.18.44 does this for negative bounds too
  const by32 = uminVal === 32n && umaxVal === 32n;
  dst.smax = by32 ? BigInt(dst.s32max) << 32n : S64_MAX;
  dst.smin = by32 ? BigInt(dst.s32min) << 32n : S64_MIN;
  if (dst.umax > 1n << (63n - umaxVal)) {
    dst.umin = 0n; dst.umax = U64_MAX;
  } else {
    dst.umin = wrapU64(dst.umin << uminVal);
    dst.umax = wrapU64(dst.umax << umaxVal);
  }
}

function lsh64(dst: R, src: Scalar): void {
  // the 64-bit part reads the unshifted 32-bit bounds, so it goes first
  lsh64Bounds(dst, src.umin, src.umax);
  lsh32Bounds(dst, src.umin, src.umax);
  dst.varOff = tnumLshift(dst.varOff, Number(src.umin));
  updateBounds(dst);
}

function rsh32(dst: R, src: Scalar): void {
  const sub = tnumSubreg(dst.varOff);
  // an unsigned shift: the signed bounds are re-derived from the unsigned ones and the tnum
  dst.s32min = S32_MIN; dst.s32max = S32_MAX;
  dst.varOff = tnumRshift(sub, src.u32min);
  dst.u32min = u32(Math.floor(dst.u32min / 2 ** src.u32max));
  dst.u32max = u32(Math.floor(dst.u32max / 2 ** src.u32min));
  mark64Unbounded(dst);
  updateBounds32(dst);
}

function rsh64(dst: R, src: Scalar): void {
  dst.smin = S64_MIN; dst.smax = S64_MAX;
  dst.varOff = tnumRshift(dst.varOff, Number(src.umin));
  dst.umin >>= src.umax;
  dst.umax >>= src.umin;
  mark32Unbounded(dst); // bits shift in from the upper half; re-derive from the tnum
  updateBounds(dst);
}

function arsh32(dst: R, src: Scalar): void {
  const sh = src.u32min; // the shift is known to be a constant here
  dst.s32min >>= sh;
  dst.s32max >>= sh;
  dst.varOff = tnumArshift(tnumSubreg(dst.varOff), sh, 32);
  dst.u32min = 0; dst.u32max = U32_MAX;
  mark64Unbounded(dst);
  updateBounds32(dst);
}

function arsh64(dst: R, src: Scalar): void {
  const sh = src.umin;
  dst.smin >>= sh;
  dst.smax >>= sh;
  dst.varOff = tnumArshift(dst.varOff, Number(sh), 64);
  dst.umin = 0n; dst.umax = U64_MAX;
  mark32Unbounded(dst);
  updateBounds(dst);
}

/** coerce_reg_to_size: keep the low `size` bytes (1, 2 or 4), as a narrow load or le16/le32 does. */
function coerceToSize(r: R, size: number): void {
  r.varOff = tnumCast(r.varOff, size);
  const mask = (1n << BigInt(size * 8)) - 1n;
  if ((r.umin & ~mask) === (r.umax & ~mask)) {
    r.umin &= mask;
    r.umax &= mask;
  } else {
    r.umin = 0n;
    r.umax = mask;
  }
  r.smin = r.umin;
  r.smax = r.umax;
  // below 32 bits the 32-bit bounds were truncated too; let the sync rebuild them
  if (size < 4) mark32Unbounded(r);
  sync(r);
}

/** A register truncated to its low 1, 2 or 4 bytes (zero-extended), synced. */
export function scalarTruncate(s: Scalar, size: 1 | 2 | 4): Scalar {
  const r = copy(s);
  coerceToSize(r, size);
  return freeze(r);
}

/**
 * is_safe_to_compute_dst_reg_range: whether the kernel tracks `dst op= src` at all; when it does
 * not, the result is an unknown scalar (and the verifier drops the register's id).
 */
export function aluResultTracked(op: ScalarAluOp, alu32: boolean, src: Scalar): boolean {
  const bitness = alu32 ? 32 : 64;
  const srcConst = alu32
    ? tnumSubregIsConst(src.varOff) && src.s32min === src.s32max && src.u32min === src.u32max
    : tnumIsConst(src.varOff) && src.smin === src.smax && src.umin === src.umax;
  switch (op) {
    case 'add': case 'sub': case 'neg': case 'and': case 'xor': case 'or': case 'mul':
      return true;
    case 'lsh': case 'rsh': case 'arsh':
      // shifts by a non-constant or by >= the width are not tracked (src.umax is the 64-bit one)
      return srcConst && src.umax < BigInt(bitness);
    default:
      return false; // div, mod and their signed forms: 6.18 does not track them
  }
}

/**
 * adjust_scalar_min_max_vals: `dst op= src` for two scalars, 64-bit or 32-bit (zero-extended),
 * followed by reg_bounds_sync. For an immediate, pass knownScalar(BigInt(imm)) (sign-extended);
 * for neg, src is ignored.
 */
export function scalarAlu(op: ScalarAluOp, dst: Scalar, src: Scalar, alu32: boolean): Scalar {
  if (!aluResultTracked(op, alu32, src)) return unknownScalar();
  if (isExactConst(dst) && isExactConst(src)) return constAlu(op, dst.varOff.value, src.varOff.value, alu32);
  return scalarAluGeneric(op, dst, src, alu32);
}

/** A constant in every domain: the tnum and all eight bounds (what markKnown builds). */
function isExactConst(s: Scalar): boolean {
  if (s.varOff.mask !== 0n) return false;
  const v = s.varOff.value;
  if (s.umin !== v || s.umax !== v) return false;
  const sv = toS64(v);
  if (s.smin !== sv || s.smax !== sv) return false;
  const lo = lo32(v);
  return s.u32min === lo && s.u32max === lo && s.s32min === (lo | 0) && s.s32max === (lo | 0);
}

/**
 * `dst op= src` for two exact constants (a tracked op; shifts by less than the width). The
 * transfer functions then compute bounds that are either exact or unbounded, never wrong, and
 * the sync pins them all to the constant tnum: the result is the concrete value as a constant.
 * tests/verifier/fastpath.test.ts holds this against scalarAluGeneric.
 */
function constAlu(op: ScalarAluOp, a: bigint, b: bigint, alu32: boolean): Scalar {
  let v: bigint;
  if (alu32) {
    const x = a & U32_MASK;
    const y = b & U32_MASK;
    switch (op) {
      case 'add': v = x + y; break;
      case 'sub': v = x - y; break;
      case 'neg': v = -x; break;
      case 'mul': v = x * y; break;
      case 'and': v = x & y; break;
      case 'or': v = x | y; break;
      case 'xor': v = x ^ y; break;
      case 'lsh': v = x << y; break;
      case 'rsh': v = x >> y; break;
      case 'arsh': v = BigInt.asIntN(32, x) >> y; break;
      default: throw new Error(`untracked op ${op}`);
    }
    return knownScalar(v & U32_MASK);
  }
  switch (op) {
    case 'add': v = a + b; break;
    case 'sub': v = a - b; break;
    case 'neg': v = -a; break;
    case 'mul': v = a * b; break;
    case 'and': v = a & b; break;
    case 'or': v = a | b; break;
    case 'xor': v = a ^ b; break;
    case 'lsh': v = a << b; break;
    case 'rsh': v = a >> b; break;
    case 'arsh': v = toS64(a) >> b; break;
    default: throw new Error(`untracked op ${op}`);
  }
  return knownScalar(v);
}

/** scalarAlu without the constant fast path (exported for the test that holds the two equal). */
export function scalarAluGeneric(op: ScalarAluOp, dst: Scalar, src: Scalar, alu32: boolean): Scalar {
  if (!aluResultTracked(op, alu32, src)) return unknownScalar();
  const r = copy(dst);
  switch (op) {
    case 'add':
      add32(r, src);
      add64(r, src);
      r.varOff = tnumAdd(r.varOff, src.varOff);
      break;
    case 'sub':
      sub32(r, src);
      sub64(r, src);
      r.varOff = tnumSub(r.varOff, src.varOff);
      break;
    case 'neg': {
      // dst = 0 - old dst
      const old = dst;
      markKnown(r, 0n);
      sub32(r, old);
      sub64(r, old);
      r.varOff = tnumNeg(old.varOff);
      break;
    }
    case 'mul':
      r.varOff = tnumMul(r.varOff, src.varOff);
      mul32(r, src);
      mul64(r, src);
      break;
    case 'and':
      r.varOff = tnumAnd(r.varOff, src.varOff);
      and32(r, src);
      and64(r, src);
      break;
    case 'or':
      r.varOff = tnumOr(r.varOff, src.varOff);
      or32(r, src);
      or64(r, src);
      break;
    case 'xor':
      r.varOff = tnumXor(r.varOff, src.varOff);
      xor32(r, src);
      xor64(r, src);
      break;
    case 'lsh':
      if (alu32) lsh32(r, src);
      else lsh64(r, src);
      break;
    case 'rsh':
      if (alu32) rsh32(r, src);
      else rsh64(r, src);
      break;
    case 'arsh':
      if (alu32) arsh32(r, src);
      else arsh64(r, src);
      break;
    default:
      break;
  }
  if (alu32) zext32To64(r);
  sync(r);
  return freeze(r);
}

/**
 * maybe_fork_scalars (in 6.18 stable): before `dst &= K` or `dst |= K` with a constant K, a
 * register whose signed range is exactly [-1, 0] (64-bit first, else the 32-bit half) is split
 * into its two values. The verifier continues with `minusOne` and queues `zero` as a new state at
 * the same instruction. In the 64-bit case both halves are fresh constants (the register loses
 * its id); in the 32-bit case only the low half becomes known.
 */
export function splitMinusOneOrZero(dst: Scalar): { minusOne: Scalar; zero: Scalar; width: 32 | 64 } | undefined {
  let width: 32 | 64;
  if (dst.smin === -1n && dst.smax === 0n) width = 64;
  else if (dst.s32min === -1 && dst.s32max === 0) width = 32;
  else return undefined;
  const minusOne = copy(dst);
  const zero = copy(dst);
  if (width === 64) {
    markKnown(minusOne, U64_MAX);
    markKnown(zero, 0n);
  } else {
    markKnown32(minusOne, U64_MAX);
    markKnown32(zero, 0n);
  }
  return { minusOne: freeze(minusOne), zero: freeze(zero), width };
}

/** `dst += src` on both widths and the tnum, without the sync (sync_linked_regs' delta step). */
export function scalarAddNoSync(dst: Scalar, src: Scalar): Scalar {
  const r = copy(dst);
  add32(r, src);
  add64(r, src);
  r.varOff = tnumAdd(r.varOff, src.varOff);
  return freeze(r);
}

/** Whether a byte-order instruction changes the register (so it loses its scalar id). */
export function endianMutates(op: EndianOp, bits: 16 | 32 | 64): boolean {
  return op !== 'le' || bits !== 64; // x86 is little-endian: le64 is a no-op
}

/**
 * BPF_END through adjust_scalar_min_max_vals (scalar_byte_swap, backported to 6.18 stable):
 * a byte swap permutes the tnum and forgets the bounds; 16/32-bit forms then truncate.
 * Little-endian host, so `le` only truncates and `be`/`bswap` swap.
 */
export function scalarEndian(dst: Scalar, op: EndianOp, bits: 16 | 32 | 64): Scalar {
  const r = copy(dst);
  if (op !== 'le') {
    r.varOff = bits === 16 ? tnumBswap16(r.varOff) : bits === 32 ? tnumBswap32(r.varOff) : tnumBswap64(r.varOff);
    markUnbounded(r);
  }
  if (bits === 16 || bits === 32) coerceToSize(r, bits / 8);
  sync(r);
  return freeze(r);
}

// ---- sign extension (movsx) ----

const sextN = (x: bigint, size: number): bigint => BigInt.asIntN(size * 8, x);

/** coerce_reg_to_size_sx: `r = (s8|s16|s32) r`. Not synced, like the kernel's movsx path. */
export function scalarSext64(s: Scalar, size: 1 | 2 | 4): Scalar {
  const r = copy(s);
  if (tnumIsConst(r.varOff)) {
    markKnown(r, sextN(r.varOff.value, size));
    return freeze(r);
  }
  const bits = BigInt(size * 8);
  const topSmax = (asU64(r.smax) >> bits) << bits;
  const topSmin = (asU64(r.smin) >> bits) << bits;
  if (topSmax === topSmin) {
    const a = sextN(asU64(r.smax), size);
    const b = sextN(asU64(r.smin), size);
    const hi = maxB(a, b);
    const lo = minB(a, b);
    if (hi >= 0n === lo >= 0n) {
      r.smin = lo; r.s32min = Number(lo);
      r.smax = hi; r.s32max = Number(hi);
      r.umin = asU64(lo); r.u32min = lo32(asU64(lo));
      r.umax = asU64(hi); r.u32max = lo32(asU64(hi));
      r.varOff = tnumRange(asU64(lo), asU64(hi));
      return freeze(r);
    }
  }
  // set_sext64_default_val: the whole range of the narrow type
  const half = 2 ** (size * 8 - 1);
  r.smin = BigInt(-half); r.s32min = -half;
  r.smax = BigInt(half - 1); r.s32max = half - 1;
  r.umin = 0n; r.u32min = 0;
  r.umax = U64_MAX; r.u32max = U32_MAX;
  r.varOff = TNUM_UNKNOWN;
  return freeze(r);
}

/**
 * `w = (s8|s16) w`: coerce_subreg_to_size_sx, then the zero-extension and sync every 32-bit
 * move gets.
 */
export function scalarSext32(s: Scalar, size: 1 | 2): Scalar {
  const r = copy(s);
  sext32(r, size);
  zext32To64(r);
  sync(r);
  return freeze(r);
}

function sext32(r: R, size: 1 | 2): void {
  if (tnumIsConst(r.varOff)) {
    r.varOff = tnumConst(sextN(r.varOff.value, size));
    const v = slo32(r.varOff.value);
    r.s32min = r.s32max = v;
    r.u32min = r.u32max = u32(v);
    return;
  }
  const bits = size * 8;
  const topSmax = u32(Math.floor(u32(r.s32max) / 2 ** bits) * 2 ** bits);
  const topSmin = u32(Math.floor(u32(r.s32min) / 2 ** bits) * 2 ** bits);
  if (topSmax === topSmin) {
    const a = Number(sextN(BigInt(r.s32max), size));
    const b = Number(sextN(BigInt(r.s32min), size));
    const hi = Math.max(a, b);
    const lo = Math.min(a, b);
    if (lo >= 0 === hi >= 0) {
      r.s32min = lo; r.s32max = hi;
      r.u32min = u32(lo); r.u32max = u32(hi);
      r.varOff = tnumSubreg(tnumRange(asU64(BigInt(lo)), asU64(BigInt(hi))));
      return;
    }
  }
  const half = 2 ** (bits - 1);
  r.s32min = -half; r.s32max = half - 1;
  r.u32min = 0; r.u32max = U32_MAX;
  r.varOff = tnumSubreg(TNUM_UNKNOWN);
}

// ---- conditional jumps ----

/**
 * is_scalar_branch_taken: 1 when `a op b` always holds, 0 when it never does, -1 when unknown.
 * For jmp32 only the low halves are compared. 6.18 has no special case for a register compared
 * with itself: pass the same scalar twice.
 */
export function isBranchTaken(a: Scalar, b: Scalar, op: JmpOp, jmp32: boolean): 1 | 0 | -1 {
  let t1 = jmp32 ? tnumSubreg(a.varOff) : a.varOff;
  let t2 = jmp32 ? tnumSubreg(b.varOff) : b.varOff;
  const umin1 = jmp32 ? BigInt(a.u32min) : a.umin;
  const umax1 = jmp32 ? BigInt(a.u32max) : a.umax;
  const smin1 = jmp32 ? BigInt(a.s32min) : a.smin;
  const smax1 = jmp32 ? BigInt(a.s32max) : a.smax;
  const umin2 = jmp32 ? BigInt(b.u32min) : b.umin;
  const umax2 = jmp32 ? BigInt(b.u32max) : b.umax;
  const smin2 = jmp32 ? BigInt(b.s32min) : b.smin;
  const smax2 = jmp32 ? BigInt(b.s32max) : b.smax;
  const disjoint = (): boolean =>
    umin1 > umax2 || umax1 < umin2 || smin1 > smax2 || smax1 < smin2 ||
    (!jmp32 && (a.u32min > b.u32max || a.u32max < b.u32min || a.s32min > b.s32max || a.s32max < b.s32min));
  switch (op) {
    case 'jeq':
      if (tnumIsConst(t1) && tnumIsConst(t2)) return t1.value === t2.value ? 1 : 0;
      if (!tnumOverlap(t1, t2)) return 0;
      if (disjoint()) return 0;
      break;
    case 'jne':
      if (tnumIsConst(t1) && tnumIsConst(t2)) return t1.value !== t2.value ? 1 : 0;
      if (!tnumOverlap(t1, t2)) return 1;
      if (disjoint()) return 1;
      break;
    case 'jset': {
      if (!isConstScalar(b, jmp32)) {
        if (!isConstScalar(a, jmp32)) return -1;
        [t1, t2] = [t2, t1];
      }
      if ((~t1.mask & t1.value) & t2.value) return 1;
      if (!((t1.mask | t1.value) & t2.value)) return 0;
      break;
    }
    case 'jgt':
      if (umin1 > umax2) return 1;
      if (umax1 <= umin2) return 0;
      break;
    case 'jsgt':
      if (smin1 > smax2) return 1;
      if (smax1 <= smin2) return 0;
      break;
    case 'jlt':
      if (umax1 < umin2) return 1;
      if (umin1 >= umax2) return 0;
      break;
    case 'jslt':
      if (smax1 < smin2) return 1;
      if (smin1 >= smax2) return 0;
      break;
    case 'jge':
      if (umin1 >= umax2) return 1;
      if (umax1 < umin2) return 0;
      break;
    case 'jsge':
      if (smin1 >= smax2) return 1;
      if (smax1 < smin2) return 0;
      break;
    case 'jle':
      if (umax1 <= umin2) return 1;
      if (umin1 > umax2) return 0;
      break;
    case 'jsle':
      if (smax1 <= smin2) return 1;
      if (smin1 > smax2) return 0;
      break;
  }
  return -1;
}

/** The condition with its operands swapped (a op b == b flip(op) a). */
export function flipJmp(op: JmpOp): JmpOp {
  const flips: Partial<Record<JmpOp, JmpOp>> = {
    jge: 'jle', jgt: 'jlt', jle: 'jge', jlt: 'jgt', jsge: 'jsle', jsgt: 'jslt', jsle: 'jsge', jslt: 'jsgt',
  };
  return flips[op] ?? op;
}

/** The condition of the fall-through branch; !jset has no opcode, the kernel spells it jset|X. */
type RefineOp = JmpOp | 'jnset';
function negateJmp(op: JmpOp): RefineOp {
  const neg: Record<JmpOp, RefineOp> = {
    jeq: 'jne', jne: 'jeq', jset: 'jnset', jge: 'jlt', jgt: 'jle', jle: 'jgt', jlt: 'jge',
    jsge: 'jslt', jsgt: 'jsle', jsle: 'jsgt', jslt: 'jsge',
  };
  return neg[op];
}

const isPow2 = (v: bigint): boolean => v !== 0n && (v & (v - 1n)) === 0n;

/**
 * regs_refine_cond_op: narrow r1 and r2 (which may be the same object, as for `if r1 < r1`)
 * assuming `r1 op r2` holds.
 */
function refine(r1: R, r2: R, op: RefineOp, jmp32: boolean): void {
  if (op === 'jge' || op === 'jgt' || op === 'jsge' || op === 'jsgt') {
    op = flipJmp(op);
    [r1, r2] = [r2, r1];
  }
  switch (op) {
    case 'jeq':
      if (jmp32) {
        r1.u32min = Math.max(r1.u32min, r2.u32min);
        r1.u32max = Math.min(r1.u32max, r2.u32max);
        r1.s32min = Math.max(r1.s32min, r2.s32min);
        r1.s32max = Math.min(r1.s32max, r2.s32max);
        r2.u32min = r1.u32min;
        r2.u32max = r1.u32max;
        r2.s32min = r1.s32min;
        r2.s32max = r1.s32max;
        const t = tnumIntersect(tnumSubreg(r1.varOff), tnumSubreg(r2.varOff));
        r1.varOff = tnumWithSubreg(r1.varOff, t);
        r2.varOff = tnumWithSubreg(r2.varOff, t);
      } else {
        r1.umin = maxB(r1.umin, r2.umin);
        r1.umax = minB(r1.umax, r2.umax);
        r1.smin = maxB(r1.smin, r2.smin);
        r1.smax = minB(r1.smax, r2.smax);
        r2.umin = r1.umin;
        r2.umax = r1.umax;
        r2.smin = r1.smin;
        r2.smax = r1.smax;
        r1.varOff = tnumIntersect(r1.varOff, r2.varOff);
        r2.varOff = r1.varOff;
      }
      break;
    case 'jne': {
      if (!isConstScalar(r2, jmp32)) [r1, r2] = [r2, r1];
      if (!isConstScalar(r2, jmp32)) break;
      // a constant at an edge of the range moves that edge
      const val = scalarConstValue(r2, jmp32);
      if (jmp32) {
        if (r1.u32min === lo32(val)) r1.u32min = u32(r1.u32min + 1);
        if (r1.u32max === lo32(val)) r1.u32max = u32(r1.u32max - 1);
        if (r1.s32min === slo32(val)) r1.s32min = s32(r1.s32min + 1);
        if (r1.s32max === slo32(val)) r1.s32max = s32(r1.s32max - 1);
      } else {
        if (r1.umin === val) r1.umin = wrapU64(r1.umin + 1n);
        if (r1.umax === val) r1.umax = wrapU64(r1.umax - 1n);
        if (r1.smin === toS64(val)) r1.smin = wrapS64(r1.smin + 1n);
        if (r1.smax === toS64(val)) r1.smax = wrapS64(r1.smax - 1n);
      }
      break;
    }
    case 'jset': {
      if (!isConstScalar(r2, jmp32)) [r1, r2] = [r2, r1];
      if (!isConstScalar(r2, jmp32)) break;
      const val = scalarConstValue(r2, jmp32);
      // only a single tested bit tells which bit is set
      if (!isPow2(val)) break;
      if (jmp32) r1.varOff = tnumWithSubreg(r1.varOff, tnumOr(tnumSubreg(r1.varOff), tnumConst(val)));
      else r1.varOff = tnumOr(r1.varOff, tnumConst(val));
      break;
    }
    case 'jnset': {
      if (!isConstScalar(r2, jmp32)) [r1, r2] = [r2, r1];
      if (!isConstScalar(r2, jmp32)) break;
      const val = scalarConstValue(r2, jmp32);
      // forget the ranges first so a dead branch cannot break the invariants
      markUnbounded(r1);
      const notVal = tnumConst(~val & U64_MAX);
      if (jmp32) r1.varOff = tnumWithSubreg(r1.varOff, tnumAnd(tnumSubreg(r1.varOff), notVal));
      else r1.varOff = tnumAnd(r1.varOff, notVal);
      break;
    }
    case 'jle':
      if (jmp32) {
        r1.u32max = Math.min(r1.u32max, r2.u32max);
        r2.u32min = Math.max(r1.u32min, r2.u32min);
      } else {
        r1.umax = minB(r1.umax, r2.umax);
        r2.umin = maxB(r1.umin, r2.umin);
      }
      break;
    case 'jlt':
      if (jmp32) {
        r1.u32max = Math.min(r1.u32max, u32(r2.u32max - 1));
        r2.u32min = Math.max(u32(r1.u32min + 1), r2.u32min);
      } else {
        r1.umax = minB(r1.umax, wrapU64(r2.umax - 1n));
        r2.umin = maxB(wrapU64(r1.umin + 1n), r2.umin);
      }
      break;
    case 'jsle':
      if (jmp32) {
        r1.s32max = Math.min(r1.s32max, r2.s32max);
        r2.s32min = Math.max(r1.s32min, r2.s32min);
      } else {
        r1.smax = minB(r1.smax, r2.smax);
        r2.smin = maxB(r1.smin, r2.smin);
      }
      break;
    case 'jslt':
      if (jmp32) {
        r1.s32max = Math.min(r1.s32max, s32(r2.s32max - 1));
        r2.s32min = Math.max(s32(r1.s32min + 1), r2.s32min);
      } else {
        r1.smax = minB(r1.smax, wrapS64(r2.smax - 1n));
        r2.smin = maxB(wrapS64(r1.smin + 1n), r2.smin);
      }
      break;
    default:
      break;
  }
}

export interface BranchSide {
  /** The registers after refinement, sync and sanity check: [dst, src]. */
  readonly dst: Scalar;
  readonly src: Scalar;
  /** Invariant violations found by the sanity check (the kernel logs them and drops the bounds). */
  readonly violations: readonly { ctx: string; msg: string; state: Scalar }[];
}

/**
 * reg_set_min_max: both outcomes of `if dst op src` for two scalars. For the K form pass
 * knownScalar(BigInt(imm)) as src. `sameReg` is the X form with dst == src: both operands are
 * then one register, refined in place (as in the kernel).
 */
export function refineBranch(
  dst: Scalar, src: Scalar, op: JmpOp, jmp32: boolean, sameReg = false,
): { taken: BranchSide; fallthrough: BranchSide } {
  const side = (condition: RefineOp, names: [string, string]): BranchSide => {
    const r1 = copy(dst);
    const r2 = sameReg ? r1 : copy(src);
    refine(r1, r2, condition, jmp32);
    sync(r1);
    sync(r2);
    const violations: { ctx: string; msg: string; state: Scalar }[] = [];
    for (const [reg, ctx] of [[r1, names[0]], [r2, names[1]]] as const) {
      const msg = boundsViolation(reg);
      if (msg) {
        violations.push({ ctx, msg, state: freeze(reg) });
        markUnbounded(reg);
      }
    }
    return { dst: freeze(r1), src: freeze(r2), violations };
  };
  // the kernel refines the fall-through branch first
  const fallthrough = side(negateJmp(op), ['false_reg1', 'false_reg2']);
  const taken = side(op, ['true_reg1', 'true_reg2']);
  return { taken, fallthrough };
}
