// LRU behaviour with the outcomes measured on Linux 6.18 (2 possible CPUs, everything on CPU 0
// unless said otherwise); differential.test.ts replays these against the kernel itself.
import { describe, expect, test } from 'vitest';
import {
  BPF_EXIST, BPF_NOEXIST, dumpMap, EEXIST, ENOENT, mapDeleteElem, mapLookupElem, mapUpdateElem, sysLookupElem, sysUpdateElem,
} from '../../src/core/maps/index.js';
import { bytes, mk, readU32, u32 } from './util.js';

const keysOf = (m: ReturnType<typeof mk>): number[] => dumpMap(m).map((e) => readU32(e.key)).sort((a, b) => a - b);
const put = (m: ReturnType<typeof mk>, from: number, to: number): void => {
  for (let i = from; i <= to; i++) expect(sysUpdateElem(m, u32(i), u32(i), 0).ok).toBe(true);
};

describe('lru_hash (common LRU)', () => {
  test('a full map evicts the oldest keys, target_free (max/cpus/2) at a time', () => {
    const m = mk('lru_hash', 4, 4, 8);
    put(m, 1, 8);
    put(m, 9, 9);
    expect(keysOf(m)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    put(m, 10, 10);
    expect(keysOf(m)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    put(m, 11, 12);
    expect(keysOf(m)).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
  });

  test('program lookups set the reference bit and save a key from eviction', () => {
    const m = mk('lru_hash', 4, 4, 8);
    put(m, 1, 8);
    mapLookupElem(m, u32(1));
    mapLookupElem(m, u32(2));
    put(m, 9, 9);
    expect(keysOf(m)).toEqual([1, 2, 5, 6, 7, 8, 9]);
    put(m, 10, 12);
    expect(keysOf(m)).toEqual([1, 2, 7, 8, 9, 10, 11, 12]);
  });

  test('syscall lookups do not mark', () => {
    const m = mk('lru_hash', 4, 4, 4);
    put(m, 1, 4);
    sysLookupElem(m, u32(1));
    mapLookupElem(m, u32(2));
    put(m, 5, 7);
    expect(keysOf(m)).toEqual([2, 5, 6, 7]);
  });

  test('an update refused by its flags has already taken a free node, evicting for it', () => {
    const m = mk('lru_hash', 4, 4, 4);
    put(m, 1, 4);
    expect(mapUpdateElem(m, u32(2), u32(7), BPF_NOEXIST)).toBe(-EEXIST);
    expect(keysOf(m)).toEqual([2, 3, 4]);
    expect(mapUpdateElem(m, u32(9), u32(7), BPF_EXIST)).toBe(-ENOENT);
    expect(keysOf(m)).toEqual([2, 3, 4]);
  });

  test('replacing a key gives it a new node marked referenced; deleting frees the node', () => {
    const m = mk('lru_hash', 4, 4, 4);
    expect(mapUpdateElem(m, u32(1), bytes(1, 1, 1, 1), 0)).toBe(0);
    const old = mapLookupElem(m, u32(1))!;
    expect(mapUpdateElem(m, u32(1), bytes(2, 2, 2, 2), 0)).toBe(0);
    expect(mapLookupElem(m, u32(1))).not.toBe(old);
    expect(mapDeleteElem(m, u32(1))).toBe(0);
    expect(mapDeleteElem(m, u32(1))).toBe(-ENOENT);
    put(m, 10, 13);
    expect(keysOf(m)).toEqual([10, 11, 12, 13]);
  });
});

describe('lru_hash with BPF_F_NO_COMMON_LRU', () => {
  test('each CPU evicts from its own list (4 nodes each here), PERCPU_FREE_TARGET at a time', () => {
    const m = mk('lru_hash', 4, 4, 7, 2);
    expect(m.maxEntries).toBe(8);
    put(m, 1, 6);
    expect(keysOf(m)).toEqual([5, 6]);
    m.env.cpu = 1;
    put(m, 20, 23);
    expect(keysOf(m)).toEqual([5, 6, 20, 21, 22, 23]);
  });
});

describe('lru_percpu_hash', () => {
  test('BPF_EXIST updates in place without taking a node; other updates may evict', () => {
    const m = mk('lru_percpu_hash', 4, 4, 2);
    expect(mapUpdateElem(m, u32(1), u32(10), 0)).toBe(0);
    expect(mapUpdateElem(m, u32(2), u32(20), 0)).toBe(0);
    const p = mapLookupElem(m, u32(1))!;
    expect(mapUpdateElem(m, u32(1), u32(11), BPF_EXIST)).toBe(0);
    expect(mapLookupElem(m, u32(1))).toBe(p);
    expect(readU32(p)).toBe(11);
    expect(keysOf(m)).toEqual([1, 2]);
    expect(mapUpdateElem(m, u32(3), u32(30), 0)).toBe(0);
    expect(keysOf(m).length).toBe(2);
  });
});
