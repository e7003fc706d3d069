// The walk (do_check): depth-first over every path, as the kernel explores it. At a conditional
// jump with an unknown outcome the fall-through is followed and the target queued (LIFO); a path
// ends at the main program's exit, and the last queued branch is taken up. Each instruction is
// logged the kernel's way (its text, then the state it changed), and every step is recorded for
// the path tree. State pruning (is_state_visited) is part 2: the hook is where prune points are
// reached; for now no state is ever pruned.

import {
  BPF_ABS, BPF_ALU, BPF_ALU64, BPF_ATOMIC, BPF_CALL, BPF_CMPXCHG, BPF_DW, BPF_EXIT, BPF_FETCH, BPF_IMM, BPF_IND, BPF_JA, BPF_JMP,
  BPF_JMP32, BPF_K, BPF_LD, BPF_LDX, BPF_LOAD_ACQ, BPF_MEM, BPF_MEMSX, BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC, BPF_PSEUDO_KFUNC_CALL,
  BPF_PSEUDO_MAP_IDX_VALUE, BPF_PSEUDO_MAP_VALUE, BPF_ST, BPF_STORE_REL, BPF_STX, BPF_W, bpfClass, bpfMode, bpfOp, bpfSize,
  bpfSrc, sizeBytes, BPF_ADD, BPF_AND, BPF_OR, BPF_XOR, BPF_XCHG,
} from '../isa/constants.js';
import { lddwValue, type Insn } from '../isa/insn.js';
import { boundsSanityCheck, checkAluOp } from './alu.js';
import { checkFuncCall, checkHelperCall, checkLdAbs, processExit } from './calls.js';
import {
  BPF_COMPLEXITY_LIMIT_INSNS, BPF_COMPLEXITY_LIMIT_JMP_SEQ, E2BIG, EACCES, EFAULT, EINVAL, EPERM, type Env, type Ret,
} from './env.js';
import { insnText } from './insn-text.js';
import { commitStackWriteMarks, resetStackWriteMarks, updateLiveStack } from './liveness.js';
import { checkMemAccess } from './mem.js';
import { printInsnState, printVerifierState } from './print.js';
import { checkCondJmpOp } from './jmp.js';
import { constReg, ptrReg, regTypeStr, type Reg } from './regs.js';
import { Cur, newFrame, type VerifierState } from './state.js';
import { checkRegArg, pushJmpHistory, type Walk } from './walk.js';
import type { Path, PathEnd, PathStep } from './verify.js';

interface Pending {
  cur: Cur;
  insnIdx: number;
  prevInsnIdx: number;
  logPos: number;
  /** The path that queued it. */
  parent: number;
}

interface PathRec {
  id: number;
  parent: number | null;
  fromPc: number | null;
  startPc: number;
  startState: VerifierState;
  steps: PathStep[];
  end: PathEnd | null;
}

export interface ExploreOptions {
  recordPaths: boolean;
  maxRecordedSteps: number;
}

const PROCESS_BPF_EXIT = 1;


/** reg_type_mismatch_ok: pointer types a load/store may see alternately on different paths. */
const mismatchOk = (key: string): boolean => !key.startsWith('ctx|') && !key.startsWith('sock_common|');

export class Explorer implements Walk {
  cur: Cur;
  private readonly pending: Pending[] = [];
  readonly paths: PathRec[] = [];
  private path: PathRec;
  private recorded = 0;
  truncated = false;
  errorPc = -1;

  constructor(readonly env: Env, private readonly opts: ExploreOptions) {
    const frame = newFrame(0, 0, -1);
    const regs = frame.regs.slice();
    regs[1] = ptrReg('ctx');
    this.cur = new Cur({ frames: [{ ...frame, regs }], refs: [], jmpHistoryCnt: 0 });
    env.markAllScratched();
    this.path = this.newPath(null, null, 0, this.cur.st);
  }

  private newPath(parent: number | null, fromPc: number | null, startPc: number, st: VerifierState): PathRec {
    const p: PathRec = { id: this.paths.length, parent, fromPc, startPc, startState: st, steps: [], end: null };
    if (this.opts.recordPaths) this.paths.push(p);
    return p;
  }

  pushStack(insnIdx: number, prevInsnIdx: number): Cur | null {
    const { env } = this;
    const cur = new Cur(this.cur.st);
    this.pending.push({ cur, insnIdx, prevInsnIdx, logPos: env.log.endPos, parent: this.path.id });
    env.stackSize++;
    if (env.stackSize > BPF_COMPLEXITY_LIMIT_JMP_SEQ) {
      env.err(`The sequence of ${env.stackSize} jumps is too complex.`);
      return null;
    }
    return cur;
  }

  private step(pc: number): void {
    if (!this.opts.recordPaths) return;
    if (this.recorded >= this.opts.maxRecordedSteps) {
      this.truncated = true;
      return;
    }
    this.recorded++;
    this.path.steps.push({ pc, state: this.cur.st });
  }

  private end(end: PathEnd): void {
    this.path.end = end;
  }

  /** do_check. Returns 0 when every path ended well. */
  run(): Ret {
    const { env } = this;
    const insns = env.insns;
    let doPrintState = false;
    let prevInsnIdx = -1;
    env.insnIdx = 0;
    for (;;) {
      env.prevInsnIdx = prevInsnIdx;
      if (env.insnIdx >= insns.length) {
        env.err(`invalid insn idx ${env.insnIdx} insn_cnt ${insns.length}`);
        return EFAULT;
      }
      const pc = env.insnIdx;
      const insn = insns[pc]!;
      if (++env.insnProcessed > BPF_COMPLEXITY_LIMIT_INSNS) {
        env.err(`BPF program is too large. Processed ${env.insnProcessed} insn`);
        this.errorPc = pc;
        this.end({ kind: 'limit', pc });
        return E2BIG;
      }
      env.curHistEnt = false;
      if (env.aux[pc]!.prunePoint) this.isStateVisited(pc);
      if (env.aux[pc]!.jmpPoint) pushJmpHistory(this);
      if (env.level2 && doPrintState) {
        env.verbose(`\nfrom ${env.prevInsnIdx} to ${pc}:`);
        printVerifierState(this, this.cur.curframe, true);
        doPrintState = false;
      }
      if (env.logLevel & 3) {
        if (env.anyScratched) printInsnState(this);
        env.prevLogPos = env.log.endPos;
        env.verbose(`${pc}: ${insnText(env, pc)}\n`);
        env.prevInsnPrintPos = env.log.endPos - env.prevLogPos;
        env.prevLogPos = env.log.endPos;
      }
      env.aux[pc]!.seen = true;
      prevInsnIdx = pc;
      env.errorLines = [];
      env.liveness.curState = this.cur.st;
      resetStackWriteMarks(env, pc);
      const err = this.checkInsn(insn);
      if (err >= 0 || err === EPERM || err === EACCES || err === EINVAL) commitStackWriteMarks(env);
      if (err < 0) {
        this.errorPc = pc;
        this.end({ kind: 'error', pc, message: env.errorLines.join('\n') });
        return err;
      }
      if (err === PROCESS_BPF_EXIT) {
        this.step(pc);
        this.end({ kind: 'exit', pc });
        env.markAllScratched();
        updateLiveStack(env, this.cur.st);
        const next = this.pending.pop();
        if (!next) break;
        env.stackSize--;
        if (!env.level2) env.log.reset(next.logPos);
        this.cur = next.cur;
        prevInsnIdx = next.prevInsnIdx;
        env.insnIdx = next.insnIdx;
        this.path = this.newPath(next.parent, next.prevInsnIdx, next.insnIdx, next.cur.st);
        doPrintState = true;
        continue;
      }
      this.step(pc);
      if (err === 0 && bpfClass(insn.code) === BPF_JMP && bpfOp(insn.code) === BPF_EXIT) doPrintState = true;
    }
    return 0;
  }

  /**
   * is_state_visited without state equivalence (part 2): no state is ever pruned, but checkpoints
   * are taken where the kernel takes them, so the statistics line counts them the same way.
   */
  private isStateVisited(pc: number): void {
    const { env, cur } = this;
    const force = env.aux[pc]!.forceCheckpoint || cur.st.jmpHistoryCnt > 40;
    const add = force || (env.jmpsProcessed - env.prevJmpsProcessed >= 2 && env.insnProcessed - env.prevInsnProcessed >= 8);
    const bucket = ((pc ^ cur.frame.callsite) >>> 0) % env.insns.length;
    const list = env.explored.get(bucket) ?? [];
    if (env.maxStatesPerInsn < list.length) env.maxStatesPerInsn = list.length;
    if (!add) return;
    env.totalStates++;
    env.exploredStatesSize++;
    if (env.peakStates < env.exploredStatesSize) env.peakStates = env.exploredStatesSize;
    env.prevJmpsProcessed = env.jmpsProcessed;
    env.prevInsnProcessed = env.insnProcessed;
    list.push(pc);
    env.explored.set(bucket, list);
    cur.setJmpHistoryCnt(0);
  }

  /** Paths still queued when the walk stopped early. */
  unexplored(): void {
    for (const p of this.pending) {
      const rec = this.newPath(p.parent, p.prevInsnIdx, p.insnIdx, p.cur.st);
      rec.end = { kind: 'unexplored', pc: p.insnIdx };
    }
  }

  /** do_check_insn: one instruction; env.insnIdx moves to the next one. */
  private checkInsn(insn: Insn): Ret {
    const { env } = this;
    const cls = bpfClass(insn.code);
    let err: Ret;
    if (cls === BPF_ALU || cls === BPF_ALU64) {
      err = checkAluOp(this, insn);
      if (err) return err;
    } else if (cls === BPF_LDX) {
      err = this.checkLoadMem(insn, false, bpfMode(insn.code) === BPF_MEMSX, 'ldx');
      if (err) return err;
    } else if (cls === BPF_STX) {
      if (bpfMode(insn.code) === BPF_ATOMIC) {
        err = this.checkAtomic(insn);
        if (err) return err;
        env.insnIdx++;
        return 0;
      }
      if (bpfMode(insn.code) !== BPF_MEM || insn.imm !== 0) {
        env.err('BPF_STX uses reserved fields');
        return EINVAL;
      }
      err = this.checkStoreReg(insn, false);
      if (err) return err;
    } else if (cls === BPF_ST) {
      if (bpfMode(insn.code) !== BPF_MEM || insn.src !== 0) {
        env.err('BPF_ST uses reserved fields');
        return EINVAL;
      }
      err = checkRegArg(this, insn.dst, 'src');
      if (err) return err;
      const dstType = this.cur.reg(insn.dst);
      err = checkMemAccess(this, env.insnIdx, insn.dst, insn.off, sizeBytes(bpfSize(insn.code)), 'write', -1, false, false);
      if (err) return err;
      err = this.saveAuxPtrType(dstType);
      if (err) return err;
    } else if (cls === BPF_JMP || cls === BPF_JMP32) {
      const op = bpfOp(insn.code);
      env.jmpsProcessed++;
      if (op === BPF_CALL) {
        if (bpfSrc(insn.code) !== BPF_K || (insn.src !== BPF_PSEUDO_KFUNC_CALL && insn.off !== 0) ||
          (insn.src !== 0 && insn.src !== BPF_PSEUDO_CALL && insn.src !== BPF_PSEUDO_KFUNC_CALL) ||
          insn.dst !== 0 || cls === BPF_JMP32) {
          env.err('BPF_CALL uses reserved fields');
          return EINVAL;
        }
        if (insn.src === BPF_PSEUDO_CALL) err = checkFuncCall(this, insn);
        else if (insn.src === BPF_PSEUDO_KFUNC_CALL) {
          env.err('invalid kernel function call not eliminated in verifier pass');
          err = EINVAL;
        } else err = checkHelperCall(this, insn, env.insnIdx);
        if (err) return err;
        env.markRegScratched(0);
      } else if (op === BPF_JA) {
        if (bpfSrc(insn.code) !== BPF_K || insn.src !== 0 || insn.dst !== 0 ||
          (cls === BPF_JMP && insn.imm !== 0) || (cls === BPF_JMP32 && insn.off !== 0)) {
          env.err('BPF_JA uses reserved fields');
          return EINVAL;
        }
        env.insnIdx += (cls === BPF_JMP ? insn.off : insn.imm) + 1;
        return 0;
      } else if (op === BPF_EXIT) {
        if (bpfSrc(insn.code) !== BPF_K || insn.imm !== 0 || insn.src !== 0 || insn.dst !== 0 || cls === BPF_JMP32) {
          env.err('BPF_EXIT uses reserved fields');
          return EINVAL;
        }
        return processExit(this);
      } else {
        err = checkCondJmpOp(this, insn);
        if (err) return err;
      }
    } else if (cls === BPF_LD) {
      const mode = bpfMode(insn.code);
      if (mode === BPF_ABS || mode === BPF_IND) {
        err = checkLdAbs(this, insn);
        if (err) return err;
      } else if (mode === BPF_IMM) {
        err = this.checkLdImm(insn);
        if (err) return err;
        env.insnIdx++;
      } else {
        env.err('invalid BPF_LD mode');
        return EINVAL;
      }
    } else {
      env.err(`unknown insn class ${cls}`);
      return EINVAL;
    }
    env.insnIdx++;
    return 0;
  }

  /** save_aux_ptr_type: one load/store instruction may not see ctx on one path and another pointer on another. */
  private saveAuxPtrType(reg: Reg): Ret {
    const aux = this.env.aux[this.env.insnIdx]!;
    const key = `${reg.type}|${reg.flags}`;
    if (!aux.ptrType) {
      aux.ptrType = key;
    } else if (key !== aux.ptrType && (!mismatchOk(key) || !mismatchOk(aux.ptrType))) {
      this.env.err('same insn cannot be used with different pointers');
      return EINVAL;
    }
    return 0;
  }

  /** check_load_mem. */
  private checkLoadMem(insn: Insn, strictOnce: boolean, isLdsx: boolean, ctx: string): Ret {
    let err = checkRegArg(this, insn.src, 'src');
    if (err) return err;
    err = checkRegArg(this, insn.dst, 'dst_no_mark');
    if (err) return err;
    const srcReg = this.cur.reg(insn.src);
    err = checkMemAccess(this, this.env.insnIdx, insn.src, insn.off, sizeBytes(bpfSize(insn.code)), 'read', insn.dst, strictOnce, isLdsx);
    if (err) return err;
    err = this.saveAuxPtrType(srcReg);
    if (err) return err;
    boundsSanityCheck(this, insn.dst, ctx);
    return 0;
  }

  /** check_store_reg. */
  private checkStoreReg(insn: Insn, strictOnce: boolean): Ret {
    let err = checkRegArg(this, insn.src, 'src');
    if (err) return err;
    err = checkRegArg(this, insn.dst, 'src');
    if (err) return err;
    const dstReg = this.cur.reg(insn.dst);
    err = checkMemAccess(this, this.env.insnIdx, insn.dst, insn.off, sizeBytes(bpfSize(insn.code)), 'write', insn.src, strictOnce, false);
    if (err) return err;
    return this.saveAuxPtrType(dstReg);
  }

  /** atomic_ptr_type_ok. */
  private atomicPtrTypeOk(regno: number): boolean {
    const t = this.cur.reg(regno).type;
    return t !== 'ctx' && t !== 'pkt' && t !== 'pkt_meta' && t !== 'flow_keys' && t !== 'sock_common';
  }

  /** check_atomic. */
  private checkAtomic(insn: Insn): Ret {
    const { env } = this;
    const rmw = [BPF_ADD, BPF_AND, BPF_OR, BPF_XOR].some((op) => insn.imm === op || insn.imm === (op | BPF_FETCH)) ||
      insn.imm === BPF_XCHG || insn.imm === BPF_CMPXCHG;
    if (rmw) {
      const size = bpfSize(insn.code);
      if (size !== BPF_W && size !== BPF_DW) {
        env.err('invalid atomic operand size');
        return EINVAL;
      }
      let err = checkRegArg(this, insn.src, 'src');
      if (err) return err;
      err = checkRegArg(this, insn.dst, 'src');
      if (err) return err;
      if (insn.imm === BPF_CMPXCHG) {
        err = checkRegArg(this, 0, 'src');
        if (err) return err;
      }
      if (!this.atomicPtrTypeOk(insn.dst)) {
        env.err(`BPF_ATOMIC stores into R${insn.dst} ${regTypeStr(this.cur.reg(insn.dst))} is not allowed`);
        return EACCES;
      }
      let loadReg = -1;
      if (insn.imm & BPF_FETCH) {
        loadReg = insn.imm === BPF_CMPXCHG ? 0 : insn.src;
        err = checkRegArg(this, loadReg, 'dst');
        if (err) return err;
      }
      const bytes = sizeBytes(size);
      err = checkMemAccess(this, env.insnIdx, insn.dst, insn.off, bytes, 'read', -1, true, false);
      if (!err && loadReg >= 0) err = checkMemAccess(this, env.insnIdx, insn.dst, insn.off, bytes, 'read', loadReg, true, false);
      if (err) return err;
      return checkMemAccess(this, env.insnIdx, insn.dst, insn.off, bytes, 'write', -1, true, false);
    }
    if (insn.imm === BPF_LOAD_ACQ) {
      const err = this.checkLoadMem(insn, true, false, 'atomic_load');
      if (err) return err;
      if (!this.atomicPtrTypeOk(insn.src)) {
        env.err(`BPF_ATOMIC loads from R${insn.src} ${regTypeStr(this.cur.reg(insn.src))} is not allowed`);
        return EACCES;
      }
      return 0;
    }
    if (insn.imm === BPF_STORE_REL) {
      const err = this.checkStoreReg(insn, true);
      if (err) return err;
      if (!this.atomicPtrTypeOk(insn.dst)) {
        env.err(`BPF_ATOMIC stores into R${insn.dst} ${regTypeStr(this.cur.reg(insn.dst))} is not allowed`);
        return EACCES;
      }
      return 0;
    }
    env.err(`BPF_ATOMIC uses invalid atomic opcode ${(insn.imm & 0xff).toString(16).padStart(2, '0')}`);
    return EINVAL;
  }

  /** check_ld_imm. */
  private checkLdImm(insn: Insn): Ret {
    const { env } = this;
    if (bpfSize(insn.code) !== BPF_DW) {
      env.err('invalid BPF_LD_IMM insn');
      return EINVAL;
    }
    if (insn.off !== 0) {
      env.err('BPF_LD_IMM64 uses reserved fields');
      return EINVAL;
    }
    const err = checkRegArg(this, insn.dst, 'dst');
    if (err) return err;
    if (insn.src === 0) {
      this.cur.setReg(insn.dst, constReg(lddwValue(insn, env.insns[env.insnIdx + 1])));
      return 0;
    }
    if (insn.src === BPF_PSEUDO_FUNC) {
      env.err('missing btf func_info');
      return EINVAL;
    }
    const aux = env.aux[env.insnIdx]!;
    const map = env.maps[aux.mapIndex]!;
    if (insn.src === BPF_PSEUDO_MAP_VALUE || insn.src === BPF_PSEUDO_MAP_IDX_VALUE) {
      this.cur.setReg(insn.dst, ptrReg('map_value', { map, off: aux.mapOff }));
    } else {
      this.cur.setReg(insn.dst, ptrReg('map_ptr', { map }));
    }
    return 0;
  }
}

