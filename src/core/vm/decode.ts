// Pre-decoding: each slot of a program resolved once to its instruction-table row, with the
// reasons it cannot run (no valid form, a register above r10, the data half of an ld_imm64).
// Both engines read this instead of decoding bits on every step; what an opcode means comes from
// the table (src/core/isa/table.ts) alone.

import { checkInsnShape, checkInsnFields, isLddw, lookupOp, type Insn } from '../isa/insn.js';
import { BPF_JMP } from '../isa/constants.js';
import type { OpSpec } from '../isa/table.js';

/** callx (`call` through a register): bpf_conformance's optional extension, opcode 0x8d with the
 * register in dst. Linux rejects it, so it is not in the instruction table; the VM accepts it only
 * when asked (RunOptions.callx). Marked by kind 'call' with useSrcReg. */
export const CALLX_ROW: OpSpec = Object.freeze({
  name: 'callx', code: BPF_JMP | 0x80 | 0x08, kind: 'call', cls: BPF_JMP, width: 64, useSrcReg: true,
  group: 'base32', cpu: 0, doc: 'call the helper whose id is in dst (bpf_conformance extension, not Linux)',
} satisfies OpSpec);

export interface Decoded {
  readonly insns: readonly Insn[];
  readonly len: number;
  /** The table row of each slot; null where the slot cannot execute (see `invalid`). */
  readonly rows: readonly (OpSpec | null)[];
  /** Why executing the slot faults ('invalid_insn'), or null for a runnable slot. */
  readonly invalid: readonly (string | null)[];
  /** 1 where an instruction starts (every slot but ld_imm64 second halves). */
  readonly isStart: Uint8Array;
}

const memo = [new WeakMap<readonly Insn[], Decoded>(), new WeakMap<readonly Insn[], Decoded>()];

/** Decode once per program array (programs are treated as immutable once handed to the VM). */
export function decode(insns: readonly Insn[], callx = false): Decoded {
  const cache = memo[callx ? 1 : 0]!;
  let d = cache.get(insns);
  if (!d) { d = decodeFresh(insns, callx); cache.set(insns, d); }
  return d;
}

function decodeFresh(insns: readonly Insn[], callx: boolean): Decoded {
  const len = insns.length;
  const rows: (OpSpec | null)[] = new Array(len).fill(null);
  const invalid: (string | null)[] = new Array(len).fill(null);
  const isStart = new Uint8Array(len);
  for (let pc = 0; pc < len; pc++) {
    const i = insns[pc]!;
    isStart[pc] = 1;
    const row = lookupOp(i) ?? (callx && i.code === CALLX_ROW.code ? CALLX_ROW : null);
    if (!row) {
      invalid[pc] = checkInsnShape(i, insns[pc + 1]) ?? checkInsnFields(i) ?? `invalid instruction (code 0x${i.code.toString(16).padStart(2, '0')})`;
      continue;
    }
    if (i.dst > 10) invalid[pc] = `R${i.dst} is invalid`;
    else if (row.useSrcReg && i.src > 10) invalid[pc] = `R${i.src} is invalid`;
    else if (isLddw(i) && pc + 1 >= len) invalid[pc] = 'invalid bpf_ld_imm64 insn';
    else rows[pc] = row;
    if (isLddw(i) && pc + 1 < len) {
      // The second half is data; reaching it by a jump is a bad jump, reported at the jump.
      pc++;
      invalid[pc] = 'jump into the middle of ld_imm64';
    }
  }
  return { insns, len, rows, invalid, isStart };
}

/** Whether control may arrive at slot `t`. */
export function validTarget(d: Decoded, t: number): boolean {
  return t >= 0 && t < d.len && d.isStart[t] === 1;
}
