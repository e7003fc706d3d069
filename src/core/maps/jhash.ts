// Bob Jenkins' lookup3 hash as include/linux/jhash.h has it (jhash over bytes, jhash2 over u32
// words). Hash maps pick buckets with it, which fixes the kernel's iteration order; the stack trace
// map derives stack ids from it.

const JHASH_INITVAL = 0xdeadbeef;

const rol32 = (x: number, s: number): number => ((x << s) | (x >>> (32 - s))) >>> 0;

interface Abc { a: number; b: number; c: number }

function mix(s: Abc): void {
  let { a, b, c } = s;
  a = (a - c) >>> 0; a = (a ^ rol32(c, 4)) >>> 0; c = (c + b) >>> 0;
  b = (b - a) >>> 0; b = (b ^ rol32(a, 6)) >>> 0; a = (a + c) >>> 0;
  c = (c - b) >>> 0; c = (c ^ rol32(b, 8)) >>> 0; b = (b + a) >>> 0;
  a = (a - c) >>> 0; a = (a ^ rol32(c, 16)) >>> 0; c = (c + b) >>> 0;
  b = (b - a) >>> 0; b = (b ^ rol32(a, 19)) >>> 0; a = (a + c) >>> 0;
  c = (c - b) >>> 0; c = (c ^ rol32(b, 4)) >>> 0; b = (b + a) >>> 0;
  s.a = a; s.b = b; s.c = c;
}

function final(s: Abc): void {
  let { a, b, c } = s;
  c = (c ^ b) >>> 0; c = (c - rol32(b, 14)) >>> 0;
  a = (a ^ c) >>> 0; a = (a - rol32(c, 11)) >>> 0;
  b = (b ^ a) >>> 0; b = (b - rol32(a, 25)) >>> 0;
  c = (c ^ b) >>> 0; c = (c - rol32(b, 16)) >>> 0;
  a = (a ^ c) >>> 0; a = (a - rol32(c, 4)) >>> 0;
  b = (b ^ a) >>> 0; b = (b - rol32(a, 14)) >>> 0;
  c = (c ^ b) >>> 0; c = (c - rol32(b, 24)) >>> 0;
  s.a = a; s.b = b; s.c = c;
}

const u32le = (k: Uint8Array, i: number): number =>
  ((k[i] ?? 0) | ((k[i + 1] ?? 0) << 8) | ((k[i + 2] ?? 0) << 16) | ((k[i + 3] ?? 0) << 24)) >>> 0;

/** jhash(key, length, initval) over bytes (little-endian word loads, as on x86-64). */
export function jhash(key: Uint8Array, initval: number): number {
  let length = key.length;
  const init = (JHASH_INITVAL + length + initval) >>> 0;
  const s: Abc = { a: init, b: init, c: init };
  let k = 0;
  while (length > 12) {
    s.a = (s.a + u32le(key, k)) >>> 0;
    s.b = (s.b + u32le(key, k + 4)) >>> 0;
    s.c = (s.c + u32le(key, k + 8)) >>> 0;
    mix(s);
    length -= 12;
    k += 12;
  }
  if (length === 0) return s.c;
  const byte = (i: number): number => key[k + i] ?? 0;
  // The kernel's switch falls through from `length` down to 1; summing the present bytes is the same.
  let a = 0, b = 0, c = 0;
  for (let i = 0; i < length; i++) {
    const v = (byte(i) << ((i % 4) * 8)) >>> 0;
    if (i < 4) a = (a + v) >>> 0;
    else if (i < 8) b = (b + v) >>> 0;
    else c = (c + v) >>> 0;
  }
  s.a = (s.a + a) >>> 0; s.b = (s.b + b) >>> 0; s.c = (s.c + c) >>> 0;
  final(s);
  return s.c;
}

/** jhash2(k, length_in_words, initval) over u32 words. */
export function jhash2(words: ArrayLike<number>, initval: number): number {
  let length = words.length;
  const init = (JHASH_INITVAL + ((length << 2) >>> 0) + initval) >>> 0;
  const s: Abc = { a: init, b: init, c: init };
  let k = 0;
  while (length > 3) {
    s.a = (s.a + (words[k] ?? 0)) >>> 0;
    s.b = (s.b + (words[k + 1] ?? 0)) >>> 0;
    s.c = (s.c + (words[k + 2] ?? 0)) >>> 0;
    mix(s);
    length -= 3;
    k += 3;
  }
  if (length === 0) return s.c;
  if (length === 3) s.c = (s.c + (words[k + 2] ?? 0)) >>> 0;
  if (length >= 2) s.b = (s.b + (words[k + 1] ?? 0)) >>> 0;
  s.a = (s.a + (words[k] ?? 0)) >>> 0;
  final(s);
  return s.c;
}

/** htab_map_hash(): jhash2 over words when the key length is a multiple of 4, else jhash. */
export function htabHash(key: Uint8Array, seed: number): number {
  if (key.length % 4 !== 0) return jhash(key, seed);
  const words = new Array<number>(key.length / 4);
  for (let i = 0; i < words.length; i++) words[i] = u32le(key, i * 4);
  return jhash2(words, seed);
}
