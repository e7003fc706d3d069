// The kernel loader (tools/loader/loader.c via tools/kernel.ts): verdicts with errno and the
// whole verifier log (grown on ENOSPC), every log level, maps created from the job with initial
// entries and read back after the run, setup errors as values, and pipelined jobs answered in order.

import { describe, expect } from 'vitest';
import { assemble } from '../../src/core/asm/index.js';
import type { Insn } from '../../src/core/isa/insn.js';
import { LOG_LEVEL1, LOG_LEVEL2, LOG_STATS } from '../../tools/kernel.js';
import { kernel, kernelIt } from './oracle.js';

function asm(text: string): Insn[] {
  const r = assemble(text);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
  return r.program.insns;
}

const le32 = (n: number): Uint8Array => new Uint8Array(new Uint32Array([n]).buffer);
const le64 = (n: bigint): Uint8Array => new Uint8Array(new BigUint64Array([n]).buffer);
const FRAME = new Uint8Array(64);

describe('kernel loader', () => {
  kernelIt('loads and test-runs a program, reporting retval and data_out', async () => {
    const r = await kernel().run({ progType: 'xdp', insns: asm('r0 = 2\nexit'), dataIn: FRAME });
    expect(r.loaded).toBe(true);
    expect(r.run).toMatchObject({ ok: true, retval: 2, errno: 0 });
    expect(r.run!.dataOut).toEqual(FRAME);
  });

  kernelIt('returns the errno and the verifier\'s message for a rejected program', async () => {
    const r = await kernel().load({ progType: 'xdp', insns: asm('r0 = r5\nexit'), logLevel: LOG_LEVEL1 });
    expect(r.loaded).toBe(false);
    expect(r.errnoName).toBe('EACCES');
    expect(r.log).toContain('R5 !read_ok');
    expect(r.run).toBeUndefined();
  });

  kernelIt('returns the whole log even when the first buffer is too small (ENOSPC retry)', async () => {
    const prog = asm(Array.from({ length: 50 }, (_, i) => `r${i % 9} = ${i}`).join('\n') + '\nr0 = 0\nexit');
    const big = await kernel().verify({ progType: 'xdp', insns: prog, logLevel: LOG_LEVEL2 });
    const small = await kernel().verify({ progType: 'xdp', insns: prog, logLevel: LOG_LEVEL2, logSize: 128 });
    expect(big.log.length).toBeGreaterThan(1000);
    expect(small.loaded).toBe(true);
    expect(small.log).toBe(big.log);
    expect(small.logTrueSize).toBe(big.log.length + 1);
  });

  kernelIt('accepts log levels 1, 2 and the statistics flag', async () => {
    const prog = asm('r0 = 0\nexit');
    const l1 = await kernel().verify({ progType: 'xdp', insns: prog, logLevel: LOG_LEVEL1 });
    const l2 = await kernel().verify({ progType: 'xdp', insns: prog });
    const stats = await kernel().verify({ progType: 'xdp', insns: prog, logLevel: LOG_STATS });
    expect(l1.log).toMatch(/^processed 2 insns/m);
    expect(l2.log).toContain('0: (b7) r0 = 0');
    expect(stats.log).toMatch(/^processed 2 insns/m);
    expect(stats.log).not.toContain('(b7)');
  });

  kernelIt('creates the job\'s maps with their entries, resolves map references, and reads the maps back', async () => {
    const prog = asm(`
      .map counters array key=4 value=8 max_entries=4
      .map table hash key=4 value=8 max_entries=8
      r1 = counters ll
      r2 = r10
      r2 += -4
      *(u32 *)(r10 - 4) = 2
      call bpf_map_lookup_elem
      if r0 == 0 goto out
      r1 = *(u64 *)(r0 + 0)
      r1 += 5
      *(u64 *)(r0 + 0) = r1
      r1 = table ll
      r2 = r10
      r2 += -4
      r3 = r10
      r3 += -16
      *(u64 *)(r10 - 16) = 99
      r4 = 0
      call bpf_map_update_elem
    out:
      r0 = 2
      exit
    `);
    const r = await kernel().run({
      progType: 'xdp', insns: prog, dataIn: FRAME,
      maps: [
        { type: 'array', keySize: 4, valueSize: 8, maxEntries: 4, entries: [{ key: le32(2), value: le64(37n) }] },
        { type: 'hash', keySize: 4, valueSize: 8, maxEntries: 8, entries: [{ key: le32(7), value: le64(1n) }] },
      ],
    });
    expect(r.setupError).toBeUndefined();
    expect(r.run?.retval).toBe(2);
    expect(r.maps[0]!.map((e) => [e.key, e.value])).toEqual([
      [le32(0), le64(0n)], [le32(1), le64(0n)], [le32(2), le64(42n)], [le32(3), le64(0n)],
    ]);
    const hash = new Map(r.maps[1]!.map((e) => [Buffer.from(e.key).readUInt32LE(), Buffer.from(e.value).readBigUInt64LE()]));
    expect(hash).toEqual(new Map([[7, 1n], [2, 99n]]));
  });

  kernelIt('reports a map the kernel cannot create as a setup error, loading nothing', async () => {
    const r = await kernel().run({ progType: 'xdp', insns: asm('r0 = 2\nexit'), dataIn: FRAME, maps: [{ type: 'array', keySize: 3, valueSize: 8, maxEntries: 1 }] });
    expect(r.setupError).toBe('map 0 create failed');
    expect(r.errnoName).toBe('EINVAL');
    expect(r.loaded).toBe(false);
  });

  kernelIt('answers many pipelined jobs in order', async () => {
    const jobs = Array.from({ length: 500 }, (_, i) => ({ progType: 'socket_filter' as const, insns: asm(`r0 = ${i}\nexit`), dataIn: FRAME }));
    const results = await kernel().runAll(jobs);
    expect(results.map((r) => r.run?.retval)).toEqual(jobs.map((_, i) => i));
  });
});
