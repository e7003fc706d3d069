// The contract of a "world": everything around a program that a run needs besides the
// instructions — its maps (created from the program's .map declarations and filled with initial
// contents), the simulated task and clocks (SimEnv), the context and packet (from a program type),
// the programs tail calls can reach — and everything a run leaves behind (r0, printed lines, map
// contents, ring buffer records, perf events, the packet).

import type { AsmProgram, MapTypeName, Span } from '../asm/types.js';
import type { Insn } from '../isa/insn.js';
import type { BpfMap, MapEntry, RingbufRecord } from '../maps/index.js';
import type { SimEnv } from '../helpers/env.js';
import type { RedirectInfo } from '../helpers/runtime.js';
import type { RunInput, RunOptions, RunResult, Session } from '../vm/index.js';

export interface WorldInput {
  /** The context and packet, usually `makeRunInput(type, { dataIn }).run.input` (src/core/progtypes). */
  run?: RunInput;
  /** Initial contents by map name, stored through the syscall path (as a loader would). */
  maps?: Readonly<Record<string, readonly MapEntry[]>>;
  /** The simulated task, CPU, clocks and random seed; missing fields take DEFAULT_ENV's. */
  env?: Partial<SimEnv>;
  /** Programs a prog_array slot can name: a slot holding v tail-calls `programs[v]`. */
  programs?: readonly (readonly Insn[])[];
}

export interface WorldError {
  message: string;
  /** The map the error is about, when it is about one. */
  map?: string;
  /** Where the user can fix it: the map's declaration, for creation errors. */
  span?: Span;
}

export type CreateWorldResult = { ok: true; world: World } | { ok: false; errors: WorldError[] };

/** Run options a caller may choose; the hooks (helpers, maps, tail calls) come from the world. */
export type VmOptions = Omit<RunOptions, 'helpers' | 'maps' | 'tailCalls'>;

export interface MapDump {
  name: string;
  type: MapTypeName;
  /** Elements in the kernel's iteration order (see src/core/maps dumpMap). */
  entries: MapEntry[];
}

export interface RingbufOutput {
  map: string;
  /** Records between the consumer and producer positions (submitted, discarded and busy ones). */
  records: RingbufRecord[];
}

export interface PerfEventOutput {
  map: string;
  cpu: number;
  data: Uint8Array;
}

export interface WorldOutputs {
  maps: MapDump[];
  ringbuf: RingbufOutput[];
  perfEvents: PerfEventOutput[];
  /** Where bpf_redirect / bpf_redirect_map last pointed the packet in the latest run, or null. */
  redirect: RedirectInfo | null;
}

/** What a run yields: the VM's result plus the world's state after it. */
export interface WorldRun extends RunResult, WorldOutputs {}

export interface World {
  readonly program: AsmProgram;
  readonly env: Readonly<SimEnv>;
  /** The program's maps, in declaration order (index = the map index the assembler emits). */
  readonly maps: readonly BpfMap[];
  readonly input: RunInput;
  /** Fresh hooks (helpers, maps, tail calls) plus `opts`, for vm.run or new Session. */
  runOptions(opts?: VmOptions): RunOptions;
  /** Run to completion. Maps keep their contents across runs, like kernel maps across test runs. */
  run(opts?: VmOptions): WorldRun;
  /** A debugging session; stepping back undoes map updates and other helper effects too. */
  session(opts?: VmOptions): Session;
  /** The world's state now: map contents, ring buffer records, perf events. */
  outputs(): WorldOutputs;
  /** Combine a result (from run or a Session) with the world's state now. */
  collect(result: RunResult): WorldRun;
}
