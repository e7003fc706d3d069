// What the builder will actually write for every field, including the ones the user left out:
// the form editor shows these as placeholders ("64", "0x1c46 (correct)", "auto: 0x0800 (IPv4)").
// Computed by building and dissecting, so it can never disagree with the builder.

import { buildPacket } from './build.js';
import { dissect } from './dissect.js';
import type { Layer } from './layers.js';
import type { BuildError } from './validate.js';

/** For each layer, field name → the value as the dissector shows it; null for a layer that the
 * dissector reads differently (e.g. a payload that happens to look like a header). */
export type ResolvedFields = Array<Record<string, string> | null>;

export function resolveFields(layers: readonly Layer[]): { ok: true; fields: ResolvedFields } | { ok: false; error: BuildError } {
  const built = buildPacket(layers);
  if (!built.ok) return built;
  const link = layers[0]?.kind === 'ipv4' || layers[0]?.kind === 'ipv6' ? layers[0].kind : 'eth';
  const tree = dissect(built.bytes, { link });
  let at = 0;
  const fields: ResolvedFields = layers.map((l) => {
    // Empty payloads produce no bytes and so no dissected layer.
    const d = tree.layers[at];
    if (!d || d.kind !== l.kind) return null;
    at++;
    return Object.fromEntries(d.fields.map((f) => [f.name, f.display]));
  });
  return { ok: true, fields };
}
