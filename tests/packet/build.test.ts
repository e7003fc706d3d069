import { describe, expect, it } from 'vitest';
import { buildPacket, dissect, fromHex, inetChecksum, packetFromText, toHex, type Layer } from '../../src/core/packet/index.js';

const hexOf = (spec: string): string => {
  const r = packetFromText(spec);
  if (!r.ok) throw new Error(`${spec}: ${JSON.stringify(r.errors)}`);
  return toHex(r.bytes);
};
const bytesOf = (spec: string): Uint8Array => fromHex(hexOf(spec))!;

/** One's-complement sum of 16-bit words, written independently of the module under test. */
function onesSum(words: number[]): number {
  let s = 0;
  for (const w of words) { s += w; s = (s & 0xffff) + (s >>> 16); }
  return s;
}
const words = (b: Uint8Array): number[] => {
  const out: number[] = [];
  for (let i = 0; i < b.length; i += 2) out.push((b[i]! << 8) | (b[i + 1] ?? 0));
  return out;
};

describe('hand-computed packets', () => {
  it('builds the textbook IPv4 header with checksum 0xb861', () => {
    // The worked example from the Internet checksum literature: 4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7.
    const r = buildPacket([{ kind: 'ipv4', len: 0x73, id: 0, flags: 2, ttl: 64, proto: 17, src: '192.168.0.1', dst: '192.168.0.199' }]);
    expect(r.ok && toHex(r.bytes)).toBe('45000073000040004011b861c0a80001c0a800c7');
  });

  it('computes the RFC 1071 example checksum', () => {
    // RFC 1071 §3: words 0001 f203 f4f5 f6f7 sum to 0xddf2 after folding; the checksum is its complement.
    expect(inetChecksum(fromHex('0001f203f4f5f6f7')!)).toBe(0x220d);
  });

  it('fills every default: MACs, addresses, TTL 64, ports, sequence number, SYN, window', () => {
    // Checksums by hand: IPv4 words 4500+0028+0001+0000+4006+0a00+0001+0a00+0002 fold to 0x9932 → 0x66cd;
    // TCP pseudo-header 0a00 0001 0a00 0002 0006 0014 plus the header fold to 0x00b1 → 0xff4e.
    expect(hexOf('eth/ipv4/tcp')).toBe(
      '020000000002' + '020000000001' + '0800' +
      '45000028' + '00010000' + '4006' + '66cd' + '0a000001' + '0a000002' +
      '9c40' + '0050' + '00000001' + '00000000' + '5002' + 'ffff' + 'ff4e' + '0000',
    );
  });

  it('writes an ICMP echo request with id 1 seq 1 by default', () => {
    expect(hexOf('ipv4/icmp').slice(40)).toBe('0800f7fd00010001');
  });

  it('infers next-protocol fields from the layer that follows', () => {
    const b = bytesOf('eth/vlan/qinq/ipv6/hbh/routing/frag/dstopts/icmpv6');
    expect(toHex(b.subarray(12, 14))).toBe('8100'); // eth → 802.1Q
    expect(toHex(b.subarray(16, 18))).toBe('88a8'); // vlan → 802.1ad
    expect(toHex(b.subarray(20, 22))).toBe('86dd'); // qinq → IPv6
    expect(b[22 + 6]).toBe(0); // ipv6 → hop-by-hop
    expect(b[62]).toBe(43); // hbh → routing
    expect(b[70]).toBe(44); // routing → fragment
    expect(b[78]).toBe(60); // fragment → destination options
    expect(b[86]).toBe(58); // dstopts → ICMPv6
  });

  it('pads TCP options to 4 bytes with EOL and counts them in the data offset', () => {
    const b = bytesOf('ipv4/tcp(options=[wscale:7])');
    expect(b[20 + 12]! >> 4).toBe(6);
    expect(toHex(b.subarray(40, 44))).toBe('03030700');
  });

  it('pads IPv6 options to 8 bytes with PadN, or Pad1 when one byte is missing', () => {
    expect(hexOf('ipv6/hbh').slice(80)).toBe(toHex(fromHex('3b00010400000000')!));
    expect(hexOf('ipv6/dstopts(options=[raw:1e03aabbcc])').slice(80)).toBe('3b001e03aabbcc00');
  });

  it('uses the final destination of a routing header in the pseudo-header', () => {
    const withSegments = dissect(bytesOf('eth/ipv6/routing(addrs=[fd00::9])/udp'));
    expect(withSegments.layers[3]!.fields.find((f) => f.name === 'chksum')!.checksum!.status).toBe('correct');
    // With no segments left the IPv6 destination is the final one, and the checksums differ.
    const a = bytesOf('ipv6/routing(addrs=[fd00::9])/udp'), z = bytesOf('ipv6/routing(addrs=[fd00::9],segleft=0)/udp');
    expect(toHex(a.subarray(-2))).not.toBe(toHex(z.subarray(-2)));
  });

  it('writes a UDP checksum that computes to zero as 0xffff', () => {
    // Pick the source port that makes the sum come out at zero: build once, then compensate.
    const probe = bytesOf('ipv4/udp(sport=0)');
    const ck = (probe[26]! << 8) | probe[27]!;
    const sport = ck; // adding the old checksum to the sum makes it 0xffff, so the new checksum is 0
    const b = bytesOf(`ipv4/udp(sport=${sport})`);
    expect(toHex(b.subarray(26, 28))).toBe('ffff');
  });

  it('encodes text payloads as UTF-8 and understands escapes', () => {
    expect(hexOf('payload("é\\n\\x41")')).toBe('c3a90a41');
  });
});

describe('deliberately wrong fields are written as given', () => {
  it('keeps a given checksum, length, header length and data offset', () => {
    const b = bytesOf('eth/ipv4(ihl=6,len=9,chksum=0x1234)/tcp(dataofs=15,chksum=0)/udp(len=3,chksum=1)');
    expect(b[14]).toBe(0x46);
    expect(toHex(b.subarray(16, 18))).toBe('0009');
    expect(toHex(b.subarray(24, 26))).toBe('1234');
    expect(b[34 + 12]! >> 4).toBe(15);
    expect(toHex(b.subarray(34 + 16, 34 + 18))).toBe('0000');
  });

  it('makes chksum=bad differ from the correct value', () => {
    const tree = dissect(bytesOf('eth/ipv4(chksum=bad)/udp(chksum=bad)'));
    for (const i of [1, 2]) {
      const ck = tree.layers[i]!.fields.find((f) => f.name === 'chksum')!;
      expect(ck.checksum!.status).toBe('incorrect');
      expect((ck.value as number) ^ ck.checksum!.expected!).toBe(1);
    }
  });
});

describe('checksums verified by recomputing over the built packet', () => {
  const specs = [
    'eth/ipv4/tcp(options=[mss:1460,sackok,ts:1:2,nop,wscale:7])/payload("abc")',
    'eth/ipv4(options=[ra:0])/udp/payload(len=33,fill=0x5a)',
    'eth/ipv4/icmp/payload("odd")',
    'eth/ipv6/tcp/payload("hello world")',
    'eth/ipv6/udp/payload(len=1)',
    'eth/ipv6/icmpv6(type=neighbor-advertisement,target=fd00::1)',
    'eth/vlan/ipv6/hbh/udp',
  ];
  it.each(specs)('%s', (spec) => {
    const b = bytesOf(spec);
    const tree = dissect(b);
    let checked = 0;
    let pseudo: number[] = [];
    for (const l of tree.layers) {
      const seg = b.subarray(l.offset);
      if (l.kind === 'ipv4') {
        const hdr = b.subarray(l.offset, l.offset + l.length);
        expect(onesSum(words(hdr)), 'IPv4 header sums to 0xffff').toBe(0xffff);
        pseudo = [...words(hdr.subarray(12, 20))];
        checked++;
      }
      if (l.kind === 'ipv6') pseudo = words(b.subarray(l.offset + 8, l.offset + 40));
      if (l.kind === 'icmp') { expect(onesSum(words(seg))).toBe(0xffff); checked++; }
      if (l.kind === 'tcp' || l.kind === 'udp' || l.kind === 'icmpv6') {
        const proto = l.kind === 'tcp' ? 6 : l.kind === 'udp' ? 17 : 58;
        expect(onesSum([...pseudo, proto, seg.length >>> 16, seg.length & 0xffff, ...words(seg)]), `${l.kind} sums to 0xffff`).toBe(0xffff);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('build errors are values that say which layer and field', () => {
  const bad = (layers: unknown) => { const r = buildPacket(layers); return r.ok ? null : r.error; };

  it('rejects an unknown field', () => {
    expect(bad([{ kind: 'ipv4', tll: 3 }])).toEqual({ layer: 0, field: 'tll', message: 'ipv4 has no field "tll"' });
  });
  it('rejects out-of-range numbers and bad addresses', () => {
    expect(bad([{ kind: 'eth' }, { kind: 'ipv4', ttl: 256 }])).toMatchObject({ layer: 1, field: 'ttl', message: 'ipv4: ttl must be an integer 0..255' });
    expect(bad([{ kind: 'ipv6', src: '10.0.0.1' }])).toMatchObject({ field: 'src' });
    expect(bad([{ kind: 'eth', dst: 'ff:ff' }])).toMatchObject({ field: 'dst' });
  });
  it('rejects a payload with two sources and an ICMP with rest and id', () => {
    expect(bad([{ kind: 'payload', text: 'a', hex: '00' }])).toMatchObject({ field: 'hex' });
    expect(bad([{ kind: 'icmp', rest: 1, id: 2 }])).toMatchObject({ field: 'id' });
  });
  it('rejects options that do not fit the header', () => {
    const opts = Array.from({ length: 11 }, () => ({ kind: 'mss', value: 1 }));
    expect(bad([{ kind: 'tcp', options: opts }])).toMatchObject({ field: 'options', message: 'tcp: the header length in bytes would be 64, more than the field holds (60)' });
  });
  it('rejects a total length over 65535', () => {
    expect(bad([{ kind: 'ipv4' }, { kind: 'payload', len: 65535 }])).toMatchObject({ layer: 0, field: 'len' });
  });
  it('rejects non-layers without throwing', () => {
    for (const x of [null, 5, 'eth', [null], [{}], [{ kind: 'tcp', options: 'mss' }], [{ kind: 'tcp', options: [{ kind: 'mss' }] }], [{ kind: 'tcp', options: [{ kind: 'sack', blocks: [[1]] }] }]]) {
      expect(bad(x)).not.toBeNull();
    }
  });
  it('does not change the caller\'s layers', () => {
    const layers: Layer[] = [{ kind: 'eth' }, { kind: 'ipv4', options: [{ kind: 'nop' }] }];
    const before = JSON.stringify(layers);
    buildPacket(layers);
    expect(JSON.stringify(layers)).toBe(before);
  });
});
