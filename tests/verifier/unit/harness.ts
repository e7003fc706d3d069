// Shared harness of the verifier's unit tests. Each case (cases.ts) runs twice: bpfiddle's
// verify() against the recorded answer (always), and the running kernel against the same recorded
// answer (kernelIt: only where the kernel oracle is available), so a recorded answer is always the
// kernel's and bpfiddle's agreement with the kernel is checked even on machines without one.

import { describe, expect, it } from 'vitest';
import { kernel, kernelIt } from '../../kernel/oracle.js';
import { bpfiddleAnswer, kernelAnswer, programOf, type Answer, type Case } from './cases.js';

export type { Case } from './cases.js';

function check(c: Case, a: Answer, who: string): void {
  expect({ who, verdict: a.accepted ? 'accept' : a.error }).toEqual({ who, verdict: c.expect });
  if (c.errno !== undefined && !a.accepted) expect({ who, errno: a.errno }).toEqual({ who, errno: c.errno });
  if (c.processed !== undefined) expect({ who, processed: a.processed }).toEqual({ who, processed: c.processed });
}

/** One describe block: every case against bpfiddle, and (one test) all of them against the kernel. */
export function caseSuite(title: string, cases: readonly Case[]): void {
  describe(title, () => {
    for (const c of cases) {
      it(c.name, () => check(c, bpfiddleAnswer(programOf(c)), 'bpfiddle'));
    }
    kernelIt(`the running kernel gives the recorded answers (${cases.length} cases)`, async () => {
      const answers = await Promise.all(cases.map((c) => kernelAnswer(kernel(), programOf(c))));
      cases.forEach((c, i) => check(c, answers[i]!, `kernel: ${c.name}`));
    });
  });
}
