// Soundness of the scalar domain: abstract scalars are built from random sets of concrete 64-bit
// values, every transfer function is applied, and every concrete result of every member (pair)
// must lie within the result's eight bounds and its tnum, with the invariant check never firing.
// Branch refinement is checked the same way per outcome. Exactness against the kernel is the
// differential test's job (kernel-diff.test.ts); a few known kernel results are pinned here too.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertBoundsSane, boundsViolation, formatScalar, isBranchTaken, knownScalar, refineBranch, scalarAlu,
  scalarEndian, scalarSext32, scalarSext64, scalarTruncate, scalarZext32, splitMinusOneOrZero, syncBounds,
  tnumConst, tnumIn, tnumUnion, unknownScalar, type EndianOp, type JmpOp, type Scalar, type ScalarAluOp,
} from '../../src/core/verifier/index.js';

const M64 = (1n << 64n) - 1n;
const u64 = (x: bigint): bigint => BigInt.asUintN(64, x);
const s64 = (x: bigint): bigint => BigInt.asIntN(64, x);
const u32 = (x: bigint): bigint => BigInt.asUintN(32, x);
const s32 = (x: bigint): bigint => BigInt.asIntN(32, x);

/** The tightest Scalar the domain can express for a set of u64 values, synced. */
function abstractOf(vals: readonly bigint[]): Scalar {
  const minOf = (xs: bigint[]): bigint => xs.reduce((a, b) => (a < b ? a : b));
  const maxOf = (xs: bigint[]): bigint => xs.reduce((a, b) => (a > b ? a : b));
  const us = vals.map(u64);
  const s = syncBounds({
    varOff: us.map(tnumConst).reduce(tnumUnion),
    umin: minOf(us), umax: maxOf(us),
    smin: minOf(us.map(s64)), smax: maxOf(us.map(s64)),
    u32min: Number(minOf(us.map(u32))), u32max: Number(maxOf(us.map(u32))),
    s32min: Number(minOf(us.map(s32))), s32max: Number(maxOf(us.map(s32))),
  });
  return s;
}

function holds(s: Scalar, x: bigint): boolean {
  const v = u64(x);
  return tnumIn(s.varOff, tnumConst(v)) && s.umin <= v && v <= s.umax && s.smin <= s64(v) && s64(v) <= s.smax &&
    BigInt(s.u32min) <= u32(v) && u32(v) <= BigInt(s.u32max) && BigInt(s.s32min) <= s32(v) && s32(v) <= BigInt(s.s32max);
}

const INTERESTING = [
  0n, 1n, 2n, 3n, 7n, 8n, 0x7fn, 0x80n, 0xffn, 0x7fffn, 0x8000n, 0xffffn, 0x7fffffffn, 0x80000000n, 0xffffffffn,
  0x100000000n, 0x17fffffffn, 0x7fffffffffffffffn, 0x8000000000000000n, M64, M64 - 1n, u64(-128n), u64(-0x80000000n),
];
const arbValue = fc.oneof(
  fc.constantFrom(...INTERESTING),
  fc.bigInt({ min: 0n, max: M64 }),
  fc.bigInt({ min: -300n, max: 300n }).map(u64),
  fc.tuple(fc.constantFrom(...INTERESTING), fc.integer({ min: -3, max: 3 })).map(([b, d]) => u64(b + BigInt(d))),
);
const arbSet = fc.uniqueArray(arbValue, { minLength: 1, maxLength: 5 });

// ---- concrete BPF semantics ----

function aluConcrete(op: ScalarAluOp, x: bigint, y: bigint, alu32: boolean): bigint {
  const bits = alu32 ? 32 : 64;
  const U = (v: bigint): bigint => BigInt.asUintN(bits, v);
  const S = (v: bigint): bigint => BigInt.asIntN(bits, v);
  const a = U(x);
  const b = U(y);
  const sh = BigInt(Number(b) & (bits - 1));
  switch (op) {
    case 'add': return U(a + b);
    case 'sub': return U(a - b);
    case 'mul': return U(a * b);
    case 'div': return b === 0n ? 0n : a / b;
    case 'sdiv': return b === 0n ? 0n : U(S(a) / S(b));
    case 'mod': return b === 0n ? a : a % b;
    case 'smod': return b === 0n ? a : U(S(a) % S(b));
    case 'or': return a | b;
    case 'and': return a & b;
    case 'xor': return a ^ b;
    case 'lsh': return U(a << sh);
    case 'rsh': return a >> sh;
    case 'arsh': return U(S(a) >> sh);
    case 'neg': return U(-a);
  }
}

const ALU: ScalarAluOp[] = ['add', 'sub', 'mul', 'div', 'sdiv', 'mod', 'smod', 'or', 'and', 'lsh', 'rsh', 'arsh', 'xor', 'neg'];

function jmpConcrete(op: JmpOp, x: bigint, y: bigint, jmp32: boolean): boolean {
  const U = jmp32 ? u32 : u64;
  const S = jmp32 ? s32 : s64;
  const [a, b, sa, sb] = [U(x), U(y), S(x), S(y)];
  switch (op) {
    case 'jeq': return a === b;
    case 'jne': return a !== b;
    case 'jgt': return a > b;
    case 'jge': return a >= b;
    case 'jlt': return a < b;
    case 'jle': return a <= b;
    case 'jsgt': return sa > sb;
    case 'jsge': return sa >= sb;
    case 'jslt': return sa < sb;
    case 'jsle': return sa <= sb;
    case 'jset': return (a & b) !== 0n;
  }
}

const JMP: JmpOp[] = ['jeq', 'jne', 'jgt', 'jge', 'jlt', 'jle', 'jsgt', 'jsge', 'jslt', 'jsle', 'jset'];

const describeSet = (xs: readonly bigint[]): string => `{${xs.map((x) => `0x${x.toString(16)}`).join(', ')}}`;

describe('ALU transfer functions are sound', () => {
  it('every op, 64- and 32-bit, register and constant operands: results lie in the bounds and tnum', () => {
    fc.assert(
      fc.property(arbSet, arbSet, fc.constantFrom(...ALU), fc.boolean(), fc.boolean(), (xs, ysIn, op, alu32, asConst) => {
        // shifts only see in-range constants in real programs (others are rejected or untracked)
        const ys = asConst || ['lsh', 'rsh', 'arsh'].includes(op) ? [ysIn[0]! % (alu32 ? 32n : 64n)] : ysIn;
        const a = abstractOf(xs);
        const b = abstractOf(ys);
        const r = scalarAlu(op, a, b, alu32);
        expect(boundsViolation(r), `${op} ${describeSet(xs)} ${describeSet(ys)}`).toBeUndefined();
        for (const x of xs) for (const y of op === 'neg' ? [0n] : ys) {
          const z = aluConcrete(op, x, y, alu32);
          if (!holds(r, z)) {
            throw new Error(`${alu32 ? 'w' : 'r'} ${op}: ${describeSet(xs)} ${describeSet(ys)} -> ${formatScalar(r)} misses 0x${z.toString(16)}`);
          }
        }
      }),
      { numRuns: 4000 },
    );
  });

  it('moves, sign extension, truncation and byte swaps are sound', () => {
    fc.assert(
      fc.property(arbSet, fc.constantFrom<EndianOp>('le', 'be', 'bswap'), fc.constantFrom<16 | 32 | 64>(16, 32, 64), (xs, eop, bits) => {
        const a = abstractOf(xs);
        const swap = (x: bigint, n: number): bigint => {
          let o = 0n;
          for (let i = 0; i < n; i++) o = (o << 8n) | ((x >> BigInt(8 * i)) & 0xffn);
          return o;
        };
        const checks: [Scalar, (x: bigint) => bigint][] = [
          [scalarZext32(a), (x) => u32(x)],
          [scalarSext64(a, 1), (x) => u64(BigInt.asIntN(8, x))],
          [scalarSext64(a, 2), (x) => u64(BigInt.asIntN(16, x))],
          [scalarSext64(a, 4), (x) => u64(BigInt.asIntN(32, x))],
          [scalarSext32(a, 1), (x) => u32(BigInt.asIntN(8, x))],
          [scalarSext32(a, 2), (x) => u32(BigInt.asIntN(16, x))],
          [scalarTruncate(a, 1), (x) => x & 0xffn],
          [scalarTruncate(a, 2), (x) => x & 0xffffn],
          [scalarTruncate(a, 4), (x) => x & 0xffffffffn],
          [scalarEndian(a, eop, bits), (x) => (eop === 'le' ? (bits === 64 ? x : x & ((1n << BigInt(bits)) - 1n)) : swap(x, bits / 8))],
        ];
        for (const [r, f] of checks) {
          expect(boundsViolation(r)).toBeUndefined();
          for (const x of xs) expect(holds(r, f(x))).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('splitting [-1, 0] before and/or covers both values', () => {
    for (const xs of [[u64(-1n), 0n], [0xffffffffn, 0x100000000n], [0x5ffffffffn, 0x500000000n]]) {
      const split = splitMinusOneOrZero(abstractOf(xs));
      expect(split).toBeDefined();
      expect(xs.every((x) => holds(split!.minusOne, x) || holds(split!.zero, x))).toBe(true);
    }
    expect(splitMinusOneOrZero(abstractOf([0n, 1n]))).toBeUndefined();
  });
});

describe('branch refinement is sound', () => {
  it('each outcome keeps every pair that takes it, and decided branches are right', () => {
    fc.assert(
      fc.property(arbSet, arbSet, fc.constantFrom(...JMP), fc.boolean(), fc.boolean(), fc.boolean(), (xs, ysIn, op, jmp32, asConst, same) => {
        const ys = asConst ? [u64(s64(ysIn[0]!) >= -0x80000000n && s64(ysIn[0]!) < 0x80000000n ? ysIn[0]! : s32(ysIn[0]!))] : ysIn;
        const a = abstractOf(xs);
        const b = same ? a : abstractOf(ys);
        const pairs = same ? xs.map((x) => [x, x] as const) : xs.flatMap((x) => ys.map((y) => [x, y] as const));
        const pred = isBranchTaken(a, b, op, jmp32);
        const outcomes = pairs.map(([x, y]) => jmpConcrete(op, x, y, jmp32));
        if (pred === 1) expect(outcomes.every(Boolean)).toBe(true);
        if (pred === 0) expect(outcomes.some(Boolean)).toBe(false);
        const { taken, fallthrough } = refineBranch(a, b, op, jmp32, same);
        pairs.forEach(([x, y], i) => {
          const side = outcomes[i] ? taken : fallthrough;
          const ctx = `${jmp32 ? 'w' : 'r'} ${op} ${describeSet(xs)} ${same ? 'same' : describeSet(ys)}: 0x${x.toString(16)}, 0x${y.toString(16)}`;
          expect(side.violations, ctx).toEqual([]);
          expect(holds(side.dst, x), ctx).toBe(true);
          expect(holds(side.src, y), ctx).toBe(true);
        });
      }),
      { numRuns: 4000 },
    );
  });
});

describe('the kernel results these functions must reproduce', () => {
  const unknownAnd = (k: bigint): Scalar => scalarAlu('and', unknownScalar(), knownScalar(k), false);

  it('narrows an unknown value with a mask', () => {
    expect(formatScalar(unknownAnd(255n))).toBe('scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))');
  });

  it('sign-extends and shifts like 6.18', () => {
    expect(formatScalar(scalarAlu('arsh', unknownScalar(), knownScalar(56n), false))).toBe('scalar(smin=smin32=-128,smax=smax32=127)');
    expect(formatScalar(scalarSext64(unknownScalar(), 1))).toBe('scalar(smin=smin32=-128,smax=smax32=127)');
    expect(formatScalar(scalarSext32(unknownScalar(), 2)))
      .toBe('scalar(smin=0,smax=umax=0xffffffff,smin32=-32768,smax32=32767,var_off=(0x0; 0xffffffff))');
    expect(formatScalar(scalarAlu('mul', unknownAnd(255n), scalarAlu('mul', unknownAnd(3n), knownScalar(3n), false), false)))
      .toBe('scalar(smin=smin32=0,smax=umax=smax32=umax32=2295,var_off=(0x0; 0xfff))');
  });

  it('tracks byte swaps (backported BPF_END tracking)', () => {
    expect(formatScalar(scalarEndian(unknownAnd(0x3f00n), 'bswap', 16))).toBe('scalar(smin=smin32=0,smax=umax=smax32=umax32=63,var_off=(0x0; 0x3f))');
    expect(formatScalar(scalarEndian(unknownScalar(), 'le', 16))).toBe('scalar(smin=smin32=0,smax=umax=smax32=umax32=0xffff,var_off=(0x0; 0xffff))');
  });

  it('refines both outcomes of a comparison, fall-through first', () => {
    const { taken, fallthrough } = refineBranch(unknownScalar(), knownScalar(100n), 'jgt', false);
    expect(formatScalar(fallthrough.dst)).toBe('scalar(smin=smin32=0,smax=umax=smax32=umax32=100,var_off=(0x0; 0x7f))');
    expect(formatScalar(taken.dst)).toBe('scalar(umin=101)');
  });

  it('learns a constant when the range and the tnum share one value', () => {
    // r1 &= 0x11; if r1 > 0x10 (fall-through); if r1 >= 0x10 (taken) -> 16
    const r = refineBranch(unknownAnd(0x11n), knownScalar(0x10n), 'jgt', false).fallthrough.dst;
    expect(formatScalar(r)).toBe('scalar(smin=smin32=0,smax=umax=smax32=umax32=16,var_off=(0x0; 0x11))');
    expect(formatScalar(refineBranch(r, knownScalar(0x10n), 'jge', false).taken.dst)).toBe('16');
  });

  it('flags impossible states as the kernel does', () => {
    expect(boundsViolation({ ...unknownScalar(), umin: 5n, umax: 4n })).toBe('range bounds violation');
    expect(boundsViolation({ ...knownScalar(3n), umax: 4n })).toBe('const tnum out of sync with range bounds');
    expect(() => assertBoundsSane({ ...unknownScalar(), u32min: 9, u32max: 8 }, 'alu')).toThrow(/REG INVARIANTS VIOLATION \(alu\)/);
    expect(assertBoundsSane(knownScalar(-1n))).toEqual(knownScalar(-1n));
  });
});
