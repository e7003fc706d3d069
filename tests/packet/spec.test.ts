import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSpec, packetFromText, parseSpec, type Layer, type SpecError } from '../../src/core/packet/index.js';

const errorsOf = (text: string): SpecError[] => {
  const r = parseSpec(text);
  return r.ok ? [] : r.errors;
};
const first = (text: string): Pick<SpecError, 'col' | 'endCol' | 'message'> => {
  const e = errorsOf(text)[0];
  if (!e) throw new Error(`no error for ${text}`);
  return { col: e.col, endCol: e.endCol, message: e.message };
};

describe('parsing specs', () => {
  it('parses the documented examples', () => {
    const a = parseSpec('eth/ipv4(src=10.0.0.1,dst=10.0.0.2)/tcp(dport=80,flags=S)/payload("hello")');
    expect(a.ok && a.layers).toEqual([
      { kind: 'eth' }, { kind: 'ipv4', src: '10.0.0.1', dst: '10.0.0.2' }, { kind: 'tcp', dport: 80, flags: 2 }, { kind: 'payload', text: 'hello' },
    ]);
    const b = parseSpec('eth(src=aa:bb:cc:dd:ee:ff,dst=11-22-33-44-55-66)/vlan(id=10)/ipv6(src=FD00:0:0::1)/udp(dport=53)/payload(hex=0011AABB)');
    expect(b.ok && b.layers).toEqual([
      { kind: 'eth', src: 'aa:bb:cc:dd:ee:ff', dst: '11:22:33:44:55:66' }, { kind: 'vlan', id: 10 }, { kind: 'ipv6', src: 'fd00::1' },
      { kind: 'udp', dport: 53 }, { kind: 'payload', hex: '0011aabb' },
    ]);
  });

  it('accepts names for numbers, flag names, aliases, tos, whitespace and newlines', () => {
    const r = parseSpec(' Ether / IP( proto = udp , tos=0xb9, flags=DF+MF ) /\n tcp(flags=SYN|ACK, ack=0b101) / raw(\'x\')');
    expect(r.ok && r.layers).toEqual([
      { kind: 'eth' }, { kind: 'ipv4', proto: 17, dscp: 46, ecn: 1, flags: 3 }, { kind: 'tcp', flags: 0x12, ack: 5 }, { kind: 'payload', text: 'x' },
    ]);
  });

  it('parses option lists and address lists', () => {
    const r = parseSpec('tcp(options=[mss:1460, sackok, ts:1:0, nop, wscale:7, sack:1-2:3-4, raw:0102])/ipv6/routing(addrs=[fd00::3,::ffff:10.0.0.1])');
    expect(r.ok && r.layers).toEqual([
      { kind: 'tcp', options: [{ kind: 'mss', value: 1460 }, { kind: 'sackok' }, { kind: 'ts', val: 1, ecr: 0 }, { kind: 'nop' }, { kind: 'wscale', value: 7 }, { kind: 'sack', blocks: [[1, 2], [3, 4]] }, { kind: 'raw', hex: '0102' }] },
      { kind: 'ipv6' }, { kind: 'routing', addrs: ['fd00::3', '::ffff:a00:1'] },
    ]);
  });

  it('records the span of every layer and field', () => {
    const r = parseSpec('eth/ipv4(ttl=5)');
    expect(r.ok && r.spans[1]).toEqual({
      span: { offset: 4, end: 15, line: 1, col: 5, endCol: 16 },
      name: { offset: 4, end: 8, line: 1, col: 5, endCol: 9 },
      fields: { ttl: { offset: 9, end: 14, line: 1, col: 10, endCol: 15 } },
    });
  });
});

describe('spec errors have a column and a message, and parsing never throws', () => {
  it('locates an unknown layer and suggests a name', () => {
    expect(first('eth/ipv5/tcp')).toEqual({ col: 5, endCol: 9, message: 'unknown layer "ipv5" (did you mean "ipv4"?); layers: eth, vlan, qinq, arp, ipv4, ipv6, hbh, dstopts, routing, frag, tcp, udp, icmp, icmpv6, payload, trailer' });
  });
  it('locates an unknown field', () => {
    expect(first('eth/ipv4(tll=3)')).toMatchObject({ col: 10, endCol: 13, message: expect.stringContaining('ipv4 has no field "tll" (did you mean "ttl"?)') });
  });
  it('locates a value out of range', () => {
    expect(first('eth/ipv4(ttl=300)')).toEqual({ col: 14, endCol: 17, message: 'ttl must be 0..255 (8 bits), got 300' });
  });
  it('locates a bad address', () => {
    expect(first('ipv4(src=10.0.0.256)')).toEqual({ col: 10, endCol: 20, message: 'src must be an address like 10.0.0.1, got "10.0.0.256"' });
  });
  it('locates a bad list item', () => {
    expect(first('tcp(options=[nop,mss:99999])')).toEqual({ col: 18, endCol: 27, message: 'options: mss must be 0..65535, got 99999' });
  });
  it('locates a missing separator and a missing parenthesis', () => {
    expect(first('eth ipv4')).toEqual({ col: 5, endCol: 9, message: 'expected "/" between layers, found "ipv4"' });
    expect(first('eth/ipv4(ttl=1')).toEqual({ col: 9, endCol: 10, message: 'missing ")"' });
    expect(first('eth/ipv4(ttl=1/udp')).toEqual({ col: 15, endCol: 16, message: 'expected "," or ")" after an argument, found "/"' });
  });
  it('locates an unterminated string and a bad escape', () => {
    expect(first('payload("abc')).toEqual({ col: 9, endCol: 13, message: 'unterminated string' });
    expect(first('payload("a\\qb")')).toMatchObject({ col: 11, message: expect.stringContaining('unknown escape \\q') });
  });
  it('reports lines and columns on later lines', () => {
    expect(errorsOf('eth/\n  ipv4(ttl=x)')[0]).toMatchObject({ line: 2, col: 12, message: expect.stringContaining('ttl must be a number') });
  });
  it('reports every value error, not just the first', () => {
    expect(errorsOf('ipv4(ttl=999,id=-1)/tcp(dport=http)').map((e) => e.col)).toEqual([10, 17, 31]);
  });
  it('rejects empty specs, a trailing slash, duplicates and stray values', () => {
    expect(first('  ').message).toBe('empty packet spec (try eth/ipv4/udp)');
    expect(first('eth/').message).toBe('expected a layer after "/"');
    expect(first('ipv4(ttl=1,ttl=2)')).toMatchObject({ col: 12, message: 'ipv4: ttl is given twice' });
    expect(first('ipv4(5)')).toMatchObject({ col: 6, message: expect.stringContaining('ipv4 takes name=value arguments') });
  });
  it('maps a build error to the field that caused it', () => {
    const r = packetFromText('eth/payload("x",hex=00)');
    expect(r.ok ? null : r.errors[0]).toMatchObject({ col: 17, endCol: 23, message: 'payload takes one of text, hex or len, not text and hex' });
  });
  it('never throws and always locates errors inside the text, for any input', () => {
    const alphabet = fc.constantFrom(...'eth/ipv4(src=10.0.0.1,dst=::1)tcp[mss:1,nop]"\\x \n=,payload0123456789abcdefxyz'.split(''));
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 60 }).map((a) => a.join('')), (text) => {
      const r = parseSpec(text);
      if (r.ok) return true;
      expect(r.errors.length).toBeGreaterThan(0);
      for (const e of r.errors) {
        expect(e.offset).toBeGreaterThanOrEqual(0);
        expect(e.offset).toBeLessThanOrEqual(text.length);
        expect(e.col).toBeGreaterThanOrEqual(1);
        expect(e.endCol).toBeGreaterThan(e.col);
        expect(e.message.length).toBeGreaterThan(0);
      }
      return true;
    }), { numRuns: 3000 });
  });
});

// ---- spec ↔ structure both ways -----------------------------------------------------------

const u = (bits: number) => fc.integer({ min: 0, max: 2 ** bits - 1 });
const mac = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 }).map((b) => b.map((x) => x.toString(16).padStart(2, '0')).join(':'));
const ip4 = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }).map((b) => b.join('.'));
const ip6 = fc.constantFrom('fd00::1', '::', '2001:db8::ff00:42:8329', 'fe80::1:2:3:4:5', '1:2:3:4:5:6:7:8', '::ffff:a00:1');
const chk = fc.oneof(u(16), fc.constant('bad' as const));
const opt = <T extends object>(rec: T) => fc.record(rec, { requiredKeys: [] });
const hex = fc.uint8Array({ maxLength: 12 }).map((b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(''));

const layerArb: fc.Arbitrary<Layer> = fc.oneof(
  opt({ dst: mac, src: mac, type: u(16) }).map((r) => ({ kind: 'eth' as const, ...r })),
  opt({ pcp: u(3), dei: u(1), id: u(12), type: u(16) }).map((r) => ({ kind: 'vlan' as const, ...r })),
  opt({ pcp: u(3), id: u(12) }).map((r) => ({ kind: 'qinq' as const, ...r })),
  opt({ op: u(16), hwsrc: mac, psrc: ip4, hwdst: mac, pdst: ip4, hwlen: u(8) }).map((r) => ({ kind: 'arp' as const, ...r })),
  opt({
    ihl: u(4), dscp: u(6), ecn: u(2), len: u(16), id: u(16), flags: u(3), frag: u(13), ttl: u(8), proto: u(8), chksum: chk, src: ip4, dst: ip4,
    options: fc.array(fc.oneof(fc.constant({ kind: 'nop' as const }), fc.constant({ kind: 'eol' as const }), u(16).map((value) => ({ kind: 'ra' as const, value }))), { maxLength: 3 }),
  }).map((r) => ({ kind: 'ipv4' as const, ...r })),
  opt({ tc: u(8), fl: u(20), plen: u(16), nh: u(8), hlim: u(8), src: ip6, dst: ip6 }).map((r) => ({ kind: 'ipv6' as const, ...r })),
  opt({ nh: u(8), options: fc.array(fc.oneof(fc.constant({ kind: 'pad1' as const }), u(8).map((len) => ({ kind: 'padn' as const, len }))), { maxLength: 2 }) }).map((r) => ({ kind: 'hbh' as const, ...r })),
  opt({ type: u(8), segleft: u(8), reserved: u(32), addrs: fc.array(ip6, { maxLength: 3 }) }).map((r) => ({ kind: 'routing' as const, ...r })),
  opt({ offset: u(13), m: u(1), id: u(32), res2: u(2) }).map((r) => ({ kind: 'frag' as const, ...r })),
  opt({
    sport: u(16), dport: u(16), seq: u(32), ack: u(32), flags: u(9), window: u(16), chksum: chk, urgptr: u(16), reserved: u(3),
    options: fc.array(fc.oneof(
      fc.constant({ kind: 'sackok' as const }), u(16).map((value) => ({ kind: 'mss' as const, value })),
      fc.tuple(u(32), u(32)).map(([val, ecr]) => ({ kind: 'ts' as const, val, ecr })),
      fc.array(fc.tuple(u(32), u(32)), { minLength: 1, maxLength: 3 }).map((blocks) => ({ kind: 'sack' as const, blocks })),
      hex.filter((h) => h.length > 0).map((h) => ({ kind: 'raw' as const, hex: h })),
    ), { maxLength: 3 }),
  }).map((r) => ({ kind: 'tcp' as const, ...r })),
  opt({ sport: u(16), dport: u(16), len: u(16), chksum: chk }).map((r) => ({ kind: 'udp' as const, ...r })),
  opt({ type: u(8), code: u(8), chksum: chk, id: u(16), seq: u(16) }).map((r) => ({ kind: 'icmp' as const, ...r })),
  opt({ type: u(8), code: u(8), rest: u(32), target: ip6 }).map((r) => ({ kind: 'icmpv6' as const, ...r })),
  fc.oneof(
    fc.string({ unit: 'binary', maxLength: 10 }).map((text) => ({ kind: 'payload' as const, text })),
    hex.map((h) => ({ kind: 'payload' as const, hex: h })),
    fc.record({ len: u(10), fill: u(8) }, { requiredKeys: ['len'] }).map((r) => ({ kind: 'payload' as const, ...r })),
  ),
);

describe('spec ↔ structure', () => {
  it('prints layers so that parsing gives them back', () => {
    fc.assert(fc.property(fc.array(layerArb, { minLength: 1, maxLength: 6 }), (layers) => {
      const text = formatSpec(layers);
      const r = parseSpec(text);
      expect(r.ok ? r.layers : r.errors).toEqual(layers);
    }), { numRuns: 2000 });
  });

  it('prints compactly with names where a number has one', () => {
    expect(formatSpec([{ kind: 'eth', type: 0x86dd }, { kind: 'ipv6', nh: 17 }, { kind: 'udp', chksum: 0x12 }, { kind: 'payload', text: 'a"b\n' }]))
      .toBe('eth(type=ipv6)/ipv6(nh=udp)/udp(chksum=0x0012)/payload("a\\"b\\n")');
    expect(formatSpec([{ kind: 'ipv4', flags: 6 }, { kind: 'tcp', flags: 0x12, options: [{ kind: 'mss', value: 1460 }, { kind: 'nop' }] }]))
      .toBe('ipv4(flags=evil+DF)/tcp(flags=SA,options=[mss:1460,nop])');
  });
});
