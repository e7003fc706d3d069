// The helper table's program types against the running kernel: for each of the 9 program types
// bpfiddle knows and every helper id, the kernel's verdict on `call N` (offered or refused) must
// match HELPERS[N].progTypes. About 1900 loads.

import { describe, expect } from 'vitest';
import { PROG_TYPE_NAMES } from '../../src/core/asm/types.js';
import { HELPER_NAMES, helperAllowed } from '../../src/core/helpers/index.js';
import { LOG_LEVEL1 } from '../../tools/kernel.js';
import { kernel, kernelIt } from '../kernel/oracle.js';
import { probeProgram, REFUSED } from './kernel-facts/measure-types.js';

describe('which program types may call which helper', () => {
  kernelIt('matches the running kernel for every (program type, helper) pair', async () => {
    const ids = HELPER_NAMES.map((n, id) => (n ? id : 0)).filter((id) => id > 0);
    const mismatches: string[] = [];
    let pairs = 0;
    for (const type of PROG_TYPE_NAMES) {
      const results = await Promise.all(ids.map((id) => kernel().load({ progType: type, insns: probeProgram(id), logLevel: LOG_LEVEL1 })));
      ids.forEach((id, i) => {
        pairs++;
        const offered = !REFUSED.test(results[i]!.log);
        if (offered !== helperAllowed(id, type)) mismatches.push(`${type} ${HELPER_NAMES[id]}: kernel ${offered ? 'offers' : 'refuses'} it`);
      });
    }
    console.log(`helper availability: ${pairs - mismatches.length}/${pairs} (program type, helper) pairs agree with the kernel`);
    expect(mismatches).toEqual([]);
  }, 120_000);
});
