// Bytes → structured layers: the inverse of the builder, so a pasted packet can be edited field
// by field. Dissects, writes every field out explicitly, checks that this rebuilds the exact
// bytes, then drops each field the builder would fill in the same way (correct checksums and
// lengths, defaults), leaving the shortest structure that still rebuilds byte for byte.

import { concat, isPlainText, toHex, asciiOf } from './bytes.js';
import { buildPacket, layoutPacket } from './build.js';
import { dissect } from './dissect.js';
import { fieldSchema, type Layer } from './layers.js';
import {
  decodeIpv4Options, decodeIpv6Options, decodeTcpOptions, encodeIpv4Options, encodeIpv6Options, encodeTcpOptions,
  structuredOptions,
} from './options.js';
import type { LinkType, PacketLayer } from './tree.js';

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Whether `layers` build exactly `bytes`; `checked` skips validation for layers derived from a
 * structure that already passed it (dropping fields never makes a valid structure invalid). */
function rebuilds(layers: readonly Layer[], bytes: Uint8Array, checked = false): boolean {
  const r = checked ? layoutPacket(layers) : buildPacket(layers);
  return r.ok && sameBytes(r.bytes, bytes);
}

function dataLayer(kind: 'payload' | 'trailer', b: Uint8Array): Layer {
  return isPlainText(b) && b.length > 0 ? { kind, text: asciiOf(b) } : { kind, hex: toHex(b) };
}

/** Every field of a dissected layer as a structured value, or null if the layer has something
 * the structure cannot say (a cut-short header, an unusual ARP, routing data that is not a list). */
function explicitLayer(pl: PacketLayer, b: Uint8Array): Layer | null {
  if (!pl.complete) return null;
  if (pl.kind === 'payload' || pl.kind === 'trailer') return dataLayer(pl.kind, b.subarray(pl.offset, pl.offset + pl.length));
  const out: Record<string, unknown> = { kind: pl.kind };
  for (const f of pl.fields) {
    const s = fieldSchema(pl.kind, f.name);
    if (!s) return null;
    const area = b.subarray(f.offset, f.offset + f.length);
    switch (s.type) {
      case 'uint': case 'tcpflags': case 'ipflags': case 'chksum': out[f.name] = f.value; break;
      case 'mac': case 'ipv4': case 'ipv6': out[f.name] = f.display; break;
      case 'ipv6list': out[f.name] = (f.children ?? []).map((c) => c.display); break;
      case 'tcpopts': out[f.name] = structuredOptions(decodeTcpOptions(b, f.offset, f.offset + f.length), area, encodeTcpOptions); break;
      case 'ipopts': out[f.name] = structuredOptions(decodeIpv4Options(b, f.offset, f.offset + f.length), area, encodeIpv4Options); break;
      case 'ip6opts': out[f.name] = structuredOptions(decodeIpv6Options(b, f.offset, f.offset + f.length), area, encodeIpv6Options); break;
      case 'text': case 'hex': return null;
    }
  }
  return out as unknown as Layer;
}

/** Removes, one at a time, each field whose absence leaves the bytes unchanged. */
function minimise(layers: Layer[], bytes: Uint8Array): Layer[] {
  const cur = layers.map((l) => ({ ...l }) as Record<string, unknown>);
  for (const l of cur) {
    for (const k of Object.keys(l)) {
      if (k === 'kind') continue;
      const saved = l[k];
      delete l[k];
      if (!rebuilds(cur as unknown as Layer[], bytes, true)) l[k] = saved;
    }
  }
  return cur as unknown as Layer[];
}

export interface LayersFromBytes {
  layers: Layer[];
  /** How many dissected layers made it into `layers` as themselves (the rest is payload). */
  structured: number;
}

/** The shortest structured layers that build exactly `bytes`. Where the dissector could not make
 * sense of the bytes, the rest becomes one payload layer, so the result always rebuilds them. */
export function layersFromBytes(bytes: Uint8Array, options: { link?: LinkType } = {}): LayersFromBytes {
  const tree = dissect(bytes, options);
  const explicit: Layer[] = [];
  for (const pl of tree.layers) {
    const l = explicitLayer(pl, bytes);
    if (!l) break;
    explicit.push(l);
  }
  // Try everything, then ever shorter prefixes with the rest as raw data.
  for (let k = explicit.length; k >= 0; k--) {
    const head = explicit.slice(0, k);
    const restAt = k < tree.layers.length ? tree.layers[k]!.offset : bytes.length;
    const cand = restAt < bytes.length ? [...head, dataLayer('payload', bytes.subarray(restAt))] : head;
    if (rebuilds(cand, bytes)) return { layers: minimise(cand, bytes), structured: k };
  }
  // Unreachable while the builder writes payload bytes verbatim; kept so this never lies.
  return { layers: [dataLayer('payload', concat([bytes]))], structured: 0 };
}
