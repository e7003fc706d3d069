// Soundness by running: every corpus program and every random program (tools/verifier/fuzz-gen.ts)
// that bpfiddle's verifier accepts is run in the VM on random packets and map contents, and must
// never fault on memory or hand a helper bad arguments (tools/verifier/fuzz-soundness.ts). Faults
// are pinned in corpus/known-unsound.json like the corpus's disagreements: a new one fails, and so
// does one that went away (refresh with `npx tsx tools/verifier/fuzz-soundness.ts --pin`).
// No kernel needed.

import { describe, expect, it } from 'vitest';
import {
  checkAll, fuzzCases, readKnownUnsound, SOUNDNESS_COUNT, SOUNDNESS_SEED, SOUNDNESS_SOUP_COUNT, soundnessLine,
} from '../../tools/verifier/fuzz-soundness.js';
import { loadCorpus, readExpected } from './corpus/corpus.js';

const known = readKnownUnsound();
const pinHint = 'refresh with `npx tsx tools/verifier/fuzz-soundness.ts --pin` once understood';

describe('verifier soundness', () => {
  it('corpus programs bpfiddle accepts run without memory faults on random packets', () => {
    const s = checkAll(loadCorpus().cases, 1, readExpected().cases);
    console.log(soundnessLine('corpus', s));
    for (const [n, f] of Object.entries(s.unsound)) console.log(`UNSOUND ${n}: ${f}`);
    for (const [n, f] of Object.entries(s.vmGaps)) console.log(`VM gap (the kernel accepts it too) ${n}: ${f}`);
    expect(s.ran).toBeGreaterThanOrEqual(50);
    expect(Object.keys(s.unsound).sort(), pinHint).toEqual(Object.keys(known.corpus).sort());
  }, 180_000);

  it(`random programs bpfiddle accepts run without memory faults (${SOUNDNESS_COUNT} programs, ${SOUNDNESS_SOUP_COUNT} each of soup and helper calls)`, () => {
    const s = checkAll(fuzzCases(SOUNDNESS_COUNT, SOUNDNESS_SEED), SOUNDNESS_SEED);
    console.log(soundnessLine(`${SOUNDNESS_COUNT} random programs`, s));
    const soup = checkAll(fuzzCases(SOUNDNESS_SOUP_COUNT, SOUNDNESS_SEED, 'soup'), SOUNDNESS_SEED);
    console.log(soundnessLine(`${SOUNDNESS_SOUP_COUNT} instruction-soup programs`, soup));
    const calls = checkAll(fuzzCases(SOUNDNESS_SOUP_COUNT, SOUNDNESS_SEED, 'calls'), SOUNDNESS_SEED);
    console.log(soundnessLine(`${SOUNDNESS_SOUP_COUNT} helper-call programs`, calls));
    const unsound = { ...s.unsound, ...soup.unsound, ...calls.unsound };
    for (const [n, f] of Object.entries(unsound)) console.log(`UNSOUND ${n}: ${f}`);
    expect(s.ran).toBeGreaterThanOrEqual(500);
    expect(soup.ran).toBeGreaterThanOrEqual(10);
    expect(calls.ran).toBeGreaterThanOrEqual(100);
    expect(Object.keys(unsound).sort(), pinHint).toEqual(Object.keys(known.fuzz).sort());
  }, 180_000);
});
