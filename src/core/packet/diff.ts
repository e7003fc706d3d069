// Before/after comparison of a packet, for showing what a program changed: which bytes differ
// and which named fields now hold other values. Programs may grow or shrink a packet at its head
// (bpf_xdp_adjust_head), its tail, or in between (pushing or popping a VLAN tag after the MACs),
// so the two are first aligned around the one gap that leaves the fewest differing bytes.

import { dissect } from './dissect.js';
import type { DissectedPacket, LinkType, PacketField, PacketLayer } from './tree.js';

export interface ByteRange { offset: number; length: number }

export interface FieldChange {
  /** Index of the layer in `after`. */
  layer: number;
  /** `ipv4.ttl`, `vlan#1.id` (the second VLAN tag), `tcp.options.mss`. */
  path: string;
  label: string;
  before: string;
  after: string;
  /** Where the field is in the `after` bytes. */
  offset: number;
  length: number;
  bitOffset?: number;
  bitLength?: number;
}

export interface PacketDiff {
  before: DissectedPacket;
  after: DissectedPacket;
  /** after.length − before.length. */
  delta: number;
  /** Where in `after` the |delta| bytes were inserted (delta > 0) or where removed ones used to be
   * (delta < 0): 0 for the head, the end for the tail, 12 for a VLAN tag after the MACs. */
  gapAt: number;
  /** Byte ranges of `after` that are new or differ from the aligned byte of `before`. */
  changed: ByteRange[];
  fields: FieldChange[];
  /** Layers only in `after` (by index in `after`) and only in `before` (by index in `before`). */
  added: number[];
  removed: number[];
}

/** Where `after` gained (delta > 0) or lost (delta < 0) its |delta| bytes: the offset that
 * leaves the most bytes equal when everything before it lines up unshifted and everything
 * after it lines up shifted. Ties go to the earliest offset. */
function findGap(a: Uint8Array, b: Uint8Array, delta: number): number {
  const common = Math.min(a.length, b.length);
  const ins = Math.max(delta, 0);
  // prefix[p]: equal bytes in [0, p) unshifted; suffix[p]: equal bytes from p + ins on, shifted.
  const prefix = new Array<number>(common + 1).fill(0);
  for (let i = 0; i < common; i++) prefix[i + 1] = prefix[i]! + (a[i] === b[i] ? 1 : 0);
  const suffix = new Array<number>(common + 2).fill(0);
  for (let p = common - 1; p >= 0; p--) {
    const i = p + ins;
    suffix[p] = suffix[p + 1]! + (b[i] === a[i - delta] ? 1 : 0);
  }
  let best = 0, bestScore = -1;
  for (let p = 0; p <= common; p++) {
    const score = prefix[p]! + suffix[p]!;
    if (score > bestScore) { best = p; bestScore = score; }
  }
  return best;
}

function ranges(flags: boolean[]): ByteRange[] {
  const out: ByteRange[] = [];
  for (let i = 0; i < flags.length; i++) {
    if (!flags[i]) continue;
    const s = i;
    while (i < flags.length && flags[i]) i++;
    out.push({ offset: s, length: i - s });
  }
  return out;
}

/** Pairs layers of the same kind: first those whose offsets line up across the gap, then the
 * rest in order. */
function pairLayers(before: PacketLayer[], after: PacketLayer[], toBefore: (i: number) => number | null): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  const usedB = new Set<number>(), usedA = new Set<number>();
  after.forEach((a, ai) => {
    const at = toBefore(a.offset);
    const bi = at === null ? -1 : before.findIndex((b, k) => !usedB.has(k) && b.kind === a.kind && b.offset === at);
    if (bi >= 0) { pairs.push([bi, ai]); usedB.add(bi); usedA.add(ai); }
  });
  let lastB = -1;
  after.forEach((a, ai) => {
    if (usedA.has(ai)) { lastB = Math.max(lastB, pairs.find((p) => p[1] === ai)![0]); return; }
    const bi = before.findIndex((b, k) => k > lastB && !usedB.has(k) && b.kind === a.kind);
    if (bi >= 0) { pairs.push([bi, ai]); usedB.add(bi); usedA.add(ai); lastB = bi; }
  });
  return pairs.sort((x, y) => x[1] - y[1]);
}

function flatten(fields: PacketField[], prefix: string, out: Map<string, PacketField>): void {
  const seen = new Map<string, number>();
  for (const f of fields) {
    const n = seen.get(f.name) ?? 0;
    seen.set(f.name, n + 1);
    const key = `${prefix}.${f.name}${n ? `#${n}` : ''}`;
    if (f.children?.length) flatten(f.children, key, out);
    else out.set(key, f);
  }
}

function layerKeys(layers: PacketLayer[]): string[] {
  const count = new Map<string, number>();
  return layers.map((l) => {
    const n = count.get(l.kind) ?? 0;
    count.set(l.kind, n + 1);
    return n ? `${l.kind}#${n}` : l.kind;
  });
}

/** Compares a packet before and after a run. */
export function diffPackets(before: Uint8Array, after: Uint8Array, options: { link?: LinkType } = {}): PacketDiff {
  const delta = after.length - before.length;
  const gapAt = findGap(before, after, delta);
  const ins = Math.max(delta, 0);
  const toBefore = (i: number): number | null => (i < gapAt ? i : i < gapAt + ins ? null : i - delta);
  const changed = ranges(Array.from(after, (v, i) => { const j = toBefore(i); return j === null || j >= before.length || before[j] !== v; }));
  const tb = dissect(before, options), ta = dissect(after, options);
  const pairs = pairLayers(tb.layers, ta.layers, toBefore);
  const keys = layerKeys(ta.layers);
  const fields: FieldChange[] = [];
  for (const [bi, ai] of pairs) {
    const fb = new Map<string, PacketField>(), fa = new Map<string, PacketField>();
    flatten(tb.layers[bi]!.fields, keys[ai]!, fb);
    flatten(ta.layers[ai]!.fields, keys[ai]!, fa);
    for (const [path, f] of fa) {
      const old = fb.get(path);
      if (old && old.value === f.value && old.display === f.display) continue;
      fields.push({
        layer: ai, path, label: f.label, before: old ? old.display : '(absent)', after: f.display, offset: f.offset, length: f.length,
        ...(f.bitLength !== undefined ? { bitOffset: f.bitOffset, bitLength: f.bitLength } : {}),
      });
    }
    for (const [path, f] of fb) {
      if (!fa.has(path)) fields.push({ layer: ai, path, label: f.label, before: f.display, after: '(absent)', offset: ta.layers[ai]!.offset, length: 0 });
    }
  }
  const pairedA = new Set(pairs.map((p) => p[1])), pairedB = new Set(pairs.map((p) => p[0]));
  return {
    before: tb, after: ta, delta, gapAt, changed, fields,
    added: ta.layers.map((_, i) => i).filter((i) => !pairedA.has(i)),
    removed: tb.layers.map((_, i) => i).filter((i) => !pairedB.has(i)),
  };
}
