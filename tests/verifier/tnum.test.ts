// Tnum operations against brute force: tnums with a handful of unknown bits anywhere in the 64
// (so carries, borrows and wrap-around at 2^64 are exercised) are expanded into their members,
// and every concrete result must be a member of the abstract result. Exact kernel results taken
// from real 6.18 logs pin down the cases where several sound answers exist.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  U64_MAX, fls64, tnumAdd, tnumAnd, tnumArshift, tnumBswap16, tnumBswap32, tnumBswap64, tnumCast, tnumClearSubreg,
  tnumConst, tnumConstSubreg, tnumEqualsConst, tnumIn, tnumIntersect, tnumIsAligned, tnumIsConst, tnumIsUnknown,
  tnumLshift, tnumMul, tnumNeg, tnumOr, tnumOverlap, tnumRange, tnumRshift, tnumSbin, tnumStep, tnumStrn, tnumSub,
  tnumSubreg, tnumUnion, tnumUnknown, tnumWithSubreg, tnumXor, type Tnum,
} from '../../src/core/verifier/tnum.js';

const M = U64_MAX;
const u64 = (x: bigint): bigint => x & M;
const s64 = (x: bigint): bigint => BigInt.asIntN(64, x);

/** A tnum with at most `maxUnknown` unknown bits at arbitrary positions. */
const arbTnum = (maxUnknown = 5): fc.Arbitrary<Tnum> =>
  fc.record({
    value: fc.bigInt({ min: 0n, max: M }),
    bits: fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: maxUnknown }),
    lowBias: fc.boolean(),
  }).map(({ value, bits, lowBias }) => {
    // half the time keep the unknown bits low, where most interesting arithmetic happens
    const mask = bits.reduce((m, b) => m | (1n << BigInt(lowBias ? b % 12 : b)), 0n);
    return { value: value & ~mask & M, mask };
  });

function members(t: Tnum): bigint[] {
  const bits: bigint[] = [];
  for (let i = 0n; i < 64n; i++) if (t.mask & (1n << i)) bits.push(1n << i);
  const out: bigint[] = [];
  for (let k = 0; k < 1 << bits.length; k++) {
    let v = t.value;
    bits.forEach((b, j) => { if (k & (1 << j)) v |= b; });
    out.push(v);
  }
  return out;
}

const contains = (t: Tnum, x: bigint): boolean => tnumIn(t, tnumConst(x));
const wellFormed = (t: Tnum): boolean => (t.value & t.mask) === 0n && t.value <= M && t.mask <= M && t.value >= 0n;

function soundBinary(op: (a: Tnum, b: Tnum) => Tnum, concrete: (x: bigint, y: bigint) => bigint, maxUnknown = 4): void {
  fc.assert(
    fc.property(arbTnum(maxUnknown), arbTnum(maxUnknown), (a, b) => {
      const r = op(a, b);
      expect(wellFormed(r)).toBe(true);
      for (const x of members(a)) for (const y of members(b)) {
        const z = u64(concrete(x, y));
        if (!contains(r, z)) throw new Error(`${tnumStrn(a)} op ${tnumStrn(b)} = ${tnumStrn(r)} misses ${z}`);
      }
    }),
    { numRuns: 300 },
  );
}

describe('tnum soundness against brute force', () => {
  it('add, sub, and, or, xor, mul contain every concrete result (mod 2^64)', () => {
    soundBinary(tnumAdd, (x, y) => x + y);
    soundBinary(tnumSub, (x, y) => x - y);
    soundBinary(tnumAnd, (x, y) => x & y);
    soundBinary(tnumOr, (x, y) => x | y);
    soundBinary(tnumXor, (x, y) => x ^ y);
    soundBinary(tnumMul, (x, y) => x * y);
  });

  it('neg, shifts, casts, byte swaps and subregisters contain every concrete result', () => {
    fc.assert(
      fc.property(arbTnum(6), fc.integer({ min: 0, max: 63 }), (a, sh) => {
        const sh32 = sh % 32;
        const bswap = (x: bigint, n: number): bigint => {
          let o = 0n;
          for (let i = 0; i < n; i++) o = (o << 8n) | ((x >> BigInt(8 * i)) & 0xffn);
          return o;
        };
        const cases: [Tnum, (x: bigint) => bigint][] = [
          [tnumNeg(a), (x) => -x],
          [tnumLshift(a, sh), (x) => x << BigInt(sh)],
          [tnumRshift(a, sh), (x) => x >> BigInt(sh)],
          [tnumArshift(a, sh, 64), (x) => s64(x) >> BigInt(sh)],
          [tnumArshift(tnumSubreg(a), sh32, 32), (x) => BigInt.asUintN(32, BigInt.asIntN(32, x) >> BigInt(sh32))],
          [tnumCast(a, 1), (x) => x & 0xffn],
          [tnumCast(a, 2), (x) => x & 0xffffn],
          [tnumSubreg(a), (x) => x & 0xffffffffn],
          [tnumClearSubreg(a), (x) => x & ~0xffffffffn],
          [tnumBswap16(a), (x) => bswap(x, 2)],
          [tnumBswap32(a), (x) => bswap(x, 4)],
          [tnumBswap64(a), (x) => bswap(x, 8)],
          [tnumConstSubreg(a, 0x1234n), (x) => (x & ~0xffffffffn) | 0x1234n],
        ];
        for (const [r, f] of cases) {
          expect(wellFormed(r)).toBe(true);
          for (const x of members(a)) expect(contains(r, u64(f(x)))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('with_subreg keeps the upper half of one tnum and the lower half of another', () => {
    fc.assert(
      fc.property(arbTnum(4), arbTnum(4), (a, b) => {
        const r = tnumWithSubreg(a, b);
        for (const x of members(a)) for (const y of members(b)) {
          expect(contains(r, (x & ~0xffffffffn & M) | (y & 0xffffffffn))).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('tnum set operations', () => {
  it('range holds every value between min and max, and is exact for a single value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: M }), fc.bigInt({ min: 0n, max: 300n }), (lo, span) => {
        const hi = lo + span > M ? M : lo + span;
        const r = tnumRange(lo, hi);
        for (let x = lo; x <= hi; x++) expect(contains(r, x)).toBe(true);
        expect(tnumRange(lo, lo)).toEqual(tnumConst(lo));
      }),
      { numRuns: 200 },
    );
    expect(tnumRange(0n, M)).toEqual(tnumUnknown());
    expect(tnumRange(1n, 0x8000000000000000n)).toEqual(tnumUnknown());
  });

  it('intersect holds exactly the common members when the tnums overlap', () => {
    fc.assert(
      fc.property(arbTnum(5), arbTnum(5), (a, b) => {
        const r = tnumIntersect(a, b);
        const inB = new Set(members(b));
        const common = members(a).filter((x) => inB.has(x));
        expect(tnumOverlap(a, b)).toBe(common.length > 0);
        if (common.length) expect(members(r).sort()).toEqual(common.sort());
      }),
      { numRuns: 300 },
    );
  });

  it('union holds both and is the smallest tnum that does', () => {
    fc.assert(
      fc.property(arbTnum(4), arbTnum(4), (a, b) => {
        const u = tnumUnion(a, b);
        expect(tnumIn(u, a) && tnumIn(u, b)).toBe(true);
        // every unknown bit of the union is needed: some member of a or b has it 0 and another 1
        const all = [...members(a), ...members(b)];
        for (let i = 0n; i < 64n; i++) {
          const bit = 1n << i;
          if (u.mask & bit) expect(all.some((x) => x & bit) && all.some((x) => !(x & bit))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('in, const and alignment predicates agree with the members', () => {
    fc.assert(
      fc.property(arbTnum(4), arbTnum(4), fc.integer({ min: 0, max: 5 }), (a, b, k) => {
        const sub = members(b).every((x) => contains(a, x));
        expect(tnumIn(a, b)).toBe(sub);
        const size = 1n << BigInt(k);
        expect(tnumIsAligned(a, size)).toBe(members(a).every((x) => x % size === 0n));
        expect(tnumIsConst(a)).toBe(members(a).length === 1);
        expect(tnumEqualsConst(a, a.value)).toBe(tnumIsConst(a));
      }),
      { numRuns: 300 },
    );
    expect(tnumIsUnknown(tnumUnknown())).toBe(true);
    expect(tnumIsAligned(tnumConst(3n), 0n)).toBe(true);
  });

  it('step gives the smallest member above z (and the clamps the kernel documents)', () => {
    fc.assert(
      fc.property(arbTnum(6), fc.bigInt({ min: 0n, max: M }), fc.nat(40), (t, far, near) => {
        const ms = members(t).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
        const tmax = t.value | t.mask;
        for (const z of [far, t.value + BigInt(near), tmax, t.value]) {
          if (z > M) continue;
          const want = z >= tmax ? tmax : z < t.value ? t.value : ms.find((x) => x > z)!;
          expect(tnumStep(t, z)).toBe(want);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('tnum results the kernel prints', () => {
  it('multiplies like 6.18 (union-based long multiplication)', () => {
    // 7: (2f) r1 *= r2 with r1=(0x1; 0x4), r2=(0x3; 0x8) gave var_off=(0x3; 0x3c)
    expect(tnumMul({ value: 1n, mask: 4n }, { value: 3n, mask: 8n })).toEqual({ value: 3n, mask: 0x3cn });
    // r3 &= 6; r3 *= 7 gave var_off=(0x0; 0x3e)
    expect(tnumMul({ value: 0n, mask: 6n }, tnumConst(7n))).toEqual({ value: 0n, mask: 0x3en });
    expect(tnumMul({ value: 0n, mask: 3n }, tnumConst(3n))).toEqual({ value: 0n, mask: 0xfn });
  });

  it('formats as the log does', () => {
    expect(tnumStrn({ value: 0n, mask: 0xffn })).toBe('(0x0; 0xff)');
    expect(tnumStrn({ value: 0x8000000000000000n, mask: 0x7fffffffffffffffn })).toBe('(0x8000000000000000; 0x7fffffffffffffff)');
    expect(tnumStrn(tnumConst(65535n))).toBe('65535');
    expect(tnumStrn(tnumConst(65536n))).toBe('0x10000');
    expect(tnumSbin({ value: 0b1010n, mask: 0b0101n }).slice(-5)).toBe('01x1x');
    expect(tnumSbin(tnumUnknown())).toBe('x'.repeat(64));
  });

  it('computes bit lengths like fls64', () => {
    expect([0n, 1n, 0xffn, M].map(fls64)).toEqual([0, 1, 8, 64]);
  });
});
