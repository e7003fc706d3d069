import { describe, expect, it } from 'vitest';
import { diffPackets, packetFromText } from '../../src/core/packet/index.js';

const bytesOf = (spec: string): Uint8Array => {
  const r = packetFromText(spec);
  if (!r.ok) throw new Error(`${spec}: ${JSON.stringify(r.errors)}`);
  return r.bytes;
};
const changes = (a: string, b: string) => diffPackets(bytesOf(a), bytesOf(b)).fields.map((f) => [f.path, f.before, f.after]);

describe('before/after comparison', () => {
  it('reports a TTL decrement and the checksum fix-up that goes with it', () => {
    const d = diffPackets(bytesOf('eth/ipv4(ttl=64)/udp'), bytesOf('eth/ipv4(ttl=63)/udp'));
    expect(d.fields.map((f) => f.path)).toEqual(['ipv4.ttl', 'ipv4.chksum']);
    expect(d.fields[0]).toMatchObject({ layer: 1, label: 'Time to live', before: '64', after: '63', offset: 22, length: 1 });
    expect(d.changed).toEqual([{ offset: 22, length: 1 }, { offset: 24, length: 1 }]);
    expect(d.delta).toBe(0);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
  });

  it('reports swapped MAC addresses', () => {
    expect(changes('eth(src=02:00:00:00:00:01,dst=02:00:00:00:00:02)/ipv4', 'eth(src=02:00:00:00:00:02,dst=02:00:00:00:00:01)/ipv4')).toEqual([
      ['eth.dst', '02:00:00:00:00:02', '02:00:00:00:00:01'], ['eth.src', '02:00:00:00:00:01', '02:00:00:00:00:02'],
    ]);
  });

  it('notices a checksum that became wrong even though its bytes did not change', () => {
    expect(changes('eth/ipv4/udp/payload("a")', 'eth/ipv4/udp(chksum=bad)/payload("a")')[0]![0]).toBe('udp.chksum');
    const d = diffPackets(bytesOf('eth/ipv4/udp/payload("a")'), bytesOf('eth/ipv4/udp(chksum=0xde7e)/payload("b")'));
    expect(d.fields.map((f) => f.path)).toContain('payload.hex');
  });

  it('lines up a popped VLAN tag after the MACs and reports the removed layer', () => {
    const d = diffPackets(bytesOf('eth/vlan(id=10)/ipv4/udp'), bytesOf('eth/ipv4/udp'));
    expect(d.delta).toBe(-4);
    expect(d.gapAt).toBe(12);
    expect(d.changed).toEqual([]);
    expect(d.removed).toEqual([1]);
    expect(d.added).toEqual([]);
    expect(d.fields.map((f) => [f.path, f.before, f.after])).toEqual([['eth.type', '0x8100 (802.1Q)', '0x0800 (IPv4)']]);
  });

  it('lines up a pushed VLAN tag and reports the added layer and its bytes', () => {
    const d = diffPackets(bytesOf('eth/ipv4/udp'), bytesOf('eth/vlan(id=10)/ipv4/udp'));
    expect(d.added).toEqual([1]);
    expect(d.gapAt).toBe(12);
    expect(d.changed).toEqual([{ offset: 12, length: 4 }]);
    expect(d.fields.map((f) => f.path)).toEqual(['eth.type']);
  });

  it('aligns at the tail when the packet was trimmed', () => {
    const d = diffPackets(bytesOf('eth/ipv4/udp/payload("abcdef")'), bytesOf('eth/ipv4/udp/payload("abcdef")').subarray(0, 45));
    expect(d.gapAt).toBe(45);
    expect(d.changed).toEqual([]);
    expect(d.delta).toBe(-3);
  });

  it('finds an encapsulating header inserted after the Ethernet header', () => {
    const inner = bytesOf('eth/ipv4/udp');
    const outer = bytesOf('eth/ipv4(proto=ipip,len=48)');
    const d = diffPackets(inner, new Uint8Array([...outer, ...inner.subarray(14)]));
    expect([d.delta, d.gapAt, d.added, d.removed]).toEqual([20, 14, [1], []]);
    expect(d.changed).toEqual([{ offset: 14, length: 20 }]);
    expect(d.fields).toEqual([]);
  });

  it('marks every byte of a packet that was all new', () => {
    const d = diffPackets(new Uint8Array(0), bytesOf('eth'));
    expect(d.changed).toEqual([{ offset: 0, length: 14 }]);
    expect(d.added).toEqual([0]);
  });

  it('names repeated layers by position', () => {
    expect(changes('eth/qinq(id=1)/vlan(id=2)/ipv4', 'eth/qinq(id=1)/vlan(id=3)/ipv4')[0]![0]).toBe('vlan.id');
    expect(changes('eth/ipv4/ipv4(ttl=5)', 'eth/ipv4/ipv4(ttl=6)').map((c) => c[0])).toEqual(['ipv4#1.ttl', 'ipv4#1.chksum']);
    expect(changes('eth/ipv4/tcp(options=[mss:1460])', 'eth/ipv4/tcp(options=[mss:1400])').map((c) => c[0])).toEqual(['tcp.chksum', 'tcp.options.mss']);
  });
});

describe('comparison never throws', () => {
  it('handles any pair of byte strings', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), fc.uint8Array({ maxLength: 80 }), (a, b) => {
      const d = diffPackets(a, b);
      const covered = d.changed.reduce((n, r) => n + r.length, 0);
      if (covered > b.length || d.delta !== b.length - a.length) expect([covered, d.delta]).toEqual([b.length, b.length - a.length]);
    }), { numRuns: 500 });
  });
});
