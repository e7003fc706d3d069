// The kernel-differential harness behind `npm run test:kernel` (and, with a smaller random sample,
// `npm test`): bpfiddle's verifier against the running kernel on the verifier corpus (answers asked
// live, not read from expected.json), on random programs of the three fuzz modes, on the
// context-access sweep, on the sweep of reads through map and task_struct pointers and on the
// dynptr helper sweep, reported as one table of verdict, first-error and processed-count
// agreement. The targets are issue [6/8]'s: verdict 100% on the corpus and the random programs,
// first error equal on at least 95%, processed count equal on at least 80%; the floors of
// tests/verifier/corpus/fuzz-floor.json apply where they are higher.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KernelOracle } from '../kernel.js';
import { compareCorpus } from '../../tests/verifier/corpus/compare.js';
import { askKernel, CORPUS_DIR, expectationOf, loadCorpus, type Expectation } from '../../tests/verifier/corpus/corpus.js';
import { mapPtrSweep, taskSweep } from './btf-sweep.js';
import { dynptrSweep } from './dynptr-sweep.js';
import { ctxSweep } from './fuzz-ctx.js';
import { mergeSummaries, runFuzz, runPrograms, type FuzzMode, type FuzzSummary } from './fuzz.js';

/** One row of the report. */
export interface HarnessRow {
  name: string;
  programs: number;
  kernelAccepted: number;
  verdict: number;
  error: number;
  processed: number;
  /** Agreement this row must reach, as fractions of `programs`. */
  need: { verdict: number; error: number; processed: number };
  /** A few disagreements, for the failure message. */
  examples: string[];
}

/** Issue [6/8]'s targets. */
export const TARGETS = { verdict: 1, error: 0.95, processed: 0.8 } as const;

/** Random programs per fuzz mode: 10,000 in all for `npm run test:kernel`, a sample for `npm test`. */
export const FULL_COUNTS: Readonly<Record<FuzzMode, number>> = { snippets: 4000, soup: 3000, calls: 3000 };
export const SAMPLE_COUNTS: Readonly<Record<FuzzMode, number>> = { snippets: 400, soup: 300, calls: 300 };
/** A seed of its own, so the harness does not repeat tests/verifier/fuzz.test.ts's programs. */
export const HARNESS_SEED = 618;

interface Floor {
  programs: number; verdictAgree: number; errorAgree: number; processedAgree: number;
  soupVerdictAgree: number; soupErrorAgree: number; callsVerdictAgree: number; callsErrorAgree: number; ctxSweepAgree: number;
}

function floors(): Record<string, Partial<HarnessRow['need']>> {
  const f = JSON.parse(readFileSync(join(CORPUS_DIR, 'fuzz-floor.json'), 'utf8')) as Floor;
  const r = (n: number): number => n / f.programs;
  return {
    snippets: { verdict: r(f.verdictAgree), error: r(f.errorAgree), processed: r(f.processedAgree) },
    soup: { verdict: r(f.soupVerdictAgree), error: r(f.soupErrorAgree) },
    calls: { verdict: r(f.callsVerdictAgree), error: r(f.callsErrorAgree) },
  };
}

function need(mode: string): HarnessRow['need'] {
  const fl = floors()[mode] ?? {};
  return {
    verdict: Math.max(TARGETS.verdict, fl.verdict ?? 0),
    error: Math.max(TARGETS.error, fl.error ?? 0),
    processed: Math.max(TARGETS.processed, fl.processed ?? 0),
  };
}

function fuzzRow(name: string, s: FuzzSummary, needs: HarnessRow['need']): HarnessRow {
  return {
    name, programs: s.programs, kernelAccepted: s.kernelAccepted, verdict: s.verdictAgree, error: s.errorAgree,
    processed: s.processedAgree, need: needs,
    examples: s.disagreements.slice(0, 5).map((d) => `${d.name} [${d.kind}] ${d.group}`),
  };
}

/** The corpus, with the kernel's answers asked now. */
export async function corpusRow(oracle: KernelOracle): Promise<HarnessRow> {
  const { cases } = loadCorpus();
  const answers = await askKernel(oracle, cases);
  const live: Record<string, Expectation> = {};
  cases.forEach((c, i) => {
    const a = answers[i]!;
    if (!a.setupError) live[c.name] = expectationOf(a.loaded, a.errnoName, a.log);
  });
  const cmp = compareCorpus(cases, live);
  const examples = Object.entries(cmp.found).flatMap(([kind, m]) => Object.entries(m).map(([n, t]) => `${n} [${kind}] ${t}`));
  return {
    name: 'corpus', programs: cmp.total, kernelAccepted: Object.values(live).filter((e) => e.accepted).length,
    verdict: cmp.verdictAgree, error: cmp.errorAgree, processed: cmp.processedAgree, need: { ...TARGETS }, examples: examples.slice(0, 8),
  };
}

/** Random programs of each mode, their total, and the sweeps. */
export async function randomRows(oracle: KernelOracle, counts: Readonly<Record<FuzzMode, number>>, seed = HARNESS_SEED): Promise<HarnessRow[]> {
  const rows: HarnessRow[] = [];
  const sums: FuzzSummary[] = [];
  for (const mode of ['snippets', 'soup', 'calls'] as const) {
    const s = await runFuzz(oracle, { count: counts[mode], seed, mode });
    sums.push(s);
    rows.push(fuzzRow(`random: ${mode} (seed ${seed})`, s, need(mode)));
  }
  rows.push(fuzzRow('random programs in all', mergeSummaries(sums), { ...TARGETS }));
  rows.push(fuzzRow('context-access sweep', await runPrograms(oracle, ctxSweep()), { ...TARGETS }));
  rows.push(fuzzRow('kernel-struct read sweep', await runPrograms(oracle, [...mapPtrSweep(), ...taskSweep()]), { ...TARGETS }));
  rows.push(fuzzRow('dynptr helper sweep', await runPrograms(oracle, dynptrSweep()), { ...TARGETS }));
  return rows;
}

const pct = (n: number, d: number): string => `${((100 * n) / Math.max(1, d)).toFixed(2)}%`;

/** The report as a Markdown table (the README's figures). */
export function harnessTable(rows: readonly HarnessRow[]): string {
  const lines = [
    '| what | programs | kernel accepted | verdict | first error | processed |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(`| ${r.name} | ${r.programs} | ${r.kernelAccepted} | ${r.verdict} (${pct(r.verdict, r.programs)}) | ` +
      `${r.error} (${pct(r.error, r.programs)}) | ${r.processed} (${pct(r.processed, r.programs)}) |`);
  }
  return lines.join('\n');
}

/** Rows below their targets, as messages (empty when every row meets them). */
export function shortfalls(rows: readonly HarnessRow[]): string[] {
  const out: string[] = [];
  for (const r of rows) {
    for (const k of ['verdict', 'error', 'processed'] as const) {
      const need = Math.ceil(r.need[k] * r.programs - 1e-9);
      if (r[k] < need) out.push(`${r.name}: ${k} ${r[k]}/${r.programs}, needs ${need} (${pct(need, r.programs)})${r.examples.length ? `; e.g. ${r.examples.join('; ')}` : ''}`);
    }
  }
  return out;
}
