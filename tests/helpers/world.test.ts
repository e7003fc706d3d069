// createWorld and the helper host without a kernel: map creation and initial contents as user
// errors, map values as real VM memory, the simulated environment, step-back over helper effects,
// program-type checks, tail calls, and helper callbacks under stepping in every engine.

import { describe, expect, it } from 'vitest';
import { createWorld, DEFAULT_ENV, makeEnv, type World, type WorldInput } from '../../src/core/helpers/index.js';
import type { MapEntry } from '../../src/core/maps/index.js';
import { makeRunInput } from '../../src/core/progtypes/index.js';
import type { RunOptions } from '../../src/core/vm/index.js';
import { asm, outSlots, save, stackString, udpFrame, withOut } from './harness.js';

const u32 = (v: number): Uint8Array => { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, v, true); return b; };
const u64 = (v: bigint): Uint8Array => { const b = new Uint8Array(8); new DataView(b.buffer).setBigUint64(0, v, true); return b; };
const ENGINES = ['interp', 'switch', 'jit'] as const;

function world(src: string, input: WorldInput = {}): World {
  const program = asm(src);
  let run = input.run;
  if (!run && (program.progType === 'xdp' || program.progType === 'sched_cls' || program.progType === 'socket_filter')) {
    const p = makeRunInput(program.progType, { dataIn: udpFrame() });
    if (!p.ok) throw new Error(p.error.message);
    run = p.run.input;
  }
  const w = createWorld(program, { ...input, run });
  if (!w.ok) throw new Error(w.errors.map((e) => e.message).join('\n'));
  return w.world;
}

/** The `out` slots after a run, as the harness reads them. */
function slots(w: World, opts: Parameters<World['run']>[0] = {}): bigint[] {
  const r = w.run(opts);
  if (r.exit !== 'exit') throw new Error(`run ended with ${r.exit}: ${r.fault?.message}`);
  const out = r.maps.find((m) => m.name === 'out')!.entries[0]!.value as Uint8Array;
  return outSlots({ r0: 0n, dataOut: new Uint8Array(0), maps: { out: [['', Buffer.from(out).toString('hex')]] } });
}

describe('createWorld', () => {
  it('reports a map the kernel would refuse at its declaration', () => {
    const program = asm('.prog xdp\n.map ok array key=4 value=8 max_entries=1\n.map bad array key=8 value=8 max_entries=1\n  r0 = 0\n  exit\n');
    const w = createWorld(program);
    expect(w.ok).toBe(false);
    if (w.ok) return;
    expect(w.errors).toEqual([{ message: 'map bad: EINVAL: array maps need key_size 4 (got 8)', map: 'bad', span: program.maps[1]!.span }]);
  });

  it('reports initial contents for an undeclared map, and contents the map refuses', () => {
    const program = asm('.prog xdp\n.map h hash key=4 value=8 max_entries=1\n  r0 = 0\n  exit\n');
    const bad = createWorld(program, { maps: { nope: [], h: [{ key: u32(1), value: u64(1n) }, { key: u32(2), value: u64(2n) }] } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => e.message)).toEqual([
      'initial contents for nope, but the program declares no map of that name',
      'map h: entry 1: E2BIG: the hash map refused the update',
    ]);
  });

  it('checks the environment', () => {
    expect(makeEnv({ cpu: 2, nCpus: 2 })).toEqual({ ok: false, errors: [{ field: 'cpu', message: 'cpu must be one of the 2 CPUs 0..1 (got 2)' }] });
    expect(makeEnv({ comm: 'a-very-long-task-name' }).ok).toBe(false);
    const w = createWorld(asm('.prog xdp\n  r0 = 0\n  exit\n'), { env: { pid: -1 } });
    expect(w.ok ? [] : w.errors.map((e) => e.message)).toEqual(['env: pid must be an integer in 0..4294967295 (got -1)']);
  });

  it('hands out map values as VM memory: stores through the pointer change the map', () => {
    const w = world(withOut('xdp', 1, [
      '  *(u32 *)(r10 - 8) = 3', '  r2 = r10', '  r2 += -8', '  r1 = arr ll', '  call bpf_map_lookup_elem', '  if r0 == 0 goto nomap',
      '  r1 = 0x1122334455667788 ll', '  *(u64 *)(r0 + 0) = r1', '  r1 = *(u32 *)(r0 + 4)', '  *(u64 *)(r9 + 0) = r1',
    ].join('\n'), '.map arr array key=4 value=8 max_entries=4'));
    for (const engine of ENGINES) expect(slots(w, { engine })).toEqual([0x11223344n]);
    expect(w.outputs().maps.find((m) => m.name === 'arr')!.entries[3]!.value).toEqual(u64(0x1122334455667788n));
    const s = w.session();
    s.continue();
    expect(s.snapshot().regions.map((r) => r.name)).toEqual(expect.arrayContaining(['out[0]', 'arr[3]']));
  });

  it('faults on a store into a BPF_F_RDONLY_PROG map value and on updating such a map', () => {
    const store = world('.prog xdp\n.map ro array key=4 value=8 max_entries=1 flags=0x80\n  *(u32 *)(r10 - 4) = 0\n  r2 = r10\n  r2 += -4\n  r1 = ro ll\n  call bpf_map_lookup_elem\n  if r0 == 0 goto out\n  *(u64 *)(r0 + 0) = 1\nout:\n  r0 = 0\n  exit\n');
    expect(store.run().fault?.kind).toBe('read_only');
    const upd = world('.prog xdp\n.map ro array key=4 value=8 max_entries=1 flags=0x80\n  *(u32 *)(r10 - 4) = 0\n  *(u64 *)(r10 - 16) = 0\n  r2 = r10\n  r2 += -4\n  r3 = r10\n  r3 += -16\n  r4 = 0\n  r1 = ro ll\n  call bpf_map_update_elem\n  exit\n');
    expect(upd.run().fault?.message).toBe('bpf_map_update_elem: ro is read-only for programs (BPF_F_RDONLY_PROG)');
  });

  it('keeps map contents across runs, as kernel maps do across test runs', () => {
    const w = world('.prog xdp\n.map c array key=4 value=8 max_entries=1\n  *(u32 *)(r10 - 4) = 0\n  r2 = r10\n  r2 += -4\n  r1 = c ll\n  call bpf_map_lookup_elem\n  if r0 == 0 goto out\n  r1 = 1\n  lock *(u64 *)(r0 + 0) += r1\n  r0 = *(u64 *)(r0 + 0)\nout:\n  exit\n');
    expect([w.run().r0, w.run().r0, w.run({ engine: 'jit' }).r0]).toEqual([1n, 2n, 3n]);
  });
});

describe('helper calls', () => {
  it('refuse helpers the program type does not offer, as the kernel does at load time', () => {
    const w = world('.prog xdp\n  r1 = r1\n  r2 = 0\n  r3 = r10\n  r3 += -8\n  r4 = 8\n  call bpf_skb_load_bytes\n  exit\n');
    expect(w.run().fault).toMatchObject({ kind: 'helper', message: 'bpf_skb_load_bytes is not available to xdp programs (the kernel refuses them: program of this type cannot use helper bpf_skb_load_bytes#26)' });
  });

  it('say which helpers bpfiddle cannot run yet', () => {
    const w = world('.prog sched_cls\n  r1 = r1\n  r2 = 0\n  r3 = 0\n  call bpf_skb_change_proto\n  exit\n');
    expect(w.run().fault?.message).toBe('bpfiddle does not implement bpf_skb_change_proto yet');
  });

  it('fault on arguments no verifier would pass: a bad map pointer, unreadable memory', () => {
    expect(world('.prog xdp\n  r1 = 0x1234\n  r2 = r10\n  r2 += -8\n  call bpf_map_lookup_elem\n  exit\n').run().fault?.message)
      .toBe('bpf_map_lookup_elem: R1 is not a map pointer');
    expect(world('.prog xdp\n.map h hash key=4 value=8 max_entries=1\n  r1 = h ll\n  r2 = 16\n  call bpf_map_lookup_elem\n  exit\n').run().fault?.message)
      .toBe('bpf_map_lookup_elem: read of 4 bytes at 0x10: null pointer dereference');
  });

  it('bpf_trace_printk prints lines (one trailing newline dropped) and stepping back takes them back', () => {
    const w = world(`.prog xdp\n${stackString(-16, 'n=%d\n')}\n  r1 = r10\n  r1 += -16\n  r2 = 6\n  r3 = 7\n  call bpf_trace_printk\n  r1 = r10\n  r1 += -16\n  r2 = 6\n  r3 = 8\n  call bpf_trace_printk\n  exit\n`);
    expect(w.run().output).toEqual(['n=7', 'n=8']);
    const s = w.session();
    s.continue();
    expect(s.snapshot().output).toEqual(['n=7', 'n=8']);
    s.stepBack();
    s.stepBack();
    expect(s.snapshot().output).toEqual(['n=7']);
  });

  it('bpf_trace_printk keeps at most 1023 characters of a line but returns the full length', () => {
    const w = world(`.prog xdp\n${stackString(-16, '%1200d')}\n  r1 = r10\n  r1 += -16\n  r2 = 7\n  r3 = 5\n  call bpf_trace_printk\n  exit\n`);
    const r = w.run();
    expect(r.r0).toBe(1200n);
    expect(r.output[0]).toHaveLength(1023);
  });

  it('bpf_get_prandom_u32 is reproducible for a seed and differs between seeds', () => {
    const src = withOut('xdp', 3, ['  call bpf_get_prandom_u32', save(0), '  call bpf_get_prandom_u32', save(1), '  call bpf_get_prandom_u32', save(2)].join('\n'));
    const a = slots(world(src, { env: { seed: 7 } }));
    expect(slots(world(src, { env: { seed: 7 } }), { engine: 'interp' })).toEqual(a);
    expect(slots(world(src, { env: { seed: 8 } }))).not.toEqual(a);
    expect(new Set(a).size).toBe(3);
  });

  it('clocks follow the environment: monotonic start plus nsPerInsn per instruction', () => {
    const src = withOut('xdp', 3, ['  call bpf_ktime_get_ns', save(0), '  call bpf_ktime_get_boot_ns', save(1), '  call bpf_jiffies64', save(2)].join('\n'));
    const s = slots(world(src, { env: { monotonicNs: 5_000_000_000n, nsPerInsn: 10n, suspendNs: 1000n, hz: 100 } }));
    // bpf_ktime_get_ns runs after the 8 instructions of the prologue, the next clock 2 later.
    expect(s[0]).toBe(5_000_000_080n);
    expect(s[1]).toBe(5_000_000_100n + 1000n);
    expect(s[2]).toBe(BigInt.asUintN(32, BigInt(-300 * 100)) + 500n);
  });

  it('task helpers answer from the environment', () => {
    const src = withOut('xdp', 4, ['  call bpf_get_current_pid_tgid', save(0), '  call bpf_get_current_uid_gid', save(1), '  call bpf_get_smp_processor_id', save(2), '  call bpf_get_current_task', save(3)].join('\n'));
    expect(slots(world(src, { env: { pid: 10, tgid: 20, uid: 1000, gid: 100, cpu: 1, taskAddress: 0xffff888000001000n } })))
      .toEqual([(20n << 32n) | 10n, (100n << 32n) | 1000n, 1n, 0xffff888000001000n]);
    expect(DEFAULT_ENV.pid).toBe(DEFAULT_ENV.tgid);
  });

  it('bpf_probe_read_kernel of an unmapped kernel address is -EFAULT with the buffer zeroed', () => {
    const src = withOut('xdp', 2, ['  *(u64 *)(r10 - 16) = -1', '  r1 = r10', '  r1 += -16', '  r2 = 8', '  r3 = 0xffffc90000001000 ll', '  call bpf_probe_read_kernel', save(0), '  r1 = *(u64 *)(r10 - 16)', '  *(u64 *)(r9 + 8) = r1'].join('\n'));
    expect(slots(world(src))).toEqual([BigInt.asUintN(64, -14n), 0n]);
  });

  it('bpf_perf_event_output records the data (plus packet bytes) for a slot that has an event', () => {
    const src = '.prog xdp\n.map pe perf_event_array key=4 value=4 max_entries=2\n  *(u64 *)(r10 - 8) = 0x2a\n  r2 = pe ll\n  r3 = 0x4ffffffff ll\n  r4 = r10\n  r4 += -8\n  r5 = 8\n  call bpf_perf_event_output\n  exit\n';
    const w = world(src, { maps: { pe: [{ key: u32(0), value: u32(1) }] }, env: { cpu: 0 } });
    const r = w.run();
    expect(r.r0).toBe(0n);
    expect(r.perfEvents).toEqual([{ map: 'pe', cpu: 0, data: Uint8Array.from([0x2a, 0, 0, 0, 0, 0, 0, 0, ...udpFrame().subarray(0, 4)]) }]);
  });

  it('bpf_redirect_map: XDP_REDIRECT to an existing element, the flags action otherwise, and the target is reported', () => {
    const src = (key: number, flags: number): string => `.prog xdp\n.map tx array key=4 value=4 max_entries=2\n  r1 = tx ll\n  r2 = ${key}\n  r3 = ${flags}\n  call bpf_redirect_map\n  exit\n`;
    const hit = world(src(1, 0)).run();
    expect([hit.r0, hit.redirect]).toEqual([4n, { ifindex: 1, flags: 0n, map: 'tx' }]);
    expect(world(src(5, 2)).run().r0).toBe(2n);
    expect(world(src(5, 8)).run().r0).toBe(0n);
  });

  it('bpf_get_stackid: one stack (the traced function) wherever the call is; the user stack is empty', () => {
    const src = withOut('kprobe', 4, [
      '  r1 = r6', '  r2 = st ll', '  r3 = 0', '  call bpf_get_stackid', save(0),
      '  r1 = r6', '  r2 = st ll', '  r3 = 0', '  call bpf_get_stackid', save(1),
      '  call sub', save(2),
      '  r1 = r6', '  r2 = st ll', '  r3 = 0x100', '  call bpf_get_stackid', save(3),
    ].join('\n'), '.map st stack_trace key=4 value=64 max_entries=16').replace(/\n$/, '') + '\nsub:\n  r1 = 0\n  r2 = st ll\n  r3 = 0\n  call bpf_get_stackid\n  exit\n';
    const s = slots(world(src));
    expect(s[0]).toBe(s[1]);
    expect(s[2]).toBe(s[0]);
    expect(s[0]! < 16n).toBe(true);
    expect(s[3]).toBe(BigInt.asUintN(64, -14n));
  });
});

describe('step-back over helper effects', () => {
  it('undoes map updates, deletions, queue pops and ring buffer records exactly', () => {
    const src = withOut('xdp', 1, [
      '  *(u32 *)(r10 - 8) = 1', '  *(u64 *)(r10 - 16) = 11', '  r1 = h ll', '  r2 = r10', '  r2 += -8', '  r3 = r10', '  r3 += -16', '  r4 = 0', '  call bpf_map_update_elem',
      '  *(u32 *)(r10 - 8) = 2', '  r1 = h ll', '  r2 = r10', '  r2 += -8', '  call bpf_map_delete_elem',
      '  r1 = q ll', '  r2 = r10', '  r2 += -16', '  call bpf_map_pop_elem',
      '  r1 = rb ll', '  r2 = r10', '  r2 += -16', '  r3 = 8', '  r4 = 0', '  call bpf_ringbuf_output',
      '  r1 = rb ll', '  r2 = 8', '  r3 = 0', '  call bpf_ringbuf_reserve', '  if r0 == 0 goto nomap', '  r1 = r0', '  r2 = 0', '  call bpf_ringbuf_submit',
    ].join('\n'), '.map h hash key=4 value=8 max_entries=4\n.map q queue key=0 value=8 max_entries=4\n.map rb ringbuf key=0 value=0 max_entries=4096');
    const initial: Record<string, MapEntry[]> = { h: [{ key: u32(2), value: u64(22n) }], q: [{ key: new Uint8Array(0), value: u64(5n) }] };
    const w = world(src, { maps: initial });
    const before = JSON.stringify(w.outputs(), (_, v) => (typeof v === 'bigint' ? v.toString() : v));
    const s = w.session();
    s.continue();
    expect(s.status).toBe('exited');
    expect(w.outputs().ringbuf[0]!.records).toHaveLength(2);
    expect(w.outputs().maps.find((m) => m.name === 'h')!.entries.map((e) => e.key)).toEqual([u32(1)]);
    s.reset();
    expect(JSON.stringify(w.outputs(), (_, v) => (typeof v === 'bigint' ? v.toString() : v))).toBe(before);
    s.continue();
    expect(w.outputs().ringbuf[0]!.records).toHaveLength(2);
  });

  it('a submitted ring buffer record is gone: writing through the old pointer faults', () => {
    const w = world('.prog xdp\n.map rb ringbuf key=0 value=0 max_entries=4096\n  r1 = rb ll\n  r2 = 8\n  r3 = 0\n  call bpf_ringbuf_reserve\n  if r0 == 0 goto out\n  r6 = r0\n  r1 = r0\n  r2 = 0\n  call bpf_ringbuf_submit\n  *(u64 *)(r6 + 0) = 1\nout:\n  r0 = 0\n  exit\n');
    expect(w.run().fault?.message).toMatch(/rb record is gone \(the record was submitted or discarded\)/);
  });
});

describe('tail calls', () => {
  it('run the program a prog_array slot names, at most 33 times in a row', () => {
    const self = '.prog xdp\n.map progs prog_array key=4 value=4 max_entries=1\n.map n array key=4 value=8 max_entries=1\n  r6 = r1\n  *(u32 *)(r10 - 4) = 0\n  r2 = r10\n  r2 += -4\n  r1 = n ll\n  call bpf_map_lookup_elem\n  if r0 == 0 goto out\n  r1 = 1\n  lock *(u64 *)(r0 + 0) += r1\n  r1 = r6\n  r2 = progs ll\n  r3 = 0\n  call bpf_tail_call\nout:\n  r0 = 2\n  exit\n';
    const program = asm(self);
    const p = makeRunInput('xdp', { dataIn: udpFrame() });
    if (!p.ok) throw new Error('input');
    const w = createWorld(program, { run: p.run.input, maps: { progs: [{ key: u32(0), value: u32(0) }] }, programs: [program.insns] });
    if (!w.ok) throw new Error('world');
    for (const engine of ENGINES) {
      const r = w.world.run({ engine });
      expect(r.r0).toBe(2n);
    }
    const counts = w.world.outputs().maps.find((m) => m.name === 'n')!.entries[0]!.value as Uint8Array;
    expect(new DataView(counts.buffer, counts.byteOffset).getBigUint64(0, true)).toBe(3n * 34n);
  });
});

describe('helper callbacks in the VM', () => {
  const LOOP = `.prog xdp
  *(u64 *)(r10 - 8) = 0
  r1 = 4
  r2 = cb ll
  r3 = r10
  r3 += -8
  r4 = 0
  call bpf_loop
  r0 = *(u64 *)(r10 - 8)
  exit
cb:
  r3 = *(u64 *)(r2 + 0)
  r3 += r1
  *(u64 *)(r2 + 0) = r3
  r0 = 0
  exit
`;

  it('step into the callback, show its frame, and step back out of it exactly', () => {
    const w = world(LOOP);
    const s = w.session();
    while (s.snapshot().frames.length === 1) s.step();
    const snap = s.snapshot();
    expect(snap.frames[1]).toMatchObject({ depth: 1, callPc: 7, returnPc: 8, callback: true });
    expect(snap.regs.slice(1, 3)).toEqual([0n, snap.frames[0]!.fp - 8n]);
    const steps: number[] = [];
    while (s.status === 'running') { steps.push(s.pc); s.step(); }
    expect(s.result().r0).toBe(6n);
    // 7 instructions before and after, 4 iterations of 5 instructions.
    expect(s.steps).toBe(7 + 4 * 5 + 2);
    while (s.steps > 0) s.stepBack();
    expect(s.snapshot().frames).toHaveLength(1);
    s.continue();
    expect(s.result().r0).toBe(6n);
  });

  it('step over bpf_loop runs all the callbacks; breakpoints inside a callback stop there', () => {
    const w = world(LOOP);
    const s = w.session();
    s.runTo(7);
    expect(s.stepOver()).toBe('return');
    expect(s.pc).toBe(8);
    expect(s.snapshot().regs[0]).toBe(4n);
    const b = w.session();
    expect(b.continue({ breakpoints: [11] })).toBe('break');
    expect(b.snapshot().frames).toHaveLength(2);
  });

  it('give the same result, steps and memory in every engine', () => {
    const w = world(LOOP);
    const results = ENGINES.map((engine) => { const r = w.run({ engine }); return [r.r0, r.steps, r.exit]; });
    expect(results).toEqual([[6n, 29, 'exit'], [6n, 29, 'exit'], [6n, 29, 'exit']]);
  });

  it('count against the call depth: a callback at the eighth frame faults', () => {
    const deep = '.prog xdp\n  call f1\n  exit\nf1:\n  call f2\n  exit\nf2:\n  call f3\n  exit\nf3:\n  call f4\n  exit\nf4:\n  call f5\n  exit\nf5:\n  call f6\n  exit\nf6:\n  call f7\n  exit\nf7:\n  r1 = 1\n  r2 = cb ll\n  r3 = 0\n  r4 = 0\n  call bpf_loop\n  exit\ncb:\n  r0 = 0\n  exit\n';
    expect(world(deep).run().fault?.kind).toBe('call_depth');
  });

  it('for_each_map_elem callbacks see read-only keys and writable values', () => {
    const src = '.prog xdp\n.map a array key=4 value=8 max_entries=2\n  r1 = a ll\n  r2 = cb ll\n  r3 = 0\n  r4 = 0\n  call bpf_for_each_map_elem\n  exit\ncb:\n  *(u32 *)(r2 + 0) = 1\n  r0 = 0\n  exit\n';
    const f = world(src).run().fault;
    expect(f?.kind).toBe('read_only');
    expect(f?.region).toBe('a key');
  });

  it('with a run cut short by the step limit in the middle of a callback, a session can finish it', () => {
    const w = world(LOOP);
    const opts: Omit<RunOptions, 'helpers' | 'maps' | 'tailCalls'> = { maxSteps: 12 };
    expect(w.run(opts).exit).toBe('limit');
    const s = w.session();
    s.seek(12);
    expect(s.snapshot().frames).toHaveLength(2);
    s.continue();
    expect(s.result().r0).toBe(6n);
  });
});
