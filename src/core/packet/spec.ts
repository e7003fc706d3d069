// The compact text form of a packet, e.g.
//   eth/ipv4(src=10.0.0.1,dst=10.0.0.2)/tcp(dport=80,flags=S,options=[mss:1460,nop,wscale:7])/payload("hello")
// parseSpec turns text into structured layers (with the source span of every layer and field, for
// error markers) and reports problems as located values, never by throwing; formatSpec prints
// layers back so that parseSpec(formatSpec(x)) gives x again.

import { formatIpv4, formatIpv6, formatMac, parseIpv4, parseIpv6, parseMac } from './addr.js';
import { fromHex } from './bytes.js';
import { LAYER_KINDS, LAYER_SCHEMAS, type FieldSchema, type Layer, type LayerKind } from './layers.js';
import { ETHERTYPES, IPV4_FLAGS, TCP_FLAGS, nameOf } from './names.js';
import {
  formatIpv4Option, formatIpv6Option, formatTcpOption, parseIpv4Option, parseIpv6Option, parseTcpOption, type ItemResult,
} from './options.js';
import { maxOf } from './validate.js';

/** A stretch of the spec text: 0-based offsets [offset, end) and the 1-based line/column of its
 * start (`endCol` exclusive, on the start line), the same shape as the assembler's spans. */
export interface SpecSpan { offset: number; end: number; line: number; col: number; endCol: number }
export interface SpecError extends SpecSpan { message: string }

export interface LayerSpans { span: SpecSpan; name: SpecSpan; fields: Record<string, SpecSpan> }

export type ParseSpecResult =
  | { ok: true; layers: Layer[]; spans: LayerSpans[] }
  | { ok: false; errors: SpecError[] };

/** Other names accepted for layers (scapy's and common spellings). */
export const LAYER_ALIASES: Readonly<Record<string, LayerKind>> = {
  ether: 'eth', ethernet: 'eth', dot1q: 'vlan', '802.1q': 'vlan', dot1ad: 'qinq', '802.1ad': 'qinq',
  ip: 'ipv4', ip4: 'ipv4', ip6: 'ipv6', icmp6: 'icmpv6', hopbyhop: 'hbh', destopts: 'dstopts', rh: 'routing',
  frag6: 'frag', raw: 'payload', data: 'payload', padding: 'trailer', pad: 'trailer',
};

export function layerKindOf(name: string): LayerKind | undefined {
  const n = name.toLowerCase();
  return (LAYER_KINDS as readonly string[]).includes(n) ? (n as LayerKind) : LAYER_ALIASES[n];
}

// ---- tokens ---------------------------------------------------------------------------------

type Tok =
  | { t: 'word'; text: string; at: number; end: number }
  | { t: 'str'; text: string; at: number; end: number }
  | { t: 'punct'; text: '/' | '(' | ')' | ',' | '=' | '[' | ']'; at: number; end: number }
  | { t: 'eof'; text: ''; at: number; end: number };

const WORD_CHAR = /[A-Za-z0-9_.:+\-|*]/;

class Lexer {
  pos = 0;
  constructor(readonly src: string) {}

  private skipSpace(): void { while (this.pos < this.src.length && /\s/.test(this.src[this.pos]!)) this.pos++; }

  /** The next token, or an error message with the offset where it went wrong. */
  next(): Tok | { error: string; at: number; end: number } {
    this.skipSpace();
    const s = this.src, at = this.pos;
    if (at >= s.length) return { t: 'eof', text: '', at, end: at };
    const c = s[at]!;
    if ('/(),=[]'.includes(c)) { this.pos++; return { t: 'punct', text: c as '/', at, end: at + 1 }; }
    if (c === '"' || c === "'") return this.string(c);
    if (WORD_CHAR.test(c)) {
      let e = at;
      while (e < s.length && WORD_CHAR.test(s[e]!)) e++;
      this.pos = e;
      return { t: 'word', text: s.slice(at, e), at, end: e };
    }
    this.pos++;
    return { error: `unexpected character ${JSON.stringify(c)}`, at, end: at + 1 };
  }

  private string(q: string): Tok | { error: string; at: number; end: number } {
    const s = this.src, at = this.pos;
    let out = '';
    let i = at + 1;
    while (i < s.length && s[i] !== q) {
      const c = s[i]!;
      if (c === '\n') break;
      if (c !== '\\') { out += c; i++; continue; }
      const e = s[i + 1];
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', '"': '"', "'": "'" };
      if (e !== undefined && simple[e] !== undefined) { out += simple[e]; i += 2; continue; }
      if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 2, i + 4))) { out += String.fromCharCode(parseInt(s.slice(i + 2, i + 4), 16)); i += 4; continue; }
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) { out += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16)); i += 6; continue; }
      return { error: `unknown escape \\${e ?? ''} (use \\n \\t \\r \\0 \\\\ \\" \\' \\xNN \\uNNNN)`, at: i, end: Math.min(i + 2, s.length) };
    }
    if (i >= s.length || s[i] !== q) return { error: 'unterminated string', at, end: i };
    this.pos = i + 1;
    return { t: 'str', text: out, at, end: i + 1 };
  }
}

// ---- values ---------------------------------------------------------------------------------

/** A parsed value before it is checked against a field: a word, a string or a list of them. */
type RawValue =
  | { v: 'word'; text: string; at: number; end: number }
  | { v: 'str'; text: string; at: number; end: number }
  | { v: 'list'; items: RawValue[]; at: number; end: number };

type Conv = { ok: true; value: unknown } | { ok: false; message: string; at?: number; end?: number };

const NUM = /^(0x[0-9a-fA-F]+|0b[01]+|\d+)$/;

function toNumber(text: string): number | null {
  if (!NUM.test(text)) return null;
  if (text.startsWith('0b')) return parseInt(text.slice(2), 2);
  return Number(text);
}

function convertUint(f: FieldSchema, text: string): Conv {
  const bits = f.bits ?? 16;
  const n = toNumber(text);
  const named = f.names ? f.names[text.toLowerCase()] : undefined;
  const v = n ?? named;
  if (v === undefined || v === null) {
    const names = f.names ? ` or one of ${Object.keys(f.names).join(', ')}` : '';
    return { ok: false, message: `${f.name} must be a number${names}, got "${text}"` };
  }
  if (v > maxOf(bits)) return { ok: false, message: `${f.name} must be 0..${maxOf(bits)} (${bits} bits), got ${text}` };
  return { ok: true, value: v };
}

function convertFlags(f: FieldSchema, text: string): Conv {
  const n = toNumber(text);
  if (n !== null) return n <= maxOf(f.bits ?? 8) ? { ok: true, value: n } : { ok: false, message: `${f.name} must be 0..${maxOf(f.bits ?? 8)}, got ${text}` };
  if (f.type === 'tcpflags' && /^[A-Za-z]+$/.test(text) && text.length <= 9 && [...text].every((c) => TCP_FLAGS.some((x) => x.letter === c.toUpperCase()))) {
    let v = 0;
    for (const c of text.toUpperCase()) v |= TCP_FLAGS.find((x) => x.letter === c)!.bit;
    return { ok: true, value: v };
  }
  const table = f.type === 'tcpflags' ? TCP_FLAGS.map((x) => ({ name: x.name, bit: x.bit })) : [...IPV4_FLAGS, { name: 'RF', bit: 4 }, { name: 'reserved', bit: 4 }];
  let v = 0;
  for (const part of text.split(/[+|]/)) {
    const hit = table.find((x) => x.name.toLowerCase() === part.toLowerCase());
    if (!hit) {
      const expect = f.type === 'tcpflags' ? 'letters F S R P A U E C N (e.g. SA), names like SYN+ACK, or a number' : 'DF, MF, evil joined with + (e.g. DF+MF), or a number';
      return { ok: false, message: `${f.name}: unknown flag "${part}" (expected ${expect})` };
    }
    v |= hit.bit;
  }
  return { ok: true, value: v };
}

function convertList(raw: RawValue, what: string, item: (w: string) => ItemResult<unknown>): Conv {
  const items = raw.v === 'list' ? raw.items : [raw];
  const out: unknown[] = [];
  for (const it of items) {
    if (it.v === 'list') return { ok: false, message: `${what}: lists do not nest`, at: it.at, end: it.end };
    const r = item(it.text);
    if (!r.ok) return { ok: false, message: `${what}: ${r.message}`, at: it.at, end: it.end };
    out.push(r.value);
  }
  return { ok: true, value: out };
}

/** Checks a raw value against the field's type and turns it into the structured value. */
function convert(f: FieldSchema, raw: RawValue): Conv {
  const list = f.type === 'tcpopts' || f.type === 'ipopts' || f.type === 'ip6opts' || f.type === 'ipv6list';
  if (raw.v === 'list' && !list) return { ok: false, message: `${f.name} takes one value, not a list` };
  const text = raw.v === 'list' ? '' : raw.text;
  const addr = (parse: (s: string) => Uint8Array | null, fmt: (b: Uint8Array) => string, example: string): Conv => {
    const b = parse(text);
    return b ? { ok: true, value: fmt(b) } : { ok: false, message: `${f.name} must be an address like ${example}, got "${text}"` };
  };
  switch (f.type) {
    case 'uint': return convertUint(f, text);
    case 'tcpflags': case 'ipflags': return convertFlags(f, text);
    case 'chksum': return text.toLowerCase() === 'bad' ? { ok: true, value: 'bad' } : convertUint(f, text);
    case 'mac': return addr(parseMac, formatMac, '02:00:00:00:00:01');
    case 'ipv4': return addr(parseIpv4, formatIpv4, '10.0.0.1');
    case 'ipv6': return addr(parseIpv6, formatIpv6, 'fd00::1');
    case 'text': return { ok: true, value: text };
    case 'hex': {
      const clean = text.replace(/^0x/i, '').replace(/[\s:.-]/g, '');
      return fromHex(clean) ? { ok: true, value: clean.toLowerCase() } : { ok: false, message: `${f.name} must be an even number of hex digits` };
    }
    case 'tcpopts': return convertList(raw, f.name, parseTcpOption);
    case 'ipopts': return convertList(raw, f.name, parseIpv4Option);
    case 'ip6opts': return convertList(raw, f.name, parseIpv6Option);
    case 'ipv6list': return convertList(raw, f.name, (w) => {
      const b = parseIpv6(w);
      return b ? { ok: true, value: formatIpv6(b) } : { ok: false, message: `"${w}" is not an IPv6 address` };
    });
  }
}

// ---- parser ---------------------------------------------------------------------------------

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

function didYouMean(word: string, candidates: readonly string[]): string {
  let best = '', bestD = Infinity;
  for (const c of candidates) {
    const dist = editDistance(word.toLowerCase(), c);
    if (dist < bestD) { best = c; bestD = dist; }
  }
  return bestD <= Math.max(1, Math.floor(word.length / 3)) ? ` (did you mean "${best}"?)` : '';
}

class Parser {
  private readonly lex: Lexer;
  private tok!: Tok;
  private readonly lineStarts: number[] = [0];
  readonly errors: SpecError[] = [];
  private fatal = false;

  constructor(readonly src: string) {
    this.lex = new Lexer(src);
    for (let i = 0; i < src.length; i++) if (src[i] === '\n') this.lineStarts.push(i + 1);
    this.advance();
  }

  span(at: number, end: number): SpecSpan {
    let line = 0;
    while (line + 1 < this.lineStarts.length && this.lineStarts[line + 1]! <= at) line++;
    const col = at - this.lineStarts[line]! + 1;
    const lineEnd = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1]! - 1 : this.src.length;
    return { offset: at, end, line: line + 1, col, endCol: Math.max(col + 1, Math.min(end, lineEnd) - this.lineStarts[line]! + 1) };
  }

  error(message: string, at: number, end: number): void {
    this.errors.push({ ...this.span(at, end), message });
  }

  /** A syntax error: recorded, and parsing stops (what follows cannot be trusted). */
  private syntax(message: string, at: number, end: number): void {
    if (!this.fatal) this.error(message, at, end);
    this.fatal = true;
  }

  /** The current token (a method, so TypeScript does not keep a narrowing across advance()). */
  private cur(): Tok { return this.tok; }

  private advance(): void {
    const t = this.lex.next();
    if ('error' in t) {
      this.syntax(t.error, t.at, t.end);
      this.tok = { t: 'eof', text: '', at: t.at, end: t.end };
    } else this.tok = t;
  }

  private describe(t: Tok): string {
    if (t.t === 'eof') return 'the end';
    if (t.t === 'str') return 'a string';
    return `"${t.text}"`;
  }

  parse(): { layers: Layer[]; spans: LayerSpans[] } {
    const layers: Layer[] = [];
    const spans: LayerSpans[] = [];
    if (this.cur().t === 'eof' && !this.fatal) {
      this.syntax('empty packet spec (try eth/ipv4/udp)', 0, Math.max(1, this.src.length));
    }
    while (!this.fatal && this.cur().t !== 'eof') {
      const l = this.layer();
      if (this.fatal) break;
      if (l) { layers.push(l.layer); spans.push(l.spans); }
      const t = this.cur();
      if (t.t === 'eof') break;
      if (t.t === 'punct' && t.text === '/') {
        this.advance();
        if (this.cur().t === 'eof' && !this.fatal) this.syntax('expected a layer after "/"', t.at, t.end);
        continue;
      }
      this.syntax(`expected "/" between layers, found ${this.describe(t)}`, t.at, t.end);
    }
    return { layers, spans };
  }

  private layer(): { layer: Layer; spans: LayerSpans } | null {
    const nameTok = this.cur();
    if (nameTok.t !== 'word') {
      this.syntax(`expected a layer name, found ${this.describe(nameTok)}`, nameTok.at, nameTok.end);
      return null;
    }
    const kind = layerKindOf(nameTok.text);
    if (!kind) {
      const known = [...LAYER_KINDS, ...Object.keys(LAYER_ALIASES)];
      this.error(`unknown layer "${nameTok.text}"${didYouMean(nameTok.text, known)}; layers: ${LAYER_KINDS.join(', ')}`, nameTok.at, nameTok.end);
    }
    this.advance();
    const layer: Record<string, unknown> = { kind: kind ?? 'payload' };
    const fieldSpans: Record<string, SpecSpan> = {};
    let end = nameTok.end;
    if (this.cur().t === 'punct' && this.cur().text === '(') {
      const open = this.cur();
      this.advance();
      end = this.args(kind, layer, fieldSpans, open.at);
    }
    if (!kind) return null;
    return { layer: layer as unknown as Layer, spans: { span: this.span(nameTok.at, end), name: this.span(nameTok.at, nameTok.end), fields: fieldSpans } };
  }

  /** Arguments up to and including ")"; returns the offset after it. */
  private args(kind: LayerKind | undefined, layer: Record<string, unknown>, fieldSpans: Record<string, SpecSpan>, openAt: number): number {
    const schema = kind ? LAYER_SCHEMAS[kind] : undefined;
    for (;;) {
      if (this.fatal) return this.cur().end;
      const t = this.cur();
      if (t.t === 'punct' && t.text === ')') { this.advance(); return t.end; }
      if (t.t === 'eof') { this.syntax('missing ")"', openAt, openAt + 1); return t.end; }
      // name=value, or a bare value for the positional field
      let keyTok: Tok | null = null;
      if (t.t === 'word') {
        this.advance();
        if (this.cur().t === 'punct' && this.cur().text === '=') { keyTok = t; this.advance(); }
        else {
          this.assign(schema, null, { v: 'word', text: t.text, at: t.at, end: t.end }, layer, fieldSpans, t.at);
          if (!this.afterArg()) return this.cur().end;
          continue;
        }
      }
      const value = this.value();
      if (!value) return this.cur().end;
      this.assign(schema, keyTok, value, layer, fieldSpans, keyTok ? keyTok.at : value.at);
      if (!this.afterArg()) return this.cur().end;
    }
  }

  /** After an argument: "," or ")" must follow. */
  private afterArg(): boolean {
    const t = this.cur();
    if (t.t === 'punct' && t.text === ',') { this.advance(); return true; }
    if (t.t === 'punct' && t.text === ')') return true;
    if (t.t === 'eof') return true;
    this.syntax(`expected "," or ")" after an argument, found ${this.describe(t)}`, t.at, t.end);
    return false;
  }

  private value(): RawValue | null {
    const t = this.cur();
    if (t.t === 'word' || t.t === 'str') { this.advance(); return { v: t.t, text: t.text, at: t.at, end: t.end }; }
    if (t.t === 'punct' && t.text === '[') {
      this.advance();
      const items: RawValue[] = [];
      for (;;) {
        if (this.fatal) return null;
        const u = this.cur();
        if (u.t === 'punct' && u.text === ']') { this.advance(); return { v: 'list', items, at: t.at, end: u.end }; }
        if (u.t === 'eof') { this.syntax('missing "]"', t.at, t.end); return null; }
        const item = this.value();
        if (!item) return null;
        items.push(item);
        const s = this.cur();
        if (s.t === 'punct' && s.text === ',') { this.advance(); continue; }
        if (s.t === 'punct' && s.text === ']') continue;
        this.syntax(`expected "," or "]" in a list, found ${this.describe(s)}`, s.at, s.end);
        return null;
      }
    }
    this.syntax(`expected a value, found ${this.describe(t)}`, t.at, t.end);
    return null;
  }

  private assign(schema: (typeof LAYER_SCHEMAS)[LayerKind] | undefined, keyTok: Tok | null, value: RawValue,
    layer: Record<string, unknown>, fieldSpans: Record<string, SpecSpan>, at: number): void {
    if (!schema) return;
    const span = this.span(at, value.end);
    let f: FieldSchema | undefined;
    if (keyTok) {
      const key = keyTok.text.toLowerCase();
      if (schema.kind === 'ipv4' && key === 'tos') { this.assignTos(value, layer, fieldSpans, span); return; }
      f = schema.fields.find((x) => x.name === key || x.aliases?.includes(key));
      if (!f) {
        const names = schema.fields.flatMap((x) => [x.name, ...(x.aliases ?? [])]);
        this.error(`${schema.kind} has no field "${keyTok.text}"${didYouMean(keyTok.text, names)}; fields: ${schema.fields.map((x) => x.name).join(', ')}`, keyTok.at, keyTok.end);
        return;
      }
    } else {
      f = schema.positional ? schema.fields.find((x) => x.name === schema.positional) : undefined;
      if (!f) { this.error(`${schema.kind} takes name=value arguments (fields: ${schema.fields.map((x) => x.name).join(', ')})`, value.at, value.end); return; }
    }
    if (f.name in layer) { this.error(`${schema.kind}: ${f.name} is given twice`, at, value.end); return; }
    const c = convert(f, value);
    if (!c.ok) { this.error(c.message, c.at ?? value.at, c.end ?? value.end); return; }
    layer[f.name] = c.value;
    fieldSpans[f.name] = span;
  }

  /** `tos=V` is shorthand for dscp=V>>2, ecn=V&3. */
  private assignTos(value: RawValue, layer: Record<string, unknown>, fieldSpans: Record<string, SpecSpan>, span: SpecSpan): void {
    const c = value.v === 'list' ? null : convertUint({ name: 'tos', type: 'uint', bits: 8, label: '', doc: '' }, value.text);
    if (!c || !c.ok) { this.error(c && !c.ok ? c.message : 'tos takes one value', value.at, value.end); return; }
    if ('dscp' in layer || 'ecn' in layer) { this.error('ipv4: tos sets dscp and ecn, which are already given', span.offset, span.end); return; }
    const v = c.value as number;
    layer.dscp = v >> 2;
    layer.ecn = v & 3;
    fieldSpans.dscp = span;
    fieldSpans.ecn = span;
  }
}

/** Parses a packet spec. Every problem is returned with its location; nothing throws. */
export function parseSpec(text: string): ParseSpecResult {
  const p = new Parser(text);
  const { layers, spans } = p.parse();
  if (p.errors.length) return { ok: false, errors: p.errors };
  return { ok: true, layers, spans };
}

// ---- printer --------------------------------------------------------------------------------

function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += `\\u${c.toString(16)}`;
    else out += ch;
  }
  return `${out}"`;
}

function formatValue(f: FieldSchema, v: unknown): string {
  switch (f.type) {
    case 'uint': {
      const n = v as number;
      const name = f.names ? nameOf(f.names, n) : undefined;
      if (name) return name;
      return f.names === ETHERTYPES ? `0x${n.toString(16).padStart(4, '0')}` : String(n);
    }
    case 'chksum': return v === 'bad' ? 'bad' : `0x${(v as number).toString(16).padStart(4, '0')}`;
    case 'tcpflags': {
      const n = v as number;
      return n === 0 ? '0' : TCP_FLAGS.filter((x) => n & x.bit).map((x) => x.letter).join('');
    }
    case 'ipflags': {
      const n = v as number;
      return n === 0 ? '0' : IPV4_FLAGS.filter((x) => n & x.bit).map((x) => x.name).reverse().join('+');
    }
    case 'mac': case 'ipv4': case 'ipv6': return v as string;
    case 'text': return quote(v as string);
    case 'hex': return (v as string) === '' ? '""' : (v as string);
    case 'tcpopts': return `[${(v as Parameters<typeof formatTcpOption>[0][]).map(formatTcpOption).join(',')}]`;
    case 'ipopts': return `[${(v as Parameters<typeof formatIpv4Option>[0][]).map(formatIpv4Option).join(',')}]`;
    case 'ip6opts': return `[${(v as Parameters<typeof formatIpv6Option>[0][]).map(formatIpv6Option).join(',')}]`;
    case 'ipv6list': return `[${(v as string[]).join(',')}]`;
  }
}

/** Prints one layer: `kind(field=value,...)`, fields in schema order, omitted ones left out. */
export function formatLayer(l: Layer): string {
  const schema = LAYER_SCHEMAS[l.kind];
  const rec = l as unknown as Record<string, unknown>;
  const args: string[] = [];
  for (const f of schema.fields) {
    const v = rec[f.name];
    if (v === undefined) continue;
    const text = formatValue(f, v);
    args.push(f.name === schema.positional && args.length === 0 ? text : `${f.name}=${text}`);
  }
  return args.length ? `${l.kind}(${args.join(',')})` : l.kind;
}

export function formatSpec(layers: readonly Layer[]): string {
  return layers.map(formatLayer).join('/');
}
