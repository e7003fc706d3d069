import { describe, expect, it } from 'vitest';
import { DirectCore } from '../worker/client.js';
import { createAppStore, selectCurrentLine, selectVerifierErrorLine, selectVerifierHints, type AppStore } from './index.js';

const SOURCE = `.prog xdp
.map counts array key=4 value=8 max_entries=4
r1 = 0
*(u32 *)(r10 - 4) = r1
r1 = counts ll
r2 = r10
r2 += -4
call bpf_map_lookup_elem
if r0 == 0 goto out
r6 = *(u64 *)(r0 + 0)
r7 = r6
r7 += 1
*(u64 *)(r0 + 0) = r7
r0 = r6
exit
out:
r0 = 0
exit
`;

async function ready(source = SOURCE): Promise<AppStore> {
  const store = createAppStore({ core: new DirectCore(), initialSource: source, debounceMs: 1 });
  await until(() => store.getState().verdict !== null);
  return store;
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('store with the real core', () => {
  it('assembles and verifies the initial source by itself', async () => {
    const store = await ready();
    const s = store.getState();
    expect(s.result.ok).toBe(true);
    expect(s.verdict?.accepted).toBe(true);
    expect(selectVerifierHints(s)?.get(8)).toContain('R0=map_value');
  });

  it('steps, steps back and maps the current pc to its source line', async () => {
    const store = await ready();
    await store.getState().debug('step');
    expect(store.getState().run?.step).toBe(1);
    expect(selectCurrentLine(store.getState())).toBe(4);
    for (let i = 0; i < 10; i++) await store.getState().debug('step');
    expect(store.getState().run?.step).toBe(11);
    expect(store.getState().liveMaps?.[0]?.entries[0]?.value).toBe('0100000000000000');
    expect([...store.getState().changedEntries]).toEqual(['counts/00000000']);
    await store.getState().debug('stepBack');
    expect(store.getState().liveMaps?.[0]?.entries[0]?.value).toBe('0000000000000000');
    await store.getState().debug('reset');
    expect(store.getState().run?.step).toBe(0);
  });

  it('stops at a breakpoint line and runs to a line', async () => {
    const store = await ready();
    store.getState().toggleBreakpoint(12);
    await store.getState().runToEnd();
    expect(store.getState().run?.stop).toBe('break');
    expect(selectCurrentLine(store.getState())).toBe(12);
    store.getState().toggleBreakpoint(12);
    await store.getState().debug('continue');
    expect(store.getState().run?.status).toBe('exited');
    await store.getState().runToLine(10);
    expect(selectCurrentLine(store.getState())).toBe(10);
  });

  it('runs with the edited initial contents of a map', async () => {
    const store = await ready();
    store.getState().addMapEntry('counts', { key: '00000000', value: '2900000000000000' });
    await store.getState().runToEnd();
    expect(store.getState().run?.r0).toBe('41');
  });

  it('coalesces timeline seeks: only the newest position is shown', async () => {
    const store = await ready('.prog xdp\nr0 = 0\nl:\nr0 += 1\ngoto l\nexit\n');
    store.getState().setInput({ ...store.getState().input, maxSteps: 20_001 });
    await store.getState().runToEnd();
    expect(store.getState().run?.status).toBe('limit');
    const seeks = [100, 5000, 7000, 9001].map((n) => store.getState().seek(n));
    await Promise.all(seeks);
    expect(store.getState().run?.step).toBe(9001);
    expect(store.getState().run?.regs[0]?.unsigned).toBe('4500');
  });

  it('marks the session stale when the source changes and restarts on the next command', async () => {
    const store = await ready();
    await store.getState().debug('step');
    store.getState().setSource(SOURCE.replace('r0 = 0\nexit', 'r0 = 1\nexit'));
    store.getState().assembleNow();
    await until(() => store.getState().runStale);
    expect(selectCurrentLine(store.getState())).toBeNull();
    await store.getState().debug('step');
    expect(store.getState().runStale).toBe(false);
    expect(store.getState().run?.step).toBe(1);
  });

  it('reports a bad input where it belongs instead of running', async () => {
    const store = await ready();
    store.getState().setPacketText('eth/ipv4/nonsense');
    await store.getState().runToEnd();
    expect(store.getState().run).toBeNull();
    expect(store.getState().runError?.field).toBe('packet');
  });

  it('locates the verifier error on its source line and selects instructions', async () => {
    const store = await ready('.prog xdp\n\nr0 = r5\nexit\n');
    expect(selectVerifierErrorLine(store.getState())).toBe(3);
    await store.getState().selectInstruction(0);
    expect(store.getState().mode).toBe('verify');
    await store.getState().selectInstruction(null);
    expect(store.getState().mode).toBe('run');
  });

  it('round-trips the session through snapshot and load, replaying the run to its step', async () => {
    const a = await ready();
    a.getState().toggleBreakpoint(9);
    a.getState().addMapEntry('counts', { key: '01000000', value: '0700000000000000' });
    a.getState().setCtxFields(['ingress_ifindex=3']);
    for (let i = 0; i < 4; i++) await a.getState().debug('step');
    const snap = a.getState().sessionSnapshot();
    expect(snap).toMatchObject({ step: 4, breakpoints: [9], maps: [{ name: 'counts', entries: [{ key: '01000000', value: '0700000000000000' }] }] });
    const b = await ready('.prog xdp\nr0 = 0\nexit\n');
    await b.getState().loadSession(snap);
    const s = b.getState();
    expect(s.source).toBe(SOURCE);
    expect(s.sourceRequest?.text).toBe(SOURCE);
    expect(s.run?.step).toBe(4);
    expect(s.run?.regs).toEqual(a.getState().run?.regs);
    expect([...s.breakpoints]).toEqual([9]);
    expect(s.input.ctx).toEqual(['ingress_ifindex=3']);
    expect(b.getState().sessionSnapshot()).toEqual(snap);
  });

  it('switches the program type by rewriting the .prog line', async () => {
    const store = await ready();
    store.getState().setProgType('sched_cls');
    expect(store.getState().source.split('\n')[0]).toBe('.prog sched_cls');
    await until(() => store.getState().result.ok && store.getState().result.ok && (store.getState().result as { program: { progType: string } }).program.progType === 'sched_cls');
  });
});
