// The error catalogue: every kind's example really produces that kind and its fix really passes
// (in bpfiddle's verifier, and in the running kernel where there is one); every error bpfiddle's
// verifier produces on the corpus and on a fuzz sample has an explanation; explain() ties an
// error to the user's line, register and path.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_KINDS, assembleExample, explain, matchKind } from '../../src/core/explain/index.js';
import { assemble } from '../../src/core/asm/index.js';
import { verify } from '../../src/core/verifier/index.js';
import { loadCorpus, readExpected, expectationOf } from '../verifier/corpus/corpus.js';
import { callSoup, generate, rng, soup } from '../../tools/verifier/fuzz-gen.js';
import { LOG_LEVEL1 } from '../../tools/kernel.js';
import { kernel, kernelIt } from '../kernel/oracle.js';

const withExamples = ERROR_KINDS.filter((k) => k.example);

describe('error catalogue', () => {
  it('has at least 40 kinds, unique ids, and at least 40 checked examples', () => {
    expect(ERROR_KINDS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(ERROR_KINDS.map((k) => k.id)).size).toBe(ERROR_KINDS.length);
    expect(withExamples.length).toBeGreaterThanOrEqual(40);
    for (const k of ERROR_KINDS) {
      expect(k.title.length, k.id).toBeGreaterThan(5);
      expect(k.explanation.length, k.id).toBeGreaterThan(40);
      expect(k.fix.length, k.id).toBeGreaterThan(10);
      if (!k.example) expect(k.noExample, `${k.id} says why it has no example`).toBeTruthy();
    }
  });

  it.each(withExamples.map((k) => [k.id, k] as const))('%s: the "before" example is rejected with this kind and the "after" is accepted', (_id, k) => {
    const before = assembleExample(k.example!.before);
    const after = assembleExample(k.example!.after);
    expect(before.ok && after.ok, JSON.stringify([before, after].filter((x) => !x.ok))).toBe(true);
    if (!before.ok || !after.ok) return;
    expect(k.example!.after, 'the fix needs no raw patch').not.toMatch(/patch:/);
    const rb = verify(before.program, { logLevel: 1 });
    expect(rb.accepted).toBe(false);
    expect(matchKind(rb.error!.message)?.kind.id, rb.error!.message).toBe(k.id);
    const ra = verify(after.program, { logLevel: 1 });
    expect(ra.error?.message ?? null).toBeNull();
    expect(ra.accepted).toBe(true);
  });

  it('gives every message template in the verifier\'s source a kind', () => {
    const dir = join(__dirname, '../../src/core/verifier');
    const templates: string[] = [];
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const text = readFileSync(join(dir, f), 'utf8');
      for (const m of text.matchAll(/\b(?:err(?:Raw)?\(|message: )(`[^`]*`|'[^']*'|"[^"]*")/g)) templates.push(m[1]!);
    }
    expect(templates.length).toBeGreaterThan(100);
    // Fill each ${...} with a value of the kind its expression names; types come in a few
    // spellings, so each template gets several tries.
    const sample = (t: string): string[] => ['scalar', 'map_value_or_null', 'ctx', 'sock'].map((type) => t.slice(1, -1).replace(/\$\{([^}]*)\}/g, (_, expr: string) => {
      if (/^extra$/.test(expr)) return ' write to';
      if (/^desc$/.test(expr)) return 'stack ';
      if (/tnumStrn/.test(expr)) return '(0x0; 0xff)';
      if (/invalidScalarText/.test(expr)) return 'At callback return the register R0 has smin=2';
      if (/^text$/.test(expr)) return 'At program exit the register R0 has smin=2';
      if (/^prefix$/.test(expr)) return 'BPF_EXIT instruction in main prog';
      if (/regTypeStr|typeName|Name\(|aluString|mapStructName|\.name|tname|mname/.test(expr)) return /aluString/.test(expr) ? '+=' : /Name\(|\.name|tname|mname/.test(expr) ? 'x' : type;
      return '1';
    }));
    const unmatched = templates.filter((t) => !sample(t).some((s) => matchKind(s)));
    expect(unmatched).toEqual([]);
  });
});

describe('every error kind the verifier emits has an explanation', () => {
  it('on the corpus (its error lines, and the kernel\'s recorded ones)', () => {
    const { cases } = loadCorpus();
    const expected = readExpected();
    const unmatched = new Set<string>();
    let errors = 0;
    for (const c of cases) {
      // The two programs that take the verifier a million instructions are covered by the
      // too-complex example; running them here would take most of a minute.
      if ((expected.cases[c.name]?.processed ?? 0) > 200_000) continue;
      const r = verify(c.program, { logLevel: 0, recordPaths: false });
      if (!r.error) continue;
      errors++;
      if (!matchKind(r.error.message)) unmatched.add(`${c.name}: ${r.error.message}`);
    }
    expect(errors).toBeGreaterThan(200);
    expect([...unmatched]).toEqual([]);
    const kernelUnmatched = Object.entries(expected.cases).filter(([, e]) => e.error && !matchKind(e.error)).map(([n, e]) => `${n}: ${e.error}`);
    expect(kernelUnmatched).toEqual([]);
  }, 60_000);

  it('on a fuzz sample (snippets, instruction soup, helper calls)', () => {
    const rand = rng(4242);
    const unmatched = new Set<string>();
    const kinds = new Set<string>();
    const check = (program: Parameters<typeof verify>[0]): void => {
      const r = verify(program, { logLevel: 0, recordPaths: false, maxRecordedSteps: 0 });
      if (!r.error) return;
      const m = matchKind(r.error.message);
      if (!m) unmatched.add(r.error.message);
      else kinds.add(m.kind.id);
    };
    for (let i = 0; i < 300; i++) {
      const g = generate(rand);
      const p = assembleExample(g.source);
      if (p.ok) check(p.program);
    }
    for (let i = 0; i < 300; i++) check({ ...soup(rand), maps: [] });
    for (let i = 0; i < 200; i++) {
      const a = assemble(callSoup(rand).source);
      if (a.ok) check(a.program);
    }
    expect([...unmatched]).toEqual([]);
    expect(kinds.size).toBeGreaterThan(15);
  }, 60_000);
});

describe('explain()', () => {
  const load = (src: string) => {
    const a = assemble(src);
    if (!a.ok) throw new Error(a.errors[0]!.message);
    return a.program;
  };

  it('names the line, the register as the verifier saw it, and the branch that led to a NULL dereference', () => {
    const program = load(`.prog xdp
.map m hash key=4 value=8 max_entries=4
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = m ll
  call bpf_map_lookup_elem
  r6 = r0
  call bpf_get_prandom_u32
  if r0 > 7 goto skip
  r1 = *(u64 *)(r6 + 0)
skip:
  r0 = 2
  exit
`);
    const result = verify(program);
    const e = explain(result.error!, program, result);
    expect(e.kind?.id).toBe('null-deref');
    expect(e.line).toBe(11);
    expect(e.insn).toBe('(79) r1 = *(u64 *)(r6 +0)');
    expect(e.register).toEqual({ reg: 6, state: 'map_value_or_null(id=1,map=m,ks=4,vs=8)', type: 'map_value' });
    expect(e.branches).toEqual([{ pc: 8, text: '(25) if r0 > 0x7 goto pc+1', taken: false, line: 10 }]);
    expect(e.previousPc).toBe(8);
    expect(e.cause).toContain('line 11');
    expect(e.cause).toContain('R6 = map_value_or_null');
  });

  it('says a register was never set and follows a taken branch', () => {
    const program = load('.prog xdp\n  call bpf_get_prandom_u32\n  if r0 == 0 goto l\n  r3 = 1\nl:\n  r0 = r3\n  exit\n');
    const result = verify(program);
    const e = explain(result.error!, program, result);
    expect(e.kind?.id).toBe('uninit-reg');
    expect(e.register?.state).toBe('not initialised');
    expect(e.branches.map((b) => [b.line, b.taken])).toEqual([[3, true]]);
    expect(e.cause).toMatch(/R3 was not initialised/);
  });

  it('follows the paths\' pcs and reads the register through stateAt when no state was recorded', () => {
    // The error is on a branched path (taken jump at line 3); the window is past the walk's end, so
    // neither that path nor its parent keeps any state: only pcs.
    const program = load('.prog xdp\n  call bpf_get_prandom_u32\n  if r0 == 0 goto l\n  r3 = 1\nl:\n  r4 = 2\n  r0 = r3\n  exit\n');
    const full = verify(program);
    const bare = verify(program, { firstRecordedStep: 1_000_000 });
    expect(bare.paths.paths.reduce((n, p) => n + p.steps.length, 0)).toBe(0);
    const errPath = bare.paths.paths.find((p) => p.end.kind === 'error')!;
    expect(errPath.parent).not.toBeNull();
    expect(errPath.pcs.length).toBeGreaterThan(0);
    const want = explain(full.error!, program, full);
    expect(want.register?.state).toBe('not initialised');
    expect(want.branches.map((b) => [b.line, b.taken])).toEqual([[3, true]]);

    const asked: [number, number][] = [];
    const got = explain(bare.error!, program, bare, (pathId, k) => {
      asked.push([pathId, k]);
      const p = full.paths.paths[pathId]!;
      return p.steps[k - p.recordedFrom]?.state;
    });
    expect(got).toEqual(want);
    expect(asked).toEqual([[errPath.id, errPath.pcs.length - 1]]);

    // Without the accessor the trail still comes from pcs; only the register is unknown.
    const noState = explain(bare.error!, program, bare);
    expect(noState.register).toBeNull();
    expect(noState.branches).toEqual(want.branches);
    expect(noState.pathLength).toBe(want.pathLength);
    expect(noState.previousPc).toBe(want.previousPc);
  });

  it('follows a 240,000-step path and reads its last state by verifying again with the window moved there', () => {
    // One path longer than a function call takes arguments; the first window keeps 100 steps.
    const program = load('.prog xdp\n  r1 = 0\nl:\n  r2 = r1\n  r1 += 1\n  if r1 < 80000 goto l\n  r0 = *(u32 *)(r6 + 0)\n  exit\n');
    const result = verify(program, { logLevel: 0, maxRecordedSteps: 100 });
    expect(result.error?.message).toBe('R6 !read_ok');
    expect(result.paths.stepCount).toBe(240_001);
    const moved = (pathId: number, k: number) => {
      const step = result.paths.paths[pathId]!.firstStep + k;
      return verify(program, { logLevel: 0, firstRecordedStep: step, maxRecordedSteps: 1 }).paths.paths[pathId]!.steps[0]?.state;
    };
    const e = explain(result.error!, program, result, moved);
    expect(e.pathLength).toBe(240_002);
    expect(e.previousPc).toBe(3);
    expect(e.register).toEqual({ reg: 6, state: 'not initialised', type: 'not_init' });
    expect(e.branches).toHaveLength(8);
    expect(e.branches.at(-1)).toMatchObject({ pc: 3, line: 6, taken: false });
    expect(e.branches.at(-2)).toMatchObject({ pc: 3, line: 6, taken: true });
  });

  it('reads the register from the recorded steps when the window holds them, without asking stateAt', () => {
    const program = load('.prog xdp\n  call bpf_get_prandom_u32\n  if r0 == 0 goto l\n  r3 = 1\nl:\n  r0 = r3\n  exit\n');
    const result = verify(program);
    let calls = 0;
    const e = explain(result.error!, program, result, () => { calls++; return undefined; });
    expect(e.register?.state).toBe('not initialised');
    expect(calls).toBe(0);
  });

  it('points errors about the whole program at the instruction the message names', () => {
    const program = load('.prog xdp\n  r0 = 2\n  exit\n  r0 = 1\n  exit\n');
    const result = verify(program);
    const e = explain(result.error!, program, result);
    expect(e.kind?.id).toBe('unreachable');
    expect(e.line).toBe(4);
  });

  it('still names the kind and line without recorded paths, and null for an unknown message', () => {
    const program = load('.prog xdp\n  r0 = r5\n  exit\n');
    const e = explain({ pc: 0, message: 'R5 !read_ok' }, program);
    expect(e.kind?.id).toBe('uninit-reg');
    expect(e.line).toBe(2);
    expect(e.register).toBeNull();
    expect(explain({ pc: 0, message: 'something else entirely' }, program).kind).toBeNull();
  });
});

describe('catalogue examples against the running kernel', () => {
  kernelIt('each "before" is rejected with the same kind and each "after" accepted by Linux', async () => {
    const oracle = kernel();
    const wrong: string[] = [];
    await Promise.all(withExamples.map(async (k) => {
      const b = assembleExample(k.example!.before);
      const a = assembleExample(k.example!.after);
      if (!b.ok || !a.ok) { wrong.push(`${k.id}: does not assemble`); return; }
      const [rb, ra] = await Promise.all([b, a].map((x) => oracle.load({
        progType: x.program.progType, insns: x.program.insns, maps: x.program.maps, logLevel: LOG_LEVEL1,
      })));
      const eb = expectationOf(rb!.loaded, rb!.errnoName, rb!.log);
      const ea = expectationOf(ra!.loaded, ra!.errnoName, ra!.log);
      const kb = eb.error ? matchKind(eb.error)?.kind.id : null;
      if (eb.accepted || kb !== k.id) wrong.push(`${k.id}: kernel says ${eb.accepted ? 'accepted' : eb.error} for "before"`);
      if (!ea.accepted) wrong.push(`${k.id}: kernel rejects "after": ${ea.error}`);
    }));
    expect(wrong).toEqual([]);
  }, 60_000);
});
