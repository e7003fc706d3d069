// Checks that a structured packet (possibly from a form, a share link or hand-written JSON) is
// well formed before the builder lays it out: known layer kinds and fields, values of the right
// type and range, and combinations that make sense. Never trusts its input and never throws.

import { fromHex } from './bytes.js';
import { parseIpv4, parseIpv6, parseMac } from './addr.js';
import { LAYER_KINDS, LAYER_SCHEMAS, type FieldSchema, type Layer, type LayerKind } from './layers.js';
import { parseIpv4Option, parseIpv6Option, parseTcpOption, formatIpv4Option, formatIpv6Option, formatTcpOption } from './options.js';

/** Where a structured packet is wrong: the layer index, the field if one is to blame, and why. */
export interface BuildError { layer: number; field?: string; message: string }

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const maxOf = (bits: number): number => (bits >= 32 ? 0xffffffff : 2 ** bits - 1);

export function isUint(v: unknown, bits: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= maxOf(bits);
}

/** Why `v` is not a valid value for field `f`, or null if it is. */
export function fieldProblem(f: FieldSchema, v: unknown): string | null {
  const bits = f.bits ?? 16;
  switch (f.type) {
    case 'uint': case 'tcpflags': case 'ipflags':
      return isUint(v, bits) ? null : `${f.name} must be an integer 0..${maxOf(bits)}`;
    case 'chksum':
      return v === 'bad' || isUint(v, 16) ? null : `${f.name} must be 0..65535 or "bad"`;
    case 'mac': return typeof v === 'string' && parseMac(v) ? null : `${f.name} must be a MAC address like 02:00:00:00:00:01`;
    case 'ipv4': return typeof v === 'string' && parseIpv4(v) ? null : `${f.name} must be an IPv4 address like 10.0.0.1`;
    case 'ipv6': return typeof v === 'string' && parseIpv6(v) ? null : `${f.name} must be an IPv6 address like fd00::1`;
    case 'text': return typeof v === 'string' ? null : `${f.name} must be a string`;
    case 'hex': return typeof v === 'string' && fromHex(v) ? null : `${f.name} must be an even number of hex digits`;
    case 'ipv6list':
      return Array.isArray(v) && v.every((a) => typeof a === 'string' && parseIpv6(a)) ? null : `${f.name} must be a list of IPv6 addresses`;
    case 'tcpopts': return optionsProblem(v, f.name, (o) => parseTcpOption(formatTcpOption(o as never)), 'TCP');
    case 'ipopts': return optionsProblem(v, f.name, (o) => parseIpv4Option(formatIpv4Option(o as never)), 'IPv4');
    case 'ip6opts': return optionsProblem(v, f.name, (o) => parseIpv6Option(formatIpv6Option(o as never)), 'IPv6');
  }
}

const OPTION_SHAPES: Readonly<Record<string, Readonly<Record<string, 'n' | 's' | 'blocks'>>>> = {
  eol: {}, nop: {}, sackok: {}, pad1: {}, mss: { value: 'n' }, wscale: { value: 'n' }, ra: { value: 'n' },
  padn: { len: 'n' }, ts: { val: 'n', ecr: 'n' }, sack: { blocks: 'blocks' }, raw: { hex: 's' },
};

/** Options are checked by shape, then by printing and re-parsing them, so the range rules live
 * only in the option parsers. */
function optionsProblem(v: unknown, name: string, reparse: (o: unknown) => { ok: boolean; message?: string }, what: string): string | null {
  if (!Array.isArray(v)) return `${name} must be a list of ${what} options`;
  for (const o of v) {
    const shape = isObj(o) && typeof o.kind === 'string' ? OPTION_SHAPES[o.kind] : undefined;
    if (!isObj(o) || !shape) return `${name}: not a ${what} option: ${JSON.stringify(o)}`;
    for (const [k, t] of Object.entries(shape)) {
      const x = o[k];
      const good = t === 'n' ? typeof x === 'number' && Number.isInteger(x) && x >= 0
        : t === 's' ? typeof x === 'string'
          : Array.isArray(x) && x.every((p) => Array.isArray(p) && p.length === 2 && p.every((e) => typeof e === 'number' && Number.isInteger(e) && e >= 0));
      if (!good) return `${name}: ${o.kind} option needs ${k}`;
    }
    const r = reparse(o);
    if (!r.ok) return `${name}: ${r.message}`;
  }
  return null;
}

/** The layers, checked; the result shares no objects with the input that callers could mutate. */
export function validateLayers(input: unknown): { ok: true; layers: Layer[] } | { ok: false; error: BuildError } {
  if (!Array.isArray(input)) return { ok: false, error: { layer: 0, message: 'a packet is a list of layers' } };
  const layers: Layer[] = [];
  for (let i = 0; i < input.length; i++) {
    const l: unknown = input[i];
    if (!isObj(l) || typeof l.kind !== 'string' || !(LAYER_KINDS as readonly string[]).includes(l.kind)) {
      return { ok: false, error: { layer: i, message: `layer ${i + 1} has no known kind (expected one of ${LAYER_KINDS.join(', ')})` } };
    }
    const kind = l.kind as LayerKind;
    const schema = LAYER_SCHEMAS[kind];
    for (const [k, v] of Object.entries(l)) {
      if (k === 'kind' || v === undefined) continue;
      const f = schema.fields.find((x) => x.name === k);
      if (!f) return { ok: false, error: { layer: i, field: k, message: `${kind} has no field "${k}"` } };
      const p = fieldProblem(f, v);
      if (p) return { ok: false, error: { layer: i, field: k, message: `${kind}: ${p}` } };
    }
    const e = combinationProblem(l, kind);
    if (e) return { ok: false, error: { layer: i, ...e } };
    if (i > 0 && (input[i - 1] as { kind?: unknown }).kind === 'trailer' && kind !== 'trailer') {
      return { ok: false, error: { layer: i, message: 'only trailers may follow a trailer' } };
    }
    layers.push(JSON.parse(JSON.stringify(l)) as Layer);
  }
  return { ok: true, layers };
}

function combinationProblem(l: Record<string, unknown>, kind: LayerKind): { field?: string; message: string } | null {
  if (kind === 'payload' || kind === 'trailer') {
    const given = ['text', 'hex', 'len'].filter((k) => l[k] !== undefined);
    if (given.length > 1) return { field: given[1]!, message: `${kind} takes one of text, hex or len, not ${given.join(' and ')}` };
    if (l.fill !== undefined && l.len === undefined) return { field: 'fill', message: `${kind}: fill needs len` };
  }
  if ((kind === 'icmp' || kind === 'icmpv6') && l.rest !== undefined) {
    const clash = ['id', 'seq'].find((k) => l[k] !== undefined);
    if (clash) return { field: clash, message: `${kind}: give either rest or id/seq, not both` };
  }
  if (kind === 'routing' && Array.isArray(l.addrs) && l.addrs.length > 127) {
    return { field: 'addrs', message: 'routing: at most 127 addresses fit in the header' };
  }
  return null;
}
