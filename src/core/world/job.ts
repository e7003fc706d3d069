// Executing a RunJob (run-input.ts) in bpfiddle: the program type builds the context and packet
// from data_in/ctx_in exactly as BPF_PROG_TEST_RUN would, createWorld creates and fills the maps
// and wires the helpers, and the VM runs the program. What comes back is everything `bpfiddle run`
// prints; the kernel differential tests (tests/kernel/realistic.test.ts) call this too, so they
// test the command's own path.

import type { AsmProgram } from '../asm/types.js';
import { createWorld, type WorldRun } from '../helpers/index.js';
import { diffPackets, type LinkType, type PacketDiff } from '../packet/index.js';
import { makeRunInput, packetOut, progTypeSpec, returnCodeName, type PreparedRun } from '../progtypes/index.js';
import type { Session } from '../vm/index.js';
import type { RunJob } from './request.js';

export interface JobOptions {
  maxSteps: number;
  /** Called after every step when given (the run goes one instruction at a time). */
  onStep?: (session: Session, pc: number) => void;
}

export interface JobResult {
  prepared: PreparedRun;
  result: WorldRun;
  /** The name of r0 for the program type (XDP_PASS), if it has one. */
  r0Name: string | undefined;
  /** data_out as the kernel's test run returns it; null for types without a packet. */
  dataOut: Uint8Array | null;
  /** The packet as the program saw it before and after the run, compared; null without a packet. */
  packetChanges: PacketDiff | null;
}

export type JobOutcome = { ok: true; value: JobResult } | { ok: false; error: string };

/** How the program sees its packet: from the Ethernet header, or (socket filters, cgroup_skb)
 * from the network header. */
const linkOf = (prepared: PreparedRun): LinkType => (prepared.zeroPrefix > 0 ? 'ip' : 'eth');

export function executeJob(job: RunJob, opts: JobOptions): JobOutcome {
  const spec = progTypeSpec(job.progType)!;
  const p = makeRunInput(job.progType, { dataIn: job.dataIn, ctxIn: job.ctxIn });
  if (!p.ok) {
    const who = spec.kernelTestRun ? 'the kernel would refuse this input' : 'bpfiddle cannot build this context';
    return { ok: false, error: `${who} for ${job.progType}: ${p.error.errno}: ${p.error.message}` };
  }
  const prepared = p.run;
  const before = prepared.input.packet ? prepared.input.packet.bytes.slice() : null;
  const program: AsmProgram = { insns: job.insns, maps: job.mapDecls, progType: job.progType, sourceMap: [], labels: {} };
  const w = createWorld(program, { run: prepared.input, maps: job.mapEntries, env: job.env });
  if (!w.ok) return { ok: false, error: w.errors.map((e) => e.message).join('\n') };
  const world = w.world;
  const session = world.session({ maxSteps: opts.maxSteps });
  if (opts.onStep) {
    while (session.status === 'running' && session.steps < opts.maxSteps) {
      const pc = session.pc;
      const reason = session.step();
      if (reason === 'fault' || reason === 'none') break;
      opts.onStep(session, pc);
    }
  } else {
    session.continue();
  }
  const result = world.collect(session.result());
  const dataOut = spec.input === 'packet' ? packetOut(prepared, result.packet, result.meta) : null;
  const packetChanges = before && result.packet ? diffPackets(before, result.packet, { link: linkOf(prepared) }) : null;
  return { ok: true, value: { prepared, result, r0Name: returnCodeName(job.progType, result.r0), dataOut, packetChanges } };
}
