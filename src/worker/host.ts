// The core's work for the playground, as one object holding the state that lives between requests:
// assembled programs (cached by text), the last verification (for per-instruction states) and the
// debugging session. It runs inside the Web Worker (worker.ts is a thin switch over it) and, when
// Workers are unavailable, on the main thread (client.ts). Pure TypeScript over src/core: no DOM,
// no Worker globals.
//
// Verifier states on demand. A verification keeps every step's pc but the states of one window of
// the walk only (`window` steps, default 50,000: recording 200,000 made a 1M-instruction
// verification in the browser worker miss its 3 s target, and the page shows one state at a
// time). When the page asks for a state outside the window, the host verifies the same program
// again with the window centred on that step (the walk is deterministic, so the states are those
// of a full recording) and keeps that window instead: memory stays bounded by one window whatever
// the program. An installed result (an imported kernel log) has nothing to re-verify; it answers
// from the states it has.

import { assemble } from '../core/asm/assemble.js';
import type { AsmProgram, AsmResult, ProgTypeName } from '../core/asm/types.js';
import { explain, type ExplainProgram } from '../core/explain/explain.js';
import { importKernelLog } from '../core/kernel-log/index.js';
import { BPF_ST, BPF_STX } from '../core/isa/constants.js';
import { OPS } from '../core/isa/table.js';
import type { Insn } from '../core/isa/insn.js';
import { returnCodeName, makeRunInput, progTypeSpec } from '../core/progtypes/index.js';
import { createWorld, type World } from '../core/world/index.js';
import { MAP_POINTER_BASE } from '../core/helpers/runtime.js';
import { formatReg, formatSlot } from '../core/verifier/log.js';
import type { VerifierState } from '../core/verifier/state.js';
import { verify, type VerifyResult } from '../core/verifier/verify.js';
import { Session, type Snapshot } from '../core/vm/index.js';
import { parseCtxOption, parseEnvOption, packetOption, resolveRun, type RunRequest } from '../core/world/request.js';
import type { SimEnv } from '../core/helpers/env.js';
import { formatInsnKernel } from '../core/asm/disasm-kernel.js';
import { branchSide, buildFlowGraph, diffStep, type FlowGraph, type StepDiff } from '../core/flow/index.js';
import type { Path } from '../core/verifier/verify.js';
import { abstractFrames } from './abstract.js';
import type {
  AbstractStateView, CreateRunResult, ExplanationView, FlowGraphView, ImportedInfo, ImportLogResult, MapView, PathMeta, RegView, RunCommand, RunSetup, RunSetupError, RunView, StepView, VerifyView,
} from './protocol.js';

const MAX_OUTPUT_LINES = 2000;
const MAX_MAP_ROWS = 256;
const U64 = (1n << 64n) - 1n;

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const fromHex = (t: string): Uint8Array => Uint8Array.from(t.replace(/\s+/g, '').match(/../g) ?? [], (h) => parseInt(h, 16));

/** Instruction classes that can change memory or maps: stores, atomics and calls. */
const MEMORY_CODES = new Set(OPS.filter((o) => o.cls === BPF_ST || o.cls === BPF_STX || o.kind === 'call').map((o) => o.code));

/** A verified program as the host keeps it: verify()'s input and, when it came from source, the
 * source map (explanations name lines with it). */
type InstalledProgram = ExplainProgram;

interface Live {
  world: World;
  session: Session;
  program: AsmProgram;
  maxStep: number;
  packetBefore: Uint8Array | null;
  packetNow: Uint8Array | null;
  outputs: Pick<RunView, 'maps' | 'ringbuf' | 'perfEvents'>;
}

export interface CoreHostOptions {
  /** Steps of the walk whose verifier states the host keeps at a time (default 50,000). */
  readonly window?: number;
}

/** The default window: small enough that recording costs little on 1M-instruction programs, large
 * enough that stepping through a path rarely leaves it (a re-verification costs a verification). */
export const DEFAULT_STATE_WINDOW = 50_000;

/** The current verification as the host keeps it. `result.paths` holds the states of one window
 * of the walk; re-verifying replaces it with another window's (same tree, other states). */
interface Verified {
  program: InstalledProgram;
  result: VerifyResult;
  flow: FlowGraph | null;
  /** Whether the states of other steps can be had by verifying again (false for installed results). */
  reverifiable: boolean;
}

export class CoreHost {
  private readonly asmCache = new Map<string, AsmResult>();
  /** The current verification: the program and the verifier's result (states of one window);
   * the page asks for the parts it shows. */
  private verified: Verified | null = null;
  private live: Live | null = null;
  private readonly window: number;
  /** Verifications run to move the window (tests and benches read it). */
  reverifications = 0;

  constructor(options: CoreHostOptions = {}) {
    this.window = Math.max(2, Math.trunc(options.window ?? DEFAULT_STATE_WINDOW));
  }

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
    const result = verify({ insns: program.insns, maps: program.maps, progType: program.progType }, { logLevel, maxRecordedSteps: this.window });
    const view = this.install(program, result, logLevel, performance.now() - t0);
    this.verified!.reverifiable = true;
    // Every step's pc is in the view and every state can be fetched: nothing is missing.
    return { ...view, pathsTruncated: false };
  }

  /** The walk's steps whose states the current verification holds, [from, to), and how many step
   * states it keeps alive (memory is bounded by the window). */
  recordedSteps(): { from: number; to: number; states: number } | null {
    const v = this.verified;
    if (!v) return null;
    const { from, to } = v.result.paths.recorded;
    return { from, to, states: v.result.paths.paths.reduce((n, p) => n + p.steps.length, 0) };
  }

  /** The current result with the states of walk steps [from, to) (to - from at most the window),
   * verifying again with the window centred on them when they are outside it. An installed result
   * is returned as it is (callers check for missing states). */
  private statesFor(from: number, to: number): VerifyResult | null {
    const v = this.verified;
    if (!v) return null;
    const rec = v.result.paths.recorded;
    if ((from >= rec.from && to <= rec.to) || !v.reverifiable) return v.result;
    const first = Math.max(0, Math.min(from, Math.floor((from + to - this.window) / 2)));
    this.reverifications++;
    // Drop this window's states first, so that one window is alive even while the next is recorded.
    // (Callers hold only numbers across this call, for the same reason.)
    const { stepCount, paths } = v.result.paths;
    v.result = { ...v.result, paths: { ...v.result.paths, paths: paths.map((p) => ({ ...p, steps: [], recordedFrom: 0 })), recorded: { from: 0, to: 0 } } };
    // Log level 0: the log is the first verification's; the walk and its states do not depend on it.
    const r = verify({ insns: v.program.insns, maps: v.program.maps, progType: v.program.progType },
      { logLevel: 0, firstRecordedStep: first, maxRecordedSteps: this.window });
    if (r.paths.stepCount !== stepCount || r.paths.paths.length !== v.result.paths.paths.length) {
      throw new Error('bpfiddle bug: verifying the same program again walked differently');
    }
    // Only this window's states stay alive: the previous window's are dropped with its tree.
    v.result = { ...v.result, paths: r.paths };
    return v.result;
  }

  /** Make `result` the current verification (from verify(), or one rebuilt from a pasted kernel
   * log) and return the page's summary of it; later state queries answer from it. */
  install(program: InstalledProgram, result: VerifyResult, logLevel: 1 | 2, ms = 0): VerifyView {
    this.verified = { program, result, flow: null, reverifiable: false };
    return verifyView(result, logLevel, ms);
  }

  /** A real kernel's verifier log: the program rebuilt from it, installed as the current verification. */
  importKernelLog(text: string, progType?: ProgTypeName): ImportLogResult {
    const t0 = performance.now();
    const r = importKernelLog(text, progType ? { progType } : {});
    if (!r.ok) return { ok: false, error: r.error };
    const imported: ImportedInfo = {
      warnings: r.warnings.map((w) => ({ line: w.line, message: w.message })), stoppedAt: r.stoppedAt ?? null,
      progType: r.program.progType, progTypeGuessed: r.progTypeGuessed,
    };
    // Lines are the editor's: the rebuilt source's own source map (the page assembles it next, so
    // this also warms the cache).
    const a = this.assemble(r.source);
    const program = a.ok && a.program.insns.length === r.program.insns.length ? { ...r.program, sourceMap: a.program.sourceMap } : r.program;
    const view = { ...this.install(program, r.result, r.logLevel, performance.now() - t0), imported };
    return { ok: true, source: r.source, view };
  }

  /** The current verification's error explained from its recorded paths (whatever its size, and
   * for imported kernel logs too); null when it does not fail with `error` (the page's verdict is
   * stale) or the catalogue does not know the message. */
  explainError(error: { pc: number; message: string }): ExplanationView | null {
    const v = this.verified;
    const err = v?.result.error;
    if (!v || !err || err.pc !== error.pc || err.message !== error.message) return null;
    // explain() follows the paths' pcs for the branches and asks for the one state it needs (after
    // the failing path's last step); outside the window, that verifies again with the window moved
    // there. (explain holds the tree it was given meanwhile, so the old window's states outlive the
    // re-verification by the length of this call.)
    const e = explain(err, v.program, v.result, (pathId, k) => this.stateOfStep(pathId, k));
    if (!e.kind) return null;
    const k = e.kind;
    return {
      kindId: k.id, title: k.title, explanation: k.explanation, fix: k.fix,
      example: k.example ? { before: k.example.before, after: k.example.after } : null,
      message: e.message, pc: e.pc, line: e.line,
      register: e.register ? { ...e.register } : null,
      branches: e.branches.map((b) => ({ ...b })),
      previousPc: e.previousPc, cause: e.cause,
    };
  }

  /** The state after step `k` (an index in its pcs) of path `pathId`, fetched by verifying again
   * when the window left it out; undefined when it cannot be had (an imported log without it). */
  private stateOfStep(pathId: number, k: number): VerifierState | undefined {
    const path = this.verified?.result.paths.paths[pathId];
    if (!path || k < 0 || k >= path.pcs.length) return undefined;
    const g = path.firstStep + k;
    return stateAt(this.statesFor(g, g + 1)!.paths.paths[pathId]!, k) ?? undefined;
  }

  /** The state at step `step` of path `pathId` (an index in its pcs, recorded in the current
   * window or not), the state before it, and what the step changed. */
  verifierStep(pathId: number, step: number): StepView | null {
    const v = this.verified;
    const pos = v ? stepPosition(v.result.paths.paths, pathId, step, v.reverifiable) : null;
    if (!v || !pos) return null;
    const { k, n, g, fork } = pos;
    // At a branched path's first step, how the branch refined the state needs the parent's state
    // at the jump, usually far earlier in the walk: one window over both when it fits, else the
    // parent's first, so that the window stays where the page is stepping.
    const both = fork !== null && g + 1 - (fork - 1) <= this.window;
    const entry = fork !== null && !both ? this.entryAt(pathId, fork) : null;
    // The step and the one before it (at a path's first step, its start state stands before it).
    const result = this.statesFor(both ? Math.max(0, fork - 1) : k > 0 ? g - 1 : g, g + 1)!;
    const path = result.paths.paths[pathId]!;
    const cur = stateAt(path, k);
    const before = k > 0 ? stateAt(path, k - 1) : path.startState;
    if (!cur || !before) return null;
    const insns = v.program.insns;
    const pc = path.pcs[k]!;
    const next = k + 1 < n ? path.pcs[k + 1]! : (path.end.kind === 'exit' ? null : path.end.pc);
    return {
      pathId, step: k, steps: n, pc,
      state: { pc, visit: 0, visits: 1, frames: abstractFrames(cur), path: { id: pathId, step: k, steps: n } },
      prev: abstractFrames(before),
      diff: diffStep(insns, pc, before, cur, branchSide(insns, pc, next)),
      entry: k === 0 ? entry ?? entryDiff(insns, result.paths.paths, path) : null,
    };
  }

  /** How the branch at walk step `fork` refined path `pathId`'s start state, from a window there. */
  private entryAt(pathId: number, fork: number): StepDiff | null {
    const paths = this.statesFor(Math.max(0, fork - 1), fork + 1)!.paths.paths;
    return entryDiff(this.verified!.program.insns, paths, paths[pathId]!);
  }

  flowGraph(): FlowGraphView | null {
    const v = this.verified;
    if (!v) return null;
    v.flow ??= buildFlowGraph(v.program.insns);
    const { result } = v;
    const visits = new Map<number, number>();
    const pruned = new Map<number, number>();
    for (const p of result.paths.paths) {
      for (const pc of p.pcs) visits.set(pc, (visits.get(pc) ?? 0) + 1);
      if (p.end.kind === 'pruned') pruned.set(p.end.pc, (pruned.get(p.end.pc) ?? 0) + 1);
    }
    const errPc = result.error?.pc ?? -1;
    const insns = v.program.insns;
    return {
      blocks: v.flow.blocks.map((b) => ({
        id: b.id, start: b.start, end: b.end, pcs: [...b.pcs], subprog: b.subprog, exit: b.exit,
        text: b.pcs.map((pc) => formatInsnKernel(insns, pc).replace(/^\([0-9a-f]{2}\) /, '')),
        // A pruned path stops before processing its instruction: count those visits too.
        visits: (visits.get(b.start) ?? 0) + (pruned.get(b.start) ?? 0),
        pruned: b.pcs.reduce((n, pc) => n + (pruned.get(pc) ?? 0), 0),
        error: b.pcs.includes(errPc),
      })),
      edges: v.flow.edges.map((e) => ({ ...e })),
    };
  }

  /** The state after visit `visit` of instruction `pc`, visits counted over the whole walk in
   * path order (the states of visits outside the window are fetched by verifying again). */
  verifierState(pc: number, visit: number): AbstractStateView | null {
    const v = this.verified;
    const at = v ? visitPosition(v.result.paths.paths, pc, visit) : null;
    if (!at) return null;
    const { k, visits, id, step, n, g } = at;
    const state = stateAt(this.statesFor(g, g + 1)!.paths.paths[id]!, step);
    if (!state) return null;
    return { pc, visit: k, visits, frames: abstractFrames(state), path: { id, step, steps: n } };
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

/** The page's summary of a verification: verdict, log, per-instruction counts and the path tree
 * as metadata (states stay in the host). */
export function verifyView(result: VerifyResult, logLevel: 1 | 2, ms: number): VerifyView {
  const counts = new Map<number, number>();
  const prunes: Record<number, number> = {};
  const paths: PathMeta[] = result.paths.paths.map((p) => {
    // Every step's pc, recorded in the window or not (a copy: the host's tree stays its own).
    const pcs = p.pcs.slice();
    for (const pc of pcs) counts.set(pc, (counts.get(pc) ?? 0) + 1);
    if (p.end.kind === 'pruned') prunes[p.end.pc] = (prunes[p.end.pc] ?? 0) + 1;
    const end = p.end.kind === 'error' ? { kind: p.end.kind, pc: p.end.pc, message: p.end.message } : { kind: p.end.kind, pc: p.end.pc };
    return { id: p.id, parent: p.parent, fromPc: p.fromPc, startPc: p.startPc, end, pcs };
  });
  const visits: Record<number, number> = {};
  for (const [pc, n] of counts) visits[pc] = n;
  return {
    accepted: result.accepted, error: result.error ? { pc: result.error.pc, message: result.error.message } : null, errno: result.errno, processed: result.processed,
    log: result.log, logLevel, hints: hintsFromPaths(result), visits, prunes, paths, pathsTruncated: result.paths.truncated, ms,
  };
}

/**
 * How the branch into `path` refined the state: its parent's state just before the jump at
 * fromPc against the path's start state. The parent may pass fromPc several times (a loop); the
 * visit it branched at is the one whose state shares the most registers with the start state
 * (states are immutable and share what a branch does not touch).
 */
function entryDiff(insns: readonly Insn[], paths: readonly Path[], path: Path): StepDiff | null {
  if (path.parent === null || path.fromPc === null) return null;
  const parent = paths[path.parent];
  if (!parent) return null;
  const start = path.startState.frames[path.startState.frames.length - 1]!;
  let best: VerifierState | null = null;
  let bestScore = -1;
  // Only the parent's visits whose state before them is in the window can be compared.
  parent.steps.forEach((s, i) => {
    if (s.pc !== path.fromPc) return;
    const pre = stateAt(parent, parent.recordedFrom + i - 1) ?? (parent.recordedFrom + i === 0 ? parent.startState : null);
    if (!pre) return;
    const f = pre.frames[pre.frames.length - 1]!;
    let score = 0;
    f.regs.forEach((r, k) => { if (start.regs[k] === r) score++; });
    if (f.stack === start.stack) score += 11;
    if (score > bestScore) { bestScore = score; best = pre; }
  });
  if (!best) return null;
  return diffStep(insns, path.fromPc, best, path.startState, branchSide(insns, path.fromPc, path.startPc));
}

/** Where step `step` of path `pathId` is: its index k in the path's pcs (clamped), the path's
 * length n, its walk step g, and the walk step of the branch that split the path off when k is 0
 * (null when unknown or not needed). Numbers only: no reference into the tree outlives it. */
function stepPosition(paths: readonly Path[], pathId: number, step: number, reverifiable: boolean): { k: number; n: number; g: number; fork: number | null } | null {
  const meta = paths[pathId];
  if (!meta || !meta.pcs.length) return null;
  const n = meta.pcs.length;
  const k = Math.min(Math.max(0, Math.trunc(step)), n - 1);
  return { k, n, g: meta.firstStep + k, fork: k === 0 && reverifiable ? branchStep(paths, meta) : null };
}

/** Visit `visit` (clamped) of instruction `pc`, visits counted over the whole walk (paths are
 * stretches of the walk in order): which of how many, its path, index in it, path length and walk step. */
function visitPosition(paths: readonly Path[], pc: number, visit: number): { k: number; visits: number; id: number; step: number; n: number; g: number } | null {
  let visits = 0;
  for (const p of paths) for (const x of p.pcs) if (x === pc) visits++;
  if (!visits) return null;
  const k = Math.min(Math.max(0, Math.trunc(visit)), visits - 1);
  let seen = 0;
  for (const p of paths) {
    const pcs = p.pcs;
    for (let i = 0; i < pcs.length; i++) {
      if (pcs[i] !== pc) continue;
      if (seen++ === k) return { k, visits, id: p.id, step: i, n: pcs.length, g: p.firstStep + i };
    }
  }
  return null;
}

/**
 * The walk's step at which `path`'s parent most likely split it off: pending branches are explored
 * last-pushed first, so the parent's children forking at the same instruction, in exploration
 * order, came from its visits of that instruction in reverse order (exact when each visit pushed a
 * branch; entryDiff then picks the best match among the visits the window holds).
 */
function branchStep(paths: readonly Path[], path: Path): number | null {
  if (path.parent === null || path.fromPc === null) return null;
  const parent = paths[path.parent];
  if (!parent) return null;
  let rank = 0;
  for (const p of paths) {
    if (p.id >= path.id) break;
    if (p.parent === path.parent && p.fromPc === path.fromPc) rank++;
  }
  const visits: number[] = [];
  parent.pcs.forEach((pc, i) => { if (pc === path.fromPc) visits.push(i); });
  if (!visits.length) return null;
  return parent.firstStep + visits[Math.max(0, visits.length - 1 - rank)]!;
}

/** The state after step `k` of `path` (an index in its pcs), or null when the window left it out. */
function stateAt(path: Path, k: number): VerifierState | null {
  const j = k - path.recordedFrom;
  return j >= 0 && j < path.steps.length ? path.steps[j]!.state : null;
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
