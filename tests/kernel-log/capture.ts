// Captures real kernel verifier logs of verifier-corpus programs (Node-only): the round-trip test
// imports them live, `--write` records a few as fixtures (so the tests also run without a kernel),
// and the e2e spec uses it to paste a log captured from the running kernel.
//   npx tsx tests/kernel-log/capture.ts NAME LEVEL            print one log
//   npx tsx tests/kernel-log/capture.ts --write NAME...       record fixtures (levels 1 and 2)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus, type CorpusCase } from '../verifier/corpus/corpus.js';
import type { KernelOracle } from '../../tools/kernel.js';

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A recorded log: the program it came from (by corpus name) and the kernel's text. */
export interface LogFixture {
  name: string;
  level: 1 | 2;
  kernel: string;
  log: string;
}

export function corpusCase(name: string): CorpusCase {
  const c = loadCorpus().cases.find((x) => x.name === name);
  if (!c) throw new Error(`no corpus program ${name}`);
  return c;
}

/** The kernel's log for a corpus program at `level` (a big buffer: a complete log). */
export async function captureLog(oracle: KernelOracle, c: CorpusCase, level: 1 | 2): Promise<string> {
  const r = await oracle.load({ progType: c.program.progType, insns: c.program.insns, maps: c.program.maps, logLevel: level, logSize: 1 << 20 });
  return r.log;
}

export const fixturePath = (name: string, level: 1 | 2): string => join(FIXTURE_DIR, `${name.replace(/\.s$/, '')}.level${level}.log`);

export function readFixture(name: string, level: 1 | 2): string {
  return readFileSync(fixturePath(name, level), 'utf8');
}

async function main(): Promise<void> {
  const { KernelOracle: Oracle } = await import('../../tools/kernel.js');
  const { release } = await import('node:os');
  const args = process.argv.slice(2);
  const oracle = Oracle.start();
  try {
    if (args[0] === '--write') {
      for (const name of args.slice(1)) {
        for (const level of [1, 2] as const) {
          const log = await captureLog(oracle, corpusCase(name), level);
          writeFileSync(fixturePath(name, level), log);
          console.log(`${fixturePath(name, level)} (${release()})`);
        }
      }
    } else {
      process.stdout.write(await captureLog(oracle, corpusCase(args[0]!), Number(args[1] ?? 2) as 1 | 2));
    }
  } finally {
    await oracle.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
