// The mnemonic dialect of uBPF and the bpf_conformance suite: `mov32 %r0, 1`, `ldxw r0, [r1+4]`,
// `jsgt r1, r2, label`, `lock fetch add32 [r10-4], r1`, `lddw r0, 0x1122334455667788`. The
// mnemonics are the instruction table's row names (`add32_imm` → `add32`), so every table row has
// a spelling here without a hand-written list.

import { BPF_ALU, BPF_ALU64, BPF_JMP32 } from '../isa/constants.js';
import { OPS, type OpSpec } from '../isa/table.js';
import type { Cursor } from './cursor.js';
import type { Mem, Size, StmtBody } from './stmt.js';

/** Mnemonic → the table rows it can mean (`add` → add_imm, add_reg). */
const ROWS = new Map<string, OpSpec[]>();
/** `add32`, `fetch_add32`, `xchg` ... → the lock_* row (after `lock`). */
const LOCK_ROWS = new Map<string, OpSpec>();
for (const op of OPS) {
  if (op.kind === 'atomic') { LOCK_ROWS.set(op.name.slice('lock_'.length), op); continue; }
  if (op.kind === 'call_local' || op.kind === 'call_kfunc' || (op.kind === 'lddw' && op.pseudo !== 0)) continue;
  const m = op.name.replace(/_(imm|reg)$/, '');
  const rows = ROWS.get(m);
  if (rows) rows.push(op); else ROWS.set(m, [op]);
}

/** Every mnemonic this dialect knows, for did-you-mean hints. */
export const MNEMONICS: readonly string[] = [...ROWS.keys(), 'lock', 'callx', 'ld_pseudo'];

/** Other assemblers' spellings: `swap16` (bpf_conformance) and `add64`-style names (rbpf). */
function resolveMnemonic(m: string): OpSpec[] | undefined {
  const direct = ROWS.get(m);
  if (direct) return direct;
  const swap = /^swap(16|32|64)$/.exec(m);
  if (swap) return ROWS.get(`bswap${swap[1]}`);
  if (m.endsWith('64')) {
    const rows = ROWS.get(m.slice(0, -2));
    if (rows && rows.every((r) => r.cls === BPF_ALU64 || (r.kind === 'jcond' && r.cls !== BPF_JMP32))) return rows;
  }
  return undefined;
}

export function isMnemonic(word: string): boolean {
  return resolveMnemonic(word) !== undefined || word === 'lock' || word === 'callx' || word === 'ld_pseudo';
}

const USAGE: Record<string, string> = {
  alu: 'dst, src|imm', mov: 'dst, src|imm', neg: 'dst', movsx: 'dst, src', end: 'dst', bswap: 'dst',
  ja: 'target', gotol: 'target', may_goto: 'target', jcond: 'dst, src|imm, target', exit: '',
  lddw: 'dst, imm64|map', ldx: 'dst, [src+off]', ldxsx: 'dst, [src+off]', load_acq: 'dst, [src+off]',
  st: '[dst+off], imm', stx: '[dst+off], src', store_rel: '[dst+off], src', ld_abs: 'imm', ld_ind: 'src, imm',
  atomic: '[dst+off], src',
};

/** Operand count (top-level commas + 1) from the cursor position to the end. */
function countOperands(c: Cursor): number {
  if (c.atEnd()) return 0;
  let n = 1;
  let depth = 0;
  for (let k = c.i; k < c.toks.length; k++) {
    const t = c.toks[k]!;
    if (t.kind !== 'op') continue;
    if (t.text === '[' || t.text === '(') depth++;
    else if (t.text === ']' || t.text === ')') depth--;
    else if (t.text === ',' && depth <= 0) n++;
  }
  return n;
}

function mem(c: Cursor): Mem | undefined {
  const open = c.here();
  if (!c.isOp('[')) return c.expected("a memory operand like [r1+4]");
  c.i++;
  const m = c.baseOffset(open);
  if (!m || !c.expectOp(']')) return undefined;
  return { ...m, span: c.spanFrom(open, c.prev()) };
}

/** Parses the instruction after its mnemonic word (at the cursor). */
export function parseMnemonic(c: Cursor): StmtBody | undefined {
  const mt = c.next()!;
  const mnemonic = mt.text.startsWith('%') ? mt.text : mt.text.toLowerCase();
  if (mnemonic === 'lock') return parseLock(c);
  if (mnemonic === 'ld_pseudo') {
    // llvm-objdump's spelling of an ld_imm64 with a pseudo source: `ld_pseudo r1, 2, 5`.
    const have = countOperands(c);
    if (have !== 3) return c.fail(have === 0 ? c.span(mt) : c.spanFrom(c.here(), c.span(c.toks[c.toks.length - 1]!)), `ld_pseudo takes 3 operands (ld_pseudo dst, src, imm), found ${have}`);
    const dst = c.reg();
    if (!dst || !c.expectOp(',')) return undefined;
    const src = c.imm('the pseudo source (0..6)');
    if (!src || !c.expectOp(',')) return undefined;
    const imm = c.imm('a number');
    if (!imm || !c.expectEnd()) return undefined;
    return { k: 'lddw', dst, src: { kind: 'pseudo', src, imm } };
  }
  if (mnemonic === 'callx') {
    const reg = c.reg();
    if (!reg || !c.expectEnd()) return undefined;
    return { k: 'call', target: { kind: 'reg', reg } };
  }
  const row = resolveMnemonic(mnemonic)?.[0];
  const need = row ? USAGE[row.kind] : undefined;
  // call is parsed by parse-call.ts before mnemonics are looked up; kfunc/local calls and pseudo
  // lddw rows have no mnemonic of their own.
  if (!row || need === undefined) return c.fail(c.span(mt), `${mnemonic} cannot be written in this form`);
  const want = need === '' ? 0 : need.split(',').length;
  const have = countOperands(c);
  if (have !== want) {
    const span = have === 0 ? c.here() : c.spanFrom(c.here(), c.span(c.toks[c.toks.length - 1]!));
    return c.fail(span, `${mnemonic} takes ${want} operand${want === 1 ? '' : 's'} (${mnemonic}${need ? ' ' + need : ''}), found ${have}`);
  }
  const w32 = row.cls === BPF_ALU || row.cls === BPF_JMP32;
  const size = (row.memSize ?? 8) as Size;
  const comma = (): boolean => c.expectOp(',');
  switch (row.kind) {
    case 'alu': case 'mov': {
      const dst = c.reg();
      if (!dst || !comma()) return undefined;
      const src = c.regAt() ? c.reg() : c.imm('a register or a number');
      if (!src || !c.expectEnd()) return undefined;
      return row.kind === 'alu' ? { k: 'alu', op: row.alu!, w32, dst, src } : { k: 'mov', w32, dst, src };
    }
    case 'neg': case 'end': case 'bswap': {
      const dst = c.reg();
      if (!dst || !c.expectEnd()) return undefined;
      return row.kind === 'neg'
        ? { k: 'neg', w32, dst }
        : { k: 'end', order: row.kind === 'bswap' ? 'bswap' : row.name.startsWith('le') ? 'le' : 'be', bits: row.extWidth!, dst };
    }
    case 'movsx': {
      const dst = c.reg();
      if (!dst || !comma()) return undefined;
      const src = c.reg();
      if (!src || !c.expectEnd()) return undefined;
      return { k: 'movsx', w32, ext: row.extWidth!, dst, src };
    }
    case 'ja': case 'gotol': case 'may_goto': {
      const target = c.target();
      if (!target || !c.expectEnd()) return undefined;
      return row.kind === 'may_goto' ? { k: 'may_goto', target } : { k: 'ja', long: row.kind === 'gotol', target };
    }
    case 'jcond': {
      const dst = c.reg();
      if (!dst || !comma()) return undefined;
      const src = c.regAt() ? c.reg() : c.imm('a register or a number');
      if (!src || !comma()) return undefined;
      const target = c.target();
      if (!target || !c.expectEnd()) return undefined;
      return { k: 'jcond', op: row.jmp!, w32, dst, src, target };
    }
    case 'exit':
      return { k: 'exit' };
    case 'lddw': {
      const dst = c.reg();
      if (!dst || !comma()) return undefined;
      const t = c.peek();
      if (t?.kind === 'word' && !c.regAt()) {
        c.i++;
        return c.expectEnd() ? { k: 'lddw', dst, src: { kind: 'name', name: t.text, span: c.span(t) } } : undefined;
      }
      const imm = c.imm('a 64-bit number or a map name');
      if (!imm || !c.expectEnd()) return undefined;
      return { k: 'lddw', dst, src: { kind: 'imm', imm } };
    }
    case 'ldx': case 'ldxsx': case 'load_acq': {
      const dst = c.reg();
      if (!dst || !comma()) return undefined;
      const m = mem(c);
      if (!m || !c.expectEnd()) return undefined;
      return row.kind === 'load_acq' ? { k: 'load_acq', size, dst, mem: m } : { k: 'ldx', size, signed: row.kind === 'ldxsx', dst, mem: m };
    }
    case 'st': {
      const m = mem(c);
      if (!m || !comma()) return undefined;
      const imm = c.imm('a number to store');
      if (!imm || !c.expectEnd()) return undefined;
      return { k: 'st', size, mem: m, imm };
    }
    case 'stx': case 'store_rel': {
      const m = mem(c);
      if (!m || !comma()) return undefined;
      const src = c.reg();
      if (!src || !c.expectEnd()) return undefined;
      return row.kind === 'stx' ? { k: 'stx', size, mem: m, src } : { k: 'store_rel', size, mem: m, src };
    }
    case 'ld_abs': {
      const imm = c.imm('a packet offset');
      if (!imm || !c.expectEnd()) return undefined;
      return { k: 'ld_abs', size, imm };
    }
    case 'ld_ind': {
      const src = c.reg();
      if (!src || !comma()) return undefined;
      const imm = c.imm('a packet offset');
      if (!imm || !c.expectEnd()) return undefined;
      return { k: 'ld_ind', size, src, imm };
    }
    default:
      return c.fail(c.span(mt), `${mnemonic} cannot be written in this form`);
  }
}

/** `lock add [r10-8], r1`, `lock fetch xor32 [r10-4], r1`, `lock cmpxchg [r10-8], r1`. */
function parseLock(c: Cursor): StmtBody | undefined {
  const lockSpan = c.prev();
  let fetch = false;
  if (c.isWord('fetch')) { fetch = true; c.i++; }
  const opTok = c.peek();
  if (opTok?.kind !== 'word') {
    return c.fail(opTok ? c.span(opTok) : lockSpan, 'lock takes an operation and 2 operands (lock [fetch] add|or|and|xor|xchg|cmpxchg[32] [dst+off], src)');
  }
  const name = opTok.text.toLowerCase();
  const row = LOCK_ROWS.get(fetch && !/^(cmp)?xchg/.test(name) ? `fetch_${name}` : name);
  if (!row) return c.fail(c.span(opTok), `unknown atomic operation '${name}'`, 'lock takes add, or, and, xor, xchg or cmpxchg, with a 32 suffix for 4-byte operands');
  c.i++;
  const have = countOperands(c);
  if (have !== 2) {
    return c.fail(have === 0 ? c.span(opTok) : c.spanFrom(c.here(), c.span(c.toks[c.toks.length - 1]!)),
      `lock ${fetch ? 'fetch ' : ''}${name} takes 2 operands ([dst+off], src), found ${have}`);
  }
  const m = mem(c);
  if (!m || !c.expectOp(',')) return undefined;
  const src = c.reg();
  if (!src || !c.expectEnd()) return undefined;
  return { k: 'atomic', op: row.atomicOp!, fetch: row.fetch === true, size: row.memSize as Size, mem: m, src };
}
