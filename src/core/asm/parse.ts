// Source text → lines of data: labels, directives and instruction statements, each with its span.
// Nothing is checked against the instruction table here beyond recognising the syntax; encode.ts
// validates. Per line this strips comments (`;`, `//`, `/* */`, and `#` at line start or after
// whitespace, so the kernel's `call bpf_map_lookup_elem#1` survives), the verifier log's and
// llvm-objdump's `12: (bf) ` / `12:\t bf 16 ...\t` prefixes (remembering index and opcode), and
// llvm-objdump's trailing `<LBB0_6>` annotations; it skips the rest of a pasted verifier log
// (state lines, `from 4 to 6:`, `processed ... insns`), then picks the dialect from the first word.

import { MAP_TYPE_NAMES, PROG_TYPE_ALIASES, PROG_TYPE_NAMES, type AsmError, type MapTypeName, type ProgTypeName, type Span } from './types.js';
import { Cursor, parseReg } from './cursor.js';
import { lex, parseNumber } from './lex.js';
import { parseCall } from './parse-call.js';
import { isMnemonic, MNEMONICS, parseMnemonic } from './parse-mnemonic.js';
import { parsePseudo } from './parse-pseudo.js';
import type { Stmt, StmtBody } from './stmt.js';
import { didYouMean } from './suggest.js';

export type Item =
  | {
    kind: 'insn';
    stmt: Stmt;
    /** The instruction text without prefix and comment (to spot identical repeats in a log). */
    text: string;
    /** Slot index from a `12: (bf)` log prefix or an llvm-objdump listing. */
    index?: number;
    /** Opcode byte from the prefix, to check against the encoding. */
    opcode?: number;
    opcodeSpan?: Span;
  }
  | { kind: 'label'; name: string; span: Span }
  | { kind: 'prog'; type: ProgTypeName; span: Span }
  | {
    kind: 'map'; name: string; type: MapTypeName; keySize: number; valueSize: number;
    maxEntries: number; flags: number; span: Span; nameSpan: Span;
  };

export interface ParsedLine {
  line: number;
  items: Item[];
  errors: AsmError[];
  /** The line carried a log/listing index prefix. */
  indexed: boolean;
}

/** Words that start a pseudo-C instruction. */
const PSEUDO_WORDS = new Set(['if', 'goto', 'gotol', 'may_goto', 'exit', 'store_release']);

// Directives clang -S emits around a function; they do not change the program.
const IGNORED_DIRECTIVES = new Set(['text', 'file', 'globl', 'global', 'p2align', 'align', 'type', 'size', 'addrsig', 'addrsig_sym']);

// Lines of a pasted verifier log or objdump listing that are not instructions.
const CHATTER = [
  /^func#\d+ @\d+/, /^from \d+ to \d+:/, /^processed \d+ insns/, /^mark_precise:/, /^last_idx \d+/,
  /^regs=/, /^parent (didn't|already|is)/, /^propagating /, /^frame\d+:/, /^Live regs before insn/,
  /^verification time /, /^stack depth /, /^Validating /, /^(caller|callee):$/, /^returning from callee/,
  /^to caller at /, /^\(\d+\) (frame \d+ insn|live stack)/, /^Disassembly of section /, /^\S+:\s+file format /,
  /^[A-Za-z_][\w\s*]*\([^()]*\):$/, // bpftool: `int xdp_prog(struct xdp_md * ctx):`
  /^([0-9a-f]{2} ){7}[0-9a-f]{2}( ([0-9a-f]{2} ){7}[0-9a-f]{2})?$/, // bpftool `opcodes` byte lines
];
const CHATTER_RE = new RegExp(CHATTER.map((r) => `(?:${r.source})`).join('|'));

// `12: (bf) `, and in 6.18's "Live regs before insn:" listing `12: .1....6... (bf) `.
const KERNEL_PREFIX = /^(\s*)(?:(\d+):\s*(?:[.0-9]{10,11}\s+)?)?\(([0-9a-fA-F]{2})\)(?:\s|$)/;
const OBJDUMP_PREFIX = /^(\s*)(\d+):\s+((?:[0-9a-f]{2} ){7}[0-9a-f]{2}(?:\s+(?:[0-9a-f]{2} ){7}[0-9a-f]{2})?)(?:\s|$)/;
const OBJDUMP_LABEL = /^\s*[0-9a-f]{8,16} <([A-Za-z_.$][\w.$]*)>:\s*$/;
const LABEL = /^(\s*)([A-Za-z_.$][\w.$]*)\s*:/;

const blank = (s: string): string => s.replace(/[^\t]/g, ' ');

/** Splits into lines (\n, \r\n or \r) and parses each. */
export function parseSource(source: string): ParsedLine[] {
  const lines = source.split(/\r\n|\r|\n/);
  const out: ParsedLine[] = [];
  let inBlock = false;
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n]!;
    const stripped = stripComments(raw, inBlock);
    inBlock = stripped.inBlock;
    out.push(parseLine(stripped.code, raw, n + 1));
  }
  return out;
}

/** Replaces comments by spaces (columns stay put); reports whether a block comment continues. */
export function stripComments(raw: string, inBlockAtStart: boolean): { code: string; inBlock: boolean } {
  let code = '';
  let from = 0; // raw[from..i) is code not yet copied
  let i = 0;
  if (inBlockAtStart) {
    const close = raw.indexOf('*/');
    if (close < 0) return { code: blank(raw), inBlock: true };
    code = blank(raw.slice(0, close + 2));
    from = i = close + 2;
  }
  for (; i < raw.length; i++) {
    const ch = raw.charCodeAt(i);
    if (ch === 0x2f /* / */ && raw.charCodeAt(i + 1) === 0x2a /* * */) {
      const close = raw.indexOf('*/', i + 2);
      code += raw.slice(from, i);
      if (close < 0) return { code: code + blank(raw.slice(i)), inBlock: true };
      code += blank(raw.slice(i, close + 2));
      from = close + 2;
      i = close + 1;
      continue;
    }
    if (ch === 0x3b /* ; */ || (ch === 0x2f && raw.charCodeAt(i + 1) === 0x2f) ||
      (ch === 0x23 /* # */ && (i === 0 || /\s/.test(raw[i - 1]!)))) {
      return { code: code + raw.slice(from, i) + blank(raw.slice(i)), inBlock: false };
    }
  }
  return { code: code + raw.slice(from), inBlock: false };
}

function parseLine(code0: string, raw: string, line: number): ParsedLine {
  const result: ParsedLine = { line, items: [], errors: [], indexed: false };
  const err = (col: number, endCol: number, message: string, hint?: string): ParsedLine => {
    result.errors.push(hint === undefined ? { line, col, endCol, message } : { line, col, endCol, message, hint });
    return result;
  };
  let code = code0;
  const trimmed = raw.trim();
  if (code.trim() === '' || CHATTER_RE.test(trimmed)) return result;

  const objLabel = OBJDUMP_LABEL.exec(code);
  if (objLabel) {
    const col = code.indexOf('<') + 2;
    result.items.push({ kind: 'label', name: objLabel[1]!, span: { line, col, endCol: col + objLabel[1]!.length } });
    return result;
  }

  let index: number | undefined;
  let opcode: number | undefined;
  let opcodeSpan: Span | undefined;
  const kp = KERNEL_PREFIX.exec(code);
  const op = kp ? undefined : OBJDUMP_PREFIX.exec(code);
  if (kp) {
    if (kp[2] !== undefined) index = Number(kp[2]);
    opcode = parseInt(kp[3]!, 16);
    const col = kp[0].lastIndexOf('(') + 2;
    opcodeSpan = { line, col, endCol: col + 2 };
    code = blank(kp[0]) + code.slice(kp[0].length);
  } else if (op) {
    index = Number(op[2]);
    opcode = parseInt(op[3]!.slice(0, 2), 16);
    const col = op[0].indexOf(op[3]!) + 1;
    opcodeSpan = { line, col, endCol: col + 2 };
    code = blank(op[0]) + code.slice(op[0].length);
  } else if (/^\s*\d+:/.test(code)) {
    return result; // a verifier state line (`0: R1=ctx() R10=fp0`, `8: safe`)
  }
  result.indexed = index !== undefined;
  // llvm-objdump's `goto +15 <LBB0_6>`: the offset already says where.
  code = code.replace(/(\s)<[^<>\s]+>\s*$/, (m, s: string) => s + blank(m.slice(1)));
  if (code.trim() === '') return result;

  const label = index === undefined ? LABEL.exec(code) : null;
  if (label) {
    const name = label[2]!;
    const col = label[1]!.length + 1;
    const span = { line, col, endCol: col + name.length };
    if (parseReg(name, span, 'pseudo')) return err(span.col, span.endCol, `'${name}' is a register name and cannot be a label`);
    result.items.push({ kind: 'label', name, span });
    code = blank(label[0]) + code.slice(label[0].length);
    if (code.trim() === '') return result;
  } else if (index === undefined && /^\s*\./.test(code)) {
    return parseDirective(code, line, result);
  }

  const toks = lex(code);
  const first = toks[0]!;
  const last = toks[toks.length - 1]!;
  const span: Span = { line, col: first.col, endCol: last.endCol };
  const opSpan: Span = { line, col: first.col, endCol: first.endCol };
  const text = code.slice(first.col - 1, last.endCol - 1);
  const push = (body: StmtBody, dialect: Stmt['dialect']): ParsedLine => {
    const stmt = { ...body, dialect, span, opSpan } as Stmt;
    const item: Item = { kind: 'insn', stmt, text };
    if (index !== undefined) item.index = index;
    if (opcode !== undefined) { item.opcode = opcode; item.opcodeSpan = opcodeSpan!; }
    result.items.push(item);
    return result;
  };

  if (first.kind === 'word' && first.text === 'call') {
    const isUbpfForm = /^\s*(local|helper|runtime|%r)/.test(code.slice(first.endCol - 1));
    const dialect = isUbpfForm ? 'ubpf' : 'pseudo';
    const r = parseCall(code.slice(first.endCol - 1), first.endCol - 1, line, dialect);
    if (!r.ok) { result.errors.push(r.error); return result; }
    return push({ k: 'call', target: r.target }, dialect);
  }

  const word = first.kind === 'word' ? first.text : '';
  const isReg = parseReg(word, opSpan, 'pseudo') !== undefined;
  const pseudo = isReg || PSEUDO_WORDS.has(word) || (first.kind === 'op' && first.text === '*') ||
    (word === 'lock' && toks[1]?.kind === 'op' && toks[1].text === '*');
  if (pseudo) {
    const c = new Cursor(toks, line, last.endCol, 'pseudo');
    const body = parsePseudo(c, { lddwOpcode: opcode === 0x18 });
    if (!body) {
      result.errors.push(c.error ?? { ...span, message: `cannot parse '${text}'` });
      return result;
    }
    return push(opcode === 0x18 ? logMapLoad(body, raw) : body, 'pseudo');
  }
  if (first.kind === 'word' && isMnemonic(word.toLowerCase())) {
    const c = new Cursor(toks, line, last.endCol, 'ubpf');
    const body = parseMnemonic(c);
    if (!body) {
      result.errors.push(c.error ?? { ...span, message: `cannot parse '${text}'` });
      return result;
    }
    return push(body, 'ubpf');
  }
  if (first.kind === 'word') {
    const hint = didYouMean(word.toLowerCase(), [...MNEMONICS, ...PSEUDO_WORDS, 'lock', 'call']);
    return err(first.col, first.endCol, `unknown instruction '${word}'`, hint);
  }
  if (first.kind === 'bad') return err(first.col, first.endCol, `unexpected character '${first.text}'`);
  return err(first.col, first.endCol, `an instruction cannot start with '${first.text}'`);
}

/**
 * The verifier log prints a map load as the map's kernel address, `(18) r1 = 0xffff888...`, but
 * its state comment says what it is: `; R1=map_ptr(map=counts,ks=4,vs=8)` or `R1=map_value(...,off=8)`.
 * Such a load becomes a map reference again: by name when the log has one, else by address.
 */
function logMapLoad(body: StmtBody, raw: string): StmtBody {
  if (body.k !== 'lddw' || body.src.kind !== 'imm') return body;
  const semi = raw.indexOf(';');
  if (semi < 0) return body;
  const m = new RegExp(`\\bR${body.dst.n}(?:_[a-zA-Z]+)?=(map_ptr|map_value)\\(([^)]*)\\)`).exec(raw.slice(semi));
  if (!m) return body;
  const name = /(?:^|,)map=([^,]+)/.exec(m[2]!)?.[1];
  const off = /(?:^|,)off=(\d+)/.exec(m[2]!)?.[1];
  const imm = body.src.imm;
  const id = name ?? `0x${BigInt.asUintN(64, imm.value).toString(16)}`;
  return {
    ...body,
    src: { kind: 'mapid', id, numeric: name === undefined, address: name === undefined, value: m[1] === 'map_value', off: off ? BigInt(off) : 0n, span: imm.span },
  };
}

function parseDirective(code: string, line: number, result: ParsedLine): ParsedLine {
  const toks = lex(code);
  const head = toks[0]!;
  const name = head.text.slice(1);
  const span = (a: { col: number; endCol: number }, b = a): Span => ({ line, col: a.col, endCol: b.endCol });
  const err = (s: Span, message: string, hint?: string): ParsedLine => {
    result.errors.push(hint === undefined ? { ...s, message } : { ...s, message, hint });
    return result;
  };
  if (IGNORED_DIRECTIVES.has(name)) return result;
  const args = toks.slice(1);
  const whole = span(head, toks[toks.length - 1]!);
  if (name === 'prog') {
    const t = args[0];
    if (!t || t.kind !== 'word') return err(t ? span(t) : whole, '.prog needs a program type', `one of ${PROG_TYPE_NAMES.join(', ')}`);
    if (args.length > 1) return err(span(args[1]!, args[args.length - 1]!), `unexpected '${args[1]!.text}' after the program type`);
    const type = (PROG_TYPE_NAMES as readonly string[]).includes(t.text) ? (t.text as ProgTypeName)
      : Object.prototype.hasOwnProperty.call(PROG_TYPE_ALIASES, t.text) ? PROG_TYPE_ALIASES[t.text] : undefined;
    if (!type) {
      return err(span(t), `unknown program type '${t.text}'`,
        didYouMean(t.text, [...PROG_TYPE_NAMES, ...Object.keys(PROG_TYPE_ALIASES)]) ?? `one of ${PROG_TYPE_NAMES.join(', ')}`);
    }
    result.items.push({ kind: 'prog', type, span: whole });
    return result;
  }
  if (name === 'map') return parseMapDirective(args, whole, line, result, err);
  return err(span(head), `unknown directive '${head.text}'`, didYouMean(head.text, ['.prog', '.map']) ?? 'the directives are .prog and .map');
}

const MAP_USAGE = '.map NAME TYPE key=K value=V max_entries=N [flags=F]';

function parseMapDirective(
  args: ReturnType<typeof lex>, whole: Span, line: number, result: ParsedLine,
  err: (s: Span, message: string, hint?: string) => ParsedLine,
): ParsedLine {
  const span = (a: { col: number; endCol: number }, b = a): Span => ({ line, col: a.col, endCol: b.endCol });
  const nameTok = args[0];
  if (!nameTok || nameTok.kind !== 'word' || !/^[A-Za-z_]\w*$/.test(nameTok.text)) {
    return err(nameTok ? span(nameTok) : whole, '.map needs a name', MAP_USAGE);
  }
  const typeTok = args[1];
  if (!typeTok || typeTok.kind !== 'word') return err(typeTok ? span(typeTok) : whole, '.map needs a map type after the name', MAP_USAGE);
  if (!(MAP_TYPE_NAMES as readonly string[]).includes(typeTok.text)) {
    return err(span(typeTok), `unknown map type '${typeTok.text}'`, didYouMean(typeTok.text, MAP_TYPE_NAMES) ?? `one of ${MAP_TYPE_NAMES.join(', ')}`);
  }
  const fields: Record<string, number> = {};
  const KEYS = ['key', 'value', 'max_entries', 'flags'];
  let i = 2;
  while (i < args.length) {
    const k = args[i]!;
    if (k.kind !== 'word' || args[i + 1]?.text !== '=') {
      return err(span(k), `expected key=value, found '${k.text}'`, MAP_USAGE);
    }
    if (!KEYS.includes(k.text)) return err(span(k), `unknown map attribute '${k.text}'`, didYouMean(k.text, KEYS) ?? MAP_USAGE);
    if (Object.prototype.hasOwnProperty.call(fields, k.text)) return err(span(k), `${k.text} is given twice`);
    const v = args[i + 2];
    if (!v || v.kind !== 'num') return err(v ? span(v) : span(args[i + 1]!), `${k.text}= needs a number`);
    const n = parseNumber(v.text);
    if (!n.ok) return err(span(v), n.message);
    if (n.value > 0xffffffffn) return err(span(v), `${k.text}=${v.text} does not fit in 32 bits`);
    fields[k.text] = Number(n.value);
    i += 3;
  }
  const missing = ['key', 'value', 'max_entries'].filter((k) => !Object.prototype.hasOwnProperty.call(fields, k));
  if (missing.length) return err(whole, `.map ${nameTok.text} is missing ${missing.map((m) => `${m}=`).join(', ')}`, MAP_USAGE);
  result.items.push({
    kind: 'map', name: nameTok.text, type: typeTok.text as MapTypeName, keySize: fields.key!, valueSize: fields.value!,
    maxEntries: fields.max_entries!, flags: fields.flags ?? 0, span: whole, nameSpan: span(nameTok),
  });
  return result;
}
