// The test-run input conventions, differentially against the running kernel: which data_in/ctx_in
// the kernel refuses (and with which errno), what every readable context field holds for a given
// input (at every narrow offset and size), where the packet pointers point, and what data_out and
// ctx_out come back for a program that changes nothing. No VM involved: this checks the
// program-type table's `makeRunInput`, CtxSpec loads, `packetOut` and `ctxOut` directly.

import { describe, expect } from 'vitest';
import { BPF_B, BPF_DW, BPF_H, BPF_LDX, BPF_MEM, BPF_W } from '../../src/core/isa/constants.js';
import { insn, type Insn } from '../../src/core/isa/insn.js';
import { ctxAccess, ctxOut, makeRunInput, packetOut, progTypeSpec, type PreparedRun } from '../../src/core/progtypes/index.js';
import type { CtxEnv } from '../../src/core/vm/types.js';
import { runWide } from '../../tools/wide-r0.js';
import { CASES, CTX_PROG_TYPES } from './inputs.js';
import { hex, kernel, kernelIt } from './oracle.js';

const SIZE_BITS: Record<number, number> = { 1: BPF_B, 2: BPF_H, 4: BPF_W, 8: BPF_DW };
const ldx = (dst: number, src: number, off: number, size: number): Insn => insn(BPF_LDX | BPF_MEM | SIZE_BITS[size]!, dst, src, off);
const EXIT = insn(0x95);
const PASS = [insn(0xb7, 0, 0, 0, 2), EXIT];
const DATA_ADDR = 0xffff888100000100n;

function envFor(run: PreparedRun): CtxEnv {
  const ctx = run.input.ctx!;
  const bytes = new Uint8Array(ctx.size);
  bytes.set(ctx.init ?? []);
  const len = run.input.packet!.bytes.length;
  return {
    bytes, packetData: DATA_ADDR, packetEnd: DATA_ADDR + BigInt(len), packetMeta: DATA_ADDR - BigInt(run.meta.length),
    packetLength: len, ctxAddress: 0xffff888100002000n,
  };
}

describe('test-run inputs against the 6.18 kernel', () => {
  for (const name of CTX_PROG_TYPES) {
    kernelIt(`${name}: refuses and accepts the same data_in and ctx_in as the kernel, with the same errno`, async () => {
      const cases = [...CASES[name].verdicts, ...CASES[name].accepted];
      const wrong: string[] = [];
      await Promise.all(cases.map(async (c) => {
        const k = await kernel().run({ progType: name, insns: PASS, dataIn: c.dataIn, ctxIn: c.ctxIn });
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
        if (f.kind !== 'value' && f.kind !== 'bytes') continue; // pointers are checked below
        for (let off = f.offset; off < f.offset + f.size; off++) {
          for (const size of [1, 2, 4, 8]) if (ctxAccess(spec, off, size, false)) reads.push({ off, size });
        }
      }
      const wrong: string[] = [];
      let compared = 0;
      for (const c of CASES[name].accepted) {
        const prepared = makeRunInput(name, { dataIn: c.dataIn, ctxIn: c.ctxIn });
        if (!prepared.ok) { wrong.push(`${c.name}: bpfiddle refuses it: ${prepared.error.message}`); continue; }
        const env = envFor(prepared.run);
        await Promise.all(reads.map(async (r) => {
          const k = await runWide(kernel(), { progType: name, insns: [ldx(0, 1, r.off, r.size), EXIT], dataIn: c.dataIn, ctxIn: c.ctxIn });
          const ours = prepared.run.input.ctx!.load(r.off, r.size as 1 | 2 | 4 | 8, env);
          compared++;
          const ov = ours.ok ? ours.value : undefined;
          if (k.r0 !== ov) wrong.push(`${c.name}: ${spec.ctx.fields.find((f) => r.off >= f.offset && r.off < f.offset + f.size)!.name} off=${r.off} size=${r.size}: kernel ${k.r0?.toString(16)}, bpfiddle ${ov?.toString(16)}`);
        }));
      }
      console.log(`${name}: ${compared} context reads compared, ${wrong.length} disagreements`);
      expect(wrong.slice(0, 12)).toEqual([]);
    });

    kernelIt(`${name}: packet pointers span the packet and metadata as in the kernel`, async () => {
      const spec = progTypeSpec(name)!;
      const off = (n: string): number | undefined => (spec.access[n] ? spec.ctx.fields.find((f) => f.name === n)!.offset : undefined);
      const [data, end, meta] = [off('data'), off('data_end'), off('data_meta')];
      if (data === undefined) {
        // Socket filters have no direct packet access; the kernel refuses the load (ctx-access test).
        expect(ctxAccess(spec, spec.ctx.fields.find((f) => f.name === 'data')!.offset, 4, false)).toBeNull();
        return;
      }
      const wrong: string[] = [];
      for (const c of CASES[name].accepted) {
        const prepared = makeRunInput(name, { dataIn: c.dataIn, ctxIn: c.ctxIn });
        if (!prepared.ok) { wrong.push(`${c.name}: bpfiddle refuses it`); continue; }
        const env = envFor(prepared.run);
        const ctx = prepared.run.input.ctx!;
        for (const other of [end!, meta!]) {
          // r0 = *(u32 *)(r1 + other) - *(u32 *)(r1 + data)
          const k = await runWide(kernel(), { progType: name, insns: [ldx(2, 1, data, 4), ldx(0, 1, other, 4), insn(0x1f, 0, 2), EXIT], dataIn: c.dataIn, ctxIn: c.ctxIn });
          const a = ctx.load(other, 4, env);
          const b = ctx.load(data, 4, env);
          const ours = a.ok && b.ok ? BigInt.asUintN(64, a.value - b.value) : undefined;
          if (k.r0 !== ours) wrong.push(`${c.name}: field at ${other} minus data: kernel ${k.r0}, bpfiddle ${ours}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    kernelIt(`${name}: data_out and ctx_out of a program that changes nothing match the kernel`, async () => {
      const wrong: string[] = [];
      for (const c of CASES[name].accepted) {
        const prepared = makeRunInput(name, { dataIn: c.dataIn, ctxIn: c.ctxIn });
        if (!prepared.ok) { wrong.push(`${c.name}: bpfiddle refuses it`); continue; }
        const run = prepared.run;
        const k = await kernel().run({ progType: name, insns: PASS, dataIn: c.dataIn, ctxIn: c.ctxIn });
        const out = packetOut(run, run.input.packet!.bytes);
        const ctx = ctxOut(run, envFor(run).bytes, run.input.packet!.bytes.length);
        if (hex(k.run!.dataOut) !== hex(out)) wrong.push(`${c.name}: data_out kernel ${hex(k.run!.dataOut).slice(0, 120)}, bpfiddle ${hex(out).slice(0, 120)}`);
        const kctx = c.ctxIn ? k.run!.ctxOut : null;
        if (hex(kctx) !== hex(ctx)) wrong.push(`${c.name}: ctx_out kernel ${hex(kctx)}, bpfiddle ${hex(ctx)}`);
      }
      expect(wrong).toEqual([]);
    });
  }
});
