// The `program` slice: the source text, what the assembler made of it, and the breakpoints. Typing
// updates `source` at once and assembles after a short pause (debounced) so the listing does not
// flicker on every keystroke; `assembleNow` skips the wait. The assembler is injected (the worker
// client in the app, the real assembler or a stand-in in tests) and may answer synchronously or
// with a promise; answers for text that has changed since are dropped.
import type { StateCreator } from 'zustand';
import type { AppState } from './state.js';
import { PROG_TYPE_NAMES, type AsmProgram, type AsmResult, type ProgTypeName } from '../core/asm/types.js';

export type Assemble = (source: string) => AsmResult | Promise<AsmResult>;

export interface ProgramSlice {
  source: string;
  /** The assembler's answer for `assembledSource`. */
  result: AsmResult;
  /** The text `result` belongs to; differs from `source` while an assembly is pending. */
  assembledSource: string;
  /** The most recent program that assembled without errors (kept while the user fixes a typo). */
  lastGood: AsmProgram | null;
  /** Source lines (1-based) with a breakpoint. A line without an instruction never stops a run. */
  breakpoints: ReadonlySet<number>;
  setSource: (text: string) => void;
  assembleNow: () => void;
  toggleBreakpoint: (line: number) => void;
  setBreakpoints: (lines: Iterable<number>) => void;
  /** Switch the program type by rewriting (or adding) the `.prog` directive in the source. */
  setProgType: (type: ProgTypeName) => void;
}

export interface ProgramOptions {
  assemble: Assemble;
  initialSource: string;
  /** Pause after the last keystroke before assembling. */
  debounceMs: number;
  /** Called after every assembly that the store kept (the verifier follows it). */
  onAssembled?: () => void;
}

/** Shown until the first answer for the initial text arrives. */
const PENDING: AsmResult = { ok: false, errors: [] };

/** The source with its `.prog` directive set to `type` (added on the first code line when absent). */
export function withProgType(source: string, type: ProgTypeName): string {
  const lines = source.split('\n');
  const at = lines.findIndex((l) => /^\s*\.prog\b/.test(l));
  if (at >= 0) {
    lines[at] = lines[at]!.replace(/^(\s*\.prog\s+)(\S*)/, `$1${type}`);
    if (!/^\s*\.prog\s+\S/.test(lines[at]!)) lines[at] = `.prog ${type}`;
    return lines.join('\n');
  }
  // After the leading comment block, so a file's header comment stays first.
  let k = 0;
  while (k < lines.length && /^\s*(;|\/\/|#|$)/.test(lines[k]!)) k++;
  lines.splice(k, 0, `.prog ${type}`);
  return lines.join('\n');
}

/** The program type the source asks for (its `.prog` line), whatever else is wrong with it. */
export function progTypeOfSource(source: string): ProgTypeName {
  const m = /^\s*\.prog\s+(\w+)/m.exec(source);
  const name = m?.[1] === 'tc' ? 'sched_cls' : m?.[1];
  return (PROG_TYPE_NAMES as readonly string[]).includes(name ?? '') ? (name as ProgTypeName) : 'socket_filter';
}

export function createProgramSlice(opts: ProgramOptions): StateCreator<AppState, [], [], ProgramSlice> {
  return (set, get) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let seq = 0;
    const apply = (source: string, result: AsmResult): void => {
      set({ result, assembledSource: source, lastGood: result.ok ? result.program : get().lastGood });
      opts.onAssembled?.();
    };
    const assemble = (source: string): void => {
      const mine = ++seq;
      const r = opts.assemble(source);
      if (!(r instanceof Promise)) { apply(source, r); return; }
      r.then((result) => { if (mine === seq) apply(source, result); },
        (e: unknown) => { if (mine === seq) apply(source, { ok: false, errors: [{ line: 1, col: 1, endCol: 2, message: `internal error: ${String(e)}` }] }); });
    };
    const first = opts.assemble(opts.initialSource);
    const sync = !(first instanceof Promise);
    if (!sync) {
      const mine = ++seq;
      first.then((result) => { if (mine === seq) apply(opts.initialSource, result); }, () => undefined);
    }
    return {
      source: opts.initialSource,
      result: sync ? first : PENDING,
      assembledSource: sync ? opts.initialSource : '',
      lastGood: sync && first.ok ? first.program : null,
      breakpoints: new Set<number>(),
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
        assemble(source);
      },
      toggleBreakpoint: (line) => {
        const next = new Set(get().breakpoints);
        if (next.has(line)) next.delete(line);
        else next.add(line);
        set({ breakpoints: next });
      },
      setBreakpoints: (lines) => set({ breakpoints: new Set([...lines].filter((l) => Number.isInteger(l) && l > 0)) }),
      setProgType: (type) => {
        const next = withProgType(get().source, type);
        if (next !== get().source) get().replaceSource(next);
      },
    };
  };
}
