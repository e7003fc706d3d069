import { describe, expect, test } from 'vitest';
import { dumpMap, E2BIG, loadMap, mapLookupElem, type MapEntry } from '../../src/core/maps/index.js';
import { bytes, mk, readU32, u32 } from './util.js';

describe('dumpMap and loadMap', () => {
  test('round-trip every keyed map type through plain data', () => {
    const cases: [ReturnType<typeof mk>, MapEntry[]][] = [
      [mk('array', 4, 2, 2), [{ key: u32(0), value: bytes(1, 2) }, { key: u32(1), value: bytes(3, 4) }]],
      [mk('percpu_array', 4, 1, 1), [{ key: u32(0), value: [bytes(1), bytes(2)] }]],
      [mk('hash', 4, 1, 4, 64), [{ key: u32(7), value: bytes(7) }, { key: u32(8), value: bytes(8) }]],
      [mk('percpu_hash', 4, 1, 4), [{ key: u32(7), value: [bytes(7), bytes(70)] }]],
      [mk('lru_hash', 4, 1, 4), [{ key: u32(7), value: bytes(7) }]],
      [mk('lru_percpu_hash', 4, 1, 4), [{ key: u32(7), value: [bytes(1), bytes(2)] }]],
      [mk('lpm_trie', 5, 1, 4, 1), [{ key: bytes(8, 0, 0, 0, 10), value: bytes(1) }, { key: bytes(4, 0, 0, 0, 0), value: bytes(2) }]],
      [mk('prog_array', 4, 4, 2), [{ key: u32(1), value: u32(5) }]],
    ];
    for (const [m, entries] of cases) {
      expect(loadMap(m, entries), m.type).toEqual({ ok: true });
      const back = dumpMap(m);
      const sortKey = (e: MapEntry): string => Buffer.from(e.key).toString('hex');
      expect([...back].sort((a, b) => sortKey(a).localeCompare(sortKey(b))), m.type)
        .toEqual([...entries].sort((a, b) => sortKey(a).localeCompare(sortKey(b))));
    }
  });

  test('a dump is a copy: editing it does not touch the map', () => {
    const m = mk('array', 4, 1, 1);
    const [e] = dumpMap(m);
    (e!.value as Uint8Array)[0] = 9;
    expect(mapLookupElem(m, u32(0))![0]).toBe(0);
  });

  test('one value for a per-CPU map fills every CPU', () => {
    const m = mk('percpu_hash', 4, 2, 2);
    expect(loadMap(m, [{ key: u32(1), value: bytes(4, 5) }])).toEqual({ ok: true });
    expect(dumpMap(m)).toEqual([{ key: u32(1), value: [bytes(4, 5), bytes(4, 5)] }]);
  });

  test('bad entries are errors with their index, not exceptions', () => {
    const m = mk('hash', 4, 1, 1);
    expect(loadMap(m, [{ key: bytes(1), value: bytes(1) }])).toEqual({ ok: false, error: { index: 0, errno: 0, message: 'entry 0: keys are 4 bytes, got 1' } });
    expect(loadMap(m, [{ key: u32(1), value: bytes(1, 2) }])).toMatchObject({ ok: false, error: { index: 0, message: 'entry 0: values are 1 bytes, got 2' } });
    expect(loadMap(m, [{ key: u32(1), value: [bytes(1)] }])).toMatchObject({ ok: false, error: { message: 'entry 0: takes one value, not one per CPU' } });
    expect(loadMap(m, [{ key: u32(1), value: bytes(1) }, { key: u32(2), value: bytes(2) }]))
      .toEqual({ ok: false, error: { index: 1, errno: E2BIG, message: 'entry 1: E2BIG: the hash map refused the update' } });
    expect(loadMap(mk('percpu_array', 4, 1, 1), [{ key: u32(0), value: [bytes(1)] }]))
      .toMatchObject({ ok: false, error: { message: 'entry 0: needs one value per CPU (2), got 1' } });
    expect(loadMap(mk('queue', 0, 1, 1), [{ key: u32(0), value: bytes(1) }])).toMatchObject({ ok: false, error: { message: 'entry 0: keys are 0 bytes, got 4' } });
  });

  test('loading keeps the kernel semantics of each map: an LRU map evicts while loading', () => {
    const m = mk('lru_hash', 4, 1, 2);
    const entries = [1, 2, 3, 4].map((k) => ({ key: u32(k), value: bytes(k) }));
    expect(loadMap(m, entries)).toEqual({ ok: true });
    expect(dumpMap(m).map((e) => readU32(e.key)).sort()).toEqual([3, 4]);
  });
});
