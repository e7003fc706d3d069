// 64-bit arithmetic on (lo, hi) int32 pairs that the fast engines do not inline: division and
// modulo (exact via doubles when the operands fit, bigint otherwise), and the ALU op numbering
// both fast engines use.

import { ALU_OPS, type AluName } from '../isa/table.js';

/** Index of an ALU op in the table's ALU_OPS order (add 0, sub 1, mul 2, div 3, sdiv 4, or 5,
 * and 6, lsh 7, rsh 8, mod 9, smod 10, xor 11, arsh 12). */
export function aluIndex(name: AluName): number {
  return ALU_OPS.findIndex((a) => a.name === name);
}

/** Scratch result of the functions below: [lo, hi]. */
export const OUT = new Int32Array(2);

const big = (lo: number, hi: number): bigint => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
function put(v: bigint): Int32Array {
  OUT[0] = Number(BigInt.asIntN(32, v));
  OUT[1] = Number(BigInt.asIntN(32, v >> 32n));
  return OUT;
}
function pair(lo: number, hi: number): Int32Array {
  OUT[0] = lo;
  OUT[1] = hi;
  return OUT;
}

export function udiv64(al: number, ah: number, bl: number, bh: number): Int32Array {
  if (bl === 0 && bh === 0) return pair(0, 0);
  if (ah === 0 && bh === 0) return pair((((al >>> 0) / (bl >>> 0)) >>> 0) | 0, 0);
  return put(big(al, ah) / big(bl, bh));
}

export function umod64(al: number, ah: number, bl: number, bh: number): Int32Array {
  if (bl === 0 && bh === 0) return pair(al, ah);
  if (ah === 0 && bh === 0) return pair(((al >>> 0) % (bl >>> 0)) | 0, 0);
  return put(big(al, ah) % big(bl, bh));
}

export function sdiv64(al: number, ah: number, bl: number, bh: number): Int32Array {
  if (bl === 0 && bh === 0) return pair(0, 0);
  if (ah === al >> 31 && bh === bl >> 31) {
    const q = Math.trunc(al / bl); // |q| <= 2^31: exact
    return pair(q | 0, q < 0 ? -1 : 0);
  }
  return put(BigInt.asIntN(64, big(al, ah)) / BigInt.asIntN(64, big(bl, bh)));
}

export function smod64(al: number, ah: number, bl: number, bh: number): Int32Array {
  if (bl === 0 && bh === 0) return pair(al, ah);
  if (ah === al >> 31 && bh === bl >> 31) {
    const r = (al % bl) | 0;
    return pair(r, r >> 31);
  }
  return put(BigInt.asIntN(64, big(al, ah)) % BigInt.asIntN(64, big(bl, bh)));
}

/** div (3), sdiv (4), mod (9) or smod (10) by ALU index. */
export function div64(k: number, al: number, ah: number, bl: number, bh: number): Int32Array {
  switch (k) {
    case 3: return udiv64(al, ah, bl, bh);
    case 4: return sdiv64(al, ah, bl, bh);
    case 9: return umod64(al, ah, bl, bh);
    default: return smod64(al, ah, bl, bh);
  }
}
