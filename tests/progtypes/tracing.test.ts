// The tracing program types in the VM: kprobe (pt_regs), perf_event (bpf_perf_event_data),
// raw_tracepoint (u64 args) and tracepoint (the event record) contexts built from field values,
// read the way the kernel's rewritten loads read them; context fields by name (ctxFromFields),
// with errors that say why; and the table's facts that the kernel cannot test-run these types.

import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/core/asm/index.js';
import {
  ctxFromFields, makeRunInput, PROG_TYPES, progTypeSpec, PT_REGS_NAMES, returnCodeName, tracepointCtxFields, tracepointFormat, TRACE_RECORD,
  type CtxFieldValue,
} from '../../src/core/progtypes/index.js';
import type { ProgTypeName } from '../../src/core/asm/types.js';
import { run } from '../../src/core/vm/index.js';

function runProgram(source: string, progType: ProgTypeName, values: CtxFieldValue[], opts: Parameters<typeof ctxFromFields>[2] = {}) {
  const a = assemble(source);
  if (!a.ok) throw new Error(a.errors.map((e) => e.message).join('; '));
  const spec = progTypeSpec(progType)!;
  const c = ctxFromFields(spec, values, opts);
  if (!c.ok) throw new Error(c.error.message);
  const p = makeRunInput(progType, { ctxIn: c.ctxIn });
  if (!p.ok) throw new Error(p.error.message);
  return run(a.program.insns, p.run.input);
}

describe('kprobe programs', () => {
  it('read function arguments from pt_regs by register name, at any aligned width', () => {
    const src = 'r2 = *(u64 *)(r1 + 112)\nr3 = *(u32 *)(r1 + 108)\nr0 = *(u8 *)(r1 + 105)\nr0 += r2\nr0 += r3\nexit\n';
    // rdi (offset 112) = 0x1000, rsi (104) = 0x0000abcd00001122
    const r = runProgram(src, 'kprobe', [{ name: 'rdi', value: 0x1000n }, { name: 'rsi', value: 0xabcd00001122n }]);
    expect(r.exit).toBe('exit');
    expect(r.r0).toBe(0x1000n + 0xabcdn + 0x11n);
  });

  it('lays out pt_regs as x86-64 does: r15 first, ss last, 168 bytes', () => {
    const spec = PROG_TYPES.kprobe;
    expect(spec.ctx.size).toBe(168);
    expect(spec.ctx.fields.map((f) => `${f.name}@${f.offset}`).join(' ')).toBe(PT_REGS_NAMES.map((n, i) => `${n}@${i * 8}`).join(' '));
    expect(spec.ctx.fields.find((f) => f.name === 'rdi')!.offset).toBe(112);
    expect(spec.ctx.fields.find((f) => f.name === 'orig_rax')!.offset).toBe(120);
  });

  it('cannot write registers: the store faults with the kernel\'s words', () => {
    const r = runProgram('r2 = 1\n*(u64 *)(r1 + 112) = r2\nr0 = 0\nexit\n', 'kprobe', []);
    expect(r.exit).toBe('fault');
    expect(r.fault!.message).toBe('invalid bpf_context access off=112 size=8');
  });
});

describe('perf_event programs', () => {
  it('read registers as u64 only, and sample_period and addr narrowly', () => {
    const src = 'r2 = *(u64 *)(r1 + 128)\nr3 = *(u32 *)(r1 + 172)\nr4 = *(u16 *)(r1 + 176)\nr0 = r2\nr0 += r3\nr0 += r4\nexit\n';
    const r = runProgram(src, 'perf_event', [
      { name: 'rip', value: 0xffffffff81000000n }, { name: 'sample_period', value: 0x0000000500000001n }, { name: 'regs.rsp', value: 7n },
      { name: 'addr', value: 0x12345n },
    ]);
    expect(r.exit).toBe('exit');
    expect(r.r0).toBe(0xffffffff81000000n + 5n + 0x2345n);
    const narrow = runProgram('r0 = *(u32 *)(r1 + 128)\nexit\n', 'perf_event', []);
    expect(narrow.fault?.message).toBe('invalid bpf_context access off=128 size=4');
  });
});

describe('raw_tracepoint programs', () => {
  it('read the u64 arguments; a read past ctx_in faults as out of bounds', () => {
    const r = runProgram('r0 = *(u64 *)(r1 + 8)\nr2 = *(u32 *)(r1 + 0)\nr0 += r2\nexit\n', 'raw_tracepoint', [{ name: 'args[0]', value: 3n }, { name: 'args[1]', value: 0x100000000n }]);
    expect(r.r0).toBe(0x100000003n);
    const p = makeRunInput('raw_tracepoint', { ctxIn: new Uint8Array(8) });
    if (!p.ok) throw new Error(p.error.message);
    const a = assemble('r0 = *(u64 *)(r1 + 8)\nexit\n');
    if (!a.ok) throw new Error('asm');
    const short = run(a.program.insns, p.run.input);
    expect(short.fault?.kind).toBe('out_of_bounds');
    expect(short.fault?.message).toContain('bpf_raw_tracepoint_args (8 bytes)');
  });

  it('refuses ctx_in longer than twelve arguments with EINVAL', () => {
    const r = makeRunInput('raw_tracepoint', { ctxIn: new Uint8Array(97) });
    expect(r.ok ? 'ok' : r.error.errno).toBe('EINVAL');
  });
});

describe('tracepoint programs', () => {
  const fmt = tracepointFormat('sched/sched_switch')!;
  const fields = tracepointCtxFields(fmt, TRACE_RECORD.fields.slice(0, 4));

  it('run on a record built from a known format\'s field values', () => {
    // next_pid (offset 56) + prev_prio (28) + the first byte of prev_comm (8)
    const src = 'r0 = *(u32 *)(r1 + 56)\nr2 = *(u32 *)(r1 + 28)\nr0 += r2\nr2 = *(u8 *)(r1 + 8)\nr0 += r2\nexit\n';
    const r = runProgram(src, 'tracepoint', [{ name: 'next_pid', value: 4242n }, { name: 'prev_prio', value: 120n }, { name: 'prev_comm', value: 'bash' }], { fields, size: fmt.size });
    expect(r.exit).toBe('exit');
    expect(r.r0).toBe(4242n + 120n + 0x62n);
  });

  it('cannot read the common header, and faults past the record', () => {
    expect(runProgram('r0 = *(u32 *)(r1 + 4)\nexit\n', 'tracepoint', [], { fields, size: fmt.size }).fault?.message).toBe('invalid bpf_context access off=4 size=4');
    const past = runProgram('r0 = *(u64 *)(r1 + 64)\nexit\n', 'tracepoint', [], { fields, size: fmt.size });
    expect(past.fault?.kind).toBe('out_of_bounds');
  });

  it('splits integer arrays into elements and keeps char arrays whole', () => {
    const sysEnter = tracepointCtxFields(tracepointFormat('raw_syscalls/sys_enter')!, []);
    expect(sysEnter.map((f) => `${f.name}@${f.offset}/${f.size}`)).toEqual(['id@8/8', ...[0, 1, 2, 3, 4, 5].map((i) => `args[${i}]@${16 + 8 * i}/8`)]);
    expect(fields.find((f) => f.name === 'next_comm')).toMatchObject({ offset: 40, size: 16 });
  });
});

describe('context fields by name', () => {
  it('fills __sk_buff ctx_in with the fields test runs accept, cb words by index', () => {
    const c = ctxFromFields(PROG_TYPES.sched_cls, [{ name: 'mark', value: 7n }, { name: 'cb[2]', value: 0xaabbn }, { name: 'priority', value: -1n }]);
    if (!c.ok) throw new Error(c.error.message);
    const dv = new DataView(c.ctxIn.buffer);
    expect(c.ctxIn.length).toBe(192);
    expect(dv.getUint32(8, true)).toBe(7);
    expect(dv.getUint32(56, true)).toBe(0xaabb);
    expect(dv.getUint32(32, true)).toBe(0xffffffff);
  });

  it('says why a field cannot be set, which value was wrong, and what fits', () => {
    const bad = (name: string, value: bigint | string, type: ProgTypeName = 'sched_cls'): string => {
      const c = ctxFromFields(PROG_TYPES[type], [{ name: 'mark', value: 1n }, { name, value }]);
      return c.ok ? 'ok' : `${c.error.index}: ${c.error.message}`;
    };
    expect(bad('len', 5n)).toBe('1: __sk_buff.len cannot be given a value: test runs do not accept it in ctx_in (settable: mark, priority, ingress_ifindex, ifindex, cb, tstamp, wire_len, gso_segs, gso_size, hwtstamp)');
    expect(bad('nope', 1n)).toMatch(/^1: no context field 'nope' \(known: len, pkt_type, mark/);
    expect(bad('mark', 0x100000000n)).toBe('1: mark: 4294967296 does not fit in 4 bytes');
    expect(bad('cb[5]', 1n)).toBe('1: cb has 5 elements; cb[5] is past its end');
    expect(bad('rdi', 'x'.repeat(9), 'kprobe')).toBe('0: no context field \'mark\' (known: r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8, rax, rcx, rdx, rsi, rdi, orig_rax, rip, cs, eflags, rsp, ss)');
  });

  it('gives XDP ctx_in a data_end spanning data_in, so the kernel takes it', () => {
    const dataIn = new Uint8Array(60);
    const c = ctxFromFields(PROG_TYPES.xdp, [{ name: 'ingress_ifindex', value: 1n }], { dataIn });
    if (!c.ok) throw new Error(c.error.message);
    expect(new DataView(c.ctxIn.buffer).getUint32(4, true)).toBe(60);
    expect(makeRunInput('xdp', { dataIn, ctxIn: c.ctxIn }).ok).toBe(true);
  });

  it('takes raw bytes at an offset as OFF:uN', () => {
    const c = ctxFromFields(PROG_TYPES.tracepoint, [{ name: '16:u32', value: 0x01020304n }], { size: 24 });
    if (!c.ok) throw new Error(c.error.message);
    expect([...c.ctxIn.subarray(16, 20)]).toEqual([4, 3, 2, 1]);
  });
});

describe('the program-type table', () => {
  it('has a row for every program type the assembler names, each with a consistent layout', () => {
    for (const [name, spec] of Object.entries(PROG_TYPES)) {
      expect(spec.name).toBe(name);
      let end = 0;
      for (const f of spec.ctx.fields) {
        expect(f.offset, `${name}.${f.name}`).toBeGreaterThanOrEqual(end);
        end = f.offset + f.size;
      }
      expect(end).toBeLessThanOrEqual(spec.ctx.size);
      for (const field of Object.keys(spec.access)) expect(spec.ctx.fields.some((f) => f.name === field), `${name}: ${field}`).toBe(true);
      for (const field of spec.ctxInFields) expect(spec.ctx.fields.some((f) => f.name === field), `${name}: ${field}`).toBe(true);
    }
  });

  it('marks the types the kernel cannot test-run and names cgroup_skb verdicts', () => {
    expect(Object.values(PROG_TYPES).filter((s) => !s.kernelTestRun).map((s) => s.name).sort()).toEqual(['kprobe', 'perf_event', 'tracepoint']);
    expect(returnCodeName('cgroup_skb', 1n)).toBe('pass');
    expect(returnCodeName('sched_act', 7n)).toBe('TC_ACT_REDIRECT');
    expect(returnCodeName('kprobe', 0n)).toBeUndefined();
  });
});
