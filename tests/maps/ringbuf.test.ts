import { describe, expect, test } from 'vitest';
import {
  BPF_RB_AVAIL_DATA, BPF_RB_CONS_POS, BPF_RB_PROD_POS, BPF_RB_RING_SIZE, dumpMap, EAGAIN, EINVAL, ENOTSUPP, loadMap,
  ringbufConsume, ringbufDiscard, ringbufOutput, ringbufOwner, ringbufQuery, ringbufRecords, ringbufReserve, ringbufSubmit,
  sysGetNextKey, sysLookupElem, sysUpdateElem,
} from '../../src/core/maps/index.js';
import { bytes, fill, mk } from './util.js';

const q = (m: ReturnType<typeof mk>, f: number): number => ringbufQuery(m, BigInt(f));

describe('ringbuf', () => {
  test('each record takes an 8-byte header plus its data rounded up to 8', () => {
    const m = mk('ringbuf', 0, 0, 4096);
    expect(ringbufOutput(m, bytes(1, 2, 3), 0n)).toBe(0);
    expect(q(m, BPF_RB_PROD_POS)).toBe(16);
    expect(ringbufOutput(m, fill(8, 1), 0n)).toBe(0);
    expect(q(m, BPF_RB_PROD_POS)).toBe(32);
    expect(ringbufOutput(m, new Uint8Array(0), 0n)).toBe(0);
    expect([q(m, BPF_RB_AVAIL_DATA), q(m, BPF_RB_RING_SIZE), q(m, BPF_RB_CONS_POS), q(m, 99)]).toEqual([40, 4096, 0, 0]);
  });

  test('the ring is full once a record would put the producer size - 1 bytes ahead: output says EAGAIN', () => {
    const m = mk('ringbuf', 0, 0, 4096);
    expect(ringbufOutput(m, fill(4080, 1), 0n)).toBe(0); // 4088 bytes used
    expect(ringbufOutput(m, new Uint8Array(0), 0n)).toBe(-EAGAIN);
    expect(ringbufReserve(m, 0, 0n)).toBeNull();
    ringbufConsume(m);
    expect(ringbufOutput(m, fill(4081, 1), 0n)).toBe(-EAGAIN); // 4096 bytes would be the whole ring
    expect(ringbufOutput(m, fill(4080, 2), 0n)).toBe(0); // wraps around the end
    expect(ringbufConsume(m)).toEqual([fill(4080, 2)]);
  });

  test('records are read in reservation order, and a reader stops at one still reserved', () => {
    const m = mk('ringbuf', 0, 0, 4096);
    const a = ringbufReserve(m, 4, 0n)!;
    const b = ringbufReserve(m, 4, 0n)!;
    b.set([2, 2, 2, 2]);
    ringbufSubmit(m, b, 0n);
    expect(ringbufRecords(m).map((r) => [r.size, r.busy])).toEqual([[4, true]]);
    expect(ringbufConsume(m)).toEqual([]);
    a.set([1, 1, 1, 1]);
    ringbufSubmit(m, a, 0n);
    expect(ringbufConsume(m)).toEqual([bytes(1, 1, 1, 1), bytes(2, 2, 2, 2)]);
    expect(q(m, BPF_RB_CONS_POS)).toBe(32);
  });

  test('discarded records keep their space until consumed but are never delivered', () => {
    const m = mk('ringbuf', 0, 0, 4096);
    const a = ringbufReserve(m, 8, 0n)!;
    ringbufDiscard(m, a, 0n);
    ringbufOutput(m, bytes(9), 0n);
    expect(ringbufRecords(m).map((r) => r.discarded)).toEqual([true, false]);
    expect(dumpMap(m)).toEqual([{ key: new Uint8Array(0), value: bytes(9) }]);
    expect(ringbufConsume(m)).toEqual([bytes(9)]);
    expect(q(m, BPF_RB_AVAIL_DATA)).toBe(0);
  });

  test('a reservation starts with the stale bytes of the ring beneath it', () => {
    const m = mk('ringbuf', 0, 0, 4096);
    ringbufOutput(m, fill(4080, 7), 0n);
    ringbufConsume(m);
    const s = ringbufReserve(m, 16, 0n)!;
    // header at 4088 (8 bytes), then the sample wraps to offset 0: old header bytes, then data
    expect([...s.subarray(8)]).toEqual([7, 7, 7, 7, 7, 7, 7, 7]);
    ringbufDiscard(m, s, 0n);
  });

  test('flags: reserve fails on any flag, output refuses unknown ones', () => {
    const m = mk('ringbuf', 0, 0, 4096);
    expect(ringbufReserve(m, 8, 1n)).toBeNull();
    expect(ringbufOutput(m, bytes(1), 4n)).toBe(-EINVAL);
    expect(ringbufOutput(m, bytes(1), 3n)).toBe(0);
    expect(ringbufReserve(m, 0x40000000, 0n)).toBeNull();
  });

  test('finds the ring a sample belongs to, and refuses to commit a foreign sample', () => {
    const a = mk('ringbuf', 0, 0, 4096);
    const b = mk('ringbuf', 0, 0, 8192);
    const s = ringbufReserve(b, 4, 0n)!;
    expect(ringbufOwner([a, b], s)).toBe(b);
    expect(() => ringbufSubmit(a, s, 0n)).toThrow(/did not hand out/);
    ringbufSubmit(b, s, 0n);
    expect(ringbufOwner([a, b], s)).toBeNull();
  });

  test('element syscalls are ENOTSUPP; loading plain data outputs records', () => {
    const m = mk('ringbuf', 0, 0, 4096);
    expect(sysLookupElem(m, null)).toEqual({ ok: false, errno: ENOTSUPP });
    expect(sysUpdateElem(m, null, new Uint8Array(0))).toEqual({ ok: false, errno: ENOTSUPP });
    expect(sysGetNextKey(m, null)).toEqual({ ok: false, errno: ENOTSUPP });
    expect(loadMap(m, [{ key: new Uint8Array(0), value: bytes(1) }, { key: new Uint8Array(0), value: bytes(2, 3) }])).toEqual({ ok: true });
    expect(ringbufConsume(m)).toEqual([bytes(1), bytes(2, 3)]);
    expect(loadMap(m, [{ key: new Uint8Array(0), value: fill(5000, 0) }])).toMatchObject({ ok: false, error: { index: 0, errno: EAGAIN } });
  });
});
