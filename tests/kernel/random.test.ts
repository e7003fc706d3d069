// Random programs (tests/kernel/gen.ts) run in the kernel and in bpfiddle's VM: straight-line and
// forward-branching ALU programs with stack traffic and bpf-to-bpf calls, and XDP programs that
// read and rewrite the packet. r0 (64 bits) and data_out must agree. The seed is printed; rerun a
// failure with BPFIDDLE_SEED=<seed>, fuzz longer with BPFIDDLE_FUZZ=<programs per kind>.

import { describe, expect } from 'vitest';
import type { Insn } from '../../src/core/isa/insn.js';
import { diffAll, type DiffCase } from './diff.js';
import { generate, Rng, type GenOptions } from './gen.js';
import { kernelIt } from './oracle.js';

const SEED = Number(process.env.BPFIDDLE_SEED ?? 0x5eed2025) >>> 0;
const COUNT = Number(process.env.BPFIDDLE_FUZZ ?? 1500);

/** A 64-byte frame with varied bytes for the packet programs. */
const FRAME = new Uint8Array(80).map((_, i) => (i * 37 + 11) & 0xff);

function cases(kind: string, seed: number, n: number, opts: (r: Rng) => GenOptions, progType: 'xdp' | 'socket_filter'): DiffCase[] {
  const r = new Rng(seed);
  const out: DiffCase[] = [];
  for (let k = 0; k < n; k++) {
    const insns: Insn[] = generate(r, opts(r));
    // The interpreter runs every program; the generated-code engine, whose compile step is slow,
    // every eighth.
    out.push({ name: `${kind} #${k} (seed ${seed})`, progType, insns, dataIn: FRAME, engines: k % 8 === 0 ? ['interp', 'jit'] : ['interp'] });
  }
  return out;
}

const KINDS: { kind: string; seedOffset: number; progType: 'xdp' | 'socket_filter'; opts: (r: Rng) => GenOptions }[] = [
  { kind: 'straight-line ALU', seedOffset: 0, progType: 'socket_filter', opts: (r) => ({ length: 5 + r.int(40), packet: false, calls: false, branches: false }) },
  { kind: 'branching ALU with calls', seedOffset: 1, progType: 'xdp', opts: (r) => ({ length: 10 + r.int(50), packet: false, calls: true, branches: true }) },
  { kind: 'socket filter LD_ABS/LD_IND', seedOffset: 3, progType: 'socket_filter', opts: (r) => ({ length: 10 + r.int(40), packet: false, calls: false, branches: true, ldAbs: true }) },
  { kind: 'XDP packet rewrite', seedOffset: 2, progType: 'xdp', opts: (r) => ({ length: 10 + r.int(40), packet: true, calls: r.chance(0.3), branches: true }) },
];

describe('random programs against the 6.18 kernel', () => {
  for (const k of KINDS) {
    kernelIt(`${k.kind}: bpfiddle computes what the kernel computes`, async () => {
      const seed = (SEED + k.seedOffset) >>> 0;
      const all = cases(k.kind, seed, COUNT, k.opts, k.progType);
      const t0 = performance.now();
      const s = await diffAll(all);
      const ms = performance.now() - t0;
      console.log(`kernel fuzz (${k.kind}, seed ${seed}): ${s.run} programs run, ${s.rejected} rejected by the kernel, ` +
        `${s.agree} agree, ${s.disagreements.length} disagree (${Math.round(ms)} ms)`);
      for (const d of s.disagreements.slice(0, 5)) console.log(`DISAGREEMENT ${d}`);
      for (const w of s.rejections.slice(0, 3)) console.log(`rejected: ${w}`);
      expect(s.disagreements.map((d) => d.split('\n').slice(0, 3).join(' '))).toEqual([]);
      // The generator aims at verifiable programs; a few rejections are tolerated and counted.
      expect(s.rejected).toBeLessThan(s.run * 0.05);
    }, 60_000 + COUNT * 40);
  }
});
