// The verifier's state on one path (struct bpf_verifier_state / bpf_func_state): the call frames
// (registers and stack of each), the acquired references, and what the exploration needs to
// continue (the instruction to resume at, the jump history for the log). States are immutable and
// share unchanged parts, so the path tree can keep one per instruction at little cost, and state
// pruning (part 2) can keep checkpoints without copying.

import type { Reg } from './regs.js';
import type { Slot } from './stack.js';

export interface Frame {
  /** r0..r10. */
  readonly regs: readonly Reg[];
  /** Allocated stack slots, index 0 = fp-8 (grows as the program touches deeper bytes). */
  readonly stack: readonly Slot[];
  /** 0 for the main program, n for the n-th nested call. */
  readonly frameno: number;
  /** The subprogram this frame runs (index into the subprogram list). */
  readonly subprog: number;
  /** The caller's call instruction, -1 in frame 0. */
  readonly callsite: number;
  /** A callback frame (bpf_loop and friends): R0 must be in callbackRet at its exit. */
  readonly inCallback: boolean;
  readonly callbackRet: { readonly min: bigint; readonly max: bigint } | null;
  /** The callback's async/sync caller helper, used to decide what happens at the callback's exit. */
  readonly callbackHelper: number;
}

/** One acquired reference (a ringbuf record): released by submit/discard. */
export interface RefState {
  readonly id: number;
  /** The instruction that acquired it. */
  readonly insnIdx: number;
}

export interface VerifierState {
  readonly frames: readonly Frame[];
  readonly refs: readonly RefState[];
}

export const curFrame = (st: VerifierState): Frame => st.frames[st.frames.length - 1]!;
