// bpfiddle's verifier against the recorded kernel answers: per corpus program, does the verdict
// agree, does the first error line agree, does the processed count agree. The disagreements are
// the honest record of where bpfiddle's verifier is not yet the kernel's; known-disagreements.json
// pins them (tests/verifier/corpus.test.ts fails on any new one and on any that went away), and
// `npx tsx tools/verifier/record-corpus.ts --known` rewrites that file from the current results.

import { readFileSync, writeFileSync } from 'node:fs';
import { verify, type VerifyProgram } from '../../../src/core/verifier/index.js';
import { expectationOf, KNOWN_PATH, type CorpusCase, type Expectation } from './corpus.js';

export type Kind = 'verdict' | 'error' | 'processed';
export const KINDS: readonly Kind[] = ['verdict', 'error', 'processed'];

/** Per kind, file name → a one-line description of the disagreement. */
export type Known = Record<Kind, Record<string, string>>;

export interface Outcome {
  name: string;
  expected: Expectation;
  /** bpfiddle's answer in the same shape (errorLines from its own log when it wrote one). */
  got: Expectation;
  /** Set when verify() threw (a verifier bug, counted as a verdict disagreement). */
  crash?: string;
  /** Milliseconds verify() took. */
  ms: number;
}

export interface Comparison {
  outcomes: Outcome[];
  /** The disagreements found now, in the known-file's shape. */
  found: Known;
  total: number;
  verdictAgree: number;
  /** Verdict agrees and, for rejections, the first error line is identical. */
  errorAgree: number;
  /** Verdict agrees and the processed count is identical. */
  processedAgree: number;
  /** Rejections (by both) whose whole error block in bpfiddle's level-1 log equals the kernel's. */
  errorBlockAgree: number;
  bothRejected: number;
}

/** Programs the kernel walks for longer than this many instructions are verified without a log. */
const LOG_LIMIT = 100_000;

/** The program as bpfiddle's verifier takes it: maps without names, as the kernel loader makes them. */
export function verifyInput(c: CorpusCase): VerifyProgram {
  return {
    insns: c.program.insns,
    maps: c.program.maps.map((m) => ({ type: m.type, keySize: m.keySize, valueSize: m.valueSize, maxEntries: m.maxEntries, flags: m.flags })),
    progType: c.program.progType,
  };
}

/** Runs bpfiddle's verifier on one program and puts its answer in the recorded shape. */
export function askBpfiddle(c: CorpusCase, expected: Expectation | undefined): Omit<Outcome, 'expected'> {
  const logLevel = (expected?.processed ?? 0) > LOG_LIMIT ? 0 : 1;
  const t0 = performance.now();
  try {
    const r = verify(verifyInput(c), { logLevel, recordPaths: false });
    const ms = performance.now() - t0;
    const fromLog = logLevel ? expectationOf(r.accepted, '', r.log) : undefined;
    const got: Expectation = {
      accepted: r.accepted,
      errno: '',
      error: r.accepted ? null : r.error?.message ?? null,
      errorLines: fromLog?.errorLines ?? [],
      processed: r.processed,
    };
    return { name: c.name, got, ms };
  } catch (e) {
    const ms = performance.now() - t0;
    const crash = e instanceof Error ? `${e.message}` : String(e);
    return { name: c.name, got: { accepted: false, errno: '', error: `bpfiddle threw: ${crash}`, errorLines: [], processed: null }, crash, ms };
  }
}

const verdictText = (e: Expectation): string => (e.accepted ? 'accepted' : `rejected: ${e.error ?? '(no message)'}`);

export function compareCorpus(cases: readonly CorpusCase[], expected: Record<string, Expectation>): Comparison {
  const found: Known = { verdict: {}, error: {}, processed: {} };
  const outcomes: Outcome[] = [];
  let verdictAgree = 0, errorAgree = 0, processedAgree = 0, errorBlockAgree = 0, bothRejected = 0;
  for (const c of cases) {
    const exp = expected[c.name];
    if (!exp) continue;
    const o: Outcome = { ...askBpfiddle(c, exp), expected: exp };
    outcomes.push(o);
    const g = o.got;
    if (o.crash || g.accepted !== exp.accepted) {
      found.verdict[c.name] = `kernel ${verdictText(exp)} | bpfiddle ${o.crash ? `threw: ${o.crash}` : verdictText(g)}`;
      continue;
    }
    verdictAgree++;
    if (exp.accepted || g.error === exp.error) errorAgree++;
    else found.error[c.name] = `kernel: ${exp.error} | bpfiddle: ${g.error}`;
    if (!exp.accepted) {
      bothRejected++;
      if (JSON.stringify(g.errorLines) === JSON.stringify(exp.errorLines)) errorBlockAgree++;
    }
    if (g.processed === exp.processed) processedAgree++;
    else found.processed[c.name] = `kernel ${exp.processed} | bpfiddle ${g.processed}`;
  }
  return { outcomes, found, total: outcomes.length, verdictAgree, errorAgree, processedAgree, errorBlockAgree, bothRejected };
}

const pct = (n: number, d: number): string => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;

export function summaryLine(c: Comparison): string {
  const ms = c.outcomes.reduce((s, o) => s + o.ms, 0);
  return `verifier corpus: ${c.total} programs; verdict ${c.verdictAgree}/${c.total} (${pct(c.verdictAgree, c.total)}), ` +
    `first error ${c.errorAgree}/${c.total} (${pct(c.errorAgree, c.total)}), ` +
    `processed ${c.processedAgree}/${c.total} (${pct(c.processedAgree, c.total)}), ` +
    `whole error block ${c.errorBlockAgree}/${c.bothRejected} rejected by both; bpfiddle took ${ms.toFixed(0)} ms`;
}

export function readKnown(): Known {
  try {
    const k = JSON.parse(readFileSync(KNOWN_PATH, 'utf8')) as Partial<Known>;
    return { verdict: k.verdict ?? {}, error: k.error ?? {}, processed: k.processed ?? {} };
  } catch {
    return { verdict: {}, error: {}, processed: {} };
  }
}

export function writeKnown(k: Known): void {
  const sorted = (r: Record<string, string>): Record<string, string> =>
    Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
  const file = {
    about: 'Where bpfiddle\'s verifier disagrees with the kernel on tests/verifier/corpus, by kind. ' +
      'Rewritten by `npx tsx tools/verifier/record-corpus.ts --known`; tests/verifier/corpus.test.ts fails on any change.',
    verdict: sorted(k.verdict), error: sorted(k.error), processed: sorted(k.processed),
  };
  writeFileSync(KNOWN_PATH, JSON.stringify(file, null, 1) + '\n');
}

/** The difference between what is pinned and what was found, per kind: new and gone names. */
export function diffKnown(known: Known, found: Known): { kind: Kind; added: string[]; gone: string[] }[] {
  return KINDS.map((kind) => ({
    kind,
    added: Object.keys(found[kind]).filter((n) => !(n in known[kind])).sort(),
    gone: Object.keys(known[kind]).filter((n) => !(n in found[kind])).sort(),
  }));
}
