import { describe, expect, test } from 'vitest';
import {
  BPF_EXIST, BPF_NOEXIST, dumpMap, E2BIG, EINVAL, ENOENT, loadMap, mapDeleteElem, mapLookupElem, mapPeekElem, mapPopElem,
  mapPushElem, mapUpdateElem, sysDeleteElem, sysGetNextKey, sysLookupAndDeleteElem, sysLookupElem, sysUpdateElem,
} from '../../src/core/maps/index.js';
import { bytes, mk } from './util.js';

const pops = (m: ReturnType<typeof mk>): number[] => {
  const out: number[] = [];
  for (let r = mapPopElem(m); r.ret === 0; r = mapPopElem(m)) out.push(r.value[0]!);
  return out;
};

describe('queue and stack', () => {
  test('a queue pops oldest first, a stack newest first', () => {
    for (const [type, order] of [['queue', [1, 2, 3]], ['stack', [3, 2, 1]]] as const) {
      const m = mk(type, 0, 1, 3);
      for (const v of [1, 2, 3]) expect(mapPushElem(m, bytes(v), 0)).toBe(0);
      expect(mapPeekElem(m)).toEqual({ ret: 0, value: bytes(order[0]) });
      expect(pops(m)).toEqual(order);
    }
  });

  test('a full map refuses a push with E2BIG unless BPF_EXIST overwrites the oldest element', () => {
    for (const [type, after] of [['queue', [2, 3, 4]], ['stack', [4, 3, 2]]] as const) {
      const m = mk(type, 0, 1, 3);
      for (const v of [1, 2, 3]) mapPushElem(m, bytes(v), 0);
      expect(mapPushElem(m, bytes(4), 0)).toBe(-E2BIG);
      expect(mapPushElem(m, bytes(4), BPF_EXIST)).toBe(0);
      expect(pops(m)).toEqual(after);
    }
  });

  test('push refuses BPF_NOEXIST and unknown flags', () => {
    const m = mk('queue', 0, 1, 3);
    expect(mapPushElem(m, bytes(1), BPF_NOEXIST)).toBe(-EINVAL);
    expect(mapPushElem(m, bytes(1), 3)).toBe(-EINVAL);
    expect(mapPushElem(m, bytes(1), 4)).toBe(-EINVAL);
  });

  test('pop and peek of an empty map fail with ENOENT and a zeroed value', () => {
    const m = mk('stack', 0, 2, 1);
    expect(mapPopElem(m)).toEqual({ ret: -ENOENT, value: bytes(0, 0) });
    expect(mapPeekElem(m)).toEqual({ ret: -ENOENT, value: bytes(0, 0) });
  });

  test('programs cannot look up, update or delete by key', () => {
    const m = mk('queue', 0, 1, 1);
    expect(mapLookupElem(m, new Uint8Array(0))).toBeNull();
    expect(mapUpdateElem(m, new Uint8Array(0), bytes(1), 0)).toBe(-EINVAL);
    expect(mapDeleteElem(m, new Uint8Array(0))).toBe(-EINVAL);
    expect(mapPushElem(mk('array', 4, 1, 1), bytes(1), 0)).toBe(-EINVAL);
  });

  test('the syscall peeks on lookup, pushes on update, pops on lookup-and-delete, and wants NULL keys', () => {
    const m = mk('queue', 0, 1, 2);
    expect(sysUpdateElem(m, null, bytes(5), 0)).toEqual({ ok: true, value: undefined });
    expect(sysUpdateElem(m, new Uint8Array(0), bytes(5), 0)).toEqual({ ok: false, errno: EINVAL });
    expect(sysLookupElem(m, null)).toEqual({ ok: true, value: bytes(5) });
    expect(sysLookupAndDeleteElem(m, null, 1)).toEqual({ ok: false, errno: EINVAL });
    expect(sysLookupAndDeleteElem(m, null)).toEqual({ ok: true, value: bytes(5) });
    expect(sysLookupAndDeleteElem(m, null)).toEqual({ ok: false, errno: ENOENT });
    expect(sysDeleteElem(m, null)).toEqual({ ok: false, errno: EINVAL });
    expect(sysGetNextKey(m, null)).toEqual({ ok: false, errno: EINVAL });
  });

  test('plain data lists elements oldest first, and loading it rebuilds the same map', () => {
    for (const type of ['queue', 'stack'] as const) {
      const m = mk(type, 0, 1, 4);
      for (const v of [1, 2, 3]) mapPushElem(m, bytes(v), 0);
      mapPopElem(m);
      const entries = dumpMap(m);
      const copy = mk(type, 0, 1, 4);
      expect(loadMap(copy, entries)).toEqual({ ok: true });
      expect(dumpMap(copy)).toEqual(entries);
      expect(pops(copy)).toEqual(pops(m));
    }
  });
});
