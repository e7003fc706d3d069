// Builder and dissector against scapy: tests/packet/scapy_vectors.json holds packets scapy built
// from expressions that spell out what bpfiddle's specs leave to defaults, and how scapy
// dissects them. The last test re-runs scapy (when installed) to show the file is its output.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dissect, fromHex, layersFromBytes, buildPacket, packetFromText, toHex, type PacketField, type LayerKind } from '../../src/core/packet/index.js';

interface ScapyLayer { layer: string; fields: Record<string, number | string | string[]> }
interface Case { name: string; spec: string; hex: string; scapy: ScapyLayer[] }

const vectorsPath = fileURLToPath(new URL('./scapy_vectors.json', import.meta.url));
const scriptPath = fileURLToPath(new URL('./scapy_vectors.py', import.meta.url));
const vectors = JSON.parse(readFileSync(vectorsPath, 'utf8')) as { generator: string; cases: Case[] };

const KIND: Record<string, LayerKind> = {
  Ether: 'eth', Dot1Q: 'vlan', Dot1AD: 'qinq', ARP: 'arp', IP: 'ipv4', IPerror: 'ipv4', IPv6: 'ipv6', IPerror6: 'ipv6',
  IPv6ExtHdrHopByHop: 'hbh', IPv6ExtHdrDestOpt: 'dstopts', IPv6ExtHdrRouting: 'routing', IPv6ExtHdrFragment: 'frag',
  TCP: 'tcp', TCPerror: 'tcp', UDP: 'udp', UDPerror: 'udp', ICMP: 'icmp', ICMPerror: 'icmp', Raw: 'payload', Padding: 'trailer',
};
const kindOf = (scapyName: string): LayerKind => KIND[scapyName] ?? (scapyName.startsWith('ICMPv6') ? 'icmpv6' : ('?' as LayerKind));

/** scapy field name → bpfiddle field name, where they differ. */
const RENAME: Record<string, Record<string, string>> = {
  Dot1Q: { prio: 'pcp', id: 'dei', vlan: 'id' },
  Dot1AD: { prio: 'pcp', id: 'dei', vlan: 'id' },
  IPv6ExtHdrRouting: { addresses: 'addrs' },
  Raw: { load: 'hex' },
  Padding: { load: 'hex' },
};
// ICMPv6: scapy's `res` is the whole second word except in NA, where R/S/O are split off it.
const renameFor = (layer: string): Record<string, string> =>
  RENAME[layer] ?? (layer === 'ICMPv6ND_NA' ? { cksum: 'chksum', tgt: 'target' }
    : layer.startsWith('ICMPv6') ? { cksum: 'chksum', res: 'rest', tgt: 'target' } : {});

/** scapy keeps an echo's data inside the ICMPv6 layer; bpfiddle shows it as a payload layer. */
function scapyLayers(c: Case): ScapyLayer[] {
  return c.scapy.flatMap((l) => (l.layer.startsWith('ICMPv6Echo') && l.fields.data
    ? [l, { layer: 'Raw', fields: { load: l.fields.data } }] : [l]));
}

function ourValue(f: PacketField): number | string | string[] {
  if (f.children && f.name === 'addrs') return f.children.map((c) => c.display);
  return typeof f.value === 'number' || f.name === 'hex' ? f.value : f.display;
}

describe('builder output matches scapy byte for byte', () => {
  it.each(vectors.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = packetFromText(c.spec);
    expect(r.ok ? toHex(r.bytes) : r.errors).toBe(c.hex);
  });
});

describe('dissector agrees with scapy on every field both name', () => {
  it.each(vectors.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const tree = dissect(fromHex(c.hex)!);
    const theirs = scapyLayers(c);
    expect(tree.layers.map((l) => l.kind)).toEqual(theirs.map((l) => kindOf(l.layer)));
    expect(tree.stop).toBeUndefined();
    theirs.forEach((sl, i) => {
      const ours = tree.layers[i]!;
      const rename = renameFor(sl.layer);
      let compared = 0;
      for (const [name, value] of Object.entries(sl.fields)) {
        if (sl.layer.startsWith('IP') && name === 'tos') {
          const dscp = ours.fields.find((f) => f.name === 'dscp')!.value as number;
          const ecn = ours.fields.find((f) => f.name === 'ecn')!.value as number;
          expect((dscp << 2) | ecn, `${sl.layer}.tos`).toBe(value);
          compared++;
          continue;
        }
        const f = ours.fields.find((x) => x.name === (rename[name] ?? name));
        if (!f || name === 'options') continue;
        expect(ourValue(f), `${sl.layer}.${name}`).toEqual(value);
        compared++;
      }
      expect(compared, `${sl.layer}: fields compared`).toBeGreaterThan(0);
    });
  });
});

describe('bytes → layers → bytes reproduces every golden packet', () => {
  it.each(vectors.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const bytes = fromHex(c.hex)!;
    const back = layersFromBytes(bytes);
    const rebuilt = buildPacket(back.layers);
    expect(rebuilt.ok && toHex(rebuilt.bytes)).toBe(c.hex);
    // Every layer the dissector understood survives as itself, not as raw data.
    expect(back.structured).toBe(dissect(bytes).layers.length);
  });
});

describe('the golden file is what scapy produces', () => {
  it('regenerating with scapy gives the stored vectors', () => {
    const python = '/usr/bin/python3';
    let have = existsSync(python);
    if (have) {
      try { execFileSync(python, ['-c', 'import scapy.all'], { stdio: 'ignore' }); } catch { have = false; }
    }
    if (!have) {
      console.log('skipped: scapy is not installed (apt-get install python3-scapy) — using the stored vectors only');
      return;
    }
    const fresh = JSON.parse(execFileSync(python, [scriptPath], { encoding: 'utf8' })) as typeof vectors;
    expect(fresh.cases).toEqual(vectors.cases);
  });
});
