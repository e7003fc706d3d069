import { describe, expect, it } from 'vitest';
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
