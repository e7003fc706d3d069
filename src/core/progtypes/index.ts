// The program-type table: one row per program type bpfiddle can run, each with its context
// layout and access rights, return codes, and the BPF_PROG_TEST_RUN input/output conventions.
// `makeRunInput` turns a test-run input into the VM's RunInput; `packetOut`/`ctxOut` turn the VM's
// result back into the kernel's data_out/ctx_out, so a bpfiddle run and a kernel test run of the
// same program can be compared byte for byte.

import type { ProgTypeName } from '../asm/types.js';
import { prepareSkb, SK_BUFF, SKB_CTX_IN_FIELDS, skbCtxOut, skbPacketOut } from './skb.js';
import {
  BPF_PERF_EVENT_DATA, BPF_RAW_TRACEPOINT_ARGS, prepareFixed, prepareRawTp, prepareTracepoint, PT_REGS, PT_REGS_NAMES, TRACE_RECORD,
} from './tracing.js';
import type { CtxAccess, PrepareResult, PreparedRun, ProgTypeSpec, ReturnCode, TestRunInput } from './types.js';
import { prepareXdp, XDP_MD, xdpCtxOut, xdpPacketOut } from './xdp.js';

export type * from './types.js';
export { ctxAccess, ctxSpec, fieldAt, invalidCtxAccess } from './ctx.js';
export { ETH_HLEN, SK_BUFF, SKB_MAX_DATA, SKB_CTX_IN_FIELDS, ethTypeTrans } from './skb.js';
export { XDP_MD, XDP_PACKET_HEADROOM, XDP_FRAME_SIZE, XDP_MAX_LINEAR, XDP_TAILROOM } from './xdp.js';
export {
  PT_REGS, PT_REGS_NAMES, BPF_PERF_EVENT_DATA, BPF_RAW_TRACEPOINT_ARGS, RAW_TP_MAX_ARGS, TRACE_RECORD, PERF_MAX_TRACE_SIZE,
  TRACE_ENTRY_SIZE,
} from './tracing.js';
export { TRACEPOINT_FORMATS, tracepointFormat, tracepointCtxFields, type TracepointFormat, type TracepointField } from './tracepoints.js';
export { ctxFromFields, type CtxValue, type CtxFieldValue, type CtxFieldError, type CtxFromFieldsResult, type CtxFromFieldsOptions } from './fields.js';

const rc = (value: number, name: string, doc: string): ReturnCode => ({ value, name, doc });

export const XDP_ACTIONS: readonly ReturnCode[] = [
  rc(0, 'XDP_ABORTED', 'drop the packet and raise the xdp_exception tracepoint'),
  rc(1, 'XDP_DROP', 'drop the packet'),
  rc(2, 'XDP_PASS', 'pass the packet on to the network stack'),
  rc(3, 'XDP_TX', 'bounce the packet back out of the interface it arrived on'),
  rc(4, 'XDP_REDIRECT', 'redirect the packet (bpf_redirect, bpf_redirect_map)'),
];

export const TC_ACTIONS: readonly ReturnCode[] = [
  rc(-1, 'TC_ACT_UNSPEC', 'use the default action configured for the qdisc'),
  rc(0, 'TC_ACT_OK', 'pass the packet'),
  rc(1, 'TC_ACT_RECLASSIFY', 'restart classification'),
  rc(2, 'TC_ACT_SHOT', 'drop the packet'),
  rc(3, 'TC_ACT_PIPE', 'continue with the next action'),
  rc(4, 'TC_ACT_STOLEN', 'consume the packet'),
  rc(5, 'TC_ACT_QUEUED', 'the packet was queued'),
  rc(6, 'TC_ACT_REPEAT', 'repeat the action'),
  rc(7, 'TC_ACT_REDIRECT', 'redirect the packet (bpf_redirect)'),
  rc(8, 'TC_ACT_TRAP', 'hand the packet to the CPU'),
];

const all = (names: readonly string[], access: CtxAccess): Record<string, CtxAccess> =>
  Object.fromEntries(names.map((n) => [n, access]));

/** Fields every skb program type may read (measured: the same set for socket_filter, tc and cgroup_skb). */
const SKB_COMMON_READ = [
  'len', 'pkt_type', 'mark', 'queue_mapping', 'protocol', 'vlan_present', 'vlan_tci', 'vlan_proto', 'priority',
  'ingress_ifindex', 'ifindex', 'tc_index', 'hash', 'napi_id', 'gso_segs', 'sk', 'gso_size',
];
const SKB_SOCK_READ = [
  'family', 'remote_ip4', 'local_ip4', ...[0, 1, 2, 3].flatMap((i) => [`remote_ip6[${i}]`, `local_ip6[${i}]`]), 'remote_port', 'local_port',
];

const SKB_INPUT_DOC = 'BPF_PROG_TEST_RUN builds the skb from data_in (a whole Ethernet frame) on the loopback device; ctx_in may set ' +
  `${SKB_CTX_IN_FIELDS.join(', ')}.`;
const emptyPacketOut = (): Uint8Array => new Uint8Array(0);
const noCtxOut = (): null => null;

const socketFilter: ProgTypeSpec = {
  name: 'socket_filter',
  kernelId: 1,
  ctx: SK_BUFF,
  access: { ...all(SKB_COMMON_READ, 'r'), cb: 'rw' },
  returnCodes: [],
  returnDoc: 'how many bytes of the packet to keep (0 drops it)',
  doc: 'Socket filter: sees the packet from the network header on (the Ethernet header is already pulled); reads it through LD_ABS/LD_IND or bpf_skb_load_bytes, not directly.',
  input: 'packet',
  ctxInFields: SKB_CTX_IN_FIELDS,
  kernelTestRun: true,
  inputDoc: `${SKB_INPUT_DOC} The program sees the packet from the network header on.`,
  prepare: (input) => prepareSkb(socketFilter, false, input),
  packetOut: (run, packet) => skbPacketOut(run, packet),
  ctxOut: (run, ctxBytes) => skbCtxOut(run, ctxBytes),
};

const TC_ACCESS: Record<string, CtxAccess> = {
  ...all(SKB_COMMON_READ, 'r'),
  ...all(['data', 'data_end', 'data_meta', 'wire_len', 'tstamp_type', 'hwtstamp'], 'r'),
  ...all(['mark', 'queue_mapping', 'priority', 'tc_index', 'cb', 'tc_classid', 'tstamp'], 'rw'),
};

const schedCls: ProgTypeSpec = {
  name: 'sched_cls',
  kernelId: 3,
  ctx: SK_BUFF,
  access: TC_ACCESS,
  returnCodes: TC_ACTIONS,
  returnDoc: 'a TC_ACT_* verdict',
  doc: 'tc classifier (BPF_PROG_TYPE_SCHED_CLS): sees the whole Ethernet frame and may read and write it directly between data and data_end.',
  input: 'packet',
  ctxInFields: SKB_CTX_IN_FIELDS,
  kernelTestRun: true,
  inputDoc: `${SKB_INPUT_DOC} The program sees the whole frame.`,
  prepare: (input) => prepareSkb(schedCls, true, input),
  packetOut: (run, packet) => skbPacketOut(run, packet),
  ctxOut: (run, ctxBytes) => skbCtxOut(run, ctxBytes),
};

const schedAct: ProgTypeSpec = {
  ...schedCls,
  name: 'sched_act',
  kernelId: 4,
  doc: 'tc action (BPF_PROG_TYPE_SCHED_ACT, act_bpf): the same context, access and test run as a tc classifier; the verdict is the action\'s TC_ACT_* result.',
  prepare: (input) => prepareSkb(schedAct, true, input),
};

const CGROUP_SKB_CODES: readonly ReturnCode[] = [
  rc(0, 'drop', 'drop the packet'),
  rc(1, 'pass', 'let the packet through'),
  rc(2, 'drop+cn', 'egress only: drop the packet and signal congestion (the sender sees NET_XMIT_DROP)'),
  rc(3, 'pass+cn', 'egress only: let the packet through and signal congestion (NET_XMIT_CN)'),
];

const cgroupSkb: ProgTypeSpec = {
  name: 'cgroup_skb',
  kernelId: 8,
  ctx: SK_BUFF,
  access: {
    ...all(SKB_COMMON_READ, 'r'),
    ...all(['data', 'data_end', 'hwtstamp', ...SKB_SOCK_READ], 'r'),
    ...all(['mark', 'priority', 'cb', 'tstamp'], 'rw'),
  },
  returnCodes: CGROUP_SKB_CODES,
  returnDoc: 'bit 0: pass (1) or drop (0); on egress bit 1 also signals congestion. Ingress programs must return 0 or 1, egress ones 0 to 3 (the verifier checks).',
  returnRange: { min: 0, max: 1 },
  attachTypes: [
    { name: 'cgroup_inet_ingress', kernelId: 0, returnRange: { min: 0, max: 1 }, doc: 'packets a cgroup\'s sockets receive' },
    { name: 'cgroup_inet_egress', kernelId: 1, returnRange: { min: 0, max: 3 }, doc: 'packets a cgroup\'s sockets send' },
  ],
  doc: 'cgroup socket buffer filter: sees packets a cgroup\'s sockets send or receive from the network header on, may read them directly (data, data_end) and read the owning socket\'s addresses.',
  input: 'packet',
  ctxInFields: SKB_CTX_IN_FIELDS,
  kernelTestRun: true,
  inputDoc: `${SKB_INPUT_DOC} The program sees the packet from the network header on; the test run's socket takes its family and addresses from the IP header (local = source, remote = destination).`,
  prepare: (input) => prepareSkb(cgroupSkb, false, input),
  packetOut: (run, packet) => skbPacketOut(run, packet),
  ctxOut: (run, ctxBytes) => skbCtxOut(run, ctxBytes),
};

const xdp: ProgTypeSpec = {
  name: 'xdp',
  kernelId: 6,
  ctx: XDP_MD,
  access: all(['data', 'data_end', 'data_meta', 'ingress_ifindex', 'rx_queue_index'], 'r'),
  returnCodes: XDP_ACTIONS,
  returnDoc: 'an XDP_* action',
  doc: 'XDP: runs on the raw frame before the network stack; reads and writes the packet directly between data and data_end.',
  input: 'packet',
  ctxInFields: ['ingress_ifindex', 'rx_queue_index'],
  kernelTestRun: true,
  inputDoc: 'BPF_PROG_TEST_RUN puts data_in (a whole Ethernet frame) in one page behind 256 bytes of headroom; ctx_in may name the ingress interface and queue, and mark the front of data_in as metadata.',
  ctxInBase: (dataIn) => {
    const b = new Uint8Array(XDP_MD.size);
    new DataView(b.buffer).setUint32(4, dataIn.length, true); // data_end: all of data_in is packet
    return b;
  },
  prepare: (input) => prepareXdp(xdp, input),
  packetOut: (run, packet, meta) => xdpPacketOut(run, packet, meta),
  ctxOut: (run, _ctxBytes, packetLength, metaLength) => xdpCtxOut(run, packetLength, metaLength),
};

const TRACE_RETURN_DOC = '0 discards the event (the perf sample or trace record is not stored); any other value lets it through.';

const kprobe: ProgTypeSpec = {
  name: 'kprobe',
  kernelId: 2,
  ctx: PT_REGS,
  access: all(PT_REGS_NAMES, 'r'),
  returnCodes: [],
  returnDoc: `${TRACE_RETURN_DOC} Kprobes attached through a BPF link (kprobe_multi) ignore it.`,
  doc: 'kprobe / kretprobe / uprobe: runs when a probed instruction is hit, with the CPU registers (x86-64 struct pt_regs) as its context; rdi, rsi, rdx, rcx, r8, r9 hold a function\'s arguments, rax a kretprobe\'s return value.',
  input: 'ctx',
  ctxInFields: PT_REGS_NAMES,
  kernelTestRun: false,
  inputDoc: 'The kernel cannot test-run kprobes (BPF_PROG_TEST_RUN answers ENOTSUPP): bpfiddle builds struct pt_regs from the register values given (the rest are 0).',
  prepare: (input) => prepareFixed(kprobe, input),
  packetOut: emptyPacketOut,
  ctxOut: noCtxOut,
};

const tracepoint: ProgTypeSpec = {
  name: 'tracepoint',
  kernelId: 5,
  ctx: TRACE_RECORD,
  access: { fields: 'r' },
  returnCodes: [],
  returnDoc: TRACE_RETURN_DOC,
  doc: 'tracepoint: runs at a static kernel tracepoint with the event\'s record as its context; the 8-byte common header is not readable, the event\'s fields follow it (see the event\'s format file).',
  input: 'ctx',
  ctxInFields: ['fields'],
  kernelTestRun: false,
  inputDoc: 'The kernel cannot test-run tracepoint programs (ENOTSUPP): bpfiddle runs them on a record given as bytes or as field values of a known event format; reading past the record faults (the kernel would refuse to attach such a program to that event, EACCES).',
  prepare: (input) => prepareTracepoint(tracepoint, input),
  packetOut: emptyPacketOut,
  ctxOut: noCtxOut,
};

const rawTracepoint: ProgTypeSpec = {
  name: 'raw_tracepoint',
  kernelId: 17,
  ctx: BPF_RAW_TRACEPOINT_ARGS,
  access: all(BPF_RAW_TRACEPOINT_ARGS.fields.map((f) => f.name), 'r'),
  returnCodes: [],
  returnDoc: 'ignored by the kernel',
  doc: 'raw tracepoint: runs at a kernel tracepoint with the tracepoint\'s raw arguments (u64 each, often pointers to kernel objects) as its context.',
  input: 'ctx',
  ctxInFields: BPF_RAW_TRACEPOINT_ARGS.fields.map((f) => f.name),
  kernelTestRun: true,
  inputDoc: 'BPF_PROG_TEST_RUN copies ctx_in as the arguments (at most 12 u64s, no data_in); the kernel refuses the run when ctx_in is shorter than the furthest argument the program reads.',
  prepare: (input) => prepareRawTp(rawTracepoint, input),
  packetOut: emptyPacketOut,
  ctxOut: noCtxOut,
};

const perfEvent: ProgTypeSpec = {
  name: 'perf_event',
  kernelId: 7,
  ctx: BPF_PERF_EVENT_DATA,
  access: all(BPF_PERF_EVENT_DATA.fields.map((f) => f.name), 'r'),
  returnCodes: [],
  returnDoc: TRACE_RETURN_DOC,
  doc: 'perf event: runs on each sample of a perf event (a timer, a hardware counter overflow) with the interrupted registers, the sample period and the sampled address.',
  input: 'ctx',
  ctxInFields: BPF_PERF_EVENT_DATA.fields.map((f) => f.name),
  kernelTestRun: false,
  inputDoc: 'The kernel cannot test-run perf_event programs (ENOTSUPP): bpfiddle builds struct bpf_perf_event_data from the values given (registers as regs.rdi or rdi).',
  prepare: (input) => prepareFixed(perfEvent, input),
  packetOut: emptyPacketOut,
  ctxOut: noCtxOut,
};

/** The program types bpfiddle can run, by name. */
export const PROG_TYPES: Readonly<Record<ProgTypeName, ProgTypeSpec>> = {
  socket_filter: socketFilter,
  xdp,
  sched_cls: schedCls,
  sched_act: schedAct,
  kprobe,
  tracepoint,
  raw_tracepoint: rawTracepoint,
  perf_event: perfEvent,
  cgroup_skb: cgroupSkb,
};

export function progTypeSpec(name: ProgTypeName): ProgTypeSpec | undefined {
  return Object.hasOwn(PROG_TYPES, name) ? PROG_TYPES[name] : undefined;
}

/** The name of return value `r0` for this program type, if it has one (`XDP_PASS`). */
export function returnCodeName(name: ProgTypeName, r0: bigint): string | undefined {
  const spec = progTypeSpec(name);
  const v = Number(BigInt.asIntN(32, r0));
  return spec?.returnCodes.find((c) => c.value === v)?.name;
}

/**
 * A BPF_PROG_TEST_RUN input (data_in exactly as the kernel takes it, optional ctx_in) as the VM's
 * RunInput, or the kernel's refusal (errno and why) when the kernel would reject the input.
 */
export function makeRunInput(name: ProgTypeName, input: TestRunInput): PrepareResult {
  const spec = progTypeSpec(name);
  if (!spec) return { ok: false, error: { errno: 'EINVAL', message: `bpfiddle cannot test-run ${name} programs yet` } };
  return spec.prepare(input);
}

/** data_out as the kernel returns it, from the VM's packet after the run (RunResult.packet). */
export function packetOut(run: PreparedRun, packet: Uint8Array | null, meta?: Uint8Array | null): Uint8Array {
  return PROG_TYPES[run.progType].packetOut(run, packet, meta);
}

/** ctx_out as the kernel returns it (null without ctx_in), from the context bytes after the run. */
export function ctxOut(run: PreparedRun, ctxBytes: Uint8Array, packetLength: number, metaLength?: number): Uint8Array | null {
  return PROG_TYPES[run.progType].ctxOut(run, ctxBytes, packetLength, metaLength);
}

