// Turning a catalogue example into a program: assemble it and apply its `; patch: SLOT field=V`
// lines (the corpus's syntax) for encodings the assembler refuses to write. Errors are values.

import { assemble } from '../asm/assemble.js';
import type { AsmProgram } from '../asm/types.js';
import type { Insn } from '../isa/insn.js';

const FIELDS = ['code', 'dst', 'src', 'off', 'imm'] as const;
type Field = (typeof FIELDS)[number];

export type ExampleProgram = { ok: true; program: AsmProgram } | { ok: false; error: string };

export function assembleExample(source: string): ExampleProgram {
  const asm = assemble(source);
  if (!asm.ok) return { ok: false, error: asm.errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('; ') };
  const insns: Insn[] = asm.program.insns.slice();
  for (const m of source.matchAll(/^;[ \t]*patch:[ \t]*(\d+)[ \t]+(.*)$/gm)) {
    const slot = Number(m[1]);
    const insn = insns[slot];
    if (!insn) return { ok: false, error: `patch of slot ${slot}: the program has ${insns.length} slots` };
    const patched: Insn = { ...insn };
    for (const kv of m[2]!.trim().split(/\s+/)) {
      const [k, v] = kv.split('=');
      if (!FIELDS.includes(k as Field) || v === undefined || !/^-?(0x[0-9a-f]+|\d+)$/i.test(v)) return { ok: false, error: `bad patch '${kv}'` };
      patched[k as Field] = v.startsWith('-') ? -Number(v.slice(1)) : Number(v);
    }
    insns[slot] = patched;
  }
  return { ok: true, program: { ...asm.program, insns } };
}
