// The reference semantics of every computation an instruction performs, on unsigned 64-bit
// bigints, written to be read next to RFC 9669 and the kernel's interpreter (kernel/bpf/core.c).
// The reference interpreter uses them directly; the generated fast code must agree with them
// (tests/vm compares the two on random programs).

import type { AluName, JmpName, AtomicName } from '../isa/table.js';

const M64 = (1n << 64n) - 1n;
const M32 = 0xffffffffn;

export const u64 = (v: bigint): bigint => v & M64;
export const s64 = (v: bigint): bigint => BigInt.asIntN(64, v);
export const u32 = (v: bigint): bigint => v & M32;
export const s32 = (v: bigint): bigint => BigInt.asIntN(32, v);

/** dst OP src on 64 bits. Division by zero gives 0, modulo by zero leaves dst (core.c). */
export function alu64(op: AluName, a: bigint, b: bigint): bigint {
  switch (op) {
    case 'add': return u64(a + b);
    case 'sub': return u64(a - b);
    case 'mul': return u64(a * b);
    case 'div': return b === 0n ? 0n : a / b;
    // BigInt division truncates toward zero like C; INT64_MIN / -1 wraps back to INT64_MIN.
    case 'sdiv': return b === 0n ? 0n : u64(s64(a) / s64(b));
    case 'mod': return b === 0n ? a : a % b;
    case 'smod': return b === 0n ? a : u64(s64(a) % s64(b));
    case 'or': return a | b;
    case 'and': return a & b;
    case 'xor': return a ^ b;
    case 'lsh': return u64(a << (b & 63n));
    case 'rsh': return a >> (b & 63n);
    case 'arsh': return u64(s64(a) >> (b & 63n));
  }
}

/** dst OP src on the low 32 bits; the result is zero-extended (so mod by zero keeps (u32)dst). */
export function alu32(op: AluName, a: bigint, b: bigint): bigint {
  const x = u32(a);
  const y = u32(b);
  switch (op) {
    case 'add': return u32(x + y);
    case 'sub': return u32(x - y);
    case 'mul': return u32(x * y);
    case 'div': return y === 0n ? 0n : x / y;
    case 'sdiv': return y === 0n ? 0n : u32(s32(x) / s32(y));
    case 'mod': return y === 0n ? x : x % y;
    case 'smod': return y === 0n ? x : u32(s32(x) % s32(y));
    case 'or': return x | y;
    case 'and': return x & y;
    case 'xor': return x ^ y;
    case 'lsh': return u32(x << (y & 31n));
    case 'rsh': return x >> (y & 31n);
    case 'arsh': return u32(s32(x) >> (y & 31n));
  }
}

/** Whether `if dst OP src` holds, comparing `width` bits (JMP: 64, JMP32: the low 32). */
export function jmpTaken(op: JmpName, a: bigint, b: bigint, width: 32 | 64): boolean {
  const ua = width === 32 ? u32(a) : a;
  const ub = width === 32 ? u32(b) : b;
  const sa = width === 32 ? s32(a) : s64(a);
  const sb = width === 32 ? s32(b) : s64(b);
  switch (op) {
    case 'jeq': return ua === ub;
    case 'jne': return ua !== ub;
    case 'jgt': return ua > ub;
    case 'jge': return ua >= ub;
    case 'jlt': return ua < ub;
    case 'jle': return ua <= ub;
    case 'jset': return (ua & ub) !== 0n;
    case 'jsgt': return sa > sb;
    case 'jsge': return sa >= sb;
    case 'jslt': return sa < sb;
    case 'jsle': return sa <= sb;
  }
}

/** Reverse the low `width` bits' bytes (zero-extended result). */
export function bswap(v: bigint, width: 16 | 32 | 64): bigint {
  let out = 0n;
  for (let i = 0; i < width / 8; i++) out = (out << 8n) | ((v >> BigInt(i * 8)) & 0xffn);
  return out;
}

/** Truncate to the low `width` bits (le16/le32 on a little-endian machine). */
export function truncate(v: bigint, width: 16 | 32 | 64): bigint {
  return v & ((1n << BigInt(width)) - 1n);
}

/** Sign-extend the low `from` bits of v to 64 bits (unsigned result). */
export function signExtend(v: bigint, from: number): bigint {
  return u64(BigInt.asIntN(from, v));
}

/** The value an atomic read-modify-write stores, given the old memory value. */
export function atomicResult(op: AtomicName, old: bigint, src: bigint, r0: bigint, size: 4 | 8): { store: boolean; value: bigint } {
  const mask = size === 4 ? M32 : M64;
  switch (op) {
    case 'add': return { store: true, value: (old + src) & mask };
    case 'or': return { store: true, value: (old | src) & mask };
    case 'and': return { store: true, value: (old & src) & mask };
    case 'xor': return { store: true, value: (old ^ src) & mask };
    case 'xchg': return { store: true, value: src & mask };
    case 'cmpxchg': return (old === (r0 & mask)) ? { store: true, value: src & mask } : { store: false, value: old };
  }
}
