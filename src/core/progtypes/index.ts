// The program-type table: one row per program type bpfiddle can run, each with its context
// layout and access rights, return codes, and the BPF_PROG_TEST_RUN input/output conventions.
// `makeRunInput` turns a test-run input into the VM's RunInput; `packetOut`/`ctxOut` turn the VM's
// result back into the kernel's data_out/ctx_out, so a bpfiddle run and a kernel test run of the
// same program can be compared byte for byte.

import type { ProgTypeName } from '../asm/types.js';
import { prepareSkb, SK_BUFF, skbCtxOut, skbPacketOut } from './skb.js';
import type { CtxAccess, PrepareResult, PreparedRun, ProgTypeSpec, ReturnCode, TestRunInput } from './types.js';
import { prepareXdp, XDP_MD, xdpCtxOut, xdpPacketOut } from './xdp.js';

export type * from './types.js';
export { ctxAccess, ctxSpec, fieldAt, invalidCtxAccess } from './ctx.js';
export { ETH_HLEN, SK_BUFF, SKB_MAX_DATA, ethTypeTrans } from './skb.js';
export { XDP_MD, XDP_PACKET_HEADROOM, XDP_FRAME_SIZE, XDP_MAX_LINEAR, XDP_TAILROOM } from './xdp.js';

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

const all = (names: string[], access: CtxAccess): Record<string, CtxAccess> =>
  Object.fromEntries(names.map((n) => [n, access]));

/** Fields every skb program type may read (measured: the same set for socket_filter and sched_cls). */
const SKB_COMMON_READ = [
  'len', 'pkt_type', 'mark', 'queue_mapping', 'protocol', 'vlan_present', 'vlan_tci', 'vlan_proto', 'priority',
  'ingress_ifindex', 'ifindex', 'tc_index', 'hash', 'napi_id', 'gso_segs', 'sk', 'gso_size',
];

const socketFilter: ProgTypeSpec = {
  name: 'socket_filter',
  kernelId: 1,
  ctx: SK_BUFF,
  access: { ...all(SKB_COMMON_READ, 'r'), cb: 'rw' },
  returnCodes: [],
  returnDoc: 'how many bytes of the packet to keep (0 drops it)',
  doc: 'Socket filter: sees the packet from the network header on (the Ethernet header is already pulled); reads it through LD_ABS/LD_IND or bpf_skb_load_bytes, not directly.',
  prepare: (input) => prepareSkb(socketFilter, false, input),
  packetOut: (run, packet) => skbPacketOut(run, packet),
  ctxOut: (run, ctxBytes) => skbCtxOut(run, ctxBytes),
};

const schedCls: ProgTypeSpec = {
  name: 'sched_cls',
  kernelId: 3,
  ctx: SK_BUFF,
  access: {
    ...all(SKB_COMMON_READ, 'r'),
    ...all(['data', 'data_end', 'data_meta', 'wire_len', 'tstamp_type', 'hwtstamp'], 'r'),
    ...all(['mark', 'queue_mapping', 'priority', 'tc_index', 'cb', 'tc_classid', 'tstamp'], 'rw'),
  },
  returnCodes: TC_ACTIONS,
  returnDoc: 'a TC_ACT_* verdict',
  doc: 'tc classifier (BPF_PROG_TYPE_SCHED_CLS): sees the whole Ethernet frame and may read and write it directly between data and data_end.',
  prepare: (input) => prepareSkb(schedCls, true, input),
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
  prepare: (input) => prepareXdp(xdp, input),
  packetOut: (run, packet, meta) => xdpPacketOut(run, packet, meta),
  ctxOut: (run, _ctxBytes, packetLength, metaLength) => xdpCtxOut(run, packetLength, metaLength),
};

/** The program types bpfiddle can run, by name. */
export const PROG_TYPES: Readonly<Partial<Record<ProgTypeName, ProgTypeSpec>>> = {
  socket_filter: socketFilter,
  sched_cls: schedCls,
  xdp,
};

export function progTypeSpec(name: ProgTypeName): ProgTypeSpec | undefined {
  return PROG_TYPES[name];
}

/** The name of return value `r0` for this program type, if it has one (`XDP_PASS`). */
export function returnCodeName(name: ProgTypeName, r0: bigint): string | undefined {
  const spec = PROG_TYPES[name];
  const v = Number(BigInt.asIntN(32, r0));
  return spec?.returnCodes.find((c) => c.value === v)?.name;
}

/**
 * A BPF_PROG_TEST_RUN input (data_in exactly as the kernel takes it, optional ctx_in) as the VM's
 * RunInput, or the kernel's refusal (errno and why) when the kernel would reject the input.
 */
export function makeRunInput(name: ProgTypeName, input: TestRunInput): PrepareResult {
  const spec = PROG_TYPES[name];
  if (!spec) return { ok: false, error: { errno: 'EINVAL', message: `bpfiddle cannot test-run ${name} programs yet` } };
  return spec.prepare(input);
}

/** data_out as the kernel returns it, from the VM's packet after the run (RunResult.packet). */
export function packetOut(run: PreparedRun, packet: Uint8Array | null, meta?: Uint8Array | null): Uint8Array {
  return PROG_TYPES[run.progType]!.packetOut(run, packet, meta);
}

/** ctx_out as the kernel returns it (null without ctx_in), from the context bytes after the run. */
export function ctxOut(run: PreparedRun, ctxBytes: Uint8Array, packetLength: number, metaLength?: number): Uint8Array | null {
  return PROG_TYPES[run.progType]!.ctxOut(run, ctxBytes, packetLength, metaLength);
}

