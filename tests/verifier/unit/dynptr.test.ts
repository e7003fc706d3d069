// Stack dynptrs (src/core/verifier/dynptr.ts) against the running kernel: every dynptr program of the
// verifier corpus gives the same level-2 log (each instruction's state, the STACK_DYNPTR slots
// printed as dynptr_<type>(id=..,ref_id=..,dynptr_id=..), the liveness lines, the error) as the
// kernel, except for the map addresses the kernel prints.

import { expect } from 'vitest';
import { LOG_LEVEL2 } from '../../../tools/kernel.js';
import { verify } from '../../../src/core/verifier/index.js';
import { verifyInput } from '../corpus/compare.js';
import { loadCorpus } from '../corpus/corpus.js';
import { kernel, kernelIt } from '../../kernel/oracle.js';

/** Lines that differ by run: map addresses and timing. */
const normal = (log: string): string[] => log.split('\n')
  .filter((l) => !/^verification time /.test(l))
  .map((l) => l.replace(/0xffff[0-9a-f]{12}/g, 'MAP'));

kernelIt('dynptr programs of the corpus log every state at level 2 exactly as the kernel does', async () => {
  const cases = loadCorpus().cases.filter((c) => c.name.includes('dynptr'));
  expect(cases.length).toBeGreaterThanOrEqual(12);
  const diffs: string[] = [];
  for (const c of cases) {
    const k = await kernel().load({ progType: c.program.progType, insns: c.program.insns, maps: c.program.maps, logLevel: LOG_LEVEL2 });
    const b = verify(verifyInput(c), { logLevel: 2 });
    const kl = normal(k.log);
    const bl = normal(b.log);
    const i = kl.findIndex((l, j) => l !== bl[j]);
    if (i >= 0 || kl.length !== bl.length) {
      const at = i >= 0 ? i : Math.min(kl.length, bl.length);
      diffs.push(`${c.name} line ${at + 1}: kernel ${JSON.stringify(kl[at])} bpfiddle ${JSON.stringify(bl[at])}`);
    }
  }
  console.log(`dynptr level-2 logs: ${cases.length} programs, ${cases.length - diffs.length} identical`);
  expect(diffs).toEqual([]);
}, 60_000);
