// The hand-written corpus (tests/kernel/corpus/*.s, LLVM pseudo-C) run in the kernel and in
// bpfiddle's VM: r0 (all 64 bits) and data_out must agree for every program and input. The
// programs cover ALU edge cases (division by zero, INT_MIN s/ -1, shifts, zero-extension, byte
// swaps, sign extension), atomics, bpf-to-bpf calls, loops and packet access for xdp,
// socket_filter (LD_ABS/LD_IND, ctx) and sched_cls.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect } from 'vitest';
import { assemble } from '../../src/core/asm/index.js';
import { diffAll, type DiffCase } from './diff.js';
import { fromHex, kernelIt } from './oracle.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'corpus');
/** The input for files without `; run:` lines: a 64-byte IPv4/UDP frame. */
const DEFAULT_FRAME = fromHex(
  '020000000002020000000001080045000032000100004011f9b60a0000010a000002' + '04d2162e001e0000' + '000102030405060708090a0b0c0d0e0f10111213141516',
);

/**
 * Disagreements traced to a VM feature that is not there yet, by case name, with the reason.
 * They are printed, not failed; once the VM agrees on one, the test fails until it is removed.
 */
const KNOWN_VM_GAPS: Readonly<Record<string, string>> = {};

function loadCorpus(): { cases: DiffCase[]; errors: string[] } {
  const cases: DiffCase[] = [];
  const errors: string[] = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.s')).sort()) {
    const text = readFileSync(join(DIR, file), 'utf8');
    const asm = assemble(text);
    if (!asm.ok) {
      errors.push(`${file}: ${asm.errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('; ')}`);
      continue;
    }
    const runs = [...text.matchAll(/^;\s*run:\s*data=([0-9a-fA-F]*)(?:\s+ctx=([0-9a-fA-F]*))?\s*$/gm)];
    const inputs = runs.length ? runs.map((m) => ({ dataIn: fromHex(m[1]!), ctxIn: m[2] ? fromHex(m[2]) : undefined })) : [{ dataIn: DEFAULT_FRAME, ctxIn: undefined }];
    inputs.forEach((input, n) => cases.push({
      name: `${file}${inputs.length > 1 ? ` run ${n + 1}` : ''}`,
      progType: asm.program.progType,
      insns: asm.program.insns,
      ...input,
    }));
  }
  return { cases, errors };
}

describe('hand-written corpus against the 6.18 kernel', () => {
  kernelIt('every corpus program computes the same r0 and data_out in bpfiddle as in the kernel', async () => {
    const { cases, errors } = loadCorpus();
    expect(errors).toEqual([]);
    const s = await diffAll(cases);
    console.log(`kernel corpus: ${s.run} runs of ${new Set(cases.map((c) => c.name.split(' ')[0])).size} programs, ` +
      `${s.agree} agree, ${s.disagreements.length} disagree, ${s.rejected} rejected by the kernel`);
    const known = (d: string): string | undefined => Object.keys(KNOWN_VM_GAPS).find((k) => d.startsWith(`${k} (`));
    for (const d of s.disagreements) {
      const k = known(d);
      console.log(k ? `known VM gap (${KNOWN_VM_GAPS[k]}): ${d.split('\n').slice(0, 2).join(' ')}` : `DISAGREEMENT ${d}`);
    }
    expect(s.rejections).toEqual([]);
    expect(s.disagreements.filter((d) => !known(d)).map((d) => d.split('\n').slice(0, 2).join(' '))).toEqual([]);
    const fixed = Object.keys(KNOWN_VM_GAPS).filter((k) => !s.disagreements.some((d) => known(d) === k));
    expect(fixed, 'these known VM gaps agree now: remove them from KNOWN_VM_GAPS').toEqual([]);
    expect(s.agree + s.disagreements.length).toBe(cases.length);
  });
});
