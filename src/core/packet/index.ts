// The packet builder and dissector: build packets from a compact spec or structured layers,
// dissect bytes into named fields, turn bytes back into layers, and compare two packets.

export type {
  ChecksumValue, TcpOption, Ipv4Option, Ipv6Option, EthLayer, VlanLayer, ArpLayer, Ipv4Layer, Ipv6Layer, Ipv6OptsLayer,
  RoutingLayer, FragLayer, TcpLayer, UdpLayer, IcmpLayer, Icmpv6Layer, PayloadLayer, Layer, LayerKind, FieldType,
  FieldSchema, LayerSchema,
} from './layers.js';
export { LAYER_KINDS, LAYER_SCHEMAS, DEFAULTS, fieldSchema } from './layers.js';
export type { BuildError } from './validate.js';
export { validateLayers } from './validate.js';
export type { BuildResult } from './build.js';
export { buildPacket } from './build.js';
export type { SpecSpan, SpecError, LayerSpans, ParseSpecResult } from './spec.js';
export { parseSpec, formatSpec, formatLayer, layerKindOf, LAYER_ALIASES } from './spec.js';
export type { ChecksumCheck, PacketField, PacketLayer, DissectedPacket, LinkType } from './tree.js';
export { dissect } from './dissect.js';
export type { LayersFromBytes } from './fromtree.js';
export { layersFromBytes } from './fromtree.js';
export type { ByteRange, FieldChange, PacketDiff } from './diff.js';
export { diffPackets } from './diff.js';
export type { HexResult, PacketInputResult } from './input.js';
export { parseHex, packetFromText, looksLikeSpec } from './input.js';
export { toHex, fromHex } from './bytes.js';
export { inetChecksum } from './checksum.js';
export type { ResolvedFields } from './resolve.js';
export { resolveFields } from './resolve.js';
