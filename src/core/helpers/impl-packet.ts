// Packet helpers: redirects, XDP head/tail/metadata adjustment, skb byte loads and stores and the
// checksum helpers, following net/core/filter.c. Checksums use the kernel's own arithmetic
// (include/net/checksum.h, x86-64's csum_partial) so that the bytes match, not just the sums.

import type { PacketApi } from '../vm/types.js';
import type { Call } from './call.js';

const neg = (e: number): bigint => BigInt.asUintN(64, BigInt(-e));
const EINVAL = 22;
const EFAULT = 14;
const EACCES = 13;
const INT_MAX = 0x7fffffff;
const ETH_HLEN = 14;
/** sizeof(struct xdp_frame): the front of the XDP headroom helpers never hand out. */
const XDP_FRAME_SIZE = 40;
/** skb_shared_info.meta_len is a u8: XDP metadata is at most 255 bytes (and 4-byte aligned). */
const XDP_META_MAX = 255;

const BPF_F_INGRESS = 1n;
const XDP_ABORTED = 0n;
const XDP_REDIRECT = 4n;
const TC_ACT_SHOT = 2n;
const TC_ACT_REDIRECT = 7n;

function packet(c: Call): PacketApi {
  const p = c.api.packet;
  if (!p) c.fail('the program has no packet');
  return p;
}

/** bpf_redirect(ifindex, flags): XDP and tc versions differ in flags and return values. */
export function redirect(c: Call): bigint {
  const ifindex = c.u32(1);
  const flags = c.arg(2);
  const xdp = c.rt.progType === 'xdp';
  if (xdp ? flags !== 0n : (flags & ~BPF_F_INGRESS) !== 0n) return xdp ? XDP_ABORTED : TC_ACT_SHOT;
  const run = c.run;
  const old = run.redirect;
  run.redirect = { ifindex, flags, map: null };
  c.api.onUndo(() => { run.redirect = old; });
  return xdp ? XDP_REDIRECT : TC_ACT_REDIRECT;
}

// ---------------------------------------------------------------------------------------------
// XDP: the buffer starts at data_hard_start and ends at the hard end (the page minus
// skb_shared_info), as the program-type preparation lays it out.

export function xdpAdjustHead(c: Call): bigint {
  const p = packet(c);
  const offset = c.s32(2);
  const metalen = p.data - p.meta;
  const data = p.data + offset;
  if (data < XDP_FRAME_SIZE + metalen || data > p.end - ETH_HLEN) return neg(EINVAL);
  if (metalen) p.write(p.meta + offset, p.buffer.slice(p.meta, p.data));
  p.setBounds(p.meta + offset, data, p.end);
  return 0n;
}

export function xdpAdjustMeta(c: Call): bigint {
  const p = packet(c);
  const meta = p.meta + c.s32(2);
  if (meta < XDP_FRAME_SIZE || meta > p.data) return neg(EINVAL);
  const metalen = p.data - meta;
  if (metalen % 4 !== 0 || metalen > XDP_META_MAX) return neg(EACCES);
  p.setBounds(meta, p.data, p.end);
  return 0n;
}

export function xdpAdjustTail(c: Call): bigint {
  const p = packet(c);
  const offset = c.s32(2);
  const end = p.end + offset;
  if (end > p.buffer.length || end < p.data + ETH_HLEN) return neg(EINVAL);
  // Growing clears the new bytes: they could hold stale kernel memory.
  if (offset > 0) p.write(p.end, new Uint8Array(offset));
  p.setBounds(p.meta, p.data, end);
  return 0n;
}

export function xdpGetBuffLen(c: Call): bigint {
  const p = packet(c);
  return BigInt(p.end - p.data);
}

// ---------------------------------------------------------------------------------------------
// skb bytes

const packetLength = (p: PacketApi): number => p.end - p.data;

/** bpf_skb_load_bytes(skb, offset, to, len): 0, or -EFAULT with `to` zeroed. */
export function skbLoadBytes(c: Call): bigint {
  const p = packet(c);
  const offset = c.u32(2);
  const len = c.u32(4);
  if (offset > INT_MAX || offset + len > packetLength(p)) {
    c.write(c.arg(3), new Uint8Array(len));
    return neg(EFAULT);
  }
  c.write(c.arg(3), p.buffer.slice(p.data + offset, p.data + offset + len));
  return 0n;
}

const BPF_F_RECOMPUTE_CSUM = 1n;
const BPF_F_INVALIDATE_HASH = 2n;
/** __sk_buff.hash, which BPF_F_INVALIDATE_HASH clears. */
const SKB_HASH_OFFSET = 68;

/** bpf_skb_store_bytes(skb, offset, from, len, flags). */
export function skbStoreBytes(c: Call): bigint {
  const p = packet(c);
  const offset = c.u32(2);
  const len = c.u32(4);
  const flags = c.arg(5);
  if (flags & ~(BPF_F_RECOMPUTE_CSUM | BPF_F_INVALIDATE_HASH)) return neg(EINVAL);
  if (offset > INT_MAX) return neg(EFAULT);
  if (offset + len > packetLength(p)) return neg(EFAULT);
  const from = c.read(c.arg(3), len);
  p.write(p.data + offset, from);
  if (flags & BPF_F_INVALIDATE_HASH) clearHash(c);
  return 0n;
}

function clearHash(c: Call): void {
  const env = c.api.env;
  if (!env || env.bytes.length < SKB_HASH_OFFSET + 4) return;
  const bytes = env.bytes;
  const old = bytes.slice(SKB_HASH_OFFSET, SKB_HASH_OFFSET + 4);
  bytes.fill(0, SKB_HASH_OFFSET, SKB_HASH_OFFSET + 4);
  c.api.onUndo(() => bytes.set(old, SKB_HASH_OFFSET));
}

/** bpf_skb_pull_data(skb, len): test-run skbs are linear, so only a length past the end fails. */
export function skbPullData(c: Call): bigint {
  const p = packet(c);
  return c.u32(2) > packetLength(p) ? neg(12) : 0n;
}

// ---------------------------------------------------------------------------------------------
// Checksums. Values are the kernel's: 16-bit fields read and written in host (little-endian)
// order, one's-complement sums with end-around carry.

const u32 = (v: number): number => v >>> 0;
/** csum_add (x86-64's add32_with_carry). */
const csumAdd = (a: number, b: number): number => {
  const s = u32(a) + u32(b);
  return u32(s + (s > 0xffffffff ? 1 : 0));
};
const csumSub = (a: number, b: number): number => csumAdd(a, u32(~b));
/** csum_fold: 32 to 16 bits, inverted. */
function csumFold(sum: number): number {
  let s = u32(sum);
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}
/** csum_from32to16: 32 to 16 bits, not inverted. */
function csumFrom32to16(sum: number): number {
  const s = u32(u32(sum) + u32((sum >>> 16) | (sum << 16)));
  return s >>> 16;
}
function csum16Add(csum: number, addend: number): number {
  let res = (csum & 0xffff) + (addend & 0xffff);
  res &= 0xffff;
  return (res + (res < (addend & 0xffff) ? 1 : 0)) & 0xffff;
}
const csum16Sub = (csum: number, addend: number): number => csum16Add(csum, ~addend & 0xffff);

/** csum_replace4(sum, from, to) */
const csumReplace4 = (sum: number, from: number, to: number): number =>
  csumFold(csumAdd(csumSub(u32(~sum), from), to));
/** csum_replace2(sum, old, new) */
const csumReplace2 = (sum: number, from: number, to: number): number =>
  ~csum16Add(csum16Sub(~sum & 0xffff, from), to) & 0xffff;
/** csum_replace_by_diff(sum, diff) */
const csumReplaceByDiff = (sum: number, diff: number): number => csumFold(csumAdd(diff, u32(~sum)));

/**
 * x86-64's csum_partial: a one's-complement sum of little-endian 64-bit words (a short tail is
 * zero-extended) starting from `seed`, folded to 32 bits.
 */
export function csumPartial(bytes: Uint8Array, seed: number): number {
  const M = (1n << 64n) - 1n;
  let acc = BigInt(u32(seed));
  const add = (w: bigint): void => {
    acc += w;
    if (acc > M) acc = (acc & M) + 1n;
  };
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let i = 0;
  for (; i + 8 <= bytes.length; i += 8) add(dv.getBigUint64(i, true));
  if (i < bytes.length) {
    let w = 0n;
    for (let k = bytes.length - 1; k >= i; k--) w = (w << 8n) | BigInt(bytes[k]!);
    add(w);
  }
  // csum_finalize_sum: (acc + ror64(acc, 32)) >> 32
  const ror = ((acc >> 32n) | (acc << 32n)) & M;
  return Number(((acc + ror) & M) >> 32n);
}

const HDR_FIELD_MASK = 0xfn;
const BPF_F_PSEUDO_HDR = 1n << 4n;
const BPF_F_MARK_MANGLED_0 = 1n << 5n;
const BPF_F_MARK_ENFORCE = 1n << 6n;
const BPF_F_IPV6 = 1n << 7n;
const CSUM_MANGLED_0 = 0xffff;

/** The 16-bit checksum field at packet offset `offset`, or the errno the kernel returns. */
function csumField(p: PacketApi, offset: number): number | bigint {
  if (offset > 0xffff || offset & 1) return neg(EFAULT);
  if (offset + 2 > packetLength(p)) return neg(EFAULT);
  const at = p.data + offset;
  return p.buffer[at]! | (p.buffer[at + 1]! << 8);
}

function putField(p: PacketApi, offset: number, v: number): void {
  p.write(p.data + offset, Uint8Array.of(v & 0xff, (v >>> 8) & 0xff));
}

/** bpf_l3_csum_replace(skb, offset, from, to, flags) */
export function l3CsumReplace(c: Call): bigint {
  const p = packet(c);
  const offset = c.u32(2);
  const from = c.arg(3);
  const to = c.arg(4);
  const flags = c.arg(5);
  if (flags & ~HDR_FIELD_MASK) return neg(EINVAL);
  const sum = csumField(p, offset);
  if (typeof sum === 'bigint') return sum;
  let next: number;
  switch (flags & HDR_FIELD_MASK) {
    case 0n:
      if (from !== 0n) return neg(EINVAL);
      next = csumReplaceByDiff(sum, Number(to & 0xffffffffn));
      break;
    case 2n: next = csumReplace2(sum, Number(from & 0xffffn), Number(to & 0xffffn)); break;
    case 4n: next = csumReplace4(sum, Number(from & 0xffffffffn), Number(to & 0xffffffffn)); break;
    default: return neg(EINVAL);
  }
  putField(p, offset, next);
  return 0n;
}

/** bpf_l4_csum_replace(skb, offset, from, to, flags); test-run skbs are CHECKSUM_NONE. */
export function l4CsumReplace(c: Call): bigint {
  const p = packet(c);
  const offset = c.u32(2);
  const from = c.arg(3);
  const to = c.arg(4);
  const flags = c.arg(5);
  const mmzero = (flags & BPF_F_MARK_MANGLED_0) !== 0n;
  const enforce = (flags & BPF_F_MARK_ENFORCE) !== 0n;
  if (flags & ~(BPF_F_MARK_MANGLED_0 | BPF_F_MARK_ENFORCE | BPF_F_PSEUDO_HDR | HDR_FIELD_MASK | BPF_F_IPV6)) return neg(EINVAL);
  const sum = csumField(p, offset);
  if (typeof sum === 'bigint') return sum;
  if (mmzero && !enforce && sum === 0) return 0n;
  let next: number;
  switch (flags & HDR_FIELD_MASK) {
    case 0n:
      if (from !== 0n) return neg(EINVAL);
      next = csumReplaceByDiff(sum, Number(to & 0xffffffffn));
      break;
    // inet_proto_csum_replace2 widens the 16-bit values and goes through the 32-bit path.
    case 2n: next = csumReplace4(sum, Number(from & 0xffffn), Number(to & 0xffffn)); break;
    case 4n: next = csumReplace4(sum, Number(from & 0xffffffffn), Number(to & 0xffffffffn)); break;
    default: return neg(EINVAL);
  }
  if (mmzero && next === 0) next = CSUM_MANGLED_0;
  putField(p, offset, next);
  return 0n;
}

/**
 * bpf_csum_diff(from, from_size, to, to_size, seed): a one's-complement diff folded to 16 bits.
 * Measured on 6.18: no size checks remain (sizes need not be multiples of 4 and may add up to
 * more than 512); the verifier bounds them by the memory passed.
 */
export function csumDiff(c: Call): bigint {
  const fromSize = c.u32(2);
  const toSize = c.u32(4);
  const seed = c.u32(5);
  const from = c.read(c.arg(1), fromSize);
  const to = c.read(c.arg(3), toSize);
  let ret = seed;
  if (fromSize && toSize) ret = csumSub(csumPartial(to, ret), csumPartial(from, 0));
  else if (toSize) ret = csumPartial(to, ret);
  else if (fromSize) ret = u32(~csumPartial(from, u32(~ret)));
  return BigInt(csumFrom32to16(ret));
}
