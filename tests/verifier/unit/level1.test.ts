// verify() at log level 1 walks without the log and walks again with it only for a rejected
// program (an accepted program's level-1 log is just the statistics line). That shortcut must
// give exactly what walking with the log throughout gives: verdict, error, log, counts, paths.

import { describe, expect, it } from 'vitest';
import { verify, verifyWalk, type VerifyResult } from '../../../src/core/verifier/verify.js';
import { loadCorpus, readExpected } from '../corpus/corpus.js';

/** Everything but the states (compared by their pcs and ends: the walks are the same). */
const summary = (r: VerifyResult) => ({
  accepted: r.accepted, error: r.error, errno: r.errno, processed: r.processed, log: r.log, stats: r.stats,
  paths: r.paths.paths.map((p) => ({ id: p.id, parent: p.parent, fromPc: p.fromPc, pcs: Array.from(p.pcs), end: p.end })),
});

describe('level-1 log shortcut', () => {
  it('gives corpus programs the same result as walking with the level-1 log', () => {
    const { cases } = loadCorpus();
    const expected = readExpected().cases;
    let accepted = 0;
    let compared = 0;
    for (const c of cases) {
      const input = { insns: c.program.insns, maps: c.program.maps, progType: c.program.progType };
      // the few programs that walk hundreds of instructions or more only cost time here
      if ((expected[c.name]?.processed ?? 0) > 500) continue;
      const quick = verify(input, { logLevel: 1 });
      expect(summary(quick), c.name).toEqual(summary(verifyWalk(input, { logLevel: 1 })));
      compared++;
      if (quick.accepted) accepted++;
    }
    expect(compared).toBeGreaterThan(cases.length * 0.9);
    expect(accepted).toBeGreaterThan(100);
  });
});
