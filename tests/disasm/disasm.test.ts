import { describe, expect, it } from 'vitest';
import { disassemble, disassembleLines, formatInsnKernel, formatInsnLlvm } from '../../src/core/asm/disasm.js';
import { lddwSlots, type Insn } from '../../src/core/isa/insn.js';
import type { MapDecl } from '../../src/core/asm/types.js';

const I = (code: number, dst = 0, src = 0, off = 0, imm = 0): Insn => ({ code, dst, src, off, imm });
const counts: MapDecl = {
  name: 'counts', type: 'array', keySize: 4, valueSize: 8, maxEntries: 1, flags: 0, span: { line: 1, col: 1, endCol: 2 },
};

// [slots, kernel text (verifier log / kernel/bpf/disasm.c), llvm-objdump text]
const CASES: [Insn[], string, string][] = [
  [[I(0xb7, 0, 0, 0, 0)], '(b7) r0 = 0', 'r0 = 0'],
  [[I(0xbf, 2, 10)], '(bf) r2 = r10', 'r2 = r10'],
  [[I(0x07, 2, 0, 0, -8)], '(07) r2 += -8', 'r2 += -8'],
  [[I(0x63, 10, 1, -4)], '(63) *(u32 *)(r10 -4) = r1', '*(u32 *)(r10 - 4) = w1'],
  [[I(0x62, 10, 0, -4, 0)], '(62) *(u32 *)(r10 -4) = 0', '*(u32 *)(r10 - 4) = 0'],
  [[I(0x61, 0, 1, 4)], '(61) r0 = *(u32 *)(r1 +4)', 'w0 = *(u32 *)(r1 + 4)'],
  [[I(0x79, 0, 1, 0)], '(79) r0 = *(u64 *)(r1 +0)', 'r0 = *(u64 *)(r1 + 0)'],
  [[I(0x15, 0, 0, 3, 0)], '(15) if r0 == 0x0 goto pc+3', 'if r0 == 0 goto +3'],
  [[I(0x25, 1, 0, -1, -5)], '(25) if r1 > 0xfffffffb goto pc-1', 'if r1 > -5 goto -1'],
  [[I(0xa6, 1, 0, 0, 7)], '(a6) if w1 < 0x7 goto pc+0', 'if w1 < 7 goto +0'],
  [[I(0x2d, 3, 8, 1)], '(2d) if r3 > r8 goto pc+1', 'if r3 > r8 goto +1'],
  [[I(0x4e, 1, 2, 5)], '(4e) if w1 & w2 goto pc+5', 'if w1 & w2 goto +5'],
  [[I(0x85, 0, 0, 0, 1)], '(85) call bpf_map_lookup_elem#1', 'call 1'],
  [[I(0x85, 0, 0, 0, 9999)], '(85) call unknown#9999', 'call 9999'],
  [[I(0x85, 0, 1, 0, 4)], '(85) call pc+4', 'call pc+4'],
  [[I(0x85, 0, 2, 0, 1234)], '(85) call kernel-function#1234', 'call kernel-function#1234'],
  [[I(0x05, 0, 0, -2)], '(05) goto pc-2', 'goto -2'],
  [[I(0x05, 0, 0, 0)], '(05) goto pc+0', 'goto +0'],
  [[I(0x06, 0, 0, 0, 5)], '(06) gotol pc+5', 'gotol +5'],
  [[I(0xe5, 0, 0, 2)], '(e5) may_goto pc+2', 'may_goto +2'],
  [lddwSlots(0x18, 1, 0, 0x1122334455667788n), '(18) r1 = 0x1122334455667788', 'r1 = 1234605616436508552 ll'],
  [lddwSlots(0x18, 1, 0, 0xffffffffffffffffn), '(18) r1 = 0xffffffffffffffff', 'r1 = -1 ll'],
  [lddwSlots(0x18, 1, 1, 0n), '(18) r1 = map[id:counts]', 'r1 = counts ll'],
  [lddwSlots(0x18, 1, 1, 3n), '(18) r1 = map[id:3]', 'ld_pseudo\tr1, 1, 3'],
  [lddwSlots(0x18, 2, 2, (8n << 32n) | 0n), '(18) r2 = map[id:counts][0]+8', 'ld_pseudo\tr2, 2, 0'],
  [lddwSlots(0x18, 2, 4, 7n), '(18) r2 = subprog[+7]', 'ld_pseudo\tr2, 4, 7'],
  [[I(0xc3, 10, 1, -4, 0x00)], '(c3) lock *(u32 *)(r10 -4) += r1', 'lock *(u32 *)(r10 - 4) += w1'],
  [[I(0xdb, 10, 1, -8, 0x50)], '(db) lock *(u64 *)(r10 -8) &= r1', 'lock *(u64 *)(r10 - 8) &= r1'],
  [[I(0xdb, 10, 1, -8, 0x01)], '(db) r1 = atomic64_fetch_add((u64 *)(r10 -8), r1)', 'r1 = atomic_fetch_add((u64 *)(r10 - 8), r1)'],
  [[I(0xc3, 10, 1, -8, 0xa1)], '(c3) r1 = atomic_fetch_xor((u32 *)(r10 -8), r1)', 'w1 = atomic_fetch_xor((u32 *)(r10 - 8), w1)'],
  [[I(0xdb, 10, 1, -8, 0xf1)], '(db) r0 = atomic64_cmpxchg((u64 *)(r10 -8), r0, r1)', 'r0 = cmpxchg_64(r10 - 8, r0, r1)'],
  [[I(0xc3, 10, 1, -8, 0xf1)], '(c3) r0 = atomic_cmpxchg((u32 *)(r10 -8), r0, r1)', 'w0 = cmpxchg32_32(r10 - 8, w0, w1)'],
  [[I(0xdb, 10, 1, -8, 0xe1)], '(db) r1 = atomic64_xchg((u64 *)(r10 -8), r1)', 'r1 = xchg_64(r10 - 8, r1)'],
  [[I(0xdb, 1, 2, 0, 0x100)], '(db) r1 = load_acquire((u64 *)(r2 +0))', 'r1 = load_acquire((u64 *)(r2 + 0))'],
  [[I(0xd3, 1, 2, 0, 0x110)], '(d3) store_release((u8 *)(r1 +0), r2)', 'store_release((u8 *)(r1 + 0), w2)'],
  [[I(0xdc, 1, 0, 0, 16)], '(dc) r1 = be16 r1', 'r1 = be16 r1'],
  [[I(0xd4, 1, 0, 0, 64)], '(d4) r1 = le64 r1', 'r1 = le64 r1'],
  [[I(0xd7, 1, 0, 0, 16)], '(d7) r1 = bswap16 r1', 'r1 = bswap16 r1'],
  [[I(0xbf, 1, 2, 8)], '(bf) r1 = (s8)r2', 'r1 = (s8)r2'],
  [[I(0xbc, 1, 2, 16)], '(bc) w1 = (s16)w2', 'w1 = (s16)w2'],
  [[I(0x91, 1, 2, 0)], '(91) r1 = *(s8 *)(r2 +0)', 'r1 = *(s8 *)(r2 + 0)'],
  [[I(0x84, 1)], '(84) w1 = -w1', 'w1 = -w1'],
  [[I(0x87, 1)], '(87) r1 = -r1', 'r1 = -r1'],
  [[I(0x3c, 1, 2)], '(3c) w1 /= w2', 'w1 /= w2'],
  [[I(0x3f, 1, 2, 1)], '(3f) r1 s/= r2', 'r1 s/= r2'],
  [[I(0x97, 1, 0, 1, -3)], '(97) r1 s%= -3', 'r1 s%= -3'],
  [[I(0xc7, 1, 0, 0, 63)], '(c7) r1 s>>= 63', 'r1 s>>= 63'],
  [[I(0xb4, 1, 0, 0, -1)], '(b4) w1 = -1', 'w1 = -1'],
  [[I(0x20, 0, 0, 0, 14)], '(20) r0 = *(u32 *)skb[14]', 'r0 = *(u32 *)skb[14]'],
  [[I(0x48, 0, 3, 0, 0)], '(48) r0 = *(u16 *)skb[r3 + 0]', 'r0 = *(u16 *)skb[r3]'],
  [[I(0x50, 0, 3, 0, -1)], '(50) r0 = *(u8 *)skb[r3 + -1]', 'r0 = *(u8 *)skb[r3 - 1]'],
  [[I(0x7b, 10, 1, -32768)], '(7b) *(u64 *)(r10 -32768) = r1', '*(u64 *)(r10 - 32768) = r1'],
  [[I(0x95)], '(95) exit', 'exit'],
];

describe('kernel-style disassembly', () => {
  it.each(CASES)('%#: prints %j as the kernel does', (slots, kernel) => {
    expect(formatInsnKernel(slots, 0, { maps: [counts] })).toBe(kernel);
  });

  it('prints malformed slots the way print_bpf_insn does', () => {
    expect(formatInsnKernel([I(0xe7, 1, 0, 0, 3)], 0)).toBe('(e7) r1 (null) 3');       // no BPF_ALU op 0xe0
    expect(formatInsnKernel([I(0x96)], 0)).toBe('(96) if w0 exit 0x0 goto pc+0');      // JMP32 | EXIT
    expect(formatInsnKernel([I(0x3f, 1, 2, 3)], 0)).toBe('(3f) r1 /= r2');              // div with a bad off
    expect(formatInsnKernel([I(0x23, 1, 2)], 0)).toBe('BUG_23');                        // STX | ABS
    expect(formatInsnKernel([I(0xdb, 1, 2, 0, 0x77)], 0)).toBe('BUG_db');               // unknown atomic
    expect(formatInsnKernel([I(0x0a)], 0)).toBe('BUG_st_0a');
    expect(formatInsnKernel([I(0x21)], 0)).toBe('BUG_ldx_21');
    expect(formatInsnKernel([I(0x00)], 0)).toBe('BUG_ld_00');
    expect(formatInsnKernel([I(0x85, 0, 3, 0, 5)], 0)).toBe('(85) call unknown#5');        // call with src 3
    // Kernel-internal forms an xlated dump can show (checked against the 6.18 verifier's log).
    expect(formatInsnKernel([I(0xbf, 1, 2, 1, 0x00010002)], 0)).toBe('(bf) r1 = addr_space_cast(r2, 1, 2)');
    expect(formatInsnKernel([I(0xbf, 1, 2, -1)], 0)).toBe('(bf) r1 = &(void __percpu *)(r2)');
  });

  it('prints ld_imm64 pseudo sources raw when asked, as the verifier log does', () => {
    expect(formatInsnKernel(lddwSlots(0x18, 1, 1, 5n), 0, { pseudoImm: 'raw' })).toBe('(18) r1 = 0x5');
  });

  it('names kfuncs through the caller when it can', () => {
    expect(formatInsnKernel([I(0x85, 0, 2, 0, 45179)], 0, { kfuncName: () => 'bpf_iter_num_new' }))
      .toBe('(85) call bpf_iter_num_new#45179');
  });

  it('numbers lines like the verifier log and skips the second ld_imm64 slot', () => {
    const prog = [I(0xb7, 0, 0, 0, 0), ...lddwSlots(0x18, 1, 0, 13n), I(0x95)];
    expect(disassemble(prog)).toEqual(['0: (b7) r0 = 0', '1: (18) r1 = 0xd', '3: (95) exit']);
    expect(disassembleLines(prog).map((l) => [l.pc, l.slots])).toEqual([[0, 1], [1, 2], [3, 1]]);
  });

  it('prints a truncated ld_imm64 (no second slot) with a zero high half', () => {
    expect(disassemble([I(0x18, 1, 0, 0, 7)])).toEqual(['0: (18) r1 = 0x7']);
  });
});

describe('LLVM-style disassembly', () => {
  it.each(CASES)('%#: prints %j as llvm-objdump does', (slots, _kernel, llvm) => {
    expect(formatInsnLlvm(slots, 0, { maps: [counts] })).toBe(llvm);
  });

  it('prints <unknown> for slots no instruction matches, like llvm-objdump', () => {
    expect(formatInsnLlvm([I(0xff)], 0)).toBe('<unknown>');
    expect(formatInsnLlvm([I(0x3f, 1, 2, 3)], 0)).toBe('<unknown>');
  });

  it('gives bare instruction lines, one per instruction', () => {
    const prog = [I(0xb7, 0, 0, 0, 1), ...lddwSlots(0x18, 1, 0, 2n), I(0x95)];
    expect(disassemble(prog, { style: 'llvm' })).toEqual(['r0 = 1', 'r1 = 2 ll', 'exit']);
  });
});
