// The benchmark contract: a suite is a list of cases; a case does a measurable amount of work per
// run (instructions executed, states explored, frames rendered) and says which unit that is. The
// harness warms each case up, times several runs and reports the median rate.

export interface BenchCase {
  /** The workload, e.g. 'alu64 loop (10M iterations)'. */
  name: string;
  /** How it is run, e.g. 'jit', 'jit+record', 'interp'. */
  variant: string;
  /** The unit of the work count `run` returns ('insn' → instructions per second). */
  unit: string;
  /** Do the work once; return how many units of work were done. Throw if the result is wrong. */
  run(): number;
  /** Runs to time (default: the harness's --runs, at least 5). */
  runs?: number;
}

export interface BenchSuite {
  name: string;
  cases: BenchCase[];
  /** Measurements that are not rates (load times, frame times, bundle sizes), taken once per
   * bench run by the suite itself (they may drive a browser, hence async). */
  metrics?: () => Promise<BenchMetric[]>;
}

/** One measured figure, with the target it is held to. */
export interface BenchMetric {
  suite: string;
  name: string;
  value: number;
  unit: string;
  /** The target, as text ('< 1500 ms'), and whether the value meets it. */
  target?: string;
  ok?: boolean;
}

export function metricTable(metrics: readonly BenchMetric[]): string {
  const rows = [['suite', 'metric', 'value', 'target', '']];
  for (const m of metrics) {
    rows.push([m.suite, m.name, `${Number.isInteger(m.value) ? m.value : m.value.toFixed(1)} ${m.unit}`, m.target ?? '', m.ok === undefined ? '' : m.ok ? 'ok' : 'MISSED']);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows.map((row, i) => {
    const line = row.map((cell, c) => (c === 2 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
    return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
  }).join('\n');
}

export interface BenchResult {
  suite: string;
  case: string;
  variant: string;
  unit: string;
  /** Median, min and max of units per second over the timed runs. */
  median: number;
  min: number;
  max: number;
  runs: number;
  /** Work per run. */
  work: number;
}

export function measure(suite: string, c: BenchCase, runs: number): BenchResult {
  const work = c.run(); // warm-up (and the correctness check)
  const rates: number[] = [];
  const n = Math.max(c.runs ?? runs, 1);
  for (let k = 0; k < n; k++) {
    const t0 = performance.now();
    const w = c.run();
    const dt = (performance.now() - t0) / 1000;
    rates.push(w / dt);
  }
  rates.sort((a, b) => a - b);
  return {
    suite, case: c.name, variant: c.variant, unit: c.unit,
    median: rates[Math.floor(rates.length / 2)]!, min: rates[0]!, max: rates[rates.length - 1]!, runs: n, work,
  };
}

const si = (v: number): string =>
  v >= 1e9 ? `${(v / 1e9).toFixed(2)} G` : v >= 1e6 ? `${(v / 1e6).toFixed(1)} M` : v >= 1e3 ? `${(v / 1e3).toFixed(1)} k` : v.toFixed(1);

export function table(results: readonly BenchResult[]): string {
  const rows = [['suite', 'case', 'variant', 'median', 'min', 'max', 'runs']];
  for (const r of results) {
    rows.push([r.suite, r.case, r.variant, `${si(r.median)}${r.unit}/s`, `${si(r.min)}${r.unit}/s`, `${si(r.max)}${r.unit}/s`, String(r.runs)]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows.map((row, i) => {
    const line = row.map((cell, c) => (c >= 3 && c <= 5 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ');
    return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
  }).join('\n');
}
