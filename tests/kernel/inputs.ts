// Test-run inputs used by the context differential tests: frames that exercise eth_type_trans
// (broadcast, unicast, 802.3/802.2 length fields, VLAN), ctx_in variants the kernel accepts, and
// inputs it refuses.

import type { ProgTypeName } from '../../src/core/asm/types.js';
import { fromHex } from './oracle.js';

const ipv4 = '4500001c0001000040117ccd0a0000010a000002' + '0035003500080000';
const ipv6 = '6000000000083a40' + 'fe80' + '00'.repeat(13) + '01' + 'fe80' + '00'.repeat(13) + '02' + '8000000000000000';

export const FRAMES: Record<string, Uint8Array> = {
  ipv4Broadcast: fromHex('ffffffffffff' + '020000000001' + '0800' + ipv4 + 'deadbeef'),
  ipv4ToLoopback: fromHex('000000000000' + '020000000001' + '0800' + ipv4),
  ipv4Unicast: fromHex('020000000002' + '020000000001' + '0800' + ipv4 + '0102'),
  ipv6Multicast: fromHex('333300000001' + '020000000001' + '86dd' + ipv6),
  arp: fromHex('ffffffffffff' + '020000000001' + '0806' + '0001080006040001' + '020000000001' + '0a000001' + '000000000000' + '0a000002'),
  vlan: fromHex('020000000002' + '020000000001' + '8100' + '0064' + '0800' + ipv4),
  raw8023: fromHex('020000000002' + '020000000001' + '0030' + 'ffff' + 'aa'.repeat(20)),
  llc8022: fromHex('020000000002' + '020000000001' + '0030' + 'aaaa03' + '00'.repeat(21)),
  ethOnly: fromHex('020000000002' + '020000000001' + '1234'),
  odd: fromHex('0102030405060a0b0c0d0e0f' + 'abcd' + '55'.repeat(33)),
};

function le32(fields: Record<number, number>, size: number): Uint8Array {
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  for (const [off, v] of Object.entries(fields)) dv.setUint32(Number(off), v >>> 0, true);
  return out;
}

function skbCtx(fields: Record<number, number>, u64: Record<number, bigint> = {}): Uint8Array {
  const out = le32(fields, 192);
  for (const [off, v] of Object.entries(u64)) new DataView(out.buffer).setBigUint64(Number(off), v, true);
  return out;
}

export interface Case {
  name: string;
  dataIn: Uint8Array;
  ctxIn?: Uint8Array;
}

const f = FRAMES;
/** Inputs every skb program type accepts. */
export const SKB_CASES: Case[] = [
  ...Object.entries(FRAMES).map(([name, dataIn]) => ({ name, dataIn })),
  { name: 'ctx: mark, priority, ingress_ifindex, cb', dataIn: f.ipv4Broadcast!, ctxIn: skbCtx({ 8: 0x12345678, 32: 7, 36: 3, 48: 0xa1a2a3a4, 52: 2, 56: 3, 60: 4, 64: 0xffffffff }) },
  { name: 'ctx: wire_len, gso_segs, gso_size, timestamps', dataIn: f.ipv4Unicast!, ctxIn: skbCtx({ 160: 1500, 164: 3, 176: 1448 }, { 152: 0x1122334455667788n, 184: 0xabcdef0123456789n }) },
  { name: 'ctx: ifindex 1 and a short ctx_in', dataIn: f.arp!, ctxIn: le32({ 8: 9 }, 12) },
  { name: 'ctx: all zero', dataIn: f.vlan!, ctxIn: new Uint8Array(192) },
  { name: 'ctx: longer than the struct, zero tail', dataIn: f.raw8023!, ctxIn: new Uint8Array(256) },
];

/** Inputs the kernel refuses (or accepts) for skb types; the VM must give the same verdict. */
export const SKB_VERDICT_CASES: Case[] = [
  { name: 'empty frame', dataIn: new Uint8Array(0) },
  { name: '13 bytes', dataIn: new Uint8Array(13) },
  { name: '14 bytes', dataIn: new Uint8Array(14) },
  { name: 'IPv4 with 19 bytes of header', dataIn: fromHex('000000000000020000000001' + '0800' + '00'.repeat(19)) },
  { name: 'IPv4 with 20 bytes of header', dataIn: fromHex('000000000000020000000001' + '0800' + '45' + '00'.repeat(19)) },
  { name: 'IPv6 with 39 bytes', dataIn: fromHex('000000000000020000000001' + '86dd' + '00'.repeat(39)) },
  { name: 'IPv6 with 40 bytes', dataIn: fromHex('000000000000020000000001' + '86dd' + '60' + '00'.repeat(39)) },
  { name: 'largest frame', dataIn: new Uint8Array(3712) },
  { name: 'one byte too large', dataIn: new Uint8Array(3713) },
  { name: 'ctx len set', dataIn: f.ipv4Broadcast!, ctxIn: le32({ 0: 1 }, 192) },
  { name: 'ctx protocol set', dataIn: f.ipv4Broadcast!, ctxIn: le32({ 16: 8 }, 192) },
  { name: 'ctx tc_index set', dataIn: f.ipv4Broadcast!, ctxIn: le32({ 44: 1 }, 192) },
  { name: 'ctx hash set', dataIn: f.ipv4Broadcast!, ctxIn: le32({ 68: 1 }, 192) },
  { name: 'ctx data set', dataIn: f.ipv4Broadcast!, ctxIn: le32({ 76: 1 }, 192) },
  { name: 'ctx data_end set', dataIn: f.ipv4Broadcast!, ctxIn: le32({ 80: 20 }, 192) },
  { name: 'ctx sk set', dataIn: f.ipv4Broadcast!, ctxIn: le32({ 168: 1 }, 192) },
  { name: 'ctx tstamp_type set', dataIn: f.ipv4Broadcast!, ctxIn: le32({ 180: 1 }, 192) },
  { name: 'ctx wire_len below len', dataIn: f.ipv4Broadcast!, ctxIn: le32({ 160: 10 }, 192) },
  { name: 'ctx wire_len 65536', dataIn: f.ipv4Broadcast!, ctxIn: le32({ 160: 65536 }, 192) },
  { name: 'ctx wire_len 65537', dataIn: f.ipv4Broadcast!, ctxIn: le32({ 160: 65537 }, 192) },
  { name: 'ctx gso_segs 65535', dataIn: f.ipv4Broadcast!, ctxIn: le32({ 164: 65535 }, 192) },
  { name: 'ctx gso_segs 65536', dataIn: f.ipv4Broadcast!, ctxIn: le32({ 164: 65536 }, 192) },
  { name: 'ctx with a non-zero byte past the struct', dataIn: f.ipv4Broadcast!, ctxIn: (() => { const c = new Uint8Array(200); c[199] = 1; return c; })() },
];

function xdpCtx(data: number, dataEnd: number, ingress = 0, queue = 0, meta = 0, egress = 0): Uint8Array {
  return le32({ 0: data, 4: dataEnd, 8: meta, 12: ingress, 16: queue, 20: egress }, 24);
}

const bytes = (n: number): Uint8Array => new Uint8Array(n).map((_, i) => (i * 7 + 3) & 0xff);

export const XDP_CASES: Case[] = [
  ...Object.entries(FRAMES).map(([name, dataIn]) => ({ name, dataIn })),
  { name: 'ctx: plain', dataIn: f.ipv4Broadcast!, ctxIn: xdpCtx(0, f.ipv4Broadcast!.length) },
  { name: 'ctx: loopback ingress', dataIn: f.arp!, ctxIn: xdpCtx(0, f.arp!.length, 1) },
  { name: 'ctx: 8 bytes of metadata', dataIn: bytes(64), ctxIn: xdpCtx(8, 64, 1) },
  { name: 'ctx: 216 bytes of metadata', dataIn: bytes(240), ctxIn: xdpCtx(216, 240) },
  { name: 'ctx: data_end before the end (fragment)', dataIn: bytes(64), ctxIn: xdpCtx(0, 50) },
  { name: 'ctx: only 8 bytes given', dataIn: bytes(64), ctxIn: xdpCtx(0, 0).subarray(0, 8) },
  { name: 'largest linear frame', dataIn: bytes(3520) },
  { name: 'linear part plus fragments', dataIn: bytes(9000) },
  { name: 'metadata and fragments', dataIn: bytes(4000), ctxIn: xdpCtx(64, 4000) },
];

export const XDP_VERDICT_CASES: Case[] = [
  { name: 'empty frame', dataIn: new Uint8Array(0) },
  { name: '13 bytes', dataIn: new Uint8Array(13) },
  { name: '14 bytes', dataIn: new Uint8Array(14) },
  { name: 'largest with fragments', dataIn: new Uint8Array(3520 + 17 * 4096) },
  { name: 'one byte more than 17 fragments', dataIn: new Uint8Array(3520 + 17 * 4096 + 1) },
  { name: 'ctx data_meta set', dataIn: bytes(64), ctxIn: xdpCtx(0, 64, 0, 0, 4) },
  { name: 'ctx data_end past data_in', dataIn: bytes(64), ctxIn: xdpCtx(0, 65) },
  { name: 'ctx data after data_end', dataIn: bytes(64), ctxIn: xdpCtx(40, 32) },
  { name: 'ctx metadata not a multiple of 4', dataIn: bytes(64), ctxIn: xdpCtx(2, 64) },
  { name: 'ctx 220 bytes of metadata', dataIn: bytes(300), ctxIn: xdpCtx(220, 300) },
  { name: 'ctx packet after metadata shorter than 14', dataIn: bytes(40), ctxIn: xdpCtx(32, 40) },
  { name: 'ctx egress_ifindex set', dataIn: bytes(64), ctxIn: xdpCtx(0, 64, 1, 0, 0, 1) },
  { name: 'ctx rx queue without ingress', dataIn: bytes(64), ctxIn: xdpCtx(0, 64, 0, 1) },
  { name: 'ctx loopback queue 1', dataIn: bytes(64), ctxIn: xdpCtx(0, 64, 1, 1) },
  { name: 'ctx with a non-zero byte past the struct', dataIn: bytes(64), ctxIn: (() => { const c = new Uint8Array(32); c.set(xdpCtx(0, 64)); c[31] = 1; return c; })() },
];

export const CASES: Record<'socket_filter' | 'sched_cls' | 'xdp', { accepted: Case[]; verdicts: Case[] }> = {
  socket_filter: { accepted: SKB_CASES, verdicts: SKB_VERDICT_CASES },
  sched_cls: { accepted: SKB_CASES, verdicts: SKB_VERDICT_CASES },
  xdp: { accepted: XDP_CASES, verdicts: XDP_VERDICT_CASES },
};

export const CTX_PROG_TYPES: readonly Extract<ProgTypeName, 'socket_filter' | 'sched_cls' | 'xdp'>[] = ['socket_filter', 'sched_cls', 'xdp'];
