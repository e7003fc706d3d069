// A short run of the verifier differential fuzzer (tools/verifier/fuzz.ts): random programs from
// fuzz-gen.ts, verified by the running kernel and by bpfiddle. The generator must keep producing
// programs that assemble and that the kernel splits about evenly between accepted and rejected;
// bpfiddle's agreement with the kernel must not fall below the floors in corpus/fuzz-floor.json
// (raise them as the verifier improves). Long runs: `npx tsx tools/verifier/fuzz.ts 5000 SEED`.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ctxSweep } from '../../tools/verifier/fuzz-ctx.js';
import { disagreementReport, fuzzProgram, fuzzSummaryLine, runFuzz, runPrograms } from '../../tools/verifier/fuzz.js';
import { CORPUS_DIR } from './corpus/corpus.js';
import { kernel, kernelIt } from '../kernel/oracle.js';

const COUNT = 1000;
const SEED = 20261122;

interface Floor {
  programs: number; seed: number; verdictAgree: number; errorAgree: number; processedAgree: number;
  /** The same for instruction soup (random instructions, nearly all rejected). */
  soupVerdictAgree: number; soupErrorAgree: number;
  /** Programs of the context-access sweep (tools/verifier/fuzz-ctx.ts) with the kernel's verdict and message. */
  ctxSweepAgree: number;
  /** Helper-call soup (one random helper, arguments from a palette): verdict and first error. */
  callsVerdictAgree: number; callsErrorAgree: number;
}
const floor = JSON.parse(readFileSync(join(CORPUS_DIR, 'fuzz-floor.json'), 'utf8')) as Floor;

describe('verifier fuzz programs', () => {
  it('are generated reproducibly, assemble, and mix every kind of snippet', () => {
    const recipes = new Set<string>();
    for (let i = 0; i < COUNT; i++) {
      const p = fuzzProgram(SEED, i);
      expect(typeof p === 'string' ? p : '').toBe('');
      if (typeof p === 'string') continue;
      const again = fuzzProgram(SEED, i);
      expect(typeof again === 'string' ? again : again.source).toBe(p.source);
      for (const r of p.recipe) recipes.add(r.replace(/^!/, ''));
    }
    expect([...recipes].sort()).toEqual([
      'adjust', 'alu', 'atomic', 'bounds', 'branch', 'call', 'ctx', 'direct_value', 'helper', 'ldabs', 'loop', 'map', 'pkt',
      'probe_read', 'ptr', 'return', 'ringbuf', 'signext', 'spill', 'spill_scalar', 'stack', 'stack_var', 'tail_call', 'update',
    ]);
  });
});

describe('verifier fuzz against the running kernel', () => {
  kernelIt(`bpfiddle agrees with the kernel on ${COUNT} random programs at least as often as the pinned floor`, async () => {
    const s = await runFuzz(kernel(), { count: COUNT, seed: SEED });
    console.log(fuzzSummaryLine(s));
    const groups = disagreementReport(s, null).split('\n').filter((l) => /^\s+\d+ {2}\[/.test(l)).slice(0, 8);
    if (groups.length) console.log(`most frequent disagreements:\n${groups.join('\n')}`);
    expect(s.broken).toEqual([]);
    expect(s.setupErrors).toEqual([]);
    expect(s.programs).toBe(COUNT);
    // The generator's balance: neither verdict dominates.
    expect(s.kernelAccepted / s.programs).toBeGreaterThan(0.35);
    expect(s.kernelAccepted / s.programs).toBeLessThan(0.65);
    expect(floor.programs).toBe(COUNT);
    expect(floor.seed).toBe(SEED);
    expect(s.verdictAgree).toBeGreaterThanOrEqual(floor.verdictAgree);
    expect(s.errorAgree).toBeGreaterThanOrEqual(floor.errorAgree);
    expect(s.processedAgree).toBeGreaterThanOrEqual(floor.processedAgree);
    if (s.verdictAgree > floor.verdictAgree || s.errorAgree > floor.errorAgree || s.processedAgree > floor.processedAgree) {
      console.log('above the floor: raise tests/verifier/corpus/fuzz-floor.json to ' +
        `verdictAgree ${s.verdictAgree}, errorAgree ${s.errorAgree}, processedAgree ${s.processedAgree}`);
    }
  }, 120_000);

  kernelIt(`bpfiddle gives the kernel's first error on ${COUNT} instruction-soup programs at least as often as the floor`, async () => {
    const s = await runFuzz(kernel(), { count: COUNT, seed: SEED, mode: 'soup' });
    console.log(`soup: ${fuzzSummaryLine(s)}`);
    const groups = disagreementReport(s, null).split('\n').filter((l) => /^\s+\d+ {2}\[/.test(l)).slice(0, 8);
    if (groups.length) console.log(`most frequent disagreements:\n${groups.join('\n')}`);
    expect(s.programs).toBe(COUNT);
    // Soup is for the error paths: a handful of programs pass, many distinct messages come back.
    expect(new Set(s.results.map((r) => r.kernel.error)).size).toBeGreaterThan(40);
    expect(s.verdictAgree).toBeGreaterThanOrEqual(floor.soupVerdictAgree);
    expect(s.errorAgree).toBeGreaterThanOrEqual(floor.soupErrorAgree);
    if (s.verdictAgree > floor.soupVerdictAgree || s.errorAgree > floor.soupErrorAgree) {
      console.log(`above the floor: raise fuzz-floor.json to soupVerdictAgree ${s.verdictAgree}, soupErrorAgree ${s.errorAgree}`);
    }
  }, 120_000);

  kernelIt(`bpfiddle checks ${COUNT} random helper calls like the kernel at least as often as the floor`, async () => {
    const s = await runFuzz(kernel(), { count: COUNT, seed: SEED, mode: 'calls' });
    console.log(`calls: ${fuzzSummaryLine(s)}`);
    const groups = disagreementReport(s, null).split('\n').filter((l) => /^\s+\d+ {2}\[/.test(l)).slice(0, 8);
    if (groups.length) console.log(`most frequent disagreements:\n${groups.join('\n')}`);
    expect(s.broken).toEqual([]);
    expect(s.programs).toBe(COUNT);
    expect(s.kernelAccepted).toBeGreaterThan(20);
    expect(new Set(s.results.map((r) => r.kernel.error)).size).toBeGreaterThan(40);
    expect(s.verdictAgree).toBeGreaterThanOrEqual(floor.callsVerdictAgree);
    expect(s.errorAgree).toBeGreaterThanOrEqual(floor.callsErrorAgree);
    if (s.verdictAgree > floor.callsVerdictAgree || s.errorAgree > floor.callsErrorAgree) {
      console.log(`above the floor: raise fuzz-floor.json to callsVerdictAgree ${s.verdictAgree}, callsErrorAgree ${s.errorAgree}`);
    }
  }, 120_000);

  kernelIt('bpfiddle gives the kernel\'s verdict and message for every context access of every program type', async () => {
    const progs = ctxSweep();
    const s = await runPrograms(kernel(), progs);
    console.log(`context sweep: ${fuzzSummaryLine(s)}`);
    const groups = disagreementReport(s, null).split('\n').filter((l) => /^\s+\d+ {2}\[/.test(l)).slice(0, 8);
    if (groups.length) console.log(`disagreements:\n${groups.join('\n')}`);
    expect(s.programs).toBe(progs.length);
    // Both verdicts occur: the sweep crosses every field boundary.
    expect(s.kernelAccepted).toBeGreaterThan(1000);
    expect(s.errorAgree).toBeGreaterThanOrEqual(floor.ctxSweepAgree);
    if (s.errorAgree > floor.ctxSweepAgree) console.log(`above the floor: raise fuzz-floor.json to ctxSweepAgree ${s.errorAgree}`);
  }, 120_000);
});
