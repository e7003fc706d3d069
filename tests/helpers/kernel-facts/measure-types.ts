// Measures which helpers each program type may call on the running kernel: loads
// `call N; r0 = 0; exit` for every (program type, helper id) pair and reads the verifier's verdict.
// The kernel answers "program of this type cannot use helper bpf_x#N" (or "unknown func") when the
// type's get_func_proto has nothing for N; helpers it offers but no program of the type can call
// (sleepable ones, bpf_get_func_ip outside kprobes) are refused with other words. Any other
// outcome (an argument error, or a load) means the helper is available.
// Usage: npx tsx tests/helpers/kernel-facts/measure-types.ts > tests/helpers/kernel-facts/prog-types.json
import { PROG_TYPE_NAMES } from '../../../src/core/asm/types.js';
import { HELPER_NAMES } from '../../../src/core/helpers/ids.js';
import { KernelOracle, kernelAvailable, LOG_LEVEL1 } from '../../../tools/kernel.js';
import type { Insn } from '../../../src/core/isa/insn.js';

export const REFUSED = /program of this type cannot use helper|unknown func|helper call might sleep in a non-sleepable prog|not supported for program type/;

/** The probe program for helper `id`. */
export const probeProgram = (id: number): Insn[] => [
  { code: 0x85, dst: 0, src: 0, off: 0, imm: id },
  { code: 0xb7, dst: 0, src: 0, off: 0, imm: 0 },
  { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 },
];

async function main(): Promise<void> {
  const avail = kernelAvailable();
  if (!avail.ok) throw new Error(avail.why);
  const k = KernelOracle.start();
  const out: Record<string, number[]> = {};
  for (const type of PROG_TYPE_NAMES) {
    const ids = HELPER_NAMES.map((n, id) => (n ? id : 0)).filter((id) => id > 0);
    const results = await Promise.all(ids.map((id) => k.load({ progType: type, insns: probeProgram(id), logLevel: LOG_LEVEL1 })));
    out[type] = ids.filter((_, i) => !REFUSED.test(results[i]!.log));
  }
  await k.close();
  process.stdout.write(JSON.stringify(out) + '\n');
}

if (process.argv[1]?.endsWith('measure-types.ts')) void main();
