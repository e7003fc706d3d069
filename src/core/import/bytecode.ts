// Raw bytecode in and out: 8-byte little-endian instruction slots, as a binary file or as hex text
// (`b7 00 00 00 ...`, `0xb7, 0x00, ...`, one long hex string). Map references in foreign bytecode
// carry file descriptors or ids that mean nothing here, so each distinct one becomes a placeholder
// map the user can edit.

import { disassembleLines, mapDirective } from '../asm/disasm.js';
import type { AsmProgram, MapDecl, ProgTypeName } from '../asm/types.js';
import { BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_IDX, BPF_PSEUDO_MAP_IDX_VALUE, BPF_PSEUDO_MAP_VALUE } from '../isa/constants.js';
import { decodeProgram, encodeProgram, isLddw, type Insn } from '../isa/insn.js';
import { unfaithful } from './faithful.js';

/** Hex text → bytes, or null when the text is not only hex bytes (with optional 0x, commas, braces). */
export function parseHexText(text: string): Uint8Array | null {
  const cleaned = text.replace(/\/\/[^\n]*|#[^\n]*/g, '').replace(/[{},;]/g, ' ').trim();
  if (!cleaned) return null;
  const toks = cleaned.split(/\s+/);
  const out: number[] = [];
  for (const t0 of toks) {
    const t = t0.replace(/^0x/i, '');
    if (!/^(?:[0-9a-fA-F]{2})+$/.test(t)) return null;
    for (let k = 0; k < t.length; k += 2) out.push(parseInt(t.slice(k, k + 2), 16));
  }
  return Uint8Array.from(out);
}

const PSEUDO_MAP = new Set([BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_VALUE, BPF_PSEUDO_MAP_IDX, BPF_PSEUDO_MAP_IDX_VALUE]);

export type BytecodeSource = { ok: true; source: string; warnings: string[] } | { ok: false; error: string };

/** Bytecode → bpfiddle assembly, with a placeholder `.map` for each distinct map reference. */
export function bytecodeSource(bytes: Uint8Array, progType: ProgTypeName, label: string): BytecodeSource {
  const d = decodeProgram(bytes);
  if (!d.ok) return { ok: false, error: `${label}: ${d.error}` };
  if (!d.insns.length) return { ok: false, error: `${label}: the file is empty` };
  const insns: Insn[] = d.insns;
  const maps: MapDecl[] = [];
  const index = new Map<string, number>();
  const warnings: string[] = [];
  for (let pc = 0; pc < insns.length; pc++) {
    const i = insns[pc]!;
    if (!isLddw(i)) continue;
    if (PSEUDO_MAP.has(i.src)) {
      const key = `${i.src === BPF_PSEUDO_MAP_IDX || i.src === BPF_PSEUDO_MAP_IDX_VALUE ? 'idx' : 'fd'}:${i.imm}`;
      let n = index.get(key);
      if (n === undefined) {
        n = maps.length;
        index.set(key, n);
        const span = { line: 0, col: 0, endCol: 0 };
        maps.push({ name: `map_${i.imm >>> 0}`, type: 'array', keySize: 4, valueSize: 8, maxEntries: 1, flags: 0, span });
        warnings.push(`instruction ${pc} refers to map ${key}; declared as placeholder map_${i.imm >>> 0} (array, key 4, value 8): edit its .map line to match the real map`);
      }
      if (i.src === BPF_PSEUDO_MAP_IDX) i.src = BPF_PSEUDO_MAP_FD;
      if (i.src === BPF_PSEUDO_MAP_IDX_VALUE) i.src = BPF_PSEUDO_MAP_VALUE;
      i.imm = n;
    }
    pc++;
  }
  const lines = disassembleLines(insns, { maps });
  const head = [`.prog ${progType}`, ...maps.map(mapDirective), ''];
  const source = [...head, ...lines.map((l) => stripOpcode(l.text)), ''].join('\n');
  const pcOfLine: (number | undefined)[] = [];
  lines.forEach((l, k) => { pcOfLine[head.length + k] = l.pc; });
  const wrong = unfaithful(source, insns, pcOfLine);
  if (wrong) return { ok: false, error: `${label}: ${wrong}` };
  return { ok: true, source, warnings };
}

/** The kernel text without its `(b7) ` opcode prefix, which the assembler does not need, except
 * that a 64-bit constant load (`(18) r1 = 0x1`) keeps its width as LLVM's `ll` suffix: without it
 * the text would assemble to a one-slot `mov` and every later jump would land elsewhere. */
export const stripOpcode = (text: string): string => {
  const lddw = /^\(18\) (r\d+ = 0x[0-9a-f]+)$/.exec(text);
  return lddw ? `${lddw[1]} ll` : text.replace(/^\([0-9a-f]{2}\) /, '');
};

/** 8-byte slots, little-endian; map references keep the map's index in imm. */
export function exportBytecode(program: Pick<AsmProgram, 'insns'>): Uint8Array {
  return encodeProgram(program.insns);
}
