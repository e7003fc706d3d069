// The dissector's output: a packet as a list of layers, each a list of named fields with where
// they sit in the bytes. Plain data (numbers and strings only), so it crosses the worker boundary
// and can be compared, snapshotted and shown as is. Field names are the spec's field names.

import type { LayerKind } from './layers.js';

export interface ChecksumCheck {
  /** `none`: a UDP-over-IPv4 checksum of 0, which means "not computed". */
  status: 'correct' | 'incorrect' | 'unverified' | 'none';
  /** The value the field should hold (absent when it could not be computed). */
  expected?: number;
}

export interface PacketField {
  /** The spec's name for the field (`ttl`, `flags`, `chksum`); option entries use the option's. */
  name: string;
  /** What a person calls it (`Time to live`). */
  label: string;
  /** Absolute byte offset of the first byte the field touches. */
  offset: number;
  /** Bytes the field touches (for a sub-byte field, the bytes its bits span). */
  length: number;
  /** For sub-byte fields: the first bit within the byte at `offset` (0 = most significant). */
  bitOffset?: number;
  bitLength?: number;
  /** The raw value: an integer for numeric fields, lowercase hex for byte strings. */
  value: number | string;
  /** The value as shown: `10.0.0.1`, `0x0800 (IPv4)`, `SYN, ACK`, `0x1c46 (correct)`. */
  display: string;
  checksum?: ChecksumCheck;
  /** Parts of the field: options inside an option area, addresses in a list. */
  children?: PacketField[];
}

export interface PacketLayer {
  kind: LayerKind;
  title: string;
  /** Byte range of this layer's own header (or data, for payloads and trailers). */
  offset: number;
  length: number;
  /** One line: `10.0.0.1 → 10.0.0.2 TCP ttl 64`. */
  summary: string;
  fields: PacketField[];
  /** False when the header was cut short: only the fields that fit are listed. */
  complete: boolean;
  /** Things a kernel or a peer would object to (bad lengths, versions), worded for people. */
  problems: string[];
}

export interface DissectedPacket {
  length: number;
  /** Contiguous, in order, covering every byte of the packet. */
  layers: PacketLayer[];
  /** Set when dissection could not go on: the layer it stopped in, where that layer starts, why. */
  stop?: { layer: number; offset: number; reason: string };
}

/** Where a packet starts: at an Ethernet header (XDP, tc, socket filters), or at the IP header. */
export type LinkType = 'eth' | 'ipv4' | 'ipv6' | 'ip';
