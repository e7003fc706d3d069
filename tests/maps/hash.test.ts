import { describe, expect, test } from 'vitest';
import {
  BPF_ANY, BPF_EXIST, BPF_F_LOCK, BPF_NOEXIST, dumpMap, E2BIG, EEXIST, EINVAL, ENOENT, mapDeleteElem, mapLookupElem,
  mapLookupPercpuElem, mapUpdateElem, sysGetNextKey, sysLookupAndDeleteElem, sysLookupElem, sysUpdateElem,
} from '../../src/core/maps/index.js';
import { bytes, mk, readU32, u32 } from './util.js';

const keysOf = (m: ReturnType<typeof mk>): number[] => dumpMap(m).map((e) => readU32(e.key));

describe('hash', () => {
  test('insert, replace, delete, and the flags that refuse them', () => {
    const m = mk('hash', 4, 2, 2);
    expect(mapUpdateElem(m, u32(1), bytes(1, 1), BPF_EXIST)).toBe(-ENOENT);
    expect(mapUpdateElem(m, u32(1), bytes(1, 1), BPF_NOEXIST)).toBe(0);
    expect(mapUpdateElem(m, u32(1), bytes(2, 2), BPF_NOEXIST)).toBe(-EEXIST);
    expect(mapUpdateElem(m, u32(1), bytes(2, 2), BPF_EXIST)).toBe(0);
    expect(mapUpdateElem(m, u32(1), bytes(2, 2), 3)).toBe(-EINVAL);
    expect(mapUpdateElem(m, u32(1), bytes(2, 2), BPF_F_LOCK)).toBe(-EINVAL);
    expect([...mapLookupElem(m, u32(1))!]).toEqual([2, 2]);
    expect(mapDeleteElem(m, u32(1))).toBe(0);
    expect(mapDeleteElem(m, u32(1))).toBe(-ENOENT);
    expect(mapLookupElem(m, u32(1))).toBeNull();
  });

  test('a full map refuses new keys with E2BIG but still replaces existing ones', () => {
    for (const flags of [0, 1]) {
      const m = mk('hash', 4, 1, 2, flags);
      expect(mapUpdateElem(m, u32(1), bytes(1), BPF_ANY)).toBe(0);
      expect(mapUpdateElem(m, u32(2), bytes(2), BPF_ANY)).toBe(0);
      expect(mapUpdateElem(m, u32(3), bytes(3), BPF_ANY)).toBe(-E2BIG);
      expect(mapUpdateElem(m, u32(2), bytes(9), BPF_ANY)).toBe(0);
      expect(mapDeleteElem(m, u32(1))).toBe(0);
      expect(mapUpdateElem(m, u32(3), bytes(3), BPF_ANY)).toBe(0);
      expect(keysOf(m).sort()).toEqual([2, 3]);
    }
  });

  test('replacing a value gives it new storage; an old pointer keeps the old bytes', () => {
    const m = mk('hash', 4, 2, 4);
    mapUpdateElem(m, u32(1), bytes(1, 1), 0);
    const old = mapLookupElem(m, u32(1))!;
    mapUpdateElem(m, u32(1), bytes(2, 2), 0);
    const cur = mapLookupElem(m, u32(1))!;
    expect(cur).not.toBe(old);
    expect([...old]).toEqual([1, 1]);
    old[0] = 99; // a write through the stale pointer does not reach the map
    expect(sysLookupElem(m, u32(1))).toEqual({ ok: true, value: bytes(2, 2) });
    cur[1] = 42;
    expect(sysLookupElem(m, u32(1))).toEqual({ ok: true, value: bytes(2, 42) });
  });

  test('iterates in the kernel order for BPF_F_ZERO_SEED: buckets by jhash, newest first in a bucket', () => {
    const m = mk('hash', 4, 4, 8, 64);
    for (let i = 1; i <= 6; i++) mapUpdateElem(m, u32(i), u32(i), 0);
    // measured on Linux 6.18 with the same declaration and inserts
    expect(keysOf(m)).toEqual([4, 2, 1, 6, 5, 3]);
    const walk: number[] = [];
    for (let k = sysGetNextKey(m, null); k.ok; k = sysGetNextKey(m, k.value)) walk.push(readU32(k.value));
    expect(walk).toEqual([4, 2, 1, 6, 5, 3]);
  });

  test('get_next_key of a missing key starts over from the first key', () => {
    const m = mk('hash', 4, 4, 8, 64);
    for (let i = 1; i <= 3; i++) mapUpdateElem(m, u32(i), u32(i), 0);
    expect(sysGetNextKey(m, u32(42))).toEqual(sysGetNextKey(m, null));
    expect(sysGetNextKey(mk('hash', 4, 4, 8), null)).toEqual({ ok: false, errno: ENOENT });
  });

  test('lookup-and-delete returns the value and removes the element', () => {
    const m = mk('hash', 4, 2, 4);
    mapUpdateElem(m, u32(1), bytes(3, 4), 0);
    expect(sysLookupAndDeleteElem(m, u32(1))).toEqual({ ok: true, value: bytes(3, 4) });
    expect(sysLookupAndDeleteElem(m, u32(1))).toEqual({ ok: false, errno: ENOENT });
    expect(sysLookupAndDeleteElem(m, u32(1), BPF_F_LOCK)).toEqual({ ok: false, errno: EINVAL });
    expect(sysLookupAndDeleteElem(m, u32(1), 8)).toEqual({ ok: false, errno: EINVAL });
  });
});

describe('percpu_hash', () => {
  test('a program creating an element sets this CPU and zeroes the others', () => {
    const m = mk('percpu_hash', 4, 2, 4);
    m.env.cpu = 1;
    expect(mapUpdateElem(m, u32(1), bytes(5, 6), 0)).toBe(0);
    expect(dumpMap(m)).toEqual([{ key: u32(1), value: [bytes(0, 0), bytes(5, 6)] }]);
    expect(sysLookupElem(m, u32(1))).toEqual({ ok: true, value: Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 5, 6, 0, 0, 0, 0, 0, 0]) });
  });

  test('updates of an existing element happen in place, so pointers stay live', () => {
    const m = mk('percpu_hash', 4, 1, 4);
    sysUpdateElem(m, u32(1), new Uint8Array(16), 0);
    const p0 = mapLookupElem(m, u32(1), { cpu: 0 })!;
    mapUpdateElem(m, u32(1), bytes(9), 0, { cpu: 0 });
    expect(mapLookupElem(m, u32(1), { cpu: 0 })).toBe(p0);
    expect(p0[0]).toBe(9);
    expect([...mapLookupPercpuElem(m, u32(1), 1)!]).toEqual([0]);
    expect(mapUpdateElem(m, u32(1), bytes(9), BPF_F_LOCK)).toBe(-EINVAL);
  });
});
