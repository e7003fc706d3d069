// ELF objects as command-line input: `bpfiddle verify|run|export prog.o [--section NAME]`. Picks
// one program of the object (by section or function name; the only one when there is one) and
// assembles its imported source, so the commands see the same AsmProgram as for assembly input.

import { assemble, type AsmProgram } from '../core/asm/index.js';
import { importObject, type ImportedProgram } from '../core/import/index.js';

export interface ObjectProgram {
  program: AsmProgram;
  imported: ImportedProgram;
  warnings: string[];
}

export type ObjectProgramResult = { ok: true; value: ObjectProgram } | { ok: false; error: string };

/** The program `section` names (a section or function name), or the only one; otherwise an error
 * (to follow the file's name) that lists the programs. */
export function pickProgram(programs: readonly ImportedProgram[], section: string | undefined): { ok: true; program: ImportedProgram } | { ok: false; error: string } {
  const list = programs.map((p) => `  ${p.section.padEnd(36)} ${p.name} (${p.progType})`).join('\n');
  if (section === undefined) {
    if (programs.length === 1) return { ok: true, program: programs[0]! };
    return { ok: false, error: `holds ${programs.length} programs; choose one with --section NAME:\n${list}` };
  }
  const bySection = programs.filter((p) => p.section === section);
  const found = bySection.length ? bySection : programs.filter((p) => p.name === section);
  if (found.length === 1) return { ok: true, program: found[0]! };
  const why = found.length ? `holds ${found.length} programs in section ${section}; name one by its function name` : `has no program in section '${section}'`;
  return { ok: false, error: `${why}; its programs:\n${list}` };
}

/** The program of `bytes` (an ELF object) in section `section`, or the only program. */
export function objectProgram(label: string, bytes: Uint8Array, section?: string): ObjectProgramResult {
  const r = importObject(bytes);
  if (!r.ok) return { ok: false, error: `${label}: ${r.error}` };
  const chosen = pickProgram(r.programs, section);
  if (!chosen.ok) return { ok: false, error: `${label} ${chosen.error}` };
  const a = assemble(chosen.program.source);
  if (!a.ok) return { ok: false, error: `${label}: the imported program does not assemble (a bpfiddle bug): ${a.errors[0]!.message}` };
  return { ok: true, value: { program: a.program, imported: chosen.program, warnings: r.warnings } };
}
