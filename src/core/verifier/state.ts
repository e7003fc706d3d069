// The verifier's state on one path (struct bpf_verifier_state / bpf_func_state): the call frames
// (registers and stack of each) and the acquired references. States are immutable and share
// unchanged parts, so the path tree can keep one per instruction at little cost, and state
// pruning (part 2) can keep checkpoints without copying. `Cur` is the walk's handle on the current
// state: its setters build new states, copying only the frame and array they touch.

import { NOT_INIT, ptrReg, type Reg } from './regs.js';
import { EMPTY_SLOT, type Slot } from './stack.js';

export interface Frame {
  /** r0..r10. */
  readonly regs: readonly Reg[];
  /** Allocated stack slots, index 0 = fp-8 (grows as the program touches deeper bytes). */
  readonly stack: readonly Slot[];
  /** 0 for the main program, n for the n-th nested call. */
  readonly frameno: number;
  /** The subprogram this frame runs (index into the subprogram list). */
  readonly subprog: number;
  /** The caller's call instruction, -1 in frame 0. */
  readonly callsite: number;
  /** A callback frame (bpf_loop and friends): R0 must be in callbackRet at its exit. */
  readonly inCallback: boolean;
  readonly callbackRet: { readonly min: bigint; readonly max: bigint } | null;
  /** Callback iterations simulated from this frame's current call (callback_depth; bpf_loop stops at R1's bound). */
  readonly callbackDepth: number;
}

/** One acquired reference (a ringbuf record): released by submit/discard. */
export interface RefState {
  readonly id: number;
  /** The instruction that acquired it. */
  readonly insnIdx: number;
}

/** One linked register of a jump history entry (struct linked_reg): a register or a stack slot. */
export interface LinkedRegRef {
  readonly frame: number;
  readonly isReg: boolean;
  /** The register number, or the stack slot (spi). */
  readonly idx: number;
}

/**
 * struct bpf_jmp_history_entry: an instruction whose predecessor was not simply the one before
 * it, or that spilled/filled a stack slot (flags, precision.ts), or that tied linked registers
 * together. A persistent list, newest first, so queued branches share their history.
 */
export interface JmpHistEntry {
  readonly idx: number;
  readonly prevIdx: number;
  readonly flags: number;
  readonly linked: readonly LinkedRegRef[] | null;
  readonly prev: JmpHistEntry | null;
}

export interface VerifierState {
  readonly frames: readonly Frame[];
  readonly refs: readonly RefState[];
  /** Entries in the jump history since the last checkpoint (struct bpf_verifier_state's jmp_history_cnt). */
  readonly jmpHistoryCnt: number;
  /** The entries themselves, newest first (absent: none). */
  readonly jmpHistory?: JmpHistEntry | null;
  /** may_goto fall-throughs taken on this path (may_goto_depth). */
  readonly mayGotoDepth: number;
  /** Callback bodies entered on this path (callback_unroll_depth). */
  readonly callbackUnrollDepth: number;
}

export const curFrame = (st: VerifierState): Frame => st.frames[st.frames.length - 1]!;

/** init_func_state: all registers NOT_INIT except the frame pointer. */
export function newFrame(frameno: number, subprog: number, callsite: number): Frame {
  const regs: Reg[] = [NOT_INIT, NOT_INIT, NOT_INIT, NOT_INIT, NOT_INIT, NOT_INIT, NOT_INIT, NOT_INIT, NOT_INIT, NOT_INIT,
    ptrReg('stack', { frameno })];
  return { regs, stack: [], frameno, subprog, callsite, inCallback: false, callbackRet: null, callbackDepth: 0 };
}

// Object literals in one field order rather than spreads: V8 (Node 20) copies these objects
// several times faster so, and nearly every instruction makes a new state and frame. The
// helpers must name every field of VerifierState and Frame (the check below fails to compile
// otherwise).
type StateKey = 'frames' | 'refs' | 'jmpHistoryCnt' | 'jmpHistory' | 'mayGotoDepth' | 'callbackUnrollDepth';
type FrameKey = 'regs' | 'stack' | 'frameno' | 'subprog' | 'callsite' | 'inCallback' | 'callbackRet' | 'callbackDepth';
const keysCovered: [keyof VerifierState] extends [StateKey] ? ([keyof Frame] extends [FrameKey] ? true : never) : never = true;
void keysCovered;

/** `{ ...st, frames }`. */
export function withFrames(st: VerifierState, frames: readonly Frame[]): VerifierState {
  return {
    frames, refs: st.refs, jmpHistoryCnt: st.jmpHistoryCnt, jmpHistory: st.jmpHistory, mayGotoDepth: st.mayGotoDepth,
    callbackUnrollDepth: st.callbackUnrollDepth,
  };
}

/** `{ ...st, jmpHistory, jmpHistoryCnt }`. */
function withJmpHistory(st: VerifierState, jmpHistory: JmpHistEntry | null | undefined, jmpHistoryCnt: number): VerifierState {
  return {
    frames: st.frames, refs: st.refs, jmpHistoryCnt, jmpHistory, mayGotoDepth: st.mayGotoDepth,
    callbackUnrollDepth: st.callbackUnrollDepth,
  };
}

/** `{ ...f, regs, stack }`. */
export function withRegsStack(f: Frame, regs: readonly Reg[], stack: readonly Slot[]): Frame {
  return {
    regs, stack, frameno: f.frameno, subprog: f.subprog, callsite: f.callsite, inCallback: f.inCallback,
    callbackRet: f.callbackRet, callbackDepth: f.callbackDepth,
  };
}

/** The walk's mutable handle on an immutable state. */
export class Cur {
  constructor(public st: VerifierState) {}

  get curframe(): number { return this.st.frames.length - 1; }
  get frame(): Frame { return this.st.frames[this.st.frames.length - 1]!; }
  reg(i: number, frame = this.curframe): Reg { return this.st.frames[frame]!.regs[i]!; }

  setFrame(fi: number, f: Frame): void {
    const frames = this.st.frames.slice();
    frames[fi] = f;
    this.st = withFrames(this.st, frames);
  }

  setReg(i: number, r: Reg, fi = this.curframe): void {
    const f = this.st.frames[fi]!;
    if (f.regs[i] === r) return;
    const regs = f.regs.slice();
    regs[i] = r;
    this.setFrame(fi, withRegsStack(f, regs, f.stack));
  }

  setSlot(fi: number, spi: number, slot: Slot): void {
    const f = this.st.frames[fi]!;
    const stack = f.stack.slice();
    while (stack.length <= spi) stack.push(EMPTY_SLOT);
    stack[spi] = slot;
    this.setFrame(fi, withRegsStack(f, f.regs, stack));
  }

  /** grow_stack_state: make sure `slots` slots exist (returns true when it grew). */
  growStack(fi: number, slots: number): boolean {
    const f = this.st.frames[fi]!;
    if (f.stack.length >= slots) return false;
    const stack = f.stack.slice();
    while (stack.length < slots) stack.push(EMPTY_SLOT);
    this.setFrame(fi, withRegsStack(f, f.regs, stack));
    return true;
  }

  pushFrame(f: Frame): void { this.st = withFrames(this.st, [...this.st.frames, f]); }
  popFrame(): void { this.st = withFrames(this.st, this.st.frames.slice(0, -1)); }
  setRefs(refs: readonly RefState[]): void { this.st = { ...this.st, refs }; }
  setJmpHistoryCnt(n: number): void { this.st = withJmpHistory(this.st, this.st.jmpHistory, n); }
  setJmpHistory(h: JmpHistEntry | null, cnt: number): void { this.st = withJmpHistory(this.st, h, cnt); }
  set(fields: Partial<Pick<VerifierState, 'mayGotoDepth' | 'callbackUnrollDepth'>>): void { this.st = { ...this.st, ...fields }; }

  /** bpf_for_each_reg_in_vstate: apply `fn` to every register and spilled register of every frame. */
  mapRegs(fn: (r: Reg, frame: number) => Reg): void {
    let frames: Frame[] | null = null;
    this.st.frames.forEach((f, fi) => {
      let regs: Reg[] | null = null;
      f.regs.forEach((r, i) => {
        const n = fn(r, fi);
        if (n !== r) (regs ??= f.regs.slice())[i] = n;
      });
      let stack: Slot[] | null = null;
      f.stack.forEach((s, spi) => {
        if (!s.spilled || s.types[7] !== 'r') return;
        const n = fn(s.spilled, fi);
        if (n !== s.spilled) (stack ??= f.stack.slice())[spi] = { ...s, spilled: n };
      });
      if (regs || stack) (frames ??= this.st.frames.slice())[fi] = withRegsStack(f, regs ?? f.regs, stack ?? f.stack);
    });
    if (frames) this.st = withFrames(this.st, frames);
  }
}
