// Stack dynptrs (src/core/verifier/dynptr.ts) against the running kernel: every dynptr program of the
// verifier corpus gives the same level-2 log (each instruction's state, the STACK_DYNPTR slots
// printed as dynptr_<type>(id=..,ref_id=..,dynptr_id=..), the liveness lines, the error) as the
// kernel, except for the map addresses the kernel prints. And the VM's dynptr helpers
// (src/core/helpers/impl-dynptr.ts) return what the kernel's do, on XDP programs it test-runs.

import { expect } from 'vitest';
import { LOG_LEVEL2 } from '../../../tools/kernel.js';
import { verify } from '../../../src/core/verifier/index.js';
import { verifyInput } from '../corpus/compare.js';
import { loadCorpus } from '../corpus/corpus.js';
import { kernel, kernelIt } from '../../kernel/oracle.js';
import { createWorld } from '../../../src/core/helpers/index.js';
import { makeRunInput } from '../../../src/core/progtypes/index.js';
import { asm } from '../../helpers/harness.js';

/** Lines that differ by run: map addresses and timing. */
const normal = (log: string): string[] => log.split('\n')
  .filter((l) => !/^verification time /.test(l))
  .map((l) => l.replace(/0xffff[0-9a-f]{12}/g, 'MAP'));

kernelIt('dynptr programs of the corpus log every state at level 2 exactly as the kernel does', async () => {
  const cases = loadCorpus().cases.filter((c) => c.name.includes('dynptr'));
  expect(cases.length).toBeGreaterThanOrEqual(12);
  const diffs: string[] = [];
  for (const c of cases) {
    const k = await kernel().load({ progType: c.program.progType, insns: c.program.insns, maps: c.program.maps, logLevel: LOG_LEVEL2 });
    const b = verify(verifyInput(c), { logLevel: 2 });
    const kl = normal(k.log);
    const bl = normal(b.log);
    const i = kl.findIndex((l, j) => l !== bl[j]);
    if (i >= 0 || kl.length !== bl.length) {
      const at = i >= 0 ? i : Math.min(kl.length, bl.length);
      diffs.push(`${c.name} line ${at + 1}: kernel ${JSON.stringify(kl[at])} bpfiddle ${JSON.stringify(bl[at])}`);
    }
  }
  console.log(`dynptr level-2 logs: ${cases.length} programs, ${cases.length - diffs.length} identical`);
  expect(diffs).toEqual([]);
}, 60_000);

/** XDP programs (the kernel test-runs them) whose r0 packs the dynptr helpers' results. */
const RUN_PROGRAMS: readonly [string, string][] = [
  ['from_mem, write, read and data over a map value', `
    *(u32 *)(r10 - 4) = 0
    r2 = r10
    r2 += -4
    r1 = a ll
    call bpf_map_lookup_elem
    r6 = r0
    r1 = r6
    r2 = 16
    r3 = 0
    r4 = r10
    r4 += -32
    call bpf_dynptr_from_mem
    r7 = r0
    r1 = 0x1122334455667788 ll
    *(u64 *)(r10 - 40) = r1
    r1 = r10
    r1 += -32
    r2 = 4
    r3 = r10
    r3 += -40
    r4 = 8
    r5 = 0
    call bpf_dynptr_write
    r7 += r0
    r1 = r10
    r1 += -48
    r2 = 4
    r3 = r10
    r3 += -32
    r4 = 10
    r5 = 0
    call bpf_dynptr_read
    r7 += r0
    r0 = *(u32 *)(r10 - 48)
    r7 += r0
    r1 = r10
    r1 += -32
    r2 = 12
    r3 = 4
    call bpf_dynptr_data
    if r0 == 0 goto out
    r1 = *(u32 *)(r0 + 0)
    r7 += r1
  out:
    r0 = r7
    exit`],
  ['out-of-range offsets and bad flags give -E2BIG and -EINVAL', `
    *(u32 *)(r10 - 4) = 0
    r2 = r10
    r2 += -4
    r1 = a ll
    call bpf_map_lookup_elem
    r1 = r0
    r2 = 16
    r3 = 0
    r4 = r10
    r4 += -32
    call bpf_dynptr_from_mem
    r1 = r10
    r1 += -48
    r2 = 8
    r3 = r10
    r3 += -32
    r4 = 12
    r5 = 0
    call bpf_dynptr_read
    r7 = r0
    r7 <<= 8
    r1 = r10
    r1 += -48
    r2 = 8
    r3 = r10
    r3 += -32
    r4 = 0
    r5 = 1
    call bpf_dynptr_read
    r7 ^= r0
    r1 = r10
    r1 += -32
    r2 = 10
    r3 = 8
    call bpf_dynptr_data
    if r0 != 0 goto bad
    r0 = r7
    exit
  bad:
    r0 = 1
    exit`],
  ['a ring buffer dynptr is reserved, written and submitted', `
    r1 = rb ll
    r2 = 16
    r3 = 0
    r4 = r10
    r4 += -16
    call bpf_ringbuf_reserve_dynptr
    r7 = r0
    r1 = 0x0102030405060708 ll
    *(u64 *)(r10 - 24) = r1
    r1 = r10
    r1 += -16
    r2 = 8
    r3 = r10
    r3 += -24
    r4 = 8
    r5 = 0
    call bpf_dynptr_write
    r7 += r0
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_submit_dynptr
    r1 = rb ll
    r2 = 0
    call bpf_ringbuf_query
    r0 += r7
    exit`],
  ['a failed reservation leaves a NULL dynptr that reads -EINVAL', `
    r1 = rb ll
    r2 = 16
    r3 = 1
    r4 = r10
    r4 += -16
    call bpf_ringbuf_reserve_dynptr
    r7 = r0
    r7 <<= 8
    r1 = r10
    r1 += -32
    r2 = 8
    r3 = r10
    r3 += -16
    r4 = 0
    r5 = 0
    call bpf_dynptr_read
    r7 ^= r0
    r1 = r10
    r1 += -16
    r2 = 0
    call bpf_ringbuf_discard_dynptr
    r0 = r7
    exit`],
];

kernelIt('dynptr helpers compute in the VM what they compute in the kernel (XDP test runs)', async () => {
  const dataIn = new Uint8Array(64);
  const diffs: string[] = [];
  for (const [what, body] of RUN_PROGRAMS) {
    const program = asm(`.prog xdp\n.map a array key=4 value=16 max_entries=1\n.map rb ringbuf key=0 value=0 max_entries=4096\n${body.replace(/^ {4}/gm, '  ')}\n`);
    const k = await kernel().run({ progType: 'xdp', insns: program.insns, maps: program.maps, dataIn, logLevel: 1 });
    expect(k.loaded, `${what}: ${k.log}`).toBe(true);
    const input = makeRunInput('xdp', { dataIn });
    if (!input.ok) throw new Error(input.error.message);
    const w = createWorld(program, { run: input.run.input });
    if (!w.ok) throw new Error(w.errors.map((e) => e.message).join('\n'));
    const r = w.world.run();
    const vm = r.exit === 'exit' ? Number(BigInt.asUintN(32, r.r0)) : `${r.exit}: ${r.fault?.message}`;
    if (vm !== k.run?.retval) diffs.push(`${what}: kernel r0 ${k.run?.retval} bpfiddle ${vm}`);
  }
  console.log(`dynptr helper runs: ${RUN_PROGRAMS.length} programs, ${RUN_PROGRAMS.length - diffs.length} equal`);
  expect(diffs).toEqual([]);
}, 60_000);
