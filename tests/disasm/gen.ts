// Generators of valid instructions and programs for the disassembler's property and differential
// tests: every row of the instruction table, with its free fields drawn from edge values and random
// ones, its discriminator set and its reserved fields zero, so that checkInsn accepts it.

import fc from 'fast-check';
import { OPS, type OpSpec } from '../../src/core/isa/table.js';
import { lddwSlots, type Insn } from '../../src/core/isa/insn.js';
import { MAX_HELPER_ID } from '../../src/core/helpers/ids.js';

export const S16_EDGES = [0, 1, -1, 32767, -32768] as const;
export const S32_EDGES = [0, 1, -1, 2147483647, -2147483648, 32767, -32768, 65535] as const;
export const U64_EDGES = [0n, 1n, 0xffffffffffffffffn, 0x8000000000000000n, 0x7fffffffffffffffn, 0xffffffffn,
  0x100000000n, 0x1122334455667788n, 0x80000000n] as const;

export const arbReg = fc.integer({ min: 0, max: 10 });
export const arbS16 = fc.oneof(fc.constantFrom(...S16_EDGES), fc.integer({ min: -32768, max: 32767 }));
export const arbS32 = fc.oneof(fc.constantFrom(...S32_EDGES), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
export const arbU64 = fc.oneof(fc.constantFrom(...U64_EDGES), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }));

/** Jumps, calls and the like whose offset names another instruction. */
export const isBranch = (op: OpSpec): boolean =>
  op.kind === 'ja' || op.kind === 'gotol' || op.kind === 'jcond' || op.kind === 'may_goto' || op.kind === 'call_local';

/** Whether the instruction writes r10, which bpfiddle's assembler rejects (LLVM encodes it). */
export function writesR10(op: OpSpec, i: Insn): boolean {
  switch (op.kind) {
    case 'alu': case 'neg': case 'mov': case 'movsx': case 'end': case 'bswap': case 'lddw': case 'ldx': case 'ldxsx': case 'load_acq':
      return i.dst === 10;
    case 'atomic':
      return op.fetch === true && op.atomicOp !== 'cmpxchg' && i.src === 10;
    default:
      return false;
  }
}

/** The same fields with r9 in place of a written r10. */
export function avoidR10Write(op: OpSpec, f: Fields): Fields {
  const [i] = instance(op, f);
  if (!writesR10(op, i!)) return f;
  return op.kind === 'atomic' ? { ...f, src: 9 } : { ...f, dst: 9 };
}

export interface Fields { dst: number; src: number; off: number; imm: number; imm64: bigint }

/** The instruction of `op` with these free fields; fields the row fixes or reserves are overridden. */
export function instance(op: OpSpec, f: Fields): Insn[] {
  const i: Insn = { code: op.code, dst: 0, src: 0, off: 0, imm: 0 };
  switch (op.kind) {
    case 'alu':
      i.dst = f.dst;
      if (op.useSrcReg) i.src = f.src;
      else if (op.alu === 'lsh' || op.alu === 'rsh' || op.alu === 'arsh') i.imm = ((f.imm % op.width) + op.width) % op.width;
      else if (op.alu === 'div' || op.alu === 'sdiv' || op.alu === 'mod' || op.alu === 'smod') i.imm = f.imm === 0 ? 1 : f.imm;
      else i.imm = f.imm;
      break;
    case 'neg': case 'end': case 'bswap':
      i.dst = f.dst;
      break;
    case 'mov': case 'movsx':
      i.dst = f.dst;
      if (op.useSrcReg) i.src = f.src; else i.imm = f.imm;
      break;
    case 'ja': case 'may_goto':
      i.off = f.off;
      break;
    case 'gotol': case 'call_local': case 'call_kfunc':
      i.imm = f.imm;
      break;
    case 'call':
      i.imm = 1 + (Math.abs(f.imm) % MAX_HELPER_ID);
      break;
    case 'jcond':
      i.dst = f.dst; i.off = f.off;
      if (op.useSrcReg) i.src = f.src; else i.imm = f.imm;
      break;
    case 'exit':
      break;
    case 'lddw': {
      const pseudo = op.pseudo!;
      // map_fd and map_idx carry nothing in the second slot; the others carry an offset or the high half.
      const value = pseudo === 1 || pseudo === 5 ? BigInt(f.imm >>> 0) : f.imm64;
      const [lo, hi] = lddwSlots(op.code, f.dst, pseudo, value);
      return [lo, hi];
    }
    case 'ldx': case 'ldxsx': case 'stx': case 'atomic': case 'load_acq': case 'store_rel':
      i.dst = f.dst; i.src = f.src; i.off = f.off;
      break;
    case 'st':
      i.dst = f.dst; i.off = f.off; i.imm = f.imm;
      break;
    case 'ld_abs':
      i.imm = f.imm;
      break;
    case 'ld_ind':
      i.src = f.src; i.imm = f.imm;
      break;
  }
  if (op.disc) i[op.disc.field] = op.disc.value;
  return [i];
}

export const arbFields: fc.Arbitrary<Fields> = fc.record({ dst: arbReg, src: arbReg, off: arbS16, imm: arbS32, imm64: arbU64 });

/** One valid instruction (one or two slots) of any of `rows`. */
export const arbInsnOf = (rows: readonly OpSpec[]): fc.Arbitrary<Insn[]> =>
  fc.tuple(fc.constantFrom(...rows), arbFields).map(([op, f]) => instance(op, f));

export const arbInsn = arbInsnOf(OPS);

/**
 * A program of valid instructions whose branches all land on an instruction start inside it
 * (assemblers reject targets outside the program); ends with exit.
 */
export function arbProgram(rows: readonly OpSpec[], maxLen = 24): fc.Arbitrary<Insn[]> {
  const item = fc.tuple(fc.constantFrom(...rows), arbFields, fc.nat());
  return fc.array(item, { minLength: 1, maxLength: maxLen }).map((items) => buildProgram(items));
}

export function buildProgram(items: readonly (readonly [OpSpec, Fields, number])[]): Insn[] {
  const exit = OPS.find((o) => o.kind === 'exit')!;
  const all: (readonly [OpSpec, Fields, number])[] = [...items, [exit, { dst: 0, src: 0, off: 0, imm: 0, imm64: 0n }, 0]];
  const groups = all.map(([op, f]) => instance(op, f));
  const starts: number[] = [];
  let pc = 0;
  for (const g of groups) { starts.push(pc); pc += g.length; }
  groups.forEach((g, n) => {
    const [op, , pick] = all[n]!;
    if (!isBranch(op)) return;
    const rel = starts[pick % starts.length]! - starts[n]! - 1;
    if (op.kind === 'gotol' || op.kind === 'call_local') g[0]!.imm = rel;
    else g[0]!.off = rel;
  });
  return groups.flat();
}
