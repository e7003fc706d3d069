// VM throughput on three workloads, each on the plain fast path (generated code), the fast path
// with step-back recording on (a Session), the int32 switch interpreter (the engine used where a
// Content-Security-Policy forbids generated code) with and without recording, and the bigint
// reference interpreter. Every run checks its result.

import { assemble } from '../../src/core/asm/index.js';
import type { Insn } from '../../src/core/isa/insn.js';
import { run, Session, type RunInput, type RunOptions } from '../../src/core/vm/index.js';
import type { BenchCase, BenchSuite } from '../harness.js';

function asm(src: string): Insn[] {
  const r = assemble(src);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
  return r.program.insns;
}

/** (a) A tight 64-bit ALU loop: add, move, shift, xor, multiply, decrement, branch. */
const aluLoop = (iterations: number): Insn[] => asm(`
  r0 = 0
  r1 = ${iterations}
loop:
  r0 += r1
  r3 = r0
  r3 >>= 29
  r0 ^= r3
  r0 *= 0x5bd1e995
  r1 += -1
  if r1 != 0 goto loop
  exit`);

function aluExpected(iterations: number): bigint {
  const M = (1n << 64n) - 1n;
  let r0 = 0n;
  for (let r1 = BigInt(iterations); r1 !== 0n; r1--) {
    r0 = (r0 + r1) & M;
    r0 ^= r0 >> 29n;
    r0 = (r0 * 0x5bd1e995n) & M;
  }
  return r0;
}

/** (b) Sum a 64 KiB buffer of u64 (r1 = buffer), 100 times. */
const SUM = asm(`
  r0 = 0
  r6 = 100
outer:
  r2 = r1
  r4 = r1
  r4 += 65536
inner:
  r3 = *(u64 *)(r2 + 0)
  r0 += r3
  r2 += 8
  if r2 != r4 goto inner
  r6 += -1
  if r6 != 0 goto outer
  exit`);
const BUF = Uint8Array.from({ length: 65536 }, (_, i) => (i * 131 + 7) & 0xff);
const SUM_EXPECTED = (() => {
  const dv = new DataView(BUF.buffer);
  let s = 0n;
  for (let i = 0; i < 65536; i += 8) s += dv.getBigUint64(i, true);
  return BigInt.asUintN(64, s * 100n);
})();

/** (c) Collatz step counts of 1..n, summed, with 32-bit ALU and JMP32 only (plus exit). */
const collatz = (n: number): Insn[] => asm(`
  w0 = 0
  w6 = 1
outer:
  w1 = w6
  if w1 == 1 goto next
inner:
  w0 += 1
  w2 = w1
  w2 &= 1
  if w2 != 0 goto odd
  w1 >>= 1
  if w1 != 1 goto inner
  gotol next
odd:
  w1 *= 3
  w1 += 1
  if w1 != 1 goto inner
next:
  w6 += 1
  if w6 <= ${n} goto outer
  exit`);

function collatzExpected(n: number): bigint {
  let total = 0;
  for (let k = 1; k <= n; k++) {
    let x = k;
    while (x !== 1) { x = x & 1 ? ((3 * x + 1) >>> 0) : x >>> 1; total++; }
  }
  return BigInt(total >>> 0);
}

interface Workload { name: string; insns: Insn[]; input: RunInput; r0: bigint }

function cases(label: string, full: Workload, small: Workload): BenchCase[] {
  const plain = (w: Workload, variant: string, opts: RunOptions): BenchCase => ({
    name: label, variant, unit: 'insn',
    run() {
      const r = run(w.insns, w.input, { maxSteps: 1e12, ...opts });
      if (r.exit !== 'exit' || r.r0 !== w.r0) throw new Error(`${label}: got ${r.exit} 0x${r.r0.toString(16)}, want 0x${w.r0.toString(16)}`);
      return r.steps;
    },
  });
  return [
    plain(full, `jit (${full.name})`, { engine: 'jit' }),
    {
      name: label, variant: `jit+record (${small.name})`, unit: 'insn',
      run() {
        const s = new Session(small.insns, small.input, { maxSteps: 1e12, engine: 'jit' });
        s.continue();
        const r = s.result();
        if (r.exit !== 'exit' || r.r0 !== small.r0) throw new Error(`${label} recorded: got 0x${r.r0.toString(16)}`);
        return r.steps;
      },
    },
    {
      name: label, variant: 'switch (first 20M insns)', unit: 'insn',
      run() {
        const r = run(full.insns, full.input, { maxSteps: 20_000_000, engine: 'switch' });
        if (r.steps !== Math.min(20_000_000, r.steps) || (r.exit === 'exit' && r.r0 !== full.r0)) throw new Error(`${label} switch: ${r.exit}`);
        return r.steps;
      },
    },
    {
      name: label, variant: `switch+record (${small.name})`, unit: 'insn',
      run() {
        const s = new Session(small.insns, small.input, { maxSteps: 1e12, engine: 'switch' });
        s.continue();
        const r = s.result();
        if (r.exit !== 'exit' || r.r0 !== small.r0) throw new Error(`${label} switch recorded: got 0x${r.r0.toString(16)}`);
        return r.steps;
      },
    },
    {
      name: label, variant: 'interp (first 2M insns)', unit: 'insn', runs: 5,
      run() {
        const r = run(full.insns, full.input, { maxSteps: 2_000_000, engine: 'interp' });
        if (r.exit !== 'limit' || r.steps !== 2_000_000) throw new Error(`${label} interp: ${r.exit}`);
        return r.steps;
      },
    },
  ];
}

export const suite: BenchSuite = {
  name: 'vm',
  cases: [
    ...cases('(a) alu64 loop',
      { name: '10M iterations', insns: aluLoop(10_000_000), input: {}, r0: aluExpected(10_000_000) },
      { name: '1M iterations', insns: aluLoop(1_000_000), input: {}, r0: aluExpected(1_000_000) }),
    ...cases('(b) sum 64 KiB x100',
      { name: 'x100', insns: SUM, input: { mem: BUF }, r0: SUM_EXPECTED },
      { name: 'x100', insns: SUM, input: { mem: BUF }, r0: SUM_EXPECTED }),
    ...cases('(c) collatz32',
      { name: '1..200000', insns: collatz(200_000), input: {}, r0: collatzExpected(200_000) },
      { name: '1..20000', insns: collatz(20_000), input: {}, r0: collatzExpected(20_000) }),
  ],
};
