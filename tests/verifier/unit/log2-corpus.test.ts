// The whole level-2 verifier log of every small corpus program (tests/verifier/corpus, the kernel
// walking it in at most 3000 instructions), compared byte for byte with the running kernel's:
// instruction lines, state prints, `from X to Y:` lines, precision backtracking, `safe` lines,
// stack liveness and the statistics. Only map addresses and the verification time are
// normalised. The differences known today are pinned in tests/verifier/corpus/log2-known.json
// (programs whose verdict, error or processed count is pinned in known-disagreements.json may
// differ too); a new one fails the test. Without the kernel the test prints why and passes without asserting.

import { expect } from 'vitest';
import { diffCorpus, readLog2Known, smallCorpus, LOG2_MAX_PROCESSED } from '../../../tools/verifier/log2-diff.js';
import { kernel, kernelIt } from '../../kernel/oracle.js';
import { readKnown } from '../corpus/compare.js';

kernelIt('level-2 logs of the corpus programs are the kernel\'s, except the pinned differences', async () => {
  const cases = smallCorpus(LOG2_MAX_PROCESSED);
  const diffs = await diffCorpus(kernel(), cases);
  const pinned = readKnown();
  const known: Record<string, string> = { ...pinned.verdict, ...pinned.error, ...pinned.processed, ...readLog2Known() };
  const equal = diffs.filter((d) => d.equal).length;
  console.log(`level-2 logs: ${equal}/${diffs.length} corpus programs byte-identical to the kernel's`);
  for (const d of diffs) if (d.equal && known[d.name]) console.log(`level-2 log agrees now (unpin it): ${d.name}`);
  const unexpected = diffs.filter((d) => !d.equal && !known[d.name])
    .map((d) => `${d.name} line ${d.line}\n  kernel:   ${d.kernel}\n  bpfiddle: ${d.bpfiddle}`);
  expect(unexpected).toEqual([]);
  expect(diffs.length).toBeGreaterThan(400);
}, 60_000);
