// The handle every check works on: the environment, the current path's state, and the one way to
// create another path (push a branch to explore later). explore.ts implements it; the checks in
// mem.ts, alu.ts, jmp.ts and calls.ts only see this interface.

import type { Env } from './env.js';
import type { Cur, LinkedRegRef, VerifierState } from './state.js';

export interface Walk {
  readonly env: Env;
  readonly cur: Cur;
  /**
   * push_stack: queue a copy of the current state to be explored from `insnIdx` (coming from
   * `prevInsnIdx`). Returns the queued state's handle (the caller may still refine it), or null
   * when the pending-branch limit is hit (the message is already logged).
   */
  pushStack(insnIdx: number, prevInsnIdx: number): Cur | null;
  /**
   * find_prev_entry: the state of the previous loop iteration at `insnIdx` (a checkpoint on the
   * current path), for widening; `ofParent` asks on behalf of the current parent checkpoint.
   */
  prevEntry(insnIdx: number, ofParent: boolean): VerifierState | null;
  /**
   * mark_chain_precision: the exact value of scalar register `regno` of the current frame decided
   * a check, so backtrack and mark its sources precise in the parent checkpoints (precision.ts).
   */
  markChainPrecision(regno: number): Ret;
  /** mark_chain_precision_batch for one spilled stack slot (`spi` of frame `frameno`). */
  markSlotPrecision(frameno: number, spi: number): Ret;
}

import { EACCES, EINVAL, type Ret } from './env.js';
import { NOT_INIT, UNKNOWN_SCALAR } from './regs.js';

/** How an instruction uses a register (enum reg_arg_type). */
export type RegUse = 'src' | 'dst' | 'dst_no_mark';

/**
 * __check_reg_arg on the current frame: the register exists, is readable when read, and is not
 * the frame pointer when written ('dst' also makes it an unknown scalar).
 */
export function checkRegArg(w: Walk, regno: number, use: RegUse): Ret {
  if (regno >= 11) {
    w.env.err(`R${regno} is invalid`);
    return EINVAL;
  }
  w.env.markRegScratched(regno);
  if (use === 'src') {
    if (w.cur.reg(regno).type === NOT_INIT.type) {
      w.env.err(`R${regno} !read_ok`);
      return EACCES;
    }
    return 0;
  }
  if (regno === 10) {
    w.env.err('frame pointer is read only');
    return EACCES;
  }
  if (use === 'dst') w.cur.setReg(regno, UNKNOWN_SCALAR);
  return 0;
}

/**
 * push_jmp_history: one entry per instruction (a second push from the same instruction merges its
 * flags and replaces the linked registers), recording where the walk came from, the stack slot a
 * spill or fill touched (`flags`, precision.ts) and the registers a jump linked.
 */
export function pushJmpHistory(w: Walk, flags = 0, linked: readonly LinkedRegRef[] | null = null): void {
  const { env, cur } = w;
  const top = cur.st.jmpHistory ?? null;
  if (env.curHistEnt && top) {
    cur.setJmpHistory({ ...top, flags: top.flags | flags, linked }, cur.st.jmpHistoryCnt);
    return;
  }
  env.curHistEnt = true;
  cur.setJmpHistory({ idx: env.insnIdx, prevIdx: env.prevInsnIdx, flags, linked, prev: top }, cur.st.jmpHistoryCnt + 1);
}
