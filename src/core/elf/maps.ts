// The maps an object declares, read as libbpf reads them: BTF-defined maps in `.maps` (a struct
// per map whose members encode type, key, value and max_entries in BTF), legacy `struct
// bpf_map_def` entries in `maps`, and one single-element array map per global data section
// (.rodata*, .data*, .bss*), whose instructions reach it through BPF_PSEUDO_MAP_VALUE.

import type { MapDecl, MapTypeName } from '../asm/types.js';
import { MAP_TYPE_IDS } from '../maps/constants.js';
import { BTF_KIND, resolveType, typeSize, type Btf } from './btf.js';
import { SHF_ALLOC, SHF_EXECINSTR, SHT_NOBITS, SHT_PROGBITS, STT_SECTION, type ElfFile } from './reader.js';

export const BPF_F_RDONLY_PROG = 0x80;

/** A map as the assembler declares one (name, type, sizes, flags), located in the object instead
 * of the source. */
export interface ObjMap extends Omit<MapDecl, 'span'> {
  /** The ELF section holding the definition (or the data), and the definition's offset in it. */
  shndx: number;
  offset: number;
  /** 'data' maps are global data sections, referenced by value; `initial` is their contents
   * (absent for .bss, which starts as zeros). */
  kind: 'btf' | 'legacy' | 'data';
  initial?: Uint8Array;
}

/** A map definition bpfiddle cannot model: programs that use it cannot be imported. */
export interface UnmodelledMap { name: string; shndx: number; offset: number; why: string }

export type MapsResult = { ok: true; maps: ObjMap[]; unmodelled: UnmodelledMap[]; warnings: string[] } | { ok: false; error: string };

const MAP_TYPE_BY_ID: ReadonlyMap<number, MapTypeName> = new Map(
  Object.entries(MAP_TYPE_IDS).map(([n, id]) => [id, n as MapTypeName]),
);

/** Kernel map type names (enum bpf_map_type) for the error when bpfiddle does not model one. */
const KERNEL_MAP_TYPES: readonly string[] = [
  'unspec', 'hash', 'array', 'prog_array', 'perf_event_array', 'percpu_hash', 'percpu_array', 'stack_trace',
  'cgroup_array', 'lru_hash', 'lru_percpu_hash', 'lpm_trie', 'array_of_maps', 'hash_of_maps', 'devmap', 'sockmap',
  'cpumap', 'xskmap', 'sockhash', 'cgroup_storage', 'reuseport_sockarray', 'percpu_cgroup_storage', 'queue', 'stack',
  'sk_storage', 'devmap_hash', 'struct_ops', 'ringbuf', 'inode_storage', 'task_storage', 'bloom_filter',
  'user_ringbuf', 'cgrp_storage', 'arena',
];

function mapType(id: number, name: string): { ok: true; type: MapTypeName } | { ok: false; error: string } {
  const t = MAP_TYPE_BY_ID.get(id);
  if (t) return { ok: true, type: t };
  const k = KERNEL_MAP_TYPES[id];
  return { ok: false, error: `map '${name}' has type ${k ? `BPF_MAP_TYPE_${k.toUpperCase()}` : 'unknown'} (${id}), which bpfiddle does not model` };
}

/** A map name the `.map` directive accepts, unique among `taken`. */
export function mapIdent(raw: string, taken: Set<string>): string {
  let base = raw.replace(/^\.+/, '').replace(/\W/g, '_') || 'map';
  if (!/^[A-Za-z_]/.test(base)) base = `_${base}`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}

/** __uint(name, N) is `int (*name)[N]`: the number is the array's element count. */
function uintField(btf: Btf, typeId: number): number | undefined {
  const p = resolveType(btf, typeId);
  if (!p || p.kind !== BTF_KIND.PTR) return undefined;
  const a = resolveType(btf, p.sizeOrType);
  return a && a.kind === BTF_KIND.ARRAY ? a.array!.nelems : undefined;
}

/** __type(name, T) is `T *name`: the size is T's. */
function typeField(btf: Btf, typeId: number): number | undefined {
  const p = resolveType(btf, typeId);
  return p && p.kind === BTF_KIND.PTR ? typeSize(btf, p.sizeOrType) : undefined;
}

export function readMaps(elf: ElfFile, btf: Btf | undefined): MapsResult {
  const maps: ObjMap[] = [];
  const unmodelled: UnmodelledMap[] = [];
  const warnings: string[] = [];
  const taken = new Set<string>();
  const symbolsIn = (shndx: number) => elf.symbols.filter((s) => s.shndx === shndx && s.type !== STT_SECTION && s.name !== '');

  const btfSec = elf.sections.find((s) => s.name === '.maps');
  if (btfSec) {
    if (!btf) return { ok: false, error: '.maps needs BTF to describe its maps, and the object has no .BTF section' };
    const ds = btf.types.find((t) => t.kind === BTF_KIND.DATASEC && t.name === '.maps');
    if (!ds) return { ok: false, error: '.BTF has no DATASEC for .maps' };
    const syms = symbolsIn(btfSec.index);
    for (const v of ds.vars!) {
      const vt = btf.types[v.type];
      if (!vt || vt.kind !== BTF_KIND.VAR) return { ok: false, error: `.maps: BTF entry ${v.type} is not a variable` };
      const def = resolveType(btf, vt.sizeOrType);
      if (!def || def.kind !== BTF_KIND.STRUCT) return { ok: false, error: `map '${vt.name}' is not a struct in BTF` };
      const f: Record<string, number | undefined> = {};
      for (const m of def.members!) {
        if (m.name === 'key' || m.name === 'value') f[`${m.name}_size`] = typeField(btf, m.type);
        else if (m.name === 'values') warnings.push(`map '${vt.name}': initial values (the 'values' member) are not imported`);
        else f[m.name] = uintField(btf, m.type);
      }
      if (f.type === undefined) return { ok: false, error: `map '${vt.name}' has no type` };
      const t = mapType(f.type, vt.name);
      const sym = syms.find((s) => s.name === vt.name);
      if (!t.ok) {
        unmodelled.push({ name: vt.name, shndx: btfSec.index, offset: sym ? sym.value : v.offset, why: t.error });
        continue;
      }
      maps.push({
        name: mapIdent(vt.name, taken), type: t.type, keySize: f.key_size ?? 0, valueSize: f.value_size ?? 0,
        maxEntries: f.max_entries ?? 0, flags: f.map_flags ?? 0, shndx: btfSec.index, offset: sym ? sym.value : v.offset, kind: 'btf',
      });
    }
  }

  const legacy = elf.sections.find((s) => s.name === 'maps');
  if (legacy) {
    const syms = symbolsIn(legacy.index).sort((a, b) => a.value - b.value);
    if (syms.length) {
      // libbpf: every definition has the same size, the section's size over the number of symbols.
      const defSize = Math.floor(legacy.size / syms.length);
      if (defSize < 16 || defSize % 4) return { ok: false, error: `maps: ${syms.length} definitions in ${legacy.size} bytes is not a struct bpf_map_def array` };
      const dv = new DataView(legacy.data.buffer, legacy.data.byteOffset, legacy.data.byteLength);
      for (const s of syms) {
        if (s.value + defSize > legacy.data.length) return { ok: false, error: `maps: '${s.name}' lies past the end of the section` };
        const u = (i: number): number => (i * 4 < defSize ? dv.getUint32(s.value + i * 4, true) : 0);
        const t = mapType(u(0), s.name);
        if (!t.ok) {
          unmodelled.push({ name: s.name, shndx: legacy.index, offset: s.value, why: t.error });
          continue;
        }
        maps.push({
          name: mapIdent(s.name, taken), type: t.type, keySize: u(1), valueSize: u(2), maxEntries: u(3), flags: u(4),
          shndx: legacy.index, offset: s.value, kind: 'legacy',
        });
      }
    }
  }

  for (const s of elf.sections) {
    const isData = s.type === SHT_PROGBITS && s.size > 0 && !(s.flags & SHF_EXECINSTR) && (s.flags & SHF_ALLOC)
      && /^\.(data|rodata)(\..*)?$/.test(s.name);
    const isBss = s.type === SHT_NOBITS && s.size > 0 && /^\.bss(\..*)?$/.test(s.name);
    if (!isData && !isBss) continue;
    const ro = s.name.startsWith('.rodata');
    // `.data.NAME` (a custom section, or what export writes for a map named NAME) imports as NAME.
    const custom = /^\.(?:data|rodata|bss)\.([A-Za-z_]\w*)$/.exec(s.name)?.[1];
    maps.push({
      name: mapIdent(custom && !taken.has(custom) ? custom : s.name, taken), type: 'array', keySize: 4, valueSize: s.size, maxEntries: 1,
      flags: ro ? BPF_F_RDONLY_PROG : 0, shndx: s.index, offset: 0, kind: 'data',
      ...(isData && s.data.some((b) => b !== 0) ? { initial: s.data.slice() } : {}),
    });
  }
  return { ok: true, maps, unmodelled, warnings };
}
