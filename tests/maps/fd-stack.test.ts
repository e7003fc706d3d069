// prog_array, perf_event_array and stack_trace: the maps programs reach through special helpers.
import { describe, expect, test } from 'vitest';
import {
  BPF_F_CURRENT_CPU, BPF_F_FAST_STACK_CMP, BPF_F_REUSE_STACKID, dumpMap, E2BIG, EEXIST, EFAULT, EINVAL, ENOENT, ENOMEM,
  ENOTSUPP, loadMap, mapLookupElem, mapUpdateElem, perfEventOutput, perfEventRecords, progArrayTarget,
  stackTraceGetId, sysDeleteElem, sysGetNextKey, sysLookupAndDeleteElem, sysLookupElem, sysUpdateElem,
} from '../../src/core/maps/index.js';
import { bytes, mk, u32 } from './util.js';

describe('prog_array', () => {
  test('slots hold program references set from user space; tail calls read them', () => {
    const m = mk('prog_array', 4, 4, 3);
    expect(sysUpdateElem(m, u32(1), u32(42))).toEqual({ ok: true, value: undefined });
    expect(progArrayTarget(m, 1)).toBe(42);
    expect(progArrayTarget(m, 0)).toBeNull();
    expect(progArrayTarget(m, 3)).toBeNull();
    expect(sysLookupElem(m, u32(1))).toEqual({ ok: true, value: u32(42) });
    expect(sysLookupElem(m, u32(0))).toEqual({ ok: false, errno: ENOENT });
    expect(dumpMap(m)).toEqual([{ key: u32(1), value: u32(42) }]);
  });

  test('updates take BPF_ANY only and refuse indexes past the end; deletes report empty slots', () => {
    const m = mk('prog_array', 4, 4, 3);
    expect(sysUpdateElem(m, u32(0), u32(1), 2)).toEqual({ ok: false, errno: EINVAL });
    expect(sysUpdateElem(m, u32(3), u32(1), 0)).toEqual({ ok: false, errno: E2BIG });
    expect(sysDeleteElem(m, u32(0))).toEqual({ ok: false, errno: ENOENT });
    expect(sysDeleteElem(m, u32(3))).toEqual({ ok: false, errno: E2BIG });
    sysUpdateElem(m, u32(0), u32(1), 0);
    expect(sysDeleteElem(m, u32(0))).toEqual({ ok: true, value: undefined });
    expect(sysGetNextKey(m, u32(2))).toEqual({ ok: false, errno: ENOENT });
    expect(sysLookupAndDeleteElem(m, u32(0))).toEqual({ ok: false, errno: ENOTSUPP });
    expect(mapLookupElem(m, u32(0))).toBeNull();
    expect(mapUpdateElem(m, u32(0), u32(1), 0)).toBe(-EINVAL);
  });
});

describe('perf_event_array', () => {
  test('bpf_perf_event_output picks the slot from the flags and needs an attached event', () => {
    const m = mk('perf_event_array', 4, 4, 2);
    expect(perfEventOutput(m, BPF_F_CURRENT_CPU, bytes(1))).toBe(-ENOENT);
    expect(loadMap(m, [{ key: u32(0), value: u32(1) }, { key: u32(1), value: u32(1) }])).toEqual({ ok: true });
    m.env.cpu = 1;
    expect(perfEventOutput(m, BPF_F_CURRENT_CPU, bytes(1))).toBe(0);
    expect(perfEventOutput(m, 0n, bytes(2, 2))).toBe(0);
    expect(perfEventOutput(m, 2n, bytes(3))).toBe(-E2BIG);
    expect(perfEventOutput(m, 1n << 32n, bytes(3))).toBe(-EINVAL);
    expect(perfEventRecords(m)).toEqual([{ cpu: 1, data: bytes(1) }, { cpu: 1, data: bytes(2, 2) }]);
  });

  test('user space cannot read slots back', () => {
    const m = mk('perf_event_array', 4, 4, 2);
    expect(sysLookupElem(m, u32(0))).toEqual({ ok: false, errno: ENOTSUPP });
  });
});

describe('stack_trace', () => {
  const stack = [0xffffffff81000010n, 0xffffffff81000020n, 0xffffffff81000030n];

  test('the same stack gets the same id; user space reads it as u64 frames, zero-padded', () => {
    const m = mk('stack_trace', 4, 32, 4);
    const id = stackTraceGetId(m, stack, 0n);
    expect(id).toBeGreaterThanOrEqual(0);
    expect(stackTraceGetId(m, stack, 0n)).toBe(id);
    const v = sysLookupElem(m, u32(id));
    expect(v.ok && [...new BigUint64Array(v.value.buffer)]).toEqual([...stack, 0n]);
    expect(sysGetNextKey(m, null)).toEqual({ ok: true, value: u32(id) });
    expect(mapLookupElem(m, u32(id))).toBeNull();
    expect(mapUpdateElem(m, u32(id), new Uint8Array(32), 0)).toBe(-EINVAL);
  });

  test('skipping frames, a collision, reuse and fast compare follow bpf_get_stackid', () => {
    const m = mk('stack_trace', 4, 16, 1); // one bucket: every stack collides
    const a = stackTraceGetId(m, stack, 1n); // skips the innermost frame
    expect(a).toBe(0);
    const v = sysLookupElem(m, u32(0));
    expect(v.ok && [...new BigUint64Array(v.value.buffer)]).toEqual([stack[1], stack[2]]);
    expect(stackTraceGetId(m, [1n, 2n], 0n)).toBe(-EEXIST);
    // reuse takes a new record before giving the old one back: with max_entries 1 there is none
    expect(stackTraceGetId(m, [1n, 2n], BigInt(BPF_F_REUSE_STACKID))).toBe(-ENOMEM);
    expect(stackTraceGetId(m, stack, 3n)).toBe(-EFAULT);
    expect(stackTraceGetId(m, stack, 1n << 11n)).toBe(-EINVAL);
    expect(stackTraceGetId(m, [1n, 2n], BigInt(BPF_F_FAST_STACK_CMP))).toBe(-EEXIST);

    const two = mk('stack_trace', 4, 8, 2);
    const first = stackTraceGetId(two, [1n], 0n);
    const other = [2n, 3n, 4n, 5n, 6n, 7n].find((ip) => stackTraceGetId(mk('stack_trace', 4, 8, 2), [ip], 0n) === first)!;
    expect(stackTraceGetId(two, [other], 0n)).toBe(-EEXIST);
    expect(stackTraceGetId(two, [other], BigInt(BPF_F_REUSE_STACKID))).toBe(first);
    const r = sysLookupElem(two, u32(first));
    expect(r.ok && new BigUint64Array(r.value.buffer)[0]).toBe(other);
  });

  test('ids beyond max_entries exist (buckets round up to a power of 2) but records run out', () => {
    const m = mk('stack_trace', 4, 8, 3);
    const ids = new Set<number>();
    let full = 0;
    for (let i = 1; i <= 40 && !full; i++) {
      const r = stackTraceGetId(m, [BigInt(i)], 0n);
      if (r === -ENOMEM) full = i;
      else if (r >= 0) ids.add(r);
    }
    expect(ids.size).toBe(3);
    expect(full).toBeGreaterThan(0);
    const id = [...ids][0]!;
    expect(sysDeleteElem(m, u32(id))).toEqual({ ok: true, value: undefined });
    expect(sysDeleteElem(m, u32(id))).toEqual({ ok: false, errno: ENOENT });
    expect(sysDeleteElem(m, u32(4))).toEqual({ ok: false, errno: E2BIG });
    expect(sysLookupAndDeleteElem(m, u32([...ids][1]!)).ok).toBe(true);
    expect(dumpMap(m).length).toBe(1);
  });

  test('build-id maps store each frame as an IP fallback record', () => {
    const m = mk('stack_trace', 4, 64, 2, 32);
    const id = stackTraceGetId(m, [0x1234n], 0n);
    const v = sysLookupElem(m, u32(id));
    const dv = v.ok ? new DataView(v.value.buffer) : null;
    expect([dv?.getInt32(0, true), dv?.getBigUint64(24, true), dv?.getInt32(32, true)]).toEqual([2, 0x1234n, 0]);
  });

  test('only bpf_get_stackid fills it', () => {
    expect(loadMap(mk('stack_trace', 4, 8, 1), [{ key: u32(0), value: new Uint8Array(8) }])).toMatchObject({ ok: false });
  });
});
