// Derived views of the store, shared by panes, the editor and the store's own actions. Pure
// functions of state; components call them inside `useApp` (with `useShallow` when they build a
// new object or array).
import type { AsmProgram, ProgTypeName } from '../core/asm/types.js';
import type { AppState } from './state.js';
import { progTypeOfSource } from './program.js';

/** The slot index of the first instruction on each line, in `program`. Lines without one are skipped. */
export function breakpointPcs(program: AsmProgram | null, lines: Iterable<number>): number[] {
  if (!program) return [];
  const want = new Set(lines);
  const out: number[] = [];
  const seen = new Set<number>();
  program.sourceMap.forEach((span, pc) => {
    if (want.has(span.line) && !seen.has(span.line)) { seen.add(span.line); out.push(pc); }
  });
  return out;
}

/** The source line of the instruction at slot `pc`, or null. */
export function lineOfPc(program: AsmProgram | null, pc: number | null | undefined): number | null {
  if (!program || pc === null || pc === undefined) return null;
  return program.sourceMap[pc]?.line ?? null;
}

/** The program type in force: the assembled program's, else what the `.prog` line says. */
export const selectProgType = (s: AppState): ProgTypeName =>
  s.result.ok ? s.result.program.progType : s.lastGood?.progType ?? progTypeOfSource(s.source);

/** The line of the instruction the session will execute next (null without a session or when
 * the source changed since it started). The editor highlights it. */
export const selectCurrentLine = (s: AppState): number | null =>
  s.run && !s.runStale ? lineOfPc(s.runProgram, s.run.pc) : null;

/** The instruction selected in verify mode, as a source line. */
export const selectSelectedLine = (s: AppState): number | null =>
  s.mode === 'verify' ? lineOfPc(s.lastGood, s.selectedPc) : null;

/** Source line → the verifier's state after its instruction (`R0=map_value(...)`), for inline
 * hints. Only when the verdict belongs to the text on screen. */
export function selectVerifierHints(s: AppState): ReadonlyMap<number, string> | null {
  if (!s.verdict || s.verifiedSource !== s.source || !s.result.ok) return null;
  const program = s.result.program;
  const out = new Map<number, string>();
  for (const [pc, text] of Object.entries(s.verdict.hints)) {
    const line = program.sourceMap[Number(pc)]?.line;
    if (line !== undefined && !out.has(line)) out.set(line, text);
  }
  return out;
}

/** The verifier's error as a source location, when the verdict is current and names an instruction. */
export function selectVerifierErrorLine(s: AppState): number | null {
  if (!s.verdict?.error || s.verifiedSource !== s.source || !s.result.ok) return null;
  return lineOfPc(s.result.program, s.verdict.error.pc);
}

/** The source lines of the selected path (the editor tints them): the instructions it processed
 * and the one where it ended (an error's, a pruned path's), or null. */
export function pathLines(program: AsmProgram | null, path: { pcs: Int32Array; end: { pc: number } } | null | undefined): Set<number> | null {
  if (!program || !path) return null;
  const out = new Set<number>();
  for (const pc of [...path.pcs, path.end.pc]) {
    const line = program.sourceMap[pc]?.line;
    if (line !== undefined) out.add(line);
  }
  return out;
}

/** The selected path's metadata when the verdict is current, else null. */
export const selectSelectedPath = (s: AppState) =>
  s.selectedPath !== null && s.verdict && s.verifiedSource === s.source ? s.verdict.paths[s.selectedPath] ?? null : null;
