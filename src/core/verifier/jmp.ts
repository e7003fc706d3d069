// Conditional jumps (check_cond_jmp_op): deciding the outcome when the registers allow it,
// otherwise queueing the taken branch and refining both sides: scalar bounds (through the scalar
// domain, then linked registers), null checks of *_or_null pointers by id (mark_ptr_or_null_regs),
// packet ranges from comparisons with pkt_end (find_good_pkt_pointers) and may_goto.

import { BPF_JCOND, BPF_JEQ, BPF_JGE, BPF_JGT, BPF_JLE, BPF_JLT, BPF_JMP, BPF_JMP32, BPF_JNE, BPF_JA, BPF_X, bpfClass, bpfOp, bpfSrc } from '../isa/constants.js';
import type { Insn } from '../isa/insn.js';
import { JMP_OPS } from '../isa/table.js';
import {
  boundsViolationLog, isBranchTaken, isConstScalar, knownScalar, refineBranch, scalarAddNoSync, scalarConstValue,
  scalarZext32NoSync, syncBounds, type JmpOp,
} from './bounds.js';
import { EFAULT, EINVAL, type Ret } from './env.js';
import { PTR_MAYBE_NULL, constReg, isMaybeNull, isPktPointer, isPktPointerAny, regNotNull, type Reg } from './regs.js';
import { releaseReferenceNomark } from './refs.js';
import { widenImpreciseScalars } from './states.js';
import type { Cur } from './state.js';
import { tnumEqualsConst } from './tnum.js';
import { checkRegArg, pushJmpHistory, type Walk } from './walk.js';
import { printInsnState } from './print.js';
import { INSN_F_DST_REG_STACK, INSN_F_SRC_REG_STACK } from './precision.js';

const LINKED_REGS_MAX = 6;
const AT_PKT_END = -1;
const BEYOND_PKT_END = -2;

const jmpName = (op: number): JmpOp => JMP_OPS.find((j) => j.op === op)!.name;

const FLIP: Record<number, number> = { 0x10: 0x10, 0x50: 0x50, 0x40: 0x40, 0x30: 0xb0, 0x20: 0xa0, 0xb0: 0x30, 0xa0: 0x20, 0x70: 0xd0, 0x60: 0xc0, 0xd0: 0x70, 0xc0: 0x60 };

function isPktPtrBranchTaken(dst: Reg, src: Reg, op: number): number {
  let pkt: Reg;
  if (src.type === 'pkt_end') pkt = dst;
  else if (dst.type === 'pkt_end') { pkt = src; op = FLIP[op]!; }
  else return -1;
  if (pkt.range >= 0) return -1;
  switch (op) {
    case BPF_JLE: case BPF_JGT:
      if (pkt.range === BEYOND_PKT_END) return op === BPF_JGT ? 1 : 0;
      break;
    case BPF_JLT: case BPF_JGE:
      if (pkt.range === BEYOND_PKT_END || pkt.range === AT_PKT_END) return op === BPF_JGE ? 1 : 0;
      break;
  }
  return -1;
}

/** is_branch_taken: 1 taken, 0 not taken, -1 unknown. */
function isBranchTakenRegs(r1: Reg, r2: Reg, op: number, jmp32: boolean): number {
  if (isPktPointerAny(r1) && isPktPointerAny(r2) && !jmp32) return isPktPtrBranchTaken(r1, r2, op);
  if (r1.type !== 'scalar' || r2.type !== 'scalar') {
    const isConst = (r: Reg): boolean => r.type === 'scalar' && isConstScalar(r.s, jmp32);
    if (!isConst(r2)) {
      op = FLIP[op]!;
      [r1, r2] = [r2, r1];
    }
    if (!isConst(r2)) return -1;
    if (!regNotNull(r1)) return -1;
    if (scalarConstValue(r2.s, jmp32) !== 0n) return -1;
    if (op === BPF_JEQ) return 0;
    if (op === BPF_JNE) return 1;
    return -1;
  }
  return isBranchTaken(r1.s, r2.s, jmpName(op), jmp32);
}

interface LinkedReg { frame: number; isReg: boolean; idx: number }

/** frame_insn_idx: where frame i is in the program (its call site for outer frames). */
const frameInsnIdx = (cur: Cur, i: number, insnIdx: number): number =>
  i === cur.curframe ? insnIdx : cur.st.frames[i + 1]!.callsite;

/** collect_linked_regs (6.18: only registers live at the jump). */
function collectLinkedRegs(w: Walk, id: number, out: LinkedReg[]): void {
  const { cur } = w;
  const visit = (r: Reg, e: LinkedReg): Reg => {
    if (r.type !== 'scalar' || r.id !== id) return r;
    if (out.length < LINKED_REGS_MAX) {
      out.push(e);
      return r;
    }
    return { ...r, id: 0, link: 0, off: 0 };
  };
  for (let i = cur.curframe; i >= 0; i--) {
    const live = w.env.aux[frameInsnIdx(cur, i, w.env.insnIdx)]!.liveRegsBefore;
    const f = cur.st.frames[i]!;
    for (let j = 0; j < 10; j++) {
      if (!(live & (1 << j))) continue;
      const n = visit(f.regs[j]!, { frame: i, isReg: true, idx: j });
      if (n !== f.regs[j]) cur.setReg(j, n, i);
    }
    f.stack.forEach((slot, spi) => {
      if (slot.types[7] !== 'r' || !slot.spilled) return;
      const n = visit(slot.spilled, { frame: i, isReg: false, idx: spi });
      if (n !== slot.spilled) cur.setSlot(i, spi, { ...slot, spilled: n });
    });
  }
}

function linkedGet(c: Cur, e: LinkedReg): Reg | null {
  if (e.isReg) return c.st.frames[e.frame]!.regs[e.idx]!;
  return c.st.frames[e.frame]!.stack[e.idx]?.spilled ?? null;
}

function linkedSet(c: Cur, e: LinkedReg, r: Reg): void {
  if (e.isReg) c.setReg(e.idx, r, e.frame);
  else c.setSlot(e.frame, e.idx, { ...c.st.frames[e.frame]!.stack[e.idx]!, spilled: r });
}

/** sync_linked_regs: give every register linked to `knownRegno` the range it just learned. */
function syncLinkedRegs(c: Cur, knownRegno: number, linked: readonly LinkedReg[]): void {
  const k = c.reg(knownRegno);
  for (const e of linked) {
    const r = linkedGet(c, e);
    if (!r || r.type !== 'scalar') continue;
    if (e.isReg && e.frame === c.curframe && e.idx === knownRegno) continue;
    if (r.id !== k.id) continue;
    if (r.link && k.link && r.link !== k.link) continue;
    if ((!r.link && !k.link) || r.off === k.off) {
      linkedSet(c, e, k);
    } else {
      let s = scalarAddNoSync(k.s, knownScalar(BigInt(r.off) - BigInt(k.off)));
      if (r.link === 32 || k.link === 32) s = scalarZext32NoSync(s);
      linkedSet(c, e, { ...r, s: syncBounds(s) });
    }
  }
}

/** mark_ptr_or_null_regs: the outcome of `if rX == 0` for every copy of a nullable pointer. */
function markPtrOrNullRegs(c: Cur, regno: number, isNull: boolean): void {
  const r = c.reg(regno);
  const id = r.id;
  if (r.refObjId && r.refObjId === id && isNull) releaseReferenceNomark(c, id);
  c.mapRegs((reg) => {
    if (!isMaybeNull(reg) || reg.id !== id) return reg;
    if (isNull) return { ...reg, type: 'scalar', flags: 0, id: 0, refObjId: 0 };
    return { ...reg, flags: reg.flags & ~PTR_MAYBE_NULL, id: 0 };
  });
}

/** mark_ptr_not_null_reg for one register of one branch. */
function markPtrNotNull(c: Cur, regno: number): void {
  const r = c.reg(regno);
  c.setReg(regno, { ...r, flags: r.flags & ~PTR_MAYBE_NULL });
}

/** reg_is_init_pkt_pointer. */
const isInitPktPointer = (r: Reg, type: Reg['type']): boolean =>
  r.type === type && r.id === 0 && r.off === 0 && tnumEqualsConst(r.s.varOff, 0n);

/** find_good_pkt_pointers. */
function findGoodPktPointers(c: Cur, dst: Reg, rangeRightOpen: boolean): void {
  if (dst.off < 0 || (dst.off === 0 && rangeRightOpen)) return;
  if (dst.s.umax > 0xffffn || dst.s.umax + BigInt(dst.off) > 0xffffn) return;
  const newRange = dst.off + (rangeRightOpen ? 1 : 0);
  c.mapRegs((r) => (r.type === dst.type && r.flags === dst.flags && r.id === dst.id && r.range < newRange ? { ...r, range: newRange } : r));
}

/** mark_pkt_end. */
function markPktEnd(c: Cur, regno: number, rangeOpen: boolean): void {
  const r = c.reg(regno);
  if (r.type !== 'pkt' || r.flags) return;
  c.setReg(regno, { ...r, range: rangeOpen ? BEYOND_PKT_END : AT_PKT_END });
}

/** try_match_pkt_pointers. */
function tryMatchPktPointers(insn: Insn, dst: Reg, src: Reg, thisB: Cur, other: Cur): boolean {
  if (bpfSrc(insn.code) !== BPF_X || bpfClass(insn.code) === BPF_JMP32) return false;
  const dstLeft = (dst.type === 'pkt' && src.type === 'pkt_end') || (dst.type === 'pkt_meta' && isInitPktPointer(src, 'pkt'));
  const srcLeft = (dst.type === 'pkt_end' && src.type === 'pkt') || (isInitPktPointer(dst, 'pkt') && src.type === 'pkt_meta');
  switch (bpfOp(insn.code)) {
    case BPF_JGT:
      if (dstLeft) { findGoodPktPointers(thisB, dst, false); markPktEnd(other, insn.dst, true); }
      else if (srcLeft) { findGoodPktPointers(other, src, true); markPktEnd(thisB, insn.src, false); }
      else return false;
      break;
    case BPF_JLT:
      if (dstLeft) { findGoodPktPointers(other, dst, true); markPktEnd(thisB, insn.dst, false); }
      else if (srcLeft) { findGoodPktPointers(thisB, src, false); markPktEnd(other, insn.src, true); }
      else return false;
      break;
    case BPF_JGE:
      if (dstLeft) { findGoodPktPointers(thisB, dst, true); markPktEnd(other, insn.dst, false); }
      else if (srcLeft) { findGoodPktPointers(other, src, false); markPktEnd(thisB, insn.src, true); }
      else return false;
      break;
    case BPF_JLE:
      if (dstLeft) { findGoodPktPointers(other, dst, false); markPktEnd(thisB, insn.dst, true); }
      else if (srcLeft) { findGoodPktPointers(thisB, src, true); markPktEnd(other, insn.src, false); }
      else return false;
      break;
    default:
      return false;
  }
  return true;
}

/**
 * check_cond_jmp_op. On return env.insnIdx is where the kernel continues minus one (do_check
 * adds the 1), as in the kernel.
 */
export function checkCondJmpOp(w: Walk, insn: Insn): Ret {
  const { env, cur } = w;
  const op = bpfOp(insn.code);
  if (op === BPF_JA || op > BPF_JCOND) {
    env.err(`invalid BPF_JMP/JMP32 opcode ${(op >> 4).toString(16)}`);
    return EINVAL;
  }
  if (op === BPF_JCOND) {
    if (insn.code !== (BPF_JMP | BPF_JCOND) || insn.src !== 0 || insn.dst || insn.imm) {
      env.err(`invalid may_goto imm ${insn.imm}`);
      return EINVAL;
    }
    const prev = w.prevEntry(env.insnIdx, true);
    const queued = w.pushStack(env.insnIdx + 1, env.insnIdx);
    if (!queued) return EFAULT;
    queued.set({ mayGotoDepth: queued.st.mayGotoDepth + 1 });
    if (prev) queued.st = widenImpreciseScalars(env, prev, queued.st);
    env.insnIdx += insn.off;
    return 0;
  }
  let err = checkRegArg(w, insn.dst, 'src');
  if (err) return err;
  const isX = bpfSrc(insn.code) === BPF_X;
  if (isX) {
    if (insn.imm !== 0) {
      env.err('BPF_JMP/JMP32 uses reserved fields');
      return EINVAL;
    }
    err = checkRegArg(w, insn.src, 'src');
    if (err) return err;
  } else if (insn.src !== 0) {
    env.err('BPF_JMP/JMP32 uses reserved fields');
    return EINVAL;
  }
  const jmp32 = bpfClass(insn.code) === BPF_JMP32;
  const fake = constReg(BigInt(insn.imm));
  const dst0 = cur.reg(insn.dst);
  const src0 = isX ? cur.reg(insn.src) : fake;
  // A stack pointer compared here is no scalar whose precision backtracking should follow.
  const stackFlags = (dst0.type === 'stack' ? INSN_F_DST_REG_STACK : 0) | (isX && src0.type === 'stack' ? INSN_F_SRC_REG_STACK : 0);
  if (stackFlags) pushJmpHistory(w, stackFlags);
  const pred = isBranchTakenRegs(dst0, src0, op, jmp32);
  if (pred >= 0) {
    // The outcome followed from the registers' values: they must stay that exact.
    if (dst0.type === 'scalar') err = w.markChainPrecision(insn.dst);
    if (isX && !err && src0.type === 'scalar') err = w.markChainPrecision(insn.src);
    if (err) return err;
  }
  if (pred === 1) {
    printInsnState(w);
    env.insnIdx += insn.off;
    return 0;
  }
  if (pred === 0) {
    printInsnState(w);
    return 0;
  }

  const linked: LinkedReg[] = [];
  if (isX && src0.type === 'scalar' && src0.id) collectLinkedRegs(w, src0.id, linked);
  if (dst0.type === 'scalar' && dst0.id) collectLinkedRegs(w, dst0.id, linked);
  if (linked.length > 1) pushJmpHistory(w, 0, linked.map((e) => ({ frame: e.frame, isReg: e.isReg, idx: e.idx })));

  const other = w.pushStack(env.insnIdx + insn.off + 1, env.insnIdx);
  if (!other) return EFAULT;

  const dst = cur.reg(insn.dst);
  const src = isX ? cur.reg(insn.src) : fake;
  if (dst.type === 'scalar' && src.type === 'scalar') {
    const res = refineBranch(dst.s, src.s, jmpName(op), jmp32, isX && insn.src === insn.dst);
    for (const v of [...res.taken.violations, ...res.fallthrough.violations]) {
      env.verbose(`${boundsViolationLog(v.ctx, v.msg, v.state)}\n`);
    }
    const apply = (c: Cur, side: typeof res.taken): void => {
      c.setReg(insn.dst, { ...c.reg(insn.dst), s: side.dst });
      if (isX && insn.src !== insn.dst) c.setReg(insn.src, { ...c.reg(insn.src), s: side.src });
    };
    apply(other, res.taken);
    apply(cur, res.fallthrough);
  }
  if (isX && src.type === 'scalar' && src.id) {
    syncLinkedRegs(cur, insn.src, linked);
    syncLinkedRegs(other, insn.src, linked);
  }
  if (dst.type === 'scalar' && dst.id) {
    syncLinkedRegs(cur, insn.dst, linked);
    syncLinkedRegs(other, insn.dst, linked);
  }

  if (!jmp32 && isX && src.type !== 'scalar' && dst.type !== 'scalar' && isMaybeNull(src) !== isMaybeNull(dst)) {
    const eq = op === BPF_JEQ ? other : op === BPF_JNE ? cur : null;
    if (eq) markPtrNotNull(eq, isMaybeNull(src) ? insn.src : insn.dst);
  }

  if (!jmp32 && !isX && insn.imm === 0 && (op === BPF_JEQ || op === BPF_JNE) && isMaybeNull(dst)) {
    markPtrOrNullRegs(cur, insn.dst, op === BPF_JNE);
    markPtrOrNullRegs(other, insn.dst, op === BPF_JEQ);
  } else {
    tryMatchPktPointers(insn, dst, cur.reg(insn.src), cur, other);
  }
  printInsnState(w);
  return 0;
}

export { isPktPointer };
