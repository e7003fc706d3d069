// Checking a lesson: whether a guided step's condition holds in what the page shows now, and
// whether an edited program passes the challenge (verify it, run it on the lesson's input as
// the playground would, look at r0, maps and ring buffers). Pure and synchronous: the programs
// are small, and every failure comes back as a value the page can print.

import { assemble } from '../asm/assemble.js';
import type { AsmProgram } from '../asm/types.js';
import type { SimEnv } from '../helpers/env.js';
import { makeRunInput, progTypeSpec } from '../progtypes/index.js';
import { verify } from '../verifier/verify.js';
import { createWorld, type WorldRun } from '../world/index.js';
import { packetOption, parseEnvOption } from '../world/request.js';
import { matchKind } from '../explain/explain.js';
import type { ChallengeCheck, ChallengeResult, CheckResult, Lesson, LessonInput, LessonSnapshot, StepCondition } from './types.js';

/** Instructions a challenge run may take (the lessons' programs take a few hundred at most). */
const MAX_STEPS = 100_000;

/** Whether a step's condition holds in the snapshot. */
export function stepDone(cond: StepCondition, snap: LessonSnapshot): boolean {
  switch (cond.kind) {
    case 'reg-pointer': {
      const p = snap.run?.regs[cond.reg]?.pointer;
      return p !== null && p !== undefined && new RegExp(cond.pointer).test(p);
    }
    case 'reg-value':
      return snap.run?.regs[cond.reg]?.unsigned === cond.value;
    case 'run-status':
      return snap.run?.status === cond.status && (cond.r0 === undefined || snap.run.regs[0]?.unsigned === cond.r0);
    case 'verdict': {
      const v = snap.verdict;
      if (!v || v.accepted !== cond.accepted) return false;
      return cond.errorKind === undefined || (v.message !== null && matchKind(v.message)?.kind.id === cond.errorKind);
    }
  }
}

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

type Runs = { ok: true; runs: WorldRun[] } | { ok: false; error: string };

/** Runs the program `count` times in one world (maps persist between runs, as in the kernel). */
function runProgram(program: AsmProgram, input: LessonInput, packet: string | undefined, count: number): Runs {
  const spec = progTypeSpec(program.progType)!;
  let dataIn: Uint8Array = new Uint8Array(0);
  const text = packet ?? input.packet;
  if (spec.input === 'packet') {
    const p = packetOption(text || 'eth/ipv4/udp');
    if (!p.ok) return { ok: false, error: p.error };
    dataIn = p.value;
  }
  const env: Partial<SimEnv> = {};
  for (const e of input.env) {
    const bad = parseEnvOption(e, env);
    if (bad) return { ok: false, error: bad };
  }
  const prepared = makeRunInput(program.progType, { dataIn, ctxIn: null });
  if (!prepared.ok) return { ok: false, error: prepared.error.message };
  const w = createWorld(program, { run: prepared.run.input, env });
  if (!w.ok) return { ok: false, error: w.errors.map((e) => e.message).join('; ') };
  // One world, several runs: maps carry over between runs as kernel maps do between test runs.
  const runs: WorldRun[] = [];
  for (let i = 0; i < count; i++) runs.push(w.world.run({ maxSteps: MAX_STEPS }));
  return { ok: true, runs };
}

function runOutcome(r: WorldRun): string {
  if (r.fault) return `the run faults at instruction ${r.pc}: ${r.fault.message}`;
  if (r.exit !== 'exit') return `the run stops (${r.exit}) at instruction ${r.pc}`;
  return `returns ${r.r0}`;
}

function checkOne(check: ChallengeCheck, program: AsmProgram, source: string, lesson: Lesson, accepted: { ok: boolean; message: string | null }): CheckResult {
  switch (check.kind) {
    case 'accepted':
      return { label: 'the verifier accepts it', ok: accepted.ok, detail: accepted.ok ? '' : `rejected: ${accepted.message ?? ''}` };
    case 'source': {
      const ok = new RegExp(check.pattern).test(source);
      return { label: check.label, ok, detail: ok ? '' : 'not found in the program' };
    }
    case 'returns': {
      const r = runProgram(program, lesson.input, check.packet, 1);
      if (!r.ok) return { label: check.label, ok: false, detail: r.error };
      const run = r.runs[0]!;
      const ok = !run.fault && run.exit === 'exit' && run.r0.toString() === check.r0;
      return { label: check.label, ok, detail: ok ? '' : runOutcome(run) };
    }
    case 'map-value': {
      if (!program.maps.some((m) => m.name === check.map)) return { label: check.label, ok: false, detail: `the program has no map '${check.map}'` };
      const r = runProgram(program, lesson.input, undefined, check.runs);
      if (!r.ok) return { label: check.label, ok: false, detail: r.error };
      const last = r.runs[r.runs.length - 1]!;
      const bad = r.runs.find((x) => x.fault);
      if (bad) return { label: check.label, ok: false, detail: runOutcome(bad) };
      const entry = last.maps.find((m) => m.name === check.map)?.entries.find((e) => hex(e.key) === check.key);
      const value = entry ? hex(Array.isArray(entry.value) ? entry.value[0]! : entry.value) : null;
      const ok = value === check.value;
      return { label: check.label, ok, detail: ok ? '' : value === null ? `no element ${check.key}` : `the value is ${value}` };
    }
    case 'ringbuf': {
      const r = runProgram(program, lesson.input, undefined, 1);
      if (!r.ok) return { label: check.label, ok: false, detail: r.error };
      const run = r.runs[0]!;
      if (run.fault) return { label: check.label, ok: false, detail: runOutcome(run) };
      const recs = run.ringbuf.find((b) => b.map === check.map)?.records ?? [];
      const ok = recs.some((x) => !x.discarded && !x.busy && x.size === check.size);
      return { label: check.label, ok, detail: ok ? '' : recs.length ? `records: ${recs.map((x) => `${x.size} bytes${x.discarded ? ' (discarded)' : x.busy ? ' (never submitted)' : ''}`).join(', ')}` : 'no record' };
    }
  }
}

/** Runs every check of the lesson's challenge on `source`. */
export function checkChallenge(lesson: Lesson, source: string): ChallengeResult {
  const asm = assemble(source);
  if (!asm.ok) {
    const e = asm.errors[0]!;
    return { passed: false, results: [{ label: 'the program assembles', ok: false, detail: `line ${e.line}: ${e.message}` }] };
  }
  const program = asm.program;
  const v = verify(program, { logLevel: 0, recordPaths: false });
  const accepted = { ok: v.accepted, message: v.error?.message ?? null };
  const results = lesson.challenge.checks.map((c) => checkOne(c, program, source, lesson, accepted));
  return { passed: results.every((r) => r.ok), results };
}
