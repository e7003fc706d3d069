// struct __sk_buff and how BPF_PROG_TEST_RUN builds an skb from data_in (bpf_prog_test_run_skb in
// net/bpf/test_run.c, Linux 6.18), shared by socket_filter and sched_cls. The test run uses the
// loopback device: eth_type_trans() sets protocol and pkt_type and pulls the Ethernet header, so a
// socket filter's (and cgroup_skb's) packet (skb->data, LD_ABS offsets, len) starts at the network
// header, while tc programs (is_l2) get the header pushed back. Measured facts are in
// tests/kernel/ctx-*.test.ts and tests/progtypes/.

import { readLE, writeLE } from '../vm/bytes.js';
import type { ProgTypeName } from '../asm/types.js';
import { ctxSpec, padCtxIn } from './ctx.js';
import type { CtxField, CtxLayout, PrepareResult, PreparedRun, ProgTypeSpec, TestRunInput } from './types.js';

export const ETH_HLEN = 14;
/** Linear data a test-run skb can hold: PAGE_SIZE - (NET_SKB_PAD + NET_IP_ALIGN) - SKB_DATA_ALIGN(sizeof(struct skb_shared_info)). */
export const SKB_MAX_DATA = 4096 - 64 - 320;
/** Headroom in front of the frame (NET_SKB_PAD). */
export const SKB_HEADROOM = 64;
const GSO_LEGACY_MAX_SIZE = 65536;
const GSO_MAX_SEGS = 65535;

const v = (name: string, offset: number, target: 1 | 2 | 4, doc: string): CtxField =>
  ({ name, offset, size: 4, kind: 'value', target, narrow: true, doc });
/** A u32 field that only whole-word loads may read (the socket's addresses). */
const w = (name: string, offset: number, doc: string): CtxField =>
  ({ name, offset, size: 4, kind: 'value', target: 4, narrow: false, doc });

export const SK_BUFF: CtxLayout = {
  struct: '__sk_buff',
  size: 192,
  fields: [
    v('len', 0, 4, 'packet length in bytes (skb->len)'),
    v('pkt_type', 4, 1, 'PACKET_HOST 0, BROADCAST 1, MULTICAST 2, OTHERHOST 3 (from the destination MAC)'),
    v('mark', 8, 4, 'skb->mark'),
    v('queue_mapping', 12, 2, 'transmit queue (u16; stores of 0xffff or more are ignored)'),
    v('protocol', 16, 2, 'EtherType in network byte order (0x0800 reads as 0x0008)'),
    v('vlan_present', 20, 1, 'whether a VLAN tag was stripped into skb metadata'),
    v('vlan_tci', 24, 2, 'stripped VLAN tag control information'),
    v('vlan_proto', 28, 2, 'stripped VLAN protocol, network byte order'),
    v('priority', 32, 4, 'skb->priority'),
    v('ingress_ifindex', 36, 4, 'interface the packet arrived on (skb->skb_iif)'),
    v('ifindex', 40, 4, 'interface the skb belongs to now (1, loopback, in test runs)'),
    v('tc_index', 44, 2, 'traffic-control index (u16)'),
    { name: 'cb', offset: 48, size: 20, kind: 'bytes', target: 4, narrow: true, doc: 'cb[5]: 20 bytes of scratch space for the program' },
    v('hash', 68, 4, 'flow hash (0 unless computed)'),
    v('tc_classid', 72, 2, 'tc class id (u16)'),
    { name: 'data', offset: 76, size: 4, kind: 'data', target: 4, narrow: false, doc: 'pointer to the first packet byte (direct packet access)' },
    { name: 'data_end', offset: 80, size: 4, kind: 'data_end', target: 4, narrow: false, doc: 'pointer one past the last packet byte' },
    v('napi_id', 84, 4, 'NAPI id of the receiving queue'),
    v('family', 88, 2, 'address family of the owning socket (AF_INET 2, AF_INET6 10); cgroup_skb and sk_skb only'),
    w('remote_ip4', 92, 'remote IPv4 address of the socket, network byte order (test runs: the destination address)'),
    w('local_ip4', 96, 'local IPv4 address of the socket, network byte order (test runs: the source address)'),
    ...[0, 1, 2, 3].map((i) => w(`remote_ip6[${i}]`, 100 + 4 * i, `word ${i} of the remote IPv6 address (test runs: the destination)`)),
    ...[0, 1, 2, 3].map((i) => w(`local_ip6[${i}]`, 116 + 4 * i, `word ${i} of the local IPv6 address (test runs: the source)`)),
    v('remote_port', 132, 2, 'remote port of the socket, network byte order in the upper 16 bits'),
    v('local_port', 136, 2, 'local port of the socket, host byte order'),
    { name: 'data_meta', offset: 140, size: 4, kind: 'data_meta', target: 4, narrow: false, doc: 'pointer to the metadata in front of data (equals data without metadata)' },
    { name: 'flow_keys', offset: 144, size: 8, kind: 'flow_keys', target: 8, narrow: false, doc: 'flow dissector programs only' },
    { name: 'tstamp', offset: 152, size: 8, kind: 'value', target: 8, narrow: false, doc: 'timestamp in ns (skb->tstamp)' },
    v('wire_len', 160, 4, 'length on the wire (0 in test runs without ctx_in)'),
    v('gso_segs', 164, 2, 'GSO segment count'),
    { name: 'sk', offset: 168, size: 8, kind: 'sock', target: 8, narrow: false, doc: 'the owning socket (struct bpf_sock *), may be NULL' },
    v('gso_size', 176, 2, 'GSO segment size'),
    { name: 'tstamp_type', offset: 180, size: 1, kind: 'value', target: 1, narrow: false, doc: 'BPF_SKB_TSTAMP_UNSPEC 0, DELIVERY_MONO 1, ...' },
    { name: 'hwtstamp', offset: 184, size: 8, kind: 'value', target: 8, narrow: false, doc: 'hardware timestamp' },
  ],
};

/** Fields ctx_in may set; every other byte of ctx_in must be zero (convert___skb_to_skb). */
const CTX_IN_FIELDS = ['mark', 'priority', 'ingress_ifindex', 'ifindex', 'cb', 'tstamp', 'wire_len', 'gso_segs', 'gso_size', 'hwtstamp'];
/** Fields convert_skb_to___skb writes back into ctx_out. */
const CTX_OUT_FIELDS = ['mark', 'priority', 'ingress_ifindex', 'ifindex', 'cb', 'tstamp', 'wire_len', 'gso_segs', 'hwtstamp'];

const field = (name: string): CtxField => SK_BUFF.fields.find((f) => f.name === name)!;
const read = (b: Uint8Array, name: string): bigint => readLE(b, field(name).offset, field(name).size);
const write = (b: Uint8Array, name: string, value: bigint): void => writeLE(b, field(name).offset, field(name).size, value);
/** Copies a field's bytes verbatim (cb[] is wider than any integer). */
const copy = (to: Uint8Array, from: Uint8Array, name: string): void => {
  const f = field(name);
  to.set(from.subarray(f.offset, f.offset + f.size), f.offset);
};

const PACKET_HOST = 0n;
const PACKET_MULTICAST = 2n;
const PACKET_OTHERHOST = 3n;
const ETH_P_802_3 = 0x0001;
const ETH_P_802_2 = 0x0004;
const ETH_P_IP = 0x0800;
const ETH_P_IPV6 = 0x86dd;

/**
 * eth_type_trans() against the loopback device (address and broadcast address all zero): the
 * skb protocol (host order) and pkt_type.
 */
export function ethTypeTrans(frame: Uint8Array): { protocol: number; pktType: bigint } {
  const dest = frame.subarray(0, 6);
  let pktType = PACKET_HOST;
  if (dest[0]! & 1) pktType = PACKET_MULTICAST; // loopback's broadcast address is 00:..:00, never multicast
  else if (dest.some((b) => b !== 0)) pktType = PACKET_OTHERHOST;
  const proto = (frame[12]! << 8) | frame[13]!;
  if (proto >= 0x0600) return { protocol: proto, pktType };
  // 802.3 length field: raw IPX (0xFFFF after the header) or 802.2 LLC.
  const sap = frame.length >= ETH_HLEN + 2 ? (frame[14]! << 8) | frame[15]! : -1;
  return { protocol: sap === 0xffff ? ETH_P_802_3 : ETH_P_802_2, pktType };
}

const fail = (errno: 'EINVAL' | 'E2BIG', message: string): PrepareResult => ({ ok: false, error: { errno, message } });

const AF_INET = 2n;
const AF_INET6 = 10n;

/**
 * The socket a test run attaches to its skb (bpf_prog_test_run_skb: sk_alloc, then family and
 * addresses from the IP header): cgroup_skb programs read it through family, local_ip4/6 (the
 * source address) and remote_ip4/6 (the destination). Ports stay 0. Bytes are copied in wire order,
 * as the kernel keeps them.
 */
function setSockFields(ctx: Uint8Array, frame: Uint8Array, protocol: number): void {
  if (protocol === ETH_P_IP) {
    write(ctx, 'family', AF_INET);
    ctx.set(frame.subarray(ETH_HLEN + 16, ETH_HLEN + 20), field('remote_ip4').offset);
    ctx.set(frame.subarray(ETH_HLEN + 12, ETH_HLEN + 16), field('local_ip4').offset);
  } else if (protocol === ETH_P_IPV6) {
    write(ctx, 'family', AF_INET6);
    ctx.set(frame.subarray(ETH_HLEN + 24, ETH_HLEN + 40), field('remote_ip6[0]').offset);
    ctx.set(frame.subarray(ETH_HLEN + 8, ETH_HLEN + 24), field('local_ip6[0]').offset);
  }
}

/** bpf_prog_test_run_skb's preparation, as data: the packet the program sees and its __sk_buff. */
export function prepareSkb(spec: ProgTypeSpec, isL2: boolean, input: TestRunInput): PrepareResult {
  const frame = input.dataIn ?? new Uint8Array(0);
  if (frame.length < ETH_HLEN) return fail('EINVAL', `data_in is ${frame.length} bytes, shorter than an Ethernet header (${ETH_HLEN})`);
  const ctxIn = padCtxIn(input.ctxIn, SK_BUFF.size);
  if (ctxIn === 'E2BIG') return fail('E2BIG', `ctx_in has non-zero bytes past the ${SK_BUFF.size}-byte struct __sk_buff`);
  if (ctxIn) {
    const allowed = new Set<number>();
    for (const name of CTX_IN_FIELDS) for (let i = 0; i < field(name).size; i++) allowed.add(field(name).offset + i);
    const bad = ctxIn.findIndex((b, i) => b !== 0 && !allowed.has(i));
    if (bad >= 0) return fail('EINVAL', `ctx_in sets __sk_buff.${fieldNameAt(bad)}, which test runs do not accept (only ${CTX_IN_FIELDS.join(', ')})`);
  }
  if (frame.length > SKB_MAX_DATA) return fail('EINVAL', `data_in is ${frame.length} bytes; an skb test run takes at most ${SKB_MAX_DATA}`);

  const { protocol, pktType } = ethTypeTrans(frame);
  const network = frame.length - ETH_HLEN;
  if (protocol === ETH_P_IP && network < 20) return fail('EINVAL', `an IPv4 frame needs at least 20 bytes after the Ethernet header, got ${network}`);
  if (protocol === ETH_P_IPV6 && network < 40) return fail('EINVAL', `an IPv6 frame needs at least 40 bytes after the Ethernet header, got ${network}`);
  const packet = isL2 ? frame.slice() : frame.slice(ETH_HLEN);

  const ctx = new Uint8Array(SK_BUFF.size);
  write(ctx, 'len', BigInt(packet.length));
  write(ctx, 'pkt_type', pktType);
  // skb->protocol is __be16: the u16 load sees the bytes in wire order.
  write(ctx, 'protocol', BigInt(((protocol & 0xff) << 8) | (protocol >> 8)));
  write(ctx, 'ifindex', 1n);
  setSockFields(ctx, frame, protocol);
  if (ctxIn) {
    for (const name of ['mark', 'priority', 'ingress_ifindex', 'cb', 'tstamp', 'gso_size', 'hwtstamp']) copy(ctx, ctxIn, name);
    if (read(ctxIn, 'ifindex') > 1n) write(ctx, 'ifindex', read(ctxIn, 'ifindex'));
    const wire = read(ctxIn, 'wire_len');
    if (wire !== 0n && (wire < BigInt(packet.length) || wire > BigInt(GSO_LEGACY_MAX_SIZE))) {
      return fail('EINVAL', `ctx_in wire_len ${wire} is outside [len ${packet.length}, ${GSO_LEGACY_MAX_SIZE}]`);
    }
    write(ctx, 'wire_len', wire === 0n ? BigInt(packet.length) : wire);
    const segs = read(ctxIn, 'gso_segs');
    if (segs > BigInt(GSO_MAX_SEGS)) return fail('EINVAL', `ctx_in gso_segs ${segs} exceeds ${GSO_MAX_SEGS}`);
    write(ctx, 'gso_segs', segs);
  }
  const run: PreparedRun = {
    progType: spec.name,
    input: {
      ctx: ctxSpec(spec, ctx),
      packet: { bytes: packet, headroom: SKB_HEADROOM + (isL2 ? 0 : ETH_HLEN), tailroom: 0 },
    },
    meta: new Uint8Array(0),
    zeroPrefix: isL2 ? 0 : ETH_HLEN,
    frags: new Uint8Array(0),
    ctxIn,
  };
  return { ok: true, run };
}

function fieldNameAt(off: number): string {
  const f = SK_BUFF.fields.find((x) => off >= x.offset && off < x.offset + x.size);
  return f ? f.name : `byte ${off}`;
}

/** data_out: the frame after the run; non-L2 types get their Ethernet header back as zeros. */
export function skbPacketOut(run: PreparedRun, packet: Uint8Array | null): Uint8Array {
  const body = packet ?? new Uint8Array(0);
  const out = new Uint8Array(run.zeroPrefix + body.length);
  out.set(body, run.zeroPrefix);
  return out;
}

/** ctx_out: ctx_in with the fields convert_skb_to___skb copies back. */
export function skbCtxOut(run: PreparedRun, ctxBytes: Uint8Array): Uint8Array | null {
  if (!run.ctxIn) return null;
  const out = run.ctxIn.slice();
  for (const name of CTX_OUT_FIELDS) copy(out, ctxBytes, name);
  return out;
}

export type SkbProgType = Extract<ProgTypeName, 'socket_filter' | 'sched_cls' | 'sched_act' | 'cgroup_skb'>;

/** Fields ctx_in may set for skb program types (the rest of ctx_in must be zero). */
export const SKB_CTX_IN_FIELDS: readonly string[] = CTX_IN_FIELDS;
