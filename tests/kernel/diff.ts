// The VM-versus-kernel comparison shared by the corpus and the random-program tests: one program,
// one test-run input, run in the kernel (all 64 bits of r0 through tools/wide-r0.ts) and in
// bpfiddle's VM (through the program-type table's makeRunInput/packetOut); any difference in
// r0, in how the run ended, or in data_out is a VM bug and comes back as a readable report with
// the program in kernel syntax.

import type { ProgTypeName } from '../../src/core/asm/types.js';
import { disassemble } from '../../src/core/asm/index.js';
import type { Insn } from '../../src/core/isa/insn.js';
import { makeRunInput, packetOut } from '../../src/core/progtypes/index.js';
import { run } from '../../src/core/vm/index.js';
import { runWide } from '../../tools/wide-r0.js';
import { hex, kernel } from './oracle.js';

export type Engine = 'interp' | 'jit';

export interface DiffCase {
  name: string;
  progType: ProgTypeName;
  insns: Insn[];
  dataIn: Uint8Array;
  ctxIn?: Uint8Array;
  /** VM engines to compare with the kernel (default both). */
  engines?: readonly Engine[];
}

export type DiffOutcome =
  | { kind: 'agree' }
  /** The kernel refused the program (or the input): nothing to compare. */
  | { kind: 'rejected'; why: string }
  | { kind: 'disagree'; report: string };

const h64 = (v: bigint | undefined): string => (v === undefined ? '-' : `0x${v.toString(16).padStart(16, '0')}`);

/** Runs `c` in both and compares r0 (64 bits), the way the run ended, and data_out. */
export async function diffRun(c: DiffCase): Promise<DiffOutcome> {
  const k = await runWide(kernel(), { progType: c.progType, insns: c.insns, dataIn: c.dataIn, ctxIn: c.ctxIn });
  if (!k.result.loaded) {
    const again = await kernel().load({ progType: c.progType, insns: c.insns, logLevel: 1 });
    const lines = again.log.trim().split('\n');
    return { kind: 'rejected', why: `${k.result.errnoName}: ${lines.at(-2) ?? lines.at(-1) ?? ''}` };
  }
  const prepared = makeRunInput(c.progType, { dataIn: c.dataIn, ctxIn: c.ctxIn });
  const kRun = k.result.run!;
  if (!kRun.ok) {
    if (!prepared.ok && prepared.error.errno === kRun.errnoName) return { kind: 'rejected', why: `test run: ${kRun.errnoName}` };
    return { kind: 'disagree', report: report(c, `kernel refused the input with ${kRun.errnoName}; bpfiddle ${prepared.ok ? 'accepted it' : `said ${prepared.error.errno}`}`) };
  }
  if (!prepared.ok) return { kind: 'disagree', report: report(c, `kernel ran it; bpfiddle refused the input: ${prepared.error.message}`) };
  const problems: string[] = [];
  for (const engine of c.engines ?? ['interp', 'jit']) {
    // Each engine gets a fresh input: a run writes into the packet it is given.
    const input = makeRunInput(c.progType, { dataIn: c.dataIn, ctxIn: c.ctxIn });
    if (!input.ok) throw new Error('makeRunInput is not deterministic');
    const vm = run(c.insns, input.run.input, { engine });
    const vmOut = packetOut(input.run, vm.packet, vm.meta);
    const who = `bpfiddle (${engine})`;
    if (vm.exit !== 'exit') problems.push(`${who} stopped with ${vm.exit}${vm.fault ? ` at pc ${vm.fault.pc}: ${vm.fault.message}` : ''}`);
    // Without the wide capture (a tail call left past it) only the u32 retval is known.
    const vmR0 = k.wide ? vm.r0 : vm.r0 & 0xffffffffn;
    if (vmR0 !== k.r0) problems.push(`r0: kernel ${h64(k.r0)}${k.wide ? '' : ' (low 32 bits only)'}, ${who} ${h64(vm.r0)}`);
    if (hex(vmOut) !== hex(kRun.dataOut)) problems.push(`data_out:\n    kernel   ${hex(kRun.dataOut)}\n    ${who} ${hex(vmOut)}`);
  }
  return problems.length ? { kind: 'disagree', report: report(c, problems.join('\n  ')) } : { kind: 'agree' };
}

function report(c: DiffCase, what: string): string {
  const listing = disassemble(c.insns).map((l) => `    ${l}`).join('\n');
  return `${c.name} (${c.progType}, data_in ${hex(c.dataIn)}${c.ctxIn ? `, ctx_in ${hex(c.ctxIn)}` : ''}):\n  ${what}\n  program:\n${listing}`;
}

export interface DiffSummary {
  run: number;
  rejected: number;
  agree: number;
  disagreements: string[];
  rejections: string[];
}

/** Runs many cases, `batch` at a time in flight, and tallies the outcomes. */
export async function diffAll(cases: readonly DiffCase[], batch = 256): Promise<DiffSummary> {
  const s: DiffSummary = { run: 0, rejected: 0, agree: 0, disagreements: [], rejections: [] };
  for (let i = 0; i < cases.length; i += batch) {
    const chunk = cases.slice(i, i + batch);
    const outcomes = await Promise.all(chunk.map((c) => diffRun(c)));
    outcomes.forEach((o, n) => {
      s.run++;
      if (o.kind === 'agree') s.agree++;
      else if (o.kind === 'rejected') { s.rejected++; s.rejections.push(`${chunk[n]!.name}: ${o.why}`); }
      else s.disagreements.push(o.report);
    });
  }
  return s;
}
