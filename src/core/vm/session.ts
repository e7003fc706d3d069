// A debugging session over one run: step, step back, step over/out of bpf-to-bpf calls, run to
// a breakpoint or a pc, jump to any step, and a snapshot of the machine at the current step.
// Every step is recorded in the machine's undo journal (machine.ts), so stepping back is exact
// all the way to step 0 without copying the machine per step. Same input, same run.

import type { Insn } from '../isa/insn.js';
import { execute, type Stop } from './engine.js';
import { Machine, STACK_SIZE, T_MEM, T_REG } from './machine.js';
import { framePointer, toBig } from './memory.js';
import type { RegionKind, RunInput, RunOptions, RunResult, VmFault } from './types.js';
import { resultOf } from './run.js';

export type SessionStatus = 'running' | 'exited' | 'faulted' | 'limit';

/** Why the last command stopped. */
export type StopReason = 'step' | 'break' | 'exit' | 'fault' | 'limit' | 'return' | 'start' | 'none';

export interface FrameView {
  depth: number;
  /** The frame pointer (r10) of this frame. */
  fp: bigint;
  /** Slot of the call instruction that entered this frame (null for the main program). */
  callPc: number | null;
  /** Where `exit` in this frame returns to (null for the main program). For a helper's callback
   * that is where the program resumes once the helper is done calling it. */
  returnPc: number | null;
  /** Whether the frame runs a helper's callback (bpf_loop, bpf_for_each_map_elem). */
  callback: boolean;
}

export interface MemWrite {
  region: string;
  address: bigint;
  offset: number;
  size: number;
}

export interface RegionView {
  name: string;
  kind: RegionKind;
  address: bigint;
  size: number;
  writable: boolean;
}

export interface Snapshot {
  status: SessionStatus;
  /** Slot of the next instruction to execute (for a fault: the faulting one). */
  pc: number;
  /** Instructions executed so far. */
  step: number;
  /** r0..r10, unsigned. */
  regs: bigint[];
  /** Registers whose value the last step changed. */
  changed: number[];
  /** Active call frames, main program first. */
  frames: FrameView[];
  /** The 512 stack bytes of each active frame (index = depth); byte 511 is just below fp. */
  stack: Uint8Array[];
  /** Memory the last step wrote. */
  writes: MemWrite[];
  regions: RegionView[];
  output: string[];
  fault: VmFault | null;
}

export interface ContinueOptions {
  breakpoints?: Iterable<number>;
}

export class Session {
  private m: Machine;
  private reason: StopReason = 'start';

  constructor(
    readonly program: readonly Insn[],
    private readonly input: RunInput = {},
    private readonly opts: RunOptions = {},
  ) {
    this.m = new Machine(program, input, opts);
    this.m.startRecording();
  }

  get status(): SessionStatus {
    const m = this.m;
    if (m.fault) return 'faulted';
    if (m.exited) return 'exited';
    if (m.steps >= m.maxSteps) return 'limit';
    return 'running';
  }

  get pc(): number { return this.m.pc; }
  get steps(): number { return this.m.steps; }
  get depth(): number { return this.m.depth; }
  get lastStop(): StopReason { return this.reason; }

  /** Execute one instruction. */
  step(): StopReason {
    return this.go(1, new Set(), -1);
  }

  /**
   * Undo the last step. A fault counts as a step that changed nothing but the status, so after a
   * fault, stepBack first returns to the moment before it (same pc, running); step and stepBack
   * are exact inverses. A no-op at step 0.
   */
  stepBack(): StopReason {
    if (this.m.fault) {
      this.m.fault = null;
      return (this.reason = 'step');
    }
    if (this.m.steps === 0) return (this.reason = 'start');
    this.m.undoStep();
    return (this.reason = 'step');
  }

  /** Like step, but a bpf-to-bpf call runs until it returns, and a helper that calls back into
   * the program (bpf_loop) until it is done (or something hits a breakpoint). */
  stepOver(o: ContinueOptions = {}): StopReason {
    const m = this.m;
    const row = m.prog.rows[m.pc];
    const depth = m.depth;
    if (row && row.kind === 'call') {
      const r = this.step();
      if (r !== 'step' || m.depth <= depth) return r;
      return this.go(Infinity, new Set(o.breakpoints ?? []), depth + 1);
    }
    if (!row || row.kind !== 'call_local') return this.step();
    return this.go(Infinity, new Set(o.breakpoints ?? []), depth + 1);
  }

  /** Run until the current function returns to its caller (to the end in the main program). */
  stepOut(o: ContinueOptions = {}): StopReason {
    return this.go(Infinity, new Set(o.breakpoints ?? []), this.m.depth);
  }

  /** Run until a breakpoint (slot index), the exit, a fault or the step limit. */
  continue(o: ContinueOptions = {}): StopReason {
    return this.go(Infinity, new Set(o.breakpoints ?? []), -1);
  }

  /** Run until the instruction at `pc` is next (or something else stops the run first). */
  runTo(pc: number, o: ContinueOptions = {}): StopReason {
    const bps = new Set(o.breakpoints ?? []);
    bps.add(pc);
    return this.go(Infinity, bps, -1);
  }

  /** Move to step `n` (0 ≤ n), backwards by undoing, forwards by executing without stopping at breakpoints. */
  seek(n: number): StopReason {
    const target = Math.max(0, Math.floor(n));
    while (this.m.steps > target) this.m.undoStep();
    if (this.m.steps < target) return this.go(target - this.m.steps, new Set(), -1);
    this.m.fault = null;
    return (this.reason = target === 0 ? 'start' : 'step');
  }

  /** Back to step 0 (undoing every recorded effect, including helpers' external ones). */
  reset(): StopReason {
    return this.seek(0);
  }

  private go(count: number, bps: ReadonlySet<number>, stopDepth: number): StopReason {
    const m = this.m;
    if (this.status !== 'running') return (this.reason = 'none');
    m.limit = Math.min(m.maxSteps, count === Infinity ? m.maxSteps : m.steps + count);
    m.stopDepth = stopDepth;
    let stop: Stop;
    try {
      stop = execute(m, { engine: this.opts.engine ?? 'auto', breakpoints: bps });
    } finally {
      m.stopDepth = -1;
      m.limit = m.maxSteps;
    }
    switch (stop) {
      case 'exit': return (this.reason = 'exit');
      case 'fault': return (this.reason = 'fault');
      case 'break': return (this.reason = 'break');
      case 'stepout': return (this.reason = 'return');
      default: return (this.reason = m.steps >= m.maxSteps ? 'limit' : 'step');
    }
  }

  /** The result so far, in run()'s shape (exit 'limit' while the program is still running). */
  result(): RunResult {
    const s = this.status;
    return resultOf(this.m, s === 'exited' ? 'exit' : s === 'faulted' ? 'fault' : 'limit');
  }

  snapshot(): Snapshot {
    const m = this.m;
    const regs = Array.from({ length: 11 }, (_, r) => m.get(r));
    const changed = new Set<number>();
    const writes: MemWrite[] = [];
    if (m.steps > 0) {
      for (const p of m.entries(m.SJ[m.steps - 1]!, m.jpos())) {
        const w = m.word(p);
        const tag = w & 0xff;
        if (tag === T_REG) {
          const r = w >>> 8;
          if (toBig(m.word(p + 1), m.word(p + 2)) !== regs[r]) changed.add(r);
        } else if (tag === T_MEM) {
          const region = m.mem.all[m.word(p + 1)]!;
          const offset = m.word(p + 2);
          writes.push({ region: region.name, address: region.address + BigInt(offset), offset, size: w >>> 8 });
        }
      }
    }
    const frames: FrameView[] = [];
    const stack: Uint8Array[] = [];
    for (let d = 0; d <= m.depth; d++) {
      frames.push({
        depth: d, fp: framePointer(d),
        callPc: d === 0 ? null : m.frameCallPc[d]!, returnPc: d === 0 ? null : m.frameRet[d]!,
        callback: m.frameCont[d] !== null,
      });
      stack.push(m.stack[d]!.u8.slice(0, STACK_SIZE));
    }
    return {
      status: this.status, pc: m.pc, step: m.steps, regs, changed: [...changed].sort((a, b) => a - b),
      frames, stack, writes,
      regions: m.mem.all.filter((r) => r.active).map((r) => ({ name: r.name, kind: r.kind, address: r.address, size: r.size, writable: r.writable })),
      output: [...m.output], fault: m.fault,
    };
  }

  /** The current bytes of a region by name ('stack frame 0', 'packet', 'mem', a ctx struct name). */
  regionBytes(name: string): Uint8Array | null {
    const r = this.m.mem.all.find((x) => x.name === name && x.active);
    return r ? r.u8.slice() : null;
  }

  /** Every byte range the run has written so far, per region (scans the journal). */
  touchedMemory(): { region: string; ranges: { offset: number; size: number }[] }[] {
    const m = this.m;
    const per = new Map<number, Map<number, number>>();
    for (const p of m.entries(0, m.jpos())) {
      if ((m.word(p) & 0xff) !== T_MEM) continue;
      const id = m.word(p + 1);
      const off = m.word(p + 2);
      const size = m.word(p) >>> 8;
      let bytes = per.get(id);
      if (!bytes) { bytes = new Map(); per.set(id, bytes); }
      for (let k = 0; k < size; k++) bytes.set(off + k, 1);
    }
    return [...per].map(([id, bytes]) => {
      const offs = [...bytes.keys()].sort((a, b) => a - b);
      const ranges: { offset: number; size: number }[] = [];
      for (const o of offs) {
        const last = ranges[ranges.length - 1];
        if (last && last.offset + last.size === o) last.size++;
        else ranges.push({ offset: o, size: 1 });
      }
      return { region: m.mem.all[id]!.name, ranges };
    });
  }
}

