// Shrinks a program on which bpfiddle's verifier and the kernel disagree to a small one that still
// disagrees the same way (same kind, same message shape), by deleting instruction lines while the
// disagreement stays: whole halves first, then smaller chunks, down to single lines (ddmin-style).
// Labels, directives and comments stay. The result is ready to become a corpus case.
//   npx tsx tools/verifier/fuzz-minimize.ts fuzz-SEED-INDEX | soup-SEED-INDEX | calls-SEED-INDEX | prec-SEED-INDEX | FILE.s
// Uses the running kernel (each candidate is one load).

import { readFileSync } from 'node:fs';
import { askBpfiddle } from '../../tests/verifier/corpus/compare.js';
import { assembleCase, expectationOf } from '../../tests/verifier/corpus/corpus.js';
import { KernelOracle, kernelAvailable, LOG_LEVEL1 } from '../kernel.js';
import { classify, fuzzProgram } from './fuzz.js';

const isInsn = (l: string): boolean => /^\s+\S/.test(l) && !/^\s*;/.test(l);

async function disagreement(oracle: KernelOracle, source: string): Promise<string | null> {
  const c = assembleCase('candidate', source);
  if (typeof c === 'string') return null;
  const r = await oracle.load({ progType: c.program.progType, insns: c.program.insns, maps: c.program.maps, logLevel: LOG_LEVEL1 });
  if (r.setupError) return null;
  const kernel = expectationOf(r.loaded, r.errnoName, r.log);
  const b = askBpfiddle(c, kernel);
  const d = classify(kernel, b.got, b.crash);
  return d ? `[${d.kind}] ${d.group}` : null;
}

/** The smallest source (by instruction lines) found that disagrees like `source` does. */
export async function minimize(oracle: KernelOracle, source: string): Promise<{ source: string; group: string } | null> {
  const group = await disagreement(oracle, source);
  if (!group) return null;
  let lines = source.split('\n');
  for (let chunk = Math.max(1, Math.floor(lines.filter(isInsn).length / 2)); chunk >= 1; chunk = chunk === 1 ? 0 : Math.max(1, Math.floor(chunk / 2))) {
    let progress = true;
    while (progress) {
      progress = false;
      const insnAt = lines.map((l, i) => (isInsn(l) ? i : -1)).filter((i) => i >= 0);
      for (let k = 0; k < insnAt.length; k += chunk) {
        const drop = new Set(insnAt.slice(k, k + chunk));
        const candidate = lines.filter((_, i) => !drop.has(i));
        if (await disagreement(oracle, candidate.join('\n')) === group) {
          lines = candidate;
          progress = true;
          break;
        }
      }
    }
  }
  // Labels nothing jumps to any more are noise.
  const text = lines.join('\n');
  lines = lines.filter((l) => {
    const m = /^(\w+):\s*$/.exec(l);
    return !m || new RegExp(`\\b${m[1]}\\b`).test(text.replace(l, ''));
  });
  return { source: lines.join('\n'), group };
}

async function main(): Promise<number> {
  const arg = process.argv[2];
  if (!arg) { console.error('usage: fuzz-minimize.ts fuzz-SEED-INDEX | soup-SEED-INDEX | calls-SEED-INDEX | prec-SEED-INDEX | FILE.s'); return 1; }
  const avail = kernelAvailable();
  if (!avail.ok) { console.error(`cannot ask the kernel: ${avail.why}`); return 1; }
  let source: string;
  const m = /^(fuzz|soup|calls|prec)-(\d+)-(\d+)$/.exec(arg);
  if (m) {
    const p = fuzzProgram(Number(m[2]), Number(m[3]), { mode: m[1] === 'fuzz' ? 'snippets' : m[1] as 'soup' | 'calls' | 'prec' });
    if (typeof p === 'string') { console.error(p); return 1; }
    source = p.source.split('\n').filter((l) => !l.startsWith('; (this listing')).join('\n');
  } else {
    source = readFileSync(arg, 'utf8');
  }
  const oracle = KernelOracle.start();
  const r = await minimize(oracle, source);
  await oracle.close();
  if (!r) { console.log('no disagreement on this program'); return 1; }
  console.log(`; minimized: ${r.group}\n${r.source}`);
  return 0;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) process.exitCode = await main();
