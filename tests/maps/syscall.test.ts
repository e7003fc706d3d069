// The checks bpf() adds on top of the map ops (syscall.c), and how the two paths differ.
import { describe, expect, test } from 'vitest';
import {
  BPF_F_LOCK, EFAULT, EINVAL, ENOTSUPP, EPERM, mapLookupElem, mapUpdateElem, sysDeleteElem, sysGetNextKey,
  sysLookupAndDeleteElem, sysLookupElem, sysUpdateElem, sysValueSize,
} from '../../src/core/maps/index.js';
import { bytes, mk, u32 } from './util.js';

describe('syscall path', () => {
  test('keyed maps fault on a NULL key, keyless maps refuse a key', () => {
    const h = mk('hash', 4, 1, 2);
    expect(sysLookupElem(h, null)).toEqual({ ok: false, errno: EFAULT });
    expect(sysUpdateElem(h, null, bytes(1))).toEqual({ ok: false, errno: EFAULT });
    expect(sysDeleteElem(h, null)).toEqual({ ok: false, errno: EFAULT });
    expect(sysLookupAndDeleteElem(h, null)).toEqual({ ok: false, errno: EFAULT });
    const q = mk('stack', 0, 1, 2);
    expect(sysLookupElem(q, new Uint8Array(0))).toEqual({ ok: false, errno: EINVAL });
    expect(sysGetNextKey(q, new Uint8Array(0))).toEqual({ ok: false, errno: EINVAL });
  });

  test('BPF_F_LOCK is refused (no map has a spin lock) and other lookup flags are unknown', () => {
    const a = mk('array', 4, 1, 2);
    expect(sysLookupElem(a, u32(0), BPF_F_LOCK)).toEqual({ ok: false, errno: EINVAL });
    expect(sysLookupElem(a, u32(0), 1)).toEqual({ ok: false, errno: EINVAL });
    expect(sysUpdateElem(a, u32(0), bytes(1), BPF_F_LOCK)).toEqual({ ok: false, errno: EINVAL });
  });

  test('BPF_F_RDONLY maps refuse writes, BPF_F_WRONLY maps refuse reads, from user space only', () => {
    const ro = mk('hash', 4, 1, 2, 8);
    expect(sysUpdateElem(ro, u32(1), bytes(1))).toEqual({ ok: false, errno: EPERM });
    expect(sysDeleteElem(ro, u32(1))).toEqual({ ok: false, errno: EPERM });
    expect(sysLookupAndDeleteElem(ro, u32(1))).toEqual({ ok: false, errno: EPERM });
    expect(mapUpdateElem(ro, u32(1), bytes(1), 0)).toBe(0);
    expect(sysLookupElem(ro, u32(1))).toEqual({ ok: true, value: bytes(1) });
    const wo = mk('hash', 4, 1, 2, 16);
    expect(sysUpdateElem(wo, u32(1), bytes(1))).toEqual({ ok: true, value: undefined });
    expect(sysLookupElem(wo, u32(1))).toEqual({ ok: false, errno: EPERM });
    expect(sysGetNextKey(wo, null)).toEqual({ ok: false, errno: EPERM });
    expect(mapLookupElem(wo, u32(1))).toEqual(bytes(1));
  });

  test('lookup-and-delete exists for hash, queue, stack and stack_trace maps only', () => {
    expect(sysLookupAndDeleteElem(mk('lpm_trie', 5, 1, 1, 1), bytes(8, 0, 0, 0, 1))).toEqual({ ok: false, errno: ENOTSUPP });
    expect(sysLookupAndDeleteElem(mk('percpu_array', 4, 1, 1), u32(0))).toEqual({ ok: false, errno: ENOTSUPP });
  });

  test('value sizes: per-CPU maps take every CPU, fd maps a u32', () => {
    expect(sysValueSize(mk('percpu_hash', 4, 5, 1))).toBe(16);
    expect(sysValueSize(mk('prog_array', 4, 4, 1))).toBe(4);
    expect(sysValueSize(mk('ringbuf', 0, 0, 4096))).toBe(0);
  });

  test('wrong key or value sizes and unknown CPUs are caller bugs and throw', () => {
    const h = mk('hash', 4, 2, 2);
    expect(() => sysLookupElem(h, bytes(1))).toThrow(/key must be 4 bytes/);
    expect(() => mapUpdateElem(h, u32(1), bytes(1), 0)).toThrow(/value must be 2 bytes/);
    expect(() => mapLookupElem(h, u32(1), { cpu: 2 })).toThrow(RangeError);
  });
});
