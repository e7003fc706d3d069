// Protocol numbers and their names, used three ways: the builder infers a header's "next protocol"
// field from the layer that follows, the spec parser accepts the names as values (`proto=udp`),
// and the dissector shows them (`0x0800 (IPv4)`).

/** EtherType names, as written in specs and shown by the dissector. */
export const ETHERTYPES: Readonly<Record<string, number>> = {
  ipv4: 0x0800, arp: 0x0806, vlan: 0x8100, ipv6: 0x86dd, qinq: 0x88a8, mpls: 0x8847, lldp: 0x88cc,
  loopback: 0x9000,
};
export const ETHERTYPE_TITLES: Readonly<Record<number, string>> = {
  0x0800: 'IPv4', 0x0806: 'ARP', 0x8100: '802.1Q', 0x86dd: 'IPv6', 0x88a8: '802.1ad', 0x9100: 'QinQ (old)',
  0x8847: 'MPLS', 0x88cc: 'LLDP', 0x9000: 'loopback',
};

/** IP protocol / IPv6 next-header names. */
export const IP_PROTOS: Readonly<Record<string, number>> = {
  hopopt: 0, icmp: 1, igmp: 2, ipip: 4, tcp: 6, udp: 17, ipv6: 41, routing: 43, frag: 44, gre: 47,
  esp: 50, ah: 51, icmpv6: 58, none: 59, dstopts: 60, sctp: 132,
};
export const IP_PROTO_TITLES: Readonly<Record<number, string>> = {
  0: 'IPv6 Hop-by-Hop', 1: 'ICMP', 2: 'IGMP', 4: 'IPv4', 6: 'TCP', 17: 'UDP', 41: 'IPv6', 43: 'IPv6 Routing',
  44: 'IPv6 Fragment', 47: 'GRE', 50: 'ESP', 51: 'AH', 58: 'ICMPv6', 59: 'No Next Header', 60: 'IPv6 Destination Options',
  132: 'SCTP',
};

export const ARP_OPS: Readonly<Record<string, number>> = { request: 1, reply: 2, 'who-has': 1, 'is-at': 2 };
export const ARP_OP_TITLES: Readonly<Record<number, string>> = { 1: 'request', 2: 'reply', 3: 'RARP request', 4: 'RARP reply' };
export const ARP_HWTYPES: Readonly<Record<string, number>> = { ethernet: 1 };
export const ARP_HWTYPE_TITLES: Readonly<Record<number, string>> = { 1: 'Ethernet' };

export const ICMP_TYPES: Readonly<Record<string, number>> = {
  'echo-reply': 0, unreachable: 3, 'source-quench': 4, redirect: 5, 'echo-request': 8, 'router-advertisement': 9,
  'router-solicitation': 10, 'time-exceeded': 11, 'parameter-problem': 12, 'timestamp-request': 13,
  'timestamp-reply': 14,
};
export const ICMP_TYPE_TITLES: Readonly<Record<number, string>> = {
  0: 'echo reply', 3: 'destination unreachable', 4: 'source quench', 5: 'redirect', 8: 'echo request',
  9: 'router advertisement', 10: 'router solicitation', 11: 'time exceeded', 12: 'parameter problem',
  13: 'timestamp request', 14: 'timestamp reply', 15: 'information request', 16: 'information reply',
};
/** ICMP types whose second word is identifier + sequence number. */
export const ICMP_ECHO_LIKE = new Set([0, 8, 13, 14, 15, 16]);
/** ICMP error types, which carry the offending IPv4 header after the first 8 bytes. */
export const ICMP_ERRORS = new Set([3, 4, 5, 11, 12]);

export const ICMPV6_TYPES: Readonly<Record<string, number>> = {
  unreachable: 1, 'packet-too-big': 2, 'time-exceeded': 3, 'parameter-problem': 4, 'echo-request': 128,
  'echo-reply': 129, 'router-solicitation': 133, 'router-advertisement': 134, 'neighbor-solicitation': 135,
  'neighbor-advertisement': 136, redirect: 137,
};
export const ICMPV6_TYPE_TITLES: Readonly<Record<number, string>> = {
  1: 'destination unreachable', 2: 'packet too big', 3: 'time exceeded', 4: 'parameter problem',
  128: 'echo request', 129: 'echo reply', 130: 'multicast listener query', 131: 'multicast listener report',
  132: 'multicast listener done', 133: 'router solicitation', 134: 'router advertisement',
  135: 'neighbor solicitation', 136: 'neighbor advertisement', 137: 'redirect', 143: 'MLDv2 report',
};
export const ICMPV6_ECHO_LIKE = new Set([128, 129]);
/** ICMPv6 types followed by a 16-byte target address (RFC 4861). */
export const ICMPV6_WITH_TARGET = new Set([135, 136, 137]);
export const ICMPV6_ERRORS = new Set([1, 2, 3, 4]);

/** TCP flag bits, lowest first, with the letters specs use (scapy's) and the names shown. */
export const TCP_FLAGS: ReadonlyArray<{ letter: string; name: string; bit: number }> = [
  { letter: 'F', name: 'FIN', bit: 0x001 }, { letter: 'S', name: 'SYN', bit: 0x002 },
  { letter: 'R', name: 'RST', bit: 0x004 }, { letter: 'P', name: 'PSH', bit: 0x008 },
  { letter: 'A', name: 'ACK', bit: 0x010 }, { letter: 'U', name: 'URG', bit: 0x020 },
  { letter: 'E', name: 'ECE', bit: 0x040 }, { letter: 'C', name: 'CWR', bit: 0x080 },
  { letter: 'N', name: 'AE', bit: 0x100 },
];

/** IPv4 flag bits (the 3-bit field): reserved ("evil", RFC 3514), DF, MF. */
export const IPV4_FLAGS: ReadonlyArray<{ name: string; bit: number }> = [
  { name: 'MF', bit: 1 }, { name: 'DF', bit: 2 }, { name: 'evil', bit: 4 },
];

export function titleOf(table: Readonly<Record<number, string>>, v: number): string | undefined {
  return Object.prototype.hasOwnProperty.call(table, v) ? table[v] : undefined;
}

/** The symbolic name of `v` in a name → number table, if it has one (first name wins). */
export function nameOf(table: Readonly<Record<string, number>>, v: number): string | undefined {
  for (const [k, n] of Object.entries(table)) if (n === v) return k;
  return undefined;
}
