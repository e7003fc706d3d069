// Small helpers shared by the test scripts: run a command with inherited output, and the one
// summary-line format CI reads.
import { spawn } from 'node:child_process';

/** Runs a command, streaming its output; resolves to its exit code (127 when it cannot start). */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...opts });
    child.on('error', (err) => {
      console.error(`${cmd}: ${err.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Totals from one or more runners. */
export function addCounts(...counts) {
  return counts.reduce((a, c) => ({ passed: a.passed + c.passed, failed: a.failed + c.failed, skipped: a.skipped + c.skipped }),
    { passed: 0, failed: 0, skipped: 0 });
}

/** The last line of every test run: CI parses exactly this. */
export function summaryLine({ passed, failed, skipped }) {
  return `tests: ${passed} passed, ${failed} failed, ${skipped} skipped`;
}
