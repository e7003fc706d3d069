// array and percpu_array, following kernel/bpf/arraymap.c: every element exists from creation,
// zero-filled, and cannot be deleted (-EINVAL). Elements are round_up(value_size, 8) apart like the
// kernel's; the value view a lookup returns is the same object every time, so a VM can key its
// address assignment on it.
import { overwrite, readU32, roundUp8, u32Bytes } from './bytes.js';
import { BPF_EXIST, BPF_F_LOCK, BPF_NOEXIST } from './constants.js';
import { E2BIG, EEXIST, EINVAL, ENOENT, ENOTSUPP } from './errno.js';
import type { ElemFlags, MapEntry, MapImpl, OpCtx, Ret } from './types.js';

export interface ArrayConfig {
  valueSize: number;
  maxEntries: number;
  nCpus: number;
  percpu: boolean;
}

/** array_map_get_next_key, shared by every array-shaped map. */
export function arrayNextKey(key: Uint8Array | null, maxEntries: number): Uint8Array | Ret {
  const index = key ? readU32(key) : 0xffffffff;
  if (index >= maxEntries) return u32Bytes(0);
  if (index === maxEntries - 1) return -ENOENT;
  return u32Bytes(index + 1);
}

export class ArrayMap implements MapImpl {
  private readonly elemSize: number;
  /** One backing buffer per CPU (one in total for a plain array). */
  private readonly storage: Uint8Array[];
  private readonly views: Map<number, Uint8Array>[];

  constructor(private readonly cfg: ArrayConfig) {
    this.elemSize = roundUp8(cfg.valueSize);
    const copies = cfg.percpu ? cfg.nCpus : 1;
    this.storage = Array.from({ length: copies }, () => new Uint8Array(this.elemSize * cfg.maxEntries));
    this.views = Array.from({ length: copies }, () => new Map());
  }

  /** The value_size view of element `index` on `cpu`, created once and then reused. */
  private view(index: number, cpu: number): Uint8Array {
    const c = this.cfg.percpu ? cpu : 0;
    let v = this.views[c]!.get(index);
    if (!v) {
      v = this.storage[c]!.subarray(index * this.elemSize, index * this.elemSize + this.cfg.valueSize);
      this.views[c]!.set(index, v);
    }
    return v;
  }

  /** The whole round_up(value_size, 8) slot, which the syscall copies for per-CPU arrays. */
  private slot(index: number, cpu: number): Uint8Array {
    return this.storage[cpu]!.subarray(index * this.elemSize, (index + 1) * this.elemSize);
  }

  lookup(key: Uint8Array, _mark: boolean, ctx: OpCtx): Uint8Array | null {
    const index = readU32(key);
    return index < this.cfg.maxEntries ? this.view(index, ctx.cpu) : null;
  }

  lookupPercpu(key: Uint8Array, cpu: number): Uint8Array | null {
    if (!this.cfg.percpu || cpu >= this.cfg.nCpus) return null;
    const index = readU32(key);
    return index < this.cfg.maxEntries ? this.view(index, cpu) : null;
  }

  /** BPF_PSEUDO_MAP_VALUE (array_map_direct_value_addr): only single-element plain arrays. */
  directValue(off: number): Uint8Array | Ret {
    if (this.cfg.percpu) return -EINVAL;
    if (this.cfg.maxEntries !== 1) return -ENOTSUPP;
    if (off >= this.cfg.valueSize) return -EINVAL;
    return this.view(0, 0);
  }

  update(key: Uint8Array, value: Uint8Array, flags: ElemFlags, ctx: OpCtx): Ret {
    const index = readU32(key);
    if ((flags & ~BPF_F_LOCK) > BPF_EXIST) return -EINVAL;
    if (index >= this.cfg.maxEntries) return -E2BIG;
    if (flags & BPF_NOEXIST) return -EEXIST;
    // No BTF, so no value has a bpf_spin_lock for BPF_F_LOCK to take.
    if (flags & BPF_F_LOCK) return -EINVAL;
    const undo = overwrite(this.view(index, ctx.cpu), value);
    ctx.undo?.(undo);
    return 0;
  }

  /** bpf_percpu_array_update: every CPU's round_up(value_size, 8) bytes from one flat buffer. */
  sysUpdate(key: Uint8Array | null, value: Uint8Array, flags: ElemFlags, ctx: OpCtx): Ret {
    if (!this.cfg.percpu) return this.update(key!, value, flags, ctx);
    const index = readU32(key!);
    if (flags > BPF_EXIST) return -EINVAL;
    if (index >= this.cfg.maxEntries) return -E2BIG;
    if (flags === BPF_NOEXIST) return -EEXIST;
    for (let cpu = 0; cpu < this.cfg.nCpus; cpu++) {
      const undo = overwrite(this.slot(index, cpu), value.subarray(cpu * this.elemSize, (cpu + 1) * this.elemSize));
      ctx.undo?.(undo);
    }
    return 0;
  }

  /** bpf_percpu_array_copy for per-CPU arrays; the generic copy of value_size bytes otherwise. */
  sysCopy(key: Uint8Array | null, _flags: ElemFlags, ctx: OpCtx): Uint8Array | Ret {
    const index = readU32(key!);
    if (index >= this.cfg.maxEntries) return -ENOENT;
    if (!this.cfg.percpu) return this.view(index, ctx.cpu).slice();
    const out = new Uint8Array(this.elemSize * this.cfg.nCpus);
    for (let cpu = 0; cpu < this.cfg.nCpus; cpu++) out.set(this.slot(index, cpu), cpu * this.elemSize);
    return out;
  }

  delete(): Ret {
    return -EINVAL;
  }

  getNextKey(key: Uint8Array | null): Uint8Array | Ret {
    return arrayNextKey(key, this.cfg.maxEntries);
  }

  entries(): MapEntry[] {
    const out: MapEntry[] = [];
    for (let i = 0; i < this.cfg.maxEntries; i++) {
      // Copied straight from storage: dumping a big array must not create a view per element.
      const copy = (cpu: number): Uint8Array => this.slot(i, cpu).slice(0, this.cfg.valueSize);
      const value = this.cfg.percpu ? Array.from({ length: this.cfg.nCpus }, (_, cpu) => copy(cpu)) : copy(0);
      out.push({ key: u32Bytes(i), value });
    }
    return out;
  }

  count(): number {
    return this.cfg.maxEntries;
  }
}
