import { describe, expect, it } from 'vitest';
import { verify } from '../core/verifier/verify.js';
import { readFixture } from '../../tests/kernel-log/capture.js';
import { CoreHost, pointerName } from './host.js';
import type { RunInputSpec } from './protocol.js';

const XDP = `.prog xdp
.map counts array key=4 value=8 max_entries=4
r6 = r1
r1 = 0
*(u32 *)(r10 - 4) = r1
r1 = counts ll
r2 = r10
r2 += -4
call bpf_map_lookup_elem
if r0 == 0 goto out
r1 = *(u64 *)(r0 + 0)
r1 += 5
*(u64 *)(r0 + 0) = r1
r2 = *(u32 *)(r6 + 0)
r0 = 2
exit
out:
r0 = 1
exit
`;
const input: RunInputSpec = { packet: 'eth/ipv4/udp(dport=53)', ctx: [], env: [] };

describe('core host: runs', () => {
  it('starts paused at step 0 and names pointers by region', () => {
    const h = new CoreHost();
    const r = h.createRun({ source: XDP, input, maps: {} });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.view.step).toBe(0);
    expect(r.view.status).toBe('running');
    expect(r.view.regs[1]!.pointer).toBe('ctx+0');
    expect(r.view.regs[10]!.pointer).toBe('fp');
    expect(r.view.maps?.[0]?.entries).toHaveLength(4);
    for (let i = 0; i < 6; i++) h.command({ kind: 'step' }, []);
    const v = h.command({ kind: 'step' }, [])!; // the lookup
    expect(v.regs[2]!.pointer).toBe('fp-4');
    expect(v.regs[0]!.pointer).toBe('map_value(counts)+0');
    const d = h.command({ kind: 'continue' }, [])!;
    expect(d.status).toBe('exited');
    expect(d.r0).toBe('2');
    expect(d.r0Name).toBe('XDP_PASS');
    expect(d.regs[2]!.pointer).toBe('pkt+0');
    expect(d.maps![0]!.entries[0]!.value).toBe('0500000000000000');
  });

  it('takes initial map contents and undoes map writes when stepping back', () => {
    const h = new CoreHost();
    const r = h.createRun({ source: XDP, input, maps: { counts: [{ key: '00000000', value: '2a00000000000000' }] } });
    expect(r.ok).toBe(true);
    const end = h.command({ kind: 'continue' }, [])!;
    expect(end.maps![0]!.entries[0]!.value).toBe('2f00000000000000');
    const back = h.command({ kind: 'seek', step: 9 }, [])!;
    expect(back.maps![0]!.entries[0]!.value).toBe('2a00000000000000');
    expect(back.maxStep).toBe(end.step);
  });

  it('stops at breakpoints given as instruction indices', () => {
    const h = new CoreHost();
    h.createRun({ source: XDP, input, maps: {} });
    const v = h.command({ kind: 'continue' }, [8])!;
    expect(v.stop).toBe('break');
    expect(v.pc).toBe(8);
  });

  it('reports input errors with the field they belong to', () => {
    const h = new CoreHost();
    const bad = h.createRun({ source: XDP, input: { ...input, packet: 'eth/ipv4/udp dport=53' }, maps: {} });
    expect(bad.ok ? null : bad.error.field).toBe('packet');
    const env = h.createRun({ source: XDP, input: { ...input, env: ['cpu=zero'] }, maps: {} });
    expect(env.ok ? null : env.error.field).toBe('env');
    const asm = h.createRun({ source: 'frobnicate', input, maps: {} });
    expect(asm.ok ? null : asm.error).toMatchObject({ field: 'program', line: 1 });
    const map = h.createRun({ source: XDP, input, maps: { counts: [{ key: '00', value: '00' }] } });
    expect(map.ok ? null : map.error.field).toBe('maps');
  });

  it('stops a runaway loop at the step limit', () => {
    const h = new CoreHost();
    h.createRun({ source: '.prog xdp\nr0 = 0\nl:\nr0 += 1\ngoto l\nexit\n', input: { ...input, maxSteps: 10_001 }, maps: {} });
    const v = h.command({ kind: 'continue' }, [])!;
    expect(v.status).toBe('limit');
    expect(v.step).toBe(10_001);
    expect(v.regs[0]!.unsigned).toBe('5000');
  });
});

describe('core host: verification', () => {
  it('gives per-instruction hints and the abstract state after an instruction', () => {
    const h = new CoreHost();
    // A hash map: the lookup may return NULL (an array lookup with a constant key in range cannot).
    const v = h.verify(XDP.replace('array', 'hash'), 1)!;
    expect(v.accepted).toBe(true);
    expect(v.hints[7]).toContain('R0=map_value_or_null');
    const st = h.verifierState(7, 0)!;
    const r0 = st.frames[0]!.regs[0]!;
    expect(r0.kernel).toMatch(/^map_value_or_null\(/);
    expect(r0.words).toContain('or NULL');
    expect(st.frames[0]!.slots.some((s) => s.off === -8)).toBe(true);
    expect(h.verifierState(999, 0)).toBeNull();
  });

  it('reports the kernel error and its instruction', () => {
    const h = new CoreHost();
    const v = h.verify('.prog xdp\nr0 = r5\nexit\n', 1)!;
    expect(v.accepted).toBe(false);
    expect(v.error).toEqual({ pc: 0, message: 'R5 !read_ok' });
    expect(v.log).toContain('R5 !read_ok');
  });
});

describe('core host: the visual verifier', () => {
  const HASH = XDP.replace('array', 'hash');

  it('summarises the path tree as metadata: ids, parents, branch points, ends and the pcs walked', () => {
    const h = new CoreHost();
    const v = h.verify(HASH, 1)!;
    expect(v.paths.length).toBe(2);
    const [main, other] = v.paths;
    expect(main).toMatchObject({ id: 0, parent: null, fromPc: null, startPc: 0, end: { kind: 'exit', pc: 14 } });
    expect(main!.pcs).toBeInstanceOf(Int32Array);
    expect([...main!.pcs].slice(0, 5)).toEqual([0, 1, 2, 3, 5]);
    expect(other).toMatchObject({ id: 1, parent: 0, fromPc: 8, startPc: 15, end: { kind: 'exit', pc: 16 } });
    expect(v.visits[15]).toBe(1);
    expect(v.pathsTruncated).toBe(false);
  });

  it('answers a step along a path with the state, the state before and why it changed', () => {
    const h = new CoreHost();
    const v = h.verify(HASH, 1)!;
    const k = [...v.paths[0]!.pcs].indexOf(8);
    const s = h.verifierStep(0, k)!;
    expect(s.pc).toBe(8);
    expect(s.state.path).toEqual({ id: 0, step: k, steps: v.paths[0]!.pcs.length });
    expect(s.prev[0]!.regs[0]!.kernel).toMatch(/^map_value_or_null/);
    expect(s.state.frames[0]!.regs[0]!.kernel).toMatch(/^map_value\(/);
    expect(s.diff.regs.find((r) => r.reg === 0)!.why).toBe('on this path r0 ≠ 0, so map_value_or_null became map_value');
    expect(s.entry).toBeNull();
    // Steps are clamped to the path; unknown paths have no state.
    expect(h.verifierStep(0, 10_000)!.step).toBe(v.paths[0]!.pcs.length - 1);
    expect(h.verifierStep(7, 0)).toBeNull();
  });

  it('explains how the branch into a path refined its start state', () => {
    const h = new CoreHost();
    h.verify(HASH, 1);
    const s = h.verifierStep(1, 0)!;
    expect(s.pc).toBe(15);
    expect(s.entry?.branch).toBe('taken');
    expect(s.entry?.regs.find((r) => r.reg === 0)?.why).toBe('on this path r0 = 0, so map_value_or_null became the scalar 0 (NULL)');
  });

  it('gives each register a value explorer view', () => {
    const h = new CoreHost();
    h.verify(HASH, 1);
    const st = h.verifierState(0, 0)!;
    expect(st.frames[0]!.regs[7]!.value).toBeNull();
    const r1 = h.verifierState(1, 0)!.frames[0]!.regs[1]!.value!;
    expect(r1.constant).toBe('0');
    expect(r1.bits).toBe('0'.repeat(64));
  });

  it('builds the control-flow graph with visit and prune counts', () => {
    const h = new CoreHost();
    expect(h.flowGraph()).toBeNull();
    h.verify(HASH, 1);
    const g = h.flowGraph()!;
    expect(g.blocks.map((b) => [b.start, b.end])).toEqual([[0, 8], [9, 14], [15, 16]]);
    expect(g.blocks[0]!.text[0]).toBe('r6 = r1');
    expect(g.blocks.map((b) => b.visits)).toEqual([1, 1, 1]);
    expect(g.edges).toContainEqual({ from: 0, to: 2, kind: 'taken', back: false });
  });

  it('counts pruned paths per instruction and per block', () => {
    const h = new CoreHost();
    // Both sides of the first branch meet again at the second one (a prune point); r2 and r4 are
    // dead there, so the second arrival is covered by the first.
    const v = h.verify('.prog xdp\nr0 = 0\nr2 = *(u32 *)(r1 + 0)\nr3 = *(u32 *)(r1 + 4)\nif r2 > 5 goto l1\nr4 = 1\nl1:\nif r3 > 7 goto l2\nr0 = 1\nl2:\nexit\n', 1)!;
    const pruned = v.paths.filter((p) => p.end.kind === 'pruned');
    expect(pruned.length).toBeGreaterThan(0);
    expect(Object.values(v.prunes).reduce((a, b) => a + b, 0)).toBe(pruned.length);
    const g = h.flowGraph()!;
    expect(g.blocks.reduce((n, b) => n + b.pruned, 0)).toBe(pruned.length);
    for (const p of pruned) expect(g.blocks.find((b) => b.pcs.includes(p.end.pc))!.pruned).toBeGreaterThan(0);
  });

  it('installs a verification made elsewhere (a pasted kernel log) as the current one', () => {
    const h = new CoreHost();
    h.verify(HASH, 1);
    const a = h.assemble('.prog xdp\nr0 = r5\nexit\n');
    if (!a.ok) throw new Error('does not assemble');
    const result = verify({ insns: a.program.insns, maps: [], progType: 'xdp' });
    const view = h.install(a.program, result, 1);
    expect(view.error).toEqual({ pc: 0, message: 'R5 !read_ok' });
    expect(view.paths).toHaveLength(1);
    expect(view.paths[0]!.end).toEqual({ kind: 'error', pc: 0, message: 'R5 !read_ok' });
    expect(h.flowGraph()!.blocks).toHaveLength(1);
    expect(h.flowGraph()!.blocks[0]!.error).toBe(true);
  });
});

/** A NULL dereference after a branch on a random number, `pad` instructions after the lookup. */
const nullDeref = (pad: number): string => [
  '.prog xdp', '.map counts hash key=4 value=8 max_entries=4',
  'call bpf_get_prandom_u32', 'r7 = r0', 'r1 = 0', '*(u32 *)(r10 - 4) = r1', 'r1 = counts ll', 'r2 = r10', 'r2 += -4',
  'call bpf_map_lookup_elem', ...Array.from({ length: pad }, () => 'r3 = 1'),
  'if r7 > 10 goto skip', 'r3 = 2', 'skip:', 'r1 = *(u64 *)(r0 + 0)', 'r0 = 2', 'exit', '',
].join('\n');

describe('core host: explaining the error', () => {
  it('ties the error to the line, the register and the branch that led there', () => {
    const h = new CoreHost();
    const v = h.verify(nullDeref(0), 1)!;
    expect(v.error).toEqual({ pc: 11, message: "R0 invalid mem access 'map_value_or_null'" });
    const e = h.explainError(v.error!)!;
    expect(e.kindId).toBe('null-deref');
    expect(e.title).toBe('Using a pointer that may be NULL');
    expect(e.line).toBe(14);
    expect(e.register).toEqual({ reg: 0, state: 'map_value_or_null(id=2,map=counts,ks=4,vs=8)', type: 'map_value' });
    expect(e.branches).toEqual([{ pc: 9, text: '(25) if r7 > 0xa goto pc+1', taken: false, line: 11 }]);
    expect(e.previousPc).toBe(10);
    expect(e.cause).toContain('line 14');
    expect(e.example?.after).toContain('exit');
  });

  it('explains programs far beyond 4,096 instructions from the verification it already holds', () => {
    const h = new CoreHost();
    const pad = 4200;
    const v = h.verify(nullDeref(pad), 1)!;
    expect(v.error?.pc).toBe(pad + 11);
    const e = h.explainError(v.error!)!;
    expect(e.line).toBe(pad + 14);
    expect(e.register?.state).toBe('map_value_or_null(id=2,map=counts,ks=4,vs=8)');
    expect(e.branches.map((b) => b.line)).toEqual([pad + 11]);
    expect(e.previousPc).toBe(pad + 10);
  });

  it('explains an error imported from a kernel log, with the rebuilt source\'s lines', () => {
    const h = new CoreHost();
    const r = h.importKernelLog(readFixture('map-value-oob-const.s', 2));
    if (!r.ok) throw new Error(r.error.message);
    const e = h.explainError(r.view.error!)!;
    expect(e.pc).toBe(7);
    expect(e.register?.state).toBe('map_value(ks=4,vs=8)');
    const line = r.source.split('\n')[e.line! - 1]!;
    expect(line.trim()).toBe('r1 = *(u64 *)(r0 + 4)');
  });

  it('answers null for a stale error (the page asks about an older verdict) and for accepted programs', () => {
    const h = new CoreHost();
    const v = h.verify(nullDeref(0), 1)!;
    h.verify('.prog xdp\nr0 = 2\nexit\n', 1);
    expect(h.explainError(v.error!)).toBeNull();
    expect(new CoreHost().explainError({ pc: 0, message: 'R5 !read_ok' })).toBeNull();
  });
});

/** A loop of n iterations; every 4th explores both sides of `if (rand & 1)`: many paths, a long walk. */
const branchyLoop = (n: number, tail: string[] = ['r0 = 0', 'exit']): string => [
  '.prog socket_filter', 'call bpf_get_prandom_u32', 'r6 = r0', 'r0 = 0', `r1 = ${n}`, 'loop:', 'r4 = r1', 'r4 &= 3',
  'if r4 != 0 goto join', 'r2 = r6', 'r2 &= 1', 'if r2 == 0 goto skip', 'r3 = 1', 'goto join', 'skip:', 'r3 = 2', 'join:',
  'r0 += 1', 'r1 += -1', 'if r1 != 0 goto loop', ...tail, '',
].join('\n');

describe('core host: states beyond the recording window', () => {
  const WINDOW = 64;
  const src = branchyLoop(40);

  it('answers steps outside the window with the states a full recording gives, keeping one window', () => {
    const full = new CoreHost({ window: 1e9 });
    const small = new CoreHost({ window: WINDOW });
    const vf = full.verify(src, 1)!;
    const vs = small.verify(src, 1)!;
    expect(vs.accepted).toBe(true);
    const total = vf.paths.reduce((n, p) => n + p.pcs.length, 0);
    expect(total).toBeGreaterThan(WINDOW * 6);
    // The page still sees the whole walk: every path and every step's pc, nothing marked missing.
    expect(vs.paths).toEqual(vf.paths);
    expect(vs.visits).toEqual(vf.visits);
    expect(vs.pathsTruncated).toBe(false);
    let late = 0;
    for (const p of vf.paths) {
      const n = p.pcs.length;
      if (n === 0) { // pruned where it started: no step to show
        expect(small.verifierStep(p.id, 0)).toBeNull();
        continue;
      }
      for (const k of new Set([0, 1, Math.floor(n / 2), n - 2, n - 1].filter((k) => k >= 0 && k < n))) {
        const a = full.verifierStep(p.id, k)!;
        const b = small.verifierStep(p.id, k)!;
        expect({ pathId: b.pathId, step: b.step, steps: b.steps, pc: b.pc }).toEqual({ pathId: p.id, step: k, steps: n, pc: p.pcs[k] });
        expect(b.state).toEqual(a.state);
        expect(b.prev).toEqual(a.prev);
        expect(b.diff).toEqual(a.diff);
        // at a branched path's first step: how the branch refined the state, from the parent's
        // state at the jump however far back in the walk
        expect(b.entry).toEqual(a.entry);
        if (k === 0 && p.parent !== null) expect(b.entry).not.toBeNull();
        const w = small.recordedSteps()!;
        expect(w.to - w.from).toBeLessThanOrEqual(WINDOW);
        expect(w.states).toBeLessThanOrEqual(WINDOW);
        if (w.from > 0) late++;
      }
    }
    expect(late).toBeGreaterThan(0);
    expect(small.reverifications).toBeGreaterThan(0);
    expect(full.reverifications).toBe(0);
  });

  it('answers every visit of an instruction, however late in the walk, like a full recording', () => {
    const full = new CoreHost({ window: 1e9 });
    const small = new CoreHost({ window: WINDOW });
    const v = full.verify(src, 1)!;
    small.verify(src, 1);
    const pc = 11; // r3 = 1, inside the loop
    const visits = v.visits[pc]!;
    expect(visits).toBeGreaterThan(4);
    for (const visit of [0, Math.floor(visits / 2), visits - 1]) {
      const a = full.verifierState(pc, visit)!;
      const b = small.verifierState(pc, visit)!;
      expect(b).toEqual(a);
      expect(b.visits).toBe(visits);
      // the store then asks for that step of that path: no second re-verification
      const n = small.reverifications;
      expect(small.verifierStep(b.path!.id, b.path!.step)!.state.frames).toEqual(a.frames);
      expect(small.reverifications).toBe(n);
    }
  });

  it('explains an error beyond the window with the register state and branches of a full recording', () => {
    const failing = branchyLoop(40, ['r0 = *(u32 *)(r6 + 0)', 'exit']);
    const full = new CoreHost({ window: 1e9 });
    const small = new CoreHost({ window: WINDOW });
    const v = full.verify(failing, 1)!;
    expect(v.error?.message).toBe("R6 invalid mem access 'scalar'");
    expect(small.verify(failing, 1)!.error).toEqual(v.error);
    const a = full.explainError(v.error!)!;
    const b = small.explainError(v.error!)!;
    expect(b.register?.state).toMatch(/^scalar\(/);
    expect(b).toEqual(a);
    expect(small.recordedSteps()!.from).toBeGreaterThan(0);
  });

  it('explains an error beyond the window with one re-verification, keeping one window, and none when asked again', () => {
    const failing = branchyLoop(40, ['r0 = *(u32 *)(r6 + 0)', 'exit']);
    const small = new CoreHost({ window: WINDOW });
    const v = small.verify(failing, 1)!;
    expect(small.recordedSteps()!.from).toBe(0);
    const first = small.explainError(v.error!)!;
    expect(small.reverifications).toBe(1);
    expect(small.recordedSteps()!.states).toBeLessThanOrEqual(WINDOW);
    expect(small.explainError(v.error!)).toEqual(first);
    expect(small.reverifications).toBe(1);
  });

  it('answers an installed (imported) result from the states it has, without verifying again', () => {
    const h = new CoreHost({ window: 2 });
    const r = h.importKernelLog(readFixture('map-value-oob-const.s', 2));
    if (!r.ok) throw new Error(r.error.message);
    const p = r.view.paths[0]!;
    expect(h.verifierStep(0, p.pcs.length - 1)?.pc).toBe(p.pcs[p.pcs.length - 1]);
    expect(h.reverifications).toBe(0);
  });
});

describe('pointer names', () => {
  const frames = [{ depth: 0, fp: 0x1000_0000n, callPc: null, returnPc: null, callback: false }];
  const regions = [{ name: 'packet', kind: 'packet' as const, address: 0x2000_0000n, size: 60, writable: true }];
  const live = { program: { insns: [], maps: [], progType: 'xdp' as const, sourceMap: [], labels: {} } };
  it('names stack, packet and one-past-the-end addresses', () => {
    expect(pointerName(0x1000_0000n - 8n, { frames, regions }, live)).toBe('fp-8');
    expect(pointerName(0x2000_0000n + 14n, { frames, regions }, live)).toBe('pkt+14');
    expect(pointerName(0x2000_0000n + 60n, { frames, regions }, live)).toBe('pkt+60');
    expect(pointerName(42n, { frames, regions }, live)).toBeNull();
  });
});
