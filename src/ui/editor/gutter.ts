// The per-line facts the editor's margins show: each line's instruction index (pc; ld_imm64 takes
// two slots, so the line after one counts up by two) and which lines hold an instruction (a
// breakpoint elsewhere never stops a run). Pure; SourceEditor turns them into decorations.
import type { AsmProgram } from '../../core/asm/types.js';

/** Source line → the pc of the first instruction on it. */
export function pcByLine(program: AsmProgram | null): Map<number, number> {
  const out = new Map<number, number>();
  program?.sourceMap.forEach((span, pc) => {
    if (!out.has(span.line)) out.set(span.line, pc);
  });
  return out;
}

/** The hint text shown after a line: the verifier's state, shortened past `max` characters. */
export function hintText(state: string, max = 160): string {
  const t = state.trim();
  return `; ${t.length > max ? `${t.slice(0, max - 1)}…` : t}`;
}

/** The CSS class that shows `pc` in the pc gutter (one rule per distinct pc, made on demand). */
export const pcClass = (pc: number): string => `bpf-pc-${pc}`;
