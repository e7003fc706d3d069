// Byte formatting shared by the panes: hex pairs, little-endian integers, hex text ⇄ bytes.
export const hex2 = (b: number): string => b.toString(16).padStart(2, '0');

/** Bytes as lowercase hex pairs separated by spaces. */
export const spacedHex = (hex: string): string => (hex.match(/../g) ?? []).join(' ');

/** An unsigned little-endian integer from up to 8 bytes. */
export function u64le(b: Uint8Array): bigint {
  let v = 0n;
  for (let i = Math.min(b.length, 8) - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
  return v;
}

/** Hex text (spaces, colons allowed) → bytes, or null when it is not whole hex bytes. */
export function parseHexBytes(text: string): Uint8Array | null {
  const t = text.replace(/[\s:]+/g, '').replace(/^0x/i, '');
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(t)) return null;
  return Uint8Array.from(t.match(/../g) ?? [], (h) => parseInt(h, 16));
}

export const bytesFromHex = (hex: string): Uint8Array => parseHexBytes(hex) ?? new Uint8Array(0);
export const toHex = (b: Uint8Array): string => Array.from(b, hex2).join('');

/** How a key or value reads as integers: one little-endian unsigned for up to 8 bytes, else u64
 * (or u32) words. Per-CPU values (`a/b`) read per CPU. */
export function decodeInts(hex: string): string {
  if (hex.includes('/')) return hex.split('/').map(decodeInts).join(' / ');
  const b = bytesFromHex(hex);
  if (b.length === 0) return '';
  if (b.length <= 8) return u64le(b).toString();
  const w = b.length % 8 === 0 ? 8 : b.length % 4 === 0 ? 4 : 1;
  const words: string[] = [];
  for (let i = 0; i < b.length; i += w) words.push(u64le(b.subarray(i, i + w)).toString());
  return `[${words.join(', ')}]`;
}

/** An unsigned (or negative, two's complement) integer as `size` little-endian bytes, or null. */
export function intToHex(text: string, size: number): string | null {
  const t = text.trim();
  if (!/^-?(0x[0-9a-f]+|\d+)$/i.test(t) || size < 1 || size > 8) return null;
  let v: bigint;
  const neg = t.startsWith('-');
  try { v = BigInt(neg ? t.slice(1) : t); } catch { return null; }
  if (neg) v = -v;
  const bits = BigInt(size * 8);
  if (v >= 1n << bits || v < -(1n << (bits - 1n))) return null;
  v = BigInt.asUintN(Number(bits), v);
  let out = '';
  for (let i = 0; i < size; i++) { out += hex2(Number(v & 0xffn)); v >>= 8n; }
  return out;
}
