import { describe, expect, test } from 'vitest';
import {
  BPF_EXIST, BPF_NOEXIST, dumpMap, EEXIST, EINVAL, ENOENT, ENOSPC, mapDeleteElem, mapLookupElem, mapUpdateElem,
  sysGetNextKey, sysLookupElem,
} from '../../src/core/maps/index.js';
import { bytes, mk, u32 } from './util.js';

/** A key for a 4-byte (IPv4) trie: prefix length, then the address bytes. */
const ip = (prefix: number, a: number, b: number, c: number, d: number): Uint8Array => Uint8Array.from([...u32(prefix), a, b, c, d]);
const show = (k: Uint8Array): string => `${k[4]}.${k[5]}.${k[6]}.${k[7]}/${new DataView(k.buffer, k.byteOffset).getUint32(0, true)}`;

function docTrie(): ReturnType<typeof mk> {
  // The example at the top of kernel/bpf/lpm_trie.c
  const m = mk('lpm_trie', 8, 1, 10, 1);
  expect(mapUpdateElem(m, ip(16, 192, 168, 0, 0), bytes(1), 0)).toBe(0);
  expect(mapUpdateElem(m, ip(24, 192, 168, 0, 0), bytes(2), 0)).toBe(0);
  expect(mapUpdateElem(m, ip(24, 192, 168, 128, 0), bytes(3), 0)).toBe(0);
  expect(mapUpdateElem(m, ip(24, 192, 168, 1, 0), bytes(5), 0)).toBe(0);
  return m;
}

describe('lpm_trie', () => {
  test('a lookup returns the value of the longest matching prefix', () => {
    const m = docTrie();
    const at = (...a: [number, number, number, number]): number | null => mapLookupElem(m, ip(32, ...a))?.[0] ?? null;
    expect(at(192, 168, 0, 1)).toBe(2);
    expect(at(192, 168, 1, 200)).toBe(5);
    expect(at(192, 168, 128, 7)).toBe(3);
    expect(at(192, 168, 77, 1)).toBe(1);
    expect(at(10, 0, 0, 1)).toBeNull();
    // the lookup key's own prefix length limits the match
    expect(mapLookupElem(m, ip(20, 192, 168, 1, 1))?.[0]).toBe(1);
    expect(mapLookupElem(m, ip(33, 192, 168, 1, 1))).toBeNull();
    expect(sysLookupElem(m, ip(33, 192, 168, 1, 1))).toEqual({ ok: false, errno: ENOENT });
  });

  test('get_next_key walks in postorder: more specific prefixes first', () => {
    const m = docTrie();
    expect(dumpMap(m).map((e) => show(e.key))).toEqual(['192.168.0.0/24', '192.168.1.0/24', '192.168.128.0/24', '192.168.0.0/16']);
    expect(sysGetNextKey(m, ip(16, 192, 168, 0, 0))).toEqual({ ok: false, errno: ENOENT });
    // an unknown key, or one with too long a prefix, starts from the leftmost element
    expect(sysGetNextKey(m, ip(8, 1, 2, 3, 4))).toEqual({ ok: true, value: ip(24, 192, 168, 0, 0) });
    expect(sysGetNextKey(m, ip(99, 0, 0, 0, 0))).toEqual({ ok: true, value: ip(24, 192, 168, 0, 0) });
  });

  test('an intermediate node turns real when its prefix is inserted, and back when deleted', () => {
    const m = docTrie();
    expect(mapDeleteElem(m, ip(23, 192, 168, 0, 0))).toBe(-ENOENT);
    expect(mapUpdateElem(m, ip(23, 192, 168, 0, 0), bytes(4), BPF_NOEXIST)).toBe(0);
    expect(mapLookupElem(m, ip(32, 192, 168, 0, 1))?.[0]).toBe(2);
    expect(mapLookupElem(m, ip(24, 192, 168, 1, 0))?.[0]).toBe(5);
    expect(mapDeleteElem(m, ip(23, 192, 168, 0, 0))).toBe(0);
    expect(dumpMap(m).length).toBe(4);
  });

  test('update flags, bad prefix lengths, and a full trie', () => {
    const m = mk('lpm_trie', 5, 1, 2, 1);
    const k = (p: number, b: number): Uint8Array => Uint8Array.from([...u32(p), b]);
    expect(mapUpdateElem(m, k(8, 1), bytes(1), BPF_EXIST)).toBe(-ENOENT);
    expect(mapUpdateElem(m, k(8, 1), bytes(1), 0)).toBe(0);
    expect(mapUpdateElem(m, k(8, 1), bytes(2), BPF_NOEXIST)).toBe(-EEXIST);
    expect(mapUpdateElem(m, k(8, 1), bytes(2), BPF_EXIST)).toBe(0);
    expect(mapUpdateElem(m, k(8, 1), bytes(2), 3)).toBe(-EINVAL);
    expect(mapUpdateElem(m, k(9, 1), bytes(2), 0)).toBe(-EINVAL);
    expect(mapDeleteElem(m, k(9, 1))).toBe(-EINVAL);
    expect(mapUpdateElem(m, k(8, 2), bytes(3), 0)).toBe(0);
    expect(mapUpdateElem(m, k(8, 3), bytes(4), 0)).toBe(-ENOSPC);
    expect(mapUpdateElem(m, k(8, 2), bytes(5), 0)).toBe(0); // replacing still works when full
    expect(mapDeleteElem(m, k(8, 1))).toBe(0);
    expect(mapUpdateElem(m, k(8, 3), bytes(4), 0)).toBe(0);
  });

  test('a zero-length prefix matches everything', () => {
    const m = mk('lpm_trie', 8, 1, 4, 1);
    mapUpdateElem(m, ip(0, 0, 0, 0, 0), bytes(7), 0);
    expect(mapLookupElem(m, ip(32, 8, 8, 8, 8))?.[0]).toBe(7);
    expect(mapLookupElem(m, ip(0, 255, 0, 0, 0))?.[0]).toBe(7);
  });
});
