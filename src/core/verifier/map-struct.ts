// Reads through a map pointer (CONST_PTR_TO_MAP), as check_ptr_to_map_access does them, and through
// BTF pointers to the kernel structs bpfiddle has the layout of (task_struct): the
// access is walked through the BTF of the map type's struct (bpf_array, bpf_htab, ...; each starts
// with struct bpf_map) by btf_struct_walk, which yields a scalar, a pointer to another kernel
// struct, or the kernel's refusal. The layouts are data (map-struct-data.ts, generated from the
// running kernel's BTF); the VM builds its readable image of a map from the same layout
// (mapStructImage), so what the verifier lets a program read is what the VM can serve.

import { BTF_ROOTS, BTF_TYPES } from './map-struct-data.js';

export type BtfType =
  | { readonly kind: 'int'; readonly size: number }
  | { readonly kind: 'ptr'; readonly to: string | null }
  | { readonly kind: 'array'; readonly elem: number; readonly n: number }
  | { readonly kind: 'struct' | 'union'; readonly name: string; readonly size: number; readonly members: readonly (readonly [string, number, number, number])[] }
  | { readonly kind: 'other' };

/** The struct map_btf_id names for a map type. */
export function mapStructName(mapType: string | undefined): keyof typeof BTF_ROOTS {
  switch (mapType) {
    case 'array': case 'percpu_array': case 'prog_array': case 'perf_event_array': return 'bpf_array';
    case 'hash': case 'percpu_hash': case 'lru_hash': case 'lru_percpu_hash': return 'bpf_htab';
    case 'ringbuf': return 'bpf_ringbuf_map';
    case 'queue': case 'stack': return 'bpf_queue_stack';
    case 'lpm_trie': return 'lpm_trie';
    case 'stack_trace': return 'bpf_stack_map';
    default: return 'bpf_map';
  }
}

/** What a read yields: a scalar, a pointer to kernel struct `to` (null: to something else), or an error. */
export type WalkResult =
  | { ok: true; kind: 'scalar' }
  | { ok: true; kind: 'ptr'; to: string | null; untrusted: boolean; field: string }
  | { ok: false; message: string };

/** __btf_resolve_size: a type's size, with arrays linearised (element type and element count). */
function resolveSize(id: number): { size: number; elem: number; nelems: number } | null {
  let t = BTF_TYPES[id]!;
  let n = 1;
  let cur = id;
  while (t.kind === 'array') {
    n *= t.n;
    cur = t.elem;
    t = BTF_TYPES[cur]!;
  }
  let size: number;
  switch (t.kind) {
    case 'int': size = t.size; break;
    case 'ptr': size = 8; break;
    case 'struct': case 'union': size = t.size; break;
    default: return null;
  }
  return { size: size * n, elem: cur, nelems: n };
}

/** btf_struct_walk, repeated as btf_struct_access does while it lands on nested structs. */
export function btfStructAccess(root: number, offIn: number, size: number): WalkResult {
  let t = BTF_TYPES[root]!;
  let off = offIn;
  let untrusted = false;
  for (;;) {
    if (t.kind !== 'struct' && t.kind !== 'union') return { ok: false, message: 'Type is not a struct' };
    const tname = t.name;
    if (t.kind === 'union' && t.members.length !== 1) untrusted = true;
    if (off + size > t.size) {
      // A trailing flexible array of ints or structs may be read past the struct.
      const last = t.members[t.members.length - 1];
      const lt = last ? BTF_TYPES[last[1]]! : undefined;
      const moff = last ? last[2] / 8 : 0;
      if (last && lt?.kind === 'array' && lt.n === 0 && off >= moff) {
        const et = BTF_TYPES[lt.elem]!;
        if (et.kind === 'int') return { ok: true, kind: 'scalar' };
        if (et.kind === 'struct' || et.kind === 'union') {
          off = (off - moff) % et.size;
          t = et;
          continue;
        }
      }
      return { ok: false, message: `access beyond struct ${tname} at off ${off >>> 0} size ${size >>> 0}` };
    }
    let next: BtfType | null = null;
    let found: WalkResult | null = null;
    for (const [mname, mtypeId, bitOff, bitSize] of t.members) {
      let moff = Math.floor(bitOff / 8);
      if (off + size <= moff) break;
      if (bitSize) {
        if (off <= moff && Math.ceil((bitOff + bitSize) / 8) <= off + size) { found = { ok: true, kind: 'scalar' }; break; }
        continue;
      }
      if (off < moff) break;
      const r = resolveSize(mtypeId);
      if (!r) return { ok: false, message: `field ${mname} doesn't have size` };
      let msize = r.size;
      const mtrueEnd = moff + msize;
      if (off >= mtrueEnd) continue;
      let mtype = BTF_TYPES[mtypeId]!;
      if (mtype.kind === 'array') {
        if (moff === mtrueEnd) continue;
        msize = msize / r.nelems;
        moff += Math.floor((off - moff) / msize) * msize;
        mtype = BTF_TYPES[r.elem]!;
      }
      if (mtype.kind === 'struct' || mtype.kind === 'union') {
        off -= moff;
        next = mtype;
        break;
      }
      if (mtype.kind === 'ptr') {
        if (msize !== size || off !== moff) {
          return { ok: false, message: `cannot access ptr member ${mname} with moff ${moff} in struct ${tname} with off ${off} size ${size}` };
        }
        found = { ok: true, kind: 'ptr', to: mtype.to, untrusted, field: mname };
        break;
      }
      if (off + size > mtrueEnd && !untrusted) {
        return { ok: false, message: `access beyond the end of member ${mname} (mend:${mtrueEnd}) in struct ${tname} with off ${off} size ${size}` };
      }
      found = { ok: true, kind: 'scalar' };
      break;
    }
    if (found) return found;
    if (next) { t = next; continue; }
    return { ok: false, message: `struct ${tname} doesn't have field at offset ${off}` };
  }
}

/** A read of `size` bytes at `off` through a pointer to a map of `mapType`. */
export function mapPtrAccess(mapType: string | undefined, off: number, size: number): WalkResult {
  return btfStructAccess(BTF_ROOTS[mapStructName(mapType)], off, size);
}

/** A read through a pointer to kernel struct `name`, or null when bpfiddle lacks its layout. */
export function kernelStructAccess(name: string, off: number, size: number): WalkResult | null {
  const root = (BTF_ROOTS as Readonly<Record<string, number>>)[name];
  return root === undefined ? null : btfStructAccess(root, off, size);
}

/** Byte offset and size of a named member path ('map.max_entries') in a struct, if present. */
export function memberOffset(root: number, path: string): { off: number; size: number } | null {
  let t = BTF_TYPES[root]!;
  let off = 0;
  const parts = path.split('.');
  for (let i = 0; i < parts.length; i++) {
    if (t.kind !== 'struct' && t.kind !== 'union') return null;
    const m = t.members.find((x) => x[0] === parts[i]);
    if (!m) return null;
    off += m[2] / 8;
    const r = resolveSize(m[1]);
    if (!r) return null;
    if (i === parts.length - 1) return { off, size: r.size };
    t = BTF_TYPES[m[1]]!;
  }
  return null;
}

/** The facts about a map the VM's image of its struct carries. */
export interface MapFacts {
  readonly type: string;
  readonly typeId: number;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags: number;
  readonly name: string;
}

const roundUpPow2 = (n: number): number => (n <= 1 ? 1 : 2 ** Math.ceil(Math.log2(n)));

/**
 * The bytes of the map type's struct as a program reads them: struct bpf_map's scalar members a
 * program can use (map_type, key_size, value_size, max_entries, map_flags, name) and the
 * per-type sizes the kernel derives (bpf_array's elem_size and index_mask, bpf_htab's n_buckets
 * and elem_size); every other byte, pointers included, reads as zero.
 */
export function mapStructImage(m: MapFacts): Uint8Array {
  const root = BTF_ROOTS[mapStructName(m.type)];
  const t = BTF_TYPES[root]!;
  const bytes = new Uint8Array(t.kind === 'struct' ? t.size : 0);
  const dv = new DataView(bytes.buffer);
  const put = (path: string, v: number): void => {
    const at = memberOffset(root, path);
    if (!at) return;
    if (at.size === 4) dv.setUint32(at.off, v >>> 0, true);
    else if (at.size === 8) dv.setBigUint64(at.off, BigInt(v), true);
  };
  const base = root === BTF_ROOTS.bpf_map ? '' : 'map.';
  put(`${base}map_type`, m.typeId);
  put(`${base}key_size`, m.keySize);
  put(`${base}value_size`, m.valueSize);
  put(`${base}max_entries`, m.maxEntries);
  put(`${base}map_flags`, m.flags);
  const name = memberOffset(root, `${base}name`);
  if (name) {
    const text = new TextEncoder().encode(m.name).subarray(0, name.size - 1);
    bytes.set(text, name.off);
  }
  if (mapStructName(m.type) === 'bpf_array') {
    put('elem_size', Math.ceil(m.valueSize / 8) * 8);
    put('index_mask', roundUpPow2(m.maxEntries) - 1);
  } else if (mapStructName(m.type) === 'bpf_htab') {
    put('n_buckets', roundUpPow2(m.maxEntries));
    put('elem_size', 48 + Math.ceil(m.keySize / 8) * 8 + (m.type.includes('percpu') ? 8 : Math.ceil(m.valueSize / 8) * 8));
  }
  return bytes;
}

/** The facts about the current task the VM's image of its task_struct carries. */
export interface TaskFacts {
  readonly pid: number;
  readonly tgid: number;
  readonly comm: string;
  /** Where the task_struct is (group_leader of a main thread points back at it). */
  readonly address: bigint;
}

/**
 * struct task_struct as a program reads it through bpf_get_current_task_btf: pid, tgid, comm and
 * (for a main thread) group_leader; every other byte, other pointers included, reads as zero.
 */
export function taskStructImage(t: TaskFacts): Uint8Array {
  const root = BTF_ROOTS.task_struct;
  const ts = BTF_TYPES[root]!;
  const bytes = new Uint8Array(ts.kind === 'struct' ? ts.size : 0);
  const dv = new DataView(bytes.buffer);
  const pid = memberOffset(root, 'pid');
  const tgid = memberOffset(root, 'tgid');
  const comm = memberOffset(root, 'comm');
  const leader = memberOffset(root, 'group_leader');
  if (pid) dv.setInt32(pid.off, t.pid, true);
  if (tgid) dv.setInt32(tgid.off, t.tgid, true);
  if (comm) bytes.set(new TextEncoder().encode(t.comm).subarray(0, comm.size - 1), comm.off);
  if (leader && t.pid === t.tgid) dv.setBigUint64(leader.off, BigInt.asUintN(64, t.address), true);
  return bytes;
}
