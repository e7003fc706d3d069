// Context access rights and store semantics, differentially against the running kernel: every
// (offset, size) load and store on each program type's context is loaded by the kernel, and the
// verdict must match `ctxAccess` (what the VM and the verifier use); then every writable field
// takes stores of awkward values, and what reads back (and ctx_out) must match the CtxSpec.

import { describe, expect } from 'vitest';
import { BPF_B, BPF_DW, BPF_H, BPF_LDX, BPF_MEM, BPF_STX, BPF_W } from '../../src/core/isa/constants.js';
import { insn, lddwSlots, type Insn } from '../../src/core/isa/insn.js';
import { ctxAccess, invalidCtxAccess, makeRunInput, progTypeSpec, ctxOut } from '../../src/core/progtypes/index.js';
import type { CtxEnv } from '../../src/core/vm/types.js';
import { runWide } from '../../tools/wide-r0.js';
import { CTX_PROG_TYPES, FRAMES } from './inputs.js';
import { hex, kernel, kernelIt } from './oracle.js';

const SIZE_BITS: Record<number, number> = { 1: BPF_B, 2: BPF_H, 4: BPF_W, 8: BPF_DW };
const ldx = (dst: number, src: number, off: number, size: number): Insn => insn(BPF_LDX | BPF_MEM | SIZE_BITS[size]!, dst, src, off);
const stx = (dst: number, src: number, off: number, size: number): Insn => insn(BPF_STX | BPF_MEM | SIZE_BITS[size]!, dst, src, off);
const MOV0 = insn(0xb7, 0, 0, 0, 0);
const EXIT = insn(0x95);

describe('context access rights against the 6.18 kernel', () => {
  for (const name of CTX_PROG_TYPES) {
    kernelIt(`${name}: every load and store of the context is allowed exactly when the kernel allows it`, async () => {
      const spec = progTypeSpec(name)!;
      const probes: { off: number; size: number; write: boolean }[] = [];
      for (let off = 0; off < spec.ctx.size; off++) {
        for (const size of [1, 2, 4, 8]) for (const write of [false, true]) probes.push({ off, size, write });
      }
      const results = await Promise.all(probes.map((p) => kernel().load({
        progType: name,
        logLevel: 1,
        insns: p.write ? [insn(0xb7, 2, 0, 0, 0), stx(1, 2, p.off, p.size), MOV0, EXIT] : [ldx(0, 1, p.off, p.size), MOV0, EXIT],
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
      console.log(`${name}: ${probes.length} context accesses compared, ${allowed} allowed, ${wrong.length} disagreements`);
      expect(wrong.slice(0, 12)).toEqual([]);
      expect(allowed).toBeGreaterThan(4);
    });
  }
});

describe('context stores against the 6.18 kernel', () => {
  const values = [0x12345678n, 0xfffen, 0xffffn, 0xffffffffn, 0x1122334455667788n, 0x8000n];
  for (const name of ['socket_filter', 'sched_cls'] as const) {
    kernelIt(`${name}: what a store leaves behind reads back and reaches ctx_out as in the kernel`, async () => {
      const spec = progTypeSpec(name)!;
      const frame = FRAMES.ipv4Broadcast!;
      const ctxIn = new Uint8Array(192);
      const prepared = makeRunInput(name, { dataIn: frame, ctxIn });
      if (!prepared.ok) throw new Error(prepared.error.message);
      const run = prepared.run;
      const jobs: { off: number; size: number; value: bigint }[] = [];
      for (const f of spec.ctx.fields) {
        for (let off = f.offset; off < f.offset + f.size; off++) {
          for (const size of [1, 2, 4, 8]) {
            if (!ctxAccess(spec, off, size, true)) continue;
            for (const value of values) jobs.push({ off, size, value });
          }
        }
      }
      const wrong: string[] = [];
      await Promise.all(jobs.map(async (j) => {
        const insns = [...lddwSlots(0x18, 2, 0, j.value), stx(1, 2, j.off, j.size), ldx(0, 1, j.off, j.size), EXIT];
        const k = await runWide(kernel(), { progType: name, insns, dataIn: frame, ctxIn });
        const ctx = run.input.ctx!;
        const bytes = new Uint8Array(ctx.size);
        bytes.set(ctx.init ?? []);
        const env: CtxEnv = { bytes, packetData: 0n, packetEnd: 0n, packetMeta: 0n, packetLength: 0, ctxAddress: 0n };
        const st = ctx.store(j.off, j.size as 1 | 2 | 4 | 8, j.value, env);
        const ld = ctx.load(j.off, j.size as 1 | 2 | 4 | 8, env);
        const ours = st.ok && ld.ok ? ld.value : undefined;
        const oursCtx = ctxOut(run, bytes, run.input.packet!.bytes.length);
        const what = `store 0x${j.value.toString(16)} size ${j.size} at ${j.off}`;
        if (k.r0 !== ours) wrong.push(`${what}: kernel reads back ${k.r0?.toString(16)}, bpfiddle ${ours?.toString(16)}`);
        if (hex(k.result.run?.ctxOut) !== hex(oursCtx)) wrong.push(`${what}: ctx_out kernel ${hex(k.result.run?.ctxOut)} bpfiddle ${hex(oursCtx)}`);
      }));
      console.log(`${name}: ${jobs.length} context stores compared, ${wrong.length} disagreements`);
      expect(wrong.slice(0, 12)).toEqual([]);
      expect(jobs.length).toBeGreaterThan(20);
    });
  }
});
