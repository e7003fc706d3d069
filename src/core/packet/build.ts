// Structured layers → packet bytes. Lays headers out innermost first, so each header knows the
// bytes it carries: lengths, next-protocol fields and checksums are computed from what follows
// unless the user gave them (a given value is written as is, however wrong). Trailers go after
// everything and count in no length or checksum.

import { parseIpv4, parseIpv6, parseMac } from './addr.js';
import { ByteWriter, concat, fromHex, utf8Encode } from './bytes.js';
import { finish, pseudoSum, sum16, type PseudoHeader } from './checksum.js';
import { DEFAULTS, type ChecksumValue, type Layer, type LayerKind } from './layers.js';
import { ETHERTYPES, ICMP_ECHO_LIKE, ICMPV6_ECHO_LIKE, IP_PROTOS } from './names.js';
import { encodeIpv4Options, encodeIpv6Options, encodeTcpOptions } from './options.js';
import { validateLayers, type BuildError } from './validate.js';

export type BuildResult = { ok: true; bytes: Uint8Array } | { ok: false; error: BuildError };

/** The EtherType that announces a layer of this kind, if it has one. */
export function etherTypeFor(kind: LayerKind | undefined): number | undefined {
  switch (kind) {
    case 'vlan': return ETHERTYPES.vlan;
    case 'qinq': return ETHERTYPES.qinq;
    case 'ipv4': return ETHERTYPES.ipv4;
    case 'ipv6': return ETHERTYPES.ipv6;
    case 'arp': return ETHERTYPES.arp;
    default: return undefined;
  }
}

/** The IP protocol / next-header number that announces a layer of this kind, if it has one. */
export function ipProtoFor(kind: LayerKind | undefined): number | undefined {
  switch (kind) {
    case 'tcp': return IP_PROTOS.tcp;
    case 'udp': return IP_PROTOS.udp;
    case 'icmp': return IP_PROTOS.icmp;
    case 'icmpv6': return IP_PROTOS.icmpv6;
    case 'ipv4': return IP_PROTOS.ipip;
    case 'ipv6': return IP_PROTOS.ipv6;
    case 'hbh': return IP_PROTOS.hopopt;
    case 'routing': return IP_PROTOS.routing;
    case 'frag': return IP_PROTOS.frag;
    case 'dstopts': return IP_PROTOS.dstopts;
    default: return undefined;
  }
}

// Addresses were validated, so the parsers cannot fail here; the fallbacks only satisfy the types.
const mac = (s: string | undefined, dflt: string): Uint8Array => parseMac(s ?? dflt) ?? new Uint8Array(6);
const ip4 = (s: string | undefined, dflt: string): Uint8Array => parseIpv4(s ?? dflt) ?? new Uint8Array(4);
const ip6 = (s: string | undefined, dflt: string): Uint8Array => parseIpv6(s ?? dflt) ?? new Uint8Array(16);

/** What a checksum field holds: the given value, a wrong one for `'bad'`, or the correct one. */
function checksumValue(given: ChecksumValue | undefined, correct: number): number {
  if (given === undefined) return correct;
  return given === 'bad' ? correct ^ 1 : given;
}

/** The pseudo-header for a transport layer at `index`: the nearest IP header below it, with the
 * final destination from an IPv6 routing header that still has segments left (RFC 8200 §8.1). */
function pseudoHeaderFor(layers: readonly Layer[], index: number): PseudoHeader | null {
  let routedDst: Uint8Array | null = null;
  for (let j = index - 1; j >= 0; j--) {
    const l = layers[j]!;
    if (l.kind === 'routing' && routedDst === null) {
      const addrs = l.addrs ?? [];
      const segleft = l.segleft ?? addrs.length;
      if (segleft > 0 && addrs.length > 0) routedDst = ip6(addrs[addrs.length - 1], '::');
    }
    if (l.kind === 'ipv4') return { family: 4, src: ip4(l.src, DEFAULTS.ipv4.src), dst: ip4(l.dst, DEFAULTS.ipv4.dst) };
    if (l.kind === 'ipv6') return { family: 6, src: ip6(l.src, DEFAULTS.ipv6.src), dst: routedDst ?? ip6(l.dst, DEFAULTS.ipv6.dst) };
  }
  return null;
}

function payloadBytes(l: Extract<Layer, { kind: 'payload' | 'trailer' }>): Uint8Array {
  if (l.text !== undefined) return utf8Encode(l.text);
  if (l.hex !== undefined) return fromHex(l.hex) ?? new Uint8Array(0);
  if (l.len !== undefined) return new Uint8Array(l.len).fill(l.fill ?? 0);
  return new Uint8Array(0);
}

interface Ctx { layers: readonly Layer[]; index: number; next: Layer | undefined; body: Uint8Array }

/** Lays out one layer around `c.body`, or says which computed value does not fit its field. */
function encodeLayer(l: Layer, c: Ctx): Uint8Array | BuildError {
  const w = new ByteWriter();
  const nextKind = c.next?.kind;
  const tooLong = (field: string, v: number, max: number, what: string): BuildError | null =>
    v > max ? { layer: c.index, field, message: `${l.kind}: ${what} would be ${v}, more than the field holds (${max})` } : null;
  let e: BuildError | null;
  switch (l.kind) {
    case 'eth':
      w.bytes(mac(l.dst, DEFAULTS.mac.dst)).bytes(mac(l.src, DEFAULTS.mac.src));
      w.u16(l.type ?? etherTypeFor(nextKind) ?? DEFAULTS.etherTypeNone);
      return w.bytes(c.body).done();
    case 'vlan': case 'qinq':
      w.u16(((l.pcp ?? 0) << 13) | ((l.dei ?? 0) << 12) | (l.id ?? DEFAULTS.vlan.id));
      w.u16(l.type ?? etherTypeFor(nextKind) ?? DEFAULTS.etherTypeNone);
      return w.bytes(c.body).done();
    case 'arp': {
      const prev = c.layers[c.index - 1];
      const ethSrc = prev?.kind === 'eth' ? prev.src : undefined;
      w.u16(l.hwtype ?? 1).u16(l.ptype ?? ETHERTYPES.ipv4).u8(l.hwlen ?? 6).u8(l.plen ?? 4).u16(l.op ?? 1);
      w.bytes(mac(l.hwsrc ?? ethSrc, DEFAULTS.mac.src)).bytes(ip4(l.psrc, DEFAULTS.ipv4.src));
      w.bytes(mac(l.hwdst, DEFAULTS.mac.zero)).bytes(ip4(l.pdst, DEFAULTS.ipv4.dst));
      return w.bytes(c.body).done();
    }
    case 'ipv4': {
      const opts = encodeIpv4Options(l.options ?? []);
      const hlen = 20 + opts.length;
      if (l.ihl === undefined && (e = tooLong('options', hlen, 60, 'the header length in bytes'))) return e;
      const total = l.len ?? hlen + c.body.length;
      if ((e = tooLong('len', total, 0xffff, 'the total length'))) return e;
      w.u8(((l.version ?? 4) << 4) | (l.ihl ?? hlen / 4)).u8(((l.dscp ?? 0) << 2) | (l.ecn ?? 0)).u16(total);
      w.u16(l.id ?? DEFAULTS.ipv4.id).u16(((l.flags ?? 0) << 13) | (l.frag ?? 0));
      w.u8(l.ttl ?? DEFAULTS.ipv4.ttl).u8(l.proto ?? ipProtoFor(nextKind) ?? DEFAULTS.ipProtoNone).u16(0);
      w.bytes(ip4(l.src, DEFAULTS.ipv4.src)).bytes(ip4(l.dst, DEFAULTS.ipv4.dst)).bytes(opts);
      const hdr = w.done();
      w.patch16(10, checksumValue(l.chksum, finish(sum16(hdr))));
      return w.bytes(c.body).done();
    }
    case 'ipv6': {
      const plen = l.plen ?? c.body.length;
      if ((e = tooLong('plen', plen, 0xffff, 'the payload length'))) return e;
      const tc = l.tc ?? 0;
      w.u32((((l.version ?? 6) << 28) | (tc << 20) | (l.fl ?? 0)) >>> 0).u16(plen);
      w.u8(l.nh ?? ipProtoFor(nextKind) ?? DEFAULTS.ipv6NextNone).u8(l.hlim ?? DEFAULTS.ipv6.hlim);
      w.bytes(ip6(l.src, DEFAULTS.ipv6.src)).bytes(ip6(l.dst, DEFAULTS.ipv6.dst));
      return w.bytes(c.body).done();
    }
    case 'hbh': case 'dstopts': {
      const opts = encodeIpv6Options(l.options ?? []);
      const units = (2 + opts.length) / 8 - 1;
      if (l.len === undefined && (e = tooLong('options', units, 255, 'the header length in 8-byte units'))) return e;
      w.u8(l.nh ?? ipProtoFor(nextKind) ?? DEFAULTS.ipv6NextNone).u8(l.len ?? units).bytes(opts);
      return w.bytes(c.body).done();
    }
    case 'routing': {
      const addrs = l.addrs ?? [];
      w.u8(l.nh ?? ipProtoFor(nextKind) ?? DEFAULTS.ipv6NextNone).u8(l.len ?? 2 * addrs.length);
      w.u8(l.type ?? 0).u8(l.segleft ?? addrs.length).u32(l.reserved ?? 0);
      for (const a of addrs) w.bytes(ip6(a, '::'));
      return w.bytes(c.body).done();
    }
    case 'frag':
      w.u8(l.nh ?? ipProtoFor(nextKind) ?? DEFAULTS.ipv6NextNone).u8(l.res1 ?? 0);
      w.u16(((l.offset ?? 0) << 3) | ((l.res2 ?? 0) << 1) | (l.m ?? 0)).u32(l.id ?? 0);
      return w.bytes(c.body).done();
    case 'tcp': {
      const opts = encodeTcpOptions(l.options ?? []);
      const hlen = 20 + opts.length;
      if (l.dataofs === undefined && (e = tooLong('options', hlen, 60, 'the header length in bytes'))) return e;
      const flags = l.flags ?? DEFAULTS.tcp.flags;
      w.u16(l.sport ?? DEFAULTS.tcp.sport).u16(l.dport ?? DEFAULTS.tcp.dport);
      w.u32(l.seq ?? DEFAULTS.tcp.seq).u32(l.ack ?? DEFAULTS.tcp.ack);
      w.u8(((l.dataofs ?? hlen / 4) << 4) | ((l.reserved ?? 0) << 1) | (flags >> 8)).u8(flags & 0xff);
      w.u16(l.window ?? DEFAULTS.tcp.window).u16(0).u16(l.urgptr ?? 0).bytes(opts).bytes(c.body);
      return transportChecksum(w, 16, l.chksum, c, IP_PROTOS.tcp, false);
    }
    case 'udp': {
      const len = l.len ?? 8 + c.body.length;
      if ((e = tooLong('len', len, 0xffff, 'the length'))) return e;
      w.u16(l.sport ?? DEFAULTS.udp.sport).u16(l.dport ?? DEFAULTS.udp.dport).u16(len).u16(0).bytes(c.body);
      return transportChecksum(w, 6, l.chksum, c, IP_PROTOS.udp, true);
    }
    case 'icmp': {
      const echo = ICMP_ECHO_LIKE.has(l.type ?? DEFAULTS.icmp.type);
      w.u8(l.type ?? DEFAULTS.icmp.type).u8(l.code ?? 0).u16(0);
      w.u32(l.rest ?? (((l.id ?? (echo ? DEFAULTS.icmp.id : 0)) << 16) | (l.seq ?? (echo ? DEFAULTS.icmp.seq : 0))) >>> 0);
      const msg = w.bytes(c.body).done();
      w.patch16(2, checksumValue(l.chksum, finish(sum16(msg))));
      return w.done();
    }
    case 'icmpv6': {
      const echo = ICMPV6_ECHO_LIKE.has(l.type ?? DEFAULTS.icmpv6.type);
      w.u8(l.type ?? DEFAULTS.icmpv6.type).u8(l.code ?? 0).u16(0);
      w.u32(l.rest ?? (((l.id ?? (echo ? DEFAULTS.icmpv6.id : 0)) << 16) | (l.seq ?? (echo ? DEFAULTS.icmpv6.seq : 0))) >>> 0);
      if (l.target !== undefined) w.bytes(ip6(l.target, '::'));
      w.bytes(c.body);
      return transportChecksum(w, 2, l.chksum, c, IP_PROTOS.icmpv6, false);
    }
    case 'payload': case 'trailer':
      return concat([payloadBytes(l), c.body]);
  }
}

/** Fills a pseudo-header checksum at `at`. Without an IP layer below there is no pseudo-header,
 * so the field stays 0 (as scapy leaves it). UDP sends a computed 0 as 0xffff (RFC 768). */
function transportChecksum(w: ByteWriter, at: number, given: ChecksumValue | undefined, c: Ctx, proto: number, udp: boolean): Uint8Array {
  const seg = w.done();
  const ph = pseudoHeaderFor(c.layers, c.index);
  let correct = ph ? finish(sum16(seg, 0, seg.length, pseudoSum(ph, proto, seg.length))) : 0;
  if (udp && ph && correct === 0) correct = 0xffff;
  w.patch16(at, checksumValue(given, correct));
  return w.done();
}

/** Builds a packet from structured layers; every problem comes back as a value, never thrown. */
export function buildPacket(input: readonly Layer[] | unknown): BuildResult {
  const v = validateLayers(input);
  return v.ok ? layoutPacket(v.layers) : v;
}

/** The layout step alone, for layers already known to be valid (fromtree.ts tries hundreds). */
export function layoutPacket(layers: readonly Layer[]): BuildResult {
  let end = layers.length;
  while (end > 0 && layers[end - 1]!.kind === 'trailer') end--;
  let body: Uint8Array = new Uint8Array(0);
  for (let i = end - 1; i >= 0; i--) {
    const r = encodeLayer(layers[i]!, { layers, index: i, next: layers[i + 1], body });
    if (!(r instanceof Uint8Array)) return { ok: false, error: r };
    body = r;
  }
  const trailers = layers.slice(end).map((l) => payloadBytes(l as Extract<Layer, { kind: 'trailer' }>));
  return { ok: true, bytes: concat([body, ...trailers]) };
}
