import { describe, expect, test } from 'vitest';
import { htabHash, jhash, jhash2 } from '../../src/core/maps/jhash.js';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('jhash (lookup3 hashlittle)', () => {
  test('matches the published lookup3 test vectors', () => {
    expect(jhash(new Uint8Array(0), 0)).toBe(0xdeadbeef);
    expect(jhash(text('Four score and seven years ago'), 0)).toBe(0x17770551);
    expect(jhash(text('Four score and seven years ago'), 1)).toBe(0xcd628161);
  });

  test('jhash2 over words equals jhash over the same little-endian bytes', () => {
    const b = Uint8Array.from({ length: 24 }, (_, i) => (i * 37 + 11) & 0xff);
    const words = Array.from({ length: 6 }, (_, i) => new DataView(b.buffer).getUint32(i * 4, true));
    for (const seed of [0, 1, 0xdeadbeef]) {
      expect(jhash2(words, seed)).toBe(jhash(b, seed));
      expect(jhash2(words.slice(0, 3), seed)).toBe(jhash(b.slice(0, 12), seed));
    }
  });

  test('htabHash picks jhash2 for keys whose length is a multiple of 4, jhash otherwise', () => {
    const k = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(htabHash(k, 0)).toBe(jhash(k, 0));
    const odd = Uint8Array.from([1, 2, 3]);
    expect(htabHash(odd, 0)).toBe(jhash(odd, 0));
    expect(htabHash(odd, 0)).not.toBe(htabHash(Uint8Array.from([1, 2, 4]), 0));
  });
});
