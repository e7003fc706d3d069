// Precision tracking as Linux 6.18 does it (kernel/bpf/verifier.c: __mark_chain_precision,
// backtrack_insn, propagate_precision, mark_all_scalars_precise). A scalar matters for state
// pruning only once its exact value influenced a check (a known branch outcome, a pointer offset,
// a helper's size argument ...). At that point the walk backtracks from the current instruction
// through the jump history of the current state and then of each parent checkpoint, with one
// register bitmask and one stack-slot bitmask per call frame, and marks every register and spilled
// slot the value came from `precise` in the checkpoints (never in the current state: the kernel
// only needs the marks where states are compared later). regsafe then ignores imprecise scalars.
//
// The masks are plain 32-bit numbers (registers; stack slots in two halves), so a backtrack
// allocates nothing but the marked checkpoints' new states.

import {
  BPF_ABS, BPF_ALU, BPF_ALU64, BPF_ATOMIC, BPF_CALL, BPF_END, BPF_EXIT, BPF_IND, BPF_JMP, BPF_JMP32, BPF_LD, BPF_LDX,
  BPF_LOAD_ACQ, BPF_MOV, BPF_NEG, BPF_PSEUDO_CALL, BPF_PSEUDO_KFUNC_CALL, BPF_ST, BPF_STX, BPF_X, bpfClass, bpfMode, bpfOp, bpfSrc,
} from '../isa/constants.js';
import type { Insn } from '../isa/insn.js';
import { helperIdByName } from '../helpers/ids.js';
import { EFAULT, ENOTSUPP, MAX_CALL_FRAMES, type Env, type Ret } from './env.js';
import { insnText } from './insn-text.js';
import { formatState } from './log.js';
import type { Reg } from './regs.js';
import type { Slot } from './stack.js';
import type { Frame, JmpHistEntry, VerifierState } from './state.js';

// enum { INSN_F_... } of bpf_verifier.h: what a jump history entry says about its instruction.
export const INSN_F_FRAMENO_MASK = 0x7;
export const INSN_F_SPI_MASK = 0x3f;
export const INSN_F_SPI_SHIFT = 3;
export const INSN_F_STACK_ACCESS = 1 << 9;
export const INSN_F_DST_REG_STACK = 1 << 10;
export const INSN_F_SRC_REG_STACK = 1 << 11;

/** insn_stack_access_flags: a spill or fill of slot `spi` of frame `frameno`. */
export const insnStackAccessFlags = (frameno: number, spi: number): number =>
  INSN_F_STACK_ACCESS | (spi << INSN_F_SPI_SHIFT) | frameno;

const BPF_REGMASK_ARGS = 0x3e; // r1-r5

/**
 * A state on the chain backtracking walks: the current state or a checkpoint (whose `st` the
 * marks replace). firstIdx/lastIdx are the state's first_insn_idx and last_insn_idx, insnIdx the
 * instruction it stands at.
 */
export interface ChainState {
  st: VerifierState;
  readonly firstIdx: number;
  readonly lastIdx: number;
  readonly insnIdx: number;
  readonly parent: ChainState | null;
}

/** struct backtrack_state: registers and stack slots still to be explained, per frame. */
export class Backtrack {
  frame = 0;
  readonly regs = new Int32Array(MAX_CALL_FRAMES);
  /** Stack slots 0..31 and 32..63 (bit i: fp-(i+1)*8). */
  readonly lo = new Int32Array(MAX_CALL_FRAMES);
  readonly hi = new Int32Array(MAX_CALL_FRAMES);

  reset(): void {
    this.frame = 0;
    this.regs.fill(0);
    this.lo.fill(0);
    this.hi.fill(0);
  }
  empty(): boolean {
    for (let i = 0; i <= this.frame; i++) if (this.regs[i] || this.lo[i] || this.hi[i]) return false;
    return true;
  }
  setReg(fr: number, r: number): void { this.regs[fr]! |= 1 << r; }
  clearReg(fr: number, r: number): void { this.regs[fr]! &= ~(1 << r); }
  isReg(fr: number, r: number): boolean { return (this.regs[fr]! & (1 << r)) !== 0; }
  setSlot(fr: number, spi: number): void {
    if (spi < 32) this.lo[fr]! |= 1 << spi;
    else this.hi[fr]! |= 1 << (spi - 32);
  }
  clearSlot(fr: number, spi: number): void {
    if (spi < 32) this.lo[fr]! &= ~(1 << spi);
    else this.hi[fr]! &= ~(1 << (spi - 32));
  }
  isSlot(fr: number, spi: number): boolean {
    return spi < 32 ? (this.lo[fr]! & (1 << spi)) !== 0 : (this.hi[fr]! & (1 << (spi - 32))) !== 0;
  }
  stackEmpty(fr: number): boolean { return !this.lo[fr] && !this.hi[fr]; }
}

/** fmt_reg_mask: "r0,r2,r4". */
export function fmtRegMask(mask: number): string {
  let out = '';
  for (let i = 0; i < 32; i++) if (mask & (1 << i)) out += `${out ? ',' : ''}r${i}`;
  return out;
}

/** bpf_fmt_stack_mask: "-8,-24,-40". */
export function fmtStackMask(lo: number, hi: number): string {
  let out = '';
  for (let i = 0; i < 64; i++) {
    const set = i < 32 ? lo & (1 << i) : hi & (1 << (i - 32));
    if (set) out += `${out ? ',' : ''}${-(i + 1) * 8}`;
  }
  return out;
}

const isPseudoCall = (insn: Insn): boolean => insn.code === (BPF_JMP | BPF_CALL) && insn.src === BPF_PSEUDO_CALL;

/** is_sync_callback_calling_function: helpers that call their callback before returning. */
const SYNC_CALLBACK_HELPERS = new Set(
  ['loop', 'for_each_map_elem', 'find_vma', 'user_ringbuf_drain'].map((n) => helperIdByName(n)!),
);
const isSyncCallbackCallingInsn = (insn: Insn): boolean =>
  insn.code === (BPF_JMP | BPF_CALL) && insn.src === 0 && SYNC_CALLBACK_HELPERS.has(insn.imm);

/** A state whose registers and spilled scalars at `marks` (per frame) become precise; null when nothing changes. */
function withPrecise(st: VerifierState, fr: number, regMask: number, slots: readonly number[]): VerifierState | null {
  const f = st.frames[fr]!;
  let regs: Reg[] | null = null;
  for (let i = 0; i < 11; i++) {
    if (!(regMask & (1 << i))) continue;
    (regs ??= f.regs.slice())[i] = { ...f.regs[i]!, precise: true };
  }
  let stack: Slot[] | null = null;
  for (const spi of slots) {
    const s = f.stack[spi]!;
    (stack ??= f.stack.slice())[spi] = { ...s, spilled: { ...s.spilled!, precise: true } };
  }
  if (!regs && !stack) return null;
  const frames = st.frames.slice();
  frames[fr] = { ...f, regs: regs ?? f.regs, stack: stack ?? f.stack } as Frame;
  return { ...st, frames };
}

/** The walk's precision tracker (env->bt and the functions around it). */
export class Precision {
  readonly bt = new Backtrack();

  constructor(private readonly env: Env) {}

  /** bt_sync_linked_regs: when one register of a linked set must be precise, all of them must. */
  private syncLinked(hist: JmpHistEntry | null): void {
    const linked = hist?.linked;
    if (!linked) return;
    const bt = this.bt;
    const some = linked.some((e) => (e.isReg ? bt.isReg(e.frame, e.idx) : bt.isSlot(e.frame, e.idx)));
    if (!some) return;
    for (const e of linked) {
      if (e.isReg) bt.setReg(e.frame, e.idx);
      else bt.setSlot(e.frame, e.idx);
    }
  }

  private bug(msg: string): Ret {
    this.env.err(`verifier bug: ${msg}`);
    return EFAULT;
  }

  /**
   * backtrack_insn: what instruction `idx` needs precise before it, given what is needed after it
   * (the masks). `subseqIdx` is the instruction that ran after it.
   */
  backtrackInsn(idx: number, subseqIdx: number, hist: JmpHistEntry | null): Ret {
    const { env, bt } = this;
    const insn = env.insns[idx]!;
    if (insn.code === 0) return 0;
    const cls = bpfClass(insn.code);
    const op = bpfOp(insn.code);
    const mode = bpfMode(insn.code);
    const dreg = insn.dst;
    const sreg = insn.src;
    const fr0 = bt.frame;
    if (env.level2) {
      env.verbose(`mark_precise: frame${fr0}: regs=${fmtRegMask(bt.regs[fr0]!)} stack=${fmtStackMask(bt.lo[fr0]!, bt.hi[fr0]!)} ` +
        `before ${idx}: ${insnText(env, idx)}\n`);
    }
    this.syncLinked(hist);
    const fr = bt.frame;
    const flags = hist?.flags ?? 0;
    if (cls === BPF_ALU || cls === BPF_ALU64) {
      if (!bt.isReg(fr, dreg)) return 0;
      if (op === BPF_END || op === BPF_NEG) return 0;
      if (op === BPF_MOV) {
        bt.clearReg(fr, dreg);
        if (bpfSrc(insn.code) === BPF_X && sreg !== 10) bt.setReg(fr, sreg);
      } else if (bpfSrc(insn.code) === BPF_X && sreg !== 10) {
        bt.setReg(fr, sreg);
      }
    } else if (cls === BPF_LDX || (cls === BPF_STX && mode === BPF_ATOMIC && insn.imm === BPF_LOAD_ACQ)) {
      if (!bt.isReg(fr, dreg)) return 0;
      bt.clearReg(fr, dreg);
      // Only a fill from the stack keeps the value; any other load is a fresh scalar.
      if (!(flags & INSN_F_STACK_ACCESS)) return 0;
      bt.setSlot(flags & INSN_F_FRAMENO_MASK, (flags >> INSN_F_SPI_SHIFT) & INSN_F_SPI_MASK);
    } else if (cls === BPF_STX || cls === BPF_ST) {
      if (bt.isReg(fr, dreg)) return ENOTSUPP; // a scalar used as a store's base: pointer subtraction
      if (!(flags & INSN_F_STACK_ACCESS)) return 0;
      const spi = (flags >> INSN_F_SPI_SHIFT) & INSN_F_SPI_MASK;
      const sfr = flags & INSN_F_FRAMENO_MASK;
      if (!bt.isSlot(sfr, spi)) return 0;
      bt.clearSlot(sfr, spi);
      if (cls === BPF_STX) bt.setReg(fr, sreg);
    } else if (cls === BPF_JMP || cls === BPF_JMP32) {
      if (isPseudoCall(insn)) {
        // bpfiddle's subprograms are static: leaving the callee backwards, r1-r5 go to the caller.
        if (bt.regs[fr]! & ~BPF_REGMASK_ARGS) return this.bug(`static subprog unexpected regs ${bt.regs[fr]!.toString(16)}`);
        if (!bt.stackEmpty(fr)) return this.bug('static subprog leftover stack slots');
        for (let i = 1; i <= 5; i++) {
          if (bt.isReg(fr, i)) {
            bt.clearReg(fr, i);
            bt.setReg(fr - 1, i);
          }
        }
        if (bt.frame === 0) return this.bug('subprog exit from frame 0');
        bt.frame--;
        return 0;
      } else if (isSyncCallbackCallingInsn(insn) && idx !== subseqIdx - 1) {
        if (bt.regs[fr]! & ~BPF_REGMASK_ARGS) return this.bug(`callback unexpected regs ${bt.regs[fr]!.toString(16)}`);
        if (!bt.stackEmpty(fr)) return this.bug('callback leftover stack slots');
        for (let i = 1; i <= 5; i++) bt.clearReg(fr, i);
        if (bt.frame === 0) return this.bug('subprog exit from frame 0');
        bt.frame--;
        return 0;
      } else if (op === BPF_CALL) {
        if (insn.src === BPF_PSEUDO_KFUNC_CALL && insn.imm === 0) return ENOTSUPP;
        bt.clearReg(fr, 0);
        if (bt.regs[fr]! & BPF_REGMASK_ARGS) return this.bug(`backtracking call unexpected regs ${bt.regs[fr]!.toString(16)}`);
      } else if (op === BPF_EXIT) {
        if (subseqIdx >= 0 && env.aux[subseqIdx]?.callsCallback) for (let i = 1; i <= 5; i++) bt.clearReg(fr, i);
        if (bt.regs[fr]! & BPF_REGMASK_ARGS) return this.bug(`backtracking exit unexpected regs ${bt.regs[fr]!.toString(16)}`);
        // An exit followed by the instruction after a call returns r0 to the caller; after a callback it does not.
        const r0Precise = subseqIdx - 1 >= 0 && isPseudoCall(env.insns[subseqIdx - 1]!) && bt.isReg(fr, 0);
        bt.clearReg(fr, 0);
        if (bt.frame === MAX_CALL_FRAMES - 1) return this.bug(`subprog enter from frame ${bt.frame}`);
        bt.frame++;
        if (r0Precise) bt.setReg(bt.frame, 0);
        return 0;
      } else if (bpfSrc(insn.code) === BPF_X) {
        if (!bt.isReg(fr, dreg) && !bt.isReg(fr, sreg)) return 0;
        if (!(flags & INSN_F_SRC_REG_STACK)) bt.setReg(fr, sreg);
        if (!(flags & INSN_F_DST_REG_STACK)) bt.setReg(fr, dreg);
      }
    } else if (cls === BPF_LD) {
      if (!bt.isReg(fr, dreg)) return 0;
      bt.clearReg(fr, dreg);
      if (mode === BPF_IND || mode === BPF_ABS) return ENOTSUPP;
    }
    this.syncLinked(hist);
    return 0;
  }

  /**
   * mark_all_scalars_precise: the fallback when backtracking cannot follow a value. Every scalar
   * (and spilled scalar) of every parent of `start` becomes precise.
   */
  markAllScalarsPrecise(start: ChainState): void {
    const { env } = this;
    if (env.level2) env.verbose(`mark_precise: frame${start.st.frames.length - 1}: falling back to forcing all scalars precise\n`);
    for (let cs = start.parent; cs; cs = cs.parent) {
      let st = cs.st;
      for (let i = 0; i < st.frames.length; i++) {
        const f = st.frames[i]!;
        let mask = 0;
        const slots: number[] = [];
        for (let j = 0; j < 10; j++) {
          const r = f.regs[j]!;
          if (r.type !== 'scalar' || r.precise) continue;
          mask |= 1 << j;
          if (env.level2) env.verbose(`force_precise: frame${i}: forcing r${j} to be precise\n`);
        }
        f.stack.forEach((s, j) => {
          if (s.types[7] !== 'r' || !s.spilled || s.spilled.type !== 'scalar' || s.spilled.precise) return;
          slots.push(j);
          if (env.level2) env.verbose(`force_precise: frame${i}: forcing fp${-(j + 1) * 8} to be precise\n`);
        });
        st = withPrecise(st, i, mask, slots) ?? st;
      }
      cs.st = st;
    }
  }

  /**
   * __mark_chain_precision: make register `regno` (when ≥ 0) and whatever the masks already hold
   * precise, backtracking from `start` (which is not marked itself). `changed.v` is set when a
   * checkpoint got a new mark.
   */
  markChainPrecision(start: ChainState, regno: number, changed?: { v: boolean }): Ret {
    const { env, bt } = this;
    let st: ChainState | null = start;
    let firstIdx = start.firstIdx;
    let lastIdx = start.insnIdx;
    let subseqIdx = -1;
    let skipFirst = true;
    bt.frame = start.st.frames.length - 1;
    if (regno >= 0) {
      const reg = start.st.frames[bt.frame]!.regs[regno]!;
      if (reg.type !== 'scalar') return this.bug('backtracking misuse');
      bt.setReg(bt.frame, regno);
    }
    if (bt.empty()) return 0;
    for (;;) {
      let hist: JmpHistEntry | null = st.st.jmpHistory ?? null;
      let cnt = st.st.jmpHistoryCnt;
      if (env.level2) env.verbose(`mark_precise: frame${bt.frame}: last_idx ${lastIdx} first_idx ${firstIdx} subseq_idx ${subseqIdx} \n`);
      if (lastIdx < 0) {
        // At a subprogram's entry: only global functions get here, and bpfiddle has none.
        return this.bug(`backtracking func entry subprog ${st.st.frames[0]!.subprog} reg_mask ${bt.regs[bt.frame]!.toString(16)}`);
      }
      for (let i = lastIdx; ;) {
        let err = 0;
        if (skipFirst) skipFirst = false;
        else err = this.backtrackInsn(i, subseqIdx, cnt > 0 && hist!.idx === i ? hist : null);
        if (err === ENOTSUPP) {
          this.markAllScalarsPrecise(start);
          bt.reset();
          return 0;
        } else if (err) {
          return err;
        }
        if (bt.empty()) return 0;
        subseqIdx = i;
        // get_prev_insn_idx
        if (i === st.firstIdx && (cnt === 0 || (cnt === 1 && hist!.idx === i))) break;
        if (cnt > 0 && hist!.idx === i) {
          i = hist!.prevIdx;
          hist = hist!.prev;
          cnt--;
        } else {
          i--;
        }
        if (i < 0 || i >= env.insns.length) return this.bug(`backtracking idx ${i}`);
      }
      st = st.parent;
      if (!st) break;
      for (let fr = bt.frame; fr >= 0; fr--) {
        const f = st.st.frames[fr];
        if (!f) continue;
        let mark = 0;
        const slots: number[] = [];
        for (let i = 0; i < 11; i++) {
          if (!bt.isReg(fr, i)) continue;
          const reg = f.regs[i]!;
          if (reg.type !== 'scalar' || reg.precise) bt.clearReg(fr, i);
          else mark |= 1 << i;
        }
        if (!bt.stackEmpty(fr)) {
          for (let i = 0; i < 64; i++) {
            if (!bt.isSlot(fr, i)) continue;
            const s = f.stack[i];
            if (!s || s.types[7] !== 'r' || s.spilled?.type !== 'scalar' || s.spilled.precise) bt.clearSlot(fr, i);
            else slots.push(i);
          }
        }
        const next = withPrecise(st.st, fr, mark, slots);
        if (next) {
          st.st = next;
          if (changed) changed.v = true;
        }
        if (env.level2) {
          env.verbose(`mark_precise: frame${fr}: parent state regs=${fmtRegMask(bt.regs[fr]!)} ` +
            `stack=${fmtStackMask(bt.lo[fr]!, bt.hi[fr]!)}: `);
          env.verbose(formatState(st.st, fr, null));
        }
      }
      if (bt.empty()) return 0;
      subseqIdx = firstIdx;
      lastIdx = st.lastIdx;
      firstIdx = st.firstIdx;
    }
    // Something was not found (a stack access through another register): everything precise.
    if (!bt.empty()) {
      this.markAllScalarsPrecise(start);
      bt.reset();
    }
    return 0;
  }

  /**
   * propagate_precision: a state equal to the checkpoint `old` needs precise whatever is precise
   * in `old`, so it is backtracked from `cur` into cur's own parents.
   */
  propagatePrecision(old: VerifierState, cur: ChainState, changed?: { v: boolean }): Ret {
    const { env, bt } = this;
    for (let fr = old.frames.length - 1; fr >= 0; fr--) {
      const f = old.frames[fr]!;
      const log = env.level2;
      let line = '';
      let first = true;
      for (let i = 0; i < 10; i++) {
        const r = f.regs[i]!;
        if (r.type !== 'scalar' || !r.precise) continue;
        if (log) line += first ? `frame ${fr}: propagating r${i}` : `,r${i}`;
        bt.setReg(fr, i);
        first = false;
      }
      for (let i = 0; i < f.stack.length; i++) {
        const s = f.stack[i]!;
        if (s.types[7] !== 'r' || !s.spilled || s.spilled.type !== 'scalar' || !s.spilled.precise) continue;
        if (log) line += first ? `frame ${fr}: propagating fp${(-i - 1) * 8}` : `,fp${(-i - 1) * 8}`;
        bt.setSlot(fr, i);
        first = false;
      }
      if (log) env.verbose(line);
      // The kernel ends the line whenever something was propagated, at every log level.
      if (!first) env.verbose('\n');
    }
    const err = this.markChainPrecision(cur, -1, changed);
    return err < 0 ? err : 0;
  }
}

/** mark_all_scalars_imprecise: forget inherited marks before a state becomes a checkpoint. */
export function allScalarsImprecise(st: VerifierState): VerifierState {
  let frames: Frame[] | null = null;
  st.frames.forEach((f, fi) => {
    let regs: Reg[] | null = null;
    for (let j = 0; j < 10; j++) {
      const r = f.regs[j]!;
      if (r.precise && r.type === 'scalar') (regs ??= f.regs.slice())[j] = { ...r, precise: false };
    }
    let stack: Slot[] | null = null;
    f.stack.forEach((s, j) => {
      if (s.types[7] === 'r' && s.spilled?.precise && s.spilled.type === 'scalar') {
        (stack ??= f.stack.slice())[j] = { ...s, spilled: { ...s.spilled, precise: false } };
      }
    });
    if (regs || stack) (frames ??= st.frames.slice())[fi] = { ...f, regs: regs ?? f.regs, stack: stack ?? f.stack };
  });
  return frames ? { ...st, frames } : st;
}
