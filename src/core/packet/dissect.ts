// Bytes → a tree of layers and fields (see tree.ts). Follows the packet from the link layer
// inwards by the next-protocol fields, checks lengths and checksums, and never throws: a header
// cut short becomes a partial layer and a `stop` marker; bytes it cannot place become payload.

import { formatIpv4, formatIpv6, formatMac } from './addr.js';
import { asciiOf, isPlainText, toHex, u16, u32 } from './bytes.js';
import { finish, pseudoSum, sum16, type PseudoHeader } from './checksum.js';
import { LAYER_SCHEMAS, type LayerKind } from './layers.js';
import {
  ARP_HWTYPE_TITLES, ARP_OP_TITLES, ETHERTYPE_TITLES, ICMP_ECHO_LIKE, ICMP_ERRORS, ICMP_TYPE_TITLES, ICMPV6_ECHO_LIKE,
  ICMPV6_ERRORS, ICMPV6_TYPE_TITLES, ICMPV6_WITH_TARGET, IP_PROTO_TITLES, IPV4_FLAGS, TCP_FLAGS, titleOf,
} from './names.js';
import { decodeIpv4Options, decodeIpv6Options, decodeTcpOptions, type DecodedOption } from './options.js';
import type { ChecksumCheck, DissectedPacket, LinkType, PacketField, PacketLayer } from './tree.js';

type Proto = Exclude<LayerKind, 'trailer'>;
interface Ctx { pseudo: PseudoHeader | null; quoted: boolean }
interface Step { proto: Proto; at: number; end: number; ctx: Ctx; why?: string }
interface Result { layer: PacketLayer; next?: Step; stop?: string }

const hex2 = (v: number, digits: number): string => `0x${v.toString(16).padStart(digits, '0')}`;
const named = (v: number, digits: number, title: string | undefined): string => (title ? `${hex2(v, digits)} (${title})` : hex2(v, digits));
const numNamed = (v: number, title: string | undefined): string => (title ? `${v} (${title})` : `${v}`);

/** Accumulates one layer's fields; reads only what lies before `end`, so a short header yields
 * the fields that fit and marks the layer incomplete. */
class Draft {
  readonly fields: PacketField[] = [];
  readonly problems: string[] = [];
  complete = true;
  summary = '';
  title: string;

  constructor(readonly b: Uint8Array, readonly kind: LayerKind, readonly at: number, readonly end: number) {
    this.title = LAYER_SCHEMAS[kind].title;
  }

  fits(off: number, len: number): boolean { return this.at + off + len <= this.end; }

  /** A whole-byte unsigned field at `off` (relative to the layer) of 1, 2 or 4 bytes. */
  int(name: string, label: string, off: number, len: 1 | 2 | 4, show?: (v: number) => string): number | undefined {
    if (!this.fits(off, len)) { this.complete = false; return undefined; }
    const p = this.at + off;
    const v = len === 1 ? this.b[p]! : len === 2 ? u16(this.b, p) : u32(this.b, p);
    this.fields.push({ name, label, offset: p, length: len, value: v, display: show ? show(v) : `${v}` });
    return v;
  }

  /** A bit field: `bitLen` bits starting `bitOff` bits into the byte at `off`. */
  bits(name: string, label: string, off: number, bitOff: number, bitLen: number, show?: (v: number) => string): number | undefined {
    const span = Math.ceil((bitOff + bitLen) / 8);
    if (!this.fits(off, span)) { this.complete = false; return undefined; }
    let acc = 0;
    for (let i = 0; i < span; i++) acc = acc * 256 + this.b[this.at + off + i]!;
    const v = Math.floor(acc / 2 ** (span * 8 - bitOff - bitLen)) % 2 ** bitLen;
    this.fields.push({ name, label, offset: this.at + off, length: span, bitOffset: bitOff, bitLength: bitLen, value: v, display: show ? show(v) : `${v}` });
    return v;
  }

  /** A byte-string field shown by `show` (addresses), or undefined if it does not fit. */
  raw(name: string, label: string, off: number, len: number, show: (b: Uint8Array, at: number) => string): string | undefined {
    if (!this.fits(off, len)) { this.complete = false; return undefined; }
    const p = this.at + off;
    const display = show(this.b, p);
    this.fields.push({ name, label, offset: p, length: len, value: toHex(this.b, p, p + len), display });
    return display;
  }

  field(name: string): PacketField | undefined { return this.fields.find((f) => f.name === name); }

  /** The layer covering [at, at + length). */
  done(length: number): PacketLayer {
    return {
      kind: this.kind, title: this.title, offset: this.at, length, summary: this.summary, fields: this.fields,
      complete: this.complete, problems: this.problems,
    };
  }
}

function checksumField(f: PacketField | undefined, check: ChecksumCheck): void {
  if (!f) return;
  f.checksum = check;
  const v = hex2(f.value as number, 4);
  const why = check.status === 'correct' ? 'correct'
    : check.status === 'incorrect' ? `incorrect, should be ${hex2(check.expected ?? 0, 4)}`
      : check.status === 'none' ? 'none' : 'unverified: data cut short';
  f.display = `${v} (${why})`;
}

/** Verifies an Internet checksum stored at `b[fieldAt]` over `b[start..end)` plus `extra`. */
function verify(b: Uint8Array, start: number, end: number, fieldAt: number, extra: number): ChecksumCheck {
  const stored = u16(b, fieldAt);
  const all = sum16(b, start, end, extra);
  const expected = finish(all - stored);
  return finish(all) === 0 ? { status: 'correct', expected } : { status: 'incorrect', expected };
}

const truncated = (d: Draft, what: string, need: number): string => {
  d.complete = false;
  const left = d.end - d.at;
  return `${what} cut short: needs ${need} bytes, ${left} left`;
};

function etherStep(type: number, at: number, end: number, ctx: Ctx): Step {
  switch (type) {
    case 0x8100: return { proto: 'vlan', at, end, ctx };
    case 0x88a8: case 0x9100: return { proto: 'qinq', at, end, ctx };
    case 0x0800: return { proto: 'ipv4', at, end, ctx };
    case 0x86dd: return { proto: 'ipv6', at, end, ctx };
    case 0x0806: return { proto: 'arp', at, end, ctx };
    default: return { proto: 'payload', at, end, ctx, why: type <= 1500 ? '802.3 data' : `EtherType ${hex2(type, 4)}` };
  }
}

function ipStep(proto: number, at: number, end: number, ctx: Ctx, v6: boolean): Step {
  switch (proto) {
    case 6: return { proto: 'tcp', at, end, ctx };
    case 17: return { proto: 'udp', at, end, ctx };
    case 1: return { proto: 'icmp', at, end, ctx };
    case 58: return { proto: 'icmpv6', at, end, ctx };
    case 4: return { proto: 'ipv4', at, end, ctx };
    case 41: return { proto: 'ipv6', at, end, ctx };
    case 0: if (v6) return { proto: 'hbh', at, end, ctx }; break;
    case 43: if (v6) return { proto: 'routing', at, end, ctx }; break;
    case 44: if (v6) return { proto: 'frag', at, end, ctx }; break;
    case 60: if (v6) return { proto: 'dstopts', at, end, ctx }; break;
  }
  return { proto: 'payload', at, end, ctx, why: proto === 59 ? 'no next header' : `protocol ${proto}${IP_PROTO_TITLES[proto] ? ` (${IP_PROTO_TITLES[proto]})` : ''}` };
}

const typeDisplay = (v: number): string => (v <= 1500 ? `${v} (802.3 length)` : named(v, 4, titleOf(ETHERTYPE_TITLES, v)));

function eth(b: Uint8Array, at: number, end: number, ctx: Ctx): Result {
  const d = new Draft(b, 'eth', at, end);
  const dst = d.raw('dst', 'Destination', 0, 6, formatMac);
  const src = d.raw('src', 'Source', 6, 6, formatMac);
  const type = d.int('type', 'Type', 12, 2, typeDisplay);
  d.summary = `${src ?? '?'} → ${dst ?? '?'}`;
  if (type === undefined) return { layer: d.done(end - at), stop: truncated(d, 'Ethernet header', 14) };
  d.summary += `, ${titleOf(ETHERTYPE_TITLES, type) ?? hex2(type, 4)}`;
  return { layer: d.done(14), next: etherStep(type, at + 14, end, ctx) };
}

function vlan(kind: 'vlan' | 'qinq', b: Uint8Array, at: number, end: number, ctx: Ctx): Result {
  const d = new Draft(b, kind, at, end);
  const pcp = d.bits('pcp', 'Priority (PCP)', 0, 0, 3);
  d.bits('dei', 'Drop eligible (DEI)', 0, 3, 1);
  const id = d.bits('id', 'VLAN ID', 0, 4, 12);
  const type = d.int('type', 'Type', 2, 2, typeDisplay);
  d.summary = `VLAN ${id ?? '?'}, priority ${pcp ?? '?'}`;
  if (type === undefined) return { layer: d.done(end - at), stop: truncated(d, `${d.title} tag`, 4) };
  return { layer: d.done(4), next: etherStep(type, at + 4, end, ctx) };
}

function arp(b: Uint8Array, at: number, end: number, ctx: Ctx): Result {
  const d = new Draft(b, 'arp', at, end);
  d.int('hwtype', 'Hardware type', 0, 2, (v) => numNamed(v, titleOf(ARP_HWTYPE_TITLES, v)));
  d.int('ptype', 'Protocol type', 2, 2, (v) => named(v, 4, titleOf(ETHERTYPE_TITLES, v)));
  const hl = d.int('hwlen', 'Hardware size', 4, 1);
  const pl = d.int('plen', 'Protocol size', 5, 1);
  const op = d.int('op', 'Opcode', 6, 2, (v) => numNamed(v, titleOf(ARP_OP_TITLES, v)));
  if (hl === undefined || pl === undefined || op === undefined) return { layer: d.done(end - at), stop: truncated(d, 'ARP header', 8) };
  const len = 8 + 2 * (hl + pl);
  if (hl === 6 && pl === 4) {
    const hs = d.raw('hwsrc', 'Sender MAC', 8, 6, formatMac);
    const ps = d.raw('psrc', 'Sender IP', 14, 4, formatIpv4);
    d.raw('hwdst', 'Target MAC', 18, 6, formatMac);
    const pd = d.raw('pdst', 'Target IP', 24, 4, formatIpv4);
    d.summary = op === 1 ? `who has ${pd ?? '?'}? tell ${ps ?? '?'}` : op === 2 ? `${ps ?? '?'} is at ${hs ?? '?'}` : `opcode ${op}`;
  } else {
    const show = (n: number) => (bb: Uint8Array, p: number): string => toHex(bb, p, p + n);
    d.raw('sha', 'Sender hardware address', 8, hl, show(hl));
    d.raw('spa', 'Sender protocol address', 8 + hl, pl, show(pl));
    d.raw('tha', 'Target hardware address', 8 + hl + pl, hl, show(hl));
    d.raw('tpa', 'Target protocol address', 8 + 2 * hl + pl, pl, show(pl));
    d.summary = `opcode ${op}, ${hl}-byte hardware and ${pl}-byte protocol addresses`;
  }
  if (!d.fits(0, len)) return { layer: d.done(end - at), stop: truncated(d, 'ARP message', len) };
  return { layer: d.done(len), next: { proto: 'payload', at: at + len, end, ctx, why: 'after ARP' } };
}

const ipv4Flags = (v: number): string => (v === 0 ? 'none' : IPV4_FLAGS.filter((f) => v & f.bit).map((f) => f.name).reverse().join(', '));

function optionChildren<T>(opts: DecodedOption<T>[]): PacketField[] {
  return opts.map((o) => ({ name: o.name, label: o.label, offset: o.offset, length: o.length, value: o.value, display: o.display }));
}

function ipv4(b: Uint8Array, at: number, end: number, ctx: Ctx): Result {
  const d = new Draft(b, 'ipv4', at, end);
  const version = d.bits('version', 'Version', 0, 0, 4);
  const ihl = d.bits('ihl', 'Header length', 0, 4, 4, (v) => `${v} (${v * 4} bytes)`);
  d.bits('dscp', 'DSCP', 1, 0, 6);
  d.bits('ecn', 'ECN', 1, 6, 2);
  const total = d.int('len', 'Total length', 2, 2);
  d.int('id', 'Identification', 4, 2, (v) => `${v} (${hex2(v, 4)})`);
  const flags = d.bits('flags', 'Flags', 6, 0, 3, ipv4Flags);
  const frag = d.bits('frag', 'Fragment offset', 6, 3, 13, (v) => `${v} (${v * 8} bytes)`);
  const ttl = d.int('ttl', 'Time to live', 8, 1);
  const proto = d.int('proto', 'Protocol', 9, 1, (v) => numNamed(v, IP_PROTO_TITLES[v]));
  d.int('chksum', 'Header checksum', 10, 2, (v) => hex2(v, 4));
  const src = d.raw('src', 'Source', 12, 4, formatIpv4);
  const dst = d.raw('dst', 'Destination', 16, 4, formatIpv4);
  d.summary = `${src ?? '?'} → ${dst ?? '?'}`;
  if (version === undefined || ihl === undefined || total === undefined || frag === undefined || flags === undefined ||
    ttl === undefined || proto === undefined || src === undefined || dst === undefined) {
    return { layer: d.done(end - at), stop: truncated(d, 'IPv4 header', 20) };
  }
  if (version !== 4) d.problems.push(`version is ${version}, not 4`);
  if (ihl < 5) {
    d.problems.push(`header length ${ihl} is below the minimum 5`);
    return { layer: d.done(20), stop: `IPv4 header length ${ihl} (${ihl * 4} bytes) is below the minimum 20`, next: { proto: 'payload', at: at + 20, end, ctx } };
  }
  const hlen = ihl * 4;
  if (!d.fits(0, hlen)) {
    checksumField(d.field('chksum'), { status: 'unverified' });
    return { layer: d.done(end - at), stop: truncated(d, 'IPv4 header with options', hlen) };
  }
  if (hlen > 20) {
    const opts = decodeIpv4Options(b, at + 20, at + hlen);
    d.fields.push({ name: 'options', label: 'Options', offset: at + 20, length: hlen - 20, value: toHex(b, at + 20, at + hlen), display: opts.map((o) => o.label).join(', '), children: optionChildren(opts) });
    for (const o of opts) if (o.problem) d.problems.push(`option at byte ${o.offset - at}: ${o.problem}`);
  }
  checksumField(d.field('chksum'), verify(b, at, at + hlen, at + 10, 0));
  if (d.field('chksum')!.checksum!.status === 'incorrect') d.problems.push('header checksum is incorrect');
  let bodyEnd = end;
  if (total < hlen) d.problems.push(`total length ${total} is less than the header length ${hlen}`);
  else if (at + total > end) { if (!ctx.quoted) d.problems.push(`total length ${total} is more than the ${end - at} bytes present`); }
  else bodyEnd = at + total;
  d.summary += `, ${IP_PROTO_TITLES[proto] ?? `protocol ${proto}`}, ttl ${ttl}`;
  if (flags & 1 || frag) d.summary += `, fragment${frag ? ` at ${frag * 8}` : ''}${flags & 1 ? ' (more follow)' : ''}`;
  const inner: Ctx = { pseudo: { family: 4, src: b.slice(at + 12, at + 16), dst: b.slice(at + 16, at + 20) }, quoted: ctx.quoted };
  const next = frag > 0
    ? { proto: 'payload' as const, at: at + hlen, end: bodyEnd, ctx: inner, why: `fragment at offset ${frag * 8}` }
    : ipStep(proto, at + hlen, bodyEnd, inner, false);
  return { layer: d.done(hlen), next };
}

function ipv6(b: Uint8Array, at: number, end: number, ctx: Ctx): Result {
  const d = new Draft(b, 'ipv6', at, end);
  const version = d.bits('version', 'Version', 0, 0, 4);
  d.bits('tc', 'Traffic class', 0, 4, 8, (v) => `${hex2(v, 2)} (DSCP ${v >> 2}, ECN ${v & 3})`);
  d.bits('fl', 'Flow label', 1, 4, 20, (v) => hex2(v, 5));
  const plen = d.int('plen', 'Payload length', 4, 2);
  const nh = d.int('nh', 'Next header', 6, 1, (v) => numNamed(v, IP_PROTO_TITLES[v]));
  const hlim = d.int('hlim', 'Hop limit', 7, 1);
  const src = d.raw('src', 'Source', 8, 16, formatIpv6);
  const dst = d.raw('dst', 'Destination', 24, 16, formatIpv6);
  d.summary = `${src ?? '?'} → ${dst ?? '?'}`;
  if (version === undefined || plen === undefined || nh === undefined || hlim === undefined || src === undefined || dst === undefined) {
    return { layer: d.done(end - at), stop: truncated(d, 'IPv6 header', 40) };
  }
  if (version !== 6) d.problems.push(`version is ${version}, not 6`);
  let bodyEnd = end;
  if (at + 40 + plen > end) { if (!ctx.quoted) d.problems.push(`payload length ${plen} is more than the ${end - at - 40} bytes present`); }
  else bodyEnd = at + 40 + plen;
  d.summary += `, ${IP_PROTO_TITLES[nh] ?? `next header ${nh}`}, hop limit ${hlim}`;
  const inner: Ctx = { pseudo: { family: 6, src: b.slice(at + 8, at + 24), dst: b.slice(at + 24, at + 40) }, quoted: ctx.quoted };
  return { layer: d.done(40), next: ipStep(nh, at + 40, bodyEnd, inner, true) };
}

function ipv6Opts(kind: 'hbh' | 'dstopts', b: Uint8Array, at: number, end: number, ctx: Ctx): Result {
  const d = new Draft(b, kind, at, end);
  const nh = d.int('nh', 'Next header', 0, 1, (v) => numNamed(v, IP_PROTO_TITLES[v]));
  const len = d.int('len', 'Header length', 1, 1, (v) => `${v} (${8 * (v + 1)} bytes)`);
  if (nh === undefined || len === undefined) return { layer: d.done(end - at), stop: truncated(d, d.title, 2) };
  const hlen = 8 * (len + 1);
  if (!d.fits(0, hlen)) return { layer: d.done(end - at), stop: truncated(d, d.title, hlen) };
  const opts = decodeIpv6Options(b, at + 2, at + hlen);
  d.fields.push({ name: 'options', label: 'Options', offset: at + 2, length: hlen - 2, value: toHex(b, at + 2, at + hlen), display: opts.map((o) => o.label).join(', '), children: optionChildren(opts) });
  for (const o of opts) if (o.problem) d.problems.push(`option at byte ${o.offset - at}: ${o.problem}`);
  d.summary = `${hlen} bytes, ${IP_PROTO_TITLES[nh] ?? `next header ${nh}`} next`;
  return { layer: d.done(hlen), next: ipStep(nh, at + hlen, end, ctx, true) };
}

function routing(b: Uint8Array, at: number, end: number, ctx: Ctx): Result {
  const d = new Draft(b, 'routing', at, end);
  const nh = d.int('nh', 'Next header', 0, 1, (v) => numNamed(v, IP_PROTO_TITLES[v]));
  const len = d.int('len', 'Header length', 1, 1, (v) => `${v} (${8 * (v + 1)} bytes)`);
  const type = d.int('type', 'Routing type', 2, 1);
  const segleft = d.int('segleft', 'Segments left', 3, 1);
  d.int('reserved', 'Reserved', 4, 4, (v) => hex2(v, 8));
  if (nh === undefined || len === undefined || type === undefined || segleft === undefined || !d.fits(0, 8)) {
    return { layer: d.done(end - at), stop: truncated(d, 'IPv6 Routing header', 8) };
  }
  const hlen = 8 * (len + 1);
  if (!d.fits(0, hlen)) return { layer: d.done(end - at), stop: truncated(d, 'IPv6 Routing header', hlen) };
  let next = ctx;
  if (len % 2 === 0) {
    const addrs: PacketField[] = [];
    for (let p = at + 8; p < at + hlen; p += 16) {
      addrs.push({ name: 'addr', label: `Address ${addrs.length + 1}`, offset: p, length: 16, value: toHex(b, p, p + 16), display: formatIpv6(b, p) });
    }
    d.fields.push({ name: 'addrs', label: 'Addresses', offset: at + 8, length: hlen - 8, value: toHex(b, at + 8, at + hlen), display: addrs.map((a) => a.display).join(', '), children: addrs });
    // The transport checksum covers the final destination, the last address, while segments remain.
    if (segleft > 0 && addrs.length > 0 && ctx.pseudo) {
      next = { ...ctx, pseudo: { ...ctx.pseudo, dst: b.slice(at + hlen - 16, at + hlen) } };
    }
    if (segleft > addrs.length) d.problems.push(`segments left ${segleft} is more than the ${addrs.length} addresses`);
  } else {
    d.fields.push({ name: 'data', label: 'Type-specific data', offset: at + 8, length: hlen - 8, value: toHex(b, at + 8, at + hlen), display: toHex(b, at + 8, at + hlen) });
  }
  d.summary = `type ${type}, ${segleft} segments left`;
  return { layer: d.done(hlen), next: ipStep(nh, at + hlen, end, next, true) };
}

function frag(b: Uint8Array, at: number, end: number, ctx: Ctx): Result {
  const d = new Draft(b, 'frag', at, end);
  const nh = d.int('nh', 'Next header', 0, 1, (v) => numNamed(v, IP_PROTO_TITLES[v]));
  d.int('res1', 'Reserved', 1, 1);
  const offset = d.bits('offset', 'Fragment offset', 2, 0, 13, (v) => `${v} (${v * 8} bytes)`);
  d.bits('res2', 'Reserved bits', 3, 5, 2);
  const m = d.bits('m', 'More fragments', 3, 7, 1, (v) => (v ? '1 (more follow)' : '0 (last)'));
  d.int('id', 'Identification', 4, 4, (v) => `${v} (${hex2(v, 8)})`);
  if (nh === undefined || offset === undefined || m === undefined || !d.fits(0, 8)) {
    return { layer: d.done(end - at), stop: truncated(d, 'IPv6 Fragment header', 8) };
  }
  d.summary = `offset ${offset * 8}${m ? ', more follow' : ''}`;
  const next = offset > 0 ? { proto: 'payload' as const, at: at + 8, end, ctx, why: `fragment at offset ${offset * 8}` } : ipStep(nh, at + 8, end, ctx, true);
  return { layer: d.done(8), next };
}

/** How an option reads in the one-line list (`MSS 1460, NOP, WS 7`). */
const tcpOptionShort = (o: DecodedOption<unknown>): string => {
  switch (o.name) {
    case 'mss': return `MSS ${o.value}`;
    case 'wscale': return `WS ${o.value}`;
    case 'sackok': return 'SACK_PERM';
    case 'raw': return o.label;
    default: return o.name.toUpperCase();
  }
};

const tcpFlags = (v: number): string => (v === 0 ? 'none' : TCP_FLAGS.filter((f) => v & f.bit).map((f) => f.name).join(', '));

/** Checks a pseudo-header checksum over `[at, segEnd)` when all of it is present. */
function transportCheck(d: Draft, b: Uint8Array, at: number, segEnd: number, proto: number, ctx: Ctx, udp: boolean): void {
  const f = d.field('chksum');
  if (!f) return;
  if (udp && f.value === 0 && ctx.pseudo?.family === 4) { checksumField(f, { status: 'none' }); return; }
  if (!ctx.pseudo || segEnd > d.end) { checksumField(f, { status: 'unverified' }); return; }
  const check = verify(b, at, segEnd, at + (udp ? 6 : proto === 6 ? 16 : 2), pseudoSum(ctx.pseudo, proto, segEnd - at));
  if (udp && check.expected === 0) check.expected = 0xffff;
  checksumField(f, check);
  if (check.status === 'incorrect') d.problems.push('checksum is incorrect');
}

function tcp(b: Uint8Array, at: number, end: number, ctx: Ctx): Result {
  const d = new Draft(b, 'tcp', at, end);
  const sport = d.int('sport', 'Source port', 0, 2);
  const dport = d.int('dport', 'Destination port', 2, 2);
  const seq = d.int('seq', 'Sequence number', 4, 4);
  const ack = d.int('ack', 'Acknowledgment number', 8, 4);
  const dataofs = d.bits('dataofs', 'Data offset', 12, 0, 4, (v) => `${v} (${v * 4} bytes)`);
  d.bits('reserved', 'Reserved', 12, 4, 3);
  const flags = d.bits('flags', 'Flags', 12, 7, 9, (v) => tcpFlags(v));
  const win = d.int('window', 'Window', 14, 2);
  d.int('chksum', 'Checksum', 16, 2, (v) => hex2(v, 4));
  d.int('urgptr', 'Urgent pointer', 18, 2);
  d.summary = `${sport ?? '?'} → ${dport ?? '?'}`;
  if (dataofs === undefined || flags === undefined || !d.fits(0, 20)) {
    return { layer: d.done(end - at), stop: truncated(d, 'TCP header', 20) };
  }
  const letters = TCP_FLAGS.filter((f) => flags & f.bit).map((f) => f.name).join(', ');
  d.summary += ` [${letters}] seq ${seq} ack ${ack} win ${win}`;
  if (dataofs < 5) {
    d.problems.push(`data offset ${dataofs} is below the minimum 5`);
    checksumField(d.field('chksum'), { status: 'unverified' });
    return { layer: d.done(20), stop: `TCP data offset ${dataofs} (${dataofs * 4} bytes) is below the minimum 20`, next: { proto: 'payload', at: at + 20, end, ctx } };
  }
  const hlen = dataofs * 4;
  if (!d.fits(0, hlen)) {
    checksumField(d.field('chksum'), { status: 'unverified' });
    return { layer: d.done(end - at), stop: truncated(d, 'TCP header with options', hlen) };
  }
  if (hlen > 20) {
    const opts = decodeTcpOptions(b, at + 20, at + hlen);
    d.fields.push({ name: 'options', label: 'Options', offset: at + 20, length: hlen - 20, value: toHex(b, at + 20, at + hlen), display: opts.filter((o) => o.name !== 'padding').map(tcpOptionShort).join(', '), children: optionChildren(opts) });
    for (const o of opts) if (o.problem) d.problems.push(`option at byte ${o.offset - at}: ${o.problem}`);
  }
  transportCheck(d, b, at, end, 6, ctx, false);
  return { layer: d.done(hlen), next: { proto: 'payload', at: at + hlen, end, ctx } };
}

function udp(b: Uint8Array, at: number, end: number, ctx: Ctx): Result {
  const d = new Draft(b, 'udp', at, end);
  const sport = d.int('sport', 'Source port', 0, 2);
  const dport = d.int('dport', 'Destination port', 2, 2);
  const len = d.int('len', 'Length', 4, 2);
  d.int('chksum', 'Checksum', 6, 2, (v) => hex2(v, 4));
  d.summary = `${sport ?? '?'} → ${dport ?? '?'}`;
  if (len === undefined || !d.fits(0, 8)) return { layer: d.done(end - at), stop: truncated(d, 'UDP header', 8) };
  d.summary += ` len ${len}`;
  let segEnd = end;
  if (len < 8) d.problems.push(`length ${len} is less than the 8-byte header`);
  else if (at + len > end) { if (!ctx.quoted) d.problems.push(`length ${len} is more than the ${end - at} bytes present`); segEnd = at + len; }
  else if (at + len < end) { d.problems.push(`length ${len} is less than the ${end - at} bytes the IP header gives`); segEnd = at + len; }
  transportCheck(d, b, at, segEnd, 17, ctx, true);
  return { layer: d.done(8), next: { proto: 'payload', at: at + 8, end, ctx } };
}

function icmp(b: Uint8Array, at: number, end: number, ctx: Ctx): Result {
  const d = new Draft(b, 'icmp', at, end);
  const type = d.int('type', 'Type', 0, 1, (v) => numNamed(v, ICMP_TYPE_TITLES[v]));
  const code = d.int('code', 'Code', 1, 1);
  d.int('chksum', 'Checksum', 2, 2, (v) => hex2(v, 4));
  if (type === undefined || code === undefined || !d.fits(0, 4)) return { layer: d.done(end - at), stop: truncated(d, 'ICMP header', 8) };
  let id: number | undefined, seq: number | undefined;
  if (ICMP_ECHO_LIKE.has(type)) {
    id = d.int('id', 'Identifier', 4, 2);
    seq = d.int('seq', 'Sequence number', 6, 2);
  } else {
    d.int('rest', 'Rest of header', 4, 4, (v) => (type === 3 && code === 4 ? `${hex2(v, 8)} (next-hop MTU ${v & 0xffff})` : type === 5 ? `${hex2(v, 8)} (gateway ${formatIpv4(b, at + 4)})` : hex2(v, 8)));
  }
  d.summary = `${ICMP_TYPE_TITLES[type] ?? `type ${type}`}${code ? ` code ${code}` : ''}${id !== undefined ? ` id ${id} seq ${seq ?? '?'}` : ''}`;
  const ck = d.field('chksum');
  if (!d.fits(0, 8)) {
    checksumField(ck, { status: 'unverified' });
    return { layer: d.done(end - at), stop: truncated(d, 'ICMP header', 8) };
  }
  if (ctx.quoted) checksumField(ck, { status: 'unverified' });
  else {
    const check = verify(b, at, end, at + 2, 0);
    checksumField(ck, check);
    if (check.status === 'incorrect') d.problems.push('checksum is incorrect');
  }
  const next: Step = ICMP_ERRORS.has(type) && !ctx.quoted && end - at > 8
    ? { proto: 'ipv4', at: at + 8, end, ctx: { pseudo: null, quoted: true } }
    : { proto: 'payload', at: at + 8, end, ctx };
  return { layer: d.done(8), next };
}

function icmpv6(b: Uint8Array, at: number, end: number, ctx: Ctx): Result {
  const d = new Draft(b, 'icmpv6', at, end);
  const type = d.int('type', 'Type', 0, 1, (v) => numNamed(v, ICMPV6_TYPE_TITLES[v]));
  const code = d.int('code', 'Code', 1, 1);
  d.int('chksum', 'Checksum', 2, 2, (v) => hex2(v, 4));
  if (type === undefined || code === undefined || !d.fits(0, 4)) return { layer: d.done(end - at), stop: truncated(d, 'ICMPv6 header', 8) };
  let id: number | undefined, seq: number | undefined;
  if (ICMPV6_ECHO_LIKE.has(type)) {
    id = d.int('id', 'Identifier', 4, 2);
    seq = d.int('seq', 'Sequence number', 6, 2);
  } else {
    d.int('rest', 'Rest of header', 4, 4, (v) => (type === 136 ? `${hex2(v, 8)} (${['R', 'S', 'O'].filter((_, i) => v & (0x80000000 >>> i)).join('') || 'no flags'})` : type === 2 ? `${hex2(v, 8)} (MTU ${v})` : hex2(v, 8)));
  }
  const ck = d.field('chksum');
  if (!d.fits(0, 8)) {
    checksumField(ck, { status: 'unverified' });
    return { layer: d.done(end - at), stop: truncated(d, 'ICMPv6 header', 8) };
  }
  let hlen = 8;
  let target: string | undefined;
  if (ICMPV6_WITH_TARGET.has(type) && d.fits(0, 24)) { target = d.raw('target', 'Target address', 8, 16, formatIpv6); hlen = 24; }
  d.summary = `${ICMPV6_TYPE_TITLES[type] ?? `type ${type}`}${code ? ` code ${code}` : ''}${id !== undefined ? ` id ${id} seq ${seq ?? '?'}` : ''}${target ? ` for ${target}` : ''}`;
  transportCheck(d, b, at, end, 58, ctx, false);
  const next: Step = ICMPV6_ERRORS.has(type) && !ctx.quoted && end - at > 8
    ? { proto: 'ipv6', at: at + 8, end, ctx: { pseudo: null, quoted: true } }
    : { proto: 'payload', at: at + hlen, end, ctx };
  return { layer: d.done(hlen), next };
}

function dataLayer(kind: 'payload' | 'trailer', b: Uint8Array, at: number, end: number, why?: string): PacketLayer {
  const d = new Draft(b, kind, at, end);
  const n = end - at;
  const text = isPlainText(b.subarray(at, end)) && n > 0 ? ` ${JSON.stringify(asciiOf(b.subarray(at, end)))}` : '';
  const count = `${n} byte${n === 1 ? '' : 's'}`;
  d.fields.push({ name: 'hex', label: 'Data', offset: at, length: n, value: toHex(b, at, end), display: `${count}${text}` });
  if (why) d.title = `${d.title} (${why})`;
  d.summary = `${count}${text.length > 42 ? `${text.slice(0, 40)}…"` : text}`;
  return d.done(n);
}

function dissectOne(s: Step, b: Uint8Array): Result {
  const { at, end, ctx } = s;
  switch (s.proto) {
    case 'eth': return eth(b, at, end, ctx);
    case 'vlan': case 'qinq': return vlan(s.proto, b, at, end, ctx);
    case 'arp': return arp(b, at, end, ctx);
    case 'ipv4': return ipv4(b, at, end, ctx);
    case 'ipv6': return ipv6(b, at, end, ctx);
    case 'hbh': case 'dstopts': return ipv6Opts(s.proto, b, at, end, ctx);
    case 'routing': return routing(b, at, end, ctx);
    case 'frag': return frag(b, at, end, ctx);
    case 'tcp': return tcp(b, at, end, ctx);
    case 'udp': return udp(b, at, end, ctx);
    case 'icmp': return icmp(b, at, end, ctx);
    case 'icmpv6': return icmpv6(b, at, end, ctx);
    case 'payload': return { layer: dataLayer('payload', b, at, end, s.why) };
  }
}

/** Dissects a packet. `link` says what the first byte is (default: an Ethernet header; `ip`
 * picks IPv4 or IPv6 by the version nibble). Always returns a tree covering every byte. */
export function dissect(bytes: Uint8Array, options: { link?: LinkType } = {}): DissectedPacket {
  const b = bytes;
  const link = options.link ?? 'eth';
  const first: Proto = link === 'ip' ? (b.length > 0 && b[0]! >> 4 === 6 ? 'ipv6' : 'ipv4') : link;
  const layers: PacketLayer[] = [];
  let stop: DissectedPacket['stop'];
  // Ends of the enclosing scopes (IP total length, UDP length...), outermost first.
  const scopes: number[] = [b.length];
  let step: Step | undefined = b.length > 0 ? { proto: first, at: 0, end: b.length, ctx: { pseudo: null, quoted: false } } : undefined;
  let pos = 0;
  while (step) {
    if (step.end < scopes[scopes.length - 1]!) scopes.push(step.end);
    if (step.at >= step.end) break;
    const r = dissectOne(step, b);
    layers.push(r.layer);
    pos = r.layer.offset + r.layer.length;
    // A packet quoted in an ICMP error is cut short by design: not a reason to stop or complain.
    if (r.stop && step.ctx.quoted && !r.layer.complete) r.layer.problems.length = 0;
    else if (r.stop && !stop) stop = { layer: layers.length - 1, offset: r.layer.offset, reason: r.stop };
    if (r.stop && r.layer.offset + r.layer.length >= step.end) break;
    step = r.next;
  }
  // Bytes past an inner scope belong to the one around it; past the outermost, to a trailer.
  for (let i = scopes.length - 1; i >= 0; i--) {
    const e = scopes[i]!;
    if (e > pos) {
      layers.push(dataLayer(i === 0 && scopes.length > 1 ? 'trailer' : 'payload', b, pos, e, i === 0 && scopes.length > 1 ? undefined : 'after the data'));
      pos = e;
    }
  }
  return { length: b.length, layers, ...(stop ? { stop } : {}) };
}
