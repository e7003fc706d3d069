#!/usr/bin/env node
// `npm run test:kernel`: the kernel-differential tests in full. The harness
// (tests/verifier/kernel-harness.test.ts: the corpus asked live, 10,000 random programs, the
// context-access sweep, against issue [6/8]'s targets), the corpus re-check, the fuzz floors and the
// scalar-domain diff. Prints the agreement table at the end; without bpf() every test prints
// `skipped: <why>` and passes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './lib.mjs';

const dir = mkdtempSync(join(tmpdir(), 'bpfiddle-kernel-'));
const report = join(dir, 'report.md');
try {
  const code = await run('npx', [
    // One file at a time: they share the CPU and the kernel, and each has its own time limit.
    'vitest', 'run', '--no-file-parallelism', 'tests/verifier/kernel-harness.test.ts', 'tests/verifier/corpus.test.ts',
    'tests/verifier/fuzz.test.ts', 'tests/verifier/kernel-diff.test.ts', 'tests/verifier/unit/map-struct.test.ts',
    'tests/verifier/unit/dynptr.test.ts',
  ], { env: { ...process.env, BPFIDDLE_KERNEL_FULL: '1', BPFIDDLE_KERNEL_REPORT: report } });
  let table = null;
  try { table = readFileSync(report, 'utf8'); } catch { /* skipped or failed before the report */ }
  console.log(table ? `\nbpfiddle vs the running kernel:\n${table}` : '\nno agreement table (no kernel, or the harness failed first)');
  process.exitCode = code === 0 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
