// Reads the state text of a kernel verifier log back into bpfiddle's register and stack types: the
// part after `; ` on an instruction line, after `N:` on a state line, after `from X to Y:`, in the
// `caller:`/`callee:` blocks. It is the inverse of print_verifier_state (src/core/verifier/log.ts):
// ` frame1: R0=scalar(smin=0,smax=umax=255,var_off=(0x0; 0xff)) R10=fp0 fp-8=mmmmmmmm refs=2`.
// print_scalar_ranges omits only trivial bounds, so a scalar comes back exactly. Values bpfiddle
// does not model (dynptr slots, percpu_/rcu_ pointers, new types) come back as opaque registers
// that keep the kernel's text, never as a failure. Older kernels' liveness suffixes (`R0_w=`) are
// accepted and dropped.

import { S32_MAX, S32_MIN, S64_MAX, S64_MIN, U32_MAX, unknownScalar, knownScalar, type Scalar } from '../verifier/bounds.js';
import { ptrReg, MEM_RDONLY, MEM_RINGBUF, PTR_MAYBE_NULL, PTR_TRUSTED, type MapDesc, type Reg, type RegType } from '../verifier/regs.js';
import type { Slot } from '../verifier/stack.js';
import { U64_MAX, TNUM_UNKNOWN, type Tnum } from '../verifier/tnum.js';

/** One item of a state text. */
export type StateItem =
  | { readonly kind: 'reg'; readonly reg: number; readonly value: Reg }
  | { readonly kind: 'slot'; readonly spi: number; readonly slot: Slot }
  | { readonly kind: 'refs'; readonly ids: readonly number[] }
  | { readonly kind: 'cb' };

export interface ParsedStateText {
  /** The frame the text is about (`frame1:`), 0 without a prefix. */
  readonly frameno: number;
  readonly items: readonly StateItem[];
  /** Items that could not be read at all (kept out of the state). */
  readonly unknown: readonly string[];
}

/** Finds the map a `map_ptr(map=..,ks=..,vs=..)` is about. */
export type MapLookup = (name: string, keySize: number, valueSize: number) => MapDesc;

/** Splits on spaces outside parentheses: `R1=scalar(var_off=(0x0; 0xff)) R10=fp0` → two items. */
export function splitItems(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ' ' && depth === 0) {
      if (cur) out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

const NUM = /^-?(?:0|[1-9]\d*)$|^0x[0-9a-f]+$/;
/** verbose_snum / verbose_unum / a constant: decimal, or %#llx of the 64-bit pattern. */
function parseNum(t: string): bigint | null {
  if (!NUM.test(t)) return null;
  return t.startsWith('0x') ? BigInt(t) : BigInt(t);
}
const asS64 = (v: bigint): bigint => BigInt.asIntN(64, v);
const asU64 = (v: bigint): bigint => BigInt.asUintN(64, v);

/** `(0x0; 0xff)` → tnum. */
function parseTnum(t: string): Tnum | null {
  const m = /^\((0x[0-9a-f]+|\d+); (0x[0-9a-f]+|\d+)\)$/.exec(t);
  if (!m) return null;
  return { value: BigInt(m[1]!), mask: BigInt(m[2]!) };
}

/** Splits `a=1,b=(0x0; 0xff),c` at top-level commas. */
function splitAttrs(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of body) {
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    if (ch === ',' && depth === 0) { out.push(cur); cur = ''; continue; }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

interface Attrs {
  id?: number;
  delta?: number;
  refObjId?: number;
  map?: string;
  ks?: number;
  vs?: number;
  off?: number;
  r?: number;
  sz?: number;
  imm?: bigint;
  varOff?: Tnum;
  bounds: Partial<Record<'smin' | 'smax' | 'umin' | 'umax' | 'smin32' | 'smax32' | 'umin32' | 'umax32', bigint>>;
}

const BOUND_NAMES = new Set(['smin', 'smax', 'umin', 'umax', 'smin32', 'smax32', 'umin32', 'umax32']);

/** The attribute list inside `type(...)`, or null when something is not understood. */
function parseAttrs(body: string): Attrs | null {
  const a: Attrs = { bounds: {} };
  if (body === '') return a;
  for (const item of splitAttrs(body)) {
    const parts = item.split('=');
    if (parts.length < 2) return null;
    const val = parts[parts.length - 1]!;
    const names = parts.slice(0, -1);
    if (names.every((n) => BOUND_NAMES.has(n))) {
      const v = parseNum(val);
      if (v === null) return null;
      for (const n of names) a.bounds[n as keyof Attrs['bounds']] = v;
      continue;
    }
    if (names.length !== 1) return null;
    const name = names[0]!;
    if (name === 'var_off') {
      const t = parseTnum(val);
      if (!t) return null;
      a.varOff = t;
      continue;
    }
    if (name === 'map') { a.map = val; continue; }
    if (name === 'id') {
      const m = /^(\d+)(?:([+-]\d+))?$/.exec(val);
      if (!m) return null;
      a.id = Number(m[1]);
      if (m[2] !== undefined) a.delta = Number(m[2]);
      continue;
    }
    const v = parseNum(val);
    if (v === null) return null;
    switch (name) {
      case 'ref_obj_id': a.refObjId = Number(v); break;
      case 'ks': a.ks = Number(v); break;
      case 'vs': a.vs = Number(v); break;
      case 'off': a.off = Number(asS64(v)); break;
      case 'r': a.r = Number(asS64(v)); break;
      case 'sz': a.sz = Number(v); break;
      case 'imm': a.imm = asS64(v); break;
      default: return null;
    }
  }
  return a;
}

/**
 * The scalar print_scalar_ranges and the tnum describe: omitted bounds are the trivial ones, an
 * omitted var_off is unknown. `ptr`: a pointer's variable offset, where nothing printed means 0.
 */
function scalarOf(a: Attrs, ptr: boolean): Scalar {
  const b = a.bounds;
  const noRanges = Object.keys(b).length === 0 && a.varOff === undefined;
  if (noRanges && a.imm !== undefined) return knownScalar(a.imm);
  if (noRanges && ptr) return knownScalar(0n);
  // A signed 32-bit bound printed in hex is the u32 pattern (print_scalar_ranges avoids sign extension).
  const s32 = (v: bigint | undefined, dflt: number): number => (v === undefined ? dflt : Number(BigInt.asIntN(32, v)));
  const u32 = (v: bigint | undefined, dflt: number): number => (v === undefined ? dflt : Number(BigInt.asUintN(32, v)));
  return {
    varOff: a.varOff ?? TNUM_UNKNOWN,
    smin: b.smin === undefined ? S64_MIN : asS64(b.smin),
    smax: b.smax === undefined ? S64_MAX : asS64(b.smax),
    umin: b.umin === undefined ? 0n : asU64(b.umin),
    umax: b.umax === undefined ? U64_MAX : asU64(b.umax),
    s32min: s32(b.smin32, S32_MIN),
    s32max: s32(b.smax32, S32_MAX),
    u32min: u32(b.umin32, 0),
    u32max: u32(b.umax32, U32_MAX),
  };
}

const SCALAR: Reg = { ...ptrReg('scalar'), s: unknownScalar() };

/** A register nothing in bpfiddle models: kept as the kernel's text. */
const opaque = (text: string): Reg => ({ ...ptrReg('btf_id'), text, btfName: /^[a-z_]+/.exec(text)?.[0] ?? '' });

// reg_type_str's base names (longest first where one is a prefix of another).
const BASES: readonly [string, RegType][] = [
  ['map_value', 'map_value'], ['map_ptr', 'map_ptr'], ['map_key', 'map_key'], ['pkt_meta', 'pkt_meta'], ['pkt_end', 'pkt_end'],
  ['pkt', 'pkt'], ['ctx', 'ctx'], ['fp', 'stack'], ['mem', 'mem'], ['sock_common', 'sock_common'], ['sock', 'sock'],
  ['tcp_sock', 'tcp_sock'], ['flow_keys', 'flow_keys'], ['func', 'func'],
];
const FLAG_PREFIXES: readonly [string, number][] = [['rdonly_', MEM_RDONLY], ['ringbuf_', MEM_RINGBUF], ['trusted_', PTR_TRUSTED]];

/**
 * One register's value as print_reg_state writes it after `R<n>=`, in frame `frameno`.
 * Never fails: what it cannot read becomes an opaque register keeping the text.
 */
export function parseRegValue(text: string, frameno: number, maps: MapLookup): Reg {
  let t = text;
  let precise = false;
  if (t.startsWith('P') && (t.startsWith('Pscalar(') || NUM.test(t.slice(1)))) { precise = true; t = t.slice(1); }
  const n = parseNum(t);
  if (n !== null) return { ...SCALAR, s: knownScalar(n), precise };
  // fp-8, fp0, fp[1]-16: a stack pointer with a constant offset.
  const fp = /^fp(?:\[(\d+)\])?(-?(?:0|[1-9]\d*)|0x[0-9a-f]+)$/.exec(t);
  if (fp) {
    const v = parseNum(fp[2]!)!;
    return ptrReg('stack', { frameno: fp[1] === undefined ? frameno : Number(fp[1]), off: Number(asS64(v)) });
  }
  const m = /^([a-z_0-9]+?)(?:\[(\d+)\])?\((.*)\)$/.exec(t);
  if (!m) return opaque(text);
  const a = parseAttrs(m[3]!);
  if (!a) return opaque(text);
  if (m[1] === 'scalar') {
    const s = scalarOf(a, false);
    return { ...SCALAR, s, id: a.id ?? 0, precise, ...(a.delta !== undefined ? { off: a.delta, link: 64 as const } : {}) };
  }
  let name = m[1]!;
  let flags = 0;
  for (let again = true; again;) {
    again = false;
    for (const [p, f] of FLAG_PREFIXES) {
      if (name.startsWith(p)) { flags |= f; name = name.slice(p.length); again = true; }
    }
  }
  let type: RegType | undefined;
  let btfName: string | undefined;
  if (name.startsWith('ptr_')) {
    type = 'btf_id';
    if (name.startsWith('ptr_or_null_')) { flags |= PTR_MAYBE_NULL; btfName = name.slice('ptr_or_null_'.length); } else btfName = name.slice(4);
  } else {
    if (name.endsWith('_or_null')) { flags |= PTR_MAYBE_NULL; name = name.slice(0, -'_or_null'.length); }
    type = BASES.find(([b]) => b === name)?.[1];
  }
  if (!type) return opaque(text);
  let map: MapDesc | null = null;
  if (type === 'map_ptr' || type === 'map_value' || type === 'map_key') {
    if (a.ks === undefined || a.vs === undefined) return opaque(text);
    map = maps(a.map ?? '', a.ks, a.vs);
  }
  return ptrReg(type, {
    flags, off: a.off ?? 0, s: scalarOf(a, true), id: a.id ?? 0, refObjId: a.refObjId ?? 0, range: a.r ?? 0, map,
    frameno: m[2] !== undefined ? Number(m[2]) : frameno, memSize: a.sz ?? 0,
    ...(btfName !== undefined ? { btfName } : {}),
  });
}

const SLOT_CHARS = /^[?rm0dif]+$/;

/** One stack slot's text after `fp-N=`: 8 slot-type characters, or the bytes above a spill then the spilled register. */
export function parseSlotValue(text: string, frameno: number, maps: MapLookup): Slot {
  if (text.length === 8 && SLOT_CHARS.test(text) && !text.includes('r')) return { types: text, spilled: null };
  // A spill of 8, 4, 2 or 1 bytes: the bytes above it print first (never 'r').
  for (const pre of [0, 4, 6, 7]) {
    const head = text.slice(0, pre);
    if (pre && !/^[?m0dif]+$/.test(head)) continue;
    const rest = text.slice(pre);
    const reg = parseRegValue(rest, frameno, maps);
    if (reg.text !== undefined) continue;
    return { types: head + 'r'.repeat(8 - pre), spilled: reg };
  }
  // dynptr_local(...), iter_num(...), irq_flag(...): kept as text.
  return { types: 'mmmmmmmm', spilled: null, text };
}

const ITEM = /^(R(\d+)|fp-(\d+))(?:_[rwD]+)?=(.*)$/;

/** A state text (print_verifier_state's output without the line prefix). */
export function parseStateText(text: string, maps: MapLookup): ParsedStateText {
  const items: StateItem[] = [];
  const unknown: string[] = [];
  let frameno = 0;
  for (const tok of splitItems(text.trim())) {
    const f = /^frame(\d+):$/.exec(tok);
    if (f) { frameno = Number(f[1]); continue; }
    if (tok === 'cb' || tok === 'async_cb') { items.push({ kind: 'cb' }); continue; }
    const refs = /^refs=([\d,]+)$/.exec(tok);
    if (refs) { items.push({ kind: 'refs', ids: refs[1]!.split(',').filter(Boolean).map(Number) }); continue; }
    const m = ITEM.exec(tok);
    if (!m) { unknown.push(tok); continue; }
    if (m[2] !== undefined) {
      const reg = Number(m[2]);
      if (reg > 10) { unknown.push(tok); continue; }
      items.push({ kind: 'reg', reg, value: parseRegValue(m[4]!, frameno, maps) });
    } else {
      const off = Number(m[3]);
      if (off % 8 !== 0 || off === 0) { unknown.push(tok); continue; }
      items.push({ kind: 'slot', spi: off / 8 - 1, slot: parseSlotValue(m[4]!, frameno, maps) });
    }
  }
  return { frameno, items, unknown };
}
