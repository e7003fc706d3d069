import { describe, expect, it } from 'vitest';
import { resolveFields } from '../../src/core/packet/index.js';

describe('resolved fields for the form editor', () => {
  it('shows the values the builder fills in, defaults and computed ones alike', () => {
    const r = resolveFields([{ kind: 'eth' }, { kind: 'ipv4', ttl: 9 }, { kind: 'udp' }, { kind: 'payload', text: '' }]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.fields[0]).toMatchObject({ src: '02:00:00:00:00:01', type: '0x0800 (IPv4)' });
    expect(r.fields[1]).toMatchObject({ ttl: '9', len: '28', proto: '17 (UDP)', chksum: expect.stringMatching(/\(correct\)$/) });
    expect(r.fields[2]).toMatchObject({ sport: '40000', dport: '53', len: '8' });
    expect(r.fields[3]).toBeNull();
  });

  it('passes build errors through', () => {
    expect(resolveFields([{ kind: 'ipv4', ttl: -1 }])).toMatchObject({ ok: false, error: { field: 'ttl' } });
  });

  it('starts from the IP header when the packet does', () => {
    const r = resolveFields([{ kind: 'ipv6' }, { kind: 'icmpv6' }]);
    expect(r.ok && r.fields[1]).toMatchObject({ type: '128 (echo request)', id: '1', seq: '1' });
  });
});
