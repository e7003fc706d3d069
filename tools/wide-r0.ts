// Recovering all 64 bits of r0 from the kernel. BPF_PROG_TEST_RUN reports only the u32 retval, so
// the harness rewrites the program once before loading it: every `exit` of the main function
// becomes a jump to a tail appended to the main function,
//     r1 = map_value(result map, +0) ll ; *(u64 *)(r1 +0) = r0 ; exit
// which stores the whole r0 in a one-element array map that the loader reads back after the run.
// The original program still runs as the main function (no wrapper frame, so LD_ABS, stack depth
// and call depth are unchanged); instructions after the insertion point move down and every jump,
// bpf-to-bpf call and ld_imm64 function reference crossing it is relocated. retval must equal the
// low half of the stored value, which the harness checks as a consistency test of the rewrite.
// Exits in subprograms are left alone. Clobbering r1 in the tail is invisible: exit follows.
// Paths that leave without a main-function exit still read right: an LD_ABS/LD_IND out of range
// returns 0 and the map value is 0 already. A bpf_tail_call that succeeds returns the callee's r0
// past the tail; runWide then reports r0 = retval with `wide: false`.

import {
  BPF_DW, BPF_EXIT, BPF_IMM, BPF_JA, BPF_JMP, BPF_JMP32, BPF_LD, BPF_MEM, BPF_PSEUDO_FUNC, BPF_PSEUDO_MAP_VALUE, BPF_STX,
} from '../src/core/isa/constants.js';
import { insn, instructionStarts, lookupOp, type Insn } from '../src/core/isa/insn.js';
import type { KernelJob, KernelMap, KernelOracle, KernelResult } from './kernel.js';

/** Where a slot's control transfer points (absolute slot index), and which field carries it. */
function branchTarget(i: Insn, pc: number): { field: 'off' | 'imm'; target: number } | undefined {
  const op = lookupOp(i);
  if (!op) return undefined;
  switch (op.kind) {
    case 'ja': case 'jcond': case 'may_goto': return { field: 'off', target: pc + 1 + i.off };
    case 'gotol': case 'call_local': return { field: 'imm', target: pc + 1 + i.imm };
    case 'lddw': return i.src === BPF_PSEUDO_FUNC ? { field: 'imm', target: pc + 1 + i.imm } : undefined;
    default: return undefined;
  }
}

/** The first slot after the main function: the lowest subprogram entry, or the program's end. */
export function mainFunctionEnd(insns: readonly Insn[]): number {
  let end = insns.length;
  for (const pc of instructionStarts(insns)) {
    const i = insns[pc]!;
    const op = lookupOp(i);
    const isFuncRef = op?.kind === 'call_local' || (op?.kind === 'lddw' && i.src === BPF_PSEUDO_FUNC);
    if (!isFuncRef) continue;
    const t = branchTarget(i, pc)!.target;
    if (t > 0 && t < end) end = t;
  }
  return end;
}

/** Inserts slots before index `at`, relocating every branch whose source or target moves. */
export function insertSlots(insns: readonly Insn[], at: number, added: readonly Insn[]): Insn[] {
  const n = added.length;
  const moved = (p: number): number => (p >= at ? p + n : p);
  const out: Insn[] = [];
  for (const pc of instructionStarts(insns)) {
    const i = { ...insns[pc]! };
    const b = branchTarget(i, pc);
    if (b) {
      const delta = moved(b.target) - moved(pc) - (b.target - pc);
      if (b.field === 'off') i.off += delta; else i.imm += delta;
    }
    if (pc === at) out.push(...added.map((a) => ({ ...a })));
    out.push(i);
    if (i.code === (BPF_LD | BPF_IMM | BPF_DW) && pc + 1 < insns.length) out.push({ ...insns[pc + 1]! });
  }
  if (at >= insns.length) out.push(...added.map((a) => ({ ...a })));
  return out;
}

/** The program with r0 stored into map `mapIndex` (an array of one u64) at every main-function exit. */
export function captureR0(insns: readonly Insn[], mapIndex: number): Insn[] {
  const end = mainFunctionEnd(insns);
  const tail: Insn[] = [
    insn(BPF_LD | BPF_IMM | BPF_DW, 1, BPF_PSEUDO_MAP_VALUE, 0, mapIndex),
    insn(0, 0, 0, 0, 0),
    insn(BPF_STX | BPF_MEM | BPF_DW, 1, 0, 0, 0),
    insn(BPF_JMP | BPF_EXIT),
  ];
  const out = insertSlots(insns, end, tail);
  // Main-function exits (now before `end`) jump to the tail, which starts at `end`.
  for (const pc of instructionStarts(out)) {
    if (pc >= end) break;
    if (out[pc]!.code !== (BPF_JMP | BPF_EXIT)) continue;
    const off = end - (pc + 1);
    out[pc] = off <= 0x7fff ? insn(BPF_JMP | BPF_JA, 0, 0, off, 0) : insn(BPF_JMP32 | BPF_JA, 0, 0, 0, off);
  }
  return out;
}

/** One-element array map holding the captured r0. */
export const R0_MAP: KernelMap = { type: 'array', keySize: 4, valueSize: 8, maxEntries: 1 };

export interface WideRun {
  result: KernelResult;
  /** r0 at exit, when the program loaded and ran: all 64 bits when `wide`, else only retval. */
  r0?: bigint;
  /** False when the program left without passing the tail (a successful tail call). */
  wide?: boolean;
}

/**
 * Runs a job in the kernel and recovers all 64 bits of r0. The result map is appended after the
 * job's own maps, so the job's map indices are unchanged. When the u32 retval disagrees with the
 * captured value's low half the program did not leave through the tail, and r0 is retval alone.
 */
export async function runWide(oracle: KernelOracle, job: KernelJob): Promise<WideRun> {
  if (job.insns instanceof Uint8Array) throw new Error('runWide needs Insn[]');
  const maps = [...(job.maps ?? []), R0_MAP];
  const result = await oracle.run({ ...job, insns: captureR0(job.insns, maps.length - 1), maps });
  const captured = result.maps.pop();
  if (!result.run?.ok) return { result };
  const v = captured?.[0]?.value;
  if (!v || v.length !== 8) throw new Error('r0 capture map missing after a successful run');
  const r0 = new DataView(v.buffer, v.byteOffset, 8).getBigUint64(0, true);
  if (Number(r0 & 0xffffffffn) !== result.run.retval) return { result, r0: BigInt(result.run.retval), wide: false };
  return { result, r0, wide: true };
}
