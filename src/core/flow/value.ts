// The value explorer's data: what the verifier knows about one scalar (or a pointer's variable
// offset), laid out for drawing: the tnum as 64 bit cells (known 0, known 1, unknown) and the four
// ranges (signed and unsigned, 64 and 32 bit), each with its ends as decimal text and as positions
// on a number line (0..1 from the domain's smallest to its largest value). Pure data.

import type { Scalar } from '../verifier/bounds.js';
import type { Tnum } from '../verifier/tnum.js';

export type BitCell = '0' | '1' | 'x';

export interface RangeView {
  /** 's64', 'u64', 's32', 'u32'. */
  readonly name: 's64' | 'u64' | 's32' | 'u32';
  readonly min: string;
  readonly max: string;
  /** The ends on the domain's number line, 0 = its smallest value, 1 = its largest. */
  readonly from: number;
  readonly to: number;
  /** The whole domain: nothing known in this view. */
  readonly full: boolean;
}

export interface ValueView {
  /** 64 characters, bit 63 first: '0'/'1' known, 'x' unknown. */
  readonly bits: string;
  /** var_off as the kernel prints it: (value; mask) in hex. */
  readonly tnum: string;
  readonly known: number;
  /** The constant when every bit is known (as signed decimal), else null. */
  readonly constant: string | null;
  readonly ranges: readonly RangeView[];
}

const TWO64 = 1n << 64n;
const TWO63 = 1n << 63n;

/** The tnum as 64 cells, most significant bit first. */
export function tnumBits(t: Tnum): string {
  let out = '';
  for (let b = 63n; b >= 0n; b--) {
    const bit = 1n << b;
    out += t.mask & bit ? 'x' : t.value & bit ? '1' : '0';
  }
  return out;
}

function range(name: RangeView['name'], min: bigint, max: bigint, lo: bigint, size: bigint): RangeView {
  const pos = (v: bigint): number => Number(((v - lo) * 1_000_000n) / (size - 1n)) / 1_000_000;
  return { name, min: min.toString(), max: max.toString(), from: pos(min), to: pos(max), full: min === lo && max === lo + size - 1n };
}

/** Everything the explorer draws for one scalar domain. */
export function valueView(s: Scalar): ValueView {
  const bits = tnumBits(s.varOff);
  const known = bits.split('').filter((c) => c !== 'x').length;
  return {
    bits,
    tnum: `(0x${s.varOff.value.toString(16)}; 0x${s.varOff.mask.toString(16)})`,
    known,
    constant: s.varOff.mask === 0n ? BigInt.asIntN(64, s.varOff.value).toString() : null,
    ranges: [
      range('u64', s.umin, s.umax, 0n, TWO64),
      range('s64', s.smin, s.smax, -TWO63, TWO64),
      range('u32', BigInt(s.u32min), BigInt(s.u32max), 0n, 1n << 32n),
      range('s32', BigInt(s.s32min), BigInt(s.s32max), -(1n << 31n), 1n << 32n),
    ],
  };
}
