// Verifier speed against the kernel's own: generated programs that make Linux 6.18 process about
// 10,000, 100,000 and 1,000,000 instructions (a long bounded loop, a loop around a branch whose
// both sides are explored, and a loop around a chain of seven nested bpf-to-bpf calls). For each:
// bpfiddle's verification time in Node (median of several runs, log level 0, no path recording,
// then once more recording the paths, with the heap that recording keeps), the kernel's
// `verification time N usec` (log level 4) for the same program in the same run (median), the
// ratio, and both processed counts (which must agree). In Chromium, the production build's worker
// verifies the 1M-instruction programs as the playground does (its `ms`, and the round trip).
// Without bpf() the kernel column prints `skipped: <why>`; without Chromium, the browser part.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { assemble } from '../../src/core/asm/index.js';
import type { AsmProgram } from '../../src/core/asm/types.js';
import { verify } from '../../src/core/verifier/index.js';
import { KernelOracle, LOG_STATS, kernelAvailable, verificationTimeUsec } from '../../tools/kernel.js';
import { CHROMIUM, chromiumAvailable, withProductionBuild, withServedBrowser } from '../browser.js';
import type { BenchMetric, BenchSuite } from '../harness.js';

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** `r1 = n; loop: 5 ALU insns; r1 += -1; if r1 != 0 goto loop`: 7n + 3 processed. */
export function loopProgram(n: number): string {
  return ['.prog socket_filter', 'r0 = 0', `r1 = ${n}`, 'loop:', 'r0 += r1', 'r2 = r0', 'r2 &= 255', 'r0 ^= r2', 'r3 = r2',
    'r1 += -1', 'if r1 != 0 goto loop', 'exit'].join('\n');
}

/** A loop of n iterations with a branch decided by the counter and, every 16th iteration,
 * `if (rand & 1)` whose both sides are explored (at most 8192 branches may be pending). */
export function branchProgram(n: number): string {
  return ['.prog socket_filter', 'call bpf_get_prandom_u32', 'r6 = r0', 'r0 = 0', `r1 = ${n}`, 'loop:', 'r4 = r1', 'r4 &= 15',
    'if r4 != 0 goto join', 'r2 = r6', 'r2 &= 1', 'if r2 == 0 goto skip', 'r3 = 1', 'goto join', 'skip:', 'r3 = 2', 'join:',
    'r0 += 1', 'r1 += -1', 'if r1 != 0 goto loop', 'r0 = 0', 'exit'].join('\n');
}

/** A loop of n iterations around a call chain main → f1 → ... → f7 (eight frames, the kernel's maximum). */
export function callProgram(n: number): string {
  const lines = ['.prog socket_filter', `r6 = ${n}`, 'loop:', 'r1 = r6', 'call f1', 'r6 += -1', 'if r6 != 0 goto loop', 'r0 = 0', 'exit'];
  for (let i = 1; i < 7; i++) lines.push(`f${i}:`, 'r1 += 1', `call f${i + 1}`, 'exit');
  lines.push('f7:', 'r0 = r1', 'exit');
  return lines.join('\n');
}

export interface Workload {
  name: string;
  source: string;
  /** Node runs to take the median of. */
  runs: number;
}

/** Iteration counts chosen so that the kernel processes ≈10k, ≈100k and ≈1M (≤ 1,000,000) instructions. */
export const WORKLOADS: readonly Workload[] = [
  { name: 'loop 10k', source: loopProgram(1_428), runs: 9 },
  { name: 'loop 100k', source: loopProgram(14_285), runs: 7 },
  { name: 'loop 1M', source: loopProgram(142_856), runs: 5 },
  { name: 'branches 10k', source: branchProgram(750), runs: 9 },
  { name: 'branches 100k', source: branchProgram(7_400), runs: 7 },
  { name: 'branches 1M', source: branchProgram(73_400), runs: 5 },
  { name: 'calls 10k', source: callProgram(416), runs: 9 },
  { name: 'calls 100k', source: callProgram(4_166), runs: 7 },
  { name: 'calls 1M', source: callProgram(41_666), runs: 5 },
];

function program(source: string): AsmProgram {
  const a = assemble(source);
  if (!a.ok) throw new Error(a.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
  return a.program;
}

const verifyInput = (p: AsmProgram) => ({ insns: p.insns, maps: p.maps, progType: p.progType });

/** Verification with path recording (default window): median time of `runs`, and the heap (MB)
 * the last result keeps alive. */
function recorded(p: AsmProgram, runs: number): { mb: number; ms: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  const times: number[] = [];
  let mb = 0;
  for (let i = 0; i < runs; i++) {
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const r = verify(verifyInput(p), { logLevel: 0, recordPaths: true });
    times.push(performance.now() - t0);
    if (r.paths.paths.length === 0) throw new Error('no paths recorded');
    if (i > 0) continue; // later runs start with the previous result possibly still on V8's stack
    gc?.();
    mb = (process.memoryUsage().heapUsed - before) / 1e6;
    if (r.processed === 0) throw new Error('nothing processed'); // keeps r alive across the gc
  }
  return { mb, ms: median(times) };
}

async function kernelTimes(oracle: KernelOracle, p: AsmProgram, runs: number): Promise<{ usec: number; processed: number }> {
  const times: number[] = [];
  let processed = -1;
  for (let i = 0; i < runs; i++) {
    const r = await oracle.load({ progType: p.progType, insns: p.insns, logLevel: LOG_STATS });
    if (!r.loaded) throw new Error(`the kernel rejects the workload: ${r.errnoName} ${r.log.slice(-300)}`);
    const t = verificationTimeUsec(r.log);
    const m = /processed (\d+) insns/.exec(r.log);
    if (t === undefined || !m) throw new Error(`no statistics in the kernel's log: ${r.log.slice(-300)}`);
    times.push(t);
    processed = Number(m[1]);
  }
  return { usec: median(times), processed };
}

async function measureAll(): Promise<BenchMetric[]> {
  const out: BenchMetric[] = [];
  const m = (name: string, value: number, unit: string, target?: string, ok?: boolean): void => {
    out.push({ suite: 'verifier', name, value, unit, ...(target ? { target } : {}), ...(ok !== undefined ? { ok } : {}) });
    process.stderr.write(`  verifier ${name}: ${Number.isInteger(value) ? value : value.toFixed(2)} ${unit}${target ? ` (target ${target})` : ''}\n`);
  };
  const filter = process.env.BPFIDDLE_BENCH_VERIFIER;
  const workloads = WORKLOADS.filter((w) => !filter || w.name.includes(filter));
  const kernel = kernelAvailable();
  if (!kernel.ok) console.log(`skipped: verifier kernel times — ${kernel.why}`);
  const oracle = kernel.ok ? KernelOracle.start() : null;
  if (!(globalThis as { gc?: unknown }).gc) console.log('note: verifier heap figures without --expose-gc (NODE_OPTIONS=--expose-gc) include garbage');
  try {
    for (const w of workloads) {
      const p = program(w.source);
      const times: number[] = [];
      const cpu: number[] = [];
      let processed = 0;
      verify(verifyInput(p), { logLevel: 0, recordPaths: false }); // warm-up
      for (let i = 0; i < w.runs; i++) {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        const r = verify(verifyInput(p), { logLevel: 0, recordPaths: false });
        times.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
        if (!r.accepted) throw new Error(`${w.name}: bpfiddle rejects it: ${r.error?.message}`);
        processed = r.processed;
      }
      const ms = median(times);
      const big = processed > 500_000;
      m(`${w.name}: bpfiddle, Node (median of ${w.runs})`, ms, 'ms', big ? '< 3000 ms' : undefined, big ? ms < 3000 : undefined);
      // CPU time too: on a shared machine the wall time includes waiting for a core (the
      // kernel's figure is wall time as well); it also counts V8's GC threads
      m(`${w.name}: bpfiddle, Node, CPU time (median)`, median(cpu), 'ms');
      m(`${w.name}: bpfiddle, processed insns per µs`, processed / ms / 1000, 'insn/µs');
      const rec = recorded(p, 3);
      m(`${w.name}: bpfiddle recording paths (median of 3)`, rec.ms, 'ms');
      m(`${w.name}: heap kept by the recorded paths`, rec.mb, 'MB', big ? '< 200 MB' : undefined, big ? rec.mb < 200 : undefined);
      if (oracle) {
        const k = await kernelTimes(oracle, p, w.runs);
        m(`${w.name}: kernel verification time (median of ${w.runs})`, k.usec / 1000, 'ms');
        const ratio = ms / (k.usec / 1000);
        m(`${w.name}: bpfiddle / kernel`, ratio, 'x', '< 5x', ratio < 5);
        m(`${w.name}: processed, bpfiddle (kernel: ${k.processed})`, processed, 'insns', `= ${k.processed}`, processed === k.processed);
      } else {
        m(`${w.name}: processed, bpfiddle`, processed, 'insns');
      }
    }
  } finally {
    await oracle?.close();
  }
  if (!filter || filter === 'browser') out.push(...(await browserTimes()));
  return out;
}

/** The production build's worker in Chromium verifying the 1M workloads (log level 1 and path
 * recording, as the playground asks for them). */
async function browserTimes(): Promise<BenchMetric[]> {
  const out: BenchMetric[] = [];
  if (!chromiumAvailable()) {
    console.log(`skipped: verifier in the browser worker — Chromium not found at ${CHROMIUM}`);
    return out;
  }
  await withProductionBuild('verifier', async (outDir) => {
    const workerFile = readdirSync(join(outDir, 'assets')).find((f) => /^worker.*\.js$/.test(f));
    if (!workerFile) throw new Error('no worker chunk in the build');
    await withServedBrowser(outDir, async (url, browser) => {
      const page = await browser.newPage();
      await page.goto(`${url}assets/${workerFile}`); // same origin, without starting the app
      for (const w of WORKLOADS.filter((x) => x.name.endsWith('1M'))) {
        // In-page code as text: tsx would add helpers (__name) the page does not have.
        const script = `(async () => {
          const worker = new Worker(${JSON.stringify(`/assets/${workerFile}`)}, { type: 'module' });
          let id = 0;
          const ask = (source) => new Promise((resolve, reject) => {
            const my = ++id;
            worker.onmessage = (e) => { if (e.data.id === my) { if (e.data.ok) resolve(e.data.value); else reject(new Error(e.data.error)); } };
            worker.postMessage({ id: my, op: 'verify', source, logLevel: 1 });
          });
          const source = ${JSON.stringify(w.source)};
          await ask(source); // warm-up
          const rounds = [];
          for (let i = 0; i < 3; i++) {
            const t0 = performance.now();
            const v = await ask(source + '\\n'.repeat(i + 1)); // a different text: no cached answer
            rounds.push({ ms: v.ms, wall: performance.now() - t0, processed: v.processed, accepted: v.accepted });
          }
          worker.terminate();
          return rounds;
        })()`;
        const rounds = (await page.evaluate(script)) as { ms: number; wall: number; processed: number; accepted: boolean }[];
        if (!rounds.every((r) => r.accepted)) throw new Error(`${w.name}: the worker rejects it`);
        const ms = median(rounds.map((r) => r.ms));
        const wall = median(rounds.map((r) => r.wall));
        out.push({ suite: 'verifier', name: `${w.name}: browser worker verify, log level 1 + paths (median of 3)`, value: ms, unit: 'ms', target: '< 3000 ms', ok: ms < 3000 });
        out.push({ suite: 'verifier', name: `${w.name}: browser worker round trip`, value: wall, unit: 'ms' });
        process.stderr.write(`  verifier ${w.name}: browser worker ${ms.toFixed(0)} ms (round trip ${wall.toFixed(0)} ms, ${rounds[0]!.processed} insns)\n`);
      }
    });
  });
  return out;
}

export const suite: BenchSuite = { name: 'verifier', cases: [], metrics: measureAll };
