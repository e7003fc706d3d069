// The interpreter used where generated code is not allowed (a Content-Security-Policy without
// 'unsafe-eval'): one `switch` over pre-decoded handler numbers, registers as int32 pairs in the
// machine's Int32Array. Like the compiled engine it handles the common instructions itself and
// passes the rest (calls, exits, atomics, byte swaps, odd memory accesses) to the reference
// interpreter one step at a time. Same stop rules and recording as the compiled engine.

import { validTarget, type Decoded } from './decode.js';
import { GO, BREAK, STEPOUT, SWITCH_PROG } from './codes.js';
import type { Machine } from './machine.js';
import type { Region } from './memory.js';
import { refStep } from './ref.js';
import { aluIndex, div64 } from './int64.js';

// Handler numbers. ALU: base + index of the op in ALU_NAMES.
const SLOW = 0;
const ALU64K = 1;
const ALU64X = 14;
const ALU32K = 27;
const ALU32X = 40;
const MOV64K = 53;
const MOV64X = 54;
const MOV32K = 55;
const MOV32X = 56;
const NEG64 = 57;
const NEG32 = 58;
const J64K = 60;
const J64X = 71;
const J32K = 82;
const J32X = 93;
const JA = 104;
const LDDW = 105;
const LDX = 106; // + log2(size)
const LDXSX = 110; // + log2(size), sizes 1..4
const ST = 113; // + log2(size)
const STX = 117; // + log2(size)
const JMP_NAMES = ['jeq', 'jgt', 'jge', 'jset', 'jne', 'jsgt', 'jsge', 'jlt', 'jle', 'jslt', 'jsle'];
const LOG2: Record<number, number> = { 1: 0, 2: 1, 4: 2, 8: 3 };

interface Pre {
  op: Uint8Array;
  dst: Uint8Array;
  src: Uint8Array;
  off: Int32Array;
  imm: Int32Array;
  /** High word of the 64-bit operand (imm >> 31, or the second ld_imm64 slot's imm). */
  hi: Int32Array;
  /** Jump target of jumps. */
  target: Int32Array;
}

const memo = new WeakMap<Decoded, Pre>();

function predecode(d: Decoded): Pre {
  const cached = memo.get(d);
  if (cached) return cached;
  const n = d.len;
  const p: Pre = {
    op: new Uint8Array(n), dst: new Uint8Array(n), src: new Uint8Array(n), off: new Int32Array(n),
    imm: new Int32Array(n), hi: new Int32Array(n), target: new Int32Array(n),
  };
  for (let pc = 0; pc < n; pc++) {
    const row = d.rows[pc];
    const i = d.insns[pc]!;
    p.dst[pc] = i.dst & 15;
    p.src[pc] = i.src & 15;
    p.off[pc] = i.off;
    p.imm[pc] = i.imm;
    p.hi[pc] = i.imm >> 31;
    if (!row) continue;
    const next = row.kind === 'lddw' ? pc + 2 : pc + 1;
    const t = pc + 1 + i.off;
    p.target[pc] = t;
    if (!validTarget(d, next) && row.kind !== 'ja' && row.kind !== 'gotol') continue; // the slow path reports it
    const w64 = row.width === 64;
    switch (row.kind) {
      case 'alu': p.op[pc] = (w64 ? (row.useSrcReg ? ALU64X : ALU64K) : (row.useSrcReg ? ALU32X : ALU32K)) + aluIndex(row.alu!); break;
      case 'mov': p.op[pc] = w64 ? (row.useSrcReg ? MOV64X : MOV64K) : (row.useSrcReg ? MOV32X : MOV32K); break;
      case 'neg': p.op[pc] = w64 ? NEG64 : NEG32; break;
      case 'jcond':
        if (validTarget(d, t)) p.op[pc] = (w64 ? (row.useSrcReg ? J64X : J64K) : (row.useSrcReg ? J32X : J32K)) + JMP_NAMES.indexOf(row.jmp!);
        break;
      case 'ja': if (validTarget(d, t)) p.op[pc] = JA; break;
      case 'gotol':
        p.target[pc] = pc + 1 + i.imm;
        if (validTarget(d, pc + 1 + i.imm)) p.op[pc] = JA;
        break;
      case 'lddw':
        if (row.pseudo === 0) { p.op[pc] = LDDW; p.hi[pc] = d.insns[pc + 1]!.imm; }
        break;
      case 'ldx': case 'load_acq': p.op[pc] = LDX + LOG2[row.memSize!]!; break;
      case 'ldxsx': p.op[pc] = LDXSX + LOG2[row.memSize!]!; break;
      case 'st': p.op[pc] = ST + LOG2[row.memSize!]!; break;
      case 'stx': case 'store_rel': p.op[pc] = STX + LOG2[row.memSize!]!; break;
      default: p.op[pc] = SLOW;
    }
  }
  memo.set(d, p);
  return p;
}

const ult = (a: number, b: number): boolean => (a >>> 0) < (b >>> 0);

/** Run until the limit, a breakpoint, a step out, an exit or a fault; returns a stop code. */
export function interpret(m: Machine, bps: ReadonlySet<number>): number {
  const p = predecode(m.prog);
  const { op, dst, src, off, imm, hi, target } = p;
  const R = m.R;
  const cache: (Region | null)[] = new Array<Region | null>(m.prog.len).fill(null);
  const n0 = m.steps;
  const checkBps = bps.size > 0;
  const rec = m.rec;
  const prog = m.progIndex;
  let pc = m.pc;
  let n = m.steps;
  let al = 0;
  let ah = 0;
  for (;;) {
    if (n >= m.limit) break;
    if (checkBps && n !== n0 && bps.has(pc)) { m.pc = pc; m.steps = n; return BREAK; }
    const h = op[pc]!;
    if (h === SLOW) {
      m.pc = pc;
      m.steps = n;
      const depth = m.depth;
      const st = refStep(m);
      if (st !== GO) return st;
      pc = m.pc;
      n = m.steps;
      if (m.depth < depth && m.depth < m.stopDepth) return STEPOUT;
      if (m.progIndex !== prog) return SWITCH_PROG;
      continue;
    }
    const d = 2 * dst[pc]!;
    const s = 2 * src[pc]!;
    if (rec) { m.pc = pc; m.steps = n; m.beginStep(); }
    if (h < MOV64K) {
      // Binary ALU: operand b (bl, bh), then dst = dst OP b.
      let bl: number;
      let bh: number;
      const k = h < ALU64X ? h - ALU64K : h < ALU32K ? h - ALU64X : h < ALU32X ? h - ALU32K : h - ALU32X;
      const byReg = (h >= ALU64X && h < ALU32K) || h >= ALU32X;
      if (byReg) { bl = R[s]!; bh = R[s + 1]!; } else { bl = imm[pc]!; bh = hi[pc]!; }
      if (rec) m.logReg(d >> 1);
      const a = R[d]!;
      if (h < ALU32K) alu64(R, d, k, bl, bh);
      else { R[d] = alu32(k, a, bl); R[d + 1] = 0; }
      n++; pc++;
      continue;
    }
    switch (h) {
      case MOV64K: if (rec) m.logReg(d >> 1); R[d] = imm[pc]!; R[d + 1] = hi[pc]!; n++; pc++; continue;
      case MOV64X: if (rec) m.logReg(d >> 1); R[d] = R[s]!; R[d + 1] = R[s + 1]!; n++; pc++; continue;
      case MOV32K: if (rec) m.logReg(d >> 1); R[d] = imm[pc]!; R[d + 1] = 0; n++; pc++; continue;
      case MOV32X: if (rec) m.logReg(d >> 1); R[d] = R[s]!; R[d + 1] = 0; n++; pc++; continue;
      case NEG64: {
        if (rec) m.logReg(d >> 1);
        const lo = R[d]!;
        R[d] = -lo | 0;
        R[d + 1] = (lo === 0 ? -R[d + 1]! : ~R[d + 1]!) | 0;
        n++; pc++; continue;
      }
      case NEG32: if (rec) m.logReg(d >> 1); R[d] = -R[d]! | 0; R[d + 1] = 0; n++; pc++; continue;
      case JA: n++; pc = target[pc]!; continue;
      case LDDW: if (rec) m.logReg(d >> 1); R[d] = imm[pc]!; R[d + 1] = hi[pc]!; n++; pc += 2; continue;
    }
    if (h >= J64K && h < JA) {
      let k: number;
      let w64: boolean;
      let bl: number;
      let bh: number;
      if (h < J64X) { k = h - J64K; w64 = true; bl = imm[pc]!; bh = hi[pc]!; }
      else if (h < J32K) { k = h - J64X; w64 = true; bl = R[s]!; bh = R[s + 1]!; }
      else if (h < J32X) { k = h - J32K; w64 = false; bl = imm[pc]!; bh = 0; }
      else { k = h - J32X; w64 = false; bl = R[s]!; bh = 0; }
      n++;
      pc = taken(k, w64, R[d]!, R[d + 1]!, bl, bh) ? target[pc]! : pc + 1;
      continue;
    }
    // Loads and stores: the slot's cached region, or the slow path.
    const load = h < ST;
    const base = load ? s : d;
    const o16 = off[pc]!;
    al = (R[base]! + o16) | 0;
    ah = (R[base + 1]! + (o16 >> 31) + (ult(al, R[base]!) ? 1 : 0)) | 0;
    const size = 1 << (load ? (h < LDXSX ? h - LDX : h - LDXSX) : (h < STX ? h - ST : h - STX));
    const r = cache[pc] ?? null;
    const o = r === null ? 0 : (al - r.lo) >>> 0;
    if (r === null || ah !== r.hi || o + size > (load ? r.rlen : r.wlen) || (m.strictAlignment && (al & (size - 1)) !== 0)) {
      m.pc = pc;
      m.steps = n;
      const st = refStep(m);
      cache[pc] = m.cache;
      if (st !== GO) return st;
      pc = m.pc;
      n = m.steps;
      continue;
    }
    const dv = r.dv;
    if (load) {
      if (rec) m.logReg(d >> 1);
      if (h < LDXSX) {
        switch (size) {
          case 1: R[d] = dv.getUint8(o); R[d + 1] = 0; break;
          case 2: R[d] = dv.getUint16(o, true); R[d + 1] = 0; break;
          case 4: R[d] = dv.getInt32(o, true); R[d + 1] = 0; break;
          default: R[d] = dv.getInt32(o, true); R[d + 1] = dv.getInt32(o + 4, true); break;
        }
      } else {
        const v = size === 1 ? dv.getInt8(o) : size === 2 ? dv.getInt16(o, true) : dv.getInt32(o, true);
        R[d] = v;
        R[d + 1] = v >> 31;
      }
    } else {
      if (rec) m.logMem(r, o, size);
      const vl = h < STX ? imm[pc]! : R[s]!;
      const vh = h < STX ? hi[pc]! : R[s + 1]!;
      switch (size) {
        case 1: dv.setUint8(o, vl & 0xff); break;
        case 2: dv.setUint16(o, vl & 0xffff, true); break;
        case 4: dv.setInt32(o, vl, true); break;
        default: dv.setInt32(o, vl, true); dv.setInt32(o + 4, vh, true); break;
      }
    }
    n++;
    pc++;
  }
  m.pc = pc;
  m.steps = n;
  return GO;
}

function alu64(R: Int32Array, d: number, k: number, bl: number, bh: number): void {
  const al = R[d]!;
  const ah = R[d + 1]!;
  let lo: number;
  let hi: number;
  switch (k) {
    case 0: lo = (al + bl) | 0; hi = (ah + bh + (ult(lo, al) ? 1 : 0)) | 0; break;
    case 1: lo = (al - bl) | 0; hi = (ah - bh - (ult(al, bl) ? 1 : 0)) | 0; break;
    case 2: {
      const a0 = al & 0xffff, a1 = al >>> 16, b0 = bl & 0xffff, b1 = bl >>> 16;
      const t = a0 * b0;
      const m1 = a1 * b0 + (t >>> 16);
      const m2 = a0 * b1 + (m1 & 0xffff);
      hi = (a1 * b1 + (m1 >>> 16) + (m2 >>> 16) + Math.imul(al, bh) + Math.imul(ah, bl)) | 0;
      lo = Math.imul(al, bl);
      break;
    }
    case 3: case 4: case 9: case 10: {
      const q = div64(k, al, ah, bl, bh);
      lo = q[0]!; hi = q[1]!;
      break;
    }
    case 5: lo = al | bl; hi = ah | bh; break;
    case 6: lo = al & bl; hi = ah & bh; break;
    case 11: lo = al ^ bl; hi = ah ^ bh; break;
    default: {
      const sh = bl & 63;
      if (sh === 0) { lo = al; hi = ah; }
      else if (k === 7) {
        if (sh < 32) { hi = (ah << sh) | (al >>> (32 - sh)); lo = al << sh; } else { hi = al << (sh - 32); lo = 0; }
      } else if (k === 8) {
        if (sh < 32) { lo = (al >>> sh) | (ah << (32 - sh)); hi = (ah >>> sh) | 0; } else { lo = (ah >>> (sh - 32)) | 0; hi = 0; }
      } else {
        if (sh < 32) { lo = (al >>> sh) | (ah << (32 - sh)); hi = ah >> sh; } else { lo = ah >> (sh - 32); hi = ah >> 31; }
      }
    }
  }
  R[d] = lo;
  R[d + 1] = hi;
}

function alu32(k: number, a: number, b: number): number {
  switch (k) {
    case 0: return (a + b) | 0;
    case 1: return (a - b) | 0;
    case 2: return Math.imul(a, b);
    case 3: return (b >>> 0) === 0 ? 0 : (((a >>> 0) / (b >>> 0)) >>> 0) | 0;
    case 4: return b === 0 ? 0 : (a / b) | 0;
    case 5: return a | b;
    case 6: return a & b;
    case 7: return a << (b & 31);
    case 8: return (a >>> (b & 31)) | 0;
    case 9: return (b >>> 0) === 0 ? a : ((a >>> 0) % (b >>> 0)) | 0;
    case 10: return b === 0 ? a : (a % b) | 0;
    case 11: return a ^ b;
    default: return a >> (b & 31);
  }
}

function taken(k: number, w64: boolean, al: number, ah: number, bl: number, bh: number): boolean {
  if (!w64) {
    switch (k) {
      case 0: return al === bl;
      case 1: return (al >>> 0) > (bl >>> 0);
      case 2: return (al >>> 0) >= (bl >>> 0);
      case 3: return (al & bl) !== 0;
      case 4: return al !== bl;
      case 5: return al > bl;
      case 6: return al >= bl;
      case 7: return (al >>> 0) < (bl >>> 0);
      case 8: return (al >>> 0) <= (bl >>> 0);
      case 9: return al < bl;
      default: return al <= bl;
    }
  }
  switch (k) {
    case 0: return al === bl && ah === bh;
    case 4: return al !== bl || ah !== bh;
    case 3: return (al & bl) !== 0 || (ah & bh) !== 0;
  }
  // Ordered comparisons: by the high words (signed or unsigned), then the low words unsigned.
  const signed = k === 5 || k === 6 || k === 9 || k === 10;
  const c = ah === bh ? ((al >>> 0) === (bl >>> 0) ? 0 : (al >>> 0) > (bl >>> 0) ? 1 : -1)
    : signed ? (ah > bh ? 1 : -1) : ((ah >>> 0) > (bh >>> 0) ? 1 : -1);
  switch (k) {
    case 1: case 5: return c > 0;
    case 2: case 6: return c >= 0;
    case 7: case 9: return c < 0;
    default: return c <= 0;
  }
}

