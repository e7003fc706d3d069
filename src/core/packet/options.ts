// TCP, IPv4 and IPv6 (Hop-by-Hop / Destination) options: their one-word text form in specs
// (`mss:1460`, `ts:1:0`, `raw:0101`), their encoding with the padding each header needs, and
// their decoding for the dissector (which must survive any bytes).

import { fromHex, toHex, u16, u32 } from './bytes.js';
import type { Ipv4Option, Ipv6Option, TcpOption } from './layers.js';

export type ItemResult<T> = { ok: true; value: T } | { ok: false; message: string };

const intArg = (s: string | undefined, bits: number, what: string): ItemResult<number> => {
  const max = bits === 32 ? 0xffffffff : (1 << bits) - 1;
  if (s === undefined || !/^(0x[0-9a-fA-F]+|\d+)$/.test(s)) return { ok: false, message: `${what} needs a number` };
  const v = Number(s);
  if (!(v <= max)) return { ok: false, message: `${what} must be 0..${max}, got ${s}` };
  return { ok: true, value: v };
};

const rawArg = (parts: string[]): ItemResult<{ kind: 'raw'; hex: string }> => {
  const hex = parts[1];
  if (parts.length !== 2 || hex === undefined || hex === '' || !fromHex(hex)) {
    return { ok: false, message: 'raw needs an even number of hex digits, e.g. raw:0204' };
  }
  return { ok: true, value: { kind: 'raw', hex: hex.toLowerCase() } };
};

function arity<T>(parts: string[], n: number, usage: string, make: () => ItemResult<T>): ItemResult<T> {
  return parts.length === n + 1 ? make() : { ok: false, message: `expected ${usage}` };
}

export const TCP_OPTION_WORDS = ['eol', 'nop', 'mss:N', 'wscale:N', 'sackok', 'sack:L-R[:L-R...]', 'ts:VAL:ECR', 'raw:HEX'];

export function parseTcpOption(word: string): ItemResult<TcpOption> {
  const parts = word.split(':');
  const name = parts[0]!.toLowerCase();
  switch (name) {
    case 'eol': case 'nop': case 'sackok':
      return arity(parts, 0, name, () => ({ ok: true, value: { kind: name } }));
    case 'mss': case 'wscale':
      return arity(parts, 1, `${name}:N`, () => {
        const v = intArg(parts[1], name === 'mss' ? 16 : 8, name);
        return v.ok ? { ok: true, value: { kind: name, value: v.value } } : v;
      });
    case 'ts':
      return arity(parts, 2, 'ts:VAL:ECR', () => {
        const a = intArg(parts[1], 32, 'ts value'), b = intArg(parts[2], 32, 'ts echo reply');
        if (!a.ok) return a;
        if (!b.ok) return b;
        return { ok: true, value: { kind: 'ts', val: a.value, ecr: b.value } };
      });
    case 'sack': {
      if (parts.length < 2 || parts.length > 5) return { ok: false, message: 'expected sack:L-R with 1 to 4 blocks' };
      const blocks: Array<[number, number]> = [];
      for (const p of parts.slice(1)) {
        const [l, r, extra] = p.split('-');
        const a = intArg(l, 32, 'sack left edge'), b = intArg(r, 32, 'sack right edge');
        if (extra !== undefined) return { ok: false, message: `sack block "${p}" must be L-R` };
        if (!a.ok) return a;
        if (!b.ok) return b;
        blocks.push([a.value, b.value]);
      }
      return { ok: true, value: { kind: 'sack', blocks } };
    }
    case 'raw': return rawArg(parts);
    default: return { ok: false, message: `unknown TCP option "${parts[0]}" (expected ${TCP_OPTION_WORDS.join(', ')})` };
  }
}

export function formatTcpOption(o: TcpOption): string {
  switch (o.kind) {
    case 'eol': case 'nop': case 'sackok': return o.kind;
    case 'mss': case 'wscale': return `${o.kind}:${o.value}`;
    case 'ts': return `ts:${o.val}:${o.ecr}`;
    case 'sack': return `sack:${o.blocks.map(([l, r]) => `${l}-${r}`).join(':')}`;
    case 'raw': return `raw:${o.hex}`;
  }
}

export const IPV4_OPTION_WORDS = ['eol', 'nop', 'ra:V', 'raw:HEX'];

export function parseIpv4Option(word: string): ItemResult<Ipv4Option> {
  const parts = word.split(':');
  const name = parts[0]!.toLowerCase();
  switch (name) {
    case 'eol': case 'nop': return arity(parts, 0, name, () => ({ ok: true, value: { kind: name } }));
    case 'ra': return arity(parts, 1, 'ra:V', () => {
      const v = intArg(parts[1], 16, 'router alert value');
      return v.ok ? { ok: true, value: { kind: 'ra', value: v.value } } : v;
    });
    case 'raw': return rawArg(parts);
    default: return { ok: false, message: `unknown IPv4 option "${parts[0]}" (expected ${IPV4_OPTION_WORDS.join(', ')})` };
  }
}

export function formatIpv4Option(o: Ipv4Option): string {
  switch (o.kind) {
    case 'eol': case 'nop': return o.kind;
    case 'ra': return `ra:${o.value}`;
    case 'raw': return `raw:${o.hex}`;
  }
}

export const IPV6_OPTION_WORDS = ['pad1', 'padn:N', 'ra:V', 'raw:HEX'];

export function parseIpv6Option(word: string): ItemResult<Ipv6Option> {
  const parts = word.split(':');
  const name = parts[0]!.toLowerCase();
  switch (name) {
    case 'pad1': return arity(parts, 0, name, () => ({ ok: true, value: { kind: 'pad1' } }));
    case 'padn': return arity(parts, 1, 'padn:N', () => {
      const v = intArg(parts[1], 8, 'padn data length');
      return v.ok ? { ok: true, value: { kind: 'padn', len: v.value } } : v;
    });
    case 'ra': return arity(parts, 1, 'ra:V', () => {
      const v = intArg(parts[1], 16, 'router alert value');
      return v.ok ? { ok: true, value: { kind: 'ra', value: v.value } } : v;
    });
    case 'raw': return rawArg(parts);
    default: return { ok: false, message: `unknown IPv6 option "${parts[0]}" (expected ${IPV6_OPTION_WORDS.join(', ')})` };
  }
}

export function formatIpv6Option(o: Ipv6Option): string {
  switch (o.kind) {
    case 'pad1': return 'pad1';
    case 'padn': return `padn:${o.len}`;
    case 'ra': return `ra:${o.value}`;
    case 'raw': return `raw:${o.hex}`;
  }
}

// ---- encoding -------------------------------------------------------------------------------

const be = (v: number, n: number): number[] => Array.from({ length: n }, (_, i) => Math.floor(v / 2 ** (8 * (n - 1 - i))) & 0xff);
const hexBytes = (hex: string): number[] => Array.from(fromHex(hex) ?? new Uint8Array(0));

/** TCP option bytes, padded with zeros (EOL) to a multiple of 4. */
export function encodeTcpOptions(opts: readonly TcpOption[]): Uint8Array {
  const out: number[] = [];
  for (const o of opts) {
    switch (o.kind) {
      case 'eol': out.push(0); break;
      case 'nop': out.push(1); break;
      case 'mss': out.push(2, 4, ...be(o.value, 2)); break;
      case 'wscale': out.push(3, 3, o.value & 0xff); break;
      case 'sackok': out.push(4, 2); break;
      case 'sack': out.push(5, 2 + 8 * o.blocks.length, ...o.blocks.flatMap(([l, r]) => [...be(l, 4), ...be(r, 4)])); break;
      case 'ts': out.push(8, 10, ...be(o.val, 4), ...be(o.ecr, 4)); break;
      case 'raw': out.push(...hexBytes(o.hex)); break;
    }
  }
  while (out.length % 4) out.push(0);
  return Uint8Array.from(out);
}

/** IPv4 option bytes, padded with zeros (EOL) to a multiple of 4. */
export function encodeIpv4Options(opts: readonly Ipv4Option[]): Uint8Array {
  const out: number[] = [];
  for (const o of opts) {
    switch (o.kind) {
      case 'eol': out.push(0); break;
      case 'nop': out.push(1); break;
      case 'ra': out.push(0x94, 4, ...be(o.value, 2)); break;
      case 'raw': out.push(...hexBytes(o.hex)); break;
    }
  }
  while (out.length % 4) out.push(0);
  return Uint8Array.from(out);
}

/** The option area of a Hop-by-Hop/Destination header (after its 2-byte start), padded with
 * Pad1 or PadN so the whole header is a multiple of 8 bytes (RFC 8200 §4.2). */
export function encodeIpv6Options(opts: readonly Ipv6Option[]): Uint8Array {
  const out: number[] = [];
  for (const o of opts) {
    switch (o.kind) {
      case 'pad1': out.push(0); break;
      case 'padn': out.push(1, o.len, ...new Array<number>(o.len).fill(0)); break;
      case 'ra': out.push(5, 2, ...be(o.value, 2)); break;
      case 'raw': out.push(...hexBytes(o.hex)); break;
    }
  }
  const pad = (8 - ((2 + out.length) % 8)) % 8;
  if (pad === 1) out.push(0);
  else if (pad > 1) out.push(1, pad - 2, ...new Array<number>(pad - 2).fill(0));
  return Uint8Array.from(out);
}

// ---- decoding -------------------------------------------------------------------------------

/** One option found in a header: where, what, and the structured value that re-encodes to it. */
export interface DecodedOption<T> {
  offset: number;
  length: number;
  name: string;
  label: string;
  value: number | string;
  display: string;
  option: T;
  /** Set when the bytes do not form a valid option (the rest of the area is taken as raw). */
  problem?: string;
}

const TCP_OPT_NAMES: Readonly<Record<number, string>> = {
  0: 'End of option list', 1: 'No-operation', 2: 'Maximum segment size', 3: 'Window scale', 4: 'SACK permitted',
  5: 'SACK', 8: 'Timestamps', 19: 'MD5 signature', 28: 'User timeout', 29: 'TCP-AO', 30: 'Multipath TCP',
  34: 'Fast Open cookie',
};
const IPV4_OPT_NAMES: Readonly<Record<number, string>> = {
  0: 'End of option list', 1: 'No-operation', 7: 'Record route', 68: 'Timestamp', 130: 'Security',
  131: 'Loose source route', 137: 'Strict source route', 148: 'Router alert',
};
const IPV6_OPT_NAMES: Readonly<Record<number, string>> = {
  0: 'Pad1', 1: 'PadN', 5: 'Router alert', 0xc2: 'Jumbo payload', 4: 'Tunnel encapsulation limit',
};

interface Tlv { at: number; kind: number; len: number; problem?: string }

/** Walks type-length-value options where `singles` are one-byte kinds (after `stopAt`, the rest
 * is one padding item); stops with a problem
 * (and the rest of the area as one item) at a length that is too short or runs off the end. */
function walkTlv(b: Uint8Array, start: number, end: number, singles: ReadonlySet<number>, stopAt: number | null, lengthCountsHeader: boolean): Tlv[] {
  const out: Tlv[] = [];
  let i = start;
  while (i < end) {
    const kind = b[i]!;
    if (singles.has(kind)) {
      out.push({ at: i, kind, len: 1 });
      i++;
      if (kind === stopAt && i < end) { out.push({ at: i, kind: -1, len: end - i }); break; }
      continue;
    }
    if (i + 1 >= end) { out.push({ at: i, kind, len: end - i, problem: 'option length missing' }); break; }
    // TCP and IPv4 count the type and length bytes in the length; IPv6 options do not.
    const len = lengthCountsHeader ? b[i + 1]! : b[i + 1]! + 2;
    if (len < 2) { out.push({ at: i, kind, len: end - i, problem: `option length ${len} is too short` }); break; }
    if (i + len > end) { out.push({ at: i, kind, len: end - i, problem: `option length ${len} runs past the header` }); break; }
    out.push({ at: i, kind, len });
    i += len;
  }
  return out;
}

const allZero = (b: Uint8Array, s: number, e: number): boolean => { for (let i = s; i < e; i++) if (b[i]) return false; return true; };

function rawItem<T>(b: Uint8Array, t: Tlv, names: Readonly<Record<number, string>>, make: (hex: string) => T, problem?: string): DecodedOption<T> {
  const hex = toHex(b, t.at, t.at + t.len);
  const label = t.kind < 0 ? 'Padding' : names[t.kind] ?? `Option ${t.kind}`;
  return {
    offset: t.at, length: t.len, name: t.kind < 0 ? 'padding' : 'raw', label, value: hex,
    display: problem ? `${hex} (${problem})` : hex, option: make(hex), ...(problem ? { problem } : {}),
  };
}

/** Decodes TCP options in `b[start..end)`. Zero padding after EOL is shown as padding. */
export function decodeTcpOptions(b: Uint8Array, start: number, end: number): DecodedOption<TcpOption>[] {
  const raw = (hex: string): TcpOption => ({ kind: 'raw', hex });
  return walkTlv(b, start, end, new Set([0, 1]), 0, true).map((t): DecodedOption<TcpOption> => {
    const base = { offset: t.at, length: t.len, label: TCP_OPT_NAMES[t.kind] ?? `Option ${t.kind}` };
    if (t.problem || t.kind < 0) return rawItem(b, t, TCP_OPT_NAMES, raw, t.problem);
    const d = t.at + 2;
    switch (t.kind) {
      case 0: return { ...base, name: 'eol', value: 0, display: 'EOL', option: { kind: 'eol' } };
      case 1: return { ...base, name: 'nop', value: 1, display: 'NOP', option: { kind: 'nop' } };
      case 2: if (t.len === 4) return { ...base, name: 'mss', value: u16(b, d), display: `${u16(b, d)}`, option: { kind: 'mss', value: u16(b, d) } }; break;
      case 3: if (t.len === 3) return { ...base, name: 'wscale', value: b[d]!, display: `${b[d]!} (×${2 ** Math.min(b[d]!, 30)})`, option: { kind: 'wscale', value: b[d]! } }; break;
      case 4: if (t.len === 2) return { ...base, name: 'sackok', value: '', display: 'yes', option: { kind: 'sackok' } }; break;
      case 5: if ((t.len - 2) % 8 === 0 && t.len > 2) {
        const blocks: Array<[number, number]> = [];
        for (let k = d; k < t.at + t.len; k += 8) blocks.push([u32(b, k), u32(b, k + 4)]);
        return { ...base, name: 'sack', value: toHex(b, d, t.at + t.len), display: blocks.map(([l, r]) => `${l}-${r}`).join(', '), option: { kind: 'sack', blocks } };
      } break;
      case 8: if (t.len === 10) {
        const val = u32(b, d), ecr = u32(b, d + 4);
        return { ...base, name: 'ts', value: toHex(b, d, d + 8), display: `TSval ${val}, TSecr ${ecr}`, option: { kind: 'ts', val, ecr } };
      } break;
    }
    return rawItem(b, t, TCP_OPT_NAMES, raw);
  });
}

export function decodeIpv4Options(b: Uint8Array, start: number, end: number): DecodedOption<Ipv4Option>[] {
  const raw = (hex: string): Ipv4Option => ({ kind: 'raw', hex });
  return walkTlv(b, start, end, new Set([0, 1]), 0, true).map((t): DecodedOption<Ipv4Option> => {
    const base = { offset: t.at, length: t.len, label: IPV4_OPT_NAMES[t.kind] ?? `Option ${t.kind}` };
    if (t.problem || t.kind < 0) return rawItem(b, t, IPV4_OPT_NAMES, raw, t.problem);
    if (t.kind === 0) return { ...base, name: 'eol', value: 0, display: 'EOL', option: { kind: 'eol' } };
    if (t.kind === 1) return { ...base, name: 'nop', value: 1, display: 'NOP', option: { kind: 'nop' } };
    if (t.kind === 0x94 && t.len === 4) {
      const v = u16(b, t.at + 2);
      return { ...base, name: 'ra', value: v, display: `${v}`, option: { kind: 'ra', value: v } };
    }
    return rawItem(b, t, IPV4_OPT_NAMES, raw);
  });
}

export function decodeIpv6Options(b: Uint8Array, start: number, end: number): DecodedOption<Ipv6Option>[] {
  const raw = (hex: string): Ipv6Option => ({ kind: 'raw', hex });
  return walkTlv(b, start, end, new Set([0]), null, false).map((t): DecodedOption<Ipv6Option> => {
    const base = { offset: t.at, length: t.len, label: IPV6_OPT_NAMES[t.kind] ?? `Option 0x${t.kind.toString(16)}` };
    if (t.problem) return rawItem(b, t, IPV6_OPT_NAMES, raw, t.problem);
    if (t.kind === 0) return { ...base, name: 'pad1', value: 0, display: 'Pad1', option: { kind: 'pad1' } };
    if (t.kind === 1 && allZero(b, t.at + 2, t.at + t.len)) {
      return { ...base, name: 'padn', value: t.len - 2, display: `PadN (${t.len - 2} bytes)`, option: { kind: 'padn', len: t.len - 2 } };
    }
    if (t.kind === 5 && t.len === 4) {
      const v = u16(b, t.at + 2);
      return { ...base, name: 'ra', value: v, display: `${v}`, option: { kind: 'ra', value: v } };
    }
    return rawItem(b, t, IPV6_OPT_NAMES, raw);
  });
}

/** The shortest structured option list that re-encodes to exactly `area`: trailing padding the
 * encoder adds by itself is dropped, everything else is kept (as raw where it is not an option). */
export function structuredOptions<T>(decoded: readonly DecodedOption<T>[], area: Uint8Array, encode: (o: T[]) => Uint8Array): T[] {
  const all = decoded.map((d) => d.option);
  for (let keep = Math.max(0, all.length - 3); keep <= all.length; keep++) {
    const enc = encode(all.slice(0, keep));
    if (enc.length === area.length && enc.every((x, i) => x === area[i])) return all.slice(0, keep);
  }
  return all;
}
