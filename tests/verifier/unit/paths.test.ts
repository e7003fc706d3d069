// The path tree verify() returns for the UI: one path per branch the verifier explored (depth-first,
// fall-through first), each instruction with the state after it, and how each path ended; states
// are shared immutable structures, not copies.

import { describe, expect, it } from 'vitest';
import { verify, type Path, type VerifyResult } from '../../../src/core/verifier/index.js';
import { programOf } from './cases.js';

const run = (src: string, opts: Parameters<typeof verify>[1] = {}): VerifyResult => verify(programOf({ src }), { logLevel: 0, ...opts });
const summary = (p: Path) => ({ id: p.id, parent: p.parent, fromPc: p.fromPc, startPc: p.startPc, pcs: p.steps.map((s) => s.pc), end: p.end });

const BRANCHES = `.prog xdp
call bpf_get_prandom_u32
if r0 > 10 goto big
r0 = 1
exit
big:
if r0 > 100 goto huge
r0 = 2
exit
huge:
r0 = 3
exit
`;

describe('the path tree', () => {
  it('one path per explored branch, depth-first with the fall-through first', () => {
    const r = run(BRANCHES);
    expect(r.accepted).toBe(true);
    expect(r.paths.truncated).toBe(false);
    expect(r.paths.paths.map(summary)).toEqual([
      { id: 0, parent: null, fromPc: null, startPc: 0, pcs: [0, 1, 2, 3], end: { kind: 'exit', pc: 3 } },
      { id: 1, parent: 0, fromPc: 1, startPc: 4, pcs: [4, 5, 6], end: { kind: 'exit', pc: 6 } },
      { id: 2, parent: 1, fromPc: 4, startPc: 7, pcs: [7, 8], end: { kind: 'exit', pc: 8 } },
    ]);
  });

  it('each step carries the state after the instruction; a branch starts with its refined state', () => {
    const [main, big] = run(BRANCHES).paths.paths;
    const r0 = (st: Path['startState']) => st.frames[0]!.regs[0]!;
    expect(r0(main!.startState).type).toBe('not_init');
    expect(r0(main!.steps[0]!.state).type).toBe('scalar');
    // fall-through of `if r0 > 10`: r0 <= 10
    expect(r0(main!.steps[1]!.state).s.umax).toBe(10n);
    expect(r0(main!.steps[2]!.state).s.umin).toBe(1n);
    // the taken side starts with r0 >= 11
    expect(r0(big!.startState).s.umin).toBe(11n);
  });

  it('states are shared, not copied: an instruction that changes one register keeps the rest', () => {
    const [main] = run(BRANCHES).paths.paths;
    const a = main!.steps[1]!.state;
    const b = main!.steps[2]!.state; // r0 = 1
    expect(b).not.toBe(a);
    expect(b.frames[0]!.regs[10]).toBe(a.frames[0]!.regs[10]);
    expect(b.frames[0]!.stack).toBe(a.frames[0]!.stack);
  });

  it('paths end in exit, pruned, error, or unexplored when an error stops the walk', () => {
    const pruned = run(`.prog xdp
.map h hash key=4 value=8 max_entries=4
*(u32 *)(r10 - 4) = 0
r2 = r10
r2 += -4
r1 = h ll
call bpf_map_lookup_elem
if r0 == 0 goto out
r1 = 1
lock *(u64 *)(r0 + 0) += r1
out:
r0 = 2
exit
`);
    expect(pruned.paths.paths.map((p) => p.end)).toEqual([{ kind: 'exit', pc: 10 }, { kind: 'pruned', pc: 9 }]);

    const failed = run(`.prog xdp
call bpf_get_prandom_u32
if r0 > 10 goto big
r0 = 1
exit
big:
r0 = *(u64 *)(r0 + 0)
exit
`);
    expect(failed.accepted).toBe(false);
    expect(failed.paths.paths.map((p) => p.end)).toEqual([
      { kind: 'exit', pc: 3 },
      { kind: 'error', pc: 4, message: "R0 invalid mem access 'scalar'" },
    ]);

    const early = run(`.prog xdp
call bpf_get_prandom_u32
if r0 > 10 goto big
r0 = *(u64 *)(r0 + 0)
exit
big:
r0 = 2
exit
`);
    expect(early.paths.paths.map((p) => p.end)).toEqual([
      { kind: 'error', pc: 2, message: "R0 invalid mem access 'scalar'" },
      { kind: 'unexplored', pc: 4 },
    ]);
  });

  it('an error path ends with every line of the error block', () => {
    const r = run(`.prog kprobe
.map rb ringbuf key=0 value=0 max_entries=4096
r1 = rb ll
r2 = 8
r3 = 0
call bpf_ringbuf_reserve
r0 = 0
exit
`);
    expect(r.error).toEqual({
      pc: 6,
      message: 'Unreleased reference id=2 alloc_insn=4',
      lines: ['Unreleased reference id=2 alloc_insn=4', 'BPF_EXIT instruction in main prog would lead to reference leak'],
    });
    expect(r.paths.paths[0]!.end).toEqual({ kind: 'error', pc: 6, message: r.error!.lines.join('\n') });
  });

  it('processed counts every recorded step, every pruned arrival and the failing instruction', () => {
    for (const src of [BRANCHES, `.prog xdp
r0 = 0
l:
may_goto out
r0 += 1
goto l
out:
r0 = 2
exit
`]) {
      const r = run(src);
      const steps = r.paths.paths.reduce((n, p) => n + p.steps.length, 0);
      const extra = r.paths.paths.filter((p) => p.end.kind === 'pruned' || p.end.kind === 'error').length;
      expect(steps + extra).toBe(r.processed);
    }
  });

  it('maxRecordedSteps caps what is recorded and says so; recordPaths: false records nothing', () => {
    const r = run(BRANCHES, { maxRecordedSteps: 5 });
    expect(r.paths.truncated).toBe(true);
    expect(r.paths.paths.reduce((n, p) => n + p.steps.length, 0)).toBe(5);
    expect(r.processed).toBe(9);
    const none = run(BRANCHES, { recordPaths: false });
    expect(none.paths).toEqual({ paths: [], truncated: false, stepCount: 0, recorded: { from: 0, to: 0 } });
    expect(none.accepted).toBe(true);
  });

  it('a callback body is a path of its own, entered from the call', () => {
    const r = run(`.prog xdp
r1 = 2
r2 = subprog[+6]
r3 = 0
r4 = 0
call bpf_loop
r0 = 2
exit
cb:
r0 = 0
exit
`);
    expect(r.accepted).toBe(true);
    const cb = r.paths.paths[1]!;
    expect(summary(cb)).toEqual({ id: 1, parent: 0, fromPc: 5, startPc: 8, pcs: [8, 9], end: { kind: 'pruned', pc: 5 } });
    expect(cb.startState.frames).toHaveLength(2);
    expect(cb.startState.frames[1]!.inCallback).toBe(true);
  });

  it('statistics as in the kernel\'s summary line, and the stack depth of each subprogram', () => {
    const r = run(`*(u64 *)(r10 - 24) = 0
call f
r0 = 0
exit
f:
*(u64 *)(r10 - 8) = 0
r0 = 0
exit
`);
    expect(r.stats).toEqual({ processed: 7, maxStatesPerInsn: 0, totalStates: 0, peakStates: 0, markRead: 0, stackDepth: [24, 8] });
  });
});
