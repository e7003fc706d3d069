// An exhaustive sweep of context accesses for the verifier differential: for every program type,
// every offset from a little before the context to a little past it, every size, as a load, a
// sign-extending load, a register store and an immediate store, one tiny program each
// (`access; r0 = 0; exit`). The kernel's and bpfiddle's verdicts and messages must agree on all of
// them; the context tables are where a playground's verifier most easily drifts from the kernel.
// Used by tools/verifier/fuzz.ts (its report) and tests/verifier/fuzz.test.ts.

import { PROG_TYPE_NAMES, type ProgTypeName } from '../../src/core/asm/types.js';
import type { Insn } from '../../src/core/isa/insn.js';
import { disassemble } from '../../src/core/asm/index.js';
import type { FuzzProgram } from './fuzz.js';

/** How far the sweep goes per type: the context's size (a tracepoint record: its first 64 bytes
 * and the ones around the 8 KiB limit). */
const SPAN: Readonly<Record<ProgTypeName, [number, number][]>> = {
  socket_filter: [[-8, 200]], sched_cls: [[-8, 200]], sched_act: [[-8, 200]], cgroup_skb: [[-8, 200]],
  xdp: [[-8, 32]], kprobe: [[-8, 176]], perf_event: [[-8, 192]], raw_tracepoint: [[-8, 104]],
  tracepoint: [[-16, 64], [8176, 8200]],
};

const SIZE_BITS: Readonly<Record<number, number>> = { 1: 0x10, 2: 0x08, 4: 0x00, 8: 0x18 };
type Access = 'ldx' | 'ldsx' | 'stx' | 'st';
const CLASS: Readonly<Record<Access, number>> = { ldx: 0x61, ldsx: 0x81, stx: 0x63, st: 0x62 };

function accessInsns(access: Access, size: number, off: number): Insn[] {
  const code = (CLASS[access] & ~0x18) | SIZE_BITS[size]!;
  const body: Insn[] = access === 'ldx' || access === 'ldsx'
    ? [{ code, dst: 2, src: 1, off, imm: 0 }]
    : access === 'stx'
      ? [{ code: 0xb7, dst: 2, src: 0, off: 0, imm: 1 }, { code, dst: 1, src: 2, off, imm: 0 }]
      : [{ code, dst: 1, src: 0, off, imm: 1 }];
  return [...body, { code: 0xb7, dst: 0, src: 0, off: 0, imm: 0 }, { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 }];
}

/** Every sweep program, named `ctx-TYPE-ACCESS-SIZE-OFF`. */
export function ctxSweep(types: readonly ProgTypeName[] = PROG_TYPE_NAMES): FuzzProgram[] {
  const out: FuzzProgram[] = [];
  for (const progType of types) {
    for (const [lo, hi] of SPAN[progType]) {
      for (let off = lo; off < hi; off++) {
        for (const access of ['ldx', 'ldsx', 'stx', 'st'] as const) {
          for (const size of access === 'ldsx' ? [1, 2, 4] : [1, 2, 4, 8]) {
            const insns = accessInsns(access, size, off);
            const name = `ctx-${progType}-${access}-${size}-${off}`;
            const source = `; ${name}\n.prog ${progType}\n${disassemble(insns, { style: 'llvm' }).map((l) => `  ${l}`).join('\n')}\n`;
            const program = { insns, maps: [], progType, sourceMap: [], labels: {} };
            out.push({ name, source, recipe: ['ctx_sweep'], case: { name, program, intent: null, about: name } });
          }
        }
      }
    }
  }
  return out;
}
