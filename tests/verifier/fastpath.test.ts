// The scalar domain's shortcuts must not change a single bit of its results: ALU on two constants
// (computed directly instead of through the transfer functions and the sync), and the sync's own
// shortcuts (a constant tnum the bounds admit; stopping the deduction rounds at a fixed point).
// Each is compared with the kernel-ordered code it skips, on random and edge-case inputs.

import { describe, expect, it } from 'vitest';
import {
  knownScalar, scalarAlu, scalarAluGeneric, syncBounds, syncBoundsReference, tnumConst, tnumRange, tnumUnion,
  type Scalar, type ScalarAluOp,
} from '../../src/core/verifier/index.js';

/** mulberry32: failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EDGES = [0n, 1n, 2n, 3n, 31n, 32n, 63n, 0x7fffn, 0x8000n, 0xffffn, 0x7fff_ffffn, 0x8000_0000n, 0xffff_ffffn,
  0x1_0000_0000n, 0x7fff_ffff_ffff_ffffn, 0x8000_0000_0000_0000n, 0xffff_ffff_ffff_fffen, 0xffff_ffff_ffff_ffffn];

function randU64(r: () => number): bigint {
  const kind = r();
  if (kind < 0.3) return EDGES[Math.floor(r() * EDGES.length)]!;
  const hi = BigInt(Math.floor(r() * 2 ** 32));
  const lo = BigInt(Math.floor(r() * 2 ** 32));
  if (kind < 0.5) return lo & 0xffn;
  if (kind < 0.7) return lo;
  return (hi << 32n) | lo;
}

const OPS: ScalarAluOp[] = ['add', 'sub', 'mul', 'and', 'or', 'xor', 'neg', 'lsh', 'rsh', 'arsh'];

describe('constant ALU shortcut', () => {
  it('gives exactly the transfer functions\' result for every op, both widths, random and edge constants', () => {
    const r = rng(20261122);
    let compared = 0;
    for (let i = 0; i < 1500; i++) {
      const a = knownScalar(randU64(r));
      for (const op of OPS) {
        for (const alu32 of [false, true]) {
          const shift = op === 'lsh' || op === 'rsh' || op === 'arsh';
          const b = knownScalar(shift ? BigInt(Math.floor(r() * (alu32 ? 32 : 64))) : randU64(r));
          expect(scalarAlu(op, a, b, alu32), `${op}${alu32 ? '32' : ''} ${a.varOff.value} ${b.varOff.value}`)
            .toEqual(scalarAluGeneric(op, a, b, alu32));
          compared++;
        }
      }
    }
    expect(compared).toBe(1500 * OPS.length * 2);
  });

  it('leaves untracked operations (division, shifts by the width or more) unknown', () => {
    const five = knownScalar(5n);
    expect(scalarAlu('div', knownScalar(10n), five, false)).toEqual(scalarAluGeneric('div', knownScalar(10n), five, false));
    expect(scalarAlu('lsh', five, knownScalar(64n), false).varOff.mask).toBe(0xffff_ffff_ffff_ffffn);
    expect(scalarAlu('rsh', five, knownScalar(32n), true)).toEqual(scalarAluGeneric('rsh', five, knownScalar(32n), true));
  });
});

describe('sync shortcuts', () => {
  /** A scalar from a few random values, with some bounds loosened or tightened at random (which
   * may make it contradictory: the shortcuts must then reproduce the same contradiction). */
  function randomScalar(r: () => number): Scalar {
    const vals = Array.from({ length: 1 + Math.floor(r() * 3) }, () => randU64(r));
    const us = vals;
    const min = (xs: bigint[]): bigint => xs.reduce((x, y) => (x < y ? x : y));
    const max = (xs: bigint[]): bigint => xs.reduce((x, y) => (x > y ? x : y));
    const s64 = (x: bigint): bigint => BigInt.asIntN(64, x);
    const u32 = (x: bigint): number => Number(BigInt.asUintN(32, x));
    const s32 = (x: bigint): number => Number(BigInt.asIntN(32, x));
    const s: Scalar = {
      varOff: r() < 0.3 ? tnumRange(min(us), max(us)) : us.map(tnumConst).reduce(tnumUnion),
      umin: min(us), umax: max(us), smin: min(us.map(s64)), smax: max(us.map(s64)),
      u32min: Math.min(...us.map(u32)), u32max: Math.max(...us.map(u32)),
      s32min: Math.min(...us.map(s32)), s32max: Math.max(...us.map(s32)),
    };
    const k = r();
    if (k < 0.15) return { ...s, umax: 0xffff_ffff_ffff_ffffn, smin: -(1n << 63n) };
    if (k < 0.25) return { ...s, s32min: -0x8000_0000, u32max: 0xffff_ffff };
    if (k < 0.3) return { ...s, umin: s.umin + 1n }; // may exclude the constant
    if (k < 0.35) return { ...s, s32max: s.s32max - 1 };
    return s;
  }

  it('syncs every scalar exactly as the kernel\'s three full rounds do', () => {
    const r = rng(7);
    let constants = 0;
    for (let i = 0; i < 20000; i++) {
      const s = randomScalar(r);
      if (s.varOff.mask === 0n) constants++;
      expect(syncBounds(s), JSON.stringify(s, (_, v) => (typeof v === 'bigint' ? `${v}` : v))).toEqual(syncBoundsReference(s));
    }
    expect(constants).toBeGreaterThan(2000); // the constant shortcut was exercised
  });
});
