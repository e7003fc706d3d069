// The pseudo-C dialect: what llvm-objdump prints and llvm-mc accepts (`r0 = *(u32 *)(r1 + 4)`,
// `if w1 s> 5 goto +2`, `r1 = 0x1122334455667788 ll`), and what the kernel's verifier log and
// `bpftool prog dump xlated` print (`if r0 == 0x0 goto pc+3`, `*(u32 *)(r10 -4) = r1`,
// `r0 = atomic64_fetch_add((u64 *)(r10 -8), r1)`, `r1 = map[id:3]`). Operators come from the
// instruction table's symbols. Calls are parsed by parse-call.ts; prefixes and comments are gone.

import { ALU_OPS, JMP_OPS, type AtomicName } from '../isa/table.js';
import type { Cursor } from './cursor.js';
import type { Imm, LddwSource, Mem, Reg, Size, StmtBody } from './stmt.js';
import type { Span } from './types.js';

const ALU_BY_SYM = new Map(ALU_OPS.map((a) => [a.sym, a.name]));
const JMP_BY_SYM = new Map(JMP_OPS.map((j) => [j.sym, j.name]));

export interface PseudoOptions {
  /** The kernel log's `(18)` says this is an ld_imm64 even without `ll`. */
  lddwOpcode: boolean;
}

/** Parses a whole pseudo-C instruction (the cursor is at its first token). */
export function parsePseudo(c: Cursor, opts: PseudoOptions): StmtBody | undefined {
  const t = c.peek();
  if (!t) return c.expected('an instruction');
  if (t.kind === 'word') {
    switch (t.text) {
      case 'if': return parseIf(c);
      case 'goto': case 'gotol': case 'may_goto': {
        c.i++;
        const target = c.target();
        if (!target || !c.expectEnd()) return undefined;
        return t.text === 'may_goto' ? { k: 'may_goto', target } : { k: 'ja', long: t.text === 'gotol', target };
      }
      case 'exit':
        c.i++;
        return c.expectEnd() ? { k: 'exit' } : undefined;
      case 'lock': return parseLock(c);
      case 'store_release': return parseStoreRelease(c);
    }
    const dst = c.regAt();
    if (dst) {
      c.i++;
      return parseAssign(c, dst, opts);
    }
  }
  if (c.isOp('*')) return parseStore(c);
  return undefined;
}

/** `*(u32 *)(r1 + 4)` after the leading `*`: the size and the address. */
function derefOperand(c: Cursor, start: Span): { size: Size; signed: boolean; mem: Mem } | undefined {
  if (!c.expectOp('(', "'(' and a size, as in *(u32 *)(r1 + 0)")) return undefined;
  const sz = c.sizeWord();
  if (!sz || !c.expectOp('*', "'*' in the cast, as in *(u32 *)") || !c.expectOp(')')) return undefined;
  const open = c.here();
  if (!c.expectOp('(', "'(' and an address, as in (r1 + 0)")) return undefined;
  const mem = c.baseOffset(open);
  if (!mem || !c.expectOp(')')) return undefined;
  return { ...sz, mem: { ...mem, span: c.spanFrom(start, c.prev()) } };
}

/** `(u64 *)(r1 + 0)` as the kernel prints inside atomic calls. */
function castAddress(c: Cursor): { size: Size; mem: Mem } | undefined {
  const start = c.here();
  if (!c.expectOp('(', "'(' and a size, as in (u64 *)(r1 + 0)")) return undefined;
  const sz = c.sizeWord();
  if (!sz || !c.expectOp('*') || !c.expectOp(')')) return undefined;
  if (sz.signed) return c.fail(c.prev(), 'an atomic operand has an unsigned size (u32 or u64)');
  const open = c.here();
  if (!c.expectOp('(')) return undefined;
  const mem = c.baseOffset(open);
  if (!mem || !c.expectOp(')')) return undefined;
  return { size: sz.size, mem: { ...mem, span: c.spanFrom(start, c.prev()) } };
}

function parseIf(c: Cursor): StmtBody | undefined {
  c.i++;
  const dst = c.reg('a register to compare');
  if (!dst) return undefined;
  const opTok = c.peek();
  const op = opTok?.kind === 'op' ? JMP_BY_SYM.get(opTok.text) : undefined;
  if (!op) return c.expected('a comparison (==, !=, >, >=, <, <=, s>, s>=, s<, s<=, &)');
  c.i++;
  const src = c.regAt() ? c.reg() : c.imm('a register or a number');
  if (!src) return undefined;
  if (!c.isWord('goto')) return c.expected("'goto'");
  c.i++;
  const target = c.target();
  if (!target || !c.expectEnd()) return undefined;
  return { k: 'jcond', op, w32: dst.width === 32, dst, src, target };
}

function parseStore(c: Cursor): StmtBody | undefined {
  const start = c.here();
  c.i++;
  const d = derefOperand(c, start);
  if (!d) return undefined;
  if (d.signed) return c.fail(d.mem.span, `stores have unsigned sizes: write *(u${d.size * 8} *)`);
  if (!c.expectOp('=')) return undefined;
  if (c.regAt()) {
    const src = c.reg()!;
    return c.expectEnd() ? { k: 'stx', size: d.size, mem: d.mem, src } : undefined;
  }
  const imm = c.imm('a register or a number to store');
  if (!imm || !c.expectEnd()) return undefined;
  return { k: 'st', size: d.size, mem: d.mem, imm };
}

function parseLock(c: Cursor): StmtBody | undefined {
  c.i++;
  const start = c.here();
  if (!c.isOp('*')) return c.expected("'*', as in lock *(u64 *)(r1 + 0) += r2");
  c.i++;
  const d = derefOperand(c, start);
  if (!d) return undefined;
  if (d.signed) return c.fail(d.mem.span, 'atomic operations have unsigned sizes (u32 or u64)');
  const opTok = c.peek();
  const ops: Record<string, AtomicName> = { '+=': 'add', '|=': 'or', '&=': 'and', '^=': 'xor' };
  const op = opTok?.kind === 'op' ? ops[opTok.text] : undefined;
  if (!op) return c.expected('an atomic operator (+=, |=, &=, ^=)');
  c.i++;
  const src = c.reg();
  if (!src || !c.expectEnd()) return undefined;
  return { k: 'atomic', op, fetch: false, size: d.size, mem: d.mem, src };
}

function parseStoreRelease(c: Cursor): StmtBody | undefined {
  c.i++;
  if (!c.expectOp('(')) return undefined;
  const a = castAddress(c);
  if (!a || !c.expectOp(',')) return undefined;
  const src = c.reg();
  if (!src || !c.expectOp(')') || !c.expectEnd()) return undefined;
  return { k: 'store_rel', size: a.size, mem: a.mem, src };
}

// The atomic calls: the kernel's `atomic64_fetch_add((u64 *)(r1 +0), r2)`, `atomic_xchg(...)`,
// `atomic_cmpxchg(..., r0, r2)` and LLVM's `xchg_64(r1 + 0, r2)`, `cmpxchg32_32(r1 + 0, w0, w2)`.
const KERNEL_ATOMIC = /^atomic(64)?_(?:fetch_(add|and|or|xor)|(xchg)|(cmpxchg))$/;
const LLVM_ATOMIC = /^(xchg|cmpxchg)(?:_64|32_32)$/;

function parseAtomicCall(c: Cursor, dst: Reg, name: string): StmtBody | undefined {
  c.i++;
  if (!c.expectOp('(')) return undefined;
  const k = KERNEL_ATOMIC.exec(name);
  let size: Size;
  let mem: Mem;
  let op: AtomicName;
  if (k) {
    const a = castAddress(c);
    if (!a) return undefined;
    if (k[1] && a.size !== 8) return c.fail(a.mem.span, `${name} works on u64; write atomic_${name.slice(9)} for u32`);
    size = a.size;
    mem = a.mem;
    op = (k[2] ?? k[3] ?? k[4]) as AtomicName;
  } else {
    const llvm = LLVM_ATOMIC.exec(name)!;
    op = llvm[1] as AtomicName;
    size = name.endsWith('32_32') ? 4 : 8;
    const open = c.here();
    const m = c.baseOffset(open);
    if (!m) return undefined;
    mem = m;
  }
  if (!c.expectOp(',')) return undefined;
  let cmp: Reg | undefined;
  if (op === 'cmpxchg') {
    cmp = c.reg('r0 (the value to compare)');
    if (!cmp || !c.expectOp(',')) return undefined;
  }
  const src = c.reg();
  if (!src || !c.expectOp(')') || !c.expectEnd()) return undefined;
  return cmp
    ? { k: 'atomic', op, fetch: true, size, mem, src, dst, cmp }
    : { k: 'atomic', op, fetch: true, size, mem, src, dst };
}

function parseAssign(c: Cursor, dst: Reg, opts: PseudoOptions): StmtBody | undefined {
  const opTok = c.peek();
  if (opTok?.kind === 'op' && opTok.text !== '=') {
    const op = ALU_BY_SYM.get(opTok.text);
    if (!op) return c.expected("'=' or an ALU operator (+=, -=, *=, /=, s/=, %=, s%=, |=, &=, ^=, <<=, >>=, s>>=)");
    c.i++;
    const src = c.regAt() ? c.reg() : c.imm('a register or a number');
    if (!src || !c.expectEnd()) return undefined;
    return { k: 'alu', op, w32: dst.width === 32, dst, src };
  }
  if (!c.expectOp('=', "'=' or an ALU operator")) return undefined;
  const w32 = dst.width === 32;
  const t = c.peek();
  if (!t) return c.expected('a value');

  // r1 = r2
  if (c.regAt()) {
    const src = c.reg()!;
    return c.expectEnd() ? { k: 'mov', w32, dst, src } : undefined;
  }
  // r1 = -r1
  if (c.isOp('-') && c.regAt(1)) {
    c.i++;
    const src = c.reg()!;
    return c.expectEnd() ? { k: 'neg', w32, dst, src } : undefined;
  }
  // r1 = 5, r1 = 0x1122334455667788 ll
  if (c.startsImm()) {
    const imm = c.imm();
    if (!imm) return undefined;
    if (c.isWord('ll')) {
      c.i++;
      return c.expectEnd() ? { k: 'lddw', dst, src: { kind: 'imm', imm } } : undefined;
    }
    if (!c.expectEnd()) return undefined;
    return opts.lddwOpcode ? { k: 'lddw', dst, src: { kind: 'imm', imm } } : { k: 'mov', w32, dst, src: imm };
  }
  // r1 = (s16)r2
  if (c.isOp('(')) {
    c.i++;
    const sz = c.sizeWord();
    if (!sz) return undefined;
    if (!sz.signed) return c.fail(c.prev(), `a sign-extending move casts to a signed type: (s${sz.size * 8})`);
    if (!c.expectOp(')')) return undefined;
    const src = c.reg();
    if (!src || !c.expectEnd()) return undefined;
    return { k: 'movsx', w32, ext: sz.size * 8, dst, src };
  }
  // r1 = *(u32 *)(r2 + 4), r0 = *(u8 *)skb[14], r0 = *(u16 *)skb[r1 + 14]
  if (c.isOp('*')) {
    const start = c.here();
    c.i++;
    if (c.isOp('(') && c.peek(1)?.kind === 'word' && c.isOp('*', 2) && c.isOp(')', 3) && c.isWord('skb', 4)) {
      c.i++;
      const sz = c.sizeWord();
      if (!sz) return undefined;
      if (sz.signed) return c.fail(c.prev(), `legacy packet loads have unsigned sizes: write *(u${sz.size * 8} *)skb[...]`);
      c.i += 2;
      return parseSkb(c, dst, sz.size);
    }
    const d = derefOperand(c, start);
    if (!d || !c.expectEnd()) return undefined;
    return { k: 'ldx', size: d.size, signed: d.signed, dst, mem: d.mem };
  }
  if (t.kind === 'word') {
    // r1 = be16 r1, r1 = bswap64 r1
    const end = /^(le|be|bswap)(16|32|64)$/.exec(t.text);
    if (end) {
      c.i++;
      const src = c.reg();
      if (!src || !c.expectEnd()) return undefined;
      return { k: 'end', order: end[1] as 'le' | 'be' | 'bswap', bits: Number(end[2]), dst, src };
    }
    if (KERNEL_ATOMIC.test(t.text) || LLVM_ATOMIC.test(t.text)) return parseAtomicCall(c, dst, t.text);
    if (t.text === 'load_acquire') {
      c.i++;
      if (!c.expectOp('(')) return undefined;
      const a = castAddress(c);
      if (!a || !c.expectOp(')') || !c.expectEnd()) return undefined;
      return { k: 'load_acq', size: a.size, dst, mem: a.mem };
    }
    if (t.text === 'map' && c.isOp('[', 1)) return parseMapId(c, dst);
    if (t.text === 'subprog' && c.isOp('[', 1)) {
      c.i += 2;
      const off = c.imm('a relative offset, as in subprog[+3]');
      if (!off || !c.expectOp(']') || !c.expectEnd()) return undefined;
      return { k: 'lddw', dst, src: { kind: 'subprog', off } };
    }
    if (t.text === 'addr_space_cast') {
      return c.fail(c.span(t), 'addr_space_cast (arena pointers) is not supported by bpfiddle');
    }
    // r1 = NAME ll
    if (c.isWord('ll', 1)) {
      c.i += 2;
      return c.expectEnd() ? { k: 'lddw', dst, src: { kind: 'name', name: t.text, span: c.span(t) } } : undefined;
    }
    return c.fail(c.span(t), `expected a register, a number or an expression, found '${t.text}'`,
      /^[A-Za-z_]\w*$/.test(t.text) ? `to load a map or function address write \`${dst.text} = ${t.text} ll\`` : undefined);
  }
  if (c.isOp('&')) return c.fail(c.here(), 'per-CPU address moves (&(void __percpu *)) are not supported by bpfiddle');
  return c.expected('a register, a number or an expression');
}

/** After `*(uN *)`: `skb[14]`, `skb[r1 + 14]`, `skb[r1]`. */
function parseSkb(c: Cursor, dst: Reg, size: Size): StmtBody | undefined {
  c.i++; // skb
  if (!c.expectOp('[')) return undefined;
  if (c.regAt()) {
    const src = c.reg()!;
    let imm: Imm = { value: 0n, hex: false, span: src.span };
    if (c.isOp('+') || c.isOp('-')) {
      const sign = c.next()!;
      const v = c.imm('an offset');
      if (!v) return undefined;
      imm = { ...v, value: sign.text === '-' ? -v.value : v.value };
    }
    if (!c.expectOp(']') || !c.expectEnd()) return undefined;
    return { k: 'ld_ind', size, src, imm, dst };
  }
  const imm = c.imm('a packet offset');
  if (!imm || !c.expectOp(']') || !c.expectEnd()) return undefined;
  return { k: 'ld_abs', size, imm, dst };
}

/** bpftool's `map[id:3]` and `map[id:3][0]+16` (a pointer into the value), where the id may be a
 * name; the kernel's `map[idx:1]` and `map[idx:1]+16` (maps by index). Offsets print with %d. */
function parseMapId(c: Cursor, dst: Reg): StmtBody | undefined {
  const start = c.here();
  c.i += 2; // map [
  const byIndex = c.isWord('idx');
  if ((!c.isWord('id') && !byIndex) || !c.isOp(':', 1)) return c.expected("'id:' or 'idx:', as in map[id:3]");
  c.i += 2;
  const idTok = c.peek();
  if (!idTok || (idTok.kind !== 'num' && (idTok.kind !== 'word' || byIndex))) return c.expected(byIndex ? 'a map index' : 'a map id or name');
  const index = byIndex ? c.imm('a map index') : undefined;
  if (byIndex && !index) return undefined;
  if (!byIndex) c.i++;
  if (!c.expectOp(']')) return undefined;
  let value = false;
  let off = 0n;
  if (!byIndex && c.isOp('[')) {
    c.i++;
    const zero = c.imm('0');
    if (!zero || !c.expectOp(']')) return undefined;
    if (zero.value !== 0n) return c.fail(zero.span, 'only [0] is valid: a map value pointer names element 0');
    value = true;
    if (!c.isOp('+')) return c.expected("'+' and an offset into the value");
  }
  if (c.isOp('+')) {
    c.i++;
    const o = c.imm('an offset into the value');
    if (!o) return undefined;
    value = true;
    off = o.value;
  }
  if (!c.expectEnd()) return undefined;
  const span = c.spanFrom(start, c.prev());
  if (index) return { k: 'lddw', dst, src: { kind: 'mapidx', index, value, off, span } };
  return { k: 'lddw', dst, src: { kind: 'mapid', id: idTok.text, numeric: idTok.kind === 'num', value, off, span } };
}
