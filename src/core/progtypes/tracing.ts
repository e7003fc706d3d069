// The tracing program types' contexts: kprobe (x86-64 struct pt_regs), perf_event (struct
// bpf_perf_event_data), raw_tracepoint (struct bpf_raw_tracepoint_args, twelve u64 arguments) and
// tracepoint (the event's raw record). All four are read-only. Only raw tracepoints have a kernel
// test run (bpf_prog_test_run_raw_tp: ctx_in is copied as the args, at most 96 bytes, no data_in);
// for the others BPF_PROG_TEST_RUN answers ENOTSUPP (524), so bpfiddle builds the context from
// ctx_in bytes the user gives (usually from field values, see fields.ts). Access rules were
// measured against the 6.18 kernel (tests/progtypes/ctx-access.test.ts).

import { ctxSpec } from './ctx.js';
import type { CtxField, CtxLayout, PrepareResult, PreparedRun, ProgTypeSpec, TestRunInput } from './types.js';

/** arch/x86/include/uapi/asm/ptrace.h, in struct order: callee-saved first, then the iret frame. */
export const PT_REGS_NAMES = [
  'r15', 'r14', 'r13', 'r12', 'rbp', 'rbx', 'r11', 'r10', 'r9', 'r8', 'rax', 'rcx', 'rdx', 'rsi', 'rdi',
  'orig_rax', 'rip', 'cs', 'eflags', 'rsp', 'ss',
] as const;

const REG_DOCS: Readonly<Record<string, string>> = {
  rdi: 'first argument of the probed function', rsi: 'second argument', rdx: 'third argument',
  rcx: 'fourth argument', r8: 'fifth argument', r9: 'sixth argument',
  rax: 'return value (in a kretprobe)', orig_rax: 'system call number on syscall entry',
  rip: 'instruction pointer (the probed address)', rsp: 'stack pointer', eflags: 'flags register',
  cs: 'code segment', ss: 'stack segment', rbp: 'frame pointer',
};

/** pt_regs fields: kprobes read them as plain memory (any aligned load), perf_event only as u64s. */
function ptRegsFields(kind: 'bytes' | 'value'): CtxField[] {
  return PT_REGS_NAMES.map((name, i) => ({
    name, offset: 8 * i, size: 8, kind, target: 8 as const, narrow: kind === 'bytes',
    doc: `${name}${REG_DOCS[name] ? `: ${REG_DOCS[name]}` : ''}`,
  }));
}

export const PT_REGS: CtxLayout = { struct: 'pt_regs', size: 168, fields: ptRegsFields('bytes') };

export const BPF_PERF_EVENT_DATA: CtxLayout = {
  struct: 'bpf_perf_event_data',
  size: 184,
  fields: [
    ...ptRegsFields('value').map((f) => ({ ...f, name: `regs.${f.name}` })),
    { name: 'sample_period', offset: 168, size: 8, kind: 'value', target: 8, narrow: true, doc: 'the perf event\'s sample period (narrow loads allowed)' },
    { name: 'addr', offset: 176, size: 8, kind: 'value', target: 8, narrow: true, doc: 'the sampled data address, when the event records one' },
  ],
};

/** MAX_BPF_FUNC_ARGS u64 arguments. */
export const RAW_TP_MAX_ARGS = 12;

export const BPF_RAW_TRACEPOINT_ARGS: CtxLayout = {
  struct: 'bpf_raw_tracepoint_args',
  size: 8 * RAW_TP_MAX_ARGS,
  fields: Array.from({ length: RAW_TP_MAX_ARGS }, (_, i): CtxField => ({
    name: `args[${i}]`, offset: 8 * i, size: 8, kind: 'bytes', target: 8, narrow: true,
    doc: `argument ${i} of the tracepoint (TP_PROTO order)`,
  })),
};

/** PERF_MAX_TRACE_SIZE: the verifier lets tracepoint programs read up to here. */
export const PERF_MAX_TRACE_SIZE = 8192;
/** The common header every trace record starts with (struct trace_entry); programs cannot read it. */
export const TRACE_ENTRY_SIZE = 8;

export const TRACE_RECORD: CtxLayout = {
  struct: 'trace_event_raw',
  size: PERF_MAX_TRACE_SIZE,
  fields: [
    { name: 'common_type', offset: 0, size: 2, kind: 'value', target: 2, narrow: false, doc: 'event id (not readable by programs)' },
    { name: 'common_flags', offset: 2, size: 1, kind: 'value', target: 1, narrow: false, doc: 'irq flags (not readable by programs)' },
    { name: 'common_preempt_count', offset: 3, size: 1, kind: 'value', target: 1, narrow: false, doc: 'preemption depth (not readable by programs)' },
    { name: 'common_pid', offset: 4, size: 4, kind: 'value', target: 4, narrow: false, doc: 'pid of the current task (not readable by programs)' },
    {
      name: 'fields', offset: TRACE_ENTRY_SIZE, size: PERF_MAX_TRACE_SIZE - TRACE_ENTRY_SIZE, kind: 'bytes', target: 8, narrow: true,
      doc: 'the event\'s own fields, laid out as in /sys/kernel/tracing/events/<category>/<event>/format',
    },
  ],
};

const fail = (errno: 'EINVAL' | 'E2BIG', message: string): PrepareResult => ({ ok: false, error: { errno, message } });

function ready(spec: ProgTypeSpec, ctx: Uint8Array): PrepareResult {
  const run: PreparedRun = {
    progType: spec.name,
    input: { ctx: ctxSpec(spec, ctx, ctx.length), packet: null },
    meta: new Uint8Array(0),
    zeroPrefix: 0,
    frags: new Uint8Array(0),
    ctxIn: null,
  };
  return { ok: true, run };
}

/**
 * A fixed-size struct (pt_regs, bpf_perf_event_data) from ctx_in: zero-padded; longer is refused
 * the way bpf_ctx_init would (E2BIG for non-zero bytes past the struct).
 */
export function prepareFixed(spec: ProgTypeSpec, input: TestRunInput): PrepareResult {
  const size = spec.ctx.size;
  const given = input.ctxIn ?? new Uint8Array(0);
  for (let i = size; i < given.length; i++) {
    if (given[i] !== 0) return fail('E2BIG', `ctx_in has non-zero bytes past the ${size}-byte struct ${spec.ctx.struct}`);
  }
  const ctx = new Uint8Array(size);
  ctx.set(given.subarray(0, size));
  return ready(spec, ctx);
}

/**
 * bpf_prog_test_run_raw_tp: the args are exactly ctx_in (at most 96 bytes; data_in refused). A
 * program reading past the end of ctx_in is refused by the kernel before it runs (EINVAL:
 * ctx_size_in < max_ctx_offset); in bpfiddle such a read faults as out of bounds.
 */
export function prepareRawTp(spec: ProgTypeSpec, input: TestRunInput): PrepareResult {
  if (input.dataIn && input.dataIn.length) return fail('EINVAL', 'raw_tracepoint test runs take no data_in, only ctx_in (the arguments)');
  const given = input.ctxIn ?? new Uint8Array(0);
  if (given.length > spec.ctx.size) return fail('EINVAL', `ctx_in is ${given.length} bytes; a raw tracepoint has at most ${RAW_TP_MAX_ARGS} u64 arguments (${spec.ctx.size} bytes)`);
  return ready(spec, given.slice());
}

/**
 * A tracepoint program's context is the event's record, as long as the record is (the kernel
 * refuses to attach a program that reads past the tracepoint's record size, EACCES). Absent,
 * the record is PERF_MAX_TRACE_SIZE zero bytes, every byte the verifier lets a program read.
 */
export function prepareTracepoint(spec: ProgTypeSpec, input: TestRunInput): PrepareResult {
  const given = input.ctxIn && input.ctxIn.length ? input.ctxIn : new Uint8Array(PERF_MAX_TRACE_SIZE);
  if (given.length > PERF_MAX_TRACE_SIZE) return fail('E2BIG', `a trace record holds at most ${PERF_MAX_TRACE_SIZE} bytes, not ${given.length}`);
  return ready(spec, given.slice());
}
