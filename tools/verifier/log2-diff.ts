// Compares bpfiddle's level-2 verifier log with the running kernel's, byte for byte, on the
// verifier corpus (tests/verifier/corpus/*.s): every instruction line, every state print, the
// `from X to Y:` lines, the precision backtracking (`mark_precise: ...`), `safe` lines and the
// statistics. Only the parts that differ on every load are normalised: kernel addresses of maps
// and the verification time.
//   npx tsx tools/verifier/log2-diff.ts            summary over the whole corpus
//   npx tsx tools/verifier/log2-diff.ts NAME       only files whose name contains NAME, with the first difference
//   npx tsx tools/verifier/log2-diff.ts --list     the names of the files whose logs agree
//   npx tsx tools/verifier/log2-diff.ts --max N    only programs the kernel walks in at most N instructions (default 3000)
//   npx tsx tools/verifier/log2-diff.ts --known    rewrite tests/verifier/corpus/log2-known.json (the pinned differences)

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verify } from '../../src/core/verifier/index.js';
import { CORPUS_DIR } from '../../tests/verifier/corpus/corpus.js';
import { loadCorpus, readExpected, type CorpusCase } from '../../tests/verifier/corpus/corpus.js';
import { verifyInput } from '../../tests/verifier/corpus/compare.js';
import { KernelOracle, LOG_LEVEL2, kernelAvailable } from '../kernel.js';

/** Addresses and timings: the parts of a log that differ between two loads of the same program. */
export function normaliseLog(log: string): string {
  return log
    .replace(/0xffff[0-9a-f]{12}/g, '0xADDR')
    .replace(/verification time \d+ usec/g, 'verification time N usec');
}

export interface LogDiff {
  name: string;
  equal: boolean;
  /** 1-based line of the first difference, with both lines. */
  line?: number;
  kernel?: string;
  bpfiddle?: string;
}

export function diffLogs(name: string, kernelLog: string, ours: string): LogDiff {
  const a = normaliseLog(kernelLog).split('\n');
  const b = normaliseLog(ours).split('\n');
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return { name, equal: false, line: i + 1, kernel: a[i] ?? '<end>', bpfiddle: b[i] ?? '<end>' };
  }
  return { name, equal: true };
}

/** Corpus files whose level-2 logs differ today, with the first differing kernel line (tests/verifier/unit/log2-corpus.test.ts). */
export const LOG2_KNOWN_PATH = join(CORPUS_DIR, 'log2-known.json');
export const LOG2_MAX_PROCESSED = 3000;

export function readLog2Known(): Record<string, string> {
  return (JSON.parse(readFileSync(LOG2_KNOWN_PATH, 'utf8')) as { known: Record<string, string> }).known;
}

function writeLog2Known(diffs: readonly LogDiff[]): void {
  const known = Object.fromEntries(diffs.filter((d) => !d.equal).map((d) => [d.name, `line ${d.line}: ${d.kernel ?? ''}`]));
  const about = 'Corpus programs (kernel processed count <= 3000) whose level-2 verifier log differs from the kernel\'s. ' +
    'Rewritten by `npx tsx tools/verifier/log2-diff.ts --known`; tests/verifier/unit/log2-corpus.test.ts fails on a new difference.';
  writeFileSync(LOG2_KNOWN_PATH, `${JSON.stringify({ about, known }, null, 1)}\n`);
}

/** The corpus programs small enough for a level-2 comparison (the kernel's processed count ≤ max). */
export function smallCorpus(max: number, filter?: string): CorpusCase[] {
  const expected = readExpected().cases;
  return loadCorpus().cases.filter((c) => (expected[c.name]?.processed ?? Infinity) <= max && (!filter || c.name.includes(filter)));
}

export async function diffCorpus(oracle: KernelOracle, cases: readonly CorpusCase[]): Promise<LogDiff[]> {
  const results = await Promise.all(cases.map((c) => oracle.verify({
    progType: c.program.progType, insns: c.program.insns, maps: c.program.maps, logLevel: LOG_LEVEL2,
  })));
  return cases.map((c, i) => {
    const ours = verify(verifyInput(c), { logLevel: 2, recordPaths: false }).log;
    return diffLogs(c.name, results[i]!.log, ours);
  });
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const maxAt = args.indexOf('--max');
  const max = maxAt >= 0 ? Number(args[maxAt + 1]) : LOG2_MAX_PROCESSED;
  const list = args.includes('--list');
  const filter = args.find((a, i) => !a.startsWith('--') && (maxAt < 0 || i !== maxAt + 1));
  const avail = kernelAvailable();
  if (!avail.ok) {
    console.error(`cannot ask the kernel: ${avail.why}`);
    return 1;
  }
  const cases = smallCorpus(max, filter);
  const oracle = KernelOracle.start();
  const diffs = await diffCorpus(oracle, cases);
  await oracle.close();
  const equal = diffs.filter((d) => d.equal);
  if (args.includes('--known') && !filter) writeLog2Known(diffs);
  if (list) console.log(equal.map((d) => d.name).join('\n'));
  else if (filter) {
    for (const d of diffs) {
      console.log(d.equal ? `${d.name}: equal` : `${d.name}: line ${d.line}\n  kernel:   ${d.kernel}\n  bpfiddle: ${d.bpfiddle}`);
    }
  } else {
    for (const d of diffs) if (!d.equal) console.log(`${d.name}: line ${d.line}\n  kernel:   ${d.kernel}\n  bpfiddle: ${d.bpfiddle}`);
  }
  console.log(`level-2 logs: ${equal.length}/${diffs.length} equal`);
  return 0;
}

if (process.argv[1]?.endsWith('log2-diff.ts')) {
  main().then((code) => process.exit(code), (e: unknown) => { console.error(e); process.exit(1); });
}
