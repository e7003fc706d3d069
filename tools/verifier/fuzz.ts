// Random-program differential fuzzing of bpfiddle's verifier against the running kernel: programs
// from fuzz-gen.ts are loaded into the kernel (log level 1, pipelined in batches) and verified by
// bpfiddle; verdicts, first error lines and processed counts are compared. Disagreements, grouped
// by kind and message shape (most frequent first), go to /tmp/verifier-disagreements.txt with the
// program (assemblable source and the kernel-style listing) and both answers, together with the
// corpus's current disagreements.
//   npx tsx tools/verifier/fuzz.ts [count=2000] [seed=1] [--types=xdp,kprobe] [--out=FILE] [--only=I]
//                                  [--mode=both|snippets|soup|calls|prec]   (soup: random instructions,
//                                  calls: random helper calls, both mostly rejected; both, the
//                                  default, runs count of each), then the
//                                  context-access sweep of fuzz-ctx.ts
// Used by tests/verifier/fuzz.test.ts (a short run) and tests/verifier/soundness.test.ts
// (generation only).

import { writeFileSync } from 'node:fs';
import { disassemble } from '../../src/core/asm/index.js';
import type { ProgTypeName } from '../../src/core/asm/types.js';
import { askBpfiddle, compareCorpus, type Comparison } from '../../tests/verifier/corpus/compare.js';
import {
  assembleCase, expectationOf, loadCorpus, readExpected, type CorpusCase, type Expectation,
} from '../../tests/verifier/corpus/corpus.js';
import { KernelOracle, kernelAvailable, LOG_LEVEL1 } from '../kernel.js';
import { ctxSweep } from './fuzz-ctx.js';
import { callSoup, generate, noisePatch, rng, soup, type GenOptions } from './fuzz-gen.js';

export const DISAGREEMENTS_PATH = '/tmp/verifier-disagreements.txt';

export interface FuzzProgram {
  /** `fuzz-SEED-INDEX`: regenerate it alone with --only=INDEX. */
  name: string;
  source: string;
  recipe: string[];
  case: CorpusCase;
}

/** 'snippets': fuzz-gen's realistic programs (about half accepted); 'soup': random instructions;
 * 'calls': one random helper call with arguments from a palette. */
export type FuzzMode = 'snippets' | 'soup' | 'calls';
/** The modes a run can ask for: FuzzMode, or `prec` (snippets plus the precision/pruning snippets). */
export type RunMode = FuzzMode | 'prec';

const SOUP_MAP = '.map m hash key=4 value=8 max_entries=4';

/** An instruction-soup program as a case; its source is the LLVM-style listing when that
 * assembles back to the same slots, else the listing is only for reading. */
function soupProgram(seed: number, index: number, rand: () => number, opts: GenOptions): FuzzProgram {
  const g = soup(rand, opts.progTypes);
  const name = `soup-${seed}-${index}`;
  const listing = disassemble(g.insns, { style: 'llvm' }).map((l) => `  ${l}`).join('\n');
  const source = `; ${name}\n.prog ${g.progType}\n${SOUP_MAP}\n${listing}\n`;
  const again = assembleCase(name, source);
  const same = typeof again !== 'string' && JSON.stringify(again.program.insns) === JSON.stringify(g.insns);
  const mapAsm = assembleCase(name, `.prog ${g.progType}\n${SOUP_MAP}\n  exit\n`);
  const maps = typeof mapAsm === 'string' ? [] : mapAsm.program.maps;
  const program = { insns: g.insns, maps, progType: g.progType, sourceMap: [], labels: {} };
  return {
    name,
    source: same ? source : `; (this listing does not assemble back to the same instructions)\n${source}`,
    recipe: ['soup'],
    case: { name, program, intent: null, about: name },
  };
}

/** Program `index` of the run with `seed` (each program has its own generator stream). */
export function fuzzProgram(seed: number, index: number, opts: GenOptions & { pNoise?: number; mode?: RunMode } = {}): FuzzProgram | string {
  const rand = rng((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  if (opts.mode === 'soup') return soupProgram(seed, index, rand, opts);
  if (opts.mode === 'calls') {
    const g = callSoup(rand, opts.progTypes);
    const name = `calls-${seed}-${index}`;
    const source = `; ${name}\n${g.source}`;
    const c = assembleCase(name, source);
    return typeof c === 'string' ? c : { name, source, recipe: ['calls'], case: c };
  }
  // prec: the snippet programs with the precision/pruning snippets added (not part of `both`).
  const g = generate(rand, opts.mode === 'prec' ? { ...opts, prec: true } : opts);
  const name = `${opts.mode === 'prec' ? 'prec' : 'fuzz'}-${seed}-${index}`;
  let source = `; ${name}: ${g.recipe.join(' ')}\n${g.source}`;
  let c = assembleCase(name, source);
  if (typeof c === 'string') return c;
  if (rand() < (opts.pNoise ?? 0.08)) {
    const patch = noisePatch(rand, c.program.insns);
    if (patch) {
      const patched = assembleCase(name, `${patch}\n${source}`);
      if (typeof patched !== 'string') { source = `${patch}\n${source}`; c = patched; }
    }
  }
  return { name, source, recipe: g.recipe, case: c };
}

export type Kind = 'verdict' | 'error' | 'processed';

export interface Disagreement {
  kind: Kind;
  /** The message shape it is grouped under (numbers replaced by N). */
  group: string;
  name: string;
  source: string;
  program: CorpusCase['program'];
  kernel: Expectation;
  bpfiddle: Expectation;
  crash?: string;
}

export interface FuzzSummary {
  programs: number;
  /** Generator bugs: programs that did not assemble (should stay empty). */
  broken: string[];
  /** Jobs the loader could not set up. */
  setupErrors: string[];
  kernelAccepted: number;
  bpfiddleAccepted: number;
  verdictAgree: number;
  errorAgree: number;
  processedAgree: number;
  disagreements: Disagreement[];
  kernelMs: number;
  bpfiddleMs: number;
  /** Every program with both answers, for callers that want more than the counts. */
  results: { program: FuzzProgram; kernel: Expectation; bpfiddle: Expectation }[];
}

export interface FuzzOptions extends GenOptions {
  count: number;
  seed: number;
  /** Jobs in flight at once (default 200). */
  batch?: number;
  pNoise?: number;
  /** Only these program indices (reproducing one program). */
  only?: readonly number[];
  mode?: RunMode;
}

const shape = (s: string | null): string => (s ?? '(none)').replace(/0x[0-9a-f]+/gi, 'N').replace(/-?\d+/g, 'N');

export function classify(kernel: Expectation, bpf: Expectation, crash: string | undefined): { kind: Kind; group: string } | null {
  if (crash) return { kind: 'verdict', group: `bpfiddle threw: ${shape(crash)}` };
  if (kernel.accepted !== bpf.accepted) {
    return {
      kind: 'verdict',
      group: kernel.accepted ? `kernel accepts, bpfiddle rejects: ${shape(bpf.error)}` : `kernel rejects: ${shape(kernel.error)}; bpfiddle accepts`,
    };
  }
  if (!kernel.accepted && kernel.error !== bpf.error) {
    return { kind: 'error', group: `kernel: ${shape(kernel.error)} | bpfiddle: ${shape(bpf.error)}` };
  }
  if (kernel.processed !== bpf.processed) {
    const dir = (bpf.processed ?? 0) > (kernel.processed ?? 0) ? 'more' : 'fewer';
    return { kind: 'processed', group: `bpfiddle processes ${dir} instructions (${kernel.accepted ? 'accepted' : 'rejected'} programs)` };
  }
  return null;
}

const emptySummary = (): FuzzSummary => ({
  programs: 0, broken: [], setupErrors: [], kernelAccepted: 0, bpfiddleAccepted: 0, verdictAgree: 0, errorAgree: 0,
  processedAgree: 0, disagreements: [], kernelMs: 0, bpfiddleMs: 0, results: [],
});

/** Loads `progs` into the kernel (pipelined) and verifies them with bpfiddle, adding up into `sum`. */
async function compareBatch(oracle: KernelOracle, progs: readonly FuzzProgram[], sum: FuzzSummary): Promise<void> {
  const t0 = performance.now();
  const answers = await Promise.all(progs.map((p) => oracle.load({
    progType: p.case.program.progType, insns: p.case.program.insns, maps: p.case.program.maps, logLevel: LOG_LEVEL1,
  })));
  sum.kernelMs += performance.now() - t0;
  progs.forEach((p, k) => {
    const a = answers[k]!;
    if (a.setupError) { sum.setupErrors.push(`${p.name}: ${a.setupError}`); return; }
    const kernel = expectationOf(a.loaded, a.errnoName, a.log);
    const b = askBpfiddle(p.case, kernel);
    sum.bpfiddleMs += b.ms;
    sum.programs++;
    if (kernel.accepted) sum.kernelAccepted++;
    if (b.got.accepted && !b.crash) sum.bpfiddleAccepted++;
    sum.results.push({ program: p, kernel, bpfiddle: b.got });
    const c = classify(kernel, b.got, b.crash);
    if (!c || c.kind !== 'verdict') sum.verdictAgree++;
    if (!c || c.kind === 'processed') sum.errorAgree++;
    if (!c) sum.processedAgree++;
    if (c) sum.disagreements.push({ ...c, name: p.name, source: p.source, program: p.case.program, kernel, bpfiddle: b.got, crash: b.crash });
  });
}

/** Compares a given list of programs (the context sweep, say), in batches. */
export async function runPrograms(oracle: KernelOracle, progs: readonly FuzzProgram[], batch = 500): Promise<FuzzSummary> {
  const sum = emptySummary();
  for (let at = 0; at < progs.length; at += batch) await compareBatch(oracle, progs.slice(at, at + batch), sum);
  return sum;
}

export async function runFuzz(oracle: KernelOracle, opts: FuzzOptions): Promise<FuzzSummary> {
  const sum = emptySummary();
  const indices = opts.only ?? Array.from({ length: opts.count }, (_, i) => i);
  const batch = opts.batch ?? 200;
  for (let at = 0; at < indices.length; at += batch) {
    const progs: FuzzProgram[] = [];
    for (const i of indices.slice(at, at + batch)) {
      const p = fuzzProgram(opts.seed, i, opts);
      if (typeof p === 'string') sum.broken.push(p);
      else progs.push(p);
    }
    await compareBatch(oracle, progs, sum);
  }
  return sum;
}

const pct = (n: number, d: number): string => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;

/** Several runs' counts added up and their lists joined (for one report). */
export function mergeSummaries(runs: readonly FuzzSummary[]): FuzzSummary {
  const sum = (f: (s: FuzzSummary) => number): number => runs.reduce((a, s) => a + f(s), 0);
  return {
    programs: sum((s) => s.programs), broken: runs.flatMap((s) => s.broken), setupErrors: runs.flatMap((s) => s.setupErrors),
    kernelAccepted: sum((s) => s.kernelAccepted), bpfiddleAccepted: sum((s) => s.bpfiddleAccepted),
    verdictAgree: sum((s) => s.verdictAgree), errorAgree: sum((s) => s.errorAgree), processedAgree: sum((s) => s.processedAgree),
    disagreements: runs.flatMap((s) => s.disagreements), kernelMs: sum((s) => s.kernelMs), bpfiddleMs: sum((s) => s.bpfiddleMs),
    results: runs.flatMap((s) => s.results),
  };
}

export function fuzzSummaryLine(s: FuzzSummary): string {
  return `verifier fuzz: ${s.programs} programs (kernel accepted ${s.kernelAccepted}, ${pct(s.kernelAccepted, s.programs)}; ` +
    `bpfiddle accepted ${s.bpfiddleAccepted}); verdict ${s.verdictAgree}/${s.programs} (${pct(s.verdictAgree, s.programs)}), ` +
    `first error ${s.errorAgree}/${s.programs} (${pct(s.errorAgree, s.programs)}), ` +
    `processed ${s.processedAgree}/${s.programs} (${pct(s.processedAgree, s.programs)}); ` +
    `kernel ${s.kernelMs.toFixed(0)} ms, bpfiddle ${s.bpfiddleMs.toFixed(0)} ms`;
}

const answerText = (e: Expectation): string =>
  e.accepted ? `accepted (processed ${e.processed})` : `rejected ${e.errno}: ${e.errorLines.length ? e.errorLines.join(' / ') : e.error} (processed ${e.processed})`;

function describe(d: Disagreement): string {
  const listing = disassemble(d.program.insns).map((l) => `    ${l}`).join('\n');
  return [
    `  -- ${d.name}`,
    `  kernel:   ${answerText(d.kernel)}`,
    `  bpfiddle: ${d.crash ? `threw: ${d.crash}` : answerText(d.bpfiddle)}`,
    '  source (assembles with bpfiddle; save as tests/verifier/corpus/NAME.s with a header to make it a corpus case):',
    d.source.trimEnd().split('\n').map((l) => `    ${l}`).join('\n'),
    '  kernel listing:',
    listing,
  ].join('\n');
}

/** The disagreements report: corpus first (by kind), then fuzz groups, most frequent first. */
export function disagreementReport(fuzz: FuzzSummary | null, corpus: Comparison | null, examplesPerGroup = 3): string {
  const out: string[] = [`bpfiddle verifier vs Linux ${process.platform === 'linux' ? '(running kernel)' : ''}: disagreements, ${new Date().toISOString()}`];
  if (corpus) {
    out.push('', `== corpus (tests/verifier/corpus): ${corpus.total} programs; verdict ${corpus.verdictAgree}, first error ${corpus.errorAgree}, processed ${corpus.processedAgree} agree`);
    for (const kind of ['verdict', 'error', 'processed'] as const) {
      const entries = Object.entries(corpus.found[kind]);
      if (!entries.length) continue;
      out.push('', `-- corpus ${kind} disagreements (${entries.length})`);
      for (const [name, what] of entries) out.push(`  ${name}: ${what}`);
    }
  }
  if (fuzz) {
    out.push('', `== fuzz: ${fuzzSummaryLine(fuzz)}`);
    const groups = new Map<string, Disagreement[]>();
    for (const d of fuzz.disagreements) {
      const key = `[${d.kind}] ${d.group}`;
      groups.set(key, [...(groups.get(key) ?? []), d]);
    }
    const order: Kind[] = ['verdict', 'error', 'processed'];
    const sorted = [...groups.entries()].sort(([ka, a], [kb, b]) =>
      order.indexOf(a[0]!.kind) - order.indexOf(b[0]!.kind) || b.length - a.length || ka.localeCompare(kb));
    out.push('', 'groups:');
    for (const [key, ds] of sorted) out.push(`  ${String(ds.length).padStart(5)}  ${key}`);
    for (const [key, ds] of sorted) {
      out.push('', `### ${key} (${ds.length})`);
      // The shortest programs make the best examples.
      for (const d of [...ds].sort((a, b) => a.program.insns.length - b.program.insns.length).slice(0, examplesPerGroup)) out.push(describe(d));
    }
  }
  return out.join('\n') + '\n';
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const pos = args.filter((a) => !a.startsWith('--'));
  const count = Number(pos[0] ?? 2000);
  const seed = Number(pos[1] ?? 1);
  const types = flag('types')?.split(',') as ProgTypeName[] | undefined;
  const only = flag('only')?.split(',').map(Number);
  const mode = (flag('mode') ?? 'both') as RunMode | 'both';  // both = all three
  const out = flag('out') ?? DISAGREEMENTS_PATH;
  const avail = kernelAvailable();
  if (!avail.ok) { console.error(`cannot ask the kernel: ${avail.why}`); return 1; }
  const oracle = KernelOracle.start();
  const t0 = Date.now();
  const runs: FuzzSummary[] = [];
  for (const m of mode === 'both' ? (['snippets', 'soup', 'calls'] as const) : [mode]) {
    const s = await runFuzz(oracle, { count, seed, progTypes: types, only, mode: m });
    console.log(`${m}: ${fuzzSummaryLine(s)}`);
    runs.push(s);
  }
  if (!only) {
    const sweep = await runPrograms(oracle, ctxSweep());
    console.log(`context sweep: ${fuzzSummaryLine(sweep)}`);
    runs.push(sweep);
  }
  await oracle.close();
  const fuzz = runs.length === 1 ? runs[0]! : mergeSummaries(runs);
  const { cases } = loadCorpus();
  const corpus = compareCorpus(cases, readExpected().cases);
  writeFileSync(out, disagreementReport(fuzz, corpus));
  console.log(`${runs.length > 1 ? 'all: ' : ''}${fuzzSummaryLine(fuzz)}; ${Date.now() - t0} ms in all`);
  if (fuzz.broken.length) console.log(`generator produced ${fuzz.broken.length} programs that do not assemble:\n  ${fuzz.broken.slice(0, 5).join('\n  ')}`);
  if (fuzz.setupErrors.length) console.log(`loader setup errors: ${fuzz.setupErrors.slice(0, 5).join('; ')}`);
  if (only) for (const r of fuzz.results) console.log(`${r.program.source}\nkernel: ${answerText(r.kernel)}\nbpfiddle: ${answerText(r.bpfiddle)}`);
  console.log(`disagreements (${fuzz.disagreements.length} fuzz, corpus included) written to ${out}`);
  return 0;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) process.exitCode = await main();
