// The machine state both engines execute on, and everything about it that is not the
// instruction semantics: registers as int32 pairs, call frames, the memory map, the run's input
// (context, packet, mem), the hooks, and the undo journal that makes stepping back possible.
//
// The journal is a flat Int32Array of entries (each starts with a tag word); per step, `SP`
// holds the pc the step started at and `SJ` where its entries begin. Undoing a step replays
// its entries backwards. Per ordinary step this costs 8 bytes plus 12 for a register write.

import { MAX_CALL_FRAMES } from '../isa/constants.js';
import type { Insn } from '../isa/insn.js';
import { decode, type Decoded } from './decode.js';
import {
  CTX_ADDRESS, FRAME_STRIDE, Memory, MEM_ADDRESS, PACKET_ADDRESS, Region, STACK_HI, STACK_TOP_LO, hexAddr, toBig,
  type Access,
} from './memory.js';
import {
  BPF_MAX_LOOPS, DEFAULT_MAX_STEPS, type CallbackThen, type CtxEnv, type HelperHost, type MapHost, type PacketApi,
  type RunInput, type RunOptions, type TailCallHost, type VmApi, type VmFault,
} from './types.js';

export const STACK_SIZE = 512;
const DEFAULT_HEADROOM = 256;

// Journal entry tags (low 8 bits of an entry's first word).
export const T_REG = 1;    // [tag | reg << 8, oldLo, oldHi]
export const T_MEM = 2;    // [tag | size << 8, regionId, offset, oldLo, oldHi]
export const T_PUSH = 3;   // [tag, oldRet, oldCallPc, oldSaved x8, oldBudget]: undo pops a frame
export const T_POP = 4;    // [tag]: undo re-enters the frame that returned
export const T_BUDGET = 5; // [tag, oldBudget] of the current frame's may_goto budget
export const T_CB = 6;     // [tag, index into undoFns]
export const T_OUT = 7;    // [tag]: undo drops the last output line
export const T_TAIL = 8;   // [tag, oldProgIndex, oldTailCount]
export const T_NEXT = 9;   // [tag]: the rest of this chunk is unused; continue in the next one
/** Words per entry, by tag. */
export const ENTRY_LEN: readonly number[] = [0, 3, 5, 12, 1, 2, 2, 1, 3, 1];
/** Journal chunk size: 2^18 words (1 MiB). */
export const JSHIFT = 18;
export const JCHUNK = 1 << JSHIFT;
const JMASK = JCHUNK - 1;
/** Most journal words one instruction writes outside helpers (an exit restoring 5 registers). */
export const MAX_WORDS_PER_STEP = 24;

export { GO, EXITED, FAULTED } from './codes.js';

/** A frame running a helper's callback (bpf_loop): what to do when it exits. */
export interface Continuation {
  readonly then: CallbackThen;
  /** Slot of the helper call that started the callbacks. */
  readonly callPc: number;
}

export interface PacketState {
  buf: Uint8Array;
  /** Offsets into buf. */
  meta: number;
  data: number;
  end: number;
  region: Region;
}

export class Machine {
  prog: Decoded;
  /** Programs reachable by tail calls (index 0 is the entry program). */
  progs: Decoded[];
  progIndex = 0;
  tailCount = 0;
  /** r0..r10 as (lo, hi) int32 pairs: R[2n] low word, R[2n+1] high word. */
  readonly R = new Int32Array(22);
  pc = 0;
  steps = 0;
  /** Stop before executing step number `limit` (engines check `steps >= limit`). */
  limit: number;
  readonly maxSteps: number;
  /** Current call frame (0 = main program). */
  depth = 0;
  readonly frameRet = new Int32Array(MAX_CALL_FRAMES);
  readonly frameCallPc = new Int32Array(MAX_CALL_FRAMES);
  /** Caller's r6..r9 (lo, hi) saved when frame i was entered: 8 words per frame. */
  readonly frameSaved = new Int32Array(MAX_CALL_FRAMES * 8);
  /** may_goto budget per frame. */
  readonly frameBudget = new Int32Array(MAX_CALL_FRAMES);
  /** Frames running a helper's callback: their continuation (null for ordinary frames). An exit
   * from such a frame goes back to the helper instead of to frameRet. */
  readonly frameCont: (Continuation | null)[] = new Array<Continuation | null>(MAX_CALL_FRAMES).fill(null);
  /** Stop when an exit returns to a frame below this depth (step out / step over). */
  stopDepth = -1;

  readonly mem = new Memory();
  readonly stack: Region[] = [];
  ctxRegion: Region | null = null;
  packet: PacketState | null = null;
  memRegion: Region | null = null;
  readonly env: CtxEnv | null;

  readonly output: string[] = [];
  fault: VmFault | null = null;
  exited = false;

  readonly helpers: HelperHost | null;
  readonly maps: MapHost | null;
  readonly tailCalls: TailCallHost | null;
  readonly strictAlignment: boolean;

  // Recording. The journal is a list of fixed-size chunks (no copying as it grows); `J` is the
  // current chunk, `j` the next free word in it, `jbase` the chunk's first global position.
  // SJ holds global positions. An entry never straddles chunks: a T_NEXT word ends a chunk early.
  rec = false;
  SP: Int32Array = new Int32Array(0);
  SJ: Int32Array = new Int32Array(0);
  J: Int32Array = new Int32Array(0);
  j = 0;
  jbase = 0;
  private chunks: Int32Array[] = [];
  readonly undoFns: (() => void)[] = [];

  /** Slow-path results handed back to generated code. */
  cache: Region | null = null;

  constructor(insns: readonly Insn[], input: RunInput = {}, opts: RunOptions = {}) {
    this.prog = decode(insns, opts.callx ?? false);
    this.progs = [this.prog];
    this.maxSteps = opts.maxSteps ?? DEFAULT_MAX_STEPS;
    this.limit = this.maxSteps;
    this.helpers = opts.helpers ?? null;
    this.maps = opts.maps ?? null;
    this.tailCalls = opts.tailCalls ?? null;
    this.strictAlignment = opts.strictAlignment ?? false;

    for (let d = 0; d < MAX_CALL_FRAMES; d++) {
      const fp = toBig(STACK_TOP_LO - d * FRAME_STRIDE, STACK_HI);
      const r = this.mem.add(`stack frame ${d}`, 'stack', fp - BigInt(STACK_SIZE), new Uint8Array(STACK_SIZE), true);
      r.setActive(d === 0);
      this.stack.push(r);
    }
    if (input.packet) {
      const head = input.packet.headroom ?? DEFAULT_HEADROOM;
      const tail = input.packet.tailroom ?? 0;
      const meta = input.packet.meta ?? new Uint8Array(0);
      const n = input.packet.bytes.length;
      const buf = new Uint8Array(head + n + tail);
      const data = Math.max(head, meta.length);
      buf.set(meta, data - meta.length);
      buf.set(input.packet.bytes, data);
      // The region is what the program may touch: data_meta .. data_end.
      const start = data - meta.length;
      const region = this.mem.add('packet', 'packet', PACKET_ADDRESS + BigInt(start), buf.subarray(start, data + n), true);
      this.packet = { buf, meta: start, data, end: data + n, region };
    }
    if (input.mem) {
      this.memRegion = this.mem.add('mem', 'mem', MEM_ADDRESS, input.mem.slice(), true);
    }
    if (input.ctx) {
      const spec = input.ctx;
      const bytes = new Uint8Array(spec.size);
      if (spec.init) bytes.set(spec.init.subarray(0, spec.size));
      const r = this.mem.add(spec.name, 'ctx', CTX_ADDRESS, bytes, true);
      r.hook = spec;
      r.refresh();
      this.ctxRegion = r;
    }
    this.env = this.ctxRegion ? this.makeEnv(this.ctxRegion) : null;
    this.maps?.setup?.(this.mem);
    this.reset();
  }

  /** Registers, frames and pc back to the program's entry state (memory is left alone). */
  private reset(): void {
    this.R.fill(0);
    if (this.ctxRegion) {
      this.R[2] = this.ctxRegion.lo;
      this.R[3] = this.ctxRegion.hi;
    } else if (this.memRegion) {
      this.R[2] = this.memRegion.lo;
      this.R[3] = this.memRegion.hi;
      this.R[4] = this.memRegion.size;
    }
    this.R[20] = STACK_TOP_LO;
    this.R[21] = STACK_HI;
    this.frameBudget[0] = BPF_MAX_LOOPS;
  }

  private makeEnv(ctx: Region): CtxEnv {
    const m = this;
    const pk = (off: (p: PacketState) => number): bigint =>
      m.packet ? PACKET_ADDRESS + BigInt(off(m.packet)) : 0n;
    return {
      get bytes() { return ctx.u8; },
      get packetData() { return pk((p) => p.data); },
      get packetEnd() { return pk((p) => p.end); },
      get packetMeta() { return pk((p) => p.meta); },
      get packetLength() { return m.packet ? m.packet.end - m.packet.data : 0; },
      get ctxAddress() { return ctx.address; },
    };
  }

  // -------------------------------------------------------------------------------------------
  // Registers as bigint (for the reference interpreter and the API).

  get(r: number): bigint {
    return toBig(this.R[2 * r]!, this.R[2 * r + 1]!);
  }

  /** Set register r, journaling the old value. */
  set(r: number, v: bigint): void {
    if (this.rec) this.logReg(r);
    this.R[2 * r] = Number(BigInt.asIntN(32, v));
    this.R[2 * r + 1] = Number(BigInt.asIntN(32, v >> 32n));
  }

  // -------------------------------------------------------------------------------------------
  // Journal

  startRecording(): void {
    if (this.rec) return;
    this.rec = true;
    const n = Math.min(Math.max(this.maxSteps + 1, 16), 1 << 16);
    this.SP = new Int32Array(n);
    this.SJ = new Int32Array(n);
    this.chunks = [new Int32Array(JCHUNK)];
    this.J = this.chunks[0]!;
    this.j = 0;
    this.jbase = 0;
  }

  /** Global journal position of the next entry. */
  jpos(): number {
    return this.jbase + this.j;
  }

  /** Journal word at global position p. */
  word(p: number): number {
    return this.chunks[p >>> JSHIFT]![p & JMASK]!;
  }

  /** Global positions of the entries in [from, to). */
  entries(from: number, to: number): number[] {
    const out: number[] = [];
    let p = from;
    while (p < to) {
      const w = this.word(p);
      if ((w & 0xff) === T_NEXT) { p = ((p >>> JSHIFT) + 1) << JSHIFT; continue; }
      out.push(p);
      p += ENTRY_LEN[w & 0xff]!;
    }
    return out;
  }

  /** Make room for one more step (SP/SJ) and MAX_WORDS_PER_STEP journal words. */
  grow(): void {
    if (this.steps + 1 >= this.SP.length) {
      const n = Math.max(1024, this.SP.length * 4);
      const sp = new Int32Array(n); sp.set(this.SP); this.SP = sp;
      const sj = new Int32Array(n); sj.set(this.SJ); this.SJ = sj;
    }
    this.need(MAX_WORDS_PER_STEP);
  }

  /** Make room for `words` more journal words in the current chunk (switching chunks if needed). */
  private need(words: number): void {
    if (this.j + words + 1 + MAX_WORDS_PER_STEP <= JCHUNK) return;
    if (words + 1 + MAX_WORDS_PER_STEP > JCHUNK) throw new Error(`journal entry of ${words} words`);
    this.J[this.j] = T_NEXT;
    const c = (this.jbase >>> JSHIFT) + 1;
    this.chunks[c] ??= new Int32Array(JCHUNK);
    this.J = this.chunks[c]!;
    this.jbase = c << JSHIFT;
    this.j = 0;
  }

  /** Move the write position back to global position p (after undoing what followed it). */
  private rewind(p: number): void {
    const c = p >>> JSHIFT;
    this.J = this.chunks[c]!;
    this.jbase = c << JSHIFT;
    this.j = p & JMASK;
  }

  /** Called before an instruction executes while recording. */
  beginStep(): void {
    if (this.steps + 1 >= this.SP.length || this.j + MAX_WORDS_PER_STEP + 1 > JCHUNK - MAX_WORDS_PER_STEP) this.grow();
    this.SP[this.steps] = this.pc;
    this.SJ[this.steps] = this.jbase + this.j;
  }

  logReg(r: number): void {
    this.need(3);
    const J = this.J;
    J[this.j] = T_REG | (r << 8);
    J[this.j + 1] = this.R[2 * r]!;
    J[this.j + 2] = this.R[2 * r + 1]!;
    this.j += 3;
  }

  /** Journal the current contents of `size` (<= 8) bytes at `off` of region `r`. */
  logMem(r: Region, off: number, size: number): void {
    this.need(5);
    const J = this.J;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < size; i++) {
      const b = r.u8[off + i]!;
      if (i < 4) lo |= b << (8 * i); else hi |= b << (8 * (i - 4));
    }
    J[this.j] = T_MEM | (size << 8);
    J[this.j + 1] = r.id;
    J[this.j + 2] = off;
    J[this.j + 3] = lo;
    J[this.j + 4] = hi;
    this.j += 5;
  }

  private logWord(tag: number, ...words: number[]): void {
    this.need(words.length + 1);
    this.J[this.j++] = tag;
    for (const w of words) this.J[this.j++] = w;
  }

  /** Undo the last recorded step. The caller guarantees steps > 0 and recording was on throughout. */
  undoStep(): void {
    const n = this.steps - 1;
    const from = this.SJ[n]!;
    const offsets = this.entries(from, this.jpos());
    for (let k = offsets.length - 1; k >= 0; k--) this.undoEntry(offsets[k]!);
    this.rewind(from);
    this.pc = this.SP[n]!;
    this.steps = n;
    this.fault = null;
    this.exited = false;
  }

  private undoEntry(g: number): void {
    const J = this.chunks[g >>> JSHIFT]!;
    const p = g & JMASK;
    const w = J[p]!;
    switch (w & 0xff) {
      case T_REG: {
        const r = w >>> 8;
        this.R[2 * r] = J[p + 1]!;
        this.R[2 * r + 1] = J[p + 2]!;
        return;
      }
      case T_MEM: {
        const size = w >>> 8;
        const r = this.mem.all[J[p + 1]!]!;
        const off = J[p + 2]!;
        for (let i = 0; i < size; i++) {
          r.u8[off + i] = i < 4 ? (J[p + 3]! >>> (8 * i)) & 0xff : (J[p + 4]! >>> (8 * (i - 4))) & 0xff;
        }
        return;
      }
      case T_PUSH: {
        const d = this.depth;
        this.stack[d]!.setActive(false);
        this.frameRet[d] = J[p + 1]!;
        this.frameCallPc[d] = J[p + 2]!;
        for (let i = 0; i < 8; i++) this.frameSaved[d * 8 + i] = J[p + 3 + i]!;
        this.frameBudget[d] = J[p + 11]!;
        this.depth = d - 1;
        return;
      }
      case T_POP:
        this.depth++;
        this.stack[this.depth]!.setActive(true);
        return;
      case T_BUDGET:
        this.frameBudget[this.depth] = J[p + 1]!;
        return;
      case T_CB:
        this.undoFns[J[p + 1]!]!();
        this.undoFns.length = J[p + 1]!;
        return;
      case T_OUT:
        this.output.pop();
        return;
      case T_TAIL:
        this.progIndex = J[p + 1]!;
        this.prog = this.progs[this.progIndex]!;
        this.tailCount = J[p + 2]!;
        return;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Frames

  /** Enter a bpf-to-bpf call: the caller's r6-r9 are saved, the callee gets a fresh frame. */
  pushFrame(callPc: number, retPc: number): void {
    const d = this.depth + 1;
    if (this.rec) {
      const old = [this.frameRet[d]!, this.frameCallPc[d]!];
      for (let i = 0; i < 8; i++) old.push(this.frameSaved[d * 8 + i]!);
      old.push(this.frameBudget[d]!);
      this.logWord(T_PUSH, ...old);
      this.logReg(10);
    }
    this.frameRet[d] = retPc;
    this.frameCallPc[d] = callPc;
    for (let i = 0; i < 8; i++) this.frameSaved[d * 8 + i] = this.R[12 + i]!;
    this.frameBudget[d] = BPF_MAX_LOOPS;
    this.depth = d;
    this.stack[d]!.setActive(true);
    this.R[20] = STACK_TOP_LO - d * FRAME_STRIDE;
    this.R[21] = STACK_HI;
  }

  /** Return from the current frame (depth > 0); r6-r9 and r10 are the caller's again. */
  popFrame(): number {
    const d = this.depth;
    if (this.rec) {
      for (let r = 6; r <= 10; r++) this.logReg(r);
      this.logWord(T_POP);
    }
    for (let i = 0; i < 8; i++) this.R[12 + i] = this.frameSaved[d * 8 + i]!;
    this.stack[d]!.setActive(false);
    this.depth = d - 1;
    this.R[20] = STACK_TOP_LO - (d - 1) * FRAME_STRIDE;
    this.R[21] = STACK_HI;
    return this.frameRet[d]!;
  }

  /** Set frame d's continuation (journaled). */
  setCont(d: number, c: Continuation | null): void {
    const old = this.frameCont[d]!;
    if (old === c) return;
    if (this.rec) {
      this.logWord(T_CB, this.undoFns.length);
      this.undoFns.push(() => { this.frameCont[d] = old; });
    }
    this.frameCont[d] = c;
  }

  setBudget(v: number): void {
    if (this.rec) this.logWord(T_BUDGET, this.frameBudget[this.depth]!);
    this.frameBudget[this.depth] = v;
  }

  // -------------------------------------------------------------------------------------------
  // Memory access (slow path; the engines inline the common case)

  private memFault(pc: number, lo: number, hi: number, size: number, access: Access, found: Region | null): void {
    this.fault = this.mem.faultFor(pc, toBig(lo, hi), size, access, found);
  }

  private misaligned(pc: number, lo: number, hi: number, size: number, access: Access, r: Region): boolean {
    if (!this.strictAlignment || (lo & (size - 1)) === 0) return false;
    this.fault = {
      pc, kind: 'misaligned', address: toBig(lo, hi), size, region: r.name,
      message: `misaligned ${access} of ${size} bytes at ${hexAddr(toBig(lo, hi))}`,
    };
    return true;
  }

  /** Load `size` bytes (zero-extended) at (lo, hi); null after setting `fault`. */
  load(pc: number, lo: number, hi: number, size: 1 | 2 | 4 | 8): bigint | null {
    const r = this.mem.lookup(lo, hi, size);
    if (!r) { this.memFault(pc, lo, hi, size, 'read', null); return null; }
    if (this.misaligned(pc, lo, hi, size, 'read', r)) return null;
    const off = (lo - r.lo) >>> 0;
    if (r.hook) {
      this.cache = null;
      const res = r.hook.load(off, size, this.env!);
      if (!res.ok) { this.ctxFault(pc, lo, hi, size, r, res.message); return null; }
      return BigInt.asUintN(64, res.value);
    }
    this.cache = r;
    switch (size) {
      case 1: return BigInt(r.dv.getUint8(off));
      case 2: return BigInt(r.dv.getUint16(off, true));
      case 4: return BigInt(r.dv.getUint32(off, true));
      default: return r.dv.getBigUint64(off, true);
    }
  }

  /** Store the low `size` bytes of v at (lo, hi); false after setting `fault`. */
  store(pc: number, lo: number, hi: number, size: 1 | 2 | 4 | 8, v: bigint): boolean {
    const r = this.mem.lookup(lo, hi, size);
    if (!r) { this.memFault(pc, lo, hi, size, 'write', null); return false; }
    if (this.misaligned(pc, lo, hi, size, 'write', r)) return false;
    const off = (lo - r.lo) >>> 0;
    if (r.hook) {
      this.cache = null;
      const before = this.rec ? r.u8.slice() : null;
      const res = r.hook.store(off, size, v, this.env!);
      if (!res.ok) {
        if (before) r.u8.set(before);
        this.ctxFault(pc, lo, hi, size, r, res.message);
        return false;
      }
      if (before) {
        for (let i = 0; i < before.length; i++) {
          if (before[i] !== r.u8[i]) {
            const now = r.u8[i]!;
            r.u8[i] = before[i]!;
            this.logMem(r, i, 1);
            r.u8[i] = now;
          }
        }
      }
      return true;
    }
    if (!r.writable) { this.memFault(pc, lo, hi, size, 'write', r); return false; }
    this.cache = r;
    if (this.rec) this.logMem(r, off, size);
    switch (size) {
      case 1: r.dv.setUint8(off, Number(v & 0xffn)); break;
      case 2: r.dv.setUint16(off, Number(v & 0xffffn), true); break;
      case 4: r.dv.setUint32(off, Number(v & 0xffffffffn), true); break;
      default: r.dv.setBigUint64(off, BigInt.asUintN(64, v), true); break;
    }
    return true;
  }

  private ctxFault(pc: number, lo: number, hi: number, size: number, r: Region, message: string): void {
    this.fault = { pc, kind: 'ctx_access', address: toBig(lo, hi), size, region: r.name, message };
  }

  setFault(pc: number, kind: VmFault['kind'], message: string): void {
    this.fault = { pc, kind, address: null, size: 0, region: null, message };
  }

  /** Byte-wise read for helpers (any readable region, including the context's backing bytes). */
  readBytes(addr: bigint, len: number): Uint8Array | VmFault {
    const out = new Uint8Array(len);
    let done = 0;
    while (done < len) {
      const a = BigInt.asUintN(64, addr + BigInt(done));
      const lo = Number(BigInt.asIntN(32, a));
      const hi = Number(BigInt.asIntN(32, a >> 32n));
      const r = this.mem.lookup(lo, hi, 1);
      if (!r) return this.mem.faultFor(this.pc, a, len - done, 'read', null);
      const off = (lo - r.lo) >>> 0;
      const n = Math.min(len - done, r.size - off);
      out.set(r.u8.subarray(off, off + n), done);
      done += n;
    }
    return out;
  }

  writeBytes(addr: bigint, bytes: Uint8Array): VmFault | null {
    let done = 0;
    while (done < bytes.length) {
      const a = BigInt.asUintN(64, addr + BigInt(done));
      const lo = Number(BigInt.asIntN(32, a));
      const hi = Number(BigInt.asIntN(32, a >> 32n));
      const r = this.mem.lookup(lo, hi, 1);
      if (!r) return this.mem.faultFor(this.pc, a, bytes.length - done, 'write', null);
      if (!r.writable || r.hook) return this.mem.faultFor(this.pc, a, bytes.length - done, 'write', r);
      const off = (lo - r.lo) >>> 0;
      const n = Math.min(bytes.length - done, r.size - off);
      if (this.rec) for (let k = 0; k < n; k += 8) this.logMem(r, off + k, Math.min(8, n - k));
      r.u8.set(bytes.subarray(done, done + n), off);
      done += n;
    }
    return null;
  }

  // -------------------------------------------------------------------------------------------
  // Helper API

  /** The helper API for a call at `pc` (a continuation passes the call that started it). */
  api(pc = this.pc): VmApi {
    const m = this;
    const callStack = [pc];
    for (let d = m.depth; d > 0; d--) callStack.push(m.frameCont[d] ? m.frameCont[d]!.callPc : m.frameCallPc[d]!);
    return {
      pc,
      steps: m.steps,
      callStack,
      packet: m.packet ? m.packetApi(m.packet) : null,
      reg: (i: number) => m.get(i),
      read: (addr, len) => m.readBytes(addr, len),
      write: (addr, bytes) => m.writeBytes(addr, bytes),
      print: (line) => {
        if (m.rec) m.logWord(T_OUT);
        m.output.push(line);
      },
      onUndo: (undo) => {
        if (!m.rec) return;
        m.logWord(T_CB, m.undoFns.length);
        m.undoFns.push(undo);
      },
      memory: m.mem,
      env: m.env,
    };
  }

  private packetApi(p: PacketState): PacketApi {
    const m = this;
    return {
      get buffer() { return p.buf; },
      get meta() { return p.meta; },
      get data() { return p.data; },
      get end() { return p.end; },
      setBounds(meta, data, end) {
        if (!(0 <= meta && meta <= data && data <= end && end <= p.buf.length)) {
          throw new RangeError(`packet bounds ${meta}..${data}..${end} outside a ${p.buf.length}-byte buffer`);
        }
        const old = [p.meta, p.data, p.end] as const;
        if (m.rec) {
          m.logWord(T_CB, m.undoFns.length);
          m.undoFns.push(() => m.movePacket(p, ...old));
        }
        m.movePacket(p, meta, data, end);
      },
      write(offset, bytes) {
        if (offset < 0 || offset + bytes.length > p.buf.length) throw new RangeError('packet write outside the buffer');
        if (m.rec) {
          const old = p.buf.slice(offset, offset + bytes.length);
          m.logWord(T_CB, m.undoFns.length);
          m.undoFns.push(() => p.buf.set(old, offset));
        }
        p.buf.set(bytes, offset);
      },
    };
  }

  private movePacket(p: PacketState, meta: number, data: number, end: number): void {
    p.meta = meta;
    p.data = data;
    p.end = end;
    p.region.rebase(PACKET_ADDRESS + BigInt(meta), p.buf.subarray(meta, end));
  }

  logTail(): void {
    if (this.rec) this.logWord(T_TAIL, this.progIndex, this.tailCount);
  }

  /** Switch to another program for a tail call (same frame, same registers). */
  switchProgram(insns: readonly Insn[]): void {
    this.logTail();
    let idx = this.progs.findIndex((p) => p.insns === insns);
    if (idx < 0) { this.progs.push(decode(insns)); idx = this.progs.length - 1; }
    this.progIndex = idx;
    this.prog = this.progs[idx]!;
    this.tailCount++;
  }

  /** The packet after the run (data .. end). */
  packetBytes(): Uint8Array | null {
    return this.packet ? this.packet.buf.slice(this.packet.data, this.packet.end) : null;
  }

  /** The metadata after the run (meta .. data). */
  metaBytes(): Uint8Array | null {
    return this.packet ? this.packet.buf.slice(this.packet.meta, this.packet.data) : null;
  }
}
