// The rows of the assembled-program listing: one per instruction (ld_imm64 is one row over its two
// slots), each with its pc, raw bytes per slot and disassembly. Pure data for the pane to render.
import { encodeInsn, hex2, instructionStarts, type Insn } from '../../../core/isa/insn.js';
import type { Span } from '../../../core/asm/types.js';

export interface ListingRow {
  pc: number;
  /** One string per 8-byte slot: the bytes as lowercase hex, space-separated, in memory order. */
  slots: string[];
  text: string;
  /** Where the instruction came from in the source, when known. */
  span: Span | undefined;
}

/** Formats the instruction starting at `pc` (kernel style, without the `pc:` prefix). */
export type FormatInsn = (insns: readonly Insn[], pc: number) => string;

export function slotHex(i: Insn): string {
  return [...encodeInsn(i)].map(hex2).join(' ');
}

export function listingRows(insns: readonly Insn[], sourceMap: readonly Span[], format: FormatInsn): ListingRow[] {
  const starts = instructionStarts(insns);
  return starts.map((pc, k) => {
    const end = k + 1 < starts.length ? starts[k + 1]! : insns.length;
    return {
      pc,
      slots: insns.slice(pc, end).map(slotHex),
      text: format(insns, pc),
      span: sourceMap[pc],
    };
  });
}

/** Instructions as a user counts them (ld_imm64 counts once). */
export function instructionCount(insns: readonly Insn[]): number {
  return instructionStarts(insns).length;
}
