// The worker's importKernelLog: the imported verification becomes the current one, so the panes'
// queries (states at an instruction, steps along a path) answer from the kernel's log.
import { describe, expect, it } from 'vitest';
import { CoreHost } from '../../src/worker/host.js';
import { readFixture } from './capture.js';

describe('worker: importKernelLog', () => {
  it('installs the log as the current verification and answers state queries from it', () => {
    const h = new CoreHost();
    const r = h.importKernelLog(readFixture('map-value-oob-const.s', 2));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.view.accepted).toBe(false);
    expect(r.view.error).toEqual({ pc: 7, message: 'invalid access to map value, value_size=8 off=4 size=8' });
    expect(r.view.imported.stoppedAt).toBeNull();
    expect(r.view.logLevel).toBe(2);
    // The rebuilt source is a program the editor can show and bpfiddle can assemble.
    expect(h.assemble(r.source).ok).toBe(true);
    const at7 = h.verifierState(7, 0);
    expect(at7?.frames[0]!.regs[0]!.kernel).toBe('map_value(ks=4,vs=8)');
    expect(h.verifierStep(0, 0)?.pc).toBe(0);
  });

  it('reports where a truncated log stopped and still installs what it read', () => {
    const h = new CoreHost();
    const log = readFixture('map-value-oob-const.s', 2);
    const r = h.importKernelLog(log.slice(0, log.indexOf('7: (79)')));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.view.imported.stoppedAt?.reason).toMatch(/cut off/);
    expect(r.view.accepted).toBe(false);
    expect(h.verifierState(6, 0)).not.toBeNull();
  });

  it('answers a paste with no instructions with an error, and keeps the previous verification', () => {
    const h = new CoreHost();
    const v = h.verify('r0 = 0\nexit\n', 1);
    const r = h.importKernelLog('hello\n');
    expect(r.ok).toBe(false);
    expect(v?.accepted).toBe(true);
    expect(h.verifierState(0, 0)).not.toBeNull();
  });
});
