// The store's importKernelLog: the editor shows the rebuilt program, the verifier slice the kernel's
// verdict for it (kept through the automatic re-verification), and editing returns to bpfiddle's own.
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../src/store/index.js';
import { DirectCore } from '../../src/worker/client.js';
import { readFixture } from './capture.js';

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('store: importKernelLog', () => {
  it('shows the rebuilt program with the imported verdict until the source is edited', async () => {
    const store = createAppStore({ core: new DirectCore(), initialSource: 'r0 = 0\nexit\n', debounceMs: 1 });
    await until(() => store.getState().verdict !== null);
    const r = await store.getState().importKernelLog(readFixture('map-null-check-inverted.s', 1));
    if (!r.ok) throw new Error(r.error.message);
    await until(() => store.getState().assembledSource === r.source && !store.getState().verifying);
    await new Promise((res) => setTimeout(res, 20));
    const s = store.getState();
    expect(s.source).toBe(r.source);
    expect(s.result.ok).toBe(true);
    expect(s.verdict?.imported).toBeDefined();
    expect(s.verdict?.error?.message).toBe(r.view.error?.message);
    await s.selectInstruction(r.view.error!.pc);
    // The fall-through of `if r0 != 0x0`: R0 is the known zero the kernel complains about.
    expect(store.getState().abstractState?.frames[0]!.regs[0]!.kernel).toBe('0');

    store.getState().setSource(`${r.source}\n`);
    await until(() => store.getState().verifiedSource === `${r.source}\n`);
    expect(store.getState().verdict?.imported).toBeUndefined();
  });
});
