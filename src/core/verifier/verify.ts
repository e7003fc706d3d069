// The verifier's public API: a program (instruction slots, its maps, its program type) in, the
// Linux 6.18 verifier's verdict out: accepted or the first error (instruction and the kernel's
// exact message), the number of processed instructions, the log at the requested level in the
// kernel's format, and the explored paths as data a UI can draw (each path's start, the branch it
// came from, the state after every instruction, and how it ended).

import type { ProgTypeName } from '../asm/types.js';
import type { Insn } from '../isa/insn.js';
import type { VerifierState } from './state.js';

/** A map the program references (AsmProgram.maps entries fit). */
export interface VerifyMap {
  /** The name the kernel prints in `map=NAME` (the loader creates maps with these names). */
  readonly name?: string;
  readonly type: string;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags?: number;
}

export interface VerifyProgram {
  /** Slots exactly as the kernel sees them; map loads carry the map's index in `maps`. */
  readonly insns: readonly Insn[];
  readonly maps: readonly VerifyMap[];
  readonly progType: ProgTypeName;
}

export interface VerifyOptions {
  /** 0: no log; 1: instructions with changed state; 2: full states, `from X to Y`, `func#`. Default 1. */
  readonly logLevel?: 0 | 1 | 2;
  /** Record the path tree (default true). */
  readonly recordPaths?: boolean;
  /** Stop recording path steps after this many (the verdict is unaffected). Default 200000. */
  readonly maxRecordedSteps?: number;
}

export interface VerifyError {
  /** The instruction the kernel blames (-1 for errors about the program as a whole). */
  readonly pc: number;
  /** The kernel's message without the trailing newline. */
  readonly message: string;
}

/** One step of a path: the instruction processed and the state after it. */
export interface PathStep {
  readonly pc: number;
  /** The state after the instruction (shared, immutable: do not mutate). For a conditional jump,
   * the state on the side this path continues with. */
  readonly state: VerifierState;
}

export type PathEnd =
  | { readonly kind: 'exit'; readonly pc: number }
  | { readonly kind: 'pruned'; readonly pc: number }
  | { readonly kind: 'error'; readonly pc: number; readonly message: string }
  | { readonly kind: 'limit'; readonly pc: number }
  /** Still pending when verification stopped (an error elsewhere ended the walk). */
  | { readonly kind: 'unexplored'; readonly pc: number };

export interface Path {
  readonly id: number;
  /** The path this one branched from (null for the first path). */
  readonly parent: number | null;
  /** The instruction whose outcome split it off (the conditional jump), null for the first path. */
  readonly fromPc: number | null;
  /** The first instruction it processes. */
  readonly startPc: number;
  /** The state it starts with. */
  readonly startState: VerifierState;
  readonly steps: readonly PathStep[];
  readonly end: PathEnd;
}

export interface PathTree {
  /** In the order the verifier explored them (depth-first, fall-through first). */
  readonly paths: readonly Path[];
  /** True when steps were dropped because of maxRecordedSteps. */
  readonly truncated: boolean;
}

export interface VerifyStats {
  readonly processed: number;
  readonly maxStatesPerInsn: number;
  readonly totalStates: number;
  readonly peakStates: number;
  readonly markRead: number;
  /** Stack depth of each subprogram, bytes. */
  readonly stackDepth: readonly number[];
}

export interface VerifyResult {
  readonly accepted: boolean;
  readonly error: VerifyError | null;
  readonly processed: number;
  /** The log as the kernel writes it at options.logLevel ('' at level 0). */
  readonly log: string;
  readonly paths: PathTree;
  readonly stats: VerifyStats;
}

/** Verifies `program` as the Linux 6.18 verifier would (privileged: CAP_BPF + CAP_PERFMON). */
export function verify(program: VerifyProgram, options: VerifyOptions = {}): VerifyResult {
  void program;
  void options;
  const message = 'bpfiddle: the verifier is not implemented yet';
  return {
    accepted: false,
    error: { pc: -1, message },
    processed: 0,
    log: `${message}\n`,
    paths: { paths: [], truncated: false },
    stats: { processed: 0, maxStatesPerInsn: 0, totalStates: 0, peakStates: 0, markRead: 0, stackDepth: [] },
  };
}
