import { describe, expect, test } from 'vitest';
import {
  E2BIG, EEXIST, EINVAL, ENOENT, ENOTSUPP, mapDeleteElem, mapDirectValue, mapLookupElem, mapLookupPercpuElem,
  mapUpdateElem, splitPercpu, sysDeleteElem, sysGetNextKey, sysLookupAndDeleteElem, sysLookupElem, sysUpdateElem,
} from '../../src/core/maps/index.js';
import { bytes, fill, mk, u32 } from './util.js';

describe('array', () => {
  test('every element exists from the start, zero-filled', () => {
    const m = mk('array', 4, 3, 4);
    for (let i = 0; i < 4; i++) expect(sysLookupElem(m, u32(i))).toEqual({ ok: true, value: bytes(0, 0, 0) });
    expect(sysLookupElem(m, u32(4))).toEqual({ ok: false, errno: ENOENT });
    expect(mapLookupElem(m, u32(4))).toBeNull();
  });

  test('a lookup hands out the same live view every time', () => {
    const m = mk('array', 4, 4, 2);
    const v = mapLookupElem(m, u32(1))!;
    expect(mapLookupElem(m, u32(1))).toBe(v);
    v.set([9, 8, 7, 6]);
    expect(sysLookupElem(m, u32(1))).toEqual({ ok: true, value: bytes(9, 8, 7, 6) });
    expect(mapUpdateElem(m, u32(1), bytes(1, 2, 3, 4), 0)).toBe(0);
    expect([...v]).toEqual([1, 2, 3, 4]);
  });

  test('update flags: BPF_EXIST and BPF_ANY overwrite, BPF_NOEXIST is EEXIST, others EINVAL', () => {
    const m = mk('array', 4, 1, 2);
    expect(mapUpdateElem(m, u32(0), bytes(5), 2)).toBe(0);
    expect(mapUpdateElem(m, u32(0), bytes(6), 1)).toBe(-EEXIST);
    expect(mapUpdateElem(m, u32(0), bytes(6), 3)).toBe(-EINVAL);
    expect(mapUpdateElem(m, u32(0), bytes(6), 5)).toBe(-EEXIST); // NOEXIST is tested as a bit
    expect(mapUpdateElem(m, u32(0), bytes(6), 4)).toBe(-EINVAL); // BPF_F_LOCK without a spin lock
    expect(mapUpdateElem(m, u32(2), bytes(6), 0)).toBe(-E2BIG);
    expect(sysLookupElem(m, u32(0))).toEqual({ ok: true, value: bytes(5) });
  });

  test('elements cannot be deleted, from programs or user space', () => {
    const m = mk('array', 4, 1, 2);
    expect(mapDeleteElem(m, u32(0))).toBe(-EINVAL);
    expect(sysDeleteElem(m, u32(0))).toEqual({ ok: false, errno: EINVAL });
    expect(sysLookupAndDeleteElem(m, u32(0))).toEqual({ ok: false, errno: ENOTSUPP });
  });

  test('get_next_key walks indexes in order and restarts at 0 for a key out of range', () => {
    const m = mk('array', 4, 1, 3);
    expect(sysGetNextKey(m, null)).toEqual({ ok: true, value: u32(0) });
    expect(sysGetNextKey(m, u32(0))).toEqual({ ok: true, value: u32(1) });
    expect(sysGetNextKey(m, u32(2))).toEqual({ ok: false, errno: ENOENT });
    expect(sysGetNextKey(m, u32(77))).toEqual({ ok: true, value: u32(0) });
  });

  test('direct value access only for single-element arrays', () => {
    const one = mk('array', 4, 8, 1);
    expect(mapDirectValue(one, 7)).toBe(mapLookupElem(one, u32(0)));
    expect(mapDirectValue(one, 8)).toBe(-EINVAL);
    expect(mapDirectValue(mk('array', 4, 8, 2), 0)).toBe(-ENOTSUPP);
    expect(mapDirectValue(mk('hash', 4, 8, 2), 0)).toBe(-EINVAL);
  });
});

describe('percpu_array', () => {
  test('a program update writes only the current CPU, lookups see that CPU', () => {
    const m = mk('percpu_array', 4, 2, 2);
    m.env.cpu = 1;
    expect(mapUpdateElem(m, u32(0), bytes(7, 7), 0)).toBe(0);
    expect([...mapLookupElem(m, u32(0))!]).toEqual([7, 7]);
    expect([...mapLookupElem(m, u32(0), { cpu: 0 })!]).toEqual([0, 0]);
    expect([...mapLookupPercpuElem(m, u32(0), 1)!]).toEqual([7, 7]);
    expect(mapLookupPercpuElem(m, u32(0), 2)).toBeNull();
    expect(mapLookupPercpuElem(m, u32(2), 0)).toBeNull();
  });

  test('the syscall copies every CPU, round_up(value_size, 8) apart, padding included', () => {
    const m = mk('percpu_array', 4, 2, 1);
    const flat = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    expect(sysUpdateElem(m, u32(0), flat, 0)).toEqual({ ok: true, value: undefined });
    expect(sysLookupElem(m, u32(0))).toEqual({ ok: true, value: flat });
    expect(splitPercpu(m, flat)).toEqual([bytes(1, 2), bytes(9, 10)]);
    expect([...mapLookupElem(m, u32(0), { cpu: 1 })!]).toEqual([9, 10]);
    expect(sysUpdateElem(m, u32(0), flat, 1)).toEqual({ ok: false, errno: EEXIST });
    expect(sysUpdateElem(m, u32(0), flat, 3)).toEqual({ ok: false, errno: EINVAL });
    expect(sysUpdateElem(m, u32(1), flat, 0)).toEqual({ ok: false, errno: E2BIG });
    expect(() => sysUpdateElem(m, u32(0), fill(8, 0), 0)).toThrow(/16 bytes/);
  });
});
