// bpf_skb_change_tail, bpf_skb_vlan_push and bpf_skb_vlan_pop against the running kernel: each
// program calls the helpers in sequence, saves every return value, then reads back the __sk_buff
// fields they change (len, protocol, vlan_present, vlan_tci, vlan_proto, gso_segs, gso_size) and
// data_end - data; those, the packet the test run hands back (data_out) and ctx_out must be
// identical on every engine. Step-back and bpfiddle's own limits are checked without the kernel.

import { describe, expect, it } from 'vitest';
import { createWorld } from '../../src/core/helpers/index.js';
import { ctxOut, makeRunInput, packetOut } from '../../src/core/progtypes/index.js';
import { kernel, kernelIt } from '../kernel/oracle.js';
import { asm, outSlots, runBoth, s64, save, withOut } from './harness.js';

const FIELDS: readonly [string, number, number][] = [
  ['len', 0, 32], ['protocol', 16, 32], ['vlan_present', 20, 32], ['vlan_tci', 24, 32], ['vlan_proto', 28, 32],
  ['gso_segs', 164, 32], ['gso_size', 176, 32],
];

/** A sched_cls program: r1 = skb for each call (its r0 saved), then the fields and data_end - data. */
function probe(calls: readonly string[]): string {
  const body = calls.map((c, k) => `  r1 = r6\n${c}\n${save(k)}`);
  FIELDS.forEach(([, off, bits], i) => body.push(`  r1 = *(u${bits} *)(r6 + ${off})\n  *(u64 *)(r9 + ${8 * (calls.length + i)}) = r1`));
  body.push(`  r1 = *(u32 *)(r6 + 76)\n  r2 = *(u32 *)(r6 + 80)\n  r2 -= r1\n  *(u64 *)(r9 + ${8 * (calls.length + FIELDS.length)}) = r2`);
  return withOut('sched_cls', calls.length + FIELDS.length + 1, body.join('\n'));
}

/** Ethernet frame: MACs, then each ethertype (VLAN tags get a TCI after theirs), then payload bytes. */
function frame(ethertypes: readonly number[], payload = 40): Uint8Array {
  const f = [2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1];
  ethertypes.forEach((t, i) => {
    f.push(t >> 8, t & 0xff);
    if (i < ethertypes.length - 1) f.push(0x20 + i, 0x64 + i);
  });
  for (let i = 0; i < payload; i++) f.push((0x45 + i) & 0xff);
  return Uint8Array.from(f);
}

const IPV4 = 0x0800, QTAG = 0x8100, ADTAG = 0x88a8;
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

interface Case { name: string; calls: string[]; data: Uint8Array; ctx?: Uint8Array }

/** Runs every case in the kernel and every engine; returns the kernel's answers for spot checks. */
async function agree(cases: readonly Case[]): Promise<Map<string, { slots: bigint[]; dataOut: string }>> {
  const seen = new Map<string, { slots: bigint[]; dataOut: string }>();
  for (const c of cases) {
    const b = await runBoth(probe(c.calls), { dataIn: c.data, ctxIn: c.ctx });
    const k = { slots: outSlots(b.kernel).map(s64), dataOut: hex(b.kernel.dataOut) };
    for (const vm of b.vms) {
      expect({ case: c.name, engine: vm.engine, fault: vm.run.fault?.message ?? null, slots: outSlots(vm).map(s64), dataOut: hex(vm.dataOut) })
        .toEqual({ case: c.name, engine: vm.engine, fault: null, ...k });
    }
    seen.set(c.name, k);
  }
  return seen;
}

const tail = (len: string, flags = '0'): string => `  r2 = ${len}\n  r3 = ${flags}\n  call bpf_skb_change_tail`;
const push = (proto: string, tci: string): string => `  r2 = ${proto}\n  r3 = ${tci}\n  call bpf_skb_vlan_push`;
const pop = '  call bpf_skb_vlan_pop';

/** ctx_in with gso_segs 3 and gso_size 100: a GSO skb, which bpf_skb_change_tail resets. */
function gsoCtx(): Uint8Array {
  const c = new Uint8Array(192);
  new DataView(c.buffer).setUint32(164, 3, true);
  new DataView(c.buffer).setUint32(176, 100, true);
  return c;
}

describe('skb reshaping helpers against the kernel', () => {
  kernelIt('bpf_skb_change_tail grows with zeros, trims, and refuses flags and lengths outside 14..16064', async () => {
    const ip = frame([IPV4], 28);
    const k = await agree([
      { name: 'grow to 64', calls: [tail('64')], data: ip },
      { name: 'trim to 14', calls: [tail('14')], data: ip },
      { name: 'below the Ethernet header', calls: [tail('13')], data: ip },
      { name: 'zero', calls: [tail('0')], data: ip },
      { name: 'same length', calls: [tail('42')], data: ip },
      { name: 'largest', calls: [tail('16064')], data: ip },
      { name: 'one past the largest', calls: [tail('16065')], data: ip },
      { name: 'flags 1', calls: [tail('64', '1')], data: ip },
      { name: 'flags 1 << 32', calls: [tail('64', '0x100000000 ll')], data: ip },
      { name: 'length is a u32', calls: [tail('0x100000040 ll')], data: ip },
      { name: 'trim then grow clears the old bytes', calls: [tail('20'), tail('42')], data: ip },
      { name: 'GSO skb, same length', calls: [tail('42')], data: ip, ctx: gsoCtx() },
      { name: 'GSO skb, refused', calls: [tail('13')], data: ip, ctx: gsoCtx() },
      { name: 'GSO skb, grown', calls: [tail('100')], data: ip, ctx: gsoCtx() },
    ]);
    expect(k.get('grow to 64')!.dataOut).toBe(hex(ip) + '00'.repeat(22));
    expect(k.get('below the Ethernet header')!.slots[0]).toBe(-22n);
    expect(k.get('GSO skb, grown')!.slots.slice(-3, -1)).toEqual([0n, 0n]);
  }, 60_000);

  kernelIt('bpf_skb_vlan_push sets the hwaccel tag; a second push moves the first into the data', async () => {
    const ip = frame([IPV4]);
    const k = await agree([
      { name: 'once', calls: [push('0x0081', '0x6064')], data: ip },
      { name: 'twice', calls: [push('0x0081', '0x6064'), push('0xa888', '5')], data: ip },
      { name: 'three times', calls: [push('0x0081', '1'), push('0xa888', '2'), push('0x0081', '3')], data: ip },
      { name: 'unknown protocol means 802.1Q', calls: [push('0x1234', '7')], data: ip },
      { name: 'protocol and tci are u16', calls: [push('0x123450081 ll', '0xffffffff')], data: ip },
      { name: 'tci 0', calls: [push('0x0081', '0')], data: ip },
      { name: 'on a frame tagged in the data', calls: [push('0x0081', '9')], data: frame([QTAG, IPV4]) },
    ]);
    expect(k.get('once')!.dataOut).toBe(hex(ip));
    expect(k.get('twice')!.dataOut.slice(24, 32)).toBe('81006064');
  }, 60_000);

  kernelIt('bpf_skb_vlan_pop clears the hwaccel tag or untags the data, and moves an inner tag up', async () => {
    const k = await agree([
      { name: 'untagged', calls: [pop], data: frame([IPV4]) },
      { name: 'tagged', calls: [pop], data: frame([QTAG, IPV4]) },
      { name: '802.1ad tagged', calls: [pop], data: frame([ADTAG, IPV4]) },
      { name: 'QinQ', calls: [pop], data: frame([ADTAG, QTAG, IPV4]) },
      { name: 'QinQ twice', calls: [pop, pop], data: frame([ADTAG, QTAG, IPV4]) },
      { name: 'after a push', calls: [push('0x0081', '0x6064'), pop], data: frame([IPV4]) },
      { name: 'after two pushes', calls: [push('0x0081', '0x6064'), push('0xa888', '5'), pop], data: frame([IPV4]) },
      { name: 'after two pushes, twice', calls: [push('0x0081', '0x6064'), push('0xa888', '5'), pop, pop], data: frame([IPV4]) },
      { name: 'push on a tagged frame, pop', calls: [push('0x0081', '9'), pop], data: frame([QTAG, IPV4]) },
      { name: 'tag without room for a header (14 bytes)', calls: [pop], data: frame([QTAG], 0) },
      { name: '17 bytes', calls: [pop], data: frame([QTAG], 3) },
      { name: '18 bytes', calls: [pop], data: frame([QTAG], 4) },
      { name: 'inner 802.3 length: LLC', calls: [pop], data: Uint8Array.from([...frame([QTAG], 0), 0, 5, 0, 0x40, 0xaa, 0xaa, 3, 0]) },
      { name: 'inner 802.3 length: raw IPX', calls: [pop], data: Uint8Array.from([...frame([QTAG], 0), 0, 5, 0, 0x40, 0xff, 0xff, 3, 0]) },
      { name: 'inner length at the very end', calls: [pop], data: Uint8Array.from([...frame([QTAG], 0), 0, 5, 0, 0x40]) },
      { name: 'trimmed too short, then popped', calls: [tail('16'), pop], data: frame([QTAG, IPV4]) },
      { name: 'popped, then trimmed to 14', calls: [pop, tail('14')], data: frame([QTAG, IPV4]) },
    ]);
    expect(k.get('tagged')!.dataOut).toBe(hex(frame([IPV4])));
    expect(k.get('17 bytes')!.slots[0]).toBe(-12n);
  }, 60_000);

  kernelIt('ctx_out after the helpers: gso_segs reset by bpf_skb_change_tail, the rest as ctx_in had it', async () => {
    const ctxIn = gsoCtx();
    ctxIn[8] = 0x2a; // mark
    const data = frame([IPV4], 28);
    const program = asm(probe([tail('64'), push('0x0081', '0x6064'), push('0x0081', '0x6065'), pop]));
    const maps = program.maps.map((d) => ({ type: d.type, keySize: d.keySize, valueSize: d.valueSize, maxEntries: d.maxEntries }));
    const k = await kernel().run({ progType: 'sched_cls', insns: program.insns, maps, dataIn: data, ctxIn });
    expect(k.run?.ok).toBe(true);
    const p = makeRunInput('sched_cls', { dataIn: data, ctxIn });
    if (!p.ok) throw new Error(p.error.message);
    const w = createWorld(program, { run: p.run.input });
    if (!w.ok) throw new Error(w.errors[0]!.message);
    for (const engine of ['interp', 'switch', 'jit'] as const) {
      const s = w.world.session({ engine });
      s.continue();
      const r = s.result();
      const ours = ctxOut(p.run, s.regionBytes('__sk_buff')!, r.packet!.length);
      expect({ engine, dataOut: hex(packetOut(p.run, r.packet)), ctxOut: hex(ours!) }).toEqual({ engine, dataOut: hex(k.run!.dataOut), ctxOut: hex(k.run!.ctxOut) });
    }
  }, 60_000);
});

describe('skb reshaping helpers in bpfiddle', () => {
  const world = (src: string, data: Uint8Array) => {
    const program = asm(src);
    const p = makeRunInput('sched_cls', { dataIn: data });
    if (!p.ok) throw new Error(p.error.message);
    const w = createWorld(program, { run: p.run.input });
    if (!w.ok) throw new Error(w.errors[0]!.message);
    return w.world;
  };

  it('step back undoes every change to the packet and the __sk_buff, step by step', () => {
    const w = world(probe([tail('64'), push('0x0081', '1'), push('0xa888', '2'), pop, pop, tail('20'), tail('30')]), frame([QTAG, IPV4], 30));
    const s = w.session();
    const seen: string[] = [];
    const state = (): string => `${hex(s.regionBytes('packet') ?? new Uint8Array(0))} ${hex(s.regionBytes('__sk_buff') ?? new Uint8Array(0))}`;
    seen.push(state());
    while (s.status === 'running') { s.step(); seen.push(state()); }
    expect(s.status).toBe('exited');
    // Seven distinct states: the first pop after two pushes returns to the state after the first push.
    expect(new Set(seen).size).toBe(7);
    for (let i = seen.length - 1; i > 0; i--) {
      expect(state()).toBe(seen[i]);
      s.stepBack();
    }
    expect(state()).toBe(seen[0]);
  });

  it('a packet grown to 16064 bytes is the packet the program sees and the run hands back', () => {
    const w = world(probe([tail('16064')]), frame([IPV4]));
    const r = w.run();
    expect(r.fault).toBeNull();
    expect(r.packet?.length).toBe(16064);
    const out = r.maps.find((m) => m.name === 'out')!.entries[0]!.value as Uint8Array;
    expect(new DataView(out.buffer, out.byteOffset).getBigUint64(8 * (1 + FIELDS.length), true)).toBe(16064n);
  });

  it('more VLAN tags in the data than the 64-byte headroom holds stop the run with a helper fault', () => {
    const calls = Array.from({ length: 18 }, (_, i) => push('0x0081', String(i + 1)));
    const r = world(probe(calls), frame([IPV4])).run();
    expect(r.fault?.kind).toBe('helper');
    expect(r.fault?.message).toMatch(/bpf_skb_vlan_push: no headroom left for another VLAN tag/);
  });
});
