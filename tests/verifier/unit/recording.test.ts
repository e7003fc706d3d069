// The path tree's memory bound: every step's pc is kept, states only inside the recording window,
// and verifying again with the window moved gives the very states a full recording has at those
// steps (which is how a viewer fetches states on demand).

import { describe, expect, it } from 'vitest';
import { assemble } from '../../../src/core/asm/index.js';
import { verify, type VerifyOptions, type VerifyResult } from '../../../src/core/verifier/index.js';

function run(src: string, opts: VerifyOptions = {}): VerifyResult {
  const a = assemble(src);
  if (!a.ok) throw new Error(a.errors.map((e) => e.message).join('\n'));
  return verify({ insns: a.program.insns, maps: a.program.maps, progType: a.program.progType }, { logLevel: 0, ...opts });
}

/** A loop with a branch on an unknown value inside: several paths, hundreds of steps. */
const LOOP = `.prog socket_filter
call bpf_get_prandom_u32
r6 = r0
r1 = 40
loop:
r2 = r6
r2 &= 1
if r2 == 0 goto skip
r3 = 1
goto join
skip:
r3 = 2
join:
r1 += -1
if r1 != 0 goto loop
r0 = 0
exit`;

/** Every kept step as (walk step number, pc, state). */
function kept(r: VerifyResult): Map<number, { pc: number; state: unknown }> {
  const out = new Map<number, { pc: number; state: unknown }>();
  for (const p of r.paths.paths) {
    p.steps.forEach((s, i) => out.set(p.firstStep + p.recordedFrom + i, { pc: s.pc, state: s.state }));
  }
  return out;
}

describe('recorded paths', () => {
  it('keeps every step\'s pc and, by default, every state', () => {
    const r = run(LOOP);
    expect(r.paths.paths.length).toBeGreaterThan(10);
    expect(r.paths.truncated).toBe(false);
    let next = 0;
    for (const p of r.paths.paths) {
      expect(p.firstStep).toBe(next); // paths are consecutive stretches of the walk
      next += p.pcs.length;
      expect(p.recordedFrom).toBe(0);
      expect(Array.from(p.pcs)).toEqual(p.steps.map((s) => s.pc));
    }
    expect(r.paths.stepCount).toBe(next);
    expect(r.paths.recorded).toEqual({ from: 0, to: next });
  });

  it('keeps states only inside the window, and pcs everywhere', () => {
    const full = run(LOOP);
    const r = run(LOOP, { firstRecordedStep: 100, maxRecordedSteps: 50 });
    expect(r.paths.truncated).toBe(true);
    expect(r.paths.recorded).toEqual({ from: 100, to: 150 });
    expect(r.paths.stepCount).toBe(full.paths.stepCount);
    expect(r.paths.paths.reduce((n, p) => n + p.steps.length, 0)).toBe(50);
    expect(r.paths.paths.map((p) => Array.from(p.pcs))).toEqual(full.paths.paths.map((p) => Array.from(p.pcs)));
    for (const p of r.paths.paths) {
      expect(p.steps.map((s) => s.pc)).toEqual(Array.from(p.pcs.subarray(p.recordedFrom, p.recordedFrom + p.steps.length)));
    }
  });

  it('gives, for a moved window, the same states a full recording has at those steps', () => {
    const all = kept(run(LOOP));
    const window = kept(run(LOOP, { firstRecordedStep: 200, maxRecordedSteps: 120 }));
    expect([...window.keys()]).toEqual(Array.from({ length: 120 }, (_, i) => 200 + i));
    for (const [k, s] of window) expect(s, `step ${k}`).toEqual(all.get(k));
  });

  it('bounds the kept states of a long verification by the window', () => {
    const r = run(LOOP.replace('r1 = 40', 'r1 = 4000'), { maxRecordedSteps: 1000 });
    expect(r.accepted).toBe(true);
    expect(r.paths.stepCount).toBeGreaterThan(40_000);
    expect(r.paths.paths.reduce((n, p) => n + p.steps.length, 0)).toBe(1000);
    expect(r.paths.paths.reduce((n, p) => n + p.pcs.length, 0)).toBe(r.paths.stepCount);
  });
});
