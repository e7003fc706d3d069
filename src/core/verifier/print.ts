// When the log shows state (do_check and check_cond_jmp_op's calls of print_insn_state): the
// registers and stack slots an instruction touched, appended to its line after a `;` when nothing
// was printed since the line, else on a line of their own (`N: R1=...`).

import { formatState, padChar, vlogAlignment } from './log.js';
import type { Walk } from './walk.js';

/** print_verifier_state for the current frame; print_all ignores (and keeps) the scratch marks. */
export function printVerifierState(w: Walk, frameno: number, printAll: boolean): void {
  const { env } = w;
  env.verbose(formatState(w.cur.st, frameno, printAll ? null : env.scratch));
  if (!printAll) env.clearScratch();
}

/** print_insn_state. */
export function printInsnState(w: Walk): void {
  const { env } = w;
  if (!(env.logLevel & 3)) return;
  if (env.prevLogPos && env.prevLogPos === env.log.endPos) {
    env.log.reset(env.prevLogPos - 1);
    env.verbose(`${padChar(vlogAlignment(env.prevInsnPrintPos))};`);
  } else {
    env.verbose(`${env.insnIdx}:`);
  }
  printVerifierState(w, w.cur.curframe, false);
}
