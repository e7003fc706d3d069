// The lessons: each guided step can be completed, in order, by stepping through the starting
// program in the same core the page uses (the worker host: its register view names pointers as
// the Registers pane does); the starting program does not already pass the challenge and the
// stored solution does; progress survives garbage in storage.

import { describe, expect, it } from 'vitest';
import {
  EMPTY_PROGRESS, LESSONS, checkChallenge, completedCount, markChallenge, markStep, restoreProgress, stepDone,
  type Lesson, type LessonSnapshot,
} from '../../src/core/lessons/index.js';
import { assemble } from '../../src/core/asm/index.js';
import { verify } from '../../src/core/verifier/index.js';
import { packetOption } from '../../src/core/world/request.js';
import { CoreHost } from '../../src/worker/host.js';
import { DEFAULT_INPUT } from '../../src/worker/protocol.js';
import { LOG_LEVEL1 } from '../../tools/kernel.js';
import { kernel, kernelIt } from '../kernel/oracle.js';

/** Every snapshot the page would show while stepping through the program from the start. */
function walk(lesson: Lesson, source = lesson.source): LessonSnapshot[] {
  const host = new CoreHost();
  const v = host.verify(source, 1);
  const verdict = v ? { accepted: v.accepted, message: v.error?.message ?? null } : null;
  const created = host.createRun({
    source,
    input: { ...DEFAULT_INPUT, packet: lesson.input.packet, env: [...lesson.input.env] },
    maps: {},
  });
  if (!created.ok) throw new Error(`${lesson.id}: ${created.error.message}`);
  const snaps: LessonSnapshot[] = [];
  let view = created.view;
  for (let i = 0; i < 1000; i++) {
    snaps.push({ run: { status: view.status, pc: view.pc, regs: view.regs }, verdict });
    if (view.status !== 'running') break;
    const next = host.command({ kind: 'step' }, []);
    if (!next) break;
    view = next;
  }
  return snaps;
}

describe('lessons', () => {
  it('form a path of at least 10 lessons over the topics the issue lists, with unique ids', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(10);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    const titles = LESSONS.map((l) => l.title.toLowerCase()).join(' | ');
    for (const topic of ['registers', 'stack', 'maps', 'helpers', 'bounds', 'null', 'packet', 'loops', 'calls', 'tail calls', 'ring buffers']) {
      expect(titles).toContain(topic);
    }
    for (const l of LESSONS) {
      expect(l.steps.length, l.id).toBeGreaterThanOrEqual(2);
      expect(l.challenge.checks.length, l.id).toBeGreaterThanOrEqual(1);
    }
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: every guided step is reached, in order, with the starting program', (_id, lesson) => {
    const snaps = walk(lesson);
    let from = 0;
    lesson.steps.forEach((step, i) => {
      // Verdict steps hold for the whole session; run steps must come at or after the previous one.
      const at = step.done.kind === 'verdict' ? (stepDone(step.done, snaps[0]!) ? from : -1) : snaps.findIndex((s, k) => k >= from && stepDone(step.done, s));
      expect(at, `step ${i + 1}: ${step.text}`).toBeGreaterThanOrEqual(0);
      from = at;
    });
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: the starting program fails the challenge and the solution passes it', (_id, lesson) => {
    const start = checkChallenge(lesson, lesson.source);
    expect(start.passed).toBe(false);
    expect(start.results.some((r) => !r.ok && r.detail)).toBe(true);
    const solved = checkChallenge(lesson, lesson.challenge.solution);
    expect(solved.results.filter((r) => !r.ok)).toEqual([]);
    expect(solved.passed).toBe(true);
  });

  it('says which check fails and why', () => {
    const packet = LESSONS.find((l) => l.id === 'packet-bounds')!;
    const dropAll = '.prog xdp\n  r0 = 1\n  exit\n';
    const r = checkChallenge(packet, dropAll);
    expect(r.passed).toBe(false);
    expect(r.results.find((x) => x.label === 'passes TCP to port 80')).toEqual({ label: 'passes TCP to port 80', ok: false, detail: 'returns 1' });
    expect(r.results.find((x) => x.label === 'drops TCP to port 22')?.ok).toBe(true);
    expect(checkChallenge(packet, 'r0 = \n').results[0]).toMatchObject({ label: 'the program assembles', ok: false });
  });
});

describe('lesson progress', () => {
  it('restores a valid state from garbage, wrong versions and tampered data', () => {
    for (const junk of [null, 42, 'not json', '{"version":2}', '[]', { version: 1, lessons: 'x' }, undefined]) {
      expect(restoreProgress(junk)).toEqual(EMPTY_PROGRESS);
    }
    const tampered = restoreProgress(JSON.stringify({
      version: 1, current: 'no-such-lesson',
      lessons: { stack: { steps: [0, 0, 99, -1, 'x', 1.5, 2], challenge: 'yes' }, bogus: { steps: [0], challenge: true } },
    }));
    expect(tampered).toEqual({ version: 1, current: null, lessons: { stack: { steps: [0, 2], challenge: false } } });
  });

  it('records steps and challenges once and round-trips through JSON', () => {
    let p = markStep(EMPTY_PROGRESS, 'maps', 1);
    p = markStep(p, 'maps', 0);
    p = markStep(p, 'maps', 1);
    p = markChallenge({ ...p, current: 'maps' }, 'maps');
    expect(p.lessons.maps).toEqual({ steps: [0, 1], challenge: true });
    expect(completedCount(p)).toBe(1);
    expect(restoreProgress(JSON.stringify(p))).toEqual(p);
  });
});

describe('lessons against the running kernel', () => {
  kernelIt('Linux gives each starting program and solution the same verdict, and the solutions\' packet runs the same r0', async () => {
    const oracle = kernel();
    const wrong: string[] = [];
    await Promise.all(LESSONS.flatMap((lesson) => [lesson.source, lesson.challenge.solution].map(async (source) => {
      const a = assemble(source);
      if (!a.ok) { wrong.push(`${lesson.id}: does not assemble`); return; }
      const p = a.program;
      const mine = verify(p, { logLevel: 0, recordPaths: false });
      const r = await oracle.load({ progType: p.progType, insns: p.insns, maps: p.maps, logLevel: LOG_LEVEL1 });
      if (r.loaded !== mine.accepted) wrong.push(`${lesson.id}: kernel ${r.loaded ? 'accepts' : 'rejects'} ${source === lesson.source ? 'the start' : 'the solution'}`);
      if (source !== lesson.challenge.solution || !['xdp', 'socket_filter'].includes(p.progType)) return;
      for (const c of lesson.challenge.checks) {
        if (c.kind !== 'returns') continue;
        const bytes = packetOption(c.packet ?? (lesson.input.packet || 'eth/ipv4/udp'));
        if (!bytes.ok) { wrong.push(`${lesson.id}: ${bytes.error}`); continue; }
        const run = await oracle.run({ progType: p.progType, insns: p.insns, maps: p.maps, dataIn: bytes.value });
        if (!run.run?.ok || String(run.run.retval) !== c.r0) wrong.push(`${lesson.id}: ${c.label}: kernel returns ${run.run?.retval} (${run.run?.errnoName})`);
      }
    })));
    expect(wrong).toEqual([]);
  }, 60_000);
});
