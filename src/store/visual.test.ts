// The verifier slice's visual-verifier selection with the real core: picking a path and a step
// fetches that one state (and its diff) from the core, the Registers pane's state follows, the
// editor's path lines come from the path's metadata, and a new verification clears the selection.
import { describe, expect, it } from 'vitest';
import { DirectCore } from '../worker/client.js';
import { createAppStore, pathLines, selectSelectedPath, selectSelectedLine, type AppStore } from './index.js';

// The NULL branch does not meet the other path again, so it cannot be pruned.
const SOURCE = `.prog xdp
.map counts hash key=4 value=8 max_entries=4
r1 = 0
*(u32 *)(r10 - 4) = r1
r2 = r10
r2 += -4
r1 = counts ll
call bpf_map_lookup_elem
if r0 == 0 goto out
r1 = *(u64 *)(r0 + 0)
r0 = 2
exit
out:
r0 = 1
exit
`;

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function ready(): Promise<AppStore> {
  const store = createAppStore({ core: new DirectCore(), initialSource: SOURCE, debounceMs: 1 });
  await until(() => store.getState().verdict !== null);
  return store;
}

describe('visual verifier selection', () => {
  it('picks a path and steps along it, one state at a time', async () => {
    const store = await ready();
    const s = store.getState();
    expect(s.verdict!.paths.map((p) => [p.id, p.fromPc, p.end.kind])).toEqual([[0, null, 'exit'], [1, 7, 'exit']]);
    await s.selectPath(0, 2);
    let st = store.getState();
    expect(st.mode).toBe('verify');
    expect(st.stepView?.pc).toBe(2);
    expect(st.selectedPc).toBe(2);
    expect(st.abstractState?.frames[0]!.regs[2]!.kernel).toBe('fp0');
    expect(selectSelectedLine(st)).toBe(5);
    // Lines 3-12: every line of path 0 (the ld_imm64 takes one line and two slots).
    expect([...pathLines(st.result.ok ? st.result.program : null, selectSelectedPath(st))!].sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    await st.setPathStep(99);
    st = store.getState();
    expect(st.pathStep).toBe(st.verdict!.paths[0]!.pcs.length - 1);
    expect(st.stepView?.diff.insn).toBe('exit');
  });

  it('shows the branch into a path at its first step', async () => {
    const store = await ready();
    await store.getState().selectPath(1);
    const v = store.getState().stepView!;
    expect(v.pc).toBe(11);
    expect(v.entry?.summary).toBe('after `if r0 == 0`, on the taken path: r0 = 0');
  });

  it('an instruction picked in the log brings its diff and the path it was on', async () => {
    const store = await ready();
    await store.getState().selectInstruction(8);
    const st = store.getState();
    expect(st.selectedPath).toBeNull();
    expect(st.stepView).toMatchObject({ pathId: 0, pc: 8 });
    expect(st.stepView!.diff.regs[0]!.why).toMatch(/^r1 = \*\(u64 \*\)\(r0 \+0\): loaded /);
  });

  it('a new verification clears the path selection', async () => {
    const store = await ready();
    await store.getState().selectPath(1);
    store.getState().setSource(SOURCE.replace('r0 = 2', 'r0 = 3'));
    store.getState().assembleNow();
    await until(() => store.getState().verifiedSource.includes('r0 = 3'));
    const st = store.getState();
    expect(st.selectedPath).toBeNull();
    expect(st.stepView).toBeNull();
    expect(selectSelectedPath(st)).toBeNull();
  });
});
