// Stack slot liveness as Linux 6.18 computes it (kernel/bpf/liveness.c): per call chain and
// instruction, the slots that may be read ("may_read") and must be written ("must_write"), and a
// fixed-point data flow that turns them into "live before" sets. In part 1 it feeds only the
// level-2 log lines it prints ("(0) frame 0 insn 6 +live -8", "live stack update done in 2
// iterations"); state pruning (part 2) will query it to ignore dead slots.

import type { Env } from './env.js';
import { successors } from './cfg.js';
import type { VerifierState } from './state.js';

const U64 = 0xffff_ffff_ffff_ffffn;

interface Masks { mayRead: bigint; mustWrite: bigint; mustWriteAcc: bigint; liveBefore: bigint }

interface Callchain { callsites: number[]; spStarts: number[]; curframe: number }

interface Instance {
  callchain: Callchain;
  insnCnt: number;
  updated: boolean;
  mustWriteDropped: boolean;
  frames: (Masks[] | undefined)[];
  mustWriteSet: boolean[];
}

export class Liveness {
  readonly instances = new Map<string, Instance>();
  curInstance: Instance | null = null;
  writeMasksAcc: bigint[] = new Array<bigint>(8).fill(0n);
  writeInsnIdx = 0;
  /** The state whose call chain cur_instance belongs to (set by the walk before each instruction). */
  curState: VerifierState | null = null;
}

/** `callsites[0..curframe].join(',')`, without the intermediate array (this runs on every call and exit). */
function key(c: Callchain): string {
  let k = `${c.callsites[0]!}`;
  for (let i = 1; i <= c.curframe; i++) k += `,${c.callsites[i]!}`;
  return k;
}

function computeCallchain(env: Env, st: VerifierState, frameno: number): Callchain {
  const callsites = [0, 0, 0, 0, 0, 0, 0, 0]; // MAX_CALL_FRAMES
  const spStarts = [0, 0, 0, 0, 0, 0, 0, 0];
  const curframe = st.frames.length - 1;
  for (let i = 0; i <= frameno; i++) {
    spStarts[i] = env.subprogs[st.frames[i]!.subprog]!.start;
    if (i < curframe) callsites[i] = st.frames[i + 1]!.callsite;
  }
  callsites[frameno] = spStarts[frameno]!;
  return { callsites, spStarts, curframe: frameno };
}

function lookup(env: Env, c: Callchain): Instance {
  const lv = env.liveness;
  const k = key(c);
  const found = lv.instances.get(k);
  if (found) return found;
  const sp = env.subprogOf(c.spStarts[c.curframe]!);
  const end = env.subprogs[sp + 1]?.start ?? env.insns.length;
  const inst: Instance = {
    callchain: c, insnCnt: end - env.subprogs[sp]!.start, updated: false, mustWriteDropped: false,
    frames: [], mustWriteSet: new Array<boolean>(end - env.subprogs[sp]!.start).fill(false),
  };
  lv.instances.set(k, inst);
  return inst;
}

const relIdx = (inst: Instance, insnIdx: number): number => insnIdx - inst.callchain.spStarts[inst.callchain.curframe]!;

function getMasks(inst: Instance, frame: number, insnIdx: number): Masks | undefined {
  return inst.frames[frame]?.[relIdx(inst, insnIdx)];
}

function allocMasks(inst: Instance, frame: number, insnIdx: number): Masks {
  if (!inst.frames[frame]) {
    inst.frames[frame] = Array.from({ length: inst.insnCnt }, () => ({ mayRead: 0n, mustWrite: 0n, mustWriteAcc: 0n, liveBefore: 0n }));
  }
  return inst.frames[frame]![relIdx(inst, insnIdx)]!;
}

function ensureCurInstance(env: Env): Instance {
  const lv = env.liveness;
  if (!lv.curInstance) {
    const st = lv.curState!;
    lv.curInstance = lookup(env, computeCallchain(env, st, st.frames.length - 1));
  }
  return lv.curInstance;
}

function markRead(inst: Instance, frame: number, insnIdx: number, mask: bigint): void {
  const m = allocMasks(inst, frame, insnIdx);
  const next = m.mayRead | mask;
  if (next !== m.mayRead && (next | m.liveBefore) !== m.liveBefore) inst.updated = true;
  m.mayRead |= mask;
}

/** bpf_mark_stack_read: slot `spi` of `frame` may be read at `insnIdx`. */
export function markStackRead(env: Env, frame: number, insnIdx: number, spi: number): void {
  markRead(ensureCurInstance(env), frame, insnIdx, 1n << BigInt(spi));
}

/** bpf_mark_stack_write: slot `spi` of `frame` is written whole by the current instruction. */
export function markStackWrite(env: Env, frame: number, spi: number): void {
  env.liveness.writeMasksAcc[frame]! |= 1n << BigInt(spi);
}

function resetWriteMarks(env: Env, inst: Instance, insnIdx: number): void {
  const lv = env.liveness;
  lv.writeInsnIdx = insnIdx;
  for (let i = 0; i <= inst.callchain.curframe; i++) lv.writeMasksAcc[i] = 0n;
}

/** bpf_reset_stack_write_marks, before each instruction. */
export function resetStackWriteMarks(env: Env, insnIdx: number): void {
  resetWriteMarks(env, ensureCurInstance(env), insnIdx);
}

function commitWriteMarks(env: Env, inst: Instance | null): void {
  if (!inst) return;
  const lv = env.liveness;
  const idx = relIdx(inst, lv.writeInsnIdx);
  for (let frame = 0; frame <= inst.callchain.curframe; frame++) {
    let mask = lv.writeMasksAcc[frame]!;
    if (mask === 0n && !inst.mustWriteSet[idx]) continue;
    const m = allocMasks(inst, frame, lv.writeInsnIdx);
    const old = m.mustWrite;
    if (inst.mustWriteSet[idx]) mask &= old;
    if (old !== mask) {
      m.mustWrite = mask;
      inst.updated = true;
    }
    if (old & ~mask & U64) inst.mustWriteDropped = true;
  }
  inst.mustWriteSet[idx] = true;
  lv.writeInsnIdx = 0;
}

/** bpf_commit_stack_write_marks, after each instruction that did not fail. */
export function commitStackWriteMarks(env: Env): void {
  commitWriteMarks(env, env.liveness.curInstance);
}

/** bpf_reset_live_stack_callchain: the call chain changed (a call). */
export function resetLiveStackCallchain(env: Env): void {
  env.liveness.curInstance = null;
}

const fmtCallchain = (c: Callchain): string => `(${c.callsites.slice(0, c.curframe + 1).join(',')})`;

/** bpf_fmt_stack_mask: "-8,-24". */
export function fmtStackMask(mask: bigint): string {
  const out: string[] = [];
  for (let i = 0; i < 64; i++) if (mask & (1n << BigInt(i))) out.push(String(-(i + 1) * 8));
  return out.join(',');
}

function logMaskChange(env: Env, c: Callchain, pfx: string, frame: number, insnIdx: number, old: bigint, next: bigint): void {
  const changed = old ^ next;
  if (!changed) return;
  const ones = next & changed;
  const zeros = ~next & changed & U64;
  let line = `${fmtCallchain(c)} frame ${frame} insn ${insnIdx} `;
  if (ones) line += `+${pfx} ${fmtStackMask(ones)} `;
  if (zeros) line += `-${pfx} ${fmtStackMask(zeros)}`;
  env.verbose(`${line}\n`);
}

function updateInsn(env: Env, inst: Instance, frame: number, insnIdx: number): boolean {
  const succ = successors(env.insns, insnIdx);
  if (!succ.length) return false;
  const m = getMasks(inst, frame, insnIdx)!;
  let after = 0n;
  let acc = U64;
  for (const s of succ) {
    const sm = getMasks(inst, frame, s)!;
    after |= sm.liveBefore;
    acc &= sm.mustWriteAcc;
  }
  acc |= m.mustWrite;
  const before = (after & ~m.mustWrite & U64) | m.mayRead;
  const changed = before !== m.liveBefore || acc !== m.mustWriteAcc;
  if (env.level2 && (m.mayRead || m.mustWrite || insnIdx === inst.callchain.spStarts[inst.callchain.curframe] ||
    env.aux[insnIdx]!.prunePoint)) {
    logMaskChange(env, inst.callchain, 'live', frame, insnIdx, m.liveBefore, before);
    logMaskChange(env, inst.callchain, 'written', frame, insnIdx, m.mustWriteAcc, acc);
  }
  m.liveBefore = before;
  m.mustWriteAcc = acc;
  return changed;
}

function updateInstance(env: Env, inst: Instance): void {
  const c = inst.callchain;
  const start = c.spStarts[c.curframe]!;
  if (inst.mustWriteDropped) {
    for (const arr of inst.frames) arr?.forEach((m) => { m.mustWriteAcc = 0n; });
  }
  const sp = env.subprogOf(start);
  const poStart = env.subprogs[sp]!.postorderStart;
  const poEnd = env.subprogs[sp + 1]?.postorderStart ?? env.postorder.length;
  let cnt = 0;
  let changed: boolean;
  do {
    cnt++;
    changed = false;
    for (let frame = 0; frame <= c.curframe; frame++) {
      if (!inst.frames[frame]) continue;
      for (let i = poStart; i < poEnd; i++) {
        if (updateInsn(env, inst, frame, env.postorder[i]!)) changed = true;
      }
    }
  } while (changed);
  if (env.level2) env.verbose(`${fmtCallchain(c)} live stack update done in ${cnt} iterations\n`);
  if (c.curframe > 0) propagateToOuter(env, inst);
}

function propagateToOuter(env: Env, inst: Instance): void {
  const c = inst.callchain;
  const start = c.spStarts[c.curframe]!;
  const oc: Callchain = { callsites: c.callsites.slice(), spStarts: c.spStarts.slice(), curframe: c.curframe };
  oc.callsites[oc.curframe] = 0;
  oc.spStarts[oc.curframe] = 0;
  oc.curframe--;
  oc.callsites[oc.curframe] = oc.spStarts[oc.curframe]!;
  const outer = lookup(env, oc);
  const callsite = c.callsites[c.curframe - 1]!;
  resetWriteMarks(env, outer, callsite);
  for (let frame = 0; frame < c.curframe; frame++) {
    const m = getMasks(inst, frame, start);
    if (!m) continue;
    env.liveness.writeMasksAcc[frame]! |= m.mustWriteAcc;
    markRead(outer, frame, callsite, m.liveBefore);
  }
  commitWriteMarks(env, outer);
}

/** bpf_update_live_stack: bring every call chain of `st` up to date (on exits and pops). */
export function updateLiveStack(env: Env, st: VerifierState): void {
  env.liveness.curInstance = null;
  for (let frame = st.frames.length - 1; frame >= 0; frame--) {
    const inst = lookup(env, computeCallchain(env, st, frame));
    if (inst.updated) {
      updateInstance(env, inst);
      inst.updated = false;
      inst.mustWriteDropped = false;
    }
  }
}

/**
 * bpf_live_stack_query_init + bpf_stack_slot_alive: whether slot `spi` of frame `frameno` may still
 * be read after `st` stands at `insnIdx` — read before the instruction in the innermost function,
 * or, for an outer frame, live after its call (before it, when the call runs a callback).
 */
export function stackSlotAliveQuery(env: Env, st: VerifierState, insnIdx: number): (frameno: number, spi: number) => boolean {
  const curframe = st.frames.length - 1;
  const instances = st.frames.map((_, f) => lookup(env, computeCallchain(env, st, f)));
  const curInst = instances[curframe]!;
  const liveBefore = (inst: Instance, idx: number, frameno: number, spi: number): boolean => {
    const m = getMasks(inst, frameno, idx);
    return !!m && ((m.liveBefore >> BigInt(spi)) & 1n) === 1n;
  };
  return (frameno, spi) => {
    if (liveBefore(curInst, insnIdx, frameno, spi)) return true;
    for (let i = frameno; i < curframe; i++) {
      const callsite = curInst.callchain.callsites[i]!;
      const at = env.aux[callsite]!.callsCallback ? callsite : callsite + 1;
      if (liveBefore(instances[i]!, at, frameno, spi)) return true;
    }
    return false;
  };
}
