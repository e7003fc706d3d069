// What a user types or pastes to give a program its packet: hex (plain, or a dump copied from
// tcpdump -xx, xxd or Wireshark) or a packet spec. Decides which it is by the first word and
// turns it into bytes, with located errors either way.

import { buildPacket } from './build.js';
import type { Layer } from './layers.js';
import { layerKindOf, parseSpec, type SpecError, type SpecSpan } from './spec.js';

export type HexResult = { ok: true; bytes: Uint8Array } | { ok: false; error: SpecError };

function spanAt(text: string, at: number, end: number): SpecSpan {
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const col = at - (before.lastIndexOf('\n') + 1) + 1;
  return { offset: at, end, line, col, endCol: col + Math.max(1, end - at) };
}

/** Parses hex bytes. Accepts separators (spaces, `:`, `-`, `,`), `0x` prefixes, and dump lines
 * that start with an offset (`0x0010:`, `00000010:`, `0010  `) and may end with an ASCII column. */
export function parseHex(text: string): HexResult {
  const out: number[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    let s = line.replace(/\r$/, '');
    let base = lineStart;
    lineStart += line.length + 1;
    // A dump line: offset, then hex, then (after a wide gap) an ASCII rendering to ignore.
    // With a colon the offset is unmistakable; with only spaces (Wireshark) it must equal the
    // number of bytes read so far, so plain hex like "4500  0073" is not taken for one.
    const off = /^(\s*(?:0x)?([0-9a-fA-F]{4,8})(:\s*|\s{2,}))(?=[0-9a-fA-F])/.exec(s);
    if (off && (off[3]!.startsWith(':') || parseInt(off[2]!, 16) === out.length)) {
      base += off[1]!.length;
      s = s.slice(off[1]!.length);
      const gap = /\s{2,}/.exec(s.trimEnd());
      if (gap) s = s.slice(0, gap.index);
    }
    const re = /(0x)?([0-9a-fA-F]+)|([\s:,;.-]+)|(.)/g;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      if (m[4] !== undefined) {
        const at = base + m.index;
        return { ok: false, error: { ...spanAt(text, at, at + 1), message: `not a hex digit: ${JSON.stringify(m[4])}` } };
      }
      const digits = m[2];
      if (digits === undefined) continue;
      if (digits.length % 2) {
        const at = base + m.index;
        return { ok: false, error: { ...spanAt(text, at, at + m[0].length), message: `odd number of hex digits in "${m[0]}" (write bytes as two digits)` } };
      }
      for (let i = 0; i < digits.length; i += 2) out.push(parseInt(digits.slice(i, i + 2), 16));
    }
  }
  if (out.length === 0) return { ok: false, error: { ...spanAt(text, 0, Math.max(1, text.length)), message: 'no bytes given' } };
  return { ok: true, bytes: Uint8Array.from(out) };
}

export type PacketInputResult =
  | { ok: true; bytes: Uint8Array; form: 'hex' }
  | { ok: true; bytes: Uint8Array; form: 'spec'; layers: Layer[] }
  | { ok: false; form: 'hex' | 'spec'; errors: SpecError[] };

/** Is this text a packet spec (it starts with a layer name) rather than hex? */
export function looksLikeSpec(text: string): boolean {
  const m = /^\s*([A-Za-z0-9_.]+)/.exec(text);
  return !!m && layerKindOf(m[1]!) !== undefined;
}

/** Bytes from either a spec (`eth/ipv4/udp`) or hex, with every error located in `text`. */
export function packetFromText(text: string): PacketInputResult {
  if (!looksLikeSpec(text)) {
    const h = parseHex(text);
    return h.ok ? { ok: true, bytes: h.bytes, form: 'hex' } : { ok: false, form: 'hex', errors: [h.error] };
  }
  const p = parseSpec(text);
  if (!p.ok) return { ok: false, form: 'spec', errors: p.errors };
  const b = buildPacket(p.layers);
  if (b.ok) return { ok: true, bytes: b.bytes, form: 'spec', layers: p.layers };
  const spans = p.spans[b.error.layer];
  const where = spans ? (b.error.field !== undefined ? spans.fields[b.error.field] : undefined) ?? spans.span : spanAt(text, 0, text.length);
  return { ok: false, form: 'spec', errors: [{ ...where, message: b.error.message }] };
}
