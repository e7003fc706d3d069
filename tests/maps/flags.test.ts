// Element flags are u64 in both paths (the helper's r4, the syscall's attr->flags): values with bit
// 31 or any higher bit set are unknown flags, refused with -EINVAL, never read as a signed 32-bit
// number that passes `> BPF_EXIST`. Checked on the model for every map type with element updates,
// and against the kernel through mapctl (syscall path, and a socket filter calling
// bpf_map_update_elem with the flags in r4 loaded by ld_imm64).
import { describe, expect, test } from 'vitest';
import { BPF_NOEXIST, MAP_TYPE_IDS } from '../../src/core/maps/constants.js';
import {
  createMap, createMapEnv, EINVAL, ENOENT, mapPeekElem, mapPushElem, mapUpdateElem, sysLookupAndDeleteElem, sysLookupElem, sysUpdateElem, sysValueSize,
  type BpfMap,
} from '../../src/core/maps/index.js';
import type { MapTypeName } from '../../src/core/asm/types.js';
import { mapsKernelAvailable, possibleCpus, runMapctl } from './kernel-maps.js';
import { ModelRunner, kernelLine, normalize } from './script.js';

const NCPUS = possibleCpus();
const kernel = mapsKernelAvailable();

/** Flags at and above 2^31: each alone, and with a known flag or BPF_F_LOCK mixed in. */
const WIDE = [
  0x80000000n, 0x80000001n, 0x80000002n, 0x80000004n, 0xfffffffcn, 0xffffffffn,
  1n << 32n, (1n << 32n) | 1n, (1n << 32n) | 2n, (1n << 32n) | 4n, 1n << 63n, (1n << 64n) - 1n,
];
const NARROW = [0n, 1n, 2n, 3n, 4n, 5n, 6n, 8n, 0x7fffffffn];

interface Decl { type: MapTypeName; key: number; value: number; flags: number }
const DECLS: Decl[] = [
  { type: 'array', key: 4, value: 8, flags: 0 },
  { type: 'percpu_array', key: 4, value: 8, flags: 0 },
  { type: 'hash', key: 4, value: 8, flags: 0 },
  { type: 'percpu_hash', key: 4, value: 8, flags: 0 },
  { type: 'lru_hash', key: 4, value: 8, flags: 0 },
  { type: 'lru_percpu_hash', key: 4, value: 8, flags: 0 },
  { type: 'lpm_trie', key: 8, value: 8, flags: 1 },
  { type: 'queue', key: 0, value: 8, flags: 0 },
  { type: 'stack', key: 0, value: 8, flags: 0 },
  { type: 'prog_array', key: 4, value: 4, flags: 0 },
];

const hexOf = (b: Uint8Array): string => (b.length ? Buffer.from(b).toString('hex') : '-');
const keyOf = (d: Decl): Uint8Array => (d.type === 'lpm_trie' ? Uint8Array.of(32, 0, 0, 0, 10, 0, 0, 1) : new Uint8Array(d.key));
const make = (d: Decl): BpfMap => {
  const r = createMap({ name: 'm', type: d.type, keySize: d.key, valueSize: d.value, maxEntries: 4, flags: d.flags }, createMapEnv(NCPUS));
  if (!r.ok) throw new Error(r.error.message);
  return r.map;
};

describe('element flags of 2^31 and above', () => {
  test('are unknown flags (-EINVAL) on the syscall path for every map type', () => {
    for (const d of DECLS) {
      const m = make(d);
      const key = d.key ? keyOf(d) : null;
      for (const f of WIDE) {
        expect({ type: d.type, flags: f, r: sysUpdateElem(m, key, new Uint8Array(sysValueSize(m)), f) })
          .toEqual({ type: d.type, flags: f, r: { ok: false, errno: EINVAL } });
        expect({ type: d.type, flags: f, r: sysLookupElem(m, key, f) }).toEqual({ type: d.type, flags: f, r: { ok: false, errno: EINVAL } });
      }
    }
  });

  test('are unknown flags (-EINVAL) for bpf_map_update_elem and bpf_map_push_elem from a program', () => {
    for (const d of DECLS.filter((x) => x.type !== 'prog_array')) {
      const m = make(d);
      for (const f of WIDE) {
        const r = d.key ? mapUpdateElem(m, keyOf(d), new Uint8Array(d.value), f) : mapPushElem(m, new Uint8Array(d.value), f);
        expect({ type: d.type, flags: f, r }).toEqual({ type: d.type, flags: f, r: -EINVAL });
      }
      // The refused updates stored nothing: the element is still new (arrays have every element).
      if (d.key && !d.type.includes('array')) {
        expect({ type: d.type, noexist: mapUpdateElem(m, keyOf(d), new Uint8Array(d.value), BPF_NOEXIST) }).toEqual({ type: d.type, noexist: 0 });
      }
      if (!d.key) expect({ type: d.type, peek: mapPeekElem(m).ret }).toEqual({ type: d.type, peek: -ENOENT });
    }
  });

  test('agree with the kernel errno on both paths, next to the narrow flags', () => {
    if (!kernel.ok) {
      console.log(`skipped: ${kernel.why}`);
      return;
    }
    const lines: string[] = [];
    DECLS.forEach((d, i) => {
      lines.push(`create ${MAP_TYPE_IDS[d.type]} ${d.key} ${d.value} 4 ${d.flags}`);
      const key = d.key ? hexOf(keyOf(d)) : '-';
      const value = hexOf(new Uint8Array(d.type.includes('percpu') ? 8 * NCPUS : d.value));
      // prog_array values are program fds, which the model does not check: only wide flags there.
      for (const f of d.type === 'prog_array' ? WIDE : [...WIDE, ...NARROW]) {
        lines.push(`update @${i} ${key} ${value} ${f}`);
        lines.push(`lookup @${i} ${key} ${f}`);
        if (d.type === 'queue' || d.type === 'hash') lines.push(`lookupdel @${i} ${key} ${f}`);
        if (d.key && d.type !== 'prog_array') lines.push(`pupdate @${i} ${key} ${hexOf(new Uint8Array(d.value))} ${f}`);
      }
    });
    const k = normalize(lines, runMapctl(lines.map(kernelLine)));
    const m = normalize(lines, new ModelRunner(NCPUS).runAll(lines));
    const diffs = lines.map((l, i) => ({ l, kernel: k[i], model: m[i] })).filter((r) => r.kernel !== r.model);
    expect(diffs).toEqual([]);
    // The kernel must have said EINVAL to the wide flags, or the comparison proves little.
    expect(k.filter((a) => a === 'err 22' || a === `ok ${2 ** 32 - 22}`).length).toBeGreaterThan(200);
  });
});
