// Helpers that reshape a tc program's skb: bpf_skb_change_tail (length) and bpf_skb_vlan_push /
// bpf_skb_vlan_pop (VLAN tags), following net/core/filter.c and net/core/skbuff.c of Linux 6.18,
// with the corner cases measured on 6.18.44 (tests/helpers/kernel-skb.test.ts).
//
// The skb's state lives where the program reads it: the packet bounds (data .. data_end, the
// mac header is always at data in tc) and the __sk_buff bytes the kernel's ctx rewriting reads
// (len, protocol, vlan_present/tci/proto, gso_size/segs). A pushed tag goes to the skb's
// "hardware-accelerated" tag (skb->vlan_proto/vlan_tci), not into the data; only a second push
// moves the tag already there into the packet (skb_vlan_flush). Every change is undoable: packet
// bytes and bounds through PacketApi, context bytes through onUndo.

import type { ProgTypeName } from '../asm/types.js';
import type { PacketApi, RunInput } from '../vm/types.js';
import type { Call } from './call.js';

const neg = (e: number): bigint => BigInt.asUintN(64, BigInt(-e));
const EINVAL = 22;
const ENOMEM = 12;

const ETH_HLEN = 14;
const ETH_ALEN = 6;
const VLAN_HLEN = 4;
/** VLAN_ETH_HLEN: what __skb_vlan_pop pulls (pskb_may_pull) before it looks at a tag. */
const VLAN_ETH_HLEN = 18;
const ETH_P_8021Q = 0x8100;
const ETH_P_8021AD = 0x88a8;
const ETH_P_802_3 = 0x0001;
const ETH_P_802_2 = 0x0004;
const ETH_P_802_3_MIN = 0x0600;

/**
 * BPF_SKB_MAX_LEN = SKB_MAX_ALLOC: (PAGE_SIZE << 2) minus the aligned struct skb_shared_info (320
 * bytes on x86-64). The kernel reallocates an skb to grow it; here the packet buffer is made this
 * large up front (packetRoom).
 */
export const BPF_SKB_MAX_LEN = (4096 << 2) - 320;
/**
 * The shortest length bpf_skb_change_tail accepts (__bpf_skb_min_len): the network header offset
 * of a test-run skb. Measured on 6.18.44 as 14 whatever VLAN tags were pushed or popped before.
 */
const SKB_MIN_LEN = ETH_HLEN;

/** Program types whose helpers may grow the packet at its tail (bpf_skb_change_tail). */
const GROWING: ReadonlySet<ProgTypeName> = new Set(['sched_cls', 'sched_act']);

/**
 * The run input with the tailroom helpers need: tc skbs can grow to BPF_SKB_MAX_LEN. The VM's
 * packet buffer has a fixed size, so the room is reserved before the run; the program never sees
 * it (its packet region is data .. data_end). Other inputs are returned unchanged.
 */
export function packetRoom(progType: ProgTypeName, run: RunInput): RunInput {
  const p = run.packet;
  if (!p || !GROWING.has(progType)) return run;
  const room = BPF_SKB_MAX_LEN - p.bytes.length;
  if ((p.tailroom ?? 0) >= room) return run;
  return { ...run, packet: { ...p, tailroom: room } };
}

// ---------------------------------------------------------------------------------------------
// __sk_buff fields (offsets in struct __sk_buff; each is a 4-byte slot in the context bytes)

const LEN = 0;
const PROTOCOL = 16;
const VLAN_PRESENT = 20;
const VLAN_TCI = 24;
const VLAN_PROTO = 28;
const GSO_SEGS = 164;
const GSO_SIZE = 176;

const swap16 = (v: number): number => ((v & 0xff) << 8) | ((v >> 8) & 0xff);

/** The skb as these helpers see and change it. */
class Skb {
  readonly p: PacketApi;
  private readonly ctx: Uint8Array;

  constructor(private readonly c: Call) {
    const p = c.api.packet;
    const env = c.api.env;
    if (!p || !env) c.fail('the program has no skb');
    this.p = p;
    this.ctx = env.bytes;
  }

  private get(off: number): number {
    const b = this.ctx;
    return (b[off]! | (b[off + 1]! << 8) | (b[off + 2]! << 16) | (b[off + 3]! << 24)) >>> 0;
  }

  private set(off: number, v: number): void {
    const b = this.ctx;
    const old = b.slice(off, off + 4);
    b.set([v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff], off);
    this.c.api.onUndo(() => b.set(old, off));
  }

  get len(): number { return this.p.end - this.p.data; }

  /** skb->protocol, host order (the context holds the __be16 as a little-endian load sees it). */
  get protocol(): number { return swap16(this.get(PROTOCOL) & 0xffff); }
  set protocol(v: number) { this.set(PROTOCOL, swap16(v)); }

  /** skb_vlan_tag_present: skb->vlan_all (proto and tci together) is not zero. */
  get tagPresent(): boolean { return this.get(VLAN_PRESENT) !== 0; }
  get tagProto(): number { return swap16(this.get(VLAN_PROTO) & 0xffff); }
  get tagTci(): number { return this.get(VLAN_TCI) & 0xffff; }

  /** __vlan_hwaccel_put_tag; (0, 0) is __vlan_hwaccel_clear_tag. */
  putTag(proto: number, tci: number): void {
    this.set(VLAN_PROTO, swap16(proto));
    this.set(VLAN_TCI, tci);
    this.set(VLAN_PRESENT, proto || tci ? 1 : 0);
  }

  u16(at: number): number {
    const b = this.p.buffer;
    return at + 1 < b.length ? (b[at]! << 8) | b[at + 1]! : 0;
  }

  /** Moves data (and data_meta with it) by `delta` and the end to `end`; skb->len follows. */
  bounds(delta: number, end: number): void {
    const p = this.p;
    p.setBounds(p.meta + delta, p.data + delta, end);
    this.set(LEN, end - p.data);
  }

  /** skb_gso_reset when the skb is GSO (gso_size != 0). */
  gsoReset(): void {
    if (this.get(GSO_SIZE) === 0) return;
    this.set(GSO_SIZE, 0);
    this.set(GSO_SEGS, 0);
  }
}

const isVlan = (proto: number): boolean => proto === ETH_P_8021Q || proto === ETH_P_8021AD;

// ---------------------------------------------------------------------------------------------

/** bpf_skb_change_tail(skb, len, flags): grow with zeros or trim to `len` bytes. */
export function skbChangeTail(c: Call): bigint {
  const skb = new Skb(c);
  const newLen = c.u32(2);
  if (c.arg(3) !== 0n || newLen > BPF_SKB_MAX_LEN || newLen < SKB_MIN_LEN) return neg(EINVAL);
  const p = skb.p;
  const end = p.data + newLen;
  if (end > p.buffer.length) c.fail(`the packet buffer has no room for ${newLen} bytes (the run input reserved no tailroom)`);
  // bpf_skb_grow_rcsum clears the new bytes, stale ones from an earlier trim included.
  if (end > p.end) p.write(p.end, new Uint8Array(end - p.end));
  skb.bounds(0, end);
  skb.gsoReset();
  return 0n;
}

/** bpf_skb_vlan_push(skb, vlan_proto, vlan_tci): the tag goes to the skb's hwaccel tag. */
export function skbVlanPush(c: Call): bigint {
  const skb = new Skb(c);
  let proto = swap16(Number(c.arg(2) & 0xffffn));
  const tci = Number(c.arg(3) & 0xffffn);
  if (!isVlan(proto)) proto = ETH_P_8021Q;
  if (skb.tagPresent) flushTag(c, skb);
  skb.putTag(proto, tci);
  return 0n;
}

/**
 * skb_vlan_flush: the hwaccel tag goes into the data after the MAC addresses (__vlan_insert_tag),
 * and skb->protocol becomes its protocol.
 */
function flushTag(c: Call, skb: Skb): void {
  const p = skb.p;
  const at = p.data - VLAN_HLEN;
  // The kernel reallocates the head (skb_cow_head); bpfiddle's buffer has a fixed headroom.
  if (p.meta < VLAN_HLEN) c.fail(`no headroom left for another VLAN tag in the packet data (bpfiddle's skb has ${p.meta} bytes left; the kernel would reallocate)`);
  const head = new Uint8Array(2 * ETH_ALEN + VLAN_HLEN);
  head.set(p.buffer.subarray(p.data, p.data + 2 * ETH_ALEN));
  const proto = skb.tagProto;
  const tci = skb.tagTci;
  head.set([proto >> 8, proto & 0xff, tci >> 8, tci & 0xff], 2 * ETH_ALEN);
  p.write(at, head);
  skb.bounds(-VLAN_HLEN, p.end);
  skb.protocol = proto;
}

/**
 * bpf_skb_vlan_pop(skb): clears the hwaccel tag, or removes the outermost tag from the data; then,
 * when the packet is still tagged, moves its next tag to the hwaccel tag.
 */
export function skbVlanPop(c: Call): bigint {
  const skb = new Skb(c);
  if (skb.tagPresent) {
    skb.putTag(0, 0);
  } else {
    if (!isVlan(skb.protocol)) return 0n;
    const r = popDataTag(skb);
    if (r < 0) return neg(-r);
  }
  if (!isVlan(skb.protocol)) return 0n;
  const proto = skb.protocol;
  const tci = popDataTag(skb);
  if (tci < 0) return neg(-tci);
  skb.putTag(proto, tci);
  return 0n;
}

/** __skb_vlan_pop: the tag after the MAC addresses leaves the data; its TCI, or -errno. */
function popDataTag(skb: Skb): number {
  const p = skb.p;
  if (skb.len < VLAN_ETH_HLEN) return -ENOMEM;
  const tci = skb.u16(p.data + ETH_HLEN);
  const encap = skb.u16(p.data + ETH_HLEN + 2);
  // vlan_set_encap_proto: an 802.3 length field means LLC, or raw IPX when 0xffff follows the
  // tag header (read even when the packet ends there, as the kernel does).
  const proto = encap >= ETH_P_802_3_MIN ? encap : skb.u16(p.data + VLAN_ETH_HLEN) === 0xffff ? ETH_P_802_3 : ETH_P_802_2;
  p.write(p.data + VLAN_HLEN, p.buffer.slice(p.data, p.data + 2 * ETH_ALEN));
  skb.bounds(VLAN_HLEN, p.end);
  skb.protocol = proto;
  return tci;
}
