// The packet parser (core/packet/input: hex dumps and packet specs, with the layer builders behind
// them) loaded on demand: only the Input pane needs it on the page, and only once a packet program's
// packet is shown, so it stays out of the page's initial script.
import { useEffect, useState } from 'react';

export type PacketParser = typeof import('../../../core/packet/input.js').packetFromText;

let loaded: PacketParser | null = null;
let loading: Promise<PacketParser> | null = null;

export function loadPacketParser(): Promise<PacketParser> {
  return (loading ??= import('../../../core/packet/input.js').then((m) => (loaded = m.packetFromText)));
}

/** The parser once it is loaded (null until then); starts loading it when `needed`. */
export function usePacketParser(needed: boolean): PacketParser | null {
  const [parser, setParser] = useState<PacketParser | null>(() => loaded);
  useEffect(() => {
    if (parser || !needed) return;
    let live = true;
    void loadPacketParser().then((p) => { if (live) setParser(() => p); });
    return () => { live = false; };
  }, [parser, needed]);
  return parser;
}
