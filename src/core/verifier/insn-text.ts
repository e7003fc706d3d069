// An instruction's text as the verifier log prints it: print_bpf_insn on the program after
// resolve_pseudo_ldimm64, so map references show as (illustrative) kernel addresses.

import { formatInsnKernel } from '../asm/disasm-kernel.js';
import type { Env } from './env.js';

export const insnText = (env: Env, pc: number): string =>
  formatInsnKernel(env.resolvedInsns(), pc, { pseudoImm: 'raw' });
