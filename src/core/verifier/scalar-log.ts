// A scalar register printed exactly as Linux 6.18's verifier log prints it (kernel/bpf/log.c:
// print_reg_state for SCALAR_VALUE, print_scalar_ranges, verbose_snum/verbose_unum, tnum_strn).
// Only the value after "R<n>=" is produced here; the register name, the line layout and other
// register types belong to the verifier's log module.

import { U64_MAX, hex, tnumIsConst, tnumIsUnknown, tnumStrn, toS64 } from './tnum.js';
import { S32_MAX, S32_MIN, S64_MAX, S64_MIN, U32_MAX, type Scalar } from './bounds.js';

const isUnumDecimal = (x: bigint): boolean => x <= 0xffffn;
const isSnumDecimal = (x: bigint): boolean => x >= -0x8000n && x <= 0x7fffn;

/** verbose_unum: decimal up to 65535, otherwise %#llx. */
export const formatUnum = (x: bigint): string => (isUnumDecimal(x) ? x.toString() : hex(x & U64_MAX));

/** verbose_snum: decimal in [-32768, 32767], otherwise the 64-bit pattern in %#llx. */
export const formatSnum = (x: bigint): string => (isSnumDecimal(x) ? x.toString() : hex(x & U64_MAX));

/**
 * print_scalar_ranges: the non-trivial bounds in a fixed order, where a bound is merged into an
 * earlier one of the same kind (min or max) with the same value and sign: `smin=smin32=0`.
 * A signed 32-bit bound that would print in hex is shown as its u32 pattern, not sign-extended.
 */
export function formatScalarRanges(s: Scalar): string[] {
  const s32val = (x: number): bigint => (isSnumDecimal(BigInt(x)) ? BigInt(x) & U64_MAX : BigInt(x >>> 0));
  const items = [
    { name: 'smin', val: s.smin & U64_MAX, omit: s.smin === S64_MIN },
    { name: 'smax', val: s.smax & U64_MAX, omit: s.smax === S64_MAX },
    { name: 'umin', val: s.umin, omit: s.umin === 0n },
    { name: 'umax', val: s.umax, omit: s.umax === U64_MAX },
    { name: 'smin32', val: s32val(s.s32min), omit: s.s32min === S32_MIN },
    { name: 'smax32', val: s32val(s.s32max), omit: s.s32max === S32_MAX },
    { name: 'umin32', val: BigInt(s.u32min), omit: s.u32min === 0 },
    { name: 'umax32', val: BigInt(s.u32max), omit: s.u32max === U32_MAX },
  ];
  const isNeg = (i: (typeof items)[number]): boolean => i.name[0] === 's' && toS64(i.val) < 0n;
  const out: string[] = [];
  items.forEach((m1, i) => {
    if (m1.omit) return;
    let text = `${m1.name}=`;
    for (let j = i + 2; j < items.length; j += 2) {
      const m2 = items[j]!;
      if (m2.omit || m2.val !== m1.val || isNeg(m2) !== isNeg(m1)) continue;
      m2.omit = true;
      text += `${m2.name}=`;
    }
    text += m1.name[0] === 's' ? formatSnum(toS64(m1.val)) : formatUnum(m1.val);
    out.push(text);
  });
  return out;
}

export interface ScalarLogOptions {
  /** The register's scalar id (0 or absent: none). */
  readonly id?: number;
  /** The constant delta of a linked register (BPF_ADD_CONST), printed as id=N+delta. */
  readonly delta?: number;
  /** Precision mark, printed as a leading P. */
  readonly precise?: boolean;
}

/**
 * The value the kernel prints for a scalar register: `P` if precise, then either the constant
 * (verbose_snum) or `scalar(` id, ranges and var_off `)`; e.g. `scalar(id=1+4,smin=...,var_off=(0x0; 0xff))`.
 */
export function formatScalar(s: Scalar, opts: ScalarLogOptions = {}): string {
  const p = opts.precise ? 'P' : '';
  if (tnumIsConst(s.varOff)) return p + formatSnum(toS64(s.varOff.value));
  const attrs: string[] = [];
  if (opts.id) attrs.push(`id=${opts.id}${opts.delta !== undefined ? (opts.delta >= 0 ? `+${opts.delta}` : `${opts.delta}`) : ''}`);
  attrs.push(...formatScalarRanges(s));
  if (!tnumIsUnknown(s.varOff)) attrs.push(`var_off=${tnumStrn(s.varOff)}`);
  return `${p}scalar(${attrs.join(',')})`;
}
