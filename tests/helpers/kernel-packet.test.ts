// Packet and checksum helpers against the running kernel: the return value and the packet the
// test run hands back (data_out, XDP metadata included) must be identical.

import { describe, expect } from 'vitest';
import { kernelIt } from '../kernel/oracle.js';
import { outSlots, runBoth, s64, save, udpFrame, withOut } from './harness.js';

/** Run `src` and require identical r0 and data_out on every engine; returns the kernel side. */
async function agree(src: string, dataIn?: Uint8Array): Promise<Awaited<ReturnType<typeof runBoth>>> {
  const b = await runBoth(src, { dataIn });
  for (const vm of b.vms) {
    expect({ engine: vm.engine, fault: vm.run.fault?.message ?? null, r0: s64(vm.r0) }).toEqual({ engine: vm.engine, fault: null, r0: s64(b.kernel.r0) });
    expect(Buffer.from(vm.dataOut).toString('hex')).toBe(Buffer.from(b.kernel.dataOut).toString('hex'));
  }
  return b;
}

const helperCall = (type: string, helper: string, args: string[], after = ''): string =>
  `.prog ${type}\n  r6 = r1\n${args.map((a, i) => `  r${i + 2} = ${a}`).join('\n')}\n  r1 = r6\n  call ${helper}\n${after}  exit\n`;

/** After an adjustment: mark the first packet byte (and the first metadata byte) so data_out shows where they are. */
const MARK = `  r7 = r0
  r2 = *(u32 *)(r6 + 0)
  r3 = *(u32 *)(r6 + 4)
  r4 = r2
  r4 += 1
  if r4 > r3 goto nomark
  *(u8 *)(r2 + 0) = 0xaa
nomark:
  r2 = *(u32 *)(r6 + 8)
  r3 = *(u32 *)(r6 + 0)
  r4 = r2
  r4 += 1
  if r4 > r3 goto nometa
  *(u8 *)(r2 + 0) = 0xbb
nometa:
  r0 = r7
`;

describe('packet helpers against the kernel', () => {
  kernelIt('bpf_xdp_adjust_head moves data within the headroom and refuses the rest', async () => {
    for (const off of [-14, 14, 20, -216, -217, -256, 36, 37, 1000, -0x80000000]) {
      await agree(helperCall('xdp', 'bpf_xdp_adjust_head', [String(off)], MARK));
    }
  });

  kernelIt('bpf_xdp_adjust_meta grows metadata in 4-byte steps up to the frame header', async () => {
    for (const off of [-8, -4, -6, -216, -220, -252, 4, 0, -256]) {
      await agree(helperCall('xdp', 'bpf_xdp_adjust_meta', [String(off)], MARK));
    }
  });

  kernelIt('bpf_xdp_adjust_meta then bpf_xdp_adjust_head carries the metadata along', async () => {
    const src = `.prog xdp
  r6 = r1
  r1 = r6
  r2 = -8
  call bpf_xdp_adjust_meta
  r2 = *(u32 *)(r6 + 8)
  r3 = *(u32 *)(r6 + 0)
  r4 = r2
  r4 += 8
  if r4 > r3 goto out
  r1 = 0x1122334455667788 ll
  *(u64 *)(r2 + 0) = r1
  r1 = r6
  r2 = -20
  call bpf_xdp_adjust_head
out:
  exit
`;
    await agree(src);
  });

  kernelIt('bpf_xdp_adjust_tail shrinks, grows with zeros up to the hard end, refuses the rest', async () => {
    const frame = udpFrame();
    const room = 3520 - frame.length;
    for (const off of [-10, 10, -(frame.length - 14), -(frame.length - 13), room, room + 1, -1000]) {
      await agree(helperCall('xdp', 'bpf_xdp_adjust_tail', [String(off)], MARK), frame);
    }
  });

  kernelIt('bpf_redirect: XDP_REDIRECT or XDP_ABORTED for XDP, TC_ACT_REDIRECT or TC_ACT_SHOT for tc', async () => {
    for (const type of ['xdp', 'sched_cls']) {
      for (const flags of ['0', '1', '2', '0x100000000 ll']) {
        await agree(`.prog ${type}\n  r1 = 7\n  r2 = ${flags}\n  call bpf_redirect\n  exit\n`);
      }
    }
  });

  kernelIt('bpf_skb_load_bytes in and out of range, for socket filters and tc', async () => {
    for (const type of ['socket_filter', 'sched_cls']) {
      const load = (off: string, len: number, k: number): string =>
        ['  r1 = 0x5555555555555555 ll', '  *(u64 *)(r10 - 16) = r1', '  r1 = r6', `  r2 = ${off}`, '  r3 = r10', '  r3 += -16', `  r4 = ${len}`,
          '  call bpf_skb_load_bytes', save(2 * k), '  r1 = *(u64 *)(r10 - 16)', `  *(u64 *)(r9 + ${16 * k + 8}) = r1`].join('\n');
      const body = [load('0', 8, 0), load('12', 4, 1), load('40', 8, 2), load('46', 8, 3), load('0x80000000 ll', 4, 4), load('0xffffffff', 2, 5)].join('\n');
      const b = await runBoth(withOut(type, 12, body));
      for (const vm of b.vms) expect(outSlots(vm)).toEqual(outSlots(b.kernel));
    }
  });

  kernelIt('bpf_skb_store_bytes writes the packet and checks flags and bounds', async () => {
    const store = (off: string, len: number, flags: string, k: number): string =>
      ['  r1 = 0x0102030405060708 ll', '  *(u64 *)(r10 - 16) = r1', '  r1 = r6', `  r2 = ${off}`, '  r3 = r10', '  r3 += -16', `  r4 = ${len}`, `  r5 = ${flags}`,
        '  call bpf_skb_store_bytes', save(k)].join('\n');
    const body = [store('0', 6, '0', 0), store('44', 4, '1', 1), store('46', 8, '2', 2), store('48', 4, '0', 3), store('10', 2, '4', 4),
      store('0x80000000 ll', 2, '0', 5), store('47', 3, '3', 6)].join('\n');
    const b = await runBoth(withOut('sched_cls', 7, body));
    for (const vm of b.vms) {
      expect(outSlots(vm).map(s64)).toEqual(outSlots(b.kernel).map(s64));
      expect(Buffer.from(vm.dataOut).toString('hex')).toBe(Buffer.from(b.kernel.dataOut).toString('hex'));
    }
  });

  kernelIt('bpf_l3_csum_replace and bpf_l4_csum_replace update checksums like the kernel', async () => {
    const frame = udpFrame();
    frame[40] = 0x12;
    frame[41] = 0x34;
    const cases: [string, string, string, string, string][] = [
      ['l3', '24', '0x4011', '0x3f11', '2'],
      ['l3', '24', '0x0200000a', '0x0300000a', '4'],
      ['l3', '24', '0', '0x12345678', '0'],
      ['l3', '24', '1', '2', '0'],
      ['l3', '25', '0', '1', '2'],
      ['l3', '48', '0', '1', '2'],
      ['l3', '24', '0', '1', '8'],
      ['l3', '24', '0', '1', '0x10'],
      ['l4', '40', '0x3930', '0x3a30', '0x12'],
      ['l4', '40', '0x0200000a', '0x0300000a', '0x14'],
      ['l4', '40', '0', '0xffff', '0x10'],
      ['l4', '40', '0x1234', '0x1234', '0x22'],
      ['l4', '40', '0xedcb', '0', '0x22'],
      ['l4', '40', '0', '1', '0x80'],
      ['l4', '40', '0', '1', '0x100'],
      ['l4', '41', '0', '1', '2'],
      ['l4', '40', '0', '1', '0x62'],
    ];
    for (const [which, off, from, to, flags] of cases) {
      await agree(`.prog sched_cls\n  r1 = r1\n  r2 = ${off}\n  r3 = ${from} ll\n  r4 = ${to} ll\n  r5 = ${flags}\n  call bpf_${which}_csum_replace\n  exit\n`, frame);
    }
  });

  kernelIt('bpf_csum_diff: pushes, pulls, diffs and folds to the same 16-bit values, odd sizes included', async () => {
    const diff = (fromOff: string, fromSize: number, toOff: string, toSize: number, seed: string, k: number): string =>
      [`  r1 = ${fromOff}`, `  r2 = ${fromSize}`, `  r3 = ${toOff}`, `  r4 = ${toSize}`, `  r5 = ${seed}`, '  call bpf_csum_diff', save(k)].join('\n');
    const body = [
      '  r1 = 0x1122334455667788 ll', '  *(u64 *)(r10 - 16) = r1', '  r1 = 0xfedcba9876543210 ll', '  *(u64 *)(r10 - 8) = r1',
      '  r1 = 0xffffffffffffffff ll', '  *(u64 *)(r10 - 32) = r1', '  *(u64 *)(r10 - 24) = r1',
      diff('r10\n  r1 += -16', 4, 'r10\n  r3 += -8', 4, '0', 0),
      diff('0', 0, 'r10\n  r3 += -16', 16, '0', 1),
      diff('r10\n  r1 += -16', 16, '0', 0, '0xffff', 2),
      diff('r10\n  r1 += -16', 8, 'r10\n  r3 += -8', 8, '0x12345678', 3),
      diff('r10\n  r1 += -32', 16, 'r10\n  r3 += -16', 16, '0', 4),
      diff('0', 0, 'r10\n  r3 += -32', 16, '0', 5),
      diff('0', 0, 'r10\n  r3 += -16', 12, '0', 6),
      diff('r10\n  r1 += -16', 3, 'r10\n  r3 += -8', 4, '0', 7),
      diff('0', 0, '0', 0, '0x1234', 8),
    ].join('\n');
    const b = await runBoth(withOut('xdp', 9, body));
    for (const vm of b.vms) expect(outSlots(vm).map(s64)).toEqual(outSlots(b.kernel).map(s64));
  });

  kernelIt('bpf_csum_diff has no 512-byte limit any more', async () => {
    const body = ['  r1 = r9', '  r2 = 256', '  r3 = r9', '  r4 = 260', '  r5 = 0', '  call bpf_csum_diff', save(0),
      '  r1 = r9', '  r2 = 256', '  r3 = r9', '  r4 = 256', '  r5 = 0', '  call bpf_csum_diff', save(1)].join('\n');
    const b = await runBoth(withOut('xdp', 64, body));
    for (const vm of b.vms) expect(outSlots(vm).slice(0, 2).map(s64)).toEqual(outSlots(b.kernel).slice(0, 2).map(s64));
  });

  kernelIt('bpf_skb_pull_data on a linear test-run skb', async () => {
    for (const len of ['0', '10', '50', '51', '0x100000000 ll']) await agree(helperCall('sched_cls', 'bpf_skb_pull_data', [len]));
  });
});
