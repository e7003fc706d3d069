#!/usr/bin/env node
// `npm test`: every test. The Vitest suites (unit, golden and kernel-differential tests) and then
// the Playwright e2e suite (production build in Debian's Chromium). Counts come from both runners'
// JSON reports; the last line is exactly `tests: N passed, M failed, K skipped` (CI reads it) and
// the exit code is non-zero when anything failed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runE2e } from './e2e.mjs';
import { addCounts, run, summaryLine } from './lib.mjs';

async function runVitest() {
  const dir = mkdtempSync(join(tmpdir(), 'bpfiddle-vitest-'));
  const report = join(dir, 'vitest.json');
  try {
    const code = await run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
    let r;
    try {
      r = JSON.parse(readFileSync(report, 'utf8'));
    } catch {
      console.error(`vitest: no JSON report (exit code ${code})`);
      return { passed: 0, failed: 1, skipped: 0 };
    }
    const counts = {
      passed: r.numPassedTests,
      // A test file that fails to load has no failing test in it but is a failure all the same.
      failed: r.numFailedTests + (r.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length,
      skipped: r.numPendingTests + r.numTodoTests,
    };
    if (code !== 0 && counts.failed === 0) {
      console.error(`vitest: exited with code ${code} without a failing test (an unhandled error?)`);
      counts.failed = 1;
    }
    return counts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const unit = await runVitest();
console.log(`vitest: ${summaryLine(unit)}`);
const e2e = await runE2e();
console.log(`e2e: ${summaryLine(e2e)}`);
const total = addCounts(unit, e2e);
console.log(summaryLine(total));
process.exitCode = total.failed > 0 ? 1 : 0;
