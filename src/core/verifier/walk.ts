// The handle every check works on: the environment, the current path's state, and the one way to
// create another path (push a branch to explore later). explore.ts implements it; the checks in
// mem.ts, alu.ts, jmp.ts and calls.ts only see this interface.

import type { Env } from './env.js';
import type { Cur, VerifierState } from './state.js';

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

/** push_jmp_history: one entry per instruction (a second push from the same instruction merges). */
export function pushJmpHistory(w: Walk): void {
  if (w.env.curHistEnt) return;
  w.env.curHistEnt = true;
  w.cur.setJmpHistoryCnt(w.cur.st.jmpHistoryCnt + 1);
}
