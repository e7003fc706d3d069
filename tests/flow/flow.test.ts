// The visual verifier's pure logic: blocks and edges of real programs, the state diff's reasons at
// branches, calls and ALU steps (on states the verifier itself produced), and the value explorer's
// bit cells and ranges.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/core/asm/assemble.js';
import type { AsmProgram } from '../../src/core/asm/types.js';
import { branchSide, buildFlowGraph, diffStep, tnumBits, valueView } from '../../src/core/flow/index.js';
import { knownScalar, unknownScalar } from '../../src/core/verifier/bounds.js';
import { verify, type Path } from '../../src/core/verifier/verify.js';

const asm = (src: string): AsmProgram => {
  const a = assemble(src);
  if (!a.ok) throw new Error(JSON.stringify(a.errors));
  return a.program;
};
const example = (name: string): AsmProgram => asm(readFileSync(new URL(`../../src/ui/examples/programs/${name}`, import.meta.url), 'utf8'));

/** The diff of the step at `pc` on `path` (the first visit). */
function diffAt(p: AsmProgram, path: Path, pc: number) {
  const k = path.steps.findIndex((s) => s.pc === pc);
  expect(k).toBeGreaterThanOrEqual(0);
  const before = k > 0 ? path.steps[k - 1]!.state : path.startState;
  const next = path.steps[k + 1]?.pc ?? path.end.pc;
  return diffStep(p.insns, pc, before, path.steps[k]!.state, branchSide(p.insns, pc, next));
}

describe('control-flow graph', () => {
  it('splits the bounded loop into blocks with a back edge for the loop', () => {
    const p = example('bounded-loop.s');
    const g = buildFlowGraph(p.insns);
    // 0-4 | 5-6 | 7-12 (loop body) | 13-19 | 20 | 21-22
    expect(g.blocks.map((b) => [b.start, b.end])).toEqual([[0, 4], [5, 6], [7, 12], [13, 19], [20, 20], [21, 22]]);
    const loop = g.edges.filter((e) => e.back);
    expect(loop).toEqual([{ from: 2, to: 2, kind: 'taken', back: true }]);
    expect(g.edges.find((e) => e.from === 0 && e.kind === 'taken')?.to).toBe(5);
    expect(g.blocks[5]!.exit).toBe(true);
    // ld_imm64's second slot belongs to no block.
    expect(g.blockOfPc[15]).toBe(-1);
    expect(g.blocks[3]!.pcs).not.toContain(15);
  });

  it('gives a bpf-to-bpf call a call edge and starts the callee as a subprogram', () => {
    const p = example('bpf2bpf-call.s');
    const g = buildFlowGraph(p.insns);
    const calls = g.edges.filter((e) => e.kind === 'call');
    expect(calls.length).toBeGreaterThan(0);
    for (const c of calls) expect(g.subprogStarts).toContain(g.blocks[c.to]!.start);
    expect(g.subprogStarts.length).toBeGreaterThan(1);
    expect(new Set(g.blocks.map((b) => b.subprog)).size).toBe(g.subprogStarts.length);
  });
});

describe('state diff', () => {
  const SRC = `.prog xdp
.map counts hash key=4 value=8 max_entries=4
r1 = 0
*(u32 *)(r10 - 4) = r1
r2 = r10
r2 += -4
r1 = counts ll
call bpf_map_lookup_elem
if r0 == 0 goto out
r1 = *(u64 *)(r0 + 0)
if r1 > 10 goto out
r1 += 4
out:
r0 = 2
exit
`;
  const p = asm(SRC);
  const r = verify(p, { logLevel: 1 });
  const main = r.paths.paths[0]!;

  it('explains the fall-through side of a comparison', () => {
    const d = diffAt(p, main, 9);
    expect(d.branch).toBe('fall');
    expect(d.summary).toBe('after `if r1 > 10`, on the fall-through path: r1 ≤ 10');
    const r1 = d.regs.find((x) => x.reg === 1)!;
    expect(r1.why).toBe('after `if r1 > 10`, on the fall-through path r1 ≤ 10');
    expect(r1.fields).toContainEqual({ field: 'umax', before: '18446744073709551615', after: '10' });
    expect(r1.after).toBe('scalar(smin=smin32=0,smax=umax=smax32=umax32=10,var_off=(0x0; 0xf))');
  });

  it('explains the taken side on the branched path, against the parent state before the jump', () => {
    const taken = r.paths.paths.find((x) => x.fromPc === 9)!;
    expect(taken).toBeDefined();
    const before = main.steps[main.steps.findIndex((s) => s.pc === 9) - 1]!.state;
    const d = diffStep(p.insns, 9, before, taken.startState, branchSide(p.insns, 9, taken.startPc));
    expect(d.branch).toBe('taken');
    expect(d.regs.find((x) => x.reg === 1)!.why).toBe('after `if r1 > 10`, on the taken path r1 > 10');
  });

  it('says a null check turned map_value_or_null into map_value', () => {
    const d = diffAt(p, main, 7);
    expect(d.regs.find((x) => x.reg === 0)!.why).toBe('on this path r0 ≠ 0, so map_value_or_null became map_value');
  });

  it('names the helper whose return value r0 holds and the clobbered argument registers', () => {
    const d = diffAt(p, main, 6);
    expect(d.regs.find((x) => x.reg === 0)!.why).toBe('r0 = return of bpf_map_lookup_elem: map_value_or_null');
    expect(d.regs.find((x) => x.reg === 1)!.why).toMatch(/clobbered by the call/);
    expect(d.regs.find((x) => x.reg === 1)!.after).toBe('');
  });

  it('shows an ALU step as before and after', () => {
    const d = diffAt(p, main, 10);
    expect(d.regs).toHaveLength(1);
    expect(d.regs[0]!.why).toBe('r1 += 4: r1 was scalar(smin=smin32=0,smax=umax=smax32=umax32=10,var_off=(0x0; 0xf)), now scalar(smin=umin=smin32=umin32=4,smax=umax=smax32=umax32=14,var_off=(0x0; 0xf))');
  });

  it('reports the stack slot a store wrote (a known zero register stores zero bytes)', () => {
    const d = diffAt(p, main, 1);
    expect(d.slots).toEqual([{ off: -8, before: '', after: '0000????', why: '*(u32 *)(r10 -4) = r1: the slot now holds 0000????' }]);
  });
});

describe('value explorer', () => {
  it('shows a tnum as 64 cells, most significant bit first', () => {
    const bits = tnumBits({ value: 0x5n, mask: 0xf0n });
    expect(bits).toHaveLength(64);
    expect(bits.slice(56)).toBe('xxxx0101');
    expect(bits.slice(0, 56)).toBe('0'.repeat(56));
  });

  it('places a constant on each number line and an unknown scalar across the whole domain', () => {
    const c = valueView(knownScalar(7n));
    expect(c.constant).toBe('7');
    expect(c.known).toBe(64);
    expect(c.ranges.map((x) => [x.name, x.min, x.max])).toEqual([['u64', '7', '7'], ['s64', '7', '7'], ['u32', '7', '7'], ['s32', '7', '7']]);
    expect(c.ranges[1]!.from).toBeCloseTo(0.5, 5);
    const u = valueView(unknownScalar());
    expect(u.constant).toBeNull();
    expect(u.known).toBe(0);
    expect(u.ranges.every((x) => x.full && x.from === 0 && x.to === 1)).toBe(true);
  });
});
