// The core's work for the playground, as one object holding the state that lives between requests:
// assembled programs (cached by text), the last verification (for per-instruction states) and the
// debugging session. It runs inside the Web Worker (worker.ts is a thin switch over it) and, when
// Workers are unavailable, on the main thread (client.ts). Pure TypeScript over src/core: no DOM,
// no Worker globals.

import { assemble } from '../core/asm/assemble.js';
import type { AsmProgram, AsmResult } from '../core/asm/types.js';
import { BPF_ST, BPF_STX } from '../core/isa/constants.js';
import { OPS } from '../core/isa/table.js';
import { returnCodeName, makeRunInput, progTypeSpec } from '../core/progtypes/index.js';
import { createWorld, type World } from '../core/world/index.js';
import { MAP_POINTER_BASE } from '../core/helpers/runtime.js';
import { formatReg, formatSlot } from '../core/verifier/log.js';
import type { VerifierState } from '../core/verifier/state.js';
import { verify, type VerifyResult } from '../core/verifier/verify.js';
import { Session, type Snapshot } from '../core/vm/index.js';
import { parseCtxOption, parseEnvOption, packetOption, resolveRun, type RunRequest } from '../core/world/request.js';
import type { SimEnv } from '../core/helpers/env.js';
import { abstractFrames } from './abstract.js';
import type {
  AbstractStateView, CreateRunResult, MapView, RegView, RunCommand, RunSetup, RunSetupError, RunView, VerifyView,
} from './protocol.js';

const MAX_OUTPUT_LINES = 2000;
const MAX_MAP_ROWS = 256;
const U64 = (1n << 64n) - 1n;

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const fromHex = (t: string): Uint8Array => Uint8Array.from(t.replace(/\s+/g, '').match(/../g) ?? [], (h) => parseInt(h, 16));

/** Instruction classes that can change memory or maps: stores, atomics and calls. */
const MEMORY_CODES = new Set(OPS.filter((o) => o.cls === BPF_ST || o.cls === BPF_STX || o.kind === 'call').map((o) => o.code));

interface Live {
  world: World;
  session: Session;
  program: AsmProgram;
  maxStep: number;
  packetBefore: Uint8Array | null;
  packetNow: Uint8Array | null;
  outputs: Pick<RunView, 'maps' | 'ringbuf' | 'perfEvents'>;
}

export class CoreHost {
  private readonly asmCache = new Map<string, AsmResult>();
  private verified: { program: AsmProgram; result: VerifyResult } | null = null;
  private live: Live | null = null;

  assemble(source: string): AsmResult {
    const hit = this.asmCache.get(source);
    if (hit) return hit;
    const r = assemble(source);
    if (this.asmCache.size >= 8) this.asmCache.delete(this.asmCache.keys().next().value!);
    this.asmCache.set(source, r);
    return r;
  }

  verify(source: string, logLevel: 1 | 2 = 1): VerifyView | null {
    const a = this.assemble(source);
    if (!a.ok) return null;
    const program = a.program;
    const t0 = performance.now();
    const result = verify({ insns: program.insns, maps: program.maps, progType: program.progType }, { logLevel });
    const ms = performance.now() - t0;
    this.verified = { program, result };
    const visits: Record<number, number> = {};
    for (const p of result.paths.paths) for (const s of p.steps) visits[s.pc] = (visits[s.pc] ?? 0) + 1;
    return {
      accepted: result.accepted, error: result.error ? { pc: result.error.pc, message: result.error.message } : null, errno: result.errno, processed: result.processed,
      log: result.log, logLevel, hints: hintsFromPaths(result), visits, ms,
    };
  }

  verifierState(pc: number, visit: number): AbstractStateView | null {
    if (!this.verified) return null;
    const states = this.verified.result.paths.paths.flatMap((p) => p.steps.filter((s) => s.pc === pc).map((s) => s.state));
    if (!states.length) return null;
    const k = Math.min(Math.max(0, visit), states.length - 1);
    return { pc, visit: k, visits: states.length, frames: abstractFrames(states[k]!) };
  }

  createRun(setup: RunSetup): CreateRunResult {
    const fail = (error: RunSetupError): CreateRunResult => ({ ok: false, error });
    const a = this.assemble(setup.source);
    if (!a.ok) {
      const e = a.errors[0];
      return fail({ field: 'program', message: `the program does not assemble (${a.errors.length} error${a.errors.length === 1 ? '' : 's'})`, ...(e ? { line: e.line } : {}) });
    }
    const program = a.program;
    const spec = progTypeSpec(program.progType)!;
    const req: RunRequest = { ctx: [], maps: [], env: {} };
    if (spec.input === 'packet' && setup.input.packet.trim() !== '') {
      const p = packetOption(setup.input.packet);
      if (!p.ok) return fail({ field: 'packet', message: p.error });
      req.dataIn = p.value;
    }
    for (const line of setup.input.ctx) {
      if (line.trim() === '') continue;
      const c = parseCtxOption(line.trim());
      if (!c.ok) return fail({ field: 'ctx', message: c.error });
      req.ctx.push(c.value);
    }
    const env: Partial<SimEnv> = {};
    for (const line of setup.input.env) {
      if (line.trim() === '') continue;
      const e = parseEnvOption(line.trim(), env);
      if (e) return fail({ field: 'env', message: e });
    }
    req.env = env;
    const job = resolveRun(program, req);
    if (!job.ok) return fail({ field: job.error.startsWith('--ctx') ? 'ctx' : 'input', message: job.error.replace(/^--ctx\s*/, '') });
    const prepared = makeRunInput(program.progType, { dataIn: job.value.dataIn, ctxIn: job.value.ctxIn });
    if (!prepared.ok) {
      const who = spec.kernelTestRun ? 'the kernel would refuse this input' : 'bpfiddle cannot build this context';
      return fail({ field: 'input', message: `${who}: ${prepared.error.errno}: ${prepared.error.message}` });
    }
    const maps: Record<string, { key: Uint8Array; value: Uint8Array }[]> = {};
    for (const [name, entries] of Object.entries(setup.maps)) {
      if (!entries.length) continue;
      if (!program.maps.some((m) => m.name === name)) continue; // a map the edited program no longer declares
      maps[name] = entries.map((e) => ({ key: fromHex(e.key), value: fromHex(e.value) }));
    }
    const w = createWorld(program, { run: prepared.run.input, maps, env: job.value.env });
    if (!w.ok) {
      const e = w.errors[0]!;
      return fail({ field: e.map ? 'maps' : 'env', message: e.message, ...(e.map ? { map: e.map } : {}), ...(e.span ? { line: e.span.line } : {}) });
    }
    const world = w.world;
    const session = world.session({ maxSteps: setup.input.maxSteps ?? 1_000_000 });
    const before = prepared.run.input.packet?.bytes.slice() ?? null;
    this.live = { world, session, program, maxStep: 0, packetBefore: before, packetNow: before, outputs: { maps: null, ringbuf: [], perfEvents: [] } };
    this.refreshOutputs(this.live);
    return { ok: true, view: this.view(this.live, true) };
  }

  command(cmd: RunCommand, breakpoints: readonly number[]): RunView | null {
    const live = this.live;
    if (!live) return null;
    const s = live.session;
    const o = { breakpoints };
    const pcBefore = s.pc;
    const stepBefore = s.steps;
    switch (cmd.kind) {
      case 'step': s.step(); break;
      case 'stepBack': s.stepBack(); break;
      case 'stepOver': s.stepOver(o); break;
      case 'stepOut': s.stepOut(o); break;
      case 'continue': s.continue(o); break;
      case 'runTo': s.runTo(cmd.pc, o); break;
      case 'seek': s.seek(Math.min(cmd.step, Math.max(live.maxStep, cmd.step))); break;
      case 'reset': s.reset(); break;
    }
    live.maxStep = Math.max(live.maxStep, s.steps);
    const moved = Math.abs(s.steps - stepBefore);
    // Map contents and the packet can only change through stores, atomics and calls; a single step
    // over anything else leaves them as they were (and re-dumping every map per step is the cost
    // that would make stepping a big program slow).
    const touched = moved > 1 || (moved === 1 && MEMORY_CODES.has(live.program.insns[s.steps > stepBefore ? pcBefore : s.pc]?.code ?? -1));
    if (touched) this.refreshOutputs(live);
    return this.view(live, touched);
  }

  private refreshOutputs(live: Live): void {
    const out = live.world.outputs();
    live.outputs = {
      maps: live.world.maps.map((m, i): MapView => {
        const dump = out.maps[i]!;
        return {
          name: m.name, type: m.type, keySize: m.keySize, valueSize: m.valueSize, count: dump.entries.length,
          entries: dump.entries.slice(0, MAX_MAP_ROWS).map((e) => ({
            key: hex(e.key),
            value: Array.isArray(e.value) ? e.value.map(hex).join('/') : hex(e.value),
          })),
        };
      }),
      ringbuf: out.ringbuf.map((r) => ({ map: r.map, records: r.records.map((x) => ({ size: x.size, discarded: x.discarded, busy: x.busy, data: x.data.slice() })) })),
      perfEvents: out.perfEvents,
    };
    if (live.packetBefore) live.packetNow = live.session.result().packet;
  }

  private view(live: Live, withMaps: boolean): RunView {
    const s = live.session;
    const snap = s.snapshot();
    const exited = snap.status === 'exited';
    const r0 = snap.regs[0]!;
    return {
      status: snap.status,
      stop: s.lastStop,
      pc: snap.pc,
      step: snap.step,
      maxStep: live.maxStep,
      regs: snap.regs.map((v) => regView(v, snap, live)),
      changed: snap.changed,
      frames: snap.frames.map((f, d) => ({ depth: f.depth, callPc: f.callPc, returnPc: f.returnPc, callback: f.callback, stack: snap.stack[d]! })),
      writes: snap.writes.map((w) => ({ region: w.region, offset: w.offset, size: w.size })),
      output: snap.output.slice(-MAX_OUTPUT_LINES),
      outputCount: snap.output.length,
      fault: snap.fault ? { pc: snap.fault.pc, kind: snap.fault.kind, message: snap.fault.message } : null,
      r0: exited ? r0.toString() : '',
      r0Name: exited ? returnCodeName(live.program.progType, r0) ?? null : null,
      maps: withMaps ? live.outputs.maps : null,
      packetBefore: live.packetBefore,
      packetNow: live.packetNow,
      ringbuf: live.outputs.ringbuf,
      perfEvents: live.outputs.perfEvents,
    };
  }
}

/** A register's value three ways, and where it points when it points into the machine. */
function regView(v: bigint, snap: Snapshot, live: Live): RegView {
  const u = v & U64;
  return {
    hex: u.toString(16).padStart(16, '0'),
    unsigned: u.toString(),
    signed: BigInt.asIntN(64, u).toString(),
    pointer: pointerName(u, snap, live),
  };
}

/** `fp-8`, `map_value(counts)+4`, `pkt+14`, `ctx+0`, `map_ptr(counts)`, or null for plain numbers. */
export function pointerName(v: bigint, snap: Pick<Snapshot, 'frames' | 'regions'>, live: Pick<Live, 'program'>): string | null {
  if (v < 0x10000n) return null;
  const top = snap.frames.length - 1;
  for (const f of snap.frames) {
    if (v <= f.fp && v >= f.fp - 512n) {
      const off = Number(v - f.fp);
      const name = f.depth === top ? 'fp' : `fp[${f.depth}]`;
      return off === 0 ? name : `${name}${off}`;
    }
  }
  const mi = v - MAP_POINTER_BASE;
  if (mi >= 0n && mi % 0x1000n === 0n && mi / 0x1000n < BigInt(live.program.maps.length)) {
    return `map_ptr(${live.program.maps[Number(mi / 0x1000n)]!.name})`;
  }
  for (const r of snap.regions) {
    if (r.kind === 'stack') continue;
    if (v < r.address || v > r.address + BigInt(r.size)) continue;
    const off = Number(v - r.address);
    const plus = `+${off}`;
    switch (r.kind) {
      case 'packet': return `pkt${plus}`;
      case 'ctx': return `ctx${plus}`;
      case 'map_value': return `map_value(${r.name.replace(/\[.*$/, '')})${plus}`;
      case 'map_key': return `map_key(${r.name.replace(/\[.*$/, '')})${plus}`;
      case 'ringbuf': return `ringbuf_mem${plus}`;
      case 'mem': return `mem${plus}`;
      default: return `${r.name}${plus}`;
    }
  }
  return null;
}

/** Per instruction, on its first visit, the registers and stack slots that differ from the state
 * before it, printed as the kernel's log prints them (`R0=map_value(...) fp-8=mmmmmmmm`). */
export function hintsFromPaths(result: VerifyResult): Record<number, string> {
  const out: Record<number, string> = {};
  for (const path of result.paths.paths) {
    let prev = path.startState;
    for (const step of path.steps) {
      if (!(step.pc in out)) out[step.pc] = stateDiff(prev, step.state);
      prev = step.state;
    }
  }
  return out;
}

function stateDiff(before: VerifierState, after: VerifierState): string {
  const fa = after.frames[after.frames.length - 1]!;
  const fb = before.frames.length === after.frames.length ? before.frames[before.frames.length - 1]! : null;
  const parts: string[] = [];
  if (fa.frameno && (!fb || fb.frameno !== fa.frameno)) parts.push(`frame${fa.frameno}:`);
  fa.regs.forEach((r, i) => {
    if (r.type === 'not_init' || (fb && fb.regs[i] === r)) return;
    parts.push(`R${i}=${formatReg(r, fa.frameno)}`);
  });
  fa.stack.forEach((slot, spi) => {
    if (fb && fb.stack[spi] === slot) return;
    const t = formatSlot(slot, spi, fa.frameno);
    if (t) parts.push(t);
  });
  return parts.join(' ');
}
