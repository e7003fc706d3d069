// Little- and big-endian integer access on byte arrays with bigint values: the small toolkit a
// CtxSpec or a helper needs to read and write fields of the structures it models.

/** The `size`-byte little-endian unsigned value at `off`. */
export function readLE(bytes: Uint8Array, off: number, size: number): bigint {
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[off + i] ?? 0);
  return v;
}

/** Store the low `size` bytes of `value` little-endian at `off`. */
export function writeLE(bytes: Uint8Array, off: number, size: number, value: bigint): void {
  let v = BigInt.asUintN(64, value);
  for (let i = 0; i < size; i++) {
    bytes[off + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/** The `size`-byte big-endian (network order) unsigned value at `off`. */
export function readBE(bytes: Uint8Array, off: number, size: number): bigint {
  let v = 0n;
  for (let i = 0; i < size; i++) v = (v << 8n) | BigInt(bytes[off + i] ?? 0);
  return v;
}

/** 64-bit hex with the 0x prefix and no padding, as the kernel prints pointers in logs. */
export function hex64(v: bigint): string {
  return `0x${BigInt.asUintN(64, v).toString(16)}`;
}
