// The Internet checksum (RFC 1071) and the pseudo-header sums that TCP, UDP and ICMPv6 add in.
// Sums are kept unfolded (plain numbers well below 2^53) and folded once at the end.

/** Adds the 16-bit big-endian words of `b[start..end)` to `acc` (an odd tail byte is padded with 0). */
export function sum16(b: Uint8Array, start = 0, end = b.length, acc = 0): number {
  let s = acc;
  let i = start;
  for (; i + 1 < end; i += 2) s += (b[i]! << 8) | b[i + 1]!;
  if (i < end) s += b[i]! << 8;
  return s;
}

/** Folds a sum to 16 bits and complements it: the value that goes into a checksum field. */
export function finish(sum: number): number {
  let s = sum;
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 0x10000);
  return ~s & 0xffff;
}

export function inetChecksum(b: Uint8Array, start = 0, end = b.length): number {
  return finish(sum16(b, start, end));
}

/** The sum of an IPv4 pseudo-header (RFC 793/768): addresses, protocol, upper-layer length. */
export function pseudoSum4(src: Uint8Array, dst: Uint8Array, proto: number, length: number): number {
  return sum16(src) + sum16(dst) + proto + length;
}

/** The sum of an IPv6 pseudo-header (RFC 8200 §8.1): addresses, 32-bit length, next header. */
export function pseudoSum6(src: Uint8Array, dst: Uint8Array, nextHeader: number, length: number): number {
  return sum16(src) + sum16(dst) + Math.floor(length / 0x10000) + (length & 0xffff) + nextHeader;
}

/** The pseudo-header a transport checksum covers: IPv4 or IPv6 addresses (the final destination). */
export interface PseudoHeader { family: 4 | 6; src: Uint8Array; dst: Uint8Array }

export function pseudoSum(ph: PseudoHeader, proto: number, length: number): number {
  return ph.family === 4 ? pseudoSum4(ph.src, ph.dst, proto, length) : pseudoSum6(ph.src, ph.dst, proto, length);
}
