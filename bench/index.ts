// `npm run bench [-- [--json] [--runs N] [FILTER...]]`: runs every suite in bench/suites/*.ts (or
// those whose name contains a FILTER word) and prints a table of median rates, or with --json one
// JSON object. Add a workload by adding a suite file that exports `suite: BenchSuite`.

import { readdirSync } from 'node:fs';
import { arch, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { measure, metricTable, table, type BenchMetric, type BenchResult, type BenchSuite } from './harness.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Math.max(1, Number(args[runsAt + 1])) : 5;
const filters = args.filter((a, i) => !a.startsWith('--') && !(runsAt >= 0 && i === runsAt + 1));

const dir = join(dirname(fileURLToPath(import.meta.url)), 'suites');
const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();
const results: BenchResult[] = [];
const metrics: BenchMetric[] = [];
for (const f of files) {
  const mod = (await import(pathToFileURL(join(dir, f)).href)) as { suite?: BenchSuite };
  const suite = mod.suite;
  if (!suite) continue;
  for (const c of suite.cases) {
    const label = `${suite.name} ${c.name} ${c.variant}`;
    if (filters.length && !filters.some((w) => label.includes(w))) continue;
    const r = measure(suite.name, c, runs);
    results.push(r);
    if (!json) process.stderr.write(`  ${label}: ${(r.median / 1e6).toFixed(1)} M${r.unit}/s\n`);
  }
  if (suite.metrics && (!filters.length || filters.some((w) => suite.name.includes(w)))) metrics.push(...(await suite.metrics()));
}
const machine = { node: process.versions.node, v8: process.versions.v8, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, arch: arch() };
if (json) process.stdout.write(`${JSON.stringify({ machine, results, metrics })}\n`);
else {
  if (results.length) process.stdout.write(`\n${table(results)}\n\n(node ${machine.node}, ${machine.cpu}, ${machine.cores} cores; median of ${runs} runs after a warm-up)\n`);
  if (metrics.length) process.stdout.write(`\n${metricTable(metrics)}\n`);
}
