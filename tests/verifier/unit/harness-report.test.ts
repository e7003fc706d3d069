// The kernel-differential harness's report (tools/verifier/kernel-harness.ts), without a kernel:
// a row below any of issue [6/8]'s targets is reported with its figures, rows at the targets pass,
// and the table shows every row's agreement as counts and percentages.

import { describe, expect, it } from 'vitest';
import { harnessTable, shortfalls, TARGETS, type HarnessRow } from '../../../tools/verifier/kernel-harness.js';

const row = (name: string, programs: number, verdict: number, error: number, processed: number): HarnessRow =>
  ({ name, programs, kernelAccepted: 0, verdict, error, processed, need: { ...TARGETS }, examples: ['x.s [verdict] kernel accepted'] });

describe('kernel harness report', () => {
  it('passes rows that meet the targets: every verdict, 95% of first errors, 80% of processed counts', () => {
    expect(shortfalls([row('corpus', 100, 100, 95, 80), row('random', 10000, 10000, 9500, 8000)])).toEqual([]);
  });

  it('reports each shortfall with the row, the figure and what it needs', () => {
    const out = shortfalls([row('random', 10000, 9999, 9499, 7999)]);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(/^random: verdict 9999\/10000, needs 10000 \(100\.00%\); e\.g\. x\.s/);
    expect(out[1]).toMatch(/^random: error 9499\/10000, needs 9500 \(95\.00%\)/);
    expect(out[2]).toMatch(/^random: processed 7999\/10000, needs 8000 \(80\.00%\)/);
  });

  it('prints a Markdown table with one line per row', () => {
    const t = harnessTable([row('corpus', 463, 463, 462, 400)]).split('\n');
    expect(t).toHaveLength(3);
    expect(t[2]).toBe('| corpus | 463 | 0 | 463 (100.00%) | 462 (99.78%) | 400 (86.39%) |');
  });
});
