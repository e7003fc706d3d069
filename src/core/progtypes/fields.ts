// Context field values by name → ctx_in bytes. The input editors and `bpfiddle run --ctx` let a
// user say `mark=5`, `rdi=0x1000`, `args[1]=3` or `prev_comm=bash` instead of writing a struct
// image; this resolves the names against a program type's layout (or a tracepoint format), checks
// that the kernel's test run would take the field, and lays the values out little-endian.

import { utf8Encode } from '../packet/bytes.js';
import { writeLE } from '../vm/bytes.js';
import type { CtxField, ProgTypeSpec } from './types.js';

/** A field value: an integer (negative values are stored two's complement), raw bytes, or text
 * (for char arrays such as a task's comm; NUL-padded). */
export type CtxValue = bigint | Uint8Array | string;

export interface CtxFieldValue {
  /** A field name (`mark`, `cb[1]`, `rdi`, `regs.rdi`, `args[0]`), or `OFF:uN` for raw bytes at a
   * byte offset (`16:u64`). */
  name: string;
  value: CtxValue;
}

export interface CtxFieldError {
  /** Index of the value in the list it came from, so a caller can point at the option. */
  index: number;
  message: string;
}

export type CtxFromFieldsResult = { ok: true; ctxIn: Uint8Array } | { ok: false; error: CtxFieldError };

export interface CtxFromFieldsOptions {
  /** Fields to resolve names against instead of the program type's own (a tracepoint format). */
  fields?: readonly CtxField[];
  /** Bytes of the context to build (default: the struct size). */
  size?: number;
  /** The image to start from (default: the program type's ctxInBase for this packet, else zeros). */
  base?: Uint8Array;
  /** data_in, for types whose ctx_in describes it (XDP's data_end). */
  dataIn?: Uint8Array;
}

const WIDTHS: Readonly<Record<string, number>> = { u8: 1, u16: 2, u32: 4, u64: 8 };

interface Target { offset: number; size: number; field: CtxField | null }

/** Where `name` lives: a field, an element of a word array (`cb[2]`), or a raw `OFF:uN`. */
function resolve(name: string, fields: readonly CtxField[], prefix: string | undefined): Target | string {
  const exact = fields.find((f) => f.name === name) ?? (prefix ? fields.find((f) => f.name === `${prefix}${name}`) : undefined);
  if (exact) return { offset: exact.offset, size: exact.size, field: exact };
  const raw = /^(\d+):(u8|u16|u32|u64)$/.exec(name);
  if (raw) return { offset: Number(raw[1]), size: WIDTHS[raw[2]!]!, field: null };
  const elem = /^([A-Za-z_][\w.]*)\[(\d+)\]$/.exec(name);
  if (elem) {
    const base = fields.find((f) => f.name === elem[1]);
    const i = Number(elem[2]);
    if (base && base.kind === 'bytes' && base.size % 4 === 0) {
      if (i >= base.size / 4) return `${elem[1]} has ${base.size / 4} elements; ${name} is past its end`;
      return { offset: base.offset + 4 * i, size: 4, field: base };
    }
  }
  const known = fields.map((f) => f.name).filter((n) => !n.startsWith('common_'));
  return `no context field '${name}' (known: ${known.slice(0, 24).join(', ')}${known.length > 24 ? ', ...' : ''})`;
}

function encode(value: CtxValue, size: number): Uint8Array | string {
  if (typeof value === 'string') {
    const bytes = utf8Encode(value);
    if (bytes.length > size) return `"${value}" is ${bytes.length} bytes; the field holds ${size}`;
    const out = new Uint8Array(size);
    out.set(bytes);
    return out;
  }
  if (value instanceof Uint8Array) {
    if (value.length > size) return `${value.length} bytes given; the field holds ${size}`;
    const out = new Uint8Array(size);
    out.set(value);
    return out;
  }
  if (size > 8) return `the field is ${size} bytes: give it as hex bytes or text, not an integer`;
  const bits = BigInt(size * 8);
  if (value >= 1n << bits || value < -(1n << (bits - 1n))) return `${value} does not fit in ${size} byte${size === 1 ? '' : 's'}`;
  const out = new Uint8Array(size);
  writeLE(out, 0, size, BigInt.asUintN(Number(bits), value));
  return out;
}

/**
 * ctx_in for `spec` with the given field values. A field the kernel's test run would refuse (the
 * skb's len, XDP's data pointers) is an error that says so, located by the value's index.
 */
export function ctxFromFields(spec: ProgTypeSpec, values: readonly CtxFieldValue[], opts: CtxFromFieldsOptions = {}): CtxFromFieldsResult {
  const fields = opts.fields ?? spec.ctx.fields;
  const size = opts.size ?? spec.ctx.size;
  const out = new Uint8Array(size);
  const base = opts.base ?? spec.ctxInBase?.(opts.dataIn ?? new Uint8Array(0));
  if (base) out.set(base.subarray(0, size));
  const settable = new Set(spec.ctxInFields);
  const prefix = spec.name === 'perf_event' ? 'regs.' : undefined;
  for (const [index, v] of values.entries()) {
    const t = resolve(v.name, fields, prefix);
    if (typeof t === 'string') return { ok: false, error: { index, message: t } };
    if (t.field && !opts.fields && !settable.has(t.field.name)) {
      const why = spec.kernelTestRun ? 'test runs do not accept it in ctx_in' : 'it is not an input';
      return { ok: false, error: { index, message: `${spec.ctx.struct}.${t.field.name} cannot be given a value: ${why} (settable: ${spec.ctxInFields.join(', ')})` } };
    }
    if (t.offset + t.size > size) return { ok: false, error: { index, message: `${v.name} is past the ${size}-byte context` } };
    const bytes = encode(v.value, t.size);
    if (typeof bytes === 'string') return { ok: false, error: { index, message: `${v.name}: ${bytes}` } };
    out.set(bytes, t.offset);
  }
  return { ok: true, ctxIn: out };
}
