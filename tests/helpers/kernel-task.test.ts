// Task, CPU and clock helpers against the running kernel. Their values come from whoever runs the
// test (the loader process, root, on CPU 0 or 1) and from the clocks, so most are compared by
// shape; the simulated environment is set to the loader's where the value is knowable.
// Measured: in BPF_PROG_TEST_RUN `current` is the loader process (pid == tgid, uid/gid 0,
// comm "loader").

import { describe, expect } from 'vitest';
import { kernelIt } from '../kernel/oracle.js';
import { outSlots, runBoth, save, withOut } from './harness.js';

const call = (helper: string, k: number): string => `  call ${helper}\n${save(k)}`;

describe('task and clock helpers against the kernel', () => {
  kernelIt('pid/tgid, uid/gid, comm, CPU, NUMA node, task pointer, clocks and random numbers', async () => {
    const body = [
      call('bpf_get_current_pid_tgid', 0),
      call('bpf_get_current_uid_gid', 1),
      call('bpf_get_smp_processor_id', 2),
      call('bpf_get_numa_node_id', 3),
      call('bpf_ktime_get_ns', 4),
      call('bpf_ktime_get_ns', 5),
      call('bpf_ktime_get_boot_ns', 6),
      call('bpf_ktime_get_coarse_ns', 7),
      call('bpf_ktime_get_tai_ns', 8),
      call('bpf_jiffies64', 9),
      call('bpf_get_prandom_u32', 10),
      call('bpf_get_prandom_u32', 11),
      call('bpf_get_current_task', 12),
      // comm into slots 13-14 (16 bytes) and 15 (4 bytes: truncated)
      '  r1 = r9', '  r1 += 104', '  r2 = 16', '  call bpf_get_current_comm', save(16),
      '  r1 = r9', '  r1 += 120', '  r2 = 4', '  call bpf_get_current_comm', save(17),
    ].join('\n');
    const b = await runBoth(withOut('socket_filter', 18, body), { env: { comm: 'loader' } });
    const shape = (s: bigint[]): unknown => ({
      pidIsTgid: s[0]! >> 32n === (s[0]! & 0xffffffffn) && s[0] !== 0n,
      uidGid: s[1],
      cpuValid: s[2]! < 2n,
      numa: s[3],
      clockAdvances: s[5]! > s[4]!,
      bootNotBeforeMono: s[6]! >= s[5]!,
      coarseNotAfterMono: s[7]! <= s[8]!,
      taiAfterMono: s[8]! > s[6]!,
      jiffiesPositive: s[9]! > 0n,
      randomU32: s[10]! <= 0xffffffffn && s[11]! <= 0xffffffffn && s[10] !== s[11],
      task: s[12] !== 0n,
      comm: Buffer.from(new BigUint64Array([s[13]!, s[14]!]).buffer).toString('latin1'),
      commShort: Buffer.from(new BigUint64Array([s[15]!]).buffer).toString('latin1'),
      commRets: [s[16], s[17]],
    });
    const expected = shape(outSlots(b.kernel));
    expect(expected).toMatchObject({ pidIsTgid: true, uidGid: 0n, comm: 'loader\0\0\0\0\0\0\0\0\0\0', commShort: 'loa\0\0\0\0\0' });
    for (const vm of b.vms) expect(shape(outSlots(vm))).toEqual(expected);
  });
});
