import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildPacket, dissect, fromHex, layersFromBytes, packetFromText, toHex, type DissectedPacket, type Layer, type PacketField,
} from '../../src/core/packet/index.js';

const bytesOf = (spec: string): Uint8Array => {
  const r = packetFromText(spec);
  if (!r.ok) throw new Error(`${spec}: ${JSON.stringify(r.errors)}`);
  return r.bytes;
};
const field = (t: DissectedPacket, layer: number, name: string): PacketField => {
  const f = t.layers[layer]!.fields.find((x) => x.name === name);
  if (!f) throw new Error(`no ${name} in layer ${layer}`);
  return f;
};

/** Structural promises the UI relies on, for any input (plain checks: this runs thousands of times). */
function shapeProblems(t: DissectedPacket, b: Uint8Array): string[] {
  const bad: string[] = [];
  if (t.length !== b.length) bad.push('length');
  let pos = 0;
  for (const l of t.layers) {
    if (l.offset !== pos) bad.push(`${l.kind} starts at ${l.offset}, not ${pos}`);
    if (l.length <= 0) bad.push(`${l.kind} is empty`);
    pos = l.offset + l.length;
    const walk = (fs: PacketField[]): void => {
      for (const f of fs) {
        if (f.offset < l.offset || f.offset + f.length > b.length) bad.push(`${l.kind}.${f.name} lies outside`);
        if (f.bitLength !== undefined && (f.bitOffset! + f.bitLength > f.length * 8 || typeof f.value !== 'number')) bad.push(`${l.kind}.${f.name} bits`);
        if (typeof f.display !== 'string') bad.push(`${l.kind}.${f.name} display`);
        if (f.children) walk(f.children);
      }
    };
    walk(l.fields);
  }
  if (pos !== b.length) bad.push(`layers end at ${pos}, not ${b.length}`);
  if (t.stop && (t.stop.layer >= t.layers.length || !t.stop.reason)) bad.push('stop');
  return bad;
}
const checkShape = (t: DissectedPacket, b: Uint8Array): void => {
  const bad = shapeProblems(t, b);
  if (bad.length) expect(bad, toHex(b)).toEqual([]);
};

describe('fields carry names, places and readable values', () => {
  const t = dissect(bytesOf('eth/ipv4(src=10.0.0.1,dst=10.0.0.2,flags=DF)/tcp(flags=SA,options=[mss:1460,nop,wscale:7])/payload("hi")'));

  it('shows addresses, EtherTypes, flags and protocol names', () => {
    expect(field(t, 0, 'type')).toMatchObject({ offset: 12, length: 2, value: 0x0800, display: '0x0800 (IPv4)' });
    expect(field(t, 1, 'src')).toMatchObject({ offset: 26, length: 4, value: '0a000001', display: '10.0.0.1' });
    expect(field(t, 1, 'flags').display).toBe('DF');
    expect(field(t, 1, 'proto').display).toBe('6 (TCP)');
    expect(field(t, 2, 'flags').display).toBe('SYN, ACK');
    expect(field(t, 2, 'options').display).toBe('MSS 1460, NOP, WS 7');
    expect(field(t, 2, 'options').children!.map((c) => [c.name, c.offset, c.length])).toEqual([['mss', 54, 4], ['nop', 58, 1], ['wscale', 59, 3]]);
    expect(t.layers.map((l) => l.summary)).toEqual([
      '02:00:00:00:00:01 → 02:00:00:00:00:02, IPv4', '10.0.0.1 → 10.0.0.2, TCP, ttl 64',
      '40000 → 80 [SYN, ACK] seq 1 ack 0 win 65535', '2 bytes "hi"',
    ]);
  });

  it('gives sub-byte fields their bits', () => {
    expect(field(t, 1, 'ihl')).toMatchObject({ offset: 14, length: 1, bitOffset: 4, bitLength: 4, value: 5, display: '5 (20 bytes)' });
    expect(field(t, 1, 'frag')).toMatchObject({ offset: 20, length: 2, bitOffset: 3, bitLength: 13, value: 0 });
    expect(field(t, 2, 'flags')).toMatchObject({ offset: 46, length: 2, bitOffset: 7, bitLength: 9, value: 0x12 });
    expect(field(t, 2, 'dataofs')).toMatchObject({ offset: 46, bitOffset: 0, bitLength: 4, value: 7 });
  });

  it('says whether each checksum is right, and what it should be', () => {
    expect(field(t, 1, 'chksum').display).toMatch(/^0x[0-9a-f]{4} \(correct\)$/);
    expect(field(t, 2, 'chksum').checksum!.status).toBe('correct');
    const bad = dissect(bytesOf('eth/ipv4/udp(chksum=0x1234)'));
    const good = dissect(bytesOf('eth/ipv4/udp'));
    const should = field(good, 2, 'chksum').value as number;
    expect(field(bad, 2, 'chksum').display).toBe(`0x1234 (incorrect, should be 0x${should.toString(16).padStart(4, '0')})`);
    expect(bad.layers[2]!.problems).toEqual(['checksum is incorrect']);
    expect(field(dissect(bytesOf('eth/ipv4/udp(chksum=0)')), 2, 'chksum').display).toBe('0x0000 (none)');
    expect(field(dissect(bytesOf('eth/ipv6/udp(chksum=0)')), 2, 'chksum').checksum!.status).toBe('incorrect');
  });

  it('names VLAN tags, ARP, ICMP and neighbor discovery', () => {
    const v = dissect(bytesOf('eth/qinq(id=100,pcp=3)/vlan(id=10)/arp(op=reply,psrc=10.0.0.9,hwsrc=02:00:00:00:00:09)'));
    expect(v.layers.map((l) => l.title)).toEqual(['Ethernet II', '802.1ad S-tag', '802.1Q VLAN', 'ARP']);
    expect(field(v, 1, 'id')).toMatchObject({ offset: 14, bitOffset: 4, bitLength: 12, value: 100 });
    expect(field(v, 1, 'pcp').value).toBe(3);
    expect(v.layers[3]!.summary).toBe('10.0.0.9 is at 02:00:00:00:00:09');
    const i = dissect(bytesOf('eth/ipv4/icmp(type=unreachable,code=4,rest=1500)'));
    expect(field(i, 2, 'rest').display).toBe('0x000005dc (next-hop MTU 1500)');
    const n = dissect(bytesOf('eth/ipv6/icmpv6(type=neighbor-advertisement,rest=0x60000000,target=fd00::1)'));
    expect(n.layers[2]!.summary).toBe('neighbor advertisement for fd00::1');
    expect(field(n, 2, 'rest').display).toBe('0x60000000 (SO)');
  });

  it('starts at the IP header when told to', () => {
    const b = bytesOf('ipv6/udp');
    expect(dissect(b, { link: 'ip' }).layers.map((l) => l.kind)).toEqual(['ipv6', 'udp']);
    expect(dissect(b, { link: 'ipv6' }).layers.map((l) => l.kind)).toEqual(['ipv6', 'udp']);
    expect(dissect(bytesOf('ipv4/tcp'), { link: 'ip' }).layers.map((l) => l.kind)).toEqual(['ipv4', 'tcp']);
  });
});

describe('truncated and malformed packets', () => {
  it('marks where a cut-short header stopped dissection and keeps the fields that fit', () => {
    const full = bytesOf('eth/ipv4/tcp');
    const t = dissect(full.subarray(0, 14 + 20 + 7));
    expect(t.stop).toEqual({ layer: 2, offset: 34, reason: 'TCP header cut short: needs 20 bytes, 7 left' });
    expect(t.layers[2]!.complete).toBe(false);
    expect(t.layers[2]!.fields.map((f) => f.name)).toEqual(['sport', 'dport']);
    checkShape(t, full.subarray(0, 41));
  });

  it('stops on an IPv4 header length below 5 and shows the rest as data', () => {
    const b = bytesOf('eth/ipv4(ihl=3)/udp');
    const t = dissect(b);
    expect(t.stop).toMatchObject({ layer: 1, offset: 14, reason: 'IPv4 header length 3 (12 bytes) is below the minimum 20' });
    expect(t.layers.map((l) => l.kind)).toEqual(['eth', 'ipv4', 'payload']);
  });

  it('reports lengths that disagree with the bytes', () => {
    expect(dissect(bytesOf('eth/ipv4(len=200)/udp')).layers[1]!.problems).toEqual(['total length 200 is more than the 28 bytes present']);
    expect(dissect(bytesOf('eth/ipv4/udp(len=4)')).layers[2]!.problems).toContain('length 4 is less than the 8-byte header');
    // The payload length cuts the UDP header short; the bytes after it are a trailer.
    const short = dissect(bytesOf('eth/ipv6(plen=1)/udp'));
    expect(short.layers.map((l) => [l.kind, l.length])).toEqual([['eth', 14], ['ipv6', 40], ['udp', 1], ['trailer', 7]]);
    expect(short.stop).toEqual({ layer: 2, offset: 54, reason: 'UDP header cut short: needs 8 bytes, 1 left' });
    expect(dissect(bytesOf('eth/ipv4(version=5)/udp')).layers[1]!.problems).toEqual(['version is 5, not 4']);
  });

  it('shows bytes past the IP total length as a trailer', () => {
    const t = dissect(bytesOf('eth/ipv4/udp/payload("x")/trailer(len=17)'));
    expect(t.layers.map((l) => [l.kind, l.offset, l.length])).toEqual([['eth', 0, 14], ['ipv4', 14, 20], ['udp', 34, 8], ['payload', 42, 1], ['trailer', 43, 17]]);
    expect(t.stop).toBeUndefined();
  });

  it('survives options with impossible lengths', () => {
    const t = dissect(bytesOf('eth/ipv4/tcp(options=[raw:0209ffff])'));
    expect(t.layers[2]!.problems).toEqual(['option at byte 20: option length 9 runs past the header']);
    expect(field(t, 2, 'options').children![0]).toMatchObject({ name: 'raw', label: 'Maximum segment size', length: 4 });
  });

  it('takes a fragment\'s data as payload', () => {
    expect(dissect(bytesOf('eth/ipv4(frag=10,proto=tcp)/payload(len=20)')).layers.map((l) => l.kind)).toEqual(['eth', 'ipv4', 'payload']);
  });

  it('handles the empty packet', () => {
    expect(dissect(new Uint8Array(0))).toEqual({ length: 0, layers: [] });
  });

  it('never throws on random bytes or truncations, and always covers every byte', () => {
    const prefix = fc.constantFrom('', '02000000000202000000000108004500', '0200000000020200000000018100000a86dd6000', '02000000000202000000000108060001');
    fc.assert(fc.property(prefix, fc.uint8Array({ maxLength: 120 }), fc.constantFrom('eth', 'ip', 'ipv4', 'ipv6') as fc.Arbitrary<'eth'>, (p, rest, link) => {
      const b = new Uint8Array([...fromHex(p)!, ...rest]);
      checkShape(dissect(b, { link }), b);
    }), { numRuns: 3000 });
  });

  it('cuts every built packet at every length without throwing', () => {
    const specs = [
      'eth/qinq/vlan/ipv6/hbh(options=[ra:0])/routing(addrs=[fd00::3])/frag/dstopts/tcp(options=[mss:1,sack:1-2,ts:1:2])/payload("x")',
      'eth/ipv4(options=[nop,ra:0])/icmp(type=time-exceeded)/ipv4/tcp/payload("zz")',
      'eth/ipv6/icmpv6(type=unreachable)/ipv6/udp', 'eth/arp', 'eth/ipv4/udp/payload("abc")',
    ];
    for (const s of specs) {
      const full = bytesOf(s);
      for (let n = 0; n <= full.length; n++) {
        const b = full.subarray(0, n);
        const t = dissect(b);
        checkShape(t, b);
        const again = buildPacket(layersFromBytes(b).layers);
        if (!again.ok || toHex(again.bytes) !== toHex(b)) expect(again.ok && toHex(again.bytes)).toBe(toHex(b));
      }
    }
  });
});

// ---- round trips --------------------------------------------------------------------------

const u = (bits: number) => fc.integer({ min: 0, max: 2 ** bits - 1 });
const ip4 = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }).map((b) => b.join('.'));
const opt = <T extends object>(rec: T) => fc.record(rec, { requiredKeys: [] });
const tcp = opt({
  sport: u(16), dport: u(16), seq: u(32), ack: u(32), flags: u(9), window: u(16), urgptr: u(16),
  options: fc.array(fc.oneof(fc.constant({ kind: 'nop' as const }), u(16).map((value) => ({ kind: 'mss' as const, value })),
    u(8).map((value) => ({ kind: 'wscale' as const, value })), fc.tuple(u(32), u(32)).map(([val, ecr]) => ({ kind: 'ts' as const, val, ecr }))), { maxLength: 4 }),
}).map((r): Layer => ({ kind: 'tcp', ...r }));
const udp = opt({ sport: u(16), dport: u(16) }).map((r): Layer => ({ kind: 'udp', ...r }));
const icmp = opt({ type: fc.constantFrom(0, 8), id: u(16), seq: u(16), code: u(8) }).map((r): Layer => ({ kind: 'icmp', ...r }));
const icmpv6 = opt({ type: fc.constantFrom(128, 129), id: u(16), seq: u(16) }).map((r): Layer => ({ kind: 'icmpv6', ...r }));
const ipv4 = opt({ src: ip4, dst: ip4, ttl: u(8), id: u(16), dscp: u(6), ecn: u(2), flags: fc.constantFrom(0, 2),
  options: fc.array(fc.oneof(fc.constant({ kind: 'nop' as const }), u(16).map((value) => ({ kind: 'ra' as const, value }))), { maxLength: 4 }) })
  .map((r): Layer => ({ kind: 'ipv4', ...r }));
const ipv6 = opt({ tc: u(8), fl: u(20), hlim: u(8), src: fc.constantFrom('fd00::1', '2001:db8::5'), dst: fc.constantFrom('fd00::2', 'ff02::1') })
  .map((r): Layer => ({ kind: 'ipv6', ...r }));
const ext = fc.oneof(
  fc.constant<Layer>({ kind: 'hbh', options: [{ kind: 'ra', value: 0 }] }), fc.constant<Layer>({ kind: 'dstopts' }),
  fc.constant<Layer>({ kind: 'routing', addrs: ['fd00::7', 'fd00::8'] }), u(32).map((id): Layer => ({ kind: 'frag', id, m: 1 })),
);
const payload = fc.oneof(fc.string({ minLength: 1, maxLength: 8 }).map((text): Layer => ({ kind: 'payload', text })),
  fc.integer({ min: 1, max: 40 }).map((len): Layer => ({ kind: 'payload', len, fill: 0xee })));
const tags = fc.array(fc.record({ kind: fc.constantFrom('vlan' as const, 'qinq' as const), id: u(12), pcp: u(3) }), { maxLength: 2 });
const stack: fc.Arbitrary<Layer[]> = fc.tuple(
  fc.constant<Layer>({ kind: 'eth' }), tags,
  fc.oneof(
    fc.constant<Layer[]>([{ kind: 'arp' }]),
    fc.tuple(ipv4, fc.oneof(tcp, udp, icmp)),
    fc.tuple(ipv6, fc.array(ext, { maxLength: 2 }), fc.oneof(tcp, udp, icmpv6)).map(([a, e, t]) => [a, ...e, t]),
  ),
  fc.option(payload, { nil: undefined }),
).map(([e, t, body, p]) => [e, ...t, ...body, ...(p ? [p] : [])]);

describe('the dissector round-trips builder output', () => {
  it('finds exactly the layers that were built, with correct checksums and no problems', () => {
    fc.assert(fc.property(stack, (layers) => {
      const r = buildPacket(layers);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const t = dissect(r.bytes);
      expect(t.layers.map((l) => l.kind)).toEqual(layers.map((l) => l.kind));
      expect(t.stop).toBeUndefined();
      for (const l of t.layers) {
        expect(l.problems).toEqual([]);
        const ck = l.fields.find((f) => f.name === 'chksum');
        if (ck) expect(ck.checksum!.status).toBe('correct');
      }
      // And back to layers: the same bytes, from a structure with every layer kept.
      const back = layersFromBytes(r.bytes);
      const again = buildPacket(back.layers);
      expect(again.ok && toHex(again.bytes)).toBe(toHex(r.bytes));
      expect(back.structured).toBe(layers.length);
    }), { numRuns: 600 });
  });

  it('turns any bytes back into layers that rebuild them exactly', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), fc.constantFrom('eth', 'ip') as fc.Arbitrary<'eth'>, (b, link) => {
      const again = buildPacket(layersFromBytes(b, { link }).layers);
      expect(again.ok && toHex(again.bytes)).toBe(toHex(b));
    }), { numRuns: 1500 });
  });

  it('turns a pasted packet into the short spec a person would write', () => {
    const b = bytesOf('eth/vlan(id=7)/ipv4(src=192.168.1.1,ttl=3)/udp(dport=4789,chksum=0x1111)/payload("hey")');
    expect(layersFromBytes(b).layers).toEqual([
      { kind: 'eth' }, { kind: 'vlan', id: 7 }, { kind: 'ipv4', ttl: 3, src: '192.168.1.1' }, { kind: 'udp', dport: 4789, chksum: 0x1111 },
      { kind: 'payload', text: 'hey' },
    ]);
  });
});
