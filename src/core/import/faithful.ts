// The promise behind every imported source: it assembles to exactly the instructions that were
// imported. Damaged or exotic slots (an unknown opcode, a reserved field set) print as text that
// does not assemble, or assembles to other bytes; this finds the first such instruction so the
// importer can name it instead of handing the user a program that is not the one in the file.

import { assemble } from '../asm/assemble.js';
import type { AsmResult } from '../asm/types.js';
import { encodeInsn, type Insn } from '../isa/insn.js';

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

/** null when `source` assembles to `insns`; else what is wrong, naming the instruction. `pcOfLine`
 * gives the instruction (slot index) each 0-based source line belongs to, when it is one. */
export function unfaithful(
  source: string, insns: readonly Insn[], pcOfLine: readonly (number | undefined)[], assembled: AsmResult = assemble(source),
): string | null {
  const a = assembled;
  const describe = (pc: number, why: string): string => `instruction ${pc} (${hex(encodeInsn(insns[pc]!))}) ${why}`;
  if (!a.ok) {
    const e = a.errors[0]!;
    const pc = pcOfLine[e.line - 1];
    return pc === undefined ? `its source does not assemble: ${e.message}` : describe(pc, `is not one bpfiddle can write as assembly: ${e.message}`);
  }
  const got = a.program.insns;
  const n = Math.max(got.length, insns.length);
  for (let pc = 0; pc < n; pc++) {
    const x = insns[pc];
    const y = got[pc];
    if (!x) return `its source assembles to ${got.length} slots instead of ${insns.length}`;
    if (!y || x.code !== y.code || x.dst !== y.dst || x.src !== y.src || x.off !== y.off || x.imm !== y.imm) {
      return describe(pc, 'has bits its assembly text does not keep (a reserved field or an unknown opcode)');
    }
  }
  return null;
}
