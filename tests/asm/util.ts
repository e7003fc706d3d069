// Shared helpers of the assembler tests: assemble-or-fail, bytes as hex, errors as compact text.
import { assemble, type AsmError, type AsmProgram } from '../../src/core/asm/index.js';
import { encodeProgram, type Insn } from '../../src/core/isa/insn.js';
import { opByName } from '../../src/core/isa/table.js';

/** The program, or a thrown Error listing the assembler's errors (so a failing test shows them). */
export function program(src: string): AsmProgram {
  const r = assemble(src);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(src)} to assemble:\n${r.errors.map(fmt).join('\n')}`);
  return r.program;
}

/** The program's bytes as space-separated hex, slots joined by ` | `. */
export function hex(src: string): string {
  return slotsHex(program(src).insns);
}

export function slotsHex(insns: readonly Insn[]): string {
  const b = encodeProgram(insns);
  const slots: string[] = [];
  for (let i = 0; i < b.length; i += 8) slots.push([...b.slice(i, i + 8)].map((x) => x.toString(16).padStart(2, '0')).join(' '));
  return slots.join(' | ');
}

/** The errors of a source that must fail. */
export function errors(src: string): AsmError[] {
  const r = assemble(src);
  if (r.ok) throw new Error(`expected ${JSON.stringify(src)} to fail, got ${slotsHex(r.program.insns)}`);
  return r.errors;
}

/** `line:col-endCol message`, the compact form tests compare against. */
export function fmt(e: AsmError): string {
  return `${e.line}:${e.col}-${e.endCol} ${e.message}`;
}

/** The single error of a source that must fail with exactly one. */
export function theError(src: string): AsmError {
  const es = errors(src);
  if (es.length !== 1) throw new Error(`expected one error for ${JSON.stringify(src)}, got:\n${es.map(fmt).join('\n')}`);
  return es[0]!;
}

/** The slot an instruction-table row encodes to, with its discriminating field filled in. */
export function rowInsn(name: string, f: Partial<Insn> = {}): Insn {
  const r = opByName(name);
  if (!r) throw new Error(`no table row ${name}`);
  const i: Insn = { code: r.code, dst: f.dst ?? 0, src: f.src ?? 0, off: f.off ?? 0, imm: f.imm ?? 0 };
  if (r.disc) i[r.disc.field] = r.disc.value;
  return i;
}

/** `n` exits, to give jumps somewhere to land. */
export const exits = (n: number): string => Array(n).fill('exit').join('\n');
