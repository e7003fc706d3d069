// The `program` slice: the source text and what the assembler made of it. Typing updates `source`
// at once and assembles after a short pause (debounced) so the listing does not flicker on every
// keystroke; `assembleNow` skips the wait. The assembler is injected so tests and, later, the
// worker client can stand in for it.
import type { StateCreator } from 'zustand';
import type { AppState } from './state.js';
import type { AsmProgram, AsmResult } from '../core/asm/types.js';

export type Assemble = (source: string) => AsmResult;

export interface ProgramSlice {
  source: string;
  /** The assembler's answer for `assembledSource`. */
  result: AsmResult;
  /** The text `result` belongs to; differs from `source` while an assembly is pending. */
  assembledSource: string;
  /** The most recent program that assembled without errors (kept while the user fixes a typo). */
  lastGood: AsmProgram | null;
  setSource: (text: string) => void;
  assembleNow: () => void;
}

export interface ProgramOptions {
  assemble: Assemble;
  initialSource: string;
  /** Pause after the last keystroke before assembling. */
  debounceMs: number;
}

export function createProgramSlice(opts: ProgramOptions): StateCreator<AppState, [], [], ProgramSlice> {
  return (set, get) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = (source: string): Pick<ProgramSlice, 'result' | 'assembledSource' | 'lastGood'> => {
      const result = opts.assemble(source);
      return { result, assembledSource: source, lastGood: result.ok ? result.program : get().lastGood };
    };
    const initial = opts.assemble(opts.initialSource);
    return {
      source: opts.initialSource,
      result: initial,
      assembledSource: opts.initialSource,
      lastGood: initial.ok ? initial.program : null,
      setSource: (text) => {
        if (text === get().source) return;
        set({ source: text });
        if (timer !== undefined) clearTimeout(timer);
        timer = setTimeout(() => { timer = undefined; get().assembleNow(); }, opts.debounceMs);
      },
      assembleNow: () => {
        if (timer !== undefined) { clearTimeout(timer); timer = undefined; }
        const { source, assembledSource } = get();
        if (source === assembledSource) return;
        set(run(source));
      },
    };
  };
}
