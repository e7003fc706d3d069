// Map helpers against the running kernel: each program records every helper's return value in
// an `out` array; the kernel's and bpfiddle's r0, data_out and map contents must be identical.

import { describe, expect } from 'vitest';
import { kernelIt } from '../kernel/oracle.js';
import { runBoth, save, withOut } from './harness.js';

const u32 = (v: number): Uint8Array => { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, v, true); return b; };
const u64 = (v: bigint): Uint8Array => { const b = new Uint8Array(8); new DataView(b.buffer).setBigUint64(0, v, true); return b; };

/** Both sides agree on r0, data_out and every readable map (for every VM engine). */
export async function expectAgree(src: string, o: Parameters<typeof runBoth>[1] = {}): Promise<Awaited<ReturnType<typeof runBoth>>> {
  const b = await runBoth(src, o);
  for (const vm of b.vms) {
    expect({ engine: vm.engine, fault: vm.run.fault?.message ?? null, r0: vm.r0 }).toEqual({ engine: vm.engine, fault: null, r0: b.kernel.r0 });
    expect({ engine: vm.engine, maps: vm.maps }).toEqual({ engine: vm.engine, maps: b.kernel.maps });
    expect(Buffer.from(vm.dataOut).toString('hex')).toBe(Buffer.from(b.kernel.dataOut).toString('hex'));
  }
  return b;
}

/** `call helper` with r1 = map, r2 = &key (u32 at fp-8 = key), r3.. as given. */
const keyAt = (key: number, off = -8): string => `  *(u32 *)(r10 ${off}) = ${key}\n  r2 = r10\n  r2 += ${off}`;

describe('map helpers against the kernel', () => {
  kernelIt('array: lookup in and out of range, update flags, delete', async () => {
    const body = [
      keyAt(1), '  r1 = arr ll', '  call bpf_map_lookup_elem', '  if r0 == 0 goto miss1', '  r1 = 77', '  *(u64 *)(r0 + 0) = r1', '  r0 = 1',
      'miss1:', save(0),
      keyAt(9), '  r1 = arr ll', '  call bpf_map_lookup_elem', save(1),
      '  *(u64 *)(r10 - 16) = 5', keyAt(2), '  r3 = r10', '  r3 += -16', '  r4 = 0', '  r1 = arr ll', '  call bpf_map_update_elem', save(2),
      keyAt(2), '  r3 = r10', '  r3 += -16', '  r4 = 1', '  r1 = arr ll', '  call bpf_map_update_elem', save(3),
      keyAt(2), '  r3 = r10', '  r3 += -16', '  r4 = 2', '  r1 = arr ll', '  call bpf_map_update_elem', save(4),
      keyAt(2), '  r3 = r10', '  r3 += -16', '  r4 = 3', '  r1 = arr ll', '  call bpf_map_update_elem', save(5),
      keyAt(8), '  r3 = r10', '  r3 += -16', '  r4 = 0', '  r1 = arr ll', '  call bpf_map_update_elem', save(6),
      keyAt(2), '  r1 = arr ll', '  call bpf_map_delete_elem', save(7),
      keyAt(3), '  r3 = r10', '  r3 += -16', '  r4 = 0x80000000 ll', '  r1 = arr ll', '  call bpf_map_update_elem', save(8),
    ].join('\n');
    const b = await expectAgree(withOut('socket_filter', 9, body, '.map arr array key=4 value=8 max_entries=4'));
    expect(b.kernel.maps.arr![1]![1]).toBe('4d00000000000000');
  });

  kernelIt('hash: insert, NOEXIST/EXIST, delete twice, full map', async () => {
    const upd = (key: number, val: number, flags: number): string =>
      [keyAt(key), `  *(u64 *)(r10 - 16) = ${val}`, '  r3 = r10', '  r3 += -16', `  r4 = ${flags}`, '  r1 = h ll', '  call bpf_map_update_elem'].join('\n');
    const body = [
      upd(1, 10, 0), save(0), upd(1, 11, 1), save(1), upd(2, 20, 2), save(2), upd(1, 12, 2), save(3),
      upd(2, 20, 0), save(4), upd(3, 30, 0), save(5), upd(4, 40, 0), save(6),
      keyAt(2), '  r1 = h ll', '  call bpf_map_delete_elem', save(7),
      keyAt(2), '  r1 = h ll', '  call bpf_map_delete_elem', save(8),
      keyAt(3), '  r1 = h ll', '  call bpf_map_lookup_elem', '  if r0 == 0 goto m', '  r0 = *(u64 *)(r0 + 0)', 'm:', save(9),
      upd(5, 50, 4), save(10),
    ].join('\n');
    await expectAgree(withOut('socket_filter', 11, body, '.map h hash key=4 value=8 max_entries=3'), {
      maps: { h: [{ key: u32(7), value: u64(700n) }] },
    });
  });

  kernelIt('queue and stack: push past full, BPF_EXIST, pop and peek, pop from empty zeroes the buffer', async () => {
    const push = (m: string, v: number, flags: number): string =>
      [`  *(u64 *)(r10 - 16) = ${v}`, `  r1 = ${m} ll`, '  r2 = r10', '  r2 += -16', `  r3 = ${flags}`, '  call bpf_map_push_elem'].join('\n');
    const pop = (m: string, helper: string, slotR0: number, slotV: number): string =>
      ['  r1 = 0x5555555555555555 ll', '  *(u64 *)(r10 - 24) = r1', `  r1 = ${m} ll`, '  r2 = r10', '  r2 += -24', `  call ${helper}`, save(slotR0),
        '  r1 = *(u64 *)(r10 - 24)', `  *(u64 *)(r9 + ${8 * slotV}) = r1`].join('\n');
    const body = [
      push('q', 1, 0), save(0), push('q', 2, 0), save(1), push('q', 3, 0), save(2), push('q', 4, 2), save(3), push('q', 5, 1), save(4),
      pop('q', 'bpf_map_peek_elem', 5, 6), pop('q', 'bpf_map_pop_elem', 7, 8), pop('q', 'bpf_map_pop_elem', 9, 10),
      pop('q', 'bpf_map_pop_elem', 11, 12), pop('q', 'bpf_map_pop_elem', 13, 14),
      push('s', 1, 0), push('s', 2, 0), pop('s', 'bpf_map_pop_elem', 15, 16), pop('s', 'bpf_map_peek_elem', 17, 18),
    ].join('\n');
    await expectAgree(withOut('xdp', 19, body, '.map q queue key=0 value=8 max_entries=2\n.map s stack key=0 value=8 max_entries=2'));
  });

  kernelIt('bpf_for_each_map_elem sums an array and stops early; bad flags are -EINVAL', async () => {
    const src = withOut('socket_filter', 4, [
      '  *(u64 *)(r10 - 16) = 0',
      '  r1 = arr ll', '  r2 = sum ll', '  r3 = r10', '  r3 += -16', '  r4 = 0', '  call bpf_for_each_map_elem', save(0),
      '  r1 = *(u64 *)(r10 - 16)', '  *(u64 *)(r9 + 8) = r1',
      '  r1 = arr ll', '  r2 = stop ll', '  r3 = r10', '  r3 += -16', '  r4 = 0', '  call bpf_for_each_map_elem', save(2),
      '  r1 = arr ll', '  r2 = sum ll', '  r3 = r10', '  r3 += -16', '  r4 = 1', '  call bpf_for_each_map_elem', save(3),
    ].join('\n'), '.map arr array key=4 value=8 max_entries=5').replace(/\n$/, '') + `
sum:
  r0 = *(u64 *)(r3 + 0)
  r5 = *(u32 *)(r2 + 0)
  r0 += r5
  r5 = *(u64 *)(r4 + 0)
  r5 += r0
  *(u64 *)(r4 + 0) = r5
  r0 = 0
  exit
stop:
  r0 = *(u32 *)(r2 + 0)
  if r0 == 2 goto yes
  r0 = 0
  exit
yes:
  r0 = 1
  exit
`;
    await expectAgree(src, { maps: { arr: [0, 1, 2, 3, 4].map((i) => ({ key: u32(i), value: u64(BigInt(100 * i)) })) } });
  });

  kernelIt('bpf_for_each_map_elem visits every hash element and can update values', async () => {
    const src = withOut('sched_cls', 2, [
      '  *(u64 *)(r10 - 16) = 0',
      '  r1 = h ll', '  r2 = cb ll', '  r3 = r10', '  r3 += -16', '  r4 = 0', '  call bpf_for_each_map_elem', save(0),
      '  r1 = *(u64 *)(r10 - 16)', '  *(u64 *)(r9 + 8) = r1',
    ].join('\n'), '.map h hash key=4 value=8 max_entries=8').replace(/\n$/, '') + `
cb:
  r0 = *(u64 *)(r3 + 0)
  r5 = *(u64 *)(r4 + 0)
  r5 += r0
  *(u64 *)(r4 + 0) = r5
  r0 += 1
  *(u64 *)(r3 + 0) = r0
  r0 = 0
  exit
`;
    await expectAgree(src, { maps: { h: [3, 5, 9, 11].map((i) => ({ key: u32(i), value: u64(BigInt(i * i)) })) } });
  });

  kernelIt('bpf_loop: calls the callback with the index, stops on 1, refuses flags and too many loops', async () => {
    const src = withOut('xdp', 5, [
      '  *(u64 *)(r10 - 16) = 0',
      '  r1 = 10', '  r2 = add ll', '  r3 = r10', '  r3 += -16', '  r4 = 0', '  call bpf_loop', save(0),
      '  r1 = *(u64 *)(r10 - 16)', '  *(u64 *)(r9 + 8) = r1',
      '  r1 = 100', '  r2 = upto ll', '  r3 = r10', '  r3 += -16', '  r4 = 0', '  call bpf_loop', save(2),
      '  r1 = 3', '  r2 = add ll', '  r3 = r10', '  r3 += -16', '  r4 = 1', '  call bpf_loop', save(3),
      '  r1 = 0x800001', '  r2 = add ll', '  r3 = r10', '  r3 += -16', '  r4 = 0', '  call bpf_loop', save(4),
    ].join('\n')).replace(/\n$/, '') + `
add:
  r3 = *(u64 *)(r2 + 0)
  r3 += r1
  *(u64 *)(r2 + 0) = r3
  r0 = 0
  exit
upto:
  r0 = 0
  if r1 != 6 goto out
  r0 = 1
out:
  exit
`;
    const b = await expectAgree(src);
    expect(b.vms[0]!.run.r0).toBe(0n);
  });

  kernelIt('ring buffer: output, reserve/submit, discard, reserve too big, query', async () => {
    const q = (flag: number, slot: number): string => ['  r1 = rb ll', `  r2 = ${flag}`, '  call bpf_ringbuf_query', save(slot)].join('\n');
    const body = [
      '  *(u64 *)(r10 - 16) = 42', '  r1 = rb ll', '  r2 = r10', '  r2 += -16', '  r3 = 8', '  r4 = 0', '  call bpf_ringbuf_output', save(0),
      '  r1 = rb ll', '  r2 = 16', '  r3 = 0', '  call bpf_ringbuf_reserve', '  if r0 == 0 goto r1fail', '  *(u64 *)(r0 + 0) = 7',
      '  r1 = r0', '  r2 = 0', '  call bpf_ringbuf_submit', '  r0 = 1', 'r1fail:', save(1),
      '  r1 = rb ll', '  r2 = 24', '  r3 = 0', '  call bpf_ringbuf_reserve', '  if r0 == 0 goto r2fail',
      '  r1 = r0', '  r2 = 0', '  call bpf_ringbuf_discard', '  r0 = 1', 'r2fail:', save(2),
      '  r1 = rb ll', '  r2 = 8192', '  r3 = 0', '  call bpf_ringbuf_reserve', '  if r0 == 0 goto big',
      '  r1 = r0', '  r2 = 0', '  call bpf_ringbuf_discard', '  r0 = 1', 'big:', save(3),
      '  r1 = rb ll', '  r2 = 8', '  r3 = 1', '  call bpf_ringbuf_reserve', '  if r0 == 0 goto flag',
      '  r1 = r0', '  r2 = 0', '  call bpf_ringbuf_discard', '  r0 = 1', 'flag:', save(4),
      '  *(u64 *)(r10 - 16) = 1', '  r1 = rb ll', '  r2 = r10', '  r2 += -16', '  r3 = 8', '  r4 = 4', '  call bpf_ringbuf_output', save(5),
      q(0, 6), q(1, 7), q(2, 8), q(3, 9), q(9, 10),
    ].join('\n');
    const b = await expectAgree(withOut('xdp', 11, body, '.map rb ringbuf key=0 value=0 max_entries=4096'));
    const records = b.vms[0]!.run.ringbuf[0]!.records;
    expect(records.map((r) => [r.size, r.discarded])).toEqual([[8, false], [16, false], [24, true]]);
  });

  kernelIt('perf_event_output into an empty perf_event_array: -ENOENT, -E2BIG past the end, -EINVAL for flags', async () => {
    const out = (flags: string, slot: number): string =>
      ['  *(u64 *)(r10 - 16) = 1', '  r1 = r6', '  r2 = pe ll', `  r3 = ${flags}`, '  r4 = r10', '  r4 += -16', '  r5 = 8', '  call bpf_perf_event_output', save(slot)].join('\n');
    const body = [out('0', 0), out('1', 1), out('5', 2), out('0xffffffff ll', 3), out('0x100000000 ll', 4), out('0x100000000000000 ll', 5), out('0x400000000 ll', 6)].join('\n');
    await expectAgree(withOut('sched_cls', 7, body, '.map pe perf_event_array key=4 value=4 max_entries=2'));
  });

  kernelIt('tail call into an empty prog_array falls through', async () => {
    const body = ['  r1 = r6', '  r2 = progs ll', '  r3 = 0', '  call bpf_tail_call', '  r0 = 5', save(0),
      '  r1 = r6', '  r2 = progs ll', '  r3 = 100', '  call bpf_tail_call', '  r0 = 6', save(1)].join('\n');
    await expectAgree(withOut('xdp', 2, body, '.map progs prog_array key=4 value=4 max_entries=4'));
  });
});
