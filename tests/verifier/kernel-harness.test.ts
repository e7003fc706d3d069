// The kernel-differential harness (tools/verifier/kernel-harness.ts): bpfiddle's verifier against
// the running kernel on the corpus (asked live), on random programs, on the context-access sweep,
// the kernel-struct read sweep and the dynptr helper sweep, with issue [6/8]'s targets.
// `npm run test:kernel` runs it in full (BPFIDDLE_KERNEL_FULL=1: 10,000 random programs); inside
// `npm test` it runs a 1,000-program sample and leaves the corpus to corpus.test.ts. Prints the
// report table; without a kernel prints `skipped: <why>`.

import { writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import {
  corpusRow, FULL_COUNTS, harnessTable, randomRows, SAMPLE_COUNTS, shortfalls, type HarnessRow,
} from '../../tools/verifier/kernel-harness.js';
import { kernel, kernelIt } from '../kernel/oracle.js';

const full = process.env.BPFIDDLE_KERNEL_FULL === '1';
const counts = full ? FULL_COUNTS : SAMPLE_COUNTS;
const total = counts.snippets + counts.soup + counts.calls;

kernelIt(`bpfiddle's verifier meets the agreement targets with the kernel (${full ? 'corpus, ' : ''}${total} random programs, three sweeps)`, async () => {
  const rows: HarnessRow[] = [];
  if (full) rows.push(await corpusRow(kernel()));
  rows.push(...await randomRows(kernel(), counts));
  const table = harnessTable(rows);
  console.log(`kernel differential report:\n${table}`);
  if (process.env.BPFIDDLE_KERNEL_REPORT) writeFileSync(process.env.BPFIDDLE_KERNEL_REPORT, `${table}\n`);
  const random = rows.find((r) => r.name === 'random programs in all')!;
  expect(random.programs).toBe(total);
  expect(shortfalls(rows)).toEqual([]);
}, full ? 600_000 : 180_000);
