// The page ↔ worker contract: what the page asks the core to do (assemble, verify, drive a debugging
// session) and what comes back, as plain structured-cloneable data. `CoreApi` is the typed face
// both the Web Worker client and the main-thread fallback implement; the store talks only to it.
// Everything here is data: no functions, no class instances, so it crosses postMessage unchanged.

import type { AsmResult, ProgTypeName } from '../core/asm/types.js';
import type { FlowEdge, StepDiff, ValueView } from '../core/flow/index.js';
import type { FaultKind } from '../core/vm/types.js';

// ---------------------------------------------------------------------------------------------
// The run's input, as the user edits it (text, so it round-trips through share links unchanged)

/** One initial map element as lowercase hex without spaces (`01000000`); key '' for keyless maps
 * (queue, stack, ringbuf); per-CPU maps take one value for all CPUs. */
export interface MapEntryText { key: string; value: string }

/** Initial contents by map name. */
export type InitialMaps = Record<string, MapEntryText[]>;

/** Everything around the program that a run needs, as the Input pane edits it. */
export interface RunInputSpec {
  /** The packet: hex (or a pasted hex dump) or a packet spec such as `eth/ipv4/udp(dport=53)`. */
  packet: string;
  /** Context field values as `FIELD=VALUE` (`mark=5`, `rdi=0x1000`, `comm=str:bash`), the syntax
   * of `bpfiddle run --ctx`; they become ctx_in. */
  ctx: string[];
  /** Simulated environment settings as `KEY=VALUE` (`pid=42`, `cpu=1`), as `bpfiddle run --env`. */
  env: string[];
  /** Instructions before a run stops with 'limit' (default 1,000,000). */
  maxSteps?: number;
}

export const DEFAULT_INPUT: RunInputSpec = Object.freeze({
  packet: 'eth/ipv4/udp(dport=53)',
  ctx: [],
  env: [],
}) as RunInputSpec;

// ---------------------------------------------------------------------------------------------
// Verification

export interface VerifyView {
  accepted: boolean;
  /** The kernel's error: the instruction it blames (-1: the whole program) and its message. */
  error: { pc: number; message: string } | null;
  errno: string | null;
  processed: number;
  /** The kernel-format log at the requested level. */
  log: string;
  logLevel: 1 | 2;
  /** Per instruction, the registers and slots it changed as the log would print them after it
   * (`R0=map_value(...)`), on its first visit. */
  hints: Record<number, string>;
  /** How many times the verifier processed each instruction (paths reaching it). */
  visits: Record<number, number>;
  /** How many paths were pruned at each instruction (a checkpoint there covered their state). */
  prunes: Record<number, number>;
  /** The path tree as metadata; the states along a path come on demand (verifierStep). */
  paths: PathMeta[];
  /** True when some steps' states cannot be shown (an installed result that recorded part of the
   * walk). bpfiddle's own verifications keep every step's pc and fetch any state on demand. */
  pathsTruncated: boolean;
  ms: number;
  /** Set when this verification was imported from a real kernel's log (importKernelLog), not
   * computed by bpfiddle's verifier. */
  imported?: ImportedInfo;
}

/** What an imported kernel log did not say (guesses) and where reading it stopped. */
export interface ImportedInfo {
  /** 1-based line of the pasted text (0: the whole log) and the message. */
  warnings: { line: number; message: string }[];
  /** Where reading stopped early (a truncated or malformed log), or null when it was read to the end. */
  stoppedAt: { line: number; reason: string } | null;
  progType: ProgTypeName;
  progTypeGuessed: boolean;
}

/** The answer to importKernelLog: the rebuilt program's source and the installed verification. */
export type ImportLogResult =
  | { ok: true; source: string; view: VerifyView & { imported: ImportedInfo } }
  | { ok: false; error: { line: number; message: string } };

/** How a path ended: at `exit`, pruned as equivalent to an earlier state, an error, the
 * instruction limit, or still queued when an error elsewhere stopped the walk. */
export interface PathEndView {
  kind: 'exit' | 'pruned' | 'error' | 'limit' | 'unexplored';
  pc: number;
  message?: string;
}

/** One path the verifier explored, without its states. */
export interface PathMeta {
  id: number;
  /** The path it branched from and the jump (or call) that split it off; null for the first. */
  parent: number | null;
  fromPc: number | null;
  startPc: number;
  end: PathEndView;
  /** The instructions it processed, in order (its steps). */
  pcs: Int32Array;
}

/** The verifier's state at one step of one path, with what the step changed and why. */
export interface StepView {
  pathId: number;
  step: number;
  steps: number;
  pc: number;
  /** The state after the step (for the Registers and Stack panes). */
  state: AbstractStateView;
  /** The state before it (the previous step's, or the path's start). */
  prev: AbstractFrame[];
  diff: StepDiff;
  /** At a branched path's first step: how the branch into it refined the state. */
  entry: StepDiff | null;
}

/** A basic block of the control-flow graph with what the verifier did there. */
export interface FlowBlockView {
  id: number;
  start: number;
  end: number;
  pcs: number[];
  subprog: number;
  exit: boolean;
  /** Each instruction as the log prints it (`r1 = *(u32 *)(r1 +0)`). */
  text: string[];
  /** Times the verifier processed the block's first instruction. */
  visits: number;
  /** Paths pruned inside the block. */
  pruned: number;
  /** The verifier's error is inside the block. */
  error: boolean;
}

export interface FlowGraphView {
  blocks: FlowBlockView[];
  edges: FlowEdge[];
}

/** Why the current verification failed, tied to the program: the catalogue's entry for the
 * kernel's message and, from the recorded paths, where it happened (line, register, branches). */
export interface ExplanationView {
  /** The catalogue kind (`null-deref`). */
  kindId: string;
  title: string;
  explanation: string;
  fix: string;
  /** The checked before/after pair, or null when the kind has none. */
  example: { before: string; after: string } | null;
  message: string;
  /** The blamed instruction (-1: the whole program) and its 1-based source line. */
  pc: number;
  line: number | null;
  /** The register involved and what the verifier knew just before the blamed instruction. */
  register: { reg: number; state: string; type: string } | null;
  /** The conditional jumps on the path to the error (the last 8) and which way it went. */
  branches: { pc: number; text: string; taken: boolean; line: number | null }[];
  /** The instruction processed just before the blamed one on that path, or null. */
  previousPc: number | null;
  cause: string;
}

/** A register as the verifier sees it at one instruction. */
export interface AbstractReg {
  reg: number;
  /** print_reg_state's text (`scalar(umax=255,var_off=(0x0; 0xff))`), '' when not initialised. */
  kernel: string;
  /** The same in plain words. */
  words: string;
  type: string;
  /** The scalar value (or a pointer's variable offset) for the value explorer; null when not initialised. */
  value: ValueView | null;
}

export interface AbstractSlot {
  /** fp-8, fp-16, ... */
  off: number;
  /** slot_type[] as the kernel prints it: 'mmmm????', or the spilled register. */
  kernel: string;
  words: string;
}

export interface AbstractFrame {
  frameno: number;
  regs: AbstractReg[];
  slots: AbstractSlot[];
}

/** The verifier's state after instruction `pc` on one of the paths that reached it. */
export interface AbstractStateView {
  pc: number;
  /** Which visit (0-based) of how many. */
  visit: number;
  visits: number;
  frames: AbstractFrame[];
  /** When the state was picked along a path: which path and step. */
  path?: { id: number; step: number; steps: number };
}

// ---------------------------------------------------------------------------------------------
// Debugging sessions

export type RunStatus = 'running' | 'exited' | 'faulted' | 'limit';
export type RunStop = 'step' | 'break' | 'exit' | 'fault' | 'limit' | 'return' | 'start' | 'none';

export interface RegView {
  /** The unsigned 64-bit value as 16 hex digits. */
  hex: string;
  unsigned: string;
  signed: string;
  /** For values that point into a region: `fp-8`, `map_value(counts)+4`, `pkt+14`, `ctx+0`. */
  pointer: string | null;
}

export interface FrameView {
  depth: number;
  /** The call instruction that entered the frame (null for the main program). */
  callPc: number | null;
  returnPc: number | null;
  callback: boolean;
  /** The frame's 512 stack bytes; byte 511 is just below fp. */
  stack: Uint8Array;
}

export interface MapView {
  name: string;
  type: string;
  keySize: number;
  valueSize: number;
  entries: { key: string; value: string }[];
  /** Elements in all (entries is capped). */
  count: number;
}

export interface FaultView {
  pc: number;
  kind: FaultKind;
  message: string;
}

/** The machine at one step, ready to render. */
export interface RunView {
  status: RunStatus;
  stop: RunStop;
  /** Next instruction (the faulting one after a fault). */
  pc: number;
  step: number;
  /** The furthest step this session has reached (the timeline's end). */
  maxStep: number;
  regs: RegView[];
  /** Registers the last step changed. */
  changed: number[];
  frames: FrameView[];
  /** Memory the last step wrote, by region and offset. */
  writes: { region: string; offset: number; size: number }[];
  /** Lines printed so far (the last 2000), and how many in all. */
  output: string[];
  outputCount: number;
  fault: FaultView | null;
  /** r0 and its name for this program type (`XDP_PASS`), once the program exited. */
  r0: string;
  r0Name: string | null;
  /** Map contents now; null when they cannot have changed since the previous view. */
  maps: MapView[] | null;
  /** The packet as the run started and as it is now (data .. data_end); null without one. */
  packetBefore: Uint8Array | null;
  packetNow: Uint8Array | null;
  ringbuf: { map: string; records: { size: number; discarded: boolean; busy: boolean; data: Uint8Array }[] }[];
  perfEvents: { map: string; cpu: number; data: Uint8Array }[];
}

export type RunCommand =
  | { kind: 'step' }
  | { kind: 'stepBack' }
  | { kind: 'stepOver' }
  | { kind: 'stepOut' }
  | { kind: 'continue' }
  | { kind: 'runTo'; pc: number }
  | { kind: 'seek'; step: number }
  | { kind: 'reset' };

export interface RunSetup {
  source: string;
  input: RunInputSpec;
  maps: InitialMaps;
}

/** Why a run could not start: the program does not assemble, or an input is wrong (with where). */
export interface RunSetupError {
  message: string;
  /** Which input: 'packet', 'ctx', 'env', 'maps', 'program'. */
  field: string;
  /** The map, for map errors. */
  map?: string;
  line?: number;
}

export type CreateRunResult = { ok: true; view: RunView } | { ok: false; error: RunSetupError };

// ---------------------------------------------------------------------------------------------
// The API the store uses

export interface CoreApi {
  assemble(source: string): Promise<AsmResult>;
  /** Verify; the log at `logLevel` (1: what a failed load prints; 2: every state). */
  verify(source: string, logLevel: 1 | 2): Promise<VerifyView | null>;
  /** The abstract state after `pc` at its `visit`-th visit in the last verification. */
  verifierState(pc: number, visit: number): Promise<AbstractStateView | null>;
  /** The state at step `step` of path `pathId` of the last verification, with its diff. */
  verifierStep(pathId: number, step: number): Promise<StepView | null>;
  /** The last verified program's control-flow graph with visit and prune counts. */
  flowGraph(): Promise<FlowGraphView | null>;
  /** Why the current verification rejected the program, in terms of the program, when it failed
   * with `error` and the catalogue knows the message; null otherwise. */
  explainError(error: { pc: number; message: string }): Promise<ExplanationView | null>;
  /** Rebuild the program and its verification from a real kernel's verifier log, and make that the
   * current verification (program type: given, else guessed). */
  importKernelLog(text: string, progType?: ProgTypeName): Promise<ImportLogResult>;
  createRun(setup: RunSetup): Promise<CreateRunResult>;
  /** A command on the current session; breakpoints are instruction indices (slots). */
  command(cmd: RunCommand, breakpoints: readonly number[]): Promise<RunView | null>;
}

/** What the worker client tells the page about itself. */
export interface WorkerNotice {
  kind: 'busy' | 'idle' | 'restarted' | 'fallback';
  /** For 'busy': what it is doing and for how long. */
  task?: string;
  ms?: number;
  message?: string;
}

// ---------------------------------------------------------------------------------------------
// Wire format

export type Request =
  | { id: number; op: 'assemble'; source: string }
  | { id: number; op: 'verify'; source: string; logLevel: 1 | 2 }
  | { id: number; op: 'verifierState'; pc: number; visit: number }
  | { id: number; op: 'verifierStep'; pathId: number; step: number }
  | { id: number; op: 'flowGraph' }
  | { id: number; op: 'explainError'; error: { pc: number; message: string } }
  | { id: number; op: 'importKernelLog'; text: string; progType?: ProgTypeName }
  | { id: number; op: 'createRun'; setup: RunSetup }
  | { id: number; op: 'command'; cmd: RunCommand; breakpoints: number[] };

export type Response =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: string };
