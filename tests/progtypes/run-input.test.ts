// Test-run inputs of sched_act, cgroup_skb and raw_tracepoint against the running kernel: which
// data_in/ctx_in it refuses (and with which errno), what every readable context field holds at
// every offset and size, where the packet pointers point, what stores leave behind (read back and
// in ctx_out), and data_out. cgroup_skb programs may only return 0 or 1, so values travel through
// an array map instead of r0. No VM here: this checks makeRunInput, CtxSpec loads and stores,
// packetOut and ctxOut directly.

import { describe, expect } from 'vitest';
import type { ProgTypeName } from '../../src/core/asm/types.js';
import { BPF_B, BPF_DW, BPF_H, BPF_LDX, BPF_MEM, BPF_PSEUDO_MAP_VALUE, BPF_STX, BPF_W } from '../../src/core/isa/constants.js';
import { insn, lddwSlots, type Insn } from '../../src/core/isa/insn.js';
import { ctxAccess, ctxOut, makeRunInput, packetOut, PROG_TYPES, progTypeSpec, type PreparedRun } from '../../src/core/progtypes/index.js';
import type { CtxEnv } from '../../src/core/vm/types.js';
import type { KernelMap } from '../../tools/kernel.js';
import { runWide } from '../../tools/wide-r0.js';
import { FRAMES, SKB_CASES, SKB_VERDICT_CASES, type Case } from '../kernel/inputs.js';
import { hex, kernel, kernelIt } from '../kernel/oracle.js';

const SIZE_BITS: Record<number, number> = { 1: BPF_B, 2: BPF_H, 4: BPF_W, 8: BPF_DW };
const ldx = (dst: number, src: number, off: number, size: number): Insn => insn(BPF_LDX | BPF_MEM | SIZE_BITS[size]!, dst, src, off);
const stx = (dst: number, src: number, off: number, size: number): Insn => insn(BPF_STX | BPF_MEM | SIZE_BITS[size]!, dst, src, off);
const EXIT = insn(0x95);
const RET1 = [insn(0xb7, 0, 0, 0, 1), EXIT];
const OUT_MAP: KernelMap = { type: 'array', keySize: 4, valueSize: 8, maxEntries: 1 };
/** r1 = &out[0]; *(u64 *)(r1 + 0) = r2; return 1. Keeps the value out of r0 (cgroup_skb's r0 is 0 or 1). */
const STORE_R2 = [insn(0x18, 1, BPF_PSEUDO_MAP_VALUE, 0, 0), insn(0, 0, 0, 0, 0), stx(1, 2, 0, 8), ...RET1];
const DATA_ADDR = 0xffff888100000100n;

function envFor(run: PreparedRun): CtxEnv {
  const ctx = run.input.ctx!;
  const bytes = new Uint8Array(ctx.size);
  bytes.set(ctx.init ?? []);
  const len = run.input.packet?.bytes.length ?? 0;
  return { bytes, packetData: DATA_ADDR, packetEnd: DATA_ADDR + BigInt(len), packetMeta: DATA_ADDR - BigInt(run.meta.length), packetLength: len, ctxAddress: 0n };
}

/** Runs `body` (which leaves its result in r2) in the kernel; the value, or why there is none. */
async function kernelValue(name: ProgTypeName, body: Insn[], c: Case): Promise<bigint | string> {
  const k = await kernel().run({ progType: name, insns: [...body, ...STORE_R2], maps: [OUT_MAP], dataIn: c.dataIn, ctxIn: c.ctxIn, logLevel: 1 });
  if (!k.loaded) return `refused: ${k.log.trim().split('\n').at(-2)}`;
  if (!k.run!.ok) return `run: ${k.run!.errnoName}`;
  return new DataView(k.maps[0]![0]!.value.buffer).getBigUint64(0, true);
}

const SKB_TYPES = ['sched_act', 'cgroup_skb'] as const;

describe('skb test-run inputs of sched_act and cgroup_skb against the 6.18 kernel', () => {
  for (const name of SKB_TYPES) {
    kernelIt(`${name}: refuses and accepts the same data_in and ctx_in as the kernel, with the same errno`, async () => {
      const cases = [...SKB_VERDICT_CASES, ...SKB_CASES];
      const wrong: string[] = [];
      await Promise.all(cases.map(async (c) => {
        const k = await kernel().run({ progType: name, insns: RET1, dataIn: c.dataIn, ctxIn: c.ctxIn });
        const ours = makeRunInput(name, { dataIn: c.dataIn, ctxIn: c.ctxIn });
        const kv = k.run!.ok ? 'ok' : k.run!.errnoName;
        const ov = ours.ok ? 'ok' : ours.error.errno;
        if (kv !== ov) wrong.push(`${c.name}: kernel ${kv}, bpfiddle ${ov}${ours.ok ? '' : ` (${ours.error.message})`}`);
      }));
      console.log(`${name}: ${cases.length} test-run inputs compared, ${wrong.length} disagreements`);
      expect(wrong).toEqual([]);
    });

    kernelIt(`${name}: every readable context field holds what the kernel shows, at every offset and size`, async () => {
      const spec = progTypeSpec(name)!;
      const reads: { off: number; size: number }[] = [];
      for (const f of spec.ctx.fields) {
        if (f.kind !== 'value' && f.kind !== 'bytes') continue;
        for (let off = f.offset; off < f.offset + f.size; off++) {
          for (const size of [1, 2, 4, 8]) if (ctxAccess(spec, off, size, false)) reads.push({ off, size });
        }
      }
      const wrong: string[] = [];
      let compared = 0;
      for (const c of SKB_CASES) {
        const prepared = makeRunInput(name, { dataIn: c.dataIn, ctxIn: c.ctxIn });
        if (!prepared.ok) { wrong.push(`${c.name}: bpfiddle refuses it: ${prepared.error.message}`); continue; }
        const env = envFor(prepared.run);
        await Promise.all(reads.map(async (r) => {
          const k = await kernelValue(name, [ldx(2, 1, r.off, r.size)], c);
          const ours = prepared.run.input.ctx!.load(r.off, r.size as 1 | 2 | 4 | 8, env);
          compared++;
          const ov = ours.ok ? ours.value : ours.message;
          if (k !== ov) wrong.push(`${c.name}: off=${r.off} size=${r.size}: kernel ${k.toString(16)}, bpfiddle ${ov.toString(16)}`);
        }));
      }
      console.log(`${name}: ${compared} context reads compared, ${wrong.length} disagreements`);
      expect(wrong.slice(0, 12)).toEqual([]);
      expect(compared).toBeGreaterThan(1000);
    }, 60_000);

    kernelIt(`${name}: data and data_end span the packet as in the kernel, and data_out matches`, async () => {
      const wrong: string[] = [];
      for (const c of SKB_CASES) {
        const prepared = makeRunInput(name, { dataIn: c.dataIn, ctxIn: c.ctxIn });
        if (!prepared.ok) { wrong.push(`${c.name}: bpfiddle refuses it`); continue; }
        const run = prepared.run;
        const env = envFor(run);
        const k = await kernelValue(name, [ldx(3, 1, 76, 4), ldx(2, 1, 80, 4), insn(0x1f, 2, 3)], c);
        const a = run.input.ctx!.load(80, 4, env);
        const b = run.input.ctx!.load(76, 4, env);
        const ours = a.ok && b.ok ? a.value - b.value : undefined;
        if (k !== ours) wrong.push(`${c.name}: data_end - data: kernel ${k}, bpfiddle ${ours}`);
        const out = await kernel().run({ progType: name, insns: RET1, dataIn: c.dataIn, ctxIn: c.ctxIn });
        const ourOut = packetOut(run, run.input.packet!.bytes);
        if (hex(out.run!.dataOut) !== hex(ourOut)) wrong.push(`${c.name}: data_out kernel ${hex(out.run!.dataOut)}, bpfiddle ${hex(ourOut)}`);
        const kctx = c.ctxIn ? out.run!.ctxOut : null;
        if (hex(kctx) !== hex(ctxOut(run, env.bytes, run.input.packet!.bytes.length))) wrong.push(`${c.name}: ctx_out differs`);
      }
      expect(wrong).toEqual([]);
    });

    kernelIt(`${name}: what a store leaves behind reads back and reaches ctx_out as in the kernel`, async () => {
      const spec = progTypeSpec(name)!;
      const values = [0x12345678n, 0xfffen, 0xffffn, 0xffffffffn, 0x1122334455667788n];
      const c: Case = { name: 'ipv4', dataIn: FRAMES.ipv4Broadcast!, ctxIn: new Uint8Array(192) };
      const prepared = makeRunInput(name, c);
      if (!prepared.ok) throw new Error(prepared.error.message);
      const run = prepared.run;
      const jobs: { off: number; size: number; value: bigint }[] = [];
      for (const f of spec.ctx.fields) {
        for (let off = f.offset; off < f.offset + f.size; off++) {
          for (const size of [1, 2, 4, 8]) if (ctxAccess(spec, off, size, true)) for (const value of values) jobs.push({ off, size, value });
        }
      }
      const wrong: string[] = [];
      await Promise.all(jobs.map(async (j) => {
        const body = [...lddwSlots(0x18, 2, 0, j.value), stx(1, 2, j.off, j.size), ldx(2, 1, j.off, j.size)];
        const k = await kernel().run({ progType: name, insns: [...body, ...STORE_R2], maps: [OUT_MAP], dataIn: c.dataIn, ctxIn: c.ctxIn });
        const kv = new DataView(k.maps[0]![0]!.value.buffer).getBigUint64(0, true);
        const env = envFor(run);
        const st = run.input.ctx!.store(j.off, j.size as 1 | 2 | 4 | 8, j.value, env);
        const ld = run.input.ctx!.load(j.off, j.size as 1 | 2 | 4 | 8, env);
        const ours = st.ok && ld.ok ? ld.value : undefined;
        const what = `store 0x${j.value.toString(16)} size ${j.size} at ${j.off}`;
        if (kv !== ours) wrong.push(`${what}: kernel reads back ${kv.toString(16)}, bpfiddle ${ours?.toString(16)}`);
        const oursCtx = ctxOut(run, env.bytes, run.input.packet!.bytes.length);
        if (hex(k.run!.ctxOut) !== hex(oursCtx)) wrong.push(`${what}: ctx_out kernel ${hex(k.run!.ctxOut)} bpfiddle ${hex(oursCtx)}`);
      }));
      console.log(`${name}: ${jobs.length} context stores compared, ${wrong.length} disagreements`);
      expect(wrong.slice(0, 12)).toEqual([]);
      expect(jobs.length).toBeGreaterThan(20);
    }, 60_000);
  }
});

describe('raw_tracepoint test runs against the 6.18 kernel', () => {
  const args = (n: number): Uint8Array => new Uint8Array(n).map((_, i) => (i * 37 + 11) & 0xff);
  // bpf_prog_test_run_raw_tp refuses ctx_out and any repeat but 0.
  const rawJob = { progType: 'raw_tracepoint' as const, repeat: 0, ctxOut: false };

  kernelIt('every argument reads as the kernel shows it, at every offset and size', async () => {
    const spec = progTypeSpec('raw_tracepoint')!;
    const ctxIn = args(96);
    const prepared = makeRunInput('raw_tracepoint', { ctxIn });
    if (!prepared.ok) throw new Error(prepared.error.message);
    const env = envFor(prepared.run);
    const wrong: string[] = [];
    let compared = 0;
    const reads: { off: number; size: number }[] = [];
    for (let off = 0; off < spec.ctx.size; off++) for (const size of [1, 2, 4, 8]) if (ctxAccess(spec, off, size, false)) reads.push({ off, size });
    await Promise.all(reads.map(async (r) => {
      const k = await runWide(kernel(), { ...rawJob, insns: [ldx(0, 1, r.off, r.size), EXIT], ctxIn });
      const ours = prepared.run.input.ctx!.load(r.off, r.size as 1 | 2 | 4 | 8, env);
      compared++;
      if (!k.wide || k.r0 !== (ours.ok ? ours.value : undefined)) wrong.push(`off=${r.off} size=${r.size}: kernel ${k.r0?.toString(16)}, bpfiddle ${ours.ok ? ours.value.toString(16) : ours.message}`);
    }));
    console.log(`raw_tracepoint: ${compared} argument reads compared, ${wrong.length} disagreements`);
    expect(wrong.slice(0, 12)).toEqual([]);
    expect(compared).toBe(180);
  });

  kernelIt('refuses data_in and ctx_in longer than 12 arguments, like the kernel', async () => {
    const cases: { name: string; dataIn?: Uint8Array; ctxIn?: Uint8Array }[] = [
      { name: 'no ctx_in' }, { name: '8 bytes', ctxIn: args(8) }, { name: '13 bytes', ctxIn: args(13) },
      { name: '96 bytes', ctxIn: args(96) }, { name: '97 bytes', ctxIn: args(97) }, { name: 'data_in', ctxIn: args(8), dataIn: args(14) },
    ];
    const wrong: string[] = [];
    for (const c of cases) {
      const k = await kernel().run({ ...rawJob, insns: RET1, ...c });
      const ours = makeRunInput('raw_tracepoint', c);
      const kv = k.run!.ok ? 'ok' : k.run!.errnoName;
      const ov = ours.ok ? 'ok' : ours.error.errno;
      if (kv !== ov) wrong.push(`${c.name}: kernel ${kv}, bpfiddle ${ov}`);
    }
    expect(wrong).toEqual([]);
  });

  kernelIt('a read past a short ctx_in: the kernel refuses the run, bpfiddle faults at the read', async () => {
    const k = await kernel().run({ ...rawJob, insns: [ldx(0, 1, 8, 8), EXIT], ctxIn: args(12) });
    expect(k.run!.errnoName).toBe('EINVAL');
    const prepared = makeRunInput('raw_tracepoint', { ctxIn: args(12) });
    if (!prepared.ok) throw new Error(prepared.error.message);
    expect(prepared.run.input.ctx!.size).toBe(12);
  });
});

describe('which program types the kernel can test-run', () => {
  kernelIt('BPF_PROG_TEST_RUN answers ENOTSUPP (524) exactly for the types marked kernelTestRun: false', async () => {
    const wrong: string[] = [];
    for (const spec of Object.values(PROG_TYPES)) {
      const raw = spec.name === 'raw_tracepoint';
      const k = await kernel().run({
        progType: spec.name, insns: RET1,
        ...(raw ? { ctxIn: new Uint8Array(8), repeat: 0, ctxOut: false } : spec.input === 'packet' ? { dataIn: FRAMES.ipv4Broadcast! } : { ctxIn: new Uint8Array(spec.ctx.size) }),
      });
      const unsupported = !k.run!.ok && k.run!.errno === 524;
      if (unsupported === spec.kernelTestRun) wrong.push(`${spec.name}: kernel ${k.run!.ok ? 'ran it' : k.run!.errnoName}, table says kernelTestRun ${spec.kernelTestRun}`);
      if (spec.kernelTestRun && !k.run!.ok) wrong.push(`${spec.name}: kernel refused the test run with ${k.run!.errnoName}`);
    }
    expect(wrong).toEqual([]);
  });
});
