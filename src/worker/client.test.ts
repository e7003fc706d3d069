import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CoreHost } from './host.js';
import { dispatch } from './dispatch.js';
import { WorkerClient, WorkerRestarted } from './client.js';
import type { Request, Response, WorkerNotice } from './protocol.js';

/** A stand-in Worker running the real host; `hang` makes it stop answering, as a stuck worker would. */
class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((e: MessageEvent<Response>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  hang = false;
  private readonly host = new CoreHost();
  constructor() { FakeWorker.made.push(this); }
  postMessage(req: Request): void {
    if (this.hang) return;
    setTimeout(() => {
      if (this.terminated) return;
      this.onmessage?.({ data: { id: req.id, ok: true, value: dispatch(this.host, req) } } as MessageEvent<Response>);
    }, 1);
  }
  terminate(): void { this.terminated = true; }
}

const LOOP = '.prog xdp\nr0 = 0\nl:\nr0 += 1\ngoto l\nexit\n';
const setup = { source: LOOP, input: { packet: '', ctx: [], env: [], maxSteps: 1000 }, maps: {} };

describe('worker client', () => {
  beforeEach(() => { FakeWorker.made = []; vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'performance'] }); });
  afterEach(() => { vi.useRealTimers(); });

  it('answers requests through the worker', async () => {
    const c = new WorkerClient(() => new FakeWorker() as unknown as Worker);
    const p = c.assemble('.prog xdp\nr0 = 2\nexit\n');
    await vi.advanceTimersByTimeAsync(5);
    expect((await p).ok).toBe(true);
  });

  it('reports long work, then restarts a worker that stops answering and says why', async () => {
    const notices: WorkerNotice[] = [];
    const c = new WorkerClient(() => new FakeWorker() as unknown as Worker, { timeoutMs: 2000, busyAfterMs: 300, notify: (n) => notices.push(n) });
    FakeWorker.made[0]!.hang = true;
    const p = c.verify(LOOP, 1);
    const outcome = p.then(() => 'answered', (e: unknown) => e);
    await vi.advanceTimersByTimeAsync(500);
    expect(notices.some((n) => n.kind === 'busy' && n.task === 'Verifying')).toBe(true);
    await vi.advanceTimersByTimeAsync(2000);
    const e = await outcome;
    expect(e).toBeInstanceOf(WorkerRestarted);
    expect(FakeWorker.made).toHaveLength(2);
    expect(FakeWorker.made[0]!.terminated).toBe(true);
    expect(notices.at(-1)).toMatchObject({ kind: 'restarted' });
    expect(notices.at(-1)!.message).toContain('Verifying took longer than 2 s');
    // The fresh worker answers.
    const a = c.assemble('.prog xdp\nr0 = 2\nexit\n');
    await vi.advanceTimersByTimeAsync(5);
    expect((await a).ok).toBe(true);
  });

  it('replays the debugging session in a fresh worker after a cancel', async () => {
    const c = new WorkerClient(() => new FakeWorker() as unknown as Worker);
    const r = c.createRun(setup);
    await vi.advanceTimersByTimeAsync(5);
    expect((await r).ok).toBe(true);
    const s = c.command({ kind: 'seek', step: 7 }, []);
    await vi.advanceTimersByTimeAsync(5);
    expect((await s)?.step).toBe(7);
    FakeWorker.made[0]!.hang = true;
    const stuck = c.command({ kind: 'continue' }, []).catch((e: unknown) => e);
    c.cancel();
    expect(await stuck).toBeInstanceOf(WorkerRestarted);
    const next = c.command({ kind: 'step' }, []);
    await vi.advanceTimersByTimeAsync(20);
    const v = await next;
    expect(v?.step).toBe(8);
    expect(v?.regs[0]?.unsigned).toBe('4');
  });
});
