// Context access rights of the program types added after socket_filter/sched_cls/xdp, measured
// against the running kernel: every (offset, size) load and store of each context is loaded by the
// kernel and its verdict (and its "invalid bpf_context access" message) must match `ctxAccess`,
// which both the VM and the verifier use. Tracepoint records are 8 KiB, so they are probed at the
// edges: the unreadable common header, the start of the fields and the PERF_MAX_TRACE_SIZE end.

import { describe, expect } from 'vitest';
import { BPF_B, BPF_DW, BPF_H, BPF_LDX, BPF_MEM, BPF_STX, BPF_W } from '../../src/core/isa/constants.js';
import { insn, type Insn } from '../../src/core/isa/insn.js';
import type { ProgTypeName } from '../../src/core/asm/types.js';
import { ctxAccess, invalidCtxAccess, PERF_MAX_TRACE_SIZE, progTypeSpec } from '../../src/core/progtypes/index.js';
import { kernel, kernelIt } from '../kernel/oracle.js';

const SIZE_BITS: Record<number, number> = { 1: BPF_B, 2: BPF_H, 4: BPF_W, 8: BPF_DW };
const ldx = (off: number, size: number): Insn => insn(BPF_LDX | BPF_MEM | SIZE_BITS[size]!, 0, 1, off);
const stx = (off: number, size: number): Insn => insn(BPF_STX | BPF_MEM | SIZE_BITS[size]!, 1, 2, off);
const MOV0 = insn(0xb7, 0, 0, 0, 0);
const EXIT = insn(0x95);

interface Probe { off: number; size: number; write: boolean }

function probesFor(offsets: Iterable<number>): Probe[] {
  const out: Probe[] = [];
  for (const off of offsets) for (const size of [1, 2, 4, 8]) for (const write of [false, true]) out.push({ off, size, write });
  return out;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

/** Loads one program per probe and compares the verdicts; returns the disagreements. */
async function compare(name: ProgTypeName, probes: Probe[]): Promise<{ wrong: string[]; allowed: number }> {
  const spec = progTypeSpec(name)!;
  const results = await Promise.all(probes.map((p) => kernel().load({
    progType: name,
    logLevel: 1,
    insns: p.write ? [insn(0xb7, 2, 0, 0, 0), stx(p.off, p.size), MOV0, EXIT] : [ldx(p.off, p.size), MOV0, EXIT],
  })));
  const wrong: string[] = [];
  let allowed = 0;
  probes.forEach((p, n) => {
    const k = results[n]!;
    const ours = ctxAccess(spec, p.off, p.size, p.write) !== null;
    if (k.loaded) allowed++;
    const what = `${p.write ? 'store' : 'load'} off=${p.off} size=${p.size}`;
    if (k.loaded !== ours) wrong.push(`${what}: kernel ${k.loaded ? 'allows' : 'refuses'}, bpfiddle ${ours ? 'allows' : 'refuses'}`);
    else if (!k.loaded && !k.log.includes(invalidCtxAccess(p.off, p.size))) wrong.push(`${what}: kernel says ${k.log.split('\n').at(-3)}`);
  });
  return { wrong, allowed };
}

describe('context access rights of every program type against the 6.18 kernel', () => {
  const whole: [ProgTypeName, number][] = [['sched_act', 0], ['cgroup_skb', 0], ['kprobe', 0], ['perf_event', 0], ['raw_tracepoint', 0]];
  for (const [name] of whole) {
    kernelIt(`${name}: every load and store of the context (and 8 bytes past it) is allowed exactly when the kernel allows it`, async () => {
      const spec = progTypeSpec(name)!;
      const { wrong, allowed } = await compare(name, probesFor(range(0, spec.ctx.size + 8)));
      console.log(`${name}: ${(spec.ctx.size + 8) * 8} context accesses compared, ${allowed} allowed, ${wrong.length} disagreements`);
      expect(wrong.slice(0, 12)).toEqual([]);
      expect(allowed).toBeGreaterThan(20);
    }, 60_000);
  }

  kernelIt('tracepoint: the common header is unreadable, the record readable up to PERF_MAX_TRACE_SIZE, nothing writable', async () => {
    const offsets = [...range(0, 40), ...range(4000, 4016), ...range(PERF_MAX_TRACE_SIZE - 24, PERF_MAX_TRACE_SIZE + 8)];
    const { wrong, allowed } = await compare('tracepoint', probesFor(offsets));
    console.log(`tracepoint: ${offsets.length * 8} context accesses compared, ${allowed} allowed, ${wrong.length} disagreements`);
    expect(wrong.slice(0, 12)).toEqual([]);
    expect(allowed).toBeGreaterThan(40);
  }, 60_000);
});

describe('return-value ranges against the 6.18 kernel', () => {
  kernelIt('cgroup_skb: ingress programs must return 0 or 1, egress programs 0 to 3, with the kernel\'s message', async () => {
    const spec = progTypeSpec('cgroup_skb')!;
    const wrong: string[] = [];
    for (const at of spec.attachTypes!) {
      const range = at.returnRange!;
      for (const v of [-1, 0, 1, 2, 3, 4]) {
        const k = await kernel().load({ progType: 'cgroup_skb', expectedAttachType: at.kernelId, logLevel: 1, insns: [insn(0xb7, 0, 0, 0, v), EXIT] });
        const ours = v >= range.min && v <= range.max;
        if (k.loaded !== ours) wrong.push(`${at.name} r0=${v}: kernel ${k.loaded ? 'accepts' : 'refuses'}`);
        const msg = `At program exit the register R0 has smin=${v} smax=${v} should have been in [${range.min}, ${range.max}]`;
        if (!k.loaded && !k.log.includes(msg)) wrong.push(`${at.name} r0=${v}: kernel says ${k.log.trim().split('\n').at(-2)}`);
      }
    }
    expect(spec.attachTypes![0]!.returnRange).toEqual(spec.returnRange);
    expect(wrong).toEqual([]);
  });

  kernelIt('the other program types load with any r0', async () => {
    const wrong: string[] = [];
    for (const name of ['socket_filter', 'sched_cls', 'sched_act', 'xdp', 'kprobe', 'tracepoint', 'raw_tracepoint', 'perf_event'] as const) {
      expect(progTypeSpec(name)!.returnRange).toBeUndefined();
      for (const v of [-1, 0, 7]) {
        const k = await kernel().load({ progType: name, insns: [insn(0xb7, 0, 0, 0, v), EXIT] });
        if (!k.loaded) wrong.push(`${name} r0=${v}: kernel refuses (${k.errnoName})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
