// Re-asks the running kernel about every verifier-corpus program (tests/verifier/corpus/*.s) and
// rewrites tests/verifier/corpus/expected.json with its answers: verdict, errno, the error block
// and the processed count. Fails (exit 1) when a file's `; expect:` line disagrees with the kernel,
// so each file's header keeps saying what the program really tests.
//   npx tsx tools/verifier/record-corpus.ts            record everything
//   npx tsx tools/verifier/record-corpus.ts --show X   print the kernel's full log for files matching X
//   npx tsx tools/verifier/record-corpus.ts --check    compare the kernel with expected.json, write nothing
//   npx tsx tools/verifier/record-corpus.ts --known    run bpfiddle's verifier on the corpus and rewrite
//                                                      known-disagreements.json (no kernel needed)

import { writeFileSync } from 'node:fs';
import { release } from 'node:os';
import { compareCorpus, diffKnown, readKnown, summaryLine, writeKnown } from '../../tests/verifier/corpus/compare.js';
import {
  askKernel, EXPECTED_PATH, expectationOf, loadCorpus, matchesIntent, readExpected, type Expectation, type ExpectedFile,
} from '../../tests/verifier/corpus/corpus.js';
import { KernelOracle, kernelAvailable } from '../kernel.js';

function known(): number {
  const { cases, errors } = loadCorpus();
  if (errors.length) { console.error(errors.join('\n')); return 1; }
  const cmp = compareCorpus(cases, readExpected().cases);
  for (const d of diffKnown(readKnown(), cmp.found)) {
    for (const n of d.added) console.log(`new ${d.kind} disagreement: ${n}: ${cmp.found[d.kind][n]}`);
    for (const n of d.gone) console.log(`${d.kind} agrees now: ${n}`);
  }
  writeKnown(cmp.found);
  console.log(summaryLine(cmp));
  return 0;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--known')) return known();
  const show = args.includes('--show') ? args[args.indexOf('--show') + 1] : undefined;
  const check = args.includes('--check');
  const avail = kernelAvailable();
  if (!avail.ok) {
    console.error(`cannot ask the kernel: ${avail.why}`);
    return 1;
  }
  const { cases, errors } = loadCorpus();
  if (errors.length) {
    console.error(`corpus files that do not assemble:\n  ${errors.join('\n  ')}`);
    return 1;
  }
  const picked = show ? cases.filter((c) => c.name.includes(show)) : cases;
  const oracle = KernelOracle.start();
  const results = await askKernel(oracle, picked);
  await oracle.close();

  const got: Record<string, Expectation> = {};
  const problems: string[] = [];
  picked.forEach((c, i) => {
    const r = results[i]!;
    if (r.setupError) { problems.push(`${c.name}: loader could not set it up: ${r.setupError}`); return; }
    const e = expectationOf(r.loaded, r.errnoName, r.log);
    got[c.name] = e;
    if (show) {
      console.log(`==== ${c.name} (${c.program.progType}): ${e.accepted ? 'accepted' : `rejected ${e.errno}`}\n${r.log}`);
    }
    if (c.intent && !matchesIntent(c.intent, e)) {
      const meant = c.intent.accept ? 'accept' : `reject ${c.intent.message ?? ''}`;
      problems.push(`${c.name}: meant '${meant}', kernel says ${e.accepted ? 'accepted' : `${e.errno}: ${e.error}`}`);
    }
  });
  if (show) return 0;

  if (check) {
    const old = readExpected();
    for (const [name, e] of Object.entries(got)) {
      if (JSON.stringify(old.cases[name]) !== JSON.stringify(e)) {
        problems.push(`${name}: recorded ${JSON.stringify(old.cases[name])}, kernel now ${JSON.stringify(e)}`);
      }
    }
  } else {
    const file: ExpectedFile = { kernel: release(), cases: got };
    writeFileSync(EXPECTED_PATH, JSON.stringify(file, null, 1) + '\n');
  }
  const accepted = Object.values(got).filter((e) => e.accepted).length;
  console.log(`${Object.keys(got).length} programs: ${accepted} accepted, ${Object.keys(got).length - accepted} rejected` +
    (check ? '' : `; wrote ${EXPECTED_PATH}`));
  for (const p of problems) console.log(`PROBLEM ${p}`);
  return problems.length ? 1 : 0;
}

process.exitCode = await main();
