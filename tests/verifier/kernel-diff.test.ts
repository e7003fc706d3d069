// Kernel exactness: random scalar programs are verified by the running kernel at log level 2 and
// walked by bpfiddle's scalar domain; every register the kernel prints (after each instruction,
// on every "from X to Y" line, and every invariant-violation report) must be byte-identical.
// Without a usable kernel the test prints why and passes without asserting.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KernelOracle, kernelAvailable } from '../../tools/kernel.js';
import { runScalarDiff } from '../../tools/verifier/scalar-diff.js';

const avail = kernelAvailable();
let oracle: KernelOracle | undefined;

beforeAll(() => {
  if (avail.ok) oracle = KernelOracle.start();
});
afterAll(async () => {
  await oracle?.close();
});

describe('scalar domain against the running kernel', () => {
  it('prints every register exactly as the kernel does in random scalar programs', async () => {
    if (!avail.ok || !oracle) {
      console.log(`skipped: ${avail.ok ? 'kernel oracle did not start' : avail.why}`);
      return;
    }
    const sum = await runScalarDiff(oracle, 800, 20260701);
    const pct = ((100 * sum.equal) / Math.max(1, sum.prints)).toFixed(3);
    console.log(`kernel diff: ${sum.programs} programs, ${sum.prints} register prints, ${sum.equal} identical (${pct}%), ` +
      `${sum.pruned} stopped at a pruned state, ${sum.diverged} diverged`);
    const first = sum.failures.find((f) => f.diff.mismatches.length || f.diff.divergence);
    expect(first?.diff.mismatches[0] ?? first?.diff.divergence).toBeUndefined();
    expect(sum.loaded).toBe(sum.programs);
    expect(sum.prints).toBeGreaterThan(30_000);
    expect(sum.equal).toBe(sum.prints);
  }, 60_000);
});
