import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeSpec, packetFromText, parseHex, toHex } from '../../src/core/packet/index.js';

const hex = (text: string): string => {
  const r = parseHex(text);
  return r.ok ? toHex(r.bytes) : `error ${r.error.line}:${r.error.col} ${r.error.message}`;
};

describe('pasted hex', () => {
  it('accepts plain hex with any common separators and 0x prefixes', () => {
    expect(hex('45000073')).toBe('45000073');
    expect(hex('45 00 00 73\n00 00')).toBe('450000730000');
    expect(hex('45:00:00-73,0x11, 0x22')).toBe('450000731122');
    expect(hex('4500  0073')).toBe('45000073');
  });

  it('reads tcpdump -xx, xxd and Wireshark dumps, skipping offsets and ASCII', () => {
    expect(hex('\t0x0000:  4500 0073 0000 4000 4011 b861 c0a8 0001\n\t0x0010:  c0a8 00c7')).toBe('45000073000040004011b861c0a80001c0a800c7');
    expect(hex('00000000: 4500 0073 0000 4000 4011 b861 c0a8 0001  E..s..@.@..a....\n00000010: c0a8 00c7                                ....')).toBe('45000073000040004011b861c0a80001c0a800c7');
    expect(hex('0000   45 00 00 73 00 00 40 00 40 11 b8 61 c0 a8 00 01   E..s..@.@..a....\n0010   c0 a8 00 c7                                       ....')).toBe('45000073000040004011b861c0a80001c0a800c7');
  });

  it('locates bad characters and odd digits', () => {
    expect(hex('4500 00g3')).toBe('error 1:8 not a hex digit: "g"');
    expect(hex('45 00\n0 73')).toBe('error 2:1 odd number of hex digits in "0" (write bytes as two digits)');
    expect(hex('   ')).toBe('error 1:1 no bytes given');
  });

  it('never throws on any text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (t) => { parseHex(t); packetFromText(t); }), { numRuns: 2000 });
  });
});

describe('hex or spec', () => {
  it('tells a spec from hex by its first word', () => {
    expect(looksLikeSpec('eth/ipv4')).toBe(true);
    expect(looksLikeSpec('  IP/udp')).toBe(true);
    expect(looksLikeSpec('ff ff ff ff ff ff')).toBe(false);
    expect(looksLikeSpec('0x0000:  4500')).toBe(false);
  });

  it('builds either into bytes, saying which it was', () => {
    const a = packetFromText('eth/ipv4/udp');
    expect(a.ok && a.form).toBe('spec');
    const b = packetFromText(a.ok ? toHex(a.bytes) : '');
    expect(b.ok && b.form).toBe('hex');
    expect(b.ok && a.ok && toHex(b.bytes)).toBe(a.ok && toHex(a.bytes));
  });

  it('locates errors in either form', () => {
    const s = packetFromText('eth/ipv4(ttl=x)');
    expect(s.ok ? null : [s.form, s.errors[0]!.col]).toEqual(['spec', 14]);
    const h = packetFromText('ff ff zz');
    expect(h.ok ? null : [h.form, h.errors[0]!.col]).toEqual(['hex', 7]);
  });
});
