// The walk (do_check): depth-first over every path, as the kernel explores it. At a conditional
// jump with an unknown outcome the fall-through is followed and the target queued (LIFO); a path
// ends at the main program's exit, and the last queued branch is taken up. Each instruction is
// logged the kernel's way (its text, then the state it changed), and every step is recorded for
// the path tree. At prune points is_state_visited takes checkpoints as the kernel does, detects
// infinite loops, lets callback and may_goto iterations converge, and prunes a path when a
// finished checkpoint covers its state (states.ts; scalars count only where precision tracking,
// precision.ts, marked them precise). Checkpoints keep the jump history that led to them, so
// backtracking can walk from the current instruction back through every parent checkpoint.

import {
  BPF_ABS, BPF_ALU, BPF_ALU64, BPF_ATOMIC, BPF_CALL, BPF_CMPXCHG, BPF_DW, BPF_EXIT, BPF_FETCH, BPF_IMM, BPF_IND, BPF_JA, BPF_JMP,
  BPF_JCOND, BPF_JMP32, BPF_K, BPF_LD, BPF_LDX, BPF_LOAD_ACQ, BPF_MEM, BPF_MEMSX, BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC, BPF_PSEUDO_KFUNC_CALL,
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
import { commitStackWriteMarks, resetStackWriteMarks, stackSlotAliveQuery, updateLiveStack } from './liveness.js';
import { EMPTY_SLOT } from './stack.js';
import { checkMemAccess } from './mem.js';
import { printInsnState, printVerifierState } from './print.js';
import { checkCondJmpOp } from './jmp.js';
import { NOT_INIT, constReg, ptrReg, regTypeStr, type Reg } from './regs.js';
import { Cur, newFrame, type VerifierState } from './state.js';
import { frameInsnIdx, sameCallsites, statesEqual, statesMaybeLooping } from './states.js';
import { Precision, allScalarsImprecise, type ChainState } from './precision.js';
import { formatState } from './log.js';
import { checkRegArg, pushJmpHistory, type Walk } from './walk.js';
import { PcLog } from './pclog.js';
import type { Path, PathEnd, PathStep } from './verify.js';

interface Pending {
  cur: Cur;
  insnIdx: number;
  prevInsnIdx: number;
  logPos: number;
  /** The path that queued it. */
  parent: number;
  /** The queued state's parent checkpoint and DFS depth (bpf_verifier_state's parent, dfs_depth). */
  parentCp: Checkpoint | null;
  dfsDepth: number;
  /** The queued state's first_insn_idx. */
  firstInsnIdx: number;
}

/** One explored state (struct bpf_verifier_state_list). */
interface Checkpoint extends ChainState {
  readonly pc: number;
  /** Replaced once by its cleaned copy (dead registers and stack slots forgotten). */
  st: VerifierState;
  cleaned: boolean;
  /** Paths still being explored from here (the state's branches). */
  branches: number;
  readonly parent: Checkpoint | null;
  readonly dfsDepth: number;
  hit: number;
  miss: number;
  inFreeList: boolean;
}

/** struct bpf_scc_backedge: a state found equal to a checkpoint of its own loop (`equal`). */
interface Backedge {
  readonly state: ChainState;
  readonly equal: Checkpoint;
}

/** struct bpf_scc_visit: a walk inside one strongly connected component reached by one call chain. */
interface SccVisit {
  entry: Checkpoint | null;
  backedges: Backedge[];
}

/** propagate_backedges gives up (and marks everything precise) after this many rounds. */
const MAX_BACKEDGE_ITERS = 64;

interface PathRec {
  id: number;
  parent: number | null;
  fromPc: number | null;
  startPc: number;
  startState: VerifierState;
  /** The steps whose states were kept (those inside the recording window). */
  steps: PathStep[];
  /** Every step's pc, kept or not. */
  pcs: PcLog;
  /** The walk's step number of this path's first step. */
  firstStep: number;
  /** Index in pcs of steps[0]. */
  recordedFrom: number;
  end: PathEnd | null;
}

export interface ExploreOptions {
  recordPaths: boolean;
  /** The window of the walk's steps whose states are kept: [firstRecordedStep, + maxRecordedSteps). */
  firstRecordedStep: number;
  maxRecordedSteps: number;
}

const PROCESS_BPF_EXIT = 1;
/** The pcs of paths that are not recorded (never written). */
const NO_PCS = new PcLog();


/** reg_type_mismatch_ok: pointer types a load/store may see alternately on different paths. */
const mismatchOk = (key: string): boolean => !key.startsWith('ctx|') && !key.startsWith('sock_common|');

export class Explorer implements Walk {
  cur: Cur;
  private readonly pending: Pending[] = [];
  readonly paths: PathRec[] = [];
  private path: PathRec;
  /** Steps taken so far (the walk's step number of the next one). */
  stepCount = 0;
  truncated = false;
  errorPc = -1;
  /** The current state's parent checkpoint and DFS depth. */
  private parentCp: Checkpoint | null = null;
  private dfsDepth = 0;
  private readonly sccVisits = new Map<string, SccVisit>();
  private freeListSize = 0;
  private numBackedges = 0;
  /** The current state's first_insn_idx and the instruction it stands at. */
  private firstInsnIdx = 0;
  private curPc = 0;
  readonly prec: Precision;

  constructor(readonly env: Env, private readonly opts: ExploreOptions) {
    const frame = newFrame(0, 0, -1);
    const regs = frame.regs.slice();
    regs[1] = ptrReg('ctx');
    this.cur = new Cur({ frames: [{ ...frame, regs }], refs: [], jmpHistoryCnt: 0, mayGotoDepth: 0, callbackUnrollDepth: 0 });
    env.markAllScratched();
    this.path = this.newPath(null, null, 0, this.cur.st);
    this.prec = new Precision(env);
  }

  /** The current state as backtracking sees it. */
  private curChain(): ChainState {
    return { st: this.cur.st, firstIdx: this.firstInsnIdx, lastIdx: this.env.prevInsnIdx, insnIdx: this.curPc, parent: this.parentCp };
  }

  markChainPrecision(regno: number): Ret {
    return this.prec.markChainPrecision(this.curChain(), regno);
  }

  markSlotPrecision(frameno: number, spi: number): Ret {
    this.prec.bt.setSlot(frameno, spi);
    return this.prec.markChainPrecision(this.curChain(), -1);
  }

  private newPath(parent: number | null, fromPc: number | null, startPc: number, st: VerifierState): PathRec {
    const p: PathRec = {
      id: this.paths.length, parent, fromPc, startPc, startState: st, steps: [], pcs: this.opts.recordPaths ? new PcLog() : NO_PCS,
      firstStep: this.stepCount,
      recordedFrom: 0, end: null,
    };
    if (this.opts.recordPaths) this.paths.push(p);
    return p;
  }

  pushStack(insnIdx: number, prevInsnIdx: number): Cur | null {
    const { env } = this;
    const cur = new Cur(this.cur.st);
    this.pending.push({
      cur, insnIdx, prevInsnIdx, logPos: env.log.endPos, parent: this.path.id, parentCp: this.parentCp, dfsDepth: this.dfsDepth,
      firstInsnIdx: this.firstInsnIdx,
    });
    if (this.parentCp) this.parentCp.branches++;
    env.stackSize++;
    if (env.stackSize > BPF_COMPLEXITY_LIMIT_JMP_SEQ) {
      env.err(`The sequence of ${env.stackSize} jumps is too complex.`);
      return null;
    }
    return cur;
  }

  private step(pc: number): void {
    if (!this.opts.recordPaths) return;
    const k = this.stepCount++;
    const path = this.path;
    path.pcs.push(pc);
    if (k < this.opts.firstRecordedStep || k - this.opts.firstRecordedStep >= this.opts.maxRecordedSteps) {
      this.truncated = true;
      return;
    }
    // a path is one stretch of the walk, so its kept steps are one stretch of its pcs
    if (!path.steps.length) path.recordedFrom = path.pcs.length - 1;
    path.steps.push({ pc, state: this.cur.st });
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
      this.curPc = pc;
      const insn = insns[pc]!;
      if (++env.insnProcessed > BPF_COMPLEXITY_LIMIT_INSNS) {
        env.err(`BPF program is too large. Processed ${env.insnProcessed} insn`);
        this.errorPc = pc;
        this.end({ kind: 'limit', pc });
        return E2BIG;
      }
      env.curHistEnt = false;
      env.errorLines = [];
      let pruned = false;
      if (env.aux[pc]!.prunePoint) {
        const r = this.isStateVisited(pc);
        if (r < 0) {
          this.errorPc = pc;
          this.end({ kind: 'error', pc, message: env.errorLines.join('\n') });
          return r;
        }
        pruned = r === 1;
      }
      if (pruned) {
        if (env.logLevel & 3) {
          if (doPrintState) env.verbose(`\nfrom ${env.prevInsnIdx} to ${pc}: safe\n`);
          else env.verbose(`${pc}: safe\n`);
        }
        this.end({ kind: 'pruned', pc });
      }
      if (!pruned && env.aux[pc]!.jmpPoint) pushJmpHistory(this);
      let err = 0;
      if (!pruned) {
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
        err = this.checkInsn(insn);
        if (err >= 0 || err === EPERM || err === EACCES || err === EINVAL) commitStackWriteMarks(env);
        if (err < 0) {
          this.errorPc = pc;
          this.end({ kind: 'error', pc, message: env.errorLines.join('\n') });
          return err;
        }
      }
      if (pruned || err === PROCESS_BPF_EXIT) {
        if (!pruned) {
          this.step(pc);
          this.end({ kind: 'exit', pc });
        }
        env.markAllScratched();
        const bErr = this.updateBranchCounts(this.parentCp);
        if (bErr) {
          this.errorPc = pc;
          return bErr;
        }
        updateLiveStack(env, this.cur.st);
        const next = this.pending.pop();
        if (!next) break;
        env.stackSize--;
        if (!env.level2) env.log.reset(next.logPos);
        this.cur = next.cur;
        this.parentCp = next.parentCp;
        this.dfsDepth = next.dfsDepth;
        this.firstInsnIdx = next.firstInsnIdx;
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
   * is_state_visited: 1 when a checkpoint covers the current state (the path is pruned), 0 to go
   * on (maybe taking a new checkpoint), or an error (an infinite loop).
   */
  private isStateVisited(pc: number): Ret {
    const { env } = this;
    const cur = this.cur.st;
    const aux = env.aux[pc]!;
    const force = aux.forceCheckpoint || cur.jmpHistoryCnt > 40;
    let add = force || (env.jmpsProcessed - env.prevJmpsProcessed >= 2 && env.insnProcessed - env.prevInsnProcessed >= 8);
    const key = this.bucket(pc, cur);
    const list = env.explored.get(key) ?? [];
    const isMayGoto = env.insns[pc]!.code === (BPF_JMP | BPF_JCOND);
    this.cleanLiveStates(list, pc, cur);
    let statesCnt = 0;
    // Newest first, as the kernel's list.
    for (let k = list.length - 1; k >= 0; k--) {
      const sl = list[k]! as Checkpoint;
      statesCnt++;
      if (sl.pc !== pc) continue;
      let hit = false;
      let loop = false;
      if (sl.branches > 0) {
        let skipInfLoopCheck = false;
        if (isMayGoto && sl.st.mayGotoDepth !== cur.mayGotoDepth && statesEqual(env, sl.st, cur, pc, 'range_within')) {
          hit = loop = true;
        } else if (aux.callsCallback) {
          if (statesEqual(env, sl.st, cur, pc, 'range_within')) hit = loop = true;
          else skipInfLoopCheck = true;
        }
        if (!hit && !skipInfLoopCheck && statesMaybeLooping(sl.st, cur) && statesEqual(env, sl.st, cur, pc, 'exact') &&
          sl.st.mayGotoDepth === cur.mayGotoDepth && sl.st.callbackUnrollDepth === cur.callbackUnrollDepth) {
          env.err(`infinite loop detected at insn ${pc}`);
          env.verbose('cur state:');
          env.verbose(formatState(cur, cur.frames.length - 1, null));
          env.verbose('old state:');
          env.verbose(formatState(sl.st, cur.frames.length - 1, null));
          return EINVAL;
        }
        if (!hit && !force && env.jmpsProcessed - env.prevJmpsProcessed < 20 && env.insnProcessed - env.prevInsnProcessed < 100) {
          add = false;
        }
      } else {
        loop = this.incompleteReadMarks(sl);
        hit = statesEqual(env, sl.st, cur, pc, loop ? 'range_within' : 'not_exact');
      }
      if (hit) {
        sl.hit++;
        // The checkpoint reached the exit with these precision marks; the current state, equal
        // to it but for them, must have them too (in its parents).
        if (aux.jmpPoint) pushJmpHistory(this);
        const curChain = this.curChain();
        const err = this.prec.propagatePrecision(sl.st, curChain);
        if (err) return err;
        if (loop) this.addSccBackedge(sl, curChain);
        return 1;
      }
      if (add) sl.miss++;
      const n = aux.forceCheckpoint && sl.branches > 0 ? 64 : 3;
      if (sl.miss > sl.hit * n + n) {
        list.splice(k, 1);
        sl.inFreeList = true;
        this.freeListSize++;
        env.exploredStatesSize--;
        this.maybeFree(sl);
      }
    }
    if (env.maxStatesPerInsn < statesCnt) env.maxStatesPerInsn = statesCnt;
    if (!add) return 0;
    env.totalStates++;
    env.exploredStatesSize++;
    this.updatePeakStates();
    env.prevJmpsProcessed = env.jmpsProcessed;
    env.prevInsnProcessed = env.insnProcessed;
    // Forget inherited precision marks: children will mark what they need (__mark_chain_precision).
    this.cur.st = allScalarsImprecise(this.cur.st);
    const cp: Checkpoint = {
      pc, st: this.cur.st, cleaned: false, branches: 1, parent: this.parentCp, dfsDepth: this.dfsDepth, hit: 0, miss: 0, inFreeList: false,
      firstIdx: this.firstInsnIdx, lastIdx: env.prevInsnIdx, insnIdx: pc,
    };
    this.maybeEnterScc(cp);
    this.parentCp = cp;
    this.firstInsnIdx = pc;
    this.dfsDepth = cp.dfsDepth + 1;
    this.cur.setJmpHistory(null, 0);
    list.push(cp);
    env.explored.set(key, list);
    return 0;
  }

  /**
   * clean_live_states: finished checkpoints at `pc` forget the registers and stack slots nothing
   * reads any more, so that they cover more states.
   */
  private cleanLiveStates(list: object[], pc: number, cur: VerifierState): void {
    const { env } = this;
    for (const o of list) {
      const sl = o as Checkpoint;
      if (sl.branches || sl.pc !== pc || !sameCallsites(sl.st, cur) || sl.cleaned) continue;
      if (this.incompleteReadMarks(sl)) continue;
      const alive = stackSlotAliveQuery(env, sl.st, sl.pc);
      const frames = sl.st.frames.map((f, i) => {
        const live = env.aux[frameInsnIdx(sl.st, i, sl.pc)]!.liveRegsBefore;
        const regs = f.regs.map((r, k) => (k < 10 && !(live & (1 << k)) ? NOT_INIT : r));
        const stack = f.stack.map((slot, spi) => (alive(i, spi) ? slot : EMPTY_SLOT));
        return { ...f, regs, stack };
      });
      sl.st = { ...sl.st, frames };
      sl.cleaned = true;
    }
  }

  /** explored_state's hash bucket: the instruction xor the innermost callsite. */
  private bucket(pc: number, st: VerifierState): number {
    const callsite = st.frames[st.frames.length - 1]!.callsite;
    return ((pc ^ callsite) >>> 0) % this.env.insns.length; // main's callsite is -1: (u32)(idx ^ -1)
  }

  private updatePeakStates(): void {
    const n = this.env.exploredStatesSize + this.freeListSize + this.numBackedges;
    if (this.env.peakStates < n) this.env.peakStates = n;
  }

  /** update_branch_counts: a path ended; checkpoints with nothing left to explore are done. */
  private updateBranchCounts(cp: Checkpoint | null): Ret {
    while (cp) {
      if (--cp.branches) break;
      const err = this.maybeExitScc(cp);
      if (err) return err;
      this.maybeFree(cp);
      cp = cp.parent;
    }
    return 0;
  }

  /** maybe_free_verifier_state: an evicted checkpoint goes once nothing refers to it. */
  private maybeFree(cp: Checkpoint): void {
    if (!cp.inFreeList || cp.branches !== 0 || this.incompleteReadMarks(cp)) return;
    cp.inFreeList = false;
    this.freeListSize--;
  }

  /** compute_scc_callchain + format_callchain: `(callsite,...,scc)`, or null outside loops. */
  private sccCallchain(cp: Checkpoint): string | null {
    const { st } = cp;
    const callsites: number[] = [];
    for (let i = 0; i < st.frames.length; i++) {
      const insnIdx = frameInsnIdx(st, i, cp.pc);
      const scc = this.env.aux[insnIdx]!.scc;
      if (scc) {
        let out = '(';
        for (const c of callsites) {
          if (!c) break;
          out += `${c},`;
        }
        return `${out}${scc})`;
      }
      if (i === st.frames.length - 1) return null;
      callsites.push(insnIdx);
    }
    return null;
  }

  private maybeEnterScc(cp: Checkpoint): void {
    const chain = this.sccCallchain(cp);
    if (!chain) return;
    let visit = this.sccVisits.get(chain);
    if (!visit) this.sccVisits.set(chain, (visit = { entry: null, backedges: [] }));
    if (!visit.entry) {
      visit.entry = cp;
      if (this.env.level2) this.env.verbose(`SCC enter ${chain}\n`);
    }
  }

  /** maybe_exit_scc: the loop's entry checkpoint is done; its back-edges pass their precision marks on. */
  private maybeExitScc(cp: Checkpoint): Ret {
    const chain = this.sccCallchain(cp);
    if (!chain) return 0;
    const visit = this.sccVisits.get(chain);
    if (!visit || visit.entry !== cp) return 0;
    if (this.env.level2) this.env.verbose(`SCC exit ${chain}\n`);
    visit.entry = null;
    this.numBackedges -= visit.backedges.length;
    this.updatePeakStates();
    return this.propagateBackedges(visit);
  }

  /**
   * propagate_backedges: until nothing changes, each back-edge state needs the precision marks of
   * the checkpoint it matched, in its own parents (which the checkpoint may be among).
   */
  private propagateBackedges(visit: SccVisit): Ret {
    let i = 0;
    const changed = { v: false };
    do {
      if (i++ > MAX_BACKEDGE_ITERS) {
        if (this.env.level2) this.env.verbose('propagate_backedges: too many iterations\n');
        for (const b of visit.backedges) this.prec.markAllScalarsPrecise(b.state);
        break;
      }
      changed.v = false;
      for (const b of visit.backedges) {
        const err = this.prec.propagatePrecision(b.equal.st, b.state, changed);
        if (err) return err;
      }
    } while (changed.v);
    visit.backedges = [];
    return 0;
  }

  private addSccBackedge(cp: Checkpoint, state: ChainState): void {
    const chain = this.sccCallchain(cp);
    const visit = chain ? this.sccVisits.get(chain) : undefined;
    if (!chain || !visit) return;
    if (this.env.level2) this.env.verbose(`SCC backedge ${chain}\n`);
    visit.backedges.push({ state, equal: cp });
    this.numBackedges++;
    this.updatePeakStates();
  }

  /** incomplete_read_marks: the checkpoint is inside a loop not yet explored to the end. */
  private incompleteReadMarks(cp: Checkpoint): boolean {
    const chain = this.sccCallchain(cp);
    const visit = chain ? this.sccVisits.get(chain) : undefined;
    return !!visit && visit.backedges.length > 0;
  }

  /**
   * find_prev_entry: the newest checkpoint at `insnIdx` on the current DFS path (same call sites,
   * shallower) — the previous iteration of a loop. `ofParent` asks it for the current state's
   * parent checkpoint instead of the state itself (may_goto).
   */
  prevEntry(insnIdx: number, ofParent: boolean): VerifierState | null {
    const ref = ofParent ? this.parentCp : null;
    if (ofParent && !ref) return null;
    const st = ref ? ref.st : this.cur.st;
    const depth = ref ? ref.dfsDepth : this.dfsDepth;
    const list = this.env.explored.get(this.bucket(insnIdx, st)) ?? [];
    for (let k = list.length - 1; k >= 0; k--) {
      const sl = list[k]! as Checkpoint;
      if (sl.pc === insnIdx && sl.branches > 0 && sameCallsites(sl.st, st) && sl.dfsDepth < depth) return sl.st;
    }
    return null;
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
    // %02x of the s32 imm: a negative one prints all 32 bits.
    env.err(`BPF_ATOMIC uses invalid atomic opcode ${(insn.imm >>> 0).toString(16).padStart(2, '0')}`);
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
      // bpfiddle's loader describes every function with BTF func_info (static `int f(void)`) when
      // the program references one, as the kernel requires for callbacks.
      this.cur.setReg(insn.dst, ptrReg('func', { subprog: env.findSubprog(env.insnIdx + insn.imm + 1) }));
      return 0;
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

