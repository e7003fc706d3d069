// Differential tests against LLVM 14: one generated corpus of pseudo-C text (every instruction form
// LLVM 14 knows, every register, edge offsets and immediates) is assembled by both llvm-mc-14 and
// bpfiddle and must give identical bytes, and bpfiddle's LLVM-style disassembly of those bytes must
// equal llvm-objdump-14's. Forms LLVM 14 only prints, and spellings bpfiddle never prints but LLVM
// accepts, get their own checks. Forms newer than LLVM 14 are checked against RFC 9669 encodings in
// rfc9669.test.ts.

import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assemble } from '../../src/core/asm/index.js';
import { disassemble, formatInsnLlvm } from '../../src/core/asm/disasm.js';
import { decodeProgram, encodeProgram, instructionStarts, lookupOp, type Insn } from '../../src/core/isa/insn.js';
import { OPS, type OpSpec } from '../../src/core/isa/table.js';
import { S16_EDGES, S32_EDGES, U64_EDGES, arbFields, avoidR10Write, buildProgram, type Fields } from '../disasm/gen.js';
import { cleanup, llvmAvailable, llvmMc, llvmObjdump, quadSource } from './llvm.js';

const SEED = 0x11e4;
const RANDOM_ITEMS = 1500;
const EDGE_ROUNDS = Math.max(S16_EDGES.length, S32_EDGES.length, U64_EDGES.length);

/** Forms llvm-mc-14 assembles from bpfiddle's LLVM text and llvm-objdump-14 prints back the same. */
export const llvm14Assembles = (op: OpSpec): boolean =>
  op.cpu >= 1 && op.cpu <= 3 &&                           // v4 and kernel-only forms came after LLVM 14
  op.alu !== 'mod' && op.jmp !== 'jset' &&                // LLVM 14 has no MOD and no JSET instructions
  op.kind !== 'st' &&                                     // nor store-immediate
  !(op.kind === 'atomic' && op.fetch) &&                  // it prints the fetching atomics but cannot parse them
  !(op.kind === 'lddw' && op.pseudo !== 0) &&             // likewise `ld_pseudo`
  op.kind !== 'call_local' && op.kind !== 'call_kfunc';   // it prints all three kinds of call as `call N`

/** Forms llvm-objdump-14 prints (as bpfiddle does) but llvm-mc-14 cannot assemble. */
const llvm14PrintsOnly = (op: OpSpec): boolean =>
  (op.kind === 'atomic' && op.fetch === true) || (op.kind === 'lddw' && op.pseudo !== 0);

const FULL = OPS.filter(llvm14Assembles);
const PRINT_ONLY = OPS.filter(llvm14PrintsOnly);

/**
 * LLVM 14 cannot encode the immediate of an indirect legacy packet load; keep it 0. Writes to r10
 * are left out: llvm-mc encodes them, bpfiddle rejects them by design (see the test below).
 */
function forLlvm14(op: OpSpec, f: Fields): Fields {
  return avoidR10Write(op, op.kind === 'ld_ind' ? { ...f, imm: 0 } : f);
}

/** Every form with every register as dst and as src, with every edge value, then random instances. */
function corpus(): Insn[] {
  const items: (readonly [OpSpec, Fields, number])[] = [];
  const base: Fields = { dst: 0, src: 0, off: 0, imm: 0, imm64: 0n };
  let pick = 0;
  for (const op of FULL) {
    for (let r = 0; r <= 10; r++) {
      items.push([op, forLlvm14(op, { ...base, dst: r, src: 10 - r, off: (-8 * r) | 0, imm: r * 1000 - 5000, imm64: BigInt(r) << 40n }), pick++]);
    }
  }
  // Every edge offset and immediate with every form (branch offsets are re-aimed inside the program;
  // farJumps() has the extreme ones).
  for (const op of FULL) {
    for (let k = 0; k < EDGE_ROUNDS; k++) {
      const f = { dst: (k * 3) % 11, src: (k * 7 + 1) % 11, off: S16_EDGES[k % S16_EDGES.length]!, imm: S32_EDGES[k % S32_EDGES.length]!, imm64: U64_EDGES[k % U64_EDGES.length]! };
      items.push([op, forLlvm14(op, f), pick++]);
    }
  }
  const random = fc.sample(fc.tuple(fc.constantFrom(...FULL), arbFields, fc.nat()), { numRuns: RANDOM_ITEMS, seed: SEED });
  for (const [op, f, p] of random) items.push([op, forLlvm14(op, f), p]);
  return buildProgram(items);
}

/** `goto +32767`, `if r1 s> r2 goto -32768` and friends need a program as long as their reach. */
function farJumps(): Insn[] {
  const fill = (n: number): Insn[] => Array.from({ length: n }, (_, i) => ({ code: 0xb7, dst: i % 10, src: 0, off: 0, imm: i }));
  return [
    { code: 0x05, dst: 0, src: 0, off: 32767, imm: 0 },
    ...fill(32767),
    { code: 0x6d, dst: 1, src: 2, off: -32768, imm: 0 },
    { code: 0x16, dst: 3, src: 0, off: -32768, imm: -1 },
    { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 },
  ];
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const slotHex = (b: Uint8Array, pc: number): string => hex(b.subarray(pc * 8, pc * 8 + 8));

/** Per-instruction differences between two encodings of the same program, with the source line. */
function byteDiffs(insns: readonly Insn[], lines: readonly string[], got: Uint8Array, want: Uint8Array): string[] {
  const diffs: string[] = [];
  if (got.length !== want.length) diffs.push(`length ${got.length} != ${want.length}`);
  instructionStarts(insns).forEach((pc, n) => {
    if (slotHex(got, pc) !== slotHex(want, pc) || (insns[pc]!.code === 0x18 && slotHex(got, pc + 1) !== slotHex(want, pc + 1))) {
      diffs.push(`pc ${pc} \`${lines[n]}\`: ${slotHex(got, pc)} != ${slotHex(want, pc)}`);
    }
  });
  return diffs;
}

const avail = llvmAvailable();
const skip = (): boolean => {
  if (avail.ok) return false;
  console.log(`skipped: ${avail.why}`);
  return true;
};
afterAll(() => cleanup());

describe('differential against LLVM 14', () => {
  it('covers every form LLVM 14 assembles, and the corpus has at least 500 instructions', () => {
    expect(FULL.length).toBe(118);
    expect(PRINT_ONLY.length).toBe(18);
    const insns = corpus();
    const forms = new Set(instructionStarts(insns).map((pc) => lookupOp(insns[pc]!)?.name));
    for (const op of FULL) expect(forms.has(op.name), op.name).toBe(true);
    expect(instructionStarts(insns).length).toBeGreaterThanOrEqual(500);
  });

  it('llvm-mc-14 and bpfiddle assemble the corpus to identical bytes, which objdump prints as bpfiddle does', () => {
    if (skip()) return;
    for (const [name, insns] of [['corpus', corpus()], ['far-jumps', farJumps()]] as const) {
      const lines = disassemble(insns, { style: 'llvm' });
      const source = lines.join('\n');
      const want = encodeProgram(insns);

      const mc = llvmMc(source, name);
      if (!mc.ok) throw new Error(`llvm-mc-14 rejected the ${name}: ${mc.error.slice(0, 2000)}`);
      expect(byteDiffs(insns, lines, mc.bytes, want).slice(0, 20), `llvm-mc-14 vs the corpus encoding (${name})`).toEqual([]);

      const ours = assemble(source);
      if (!ours.ok) {
        const errs = ours.errors.slice(0, 20).map((e) => `line ${e.line}:${e.col} \`${source.split('\n')[e.line - 1]}\`: ${e.message}`);
        expect(errs, `bpfiddle rejected the ${name}`).toEqual([]);
      } else {
        expect(byteDiffs(insns, lines, encodeProgram(ours.program.insns), mc.bytes).slice(0, 20), `bpfiddle vs llvm-mc-14 (${name})`).toEqual([]);
      }

      const dump = llvmObjdump(mc.object);
      const textDiffs: string[] = [];
      instructionStarts(insns).forEach((pc, n) => {
        if (dump.get(pc) !== lines[n]) textDiffs.push(`pc ${pc}: objdump \`${dump.get(pc)}\` bpfiddle \`${lines[n]}\``);
      });
      expect(textDiffs.slice(0, 20), `llvm-objdump-14 vs bpfiddle (${name})`).toEqual([]);
      console.log(`llvm ${name}: ${instructionStarts(insns).length} instructions, ${want.length} bytes identical`);
    }
  }, 60_000);

  it('prints the forms LLVM 14 can only disassemble exactly as llvm-objdump-14', () => {
    if (skip()) return;
    const random = fc.sample(fc.tuple(fc.constantFrom(...PRINT_ONLY), arbFields, fc.nat()), { numRuns: 300, seed: SEED });
    const insns = buildProgram([...PRINT_ONLY.map((op, n) => [op, { dst: n % 11, src: (n + 3) % 11, off: -n, imm: n, imm64: BigInt(n) }, 0] as const), ...random]);
    const mc = llvmMc(quadSource(encodeProgram(insns)), 'print-only');
    if (!mc.ok) throw new Error(mc.error);
    const dump = llvmObjdump(mc.object);
    const diffs = instructionStarts(insns)
      .filter((pc) => dump.get(pc) !== formatInsnLlvm(insns, pc))
      .map((pc) => `pc ${pc}: objdump \`${dump.get(pc)}\` bpfiddle \`${formatInsnLlvm(insns, pc)}\``);
    expect(diffs.slice(0, 20)).toEqual([]);
  });

  // Spellings llvm-mc-14 accepts that bpfiddle's disassembler never prints: hex and negative
  // immediates, r instead of w registers for narrow memory operands, labels, comments, spacing.
  const ALTERNATIVES = [
    'r1 = 0x10', 'r1 = -0x10', 'r1 += 0x7fffffff', 'r1 = -2147483648', 'w1 = 0x7fffffff', 'w1 &= -1',
    'r1 = 0x1122334455667788 ll', 'r1 = 0xffffffffffffffff ll', 'r1 = -1 ll', 'r1 = 0 ll', 'r1 = -9223372036854775808 ll',
    'r1 = *(u8 *)(r2 - 8)', 'r1 = *(u16 *)(r2 + 0)', 'r1 = *(u32 *)(r2 + 32767)', 'r1 = *(u64 *)(r2 - 32768)',
    '*(u8 *)(r1 - 8) = r2', '*(u16 *)(r1 + 2) = r2', '*(u32 *)(r1 + 4) = r2',
    'lock *(u32 *)(r1 + 0) += r2', 'lock *(u64 *)(r1 + 0) += r2',
    'r0 = *(u16 *)skb[r2]', 'r0 = *(u32 *)skb[0x10]', 'r0 = *(u8 *)skb[-1]',
    'if r1 == 0x10 goto +1\nr0 = 0\nexit', 'if w1 < -1 goto +0\nexit', 'if r1 s>= -0x80000000 goto -1\nexit',
    'r1 = r2 // a comment', 'r1 = r2 # another comment',
    'goto L\nr0 = 0\nL:\nexit', 'L: r0 = 1\nif r0 != 0 goto L',
    'r1=r2', 'r1 +=  r2', '  exit', 'r0 = be16 r0', 'r0 = le64 r0',
  ];

  it.each(ALTERNATIVES)('assembles `%s` as llvm-mc-14 does', (source) => {
    if (skip()) return;
    const mc = llvmMc(source, 'alt');
    if (!mc.ok) throw new Error(`llvm-mc-14 rejected it: ${mc.error}`);
    const ours = assemble(source);
    expect(ours.ok ? [] : ours.errors.map((e) => e.message)).toEqual([]);
    if (ours.ok) expect(hex(encodeProgram(ours.program.insns))).toBe(hex(mc.bytes));
  });

  it('rejects writes to r10, which llvm-mc-14 encodes, as the frame pointer is read only', () => {
    if (skip()) return;
    for (const source of ['r10 = 0', 'w10 += 1', 'r10 = *(u64 *)(r1 + 0)', 'r10 = be16 r10', 'r10 = 1 ll']) {
      expect(llvmMc(source, 'r10').ok, source).toBe(true);
      const ours = assemble(source);
      expect(ours.ok ? [] : ours.errors.map((e) => e.message), source).toEqual(['frame pointer is read only']);
    }
  });

  it('decodes what llvm-mc-14 assembled back to the same slots', () => {
    if (skip()) return;
    const insns = corpus();
    const mc = llvmMc(disassemble(insns, { style: 'llvm' }).join('\n'), 'decode');
    if (!mc.ok) throw new Error(mc.error);
    const decoded = decodeProgram(mc.bytes);
    expect(decoded.ok && decoded.insns).toEqual(insns);
  });
});
