import { describe, expect, it } from 'vitest';
import { formatInsnKernel } from '../../../core/asm/disasm-kernel.js';
import { lddwSlots, type Insn } from '../../../core/isa/insn.js';
import { instructionCount, listingRows, slotHex } from './listing.js';

const fmt = (insns: readonly Insn[], pc: number) => formatInsnKernel(insns, pc);

describe('program listing rows', () => {
  it('shows the 8 bytes of a slot in memory order (little-endian off and imm)', () => {
    // r2 = *(u32 *)(r1 + 4): code 0x61, dst 2, src 1, off 4
    expect(slotHex({ code: 0x61, dst: 2, src: 1, off: 4, imm: 0 })).toBe('61 12 04 00 00 00 00 00');
    expect(slotHex({ code: 0xb7, dst: 0, src: 0, off: 0, imm: -1 })).toBe('b7 00 00 00 ff ff ff ff');
  });

  it('gives ld_imm64 one row holding both slots, and numbers rows by slot like the kernel', () => {
    const insns: Insn[] = [
      ...lddwSlots(0x18, 1, 0, 0x1122334455667788n),
      { code: 0xb7, dst: 0, src: 0, off: 0, imm: 2 },
      { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 },
    ];
    const spans = [{ line: 1, col: 1, endCol: 5 }, { line: 1, col: 1, endCol: 5 }, { line: 2, col: 1, endCol: 7 }, { line: 3, col: 1, endCol: 5 }];
    const rows = listingRows(insns, spans, fmt);
    expect(rows.map((r) => r.pc)).toEqual([0, 2, 3]);
    expect(rows[0]!.slots).toEqual(['18 01 00 00 88 77 66 55', '00 00 00 00 44 33 22 11']);
    expect(rows[1]!.text).toBe('(b7) r0 = 2');
    expect(rows[2]!.text).toBe('(95) exit');
    expect(rows[1]!.span).toEqual({ line: 2, col: 1, endCol: 7 });
    expect(instructionCount(insns)).toBe(3);
  });
});
