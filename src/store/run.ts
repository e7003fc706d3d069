// The `run` slice: the run's input (packet, context fields, environment) and the debugging session
// driven in the core (worker): start, step, step back, step over/out, continue, run to a line,
// scrub the timeline, reset. Commands are serialised (one in flight; the next waits), and timeline
// seeks coalesce: while one is in flight only the latest requested step is kept, so dragging the
// slider over a million steps renders the newest position, never a backlog.
import type { StateCreator } from 'zustand';
import type { AppState } from './state.js';
import type { AsmProgram } from '../core/asm/types.js';
import {
  DEFAULT_INPUT, type CoreApi, type RunCommand, type RunInputSpec, type RunSetupError, type RunView,
} from '../worker/protocol.js';
import { breakpointPcs } from './selectors.js';

export type DebugCommand = Exclude<RunCommand['kind'], 'seek' | 'runTo'>;

export interface RunSlice {
  input: RunInputSpec;
  /** The session's machine at the current step; null before the first run. */
  run: RunView | null;
  /** The program the session runs (the source may have changed since: see `runStale`). */
  runProgram: AsmProgram | null;
  /** The source text the session was started from. */
  runSource: string;
  /** The source changed after the session started: its lines no longer match. */
  runStale: boolean;
  /** Why the last attempt to start a run failed. */
  runError: RunSetupError | null;
  /** A command is being carried out. */
  runBusy: boolean;
  setPacketText: (text: string) => void;
  /** Context field values as `FIELD=VALUE` lines. */
  setCtxFields: (fields: string[]) => void;
  /** Environment settings as `KEY=VALUE` lines. */
  setEnv: (settings: string[]) => void;
  setInput: (input: RunInputSpec) => void;
  /** Start a fresh session at step 0 (paused before the first instruction). */
  startRun: () => Promise<void>;
  /** Start a fresh session and run it to the end (or the first breakpoint). */
  runToEnd: () => Promise<void>;
  /** step, stepBack, stepOver, stepOut, continue, reset on the session (starting one if needed). */
  debug: (cmd: DebugCommand) => Promise<void>;
  /** Run until the instruction on `line` is next. */
  runToLine: (line: number) => Promise<void>;
  /** Move the session to step `n` (the timeline). */
  seek: (n: number) => Promise<void>;
  /** Forget the session. */
  stopRun: () => void;
}

export function createRunSlice(core: CoreApi): StateCreator<AppState, [], [], RunSlice> {
  return (set, get) => {
    // One command at a time, in order; the queue is a promise chain.
    let queue: Promise<void> = Promise.resolve();
    const enqueue = (work: () => Promise<void>): Promise<void> => {
      const next = queue.then(async () => {
        set({ runBusy: true });
        try {
          await work();
        } catch (e) {
          // The worker was restarted (watchdog or Cancel) or failed: say so where the run is shown.
          set({ runError: { field: 'worker', message: e instanceof Error ? e.message : String(e) } });
        } finally {
          set({ runBusy: false });
        }
      });
      queue = next.catch(() => undefined);
      return next;
    };

    const show = (view: RunView | null): void => {
      if (!view) return;
      get().applyMapsView(view.maps, view.step - (get().run?.step ?? 0));
      set({ run: view });
    };

    const start = async (): Promise<boolean> => {
      get().assembleNow();
      const s = get();
      const program = s.result.ok && s.assembledSource === s.source ? s.result.program : null;
      const r = await core.createRun({ source: s.source, input: s.input, maps: s.initialMaps });
      if (!r.ok) {
        set({ runError: r.error, run: null, runProgram: null });
        return false;
      }
      // The worker assembled the same text; take its program for line mapping when ours lags.
      const runProgram = program ?? (await core.assemble(s.source).then((a) => (a.ok ? a.program : null)));
      get().applyMapsView(r.view.maps, 0, true);
      set({ run: r.view, runProgram, runSource: s.source, runStale: false, runError: null });
      return true;
    };

    const pcs = (): number[] => breakpointPcs(get().runProgram, get().breakpoints);

    // Continue and run-to after the program ended start over, as in an IDE; stepping back stays.
    const restarts = (cmd: RunCommand): boolean => (cmd.kind === 'continue' || cmd.kind === 'runTo') && get().run?.status !== 'running';

    const command = async (cmd: RunCommand): Promise<void> => {
      if (!get().run || get().runStale || restarts(cmd)) {
        if (!(await start())) return;
        if (cmd.kind === 'reset' || cmd.kind === 'stepBack') return;
      }
      show(await core.command(cmd, pcs()));
    };

    let seekTarget: number | null = null;
    let seeking: Promise<void> | null = null;

    return {
      input: { ...DEFAULT_INPUT, ctx: [], env: [] },
      run: null,
      runProgram: null,
      runSource: '',
      runStale: false,
      runError: null,
      runBusy: false,
      setPacketText: (text) => set({ input: { ...get().input, packet: text } }),
      setCtxFields: (fields) => set({ input: { ...get().input, ctx: fields } }),
      setEnv: (settings) => set({ input: { ...get().input, env: settings } }),
      setInput: (input) => set({ input: { ...input, ctx: [...input.ctx], env: [...input.env] } }),
      startRun: () => enqueue(async () => { await start(); }),
      runToEnd: () => enqueue(async () => {
        if (!(await start())) return;
        show(await core.command({ kind: 'continue' }, pcs()));
      }),
      debug: (cmd) => enqueue(() => command({ kind: cmd })),
      runToLine: (line) => enqueue(async () => {
        if (!get().run || get().runStale || restarts({ kind: 'runTo', pc: 0 })) { if (!(await start())) return; }
        const pc = breakpointPcs(get().runProgram, [line])[0];
        if (pc === undefined) return;
        show(await core.command({ kind: 'runTo', pc }, pcs()));
      }),
      seek: (n) => {
        seekTarget = n;
        if (seeking) return seeking;
        seeking = enqueue(async () => {
          while (seekTarget !== null) {
            const target = seekTarget;
            seekTarget = null;
            if (get().run?.step === target) continue;
            show(await core.command({ kind: 'seek', step: target }, []));
          }
        }).finally(() => { seeking = null; });
        return seeking;
      },
      stopRun: () => set({ run: null, runProgram: null, runStale: false }),
    };
  };
}
