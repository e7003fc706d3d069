// The page's side of the worker: a typed CoreApi over postMessage, with a watchdog. Requests are
// answered in order; while one takes long the client reports it (so the page can show progress and
// a Cancel button); a request that runs past the time limit, or one the user cancels, terminates
// the worker and starts a fresh one, telling the page what happened. The debugging session lived in
// the old worker, so the client replays it (same setup, same step: runs are deterministic) before
// the next command. Where Workers are unavailable the same host runs on the main thread.

import type { AsmResult, ProgTypeName } from '../core/asm/types.js';
import type { CoreHost } from './host.js';
import type {
  AbstractStateView, CoreApi, CreateRunResult, ExplanationView, FlowGraphView, ImportLogResult, Request, Response, RunCommand, RunSetup, RunView, StepView, VerifyView,
  WorkerNotice,
} from './protocol.js';

type Op = Request['op'];
/** A request without its id (distributed over the union, so each op keeps its own fields). */
type AnyBody = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;
type Body<K extends Op> = Extract<AnyBody, { op: K }>;
interface Answers {
  assemble: AsmResult;
  verify: VerifyView | null;
  verifierState: AbstractStateView | null;
  verifierStep: StepView | null;
  flowGraph: FlowGraphView | null;
  explainError: ExplanationView | null;
  importKernelLog: ImportLogResult;
  createRun: CreateRunResult;
  command: RunView | null;
}

const TASK_NAMES: Record<Op, string> = {
  assemble: 'Assembling', verify: 'Verifying', verifierState: 'Reading the verifier state',
  verifierStep: 'Reading the verifier state', flowGraph: 'Building the control-flow graph', explainError: 'Explaining the error', importKernelLog: 'Importing the kernel log', createRun: 'Starting the run', command: 'Running',
};

/** The worker was stopped (by the watchdog or the user) before it answered. */
export class WorkerRestarted extends Error {}

export interface ClientOptions {
  /** A request running longer than this is taken for a hung worker (default 20 s). */
  timeoutMs?: number;
  /** Report a request as busy after this long (default 300 ms). */
  busyAfterMs?: number;
  notify?: (n: WorkerNotice) => void;
}

interface Pending {
  id: number;
  op: Op;
  started: number;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

/** The session to rebuild in a fresh worker: its setup and the step it was at. */
interface Replay { setup: RunSetup; step: number }

export class WorkerClient implements CoreApi {
  private worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private busy = false;
  private replay: Replay | null = null;
  private needsReplay = false;
  private readonly timeoutMs: number;
  private readonly busyAfterMs: number;
  private readonly notify: (n: WorkerNotice) => void;

  constructor(private readonly makeWorker: () => Worker, opts: ClientOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? 20_000;
    this.busyAfterMs = opts.busyAfterMs ?? 300;
    this.notify = opts.notify ?? (() => undefined);
    this.worker = this.start();
  }

  private start(): Worker {
    const w = this.makeWorker();
    w.onmessage = (e: MessageEvent<Response>) => this.answer(e.data);
    w.onerror = (e) => {
      e.preventDefault();
      this.restart(`The worker failed (${e.message || 'it could not start'}) and was restarted.`);
    };
    return w;
  }

  private answer(res: Response): void {
    const p = this.pending.get(res.id);
    if (!p) return;
    this.pending.delete(res.id);
    if (res.ok) p.resolve(res.value);
    else p.reject(new Error(res.error));
    this.settle();
  }

  private settle(): void {
    if (this.pending.size) return;
    if (this.timer !== null) { clearInterval(this.timer); this.timer = null; }
    if (this.busy) { this.busy = false; this.notify({ kind: 'idle' }); }
  }

  private watch(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => {
      const oldest = this.pending.values().next().value;
      if (!oldest) return;
      const ms = performance.now() - oldest.started;
      if (ms > this.timeoutMs) {
        this.restart(`${TASK_NAMES[oldest.op]} took longer than ${Math.round(this.timeoutMs / 1000)} s, so the worker was stopped and restarted. The page stayed responsive; try a smaller step limit or fix the program.`);
      } else if (ms > this.busyAfterMs) {
        this.busy = true;
        this.notify({ kind: 'busy', task: TASK_NAMES[oldest.op], ms: Math.round(ms) });
      }
    }, 100);
  }

  /** Stop the worker now (a Cancel button), answering every waiting request with WorkerRestarted. */
  cancel(): void {
    if (!this.pending.size) return;
    this.restart('Cancelled: the worker was stopped and restarted.');
  }

  private restart(message: string): void {
    this.worker.terminate();
    const waiting = [...this.pending.values()];
    this.pending.clear();
    this.worker = this.start();
    this.needsReplay = this.replay !== null;
    for (const p of waiting) p.reject(new WorkerRestarted(message));
    this.settle();
    this.busy = false;
    this.notify({ kind: 'restarted', message });
  }

  private call<K extends Op>(body: Body<K>): Promise<Answers[K]> {
    const id = this.nextId++;
    return new Promise<Answers[K]>((resolve, reject) => {
      this.pending.set(id, { id, op: body.op, started: performance.now(), resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...body, id } as unknown as Request);
      this.watch();
    });
  }

  assemble(source: string): Promise<AsmResult> { return this.call({ op: 'assemble', source }); }
  verify(source: string, logLevel: 1 | 2): Promise<VerifyView | null> { return this.call({ op: 'verify', source, logLevel }); }
  verifierState(pc: number, visit: number): Promise<AbstractStateView | null> { return this.call({ op: 'verifierState', pc, visit }); }
  verifierStep(pathId: number, step: number): Promise<StepView | null> { return this.call({ op: 'verifierStep', pathId, step }); }
  flowGraph(): Promise<FlowGraphView | null> { return this.call({ op: 'flowGraph' }); }
  explainError(error: { pc: number; message: string }): Promise<ExplanationView | null> { return this.call({ op: 'explainError', error }); }
  importKernelLog(text: string, progType?: ProgTypeName): Promise<ImportLogResult> {
    return this.call(progType ? { op: 'importKernelLog', text, progType } : { op: 'importKernelLog', text });
  }

  async createRun(setup: RunSetup): Promise<CreateRunResult> {
    this.replay = null;
    this.needsReplay = false;
    const r = await this.call({ op: 'createRun', setup });
    if (r.ok) this.replay = { setup, step: 0 };
    return r;
  }

  async command(cmd: RunCommand, breakpoints: readonly number[]): Promise<RunView | null> {
    if (this.needsReplay && this.replay) {
      const { setup, step } = this.replay;
      this.needsReplay = false;
      const r = await this.call({ op: 'createRun', setup });
      if (!r.ok) return null;
      if (step > 0) await this.call({ op: 'command', cmd: { kind: 'seek', step }, breakpoints: [] });
    }
    const view = await this.call({ op: 'command', cmd, breakpoints: [...breakpoints] });
    if (view && this.replay) this.replay.step = view.step;
    return view;
  }

  terminate(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.worker.terminate();
  }
}

/** The same API on the main thread: the fallback where Workers are unavailable, and tests. Each
 * call yields to the event loop first, so callers see the same asynchrony as with a worker. The
 * core is loaded on first use, so the page's initial script does not carry a second copy of it
 * (the worker has its own) when Workers work. */
export class DirectCore implements CoreApi {
  private core: Promise<{ host: CoreHost; dispatch: typeof import('./dispatch.js').dispatch }> | null = null;
  private run<K extends Op>(body: Body<K>): Promise<Answers[K]> {
    this.core ??= Promise.all([import('./host.js'), import('./dispatch.js')]).then(([h, d]) => ({ host: new h.CoreHost(), dispatch: d.dispatch }));
    // Every call waits on the same promise, so answers keep the order of the calls.
    return this.core.then(({ host, dispatch }) => new Promise((resolve, reject) => {
      setTimeout(() => {
        try { resolve(dispatch(host, { ...body, id: 0 } as unknown as Request) as Answers[K]); } catch (e) { reject(e instanceof Error ? e : new Error(String(e))); }
      }, 0);
    }));
  }
  assemble(source: string): Promise<AsmResult> { return this.run({ op: 'assemble', source }); }
  verify(source: string, logLevel: 1 | 2): Promise<VerifyView | null> { return this.run({ op: 'verify', source, logLevel }); }
  verifierState(pc: number, visit: number): Promise<AbstractStateView | null> { return this.run({ op: 'verifierState', pc, visit }); }
  verifierStep(pathId: number, step: number): Promise<StepView | null> { return this.run({ op: 'verifierStep', pathId, step }); }
  flowGraph(): Promise<FlowGraphView | null> { return this.run({ op: 'flowGraph' }); }
  explainError(error: { pc: number; message: string }): Promise<ExplanationView | null> { return this.run({ op: 'explainError', error }); }
  importKernelLog(text: string, progType?: ProgTypeName): Promise<ImportLogResult> {
    return this.run(progType ? { op: 'importKernelLog', text, progType } : { op: 'importKernelLog', text });
  }
  createRun(setup: RunSetup): Promise<CreateRunResult> { return this.run({ op: 'createRun', setup }); }
  command(cmd: RunCommand, breakpoints: readonly number[]): Promise<RunView | null> {
    return this.run({ op: 'command', cmd, breakpoints: [...breakpoints] });
  }
}

export interface Core { api: CoreApi; cancel: () => void; kind: 'worker' | 'main-thread' }

/** The core for the page: a worker when the browser can start one, else the main-thread host. */
export function createCore(notify: (n: WorkerNotice) => void, opts: Omit<ClientOptions, 'notify'> = {}): Core {
  if (typeof Worker !== 'undefined') {
    try {
      const client = new WorkerClient(() => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'bpfiddle-core' }), { ...opts, notify });
      return { api: client, cancel: () => client.cancel(), kind: 'worker' };
    } catch {
      // Fall through: some environments define Worker but refuse to start one.
    }
  }
  notify({ kind: 'fallback', message: 'Web Workers are unavailable here: bpfiddle runs on the main thread, and a long run can pause the page.' });
  return { api: new DirectCore(), cancel: () => undefined, kind: 'main-thread' };
}
