// Shared helpers for the maps unit tests.
import { createMap, createMapEnv, type BpfMap, type MapEnv } from '../../src/core/maps/index.js';
import type { MapTypeName } from '../../src/core/asm/types.js';

export function mk(type: MapTypeName, keySize: number, valueSize: number, maxEntries: number, flags = 0, env: MapEnv = createMapEnv(2)): BpfMap {
  const r = createMap({ name: type, type, keySize, valueSize, maxEntries, flags }, env);
  if (!r.ok) throw new Error(`test map did not create: ${r.error.message}`);
  return r.map;
}

export const u32 = (n: number): Uint8Array => new Uint8Array(Uint32Array.of(n >>> 0).buffer);
export const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);
export const fill = (n: number, v: number): Uint8Array => new Uint8Array(n).fill(v);
export const readU32 = (b: Uint8Array): number => new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(0, true);
