// Kernel facts the program-type table encodes, recorded from the running 6.18 kernel so they are
// checked even where no kernel is at hand (tests/kernel/ctx-*.test.ts and run-input.test.ts
// re-measure them against the live kernel).

import { describe, expect, it } from 'vitest';
import type { CtxEnv } from '../vm/types.js';
import { ctxAccess, ctxOut, makeRunInput, packetOut, progTypeSpec, returnCodeName, type PreparedRun } from './index.js';

const hex = (s: string): Uint8Array => new Uint8Array(s.match(/../g)!.map((b) => parseInt(b, 16)));
const toHex = (b: Uint8Array | null): string => (b ? [...b].map((x) => x.toString(16).padStart(2, '0')).join('') : 'null');
const FRAME = hex('ffffffffffff' + '020000000001' + '0800' + '4500001c0001000040117ccd0a0000010a000002' + '0035003500080000' + 'deadbeef');

function prepared(name: 'socket_filter' | 'sched_cls' | 'xdp', dataIn: Uint8Array, ctxIn?: Uint8Array): PreparedRun {
  const r = makeRunInput(name, { dataIn, ctxIn });
  if (!r.ok) throw new Error(r.error.message);
  return r.run;
}

function load(run: PreparedRun, off: number, size: 1 | 2 | 4 | 8): bigint | string {
  const ctx = run.input.ctx!;
  const bytes = new Uint8Array(ctx.size);
  bytes.set(ctx.init ?? []);
  const env: CtxEnv = { bytes, packetData: 0x1000n, packetEnd: 0x1000n + BigInt(run.input.packet!.bytes.length), packetMeta: 0x1000n - BigInt(run.meta.length), packetLength: run.input.packet!.bytes.length, ctxAddress: 0n };
  const r = ctx.load(off, size, env);
  return r.ok ? r.value : r.message;
}

describe('socket_filter test runs', () => {
  const run = prepared('socket_filter', FRAME);

  it('sees the packet from the network header on, with len excluding the Ethernet header', () => {
    expect(toHex(run.input.packet!.bytes)).toBe(toHex(FRAME.subarray(14)));
    expect(load(run, 0, 4)).toBe(BigInt(FRAME.length - 14));
  });

  it('reads protocol in network byte order and pkt_type from the destination MAC against loopback', () => {
    expect(load(run, 16, 4)).toBe(0x0008n);
    expect(load(run, 4, 4)).toBe(2n); // ff:ff:ff:ff:ff:ff is multicast, not loopback's broadcast
    expect(load(prepared('socket_filter', hex('000000000000' + FRAME.subarray(6).reduce((s, b) => s + b.toString(16).padStart(2, '0'), ''))), 4, 4)).toBe(0n);
    expect(load(run, 40, 4)).toBe(1n); // ifindex: loopback
  });

  it('returns data_out with the Ethernet header zeroed', () => {
    const out = packetOut(run, run.input.packet!.bytes);
    expect(toHex(out)).toBe('00'.repeat(14) + toHex(FRAME.subarray(14)));
  });

  it('may write only cb[] and cannot read packet pointers', () => {
    const spec = progTypeSpec('socket_filter')!;
    expect(ctxAccess(spec, 48, 8, true)).not.toBeNull();
    expect(ctxAccess(spec, 8, 4, true)).toBeNull();
    expect(ctxAccess(spec, 76, 4, false)).toBeNull();
    expect(load(run, 76, 4)).toBe('invalid bpf_context access off=76 size=4');
  });
});

describe('sched_cls test runs', () => {
  it('sees the whole frame and narrow loads follow the kernel object widths', () => {
    const run = prepared('sched_cls', FRAME);
    expect(run.input.packet!.bytes.length).toBe(FRAME.length);
    expect(load(run, 0, 4)).toBe(BigInt(FRAME.length));
    expect(load(run, 17, 1)).toBe(0x00n);
    expect(load(run, 16, 1)).toBe(0x08n);
    expect(load(run, 18, 2)).toBe(0x0008n); // protocol is a u16: a 2-byte load anywhere yields all of it
    expect(load(run, 76, 4)).toBe(0x1000n);
  });

  it('copies the ctx_in fields test runs accept and writes them back to ctx_out', () => {
    const ctxIn = new Uint8Array(192);
    new DataView(ctxIn.buffer).setUint32(8, 5, true); // mark
    new DataView(ctxIn.buffer).setUint32(48, 0xabcd, true); // cb[0]
    const run = prepared('sched_cls', FRAME, ctxIn);
    expect(load(run, 8, 4)).toBe(5n);
    expect(load(run, 160, 4)).toBe(BigInt(FRAME.length)); // wire_len defaults to len with ctx_in
    const bytes = new Uint8Array(192);
    bytes.set(run.input.ctx!.init!);
    const out = ctxOut(run, bytes, FRAME.length)!;
    expect(new DataView(out.buffer).getUint32(40, true)).toBe(1); // ifindex
    expect(new DataView(out.buffer).getUint32(160, true)).toBe(FRAME.length);
    expect(new DataView(out.buffer).getUint32(0, true)).toBe(0); // len is not written back
  });

  it('refuses inputs the kernel refuses, with its errno', () => {
    const bad = (dataIn: Uint8Array, ctxIn?: Uint8Array): string => {
      const r = makeRunInput('sched_cls', { dataIn, ctxIn });
      return r.ok ? 'ok' : r.error.errno;
    };
    expect(bad(new Uint8Array(13))).toBe('EINVAL');
    expect(bad(new Uint8Array(3713))).toBe('EINVAL');
    expect(bad(new Uint8Array(3712))).toBe('ok');
    expect(bad(hex('000000000000020000000001' + '0800' + '00'.repeat(19)))).toBe('EINVAL');
    const ctx = new Uint8Array(192); ctx[0] = 1;
    expect(bad(FRAME, ctx)).toBe('EINVAL');
    const long = new Uint8Array(200); long[199] = 1;
    expect(bad(FRAME, long)).toBe('E2BIG');
  });
});

describe('xdp test runs', () => {
  it('takes metadata from the front of data_in when ctx_in says so and returns it in data_out', () => {
    const data = new Uint8Array(40).map((_, i) => i);
    const ctx = new Uint8Array(24);
    new DataView(ctx.buffer).setUint32(0, 8, true);
    new DataView(ctx.buffer).setUint32(4, 40, true);
    const run = prepared('xdp', data, ctx);
    expect(run.input.packet!.bytes.length).toBe(32);
    expect(toHex(run.meta)).toBe(toHex(data.subarray(0, 8)));
    expect(load(run, 8, 4)).toBe(0x1000n - 8n);
    expect(toHex(packetOut(run, run.input.packet!.bytes))).toBe(toHex(data));
    expect(toHex(ctxOut(run, new Uint8Array(24), 32))).toBe(toHex(ctx));
  });

  it('keeps at most 3520 linear bytes and carries the rest as fragments', () => {
    const data = new Uint8Array(5000).map((_, i) => i & 0xff);
    const run = prepared('xdp', data);
    expect(run.input.packet!.bytes.length).toBe(3520);
    expect(run.input.packet!.tailroom).toBe(0);
    expect(toHex(packetOut(run, run.input.packet!.bytes))).toBe(toHex(data));
  });

  it('allows only 4-byte loads of the five fields plain XDP programs see, and names actions', () => {
    const spec = progTypeSpec('xdp')!;
    expect(ctxAccess(spec, 12, 4, false)?.name).toBe('ingress_ifindex');
    expect(ctxAccess(spec, 12, 2, false)).toBeNull();
    expect(ctxAccess(spec, 20, 4, false)).toBeNull(); // egress_ifindex: devmap programs only
    expect(ctxAccess(spec, 0, 4, true)).toBeNull();
    expect(returnCodeName('xdp', 2n)).toBe('XDP_PASS');
    expect(returnCodeName('sched_cls', 0xffffffffffffffffn)).toBe('TC_ACT_UNSPEC');
    expect(returnCodeName('socket_filter', 64n)).toBeUndefined();
  });
});
