// State equivalence (states_equal, regsafe, stacksafe, refsafe) and the widening of imprecise
// scalars at loop back-edges (widen_imprecise_scalars), as Linux 6.18 has them. A checkpoint's
// scalar counts only when precision tracking (precision.ts) marked it precise: no check ever
// depended on the exact value of the others, so any current value is as good.

import type { Env } from './env.js';
import { UNKNOWN_SCALAR, type Reg } from './regs.js';
import { isSpilled, type Slot } from './stack.js';
import type { Frame, VerifierState } from './state.js';
import { tnumIn } from './tnum.js';
import type { Scalar } from './bounds.js';

export type ExactLevel = 'not_exact' | 'exact' | 'range_within';

/** struct bpf_idmap: old id → current id pairs of one comparison. */
class IdMap {
  private readonly pairs: [number, number][] = [];
  constructor(public tmpIdGen: number) {}

  /** check_ids. */
  check(oldId: number, curId: number): boolean {
    if (!!oldId !== !!curId) return false;
    if (oldId === 0) return true;
    for (const [o, c] of this.pairs) {
      if (o === oldId) return c === curId;
      if (c === curId) return false;
    }
    this.pairs.push([oldId, curId]);
    return true;
  }

  /**
   * check_scalar_ids (6.18.y): an old scalar without an id was linked to nothing, so whatever links
   * the current one has only add constraints; a current one without an id gets a fresh temporary
   * id, so two unlinked registers never match one linked pair.
   */
  checkScalar(oldId: number, curId: number): boolean {
    if (!oldId) return true;
    return this.check(oldId, curId || ++this.tmpIdGen);
  }
}

/**
 * Ids as the id map sees them: every id times 4, plus a scalar's BPF_ADD_CONST flavour (the kernel
 * keeps the flag in the id); temporary ids come after all of them.
 */
const idKey = (id: number): number => id * 4;
const scalarId = (r: Reg): number => (r.id === 0 ? 0 : r.id * 4 + (r.link === 32 ? 1 : r.link === 64 ? 2 : 0));
const newIdMap = (env: Env): IdMap => new IdMap((env.idGen + 1) * 4 + 4);

const scalarsEqual = (a: Scalar, b: Scalar): boolean =>
  a === b || (a.varOff.value === b.varOff.value && a.varOff.mask === b.varOff.mask && a.smin === b.smin && a.smax === b.smax &&
    a.umin === b.umin && a.umax === b.umax && a.s32min === b.s32min && a.s32max === b.s32max &&
    a.u32min === b.u32min && a.u32max === b.u32max);

/** range_within: the current bounds lie inside the old ones. */
const rangeWithin = (o: Scalar, c: Scalar): boolean =>
  o.umin <= c.umin && o.umax >= c.umax && o.smin <= c.smin && o.smax >= c.smax &&
  o.u32min <= c.u32min && o.u32max >= c.u32max && o.s32min <= c.s32min && o.s32max >= c.s32max;

/** The part of a register before `var_off` (type, flags, fixed offset and the type-specific union). */
const headEqual = (o: Reg, c: Reg): boolean =>
  o.type === c.type && o.flags === c.flags && o.off === c.off && o.map === c.map && o.memSize === c.memSize &&
  o.range === c.range && o.subprog === c.subprog && o.btfName === c.btfName;

/** regs_exact: everything up to the id equal, ids consistently renamed. */
function regsExact(o: Reg, c: Reg, m: IdMap): boolean {
  if (o === c && o.id === 0 && o.refObjId === 0) return true;
  return headEqual(o, c) && o.link === c.link && scalarsEqual(o.s, c.s) &&
    m.check(o.type === 'scalar' ? scalarId(o) : idKey(o.id), c.type === 'scalar' ? scalarId(c) : idKey(c.id)) &&
    m.check(idKey(o.refObjId), idKey(c.refObjId));
}

/** regsafe: the current register is at least as constrained as the old one. */
function regsafe(o: Reg, c: Reg, m: IdMap, exact: ExactLevel): boolean {
  if (exact === 'exact') return regsExact(o, c, m);
  if (o.type === 'not_init' && (exact === 'not_exact' || c.type === 'not_init')) return true;
  if (o.type !== c.type || o.flags !== c.flags) return false;
  switch (o.type) {
    case 'scalar':
      if (!o.precise && exact === 'not_exact') return true;
      if (o.id && (o.link !== 0) !== (c.link !== 0)) return false;
      if (o.link && (o.link !== c.link || o.off !== c.off)) return false;
      return m.checkScalar(scalarId(o), scalarId(c)) && rangeWithin(o.s, c.s) && tnumIn(o.s.varOff, c.s.varOff);
    case 'map_key':
    case 'map_value':
    case 'mem':
      return headEqual(o, c) && rangeWithin(o.s, c.s) && tnumIn(o.s.varOff, c.s.varOff) &&
        m.check(idKey(o.id), idKey(c.id)) && m.check(idKey(o.refObjId), idKey(c.refObjId));
    case 'pkt':
    case 'pkt_meta':
      if (o.range < 0 || c.range < 0) {
        if (o.range !== c.range) return false;
      } else if (o.range > c.range) return false;
      if (o.off !== c.off) return false;
      if (!m.check(idKey(o.id), idKey(c.id))) return false;
      return rangeWithin(o.s, c.s) && tnumIn(o.s.varOff, c.s.varOff);
    case 'stack':
      return regsExact(o, c, m) && o.frameno === c.frameno;
    default:
      return regsExact(o, c, m) && o.frameno === c.frameno;
  }
}

/** scalar_reg_for_stack: the scalar a full 8-byte read of the slot would give, or null. */
function scalarRegForStack(s: Slot): Reg | null {
  if (s.types[0] === 'r' && s.spilled?.type === 'scalar') return s.spilled;
  for (let i = 0; i < 8; i++) {
    const t = s.types[i];
    if (t !== 'm' && t !== '?') return null; // STACK_INVALID counts as misc: root may read it
  }
  return UNKNOWN_SCALAR;
}

/** stacksafe (without slot liveness: every slot of the old state counts). */
function stacksafe(old: Frame, cur: Frame, m: IdMap, exact: ExactLevel): boolean {
  const n = old.stack.length * 8;
  for (let i = 0; i < n; i++) {
    const spi = i >> 3;
    const im = i & 7;
    const os = old.stack[spi]!;
    const ot = os.types[im]!;
    const cs = cur.stack[spi];
    if (exact === 'exact' && (!cs || ot !== cs.types[im])) return false;
    if (ot === '?') continue;
    if (ot === 'm') continue; // allow_uninit_stack: misc data is no better than none
    if (!cs) return false;
    if (im === 0) {
      const or = scalarRegForStack(os);
      const cr = scalarRegForStack(cs);
      if (or && cr) {
        if (!regsafe(or, cr, m, exact)) return false;
        i += 7;
        continue;
      }
    }
    const ct = cs.types[im];
    if (ot !== ct) return false;
    if (im !== 7) continue;
    if (ot === 'r' && !regsafe(os.spilled!, cs.spilled!, m, exact)) return false;
    if (ot === 'd') {
      // STACK_DYNPTR: same type, same half, the same reference.
      const a = os.dynptr;
      const b = cs.dynptr;
      if (!a || !b || a.type !== b.type || a.firstSlot !== b.firstSlot || !m.check(idKey(a.refObjId), idKey(b.refObjId))) return false;
    }
  }
  // Slots the current state has beyond the old state's are ignored: the explored state never used them.
  return true;
}

/** refsafe. */
function refsafe(old: VerifierState, cur: VerifierState, m: IdMap): boolean {
  if (old.refs.length !== cur.refs.length) return false;
  return old.refs.every((r, i) => m.check(idKey(r.id), idKey(cur.refs[i]!.id)));
}

/** frame_insn_idx: where frame i of `st` is (the current instruction for the innermost frame). */
export const frameInsnIdx = (st: VerifierState, i: number, insnIdx: number): number =>
  i === st.frames.length - 1 ? insnIdx : st.frames[i + 1]!.callsite;

/** states_equal: `old` (a checkpoint at `insnIdx`) covers `cur`. */
export function statesEqual(env: Env, old: VerifierState, cur: VerifierState, insnIdx: number, exact: ExactLevel): boolean {
  if (old.frames.length !== cur.frames.length) return false;
  const m = newIdMap(env);
  if (!refsafe(old, cur, m)) return false;
  for (let i = 0; i < old.frames.length; i++) {
    const fo = old.frames[i]!;
    const fc = cur.frames[i]!;
    if (fo.callsite !== fc.callsite) return false;
    if (fo.callbackDepth > fc.callbackDepth) return false;
    const live = env.aux[frameInsnIdx(old, i, insnIdx)]!.liveRegsBefore;
    for (let r = 0; r < 11; r++) {
      if ((live & (1 << r)) && !regsafe(fo.regs[r]!, fc.regs[r]!, m, exact)) return false;
    }
    if (!stacksafe(fo, fc, m, exact)) return false;
  }
  return true;
}

/** states_maybe_looping: the current frames' registers are bit-for-bit the same. */
export function statesMaybeLooping(old: VerifierState, cur: VerifierState): boolean {
  if (old.frames.length !== cur.frames.length) return false;
  const fo = old.frames[old.frames.length - 1]!;
  const fc = cur.frames[cur.frames.length - 1]!;
  for (let r = 0; r < 11; r++) {
    const o = fo.regs[r]!;
    const c = fc.regs[r]!;
    if (o === c) continue;
    if (!headEqual(o, c) || o.link !== c.link || o.id !== c.id || o.refObjId !== c.refObjId || !scalarsEqual(o.s, c.s)) return false;
  }
  return true;
}

/** same_callsites. */
export function sameCallsites(a: VerifierState, b: VerifierState): boolean {
  if (a.frames.length !== b.frames.length) return false;
  return a.frames.every((f, i) => f.callsite === b.frames[i]!.callsite);
}

/**
 * widen_imprecise_scalars: scalars (in registers and spilled) that differ from the previous
 * iteration's become unknown, so loops whose counters nothing needs exactly converge.
 */
export function widenImpreciseScalars(env: Env, old: VerifierState, cur: VerifierState): VerifierState {
  const m = newIdMap(env);
  const widen = (o: Reg, c: Reg): Reg => {
    if (o.type !== 'scalar' || c.type !== 'scalar') return c;
    if (o.precise || c.precise || regsExact(o, c, m)) return c;
    return UNKNOWN_SCALAR;
  };
  let frames: Frame[] | null = null;
  for (let fr = old.frames.length - 1; fr >= 0; fr--) {
    const fo = old.frames[fr]!;
    const fc = (frames ?? cur.frames)[fr]!;
    let regs: Reg[] | null = null;
    for (let i = 0; i < 11; i++) {
      const n = widen(fo.regs[i]!, fc.regs[i]!);
      if (n !== fc.regs[i]) (regs ??= fc.regs.slice())[i] = n;
    }
    let stack: Slot[] | null = null;
    const slots = Math.min(fo.stack.length, fc.stack.length);
    for (let i = 0; i < slots; i++) {
      const so = fo.stack[i]!;
      const sc = fc.stack[i]!;
      if (!isSpilled(so) || !isSpilled(sc)) continue;
      const n = widen(so.spilled!, sc.spilled!);
      if (n !== sc.spilled) (stack ??= fc.stack.slice())[i] = { ...sc, spilled: n };
    }
    if (regs || stack) (frames ??= cur.frames.slice())[fr] = { ...fc, regs: regs ?? fc.regs, stack: stack ?? fc.stack };
  }
  return frames ? { ...cur, frames } : cur;
}
