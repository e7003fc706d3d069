// Round trips: bytes → slots → bytes for every valid instruction, and bytes → text → bytes through
// the assembler in both disassembly styles.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assemble } from '../../src/core/asm/index.js';
import { disassemble, mapDirective, type DisasmStyle } from '../../src/core/asm/disasm.js';
import type { MapDecl } from '../../src/core/asm/types.js';
import { checkInsn, decodeProgram, encodeProgram, type Insn } from '../../src/core/isa/insn.js';
import { OPS, type OpSpec } from '../../src/core/isa/table.js';
import { arbFields, arbInsn, avoidR10Write, buildProgram, type Fields } from './gen.js';

const RUNS = 1000;
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

const MAPS: MapDecl[] = ['counts', 'events', 'table'].map((name, n) => ({
  name, type: 'hash', keySize: 4, valueSize: 8 * (n + 1), maxEntries: 16, flags: 0, span: { line: n + 1, col: 1, endCol: 2 },
}));

describe('encode/decode', () => {
  it('decodes the encoding of every valid instruction to the same slots', () => {
    fc.assert(fc.property(arbInsn, (slots) => {
      expect(checkInsn(slots, 0)).toBeNull();
      const d = decodeProgram(encodeProgram(slots));
      expect(d.ok && d.insns).toEqual(slots);
    }), { numRuns: 2000 });
  });
});

/** Assembles the disassembly of `insns` (after the map declarations) and returns the bytes or the errors. */
function reassemble(insns: Insn[], style: DisasmStyle): string {
  const source = [...MAPS.map(mapDirective), ...disassemble(insns, { style, maps: MAPS })].join('\n');
  const r = assemble(source);
  if (r.ok) return hex(encodeProgram(r.program.insns));
  const lines = source.split('\n');
  return r.errors.map((e) => `${e.message} in \`${lines[e.line - 1]}\``).join('; ');
}

/**
 * Forms whose text does not say everything about the bytes, so no assembler could recover them:
 * the kernel prints BTF-id and map-index loads as plain 64-bit constants (`r1 = 0x5`), and LLVM
 * prints every pseudo load as `ld_pseudo rN, SRC, IMM`, dropping the second slot's imm.
 */
const LOSSY: Record<DisasmStyle, (op: OpSpec) => boolean> = {
  kernel: (op) => op.kind === 'lddw' && (op.pseudo === 3 || op.pseudo === 5),
  llvm: (op) => op.kind === 'lddw' && op.pseudo !== 0 && op.pseudo !== 1,
};

/** Map loads name a declared map: keep their imm (the low half) an index into MAPS. */
function withMapIndex(op: OpSpec, f: Fields): Fields {
  if (op.kind !== 'lddw' || op.pseudo === 0 || op.pseudo === 3) return f;
  const index = (f.imm >>> 0) % MAPS.length;
  return { ...f, imm: index, imm64: (f.imm64 & ~0xffffffffn) | BigInt(index) };
}

describe.each(['kernel', 'llvm'] as const)('assemble(disassemble(bytes)) in %s style', (style) => {
  it('gives back the bytes of every program of valid instructions', () => {
    // Function addresses (`subprog[+N]`) must land inside the program: pinned by the test below.
    const rows = OPS.filter((op) => !LOSSY[style](op) && !(op.kind === 'lddw' && op.pseudo === 4));
    const item = fc.tuple(fc.constantFrom(...rows), arbFields, fc.nat())
      .map(([op, f, pick]) => [op, withMapIndex(op, avoidR10Write(op, f)), pick] as const);
    fc.assert(fc.property(fc.array(item, { minLength: 1, maxLength: 30 }), (items) => {
      const insns = buildProgram(items);
      expect(reassemble(insns, style)).toBe(hex(encodeProgram(insns)));
    }), { numRuns: RUNS });
  });
});

describe('pseudo loads that print in their own notation re-assemble', () => {
  const lddw = (src: number, value: bigint): Insn[] => [
    { code: 0x18, dst: 1, src, off: 0, imm: Number(BigInt.asIntN(32, value)) },
    { code: 0, dst: 0, src: 0, off: 0, imm: Number(BigInt.asIntN(32, value >> 32n)) },
    { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 },
  ];
  it('kernel style: `r1 = subprog[+1]` (ld_imm64 of a function address)', () => {
    expect(reassemble(lddw(4, 1n), 'kernel')).toBe(hex(encodeProgram(lddw(4, 1n))));
  });
  it('kernel style: `r1 = map[idx:1]+4` (map value by index)', () => {
    expect(reassemble(lddw(6, (4n << 32n) | 1n), 'kernel')).toBe(hex(encodeProgram(lddw(6, (4n << 32n) | 1n))));
  });
  it('kernel style: `r1 = map[id:counts][0]+-5` (bpftool prints the value offset with %d)', () => {
    const insns = lddw(2, 0xfffffffb00000000n);
    expect(reassemble(insns, 'kernel')).toBe(hex(encodeProgram(insns)));
  });
  it('llvm style: `ld_pseudo r1, 5, 2` (llvm-objdump\'s spelling of pseudo loads)', () => {
    expect(reassemble(lddw(5, 2n), 'llvm')).toBe(hex(encodeProgram(lddw(5, 2n))));
  });
});
