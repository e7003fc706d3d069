// The verifier corpus (tests/verifier/corpus/*.s): every program's kernel verdict, first error line
// and processed count are recorded in corpus/expected.json. bpfiddle's verifier must give the same
// answers except for the disagreements pinned in corpus/known-disagreements.json, which is the
// honest record of what is not right yet: a new disagreement fails, and so does a pinned one that
// went away (refresh the file with `npx tsx tools/verifier/record-corpus.ts --known`). Where bpf()
// works, the recorded answers are checked against the running kernel too.

import { describe, expect, it } from 'vitest';
import { compareCorpus, diffKnown, readKnown, summaryLine } from './corpus/compare.js';
import { askKernel, expectationOf, loadCorpus, matchesIntent, readExpected } from './corpus/corpus.js';
import { kernel, kernelIt } from '../kernel/oracle.js';

const { cases, errors } = loadCorpus();
const expected = readExpected();

describe('verifier corpus', () => {
  it('has at least 200 programs that assemble, each with a recorded kernel answer', () => {
    expect(errors).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(cases.map((c) => c.name).filter((n) => !expected.cases[n])).toEqual([]);
    expect(Object.keys(expected.cases).filter((n) => !cases.some((c) => c.name === n))).toEqual([]);
  });

  it('says in each file what it tests, and the recorded kernel answer matches that intent', () => {
    expect(cases.filter((c) => !c.intent).map((c) => c.name)).toEqual([]);
    const contradicted = cases.filter((c) => c.intent && !matchesIntent(c.intent, expected.cases[c.name]!))
      .map((c) => `${c.name}: ${JSON.stringify(expected.cases[c.name])}`);
    expect(contradicted).toEqual([]);
    // Both verdicts are well represented, so neither "accept all" nor "reject all" scores well.
    const accepted = cases.filter((c) => expected.cases[c.name]!.accepted).length;
    expect(accepted).toBeGreaterThan(cases.length / 4);
    expect(cases.length - accepted).toBeGreaterThan(cases.length / 4);
  });

  it('gives the kernel\'s verdict, first error line and processed count except for the pinned disagreements', () => {
    const cmp = compareCorpus(cases, expected.cases);
    console.log(summaryLine(cmp));
    const known = readKnown();
    const changes = diffKnown(known, cmp.found);
    for (const { kind, added, gone } of changes) {
      for (const n of added) console.log(`NEW ${kind} disagreement ${n}: ${cmp.found[kind][n]}`);
      for (const n of gone) console.log(`FIXED ${kind}: ${n} agrees now (remove it from known-disagreements.json)`);
    }
    const hint = 'refresh with `npx tsx tools/verifier/record-corpus.ts --known` once the change is intended';
    expect(changes.filter((c) => c.added.length).map((c) => `${c.kind}: ${c.added.join(', ')}`), `new disagreements; ${hint}`).toEqual([]);
    expect(changes.filter((c) => c.gone.length).map((c) => `${c.kind}: ${c.gone.join(', ')}`), `fixed disagreements; ${hint}`).toEqual([]);
    // The rates the pinned list implies, as floors.
    expect(cmp.verdictAgree).toBe(cmp.total - Object.keys(known.verdict).length);
    expect(cmp.errorAgree).toBe(cmp.verdictAgree - Object.keys(known.error).length);
    expect(cmp.processedAgree).toBe(cmp.verdictAgree - Object.keys(known.processed).length);
  }, 180_000);
});

describe('verifier corpus against the running kernel', () => {
  kernelIt('the recorded answers are still what the kernel says', async () => {
    const results = await askKernel(kernel(), cases);
    const changed: string[] = [];
    cases.forEach((c, i) => {
      const r = results[i]!;
      const now = r.setupError ? { setupError: r.setupError } : expectationOf(r.loaded, r.errnoName, r.log);
      if (JSON.stringify(now) !== JSON.stringify(expected.cases[c.name])) {
        changed.push(`${c.name}: recorded ${JSON.stringify(expected.cases[c.name])}, kernel now ${JSON.stringify(now)}`);
      }
    });
    console.log(`kernel re-check: ${cases.length} corpus programs, ${cases.length - changed.length} unchanged`);
    expect(changed, 're-record with `npx tsx tools/verifier/record-corpus.ts`').toEqual([]);
  }, 120_000);
});
