// The scalar as the 6.18 log prints it; every expected string is copied from a real kernel log
// (this machine's 6.18.44, or the kernel's own selftests where noted).

import { describe, expect, it } from 'vitest';
import {
  S32_MAX, S32_MIN, S64_MAX, S64_MIN, U32_MAX, U64_MAX, formatScalar, formatScalarRanges, formatSnum, formatUnum,
  knownScalar, syncBounds, tnumRange, unknownScalar, type Scalar,
} from '../../src/core/verifier/index.js';

const scalar = (over: Partial<Scalar>): Scalar => ({ ...unknownScalar(), ...over });

describe('number formatting', () => {
  it('prints unsigned values in decimal up to 65535, then in hex', () => {
    expect([0n, 65535n, 65536n, U64_MAX].map(formatUnum)).toEqual(['0', '65535', '0x10000', '0xffffffffffffffff']);
  });

  it('prints signed values in decimal within [-32768, 32767], else their 64-bit pattern in hex', () => {
    expect([-32768n, 32767n, -32769n, 32768n, -1n].map(formatSnum))
      .toEqual(['-32768', '32767', '0xffffffffffff7fff', '0x8000', '-1']);
  });
});

describe('scalar registers', () => {
  it('prints a fully unknown scalar as scalar() and a constant as a bare number', () => {
    expect(formatScalar(unknownScalar())).toBe('scalar()');
    expect(formatScalar(knownScalar(0n))).toBe('0');
    expect(formatScalar(knownScalar(-2091356964n))).toBe('0xffffffff83586cdc');
    expect(formatScalar(knownScalar(0xffffffffn))).toBe('0xffffffff');
    expect(formatScalar(knownScalar(-1n), { precise: true })).toBe('P-1');
  });

  it('merges equal bounds of the same kind: smin=smin32=0,smax=umax=smax32=umax32=255', () => {
    const s = syncBounds(scalar({ varOff: tnumRange(0n, 255n) }));
    expect(formatScalar(s)).toBe('scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))');
  });

  it('does not merge a negative signed bound into an unsigned one', () => {
    // R0_w=scalar(smin=smin32=-128,smax=smax32=127) after s>>= 56
    expect(formatScalar(scalar({ smin: -128n, smax: 127n, s32min: -128, s32max: 127 })))
      .toBe('scalar(smin=smin32=-128,smax=smax32=127)');
  });

  it('prints a large s32 bound as its u32 pattern, not sign-extended', () => {
    // R0=scalar(smin=0,smax=umax=umax32=0xc0000000,smax32=0x40000000,var_off=(0x0; 0xc0000000))
    const s = scalar({
      varOff: { value: 0n, mask: 0xc0000000n }, smin: 0n, smax: 0xc0000000n, umax: 0xc0000000n,
      u32max: 0xc0000000, s32max: 0x40000000,
    });
    expect(formatScalar(s)).toBe('scalar(smin=0,smax=umax=umax32=0xc0000000,smax32=0x40000000,var_off=(0x0; 0xc0000000))');
    expect(formatScalarRanges(scalar({ s32min: -0x80000000 + 1, u32min: 1 }))).toEqual(['smin32=0x80000001', 'umin32=1']);
  });

  it('shows ids, with the delta of a linked register', () => {
    const r = syncBounds(scalar({ varOff: tnumRange(0n, 0x7fn), umin: 5n, umax: 105n }));
    expect(formatScalar(r, { id: 1, delta: 5 }))
      .toBe('scalar(id=1+5,smin=umin=smin32=umin32=5,smax=umax=smax32=umax32=105,var_off=(0x0; 0x7f))');
    expect(formatScalar(unknownScalar(), { id: 1, delta: -5 })).toBe('scalar(id=1-5)');
    expect(formatScalar(unknownScalar(), { id: 3, delta: 0 })).toBe('scalar(id=3+0)');
    expect(formatScalar(unknownScalar(), { id: 2 })).toBe('scalar(id=2)');
    expect(formatScalar(scalar({ umin: 101n }), { id: 1 })).toBe('scalar(id=1,umin=101)');
  });

  it('omits exactly the trivial bounds', () => {
    expect(formatScalarRanges(scalar({ smin: S64_MIN, smax: S64_MAX, s32min: S32_MIN, s32max: S32_MAX, u32max: U32_MAX }))).toEqual([]);
    // R0=scalar(smin=0x8000000000000008,umin=umin32=8,smin32=0x80000008,var_off=(0x8; 0xfffffffffffffff7))
    const s = scalar({
      varOff: { value: 8n, mask: 0xfffffffffffffff7n }, smin: -0x7ffffffffffffff8n, umin: 8n, u32min: 8, s32min: -0x7ffffff8,
    });
    expect(formatScalar(s)).toBe('scalar(smin=0x8000000000000008,umin=umin32=8,smin32=0x80000008,var_off=(0x8; 0xfffffffffffffff7))');
  });
});
