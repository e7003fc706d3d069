// Byte helpers shared by the packet builder and dissector: hex text, big-endian reads and writes,
// UTF-8 text (core has no TextEncoder in its lib), and a growable writer. Network byte order only.

/** Lowercase hex of `bytes`, no separators. */
export function toHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let s = '';
  for (let i = start; i < end; i++) s += (bytes[i]! < 16 ? '0' : '') + bytes[i]!.toString(16);
  return s;
}

/** Bytes of an even-length string of hex digits; null if it is not one. */
export function fromHex(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export const u8 = (b: Uint8Array, at: number): number => b[at]!;
export const u16 = (b: Uint8Array, at: number): number => (b[at]! << 8) | b[at + 1]!;
export const u32 = (b: Uint8Array, at: number): number =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** Appends big-endian fields; the builder's one way of laying out a header. */
export class ByteWriter {
  private buf = new Uint8Array(64);
  private n = 0;

  get length(): number { return this.n; }

  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
    next.set(this.buf.subarray(0, this.n));
    this.buf = next;
  }
  u8(v: number): this { this.room(1); this.buf[this.n++] = v & 0xff; return this; }
  u16(v: number): this { return this.u8(v >>> 8).u8(v); }
  u32(v: number): this { return this.u16(v >>> 16).u16(v & 0xffff); }
  bytes(b: Uint8Array): this { this.room(b.length); this.buf.set(b, this.n); this.n += b.length; return this; }
  zeros(k: number): this { this.room(k); this.buf.fill(0, this.n, this.n + k); this.n += k; return this; }
  /** Overwrites a 16-bit field already written (checksums, lengths). */
  patch16(at: number, v: number): this { this.buf[at] = (v >>> 8) & 0xff; this.buf[at + 1] = v & 0xff; return this; }
  done(): Uint8Array { return this.buf.slice(0, this.n); }
}

/** UTF-8 encoding of a JS string (lone surrogates become U+FFFD, as TextEncoder does). */
export function utf8Encode(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00); i++; }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** Bytes a user would read as text: printable ASCII plus tab, CR and LF. */
export function isPlainText(b: Uint8Array): boolean {
  for (const c of b) if (!((c >= 0x20 && c < 0x7f) || c === 9 || c === 10 || c === 13)) return false;
  return true;
}

export function asciiOf(b: Uint8Array): string {
  let s = '';
  for (const c of b) s += String.fromCharCode(c);
  return s;
}
