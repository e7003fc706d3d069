// Small byte helpers the map families share.

export const roundUp8 = (n: number): number => Math.ceil(n / 8) * 8;

export function roundupPowOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

export const isPowerOf2 = (n: number): boolean => n > 0 && (n & (n - 1)) === 0;

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Little-endian u32 at `off`. */
export const readU32 = (b: Uint8Array, off = 0): number =>
  ((b[off] ?? 0) | ((b[off + 1] ?? 0) << 8) | ((b[off + 2] ?? 0) << 16) | ((b[off + 3] ?? 0) << 24)) >>> 0;

export function u32Bytes(v: number): Uint8Array {
  const b = new Uint8Array(4);
  b[0] = v & 0xff;
  b[1] = (v >>> 8) & 0xff;
  b[2] = (v >>> 16) & 0xff;
  b[3] = (v >>> 24) & 0xff;
  return b;
}

/** Copies `src` into `dst` and returns an undo that puts the old bytes back. */
export function overwrite(dst: Uint8Array, src: Uint8Array): () => void {
  const old = dst.slice();
  dst.set(src.subarray(0, dst.length));
  return () => dst.set(old);
}
