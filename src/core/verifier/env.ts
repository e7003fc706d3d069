// The verifier's environment for one verification (struct bpf_verifier_env): the program, its
// maps and subprograms, per-instruction facts (prune points, live registers, the pointer type a
// load/store first saw), the id generator, the log with its "scratched" marks, the counters for
// the final statistics line, and the current error's text. The walk state itself lives in
// explore.ts; the state of one path in state.ts.

import type { ProgTypeName } from '../asm/types.js';
import type { Insn } from '../isa/insn.js';
import type { ProgTypeSpec } from '../progtypes/types.js';
import { LogBuffer, type Scratch } from './log.js';
import type { MapDesc } from './regs.js';
import { Liveness } from './liveness.js';

// errno values the kernel returns (negated, as in C).
export const EPERM = -1;
export const ENOENT = -2;
export const E2BIG = -7;
export const ENOMEM = -12;
export const EACCES = -13;
export const EFAULT = -14;
export const EBUSY = -16;
export const EINVAL = -22;
export const ERANGE = -34;
export const EOPNOTSUPP = -95;
export const EPROTO = -71;
export const ENOTSUPP = -524;

export const ERRNO_NAMES: Readonly<Record<number, string>> = {
  [EPERM]: 'EPERM', [ENOENT]: 'ENOENT', [E2BIG]: 'E2BIG', [ENOMEM]: 'ENOMEM', [EACCES]: 'EACCES',
  [EFAULT]: 'EFAULT', [EBUSY]: 'EBUSY', [EINVAL]: 'EINVAL', [ERANGE]: 'ERANGE', [EOPNOTSUPP]: 'EOPNOTSUPP',
  [EPROTO]: 'EPROTO', [ENOTSUPP]: 'ENOTSUPP',
};

/** 0 for success, a negative errno for an error (the message is already in the log). */
export type Ret = number;

export const BPF_COMPLEXITY_LIMIT_INSNS = 1_000_000;
export const BPF_COMPLEXITY_LIMIT_JMP_SEQ = 8192;
export const BPF_MAX_VAR_OFF = 1 << 29;
export const BPF_MAX_VAR_SIZ = 1 << 29;
export const MAX_BPF_STACK = 512;
export const MAX_CALL_FRAMES = 8;
export const MAX_PACKET_OFF = 0xffff;

export interface Subprog {
  start: number;
  /** Deepest stack byte any path touched (grow_stack_state), bytes. */
  stackDepth: number;
  hasTailCall: boolean;
  hasLdAbs: boolean;
  isCb: boolean;
  postorderStart: number;
}

export interface InsnAux {
  prunePoint: boolean;
  jmpPoint: boolean;
  forceCheckpoint: boolean;
  callsCallback: boolean;
  /** Strongly connected component id (0: not in a loop). */
  scc: number;
  liveRegsBefore: number;
  /** save_aux_ptr_type: the pointer type a load/store first saw ('' before). */
  ptrType: string;
  seen: boolean;
  /** ld_imm64 map references: index into the program's maps, value offset. */
  mapIndex: number;
  mapOff: number;
  /** A socket field access convert_ctx_accesses has no rewrite for (the upper half of a u64 field). */
  ctxConvertBug: boolean;
}

/**
 * The address the log shows for map `index`. The kernel prints the real struct bpf_map pointer,
 * which differs on every load; bpfiddle prints a stable address of the same shape.
 */
export const mapAddress = (index: number): bigint => 0xffff_8881_0000_0000n + BigInt(index) * 0x10000n;

export class Env {
  readonly log = new LogBuffer();
  /** env->prev_log_pos and prev_insn_print_pos, for appending state to an instruction line. */
  prevLogPos = 0;
  prevInsnPrintPos = 0;
  readonly scratch: Scratch = { regs: 0, stackLo: 0, stackHi: 0 };
  idGen = 0;
  insnProcessed = 0;
  jmpsProcessed = 0;
  insnIdx = 0;
  prevInsnIdx = -1;
  subprogs: Subprog[] = [];
  readonly aux: InsnAux[];
  /** The lines of the error being reported (joined for VerifyResult.error). */
  errorLines: string[] = [];
  // is_state_visited's bookkeeping (the checkpoints themselves are part 2's)
  prevJmpsProcessed = 0;
  prevInsnProcessed = 0;
  totalStates = 0;
  peakStates = 0;
  maxStatesPerInsn = 0;
  exploredStatesSize = 0;
  /** Checkpoints per hash bucket (explored_states), each the instruction it was taken at. */
  readonly explored = new Map<number, object[]>();
  /** Whether the current instruction already has a jump history entry (env->cur_hist_ent). */
  curHistEnt = false;
  /** Number of pending branches (env->stack_size). */
  stackSize = 0;
  /** Stack slot liveness (liveness.c). */
  readonly liveness = new Liveness();
  /** compute_postorder's result: each subprogram's instructions from its postorderStart on. */
  postorder: readonly number[] = [];
  /** The program as the kernel holds it while verifying: map references rewritten to addresses. */
  private resolved: Insn[] | undefined;

  constructor(
    readonly insns: readonly Insn[],
    readonly progType: ProgTypeName,
    readonly spec: ProgTypeSpec | undefined,
    readonly maps: readonly MapDesc[],
    readonly logLevel: number,
  ) {
    this.aux = insns.map(() => ({
      prunePoint: false, jmpPoint: false, forceCheckpoint: false, callsCallback: false, scc: 0,
      liveRegsBefore: 0, ptrType: '', seen: false, mapIndex: -1, mapOff: 0, ctxConvertBug: false,
    }));
  }

  get level2(): boolean { return (this.logLevel & 2) !== 0; }

  /** verbose(): append to the log (when a log is wanted). */
  verbose(s: string): void {
    if (this.logLevel) this.log.append(s);
  }

  /** An error message line (without its newline): logged and remembered as the error's text. */
  err(s: string): void {
    this.errorLines.push(s);
    this.verbose(`${s}\n`);
  }

  /** An error message the kernel prints without a trailing newline. */
  errRaw(s: string): void {
    this.errorLines.push(s);
    this.verbose(s);
  }

  markRegScratched(i: number): void { this.scratch.regs |= 1 << i; }
  markSlotScratched(spi: number): void {
    if (spi < 32) this.scratch.stackLo |= 1 << spi;
    else this.scratch.stackHi |= 1 << (spi - 32);
  }
  markAllScratched(): void {
    this.scratch.regs = 0x7ff;
    this.scratch.stackLo = -1;
    this.scratch.stackHi = -1;
  }
  clearScratch(): void {
    this.scratch.regs = 0;
    this.scratch.stackLo = 0;
    this.scratch.stackHi = 0;
  }
  get anyScratched(): boolean {
    return this.scratch.regs !== 0 || this.scratch.stackLo !== 0 || this.scratch.stackHi !== 0;
  }

  /** Slots with ld_imm64 map references replaced by (illustrative) kernel addresses, as the log prints them. */
  resolvedInsns(): readonly Insn[] {
    if (this.resolved) return this.resolved;
    const out = this.insns.map((i) => ({ ...i }));
    this.aux.forEach((a, pc) => {
      if (a.mapIndex < 0) return;
      const lo = out[pc]!;
      const isValue = lo.src === 2 || lo.src === 6;
      const addr = mapAddress(a.mapIndex) + (isValue ? 0x1000n + BigInt(a.mapOff) : 0n);
      lo.imm = Number(BigInt.asIntN(32, addr));
      out[pc + 1]!.imm = Number(BigInt.asIntN(32, addr >> 32n));
    });
    return (this.resolved = out);
  }

  /** The subprogram containing instruction `off` (bpf_find_containing_subprog). */
  subprogOf(off: number): number {
    let l = 0;
    let r = this.subprogs.length - 1;
    while (l < r) {
      const m = l + ((r - l + 1) >> 1);
      if (this.subprogs[m]!.start <= off) l = m;
      else r = m - 1;
    }
    return l;
  }

  /** find_subprog: the subprogram starting exactly at `off`, or -1. */
  findSubprog(off: number): number {
    if (off < 0 || off >= this.insns.length || !this.subprogs.length) return -1;
    const i = this.subprogOf(off);
    return this.subprogs[i]!.start === off ? i : -1;
  }
}
