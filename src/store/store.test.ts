import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AsmProgram, AsmResult } from '../core/asm/types.js';
import { createAppStore, type Assemble, type CoreApi } from './index.js';

// A stand-in assembler: "ok" sources give an empty program, anything else one error on line 1.
const program = (progType: AsmProgram['progType']): AsmProgram =>
  ({ insns: [], maps: [], progType, sourceMap: [], labels: {} });
const fakeAssemble: Assemble = (src): AsmResult =>
  src.startsWith('ok')
    ? { ok: true, program: program(src.includes('xdp') ? 'xdp' : 'socket_filter'), errors: [] }
    : { ok: false, errors: [{ line: 1, col: 1, endCol: 2, message: `bad: ${src}` }] };
// The program-slice tests need no verifier or VM.
const noCore: CoreApi = {
  assemble: async (src) => fakeAssemble(src) as AsmResult,
  verify: async () => null,
  verifierState: async () => null,
  verifierStep: async () => null,
  flowGraph: async () => null,
  explainError: async () => null,
  importKernelLog: async () => ({ ok: false, error: { line: 0, message: 'no core in this test' } }),
  createRun: async () => ({ ok: false, error: { field: 'program', message: 'no core in this test' } }),
  command: async () => null,
};

describe('program slice', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('assembles the initial source at once', () => {
    const store = createAppStore({ core: noCore, autoVerify: false, assemble: fakeAssemble, initialSource: 'ok xdp' });
    const s = store.getState();
    expect(s.result.ok).toBe(true);
    expect(s.assembledSource).toBe('ok xdp');
    expect(s.lastGood?.progType).toBe('xdp');
  });

  it('waits for a pause in typing before assembling, then assembles only the latest text', () => {
    const assemble = vi.fn(fakeAssemble);
    const store = createAppStore({ core: noCore, autoVerify: false, assemble, initialSource: 'ok', debounceMs: 100 });
    assemble.mockClear();
    store.getState().setSource('o');
    vi.advanceTimersByTime(60);
    store.getState().setSource('oops');
    vi.advanceTimersByTime(60);
    expect(assemble).not.toHaveBeenCalled();
    expect(store.getState().source).toBe('oops');
    expect(store.getState().assembledSource).toBe('ok');
    vi.advanceTimersByTime(50);
    expect(assemble).toHaveBeenCalledTimes(1);
    expect(assemble).toHaveBeenCalledWith('oops');
    const r = store.getState().result;
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual(['bad: oops']);
  });

  it('keeps the last good program while the source has errors', () => {
    const store = createAppStore({ core: noCore, autoVerify: false, assemble: fakeAssemble, initialSource: 'ok xdp', debounceMs: 10 });
    store.getState().setSource('broken');
    store.getState().assembleNow();
    expect(store.getState().result.ok).toBe(false);
    expect(store.getState().lastGood?.progType).toBe('xdp');
    store.getState().setSource('ok');
    store.getState().assembleNow();
    expect(store.getState().lastGood?.progType).toBe('socket_filter');
  });

  it('assembleNow cancels the pending timer so the text is assembled once', () => {
    const assemble = vi.fn(fakeAssemble);
    const store = createAppStore({ core: noCore, autoVerify: false, assemble, initialSource: 'ok', debounceMs: 100 });
    assemble.mockClear();
    store.getState().setSource('ok xdp');
    store.getState().assembleNow();
    vi.advanceTimersByTime(500);
    expect(assemble).toHaveBeenCalledTimes(1);
  });

  it('does not reassemble when the text did not change', () => {
    const assemble = vi.fn(fakeAssemble);
    const store = createAppStore({ core: noCore, autoVerify: false, assemble, initialSource: 'ok', debounceMs: 100 });
    assemble.mockClear();
    store.getState().setSource('ok');
    vi.advanceTimersByTime(500);
    store.getState().assembleNow();
    expect(assemble).not.toHaveBeenCalled();
  });
});

describe('ui slice', () => {
  it('is dark by default and toggles between dark and light', () => {
    const store = createAppStore({ core: noCore, autoVerify: false, assemble: fakeAssemble, initialSource: 'ok' });
    expect(store.getState().theme).toBe('dark');
    store.getState().toggleTheme();
    expect(store.getState().theme).toBe('light');
    store.getState().toggleTheme();
    expect(store.getState().theme).toBe('dark');
  });

  it('makes every reveal request distinct, even for the same position twice', () => {
    const store = createAppStore({ core: noCore, autoVerify: false, assemble: fakeAssemble, initialSource: 'ok' });
    store.getState().revealInEditor(3, 5);
    const first = store.getState().cursorRequest;
    store.getState().revealInEditor(3, 5);
    const second = store.getState().cursorRequest;
    expect(first).toMatchObject({ line: 3, col: 5 });
    expect(second).toMatchObject({ line: 3, col: 5 });
    expect(second).not.toBe(first);
    expect(second!.seq).toBeGreaterThan(first!.seq);
  });
});
