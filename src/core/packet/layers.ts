// The structured form of a packet: a list of plain-object layers, outermost first, each with only
// the fields the user set (everything else is a default or computed by the builder). This is what
// the text spec parses into, what the UI's form editor edits, and what the dissector can turn
// bytes back into. LAYER_SCHEMAS describes every field once (name, type, label, doc, default) so
// the parser, the printer, the form editor and the dissector agree on names.

import { ARP_HWTYPES, ARP_OPS, ETHERTYPES, ICMP_TYPES, ICMPV6_TYPES, IP_PROTOS } from './names.js';

/** A checksum field: a value written verbatim, or `'bad'` for a value guaranteed wrong (the correct
 * one with its lowest bit flipped, which never lands on the other encoding of zero). */
export type ChecksumValue = number | 'bad';

export type TcpOption =
  | { kind: 'eol' } | { kind: 'nop' } | { kind: 'sackok' }
  | { kind: 'mss'; value: number } | { kind: 'wscale'; value: number }
  | { kind: 'sack'; blocks: Array<[number, number]> }
  | { kind: 'ts'; val: number; ecr: number }
  | { kind: 'raw'; hex: string };

export type Ipv4Option = { kind: 'eol' } | { kind: 'nop' } | { kind: 'ra'; value: number } | { kind: 'raw'; hex: string };

export type Ipv6Option = { kind: 'pad1' } | { kind: 'padn'; len: number } | { kind: 'ra'; value: number } | { kind: 'raw'; hex: string };

export interface EthLayer { kind: 'eth'; dst?: string; src?: string; type?: number }
/** 802.1Q C-tag (`vlan`, TPID 0x8100) or 802.1ad S-tag (`qinq`, TPID 0x88a8); the TPID is written
 * into the previous header's type field. */
export interface VlanLayer { kind: 'vlan' | 'qinq'; pcp?: number; dei?: number; id?: number; type?: number }
export interface ArpLayer {
  kind: 'arp'; hwtype?: number; ptype?: number; hwlen?: number; plen?: number; op?: number;
  hwsrc?: string; psrc?: string; hwdst?: string; pdst?: string;
}
export interface Ipv4Layer {
  kind: 'ipv4'; version?: number; ihl?: number; dscp?: number; ecn?: number; len?: number; id?: number;
  flags?: number; frag?: number; ttl?: number; proto?: number; chksum?: ChecksumValue; src?: string; dst?: string;
  options?: Ipv4Option[];
}
export interface Ipv6Layer {
  kind: 'ipv6'; version?: number; tc?: number; fl?: number; plen?: number; nh?: number; hlim?: number;
  src?: string; dst?: string;
}
/** Hop-by-Hop or Destination Options extension header; options are padded to 8 bytes with Pad1/PadN. */
export interface Ipv6OptsLayer { kind: 'hbh' | 'dstopts'; nh?: number; len?: number; options?: Ipv6Option[] }
export interface RoutingLayer {
  kind: 'routing'; nh?: number; len?: number; type?: number; segleft?: number; reserved?: number; addrs?: string[];
}
export interface FragLayer { kind: 'frag'; nh?: number; res1?: number; offset?: number; res2?: number; m?: number; id?: number }
export interface TcpLayer {
  kind: 'tcp'; sport?: number; dport?: number; seq?: number; ack?: number; dataofs?: number; reserved?: number;
  flags?: number; window?: number; chksum?: ChecksumValue; urgptr?: number; options?: TcpOption[];
}
export interface UdpLayer { kind: 'udp'; sport?: number; dport?: number; len?: number; chksum?: ChecksumValue }
/** `id`/`seq` are the second header word for echo-like types; `rest` sets that word whole for others. */
export interface IcmpLayer { kind: 'icmp'; type?: number; code?: number; chksum?: ChecksumValue; id?: number; seq?: number; rest?: number }
export interface Icmpv6Layer {
  kind: 'icmpv6'; type?: number; code?: number; chksum?: ChecksumValue; id?: number; seq?: number; rest?: number;
  /** Neighbor discovery target address (types 135-137), written after the first 8 bytes. */
  target?: string;
}
/** Bytes after the headers: UTF-8 `text`, `hex`, or `len` bytes of `fill` (one of the three).
 * A `trailer` is the same but sits outside every length and checksum (Ethernet padding). */
export interface PayloadLayer { kind: 'payload' | 'trailer'; text?: string; hex?: string; len?: number; fill?: number }

export type Layer =
  | EthLayer | VlanLayer | ArpLayer | Ipv4Layer | Ipv6Layer | Ipv6OptsLayer | RoutingLayer | FragLayer
  | TcpLayer | UdpLayer | IcmpLayer | Icmpv6Layer | PayloadLayer;
export type LayerKind = Layer['kind'];

export const LAYER_KINDS: readonly LayerKind[] = [
  'eth', 'vlan', 'qinq', 'arp', 'ipv4', 'ipv6', 'hbh', 'dstopts', 'routing', 'frag', 'tcp', 'udp', 'icmp', 'icmpv6',
  'payload', 'trailer',
];

/** The value types a field can have; the parser, printer and form editor switch on these. */
export type FieldType =
  | 'uint' | 'mac' | 'ipv4' | 'ipv6' | 'tcpflags' | 'ipflags' | 'chksum' | 'text' | 'hex'
  | 'tcpopts' | 'ipopts' | 'ip6opts' | 'ipv6list';

export interface FieldSchema {
  name: string;
  type: FieldType;
  /** Width of a `uint` (or flags) field in bits. */
  bits?: number;
  label: string;
  doc: string;
  /** Names accepted in place of numbers (`proto=udp`); the printer uses them too. */
  names?: Readonly<Record<string, number>>;
  /** Other spellings the parser accepts for this field (scapy's or RFC names). */
  aliases?: readonly string[];
  /** Filled in by the builder when omitted (lengths, checksums, next-protocol fields): how. */
  auto?: string;
}

export interface LayerSchema {
  kind: LayerKind;
  title: string;
  doc: string;
  fields: readonly FieldSchema[];
  /** The field a bare value sets: `payload("hi")` is `payload(text="hi")`. */
  positional?: string;
}

const u = (name: string, bits: number, label: string, doc: string, extra: Partial<FieldSchema> = {}): FieldSchema =>
  ({ name, type: 'uint', bits, label, doc, ...extra });
const chk = (doc: string): FieldSchema =>
  ({ name: 'chksum', type: 'chksum', bits: 16, label: 'Checksum', doc: `${doc} A number is written as is; \`bad\` writes a wrong one (the correct value with its low bit flipped).`, auto: 'computed' });

const NEXT_AUTO = 'from the next layer';
const vlanFields: readonly FieldSchema[] = [
  u('pcp', 3, 'Priority (PCP)', 'Priority code point, 0-7.', { aliases: ['prio'] }),
  u('dei', 1, 'Drop eligible (DEI)', 'Drop eligible indicator (formerly CFI).', { aliases: ['cfi'] }),
  u('id', 12, 'VLAN ID', 'VLAN identifier, 0-4095.', { aliases: ['vlan', 'vid'] }),
  u('type', 16, 'Type', 'EtherType of what follows.', { names: ETHERTYPES, auto: NEXT_AUTO }),
];
const payloadFields: readonly FieldSchema[] = [
  { name: 'text', type: 'text', label: 'Text', doc: 'The bytes as UTF-8 text.' },
  { name: 'hex', type: 'hex', label: 'Hex', doc: 'The bytes in hex.' },
  u('len', 16, 'Length', 'This many bytes of `fill`.'),
  u('fill', 8, 'Fill byte', 'The byte repeated `len` times (default 0).'),
];
const ip6OptFields = (): readonly FieldSchema[] => [
  u('nh', 8, 'Next header', 'Protocol of what follows.', { names: IP_PROTOS, auto: NEXT_AUTO }),
  u('len', 8, 'Header length', 'Length in 8-byte units, not counting the first 8.', { auto: 'computed' }),
  { name: 'options', type: 'ip6opts', label: 'Options', doc: 'List of pad1, padn:N, ra:V (router alert), raw:HEX; padded to 8 bytes.' },
];

export const LAYER_SCHEMAS: Readonly<Record<LayerKind, LayerSchema>> = {
  eth: {
    kind: 'eth', title: 'Ethernet II', doc: 'Ethernet header (no FCS, as XDP and tc see it).',
    fields: [
      { name: 'dst', type: 'mac', label: 'Destination', doc: 'Destination MAC address.' },
      { name: 'src', type: 'mac', label: 'Source', doc: 'Source MAC address.' },
      u('type', 16, 'Type', 'EtherType of what follows.', { names: ETHERTYPES, auto: NEXT_AUTO }),
    ],
  },
  vlan: { kind: 'vlan', title: '802.1Q VLAN', doc: '802.1Q VLAN tag (TPID 0x8100).', fields: vlanFields },
  qinq: { kind: 'qinq', title: '802.1ad S-tag', doc: '802.1ad service tag for QinQ (TPID 0x88a8).', fields: vlanFields },
  arp: {
    kind: 'arp', title: 'ARP', doc: 'ARP over Ethernet/IPv4.',
    fields: [
      u('hwtype', 16, 'Hardware type', 'Link type (1 = Ethernet).', { names: ARP_HWTYPES }),
      u('ptype', 16, 'Protocol type', 'EtherType of the protocol addresses.', { names: ETHERTYPES }),
      u('hwlen', 8, 'Hardware size', 'Hardware address length.'),
      u('plen', 8, 'Protocol size', 'Protocol address length.'),
      u('op', 16, 'Opcode', '1 = request, 2 = reply.', { names: ARP_OPS }),
      { name: 'hwsrc', type: 'mac', label: 'Sender MAC', doc: 'Sender hardware address (default: the Ethernet source).', aliases: ['sha'] },
      { name: 'psrc', type: 'ipv4', label: 'Sender IP', doc: 'Sender protocol address.', aliases: ['spa'] },
      { name: 'hwdst', type: 'mac', label: 'Target MAC', doc: 'Target hardware address.', aliases: ['tha'] },
      { name: 'pdst', type: 'ipv4', label: 'Target IP', doc: 'Target protocol address.', aliases: ['tpa'] },
    ],
  },
  ipv4: {
    kind: 'ipv4', title: 'IPv4', doc: 'IPv4 header with options.',
    fields: [
      u('version', 4, 'Version', 'IP version (4).'),
      u('ihl', 4, 'Header length', 'Header length in 32-bit words.', { auto: 'from the options' }),
      u('dscp', 6, 'DSCP', 'Differentiated services code point (`tos=` sets DSCP and ECN at once).'),
      u('ecn', 2, 'ECN', 'Explicit congestion notification.'),
      u('len', 16, 'Total length', 'Header plus data, in bytes.', { auto: 'computed' }),
      u('id', 16, 'Identification', 'Fragment identification.'),
      { name: 'flags', type: 'ipflags', bits: 3, label: 'Flags', doc: 'DF, MF, evil (reserved bit), joined with +, or a number.' },
      u('frag', 13, 'Fragment offset', 'In 8-byte units.'),
      u('ttl', 8, 'Time to live', 'Hop limit.'),
      u('proto', 8, 'Protocol', 'Protocol of what follows.', { names: IP_PROTOS, auto: NEXT_AUTO }),
      chk('Header checksum.'),
      { name: 'src', type: 'ipv4', label: 'Source', doc: 'Source address.' },
      { name: 'dst', type: 'ipv4', label: 'Destination', doc: 'Destination address.' },
      { name: 'options', type: 'ipopts', label: 'Options', doc: 'List of eol, nop, ra:V (router alert), raw:HEX; padded to 4 bytes.' },
    ],
  },
  ipv6: {
    kind: 'ipv6', title: 'IPv6', doc: 'IPv6 fixed header.',
    fields: [
      u('version', 4, 'Version', 'IP version (6).'),
      u('tc', 8, 'Traffic class', 'DSCP and ECN.'),
      u('fl', 20, 'Flow label', 'Flow label.'),
      u('plen', 16, 'Payload length', 'Bytes after this header.', { auto: 'computed' }),
      u('nh', 8, 'Next header', 'Protocol of what follows.', { names: IP_PROTOS, auto: NEXT_AUTO }),
      u('hlim', 8, 'Hop limit', 'Hop limit.', { aliases: ['ttl'] }),
      { name: 'src', type: 'ipv6', label: 'Source', doc: 'Source address.' },
      { name: 'dst', type: 'ipv6', label: 'Destination', doc: 'Destination address.' },
    ],
  },
  hbh: { kind: 'hbh', title: 'IPv6 Hop-by-Hop Options', doc: 'Hop-by-Hop Options header.', fields: ip6OptFields() },
  dstopts: { kind: 'dstopts', title: 'IPv6 Destination Options', doc: 'Destination Options header.', fields: ip6OptFields() },
  routing: {
    kind: 'routing', title: 'IPv6 Routing', doc: 'Routing header with a list of addresses (type 0 layout).',
    fields: [
      u('nh', 8, 'Next header', 'Protocol of what follows.', { names: IP_PROTOS, auto: NEXT_AUTO }),
      u('len', 8, 'Header length', 'Length in 8-byte units, not counting the first 8.', { auto: 'computed' }),
      u('type', 8, 'Routing type', 'Routing type.'),
      u('segleft', 8, 'Segments left', 'Addresses still to visit.', { auto: 'number of addresses' }),
      u('reserved', 32, 'Reserved', 'Type-specific data word.'),
      { name: 'addrs', type: 'ipv6list', label: 'Addresses', doc: 'List of IPv6 addresses; the last is the final destination.', aliases: ['addresses'] },
    ],
  },
  frag: {
    kind: 'frag', title: 'IPv6 Fragment', doc: 'Fragment header.',
    fields: [
      u('nh', 8, 'Next header', 'Protocol of what follows.', { names: IP_PROTOS, auto: NEXT_AUTO }),
      u('res1', 8, 'Reserved', 'Reserved byte.'),
      u('offset', 13, 'Fragment offset', 'In 8-byte units.'),
      u('res2', 2, 'Reserved bits', 'Reserved bits.'),
      u('m', 1, 'More fragments', '1 if more fragments follow.'),
      u('id', 32, 'Identification', 'Fragment identification.'),
    ],
  },
  tcp: {
    kind: 'tcp', title: 'TCP', doc: 'TCP header with options.',
    fields: [
      u('sport', 16, 'Source port', 'Source port.'),
      u('dport', 16, 'Destination port', 'Destination port.'),
      u('seq', 32, 'Sequence number', 'Sequence number.'),
      u('ack', 32, 'Acknowledgment number', 'Acknowledgment number.'),
      u('dataofs', 4, 'Data offset', 'Header length in 32-bit words.', { auto: 'from the options' }),
      u('reserved', 3, 'Reserved', 'Reserved bits.'),
      { name: 'flags', type: 'tcpflags', bits: 9, label: 'Flags', doc: 'Letters F S R P A U E C N (AE), e.g. SA, or a number.' },
      u('window', 16, 'Window', 'Receive window size, in bytes (before scaling).'),
      chk('Checksum over the pseudo-header, header and data.'),
      u('urgptr', 16, 'Urgent pointer', 'Urgent pointer.'),
      { name: 'options', type: 'tcpopts', label: 'Options', doc: 'List of eol, nop, mss:N, wscale:N, sackok, sack:L-R:L-R, ts:VAL:ECR, raw:HEX; padded to 4 bytes.' },
    ],
  },
  udp: {
    kind: 'udp', title: 'UDP', doc: 'UDP header.',
    fields: [
      u('sport', 16, 'Source port', 'Source port.'),
      u('dport', 16, 'Destination port', 'Destination port.'),
      u('len', 16, 'Length', 'Header plus data, in bytes.', { auto: 'computed' }),
      chk('Checksum over the pseudo-header, header and data (0xffff when it computes to 0).'),
    ],
  },
  icmp: {
    kind: 'icmp', title: 'ICMP', doc: 'ICMP message; an error message is followed by the offending IPv4 header as layers.',
    fields: [
      u('type', 8, 'Type', 'Message type.', { names: ICMP_TYPES }),
      u('code', 8, 'Code', 'Message code.'),
      chk('Checksum over the message.'),
      u('id', 16, 'Identifier', 'Echo identifier.'),
      u('seq', 16, 'Sequence number', 'Echo sequence number.'),
      u('rest', 32, 'Rest of header', 'The second word whole, instead of id/seq (e.g. next-hop MTU, gateway).'),
    ],
  },
  icmpv6: {
    kind: 'icmpv6', title: 'ICMPv6', doc: 'ICMPv6 message.',
    fields: [
      u('type', 8, 'Type', 'Message type.', { names: ICMPV6_TYPES }),
      u('code', 8, 'Code', 'Message code.'),
      chk('Checksum over the pseudo-header and message.'),
      u('id', 16, 'Identifier', 'Echo identifier.'),
      u('seq', 16, 'Sequence number', 'Echo sequence number.'),
      u('rest', 32, 'Rest of header', 'The second word whole, instead of id/seq (flags, MTU, pointer, reserved).'),
      { name: 'target', type: 'ipv6', label: 'Target address', doc: 'Neighbor discovery target (types 135-137).', aliases: ['tgt'] },
    ],
  },
  payload: { kind: 'payload', title: 'Payload', doc: 'Data bytes.', fields: payloadFields, positional: 'text' },
  trailer: {
    kind: 'trailer', title: 'Trailer', doc: 'Bytes after the packet, outside every length and checksum (e.g. Ethernet padding).',
    fields: payloadFields, positional: 'text',
  },
};

/** Defaults for fields that are neither given nor computed. */
export const DEFAULTS = {
  mac: { src: '02:00:00:00:00:01', dst: '02:00:00:00:00:02', zero: '00:00:00:00:00:00' },
  ipv4: { src: '10.0.0.1', dst: '10.0.0.2', ttl: 64, id: 1 },
  ipv6: { src: 'fd00::1', dst: 'fd00::2', hlim: 64 },
  vlan: { id: 1 },
  tcp: { sport: 40000, dport: 80, seq: 1, ack: 0, flags: 0x002, window: 65535 },
  udp: { sport: 40000, dport: 53 },
  icmp: { type: 8, id: 1, seq: 1 },
  icmpv6: { type: 128, id: 1, seq: 1 },
  /** Next-protocol values when nothing known follows (scapy's choices). */
  etherTypeNone: 0x9000, ipProtoNone: 0, ipv6NextNone: 59,
} as const;

export function fieldSchema(kind: LayerKind, name: string): FieldSchema | undefined {
  return LAYER_SCHEMAS[kind].fields.find((f) => f.name === name);
}
