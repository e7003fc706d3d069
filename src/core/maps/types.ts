// The shapes shared by every map family: the map object a VM and a UI hold, the per-family
// implementation interface (the analogue of the kernel's struct bpf_map_ops), and the plain-data
// contents used for a program's input and output. Nothing here does work.
import type { MapTypeName } from '../asm/types.js';

/** The simulated machine the maps live on: how many possible CPUs, and which one runs now. */
export interface MapEnv {
  readonly nCpus: number;
  /** The CPU that program-path operations (per-CPU values, LRU local lists) act on. */
  cpu: number;
}

/** Receives the inverse of a mutation, so that a VM can step back over a helper call. */
export type UndoSink = (undo: () => void) => void;

/** Per-call context handed to a map family. */
export interface OpCtx {
  readonly cpu: number;
  readonly undo: UndoSink | undefined;
}

/** A negative errno (the kernel's return convention), or 0 for success. */
export type Ret = number;

/** Element flags as the kernel's u64 (BPF_ANY, BPF_NOEXIST, BPF_EXIST, BPF_F_LOCK, ...). */
export type ElemFlags = bigint;

/** One element as plain data: per-CPU maps carry one value per possible CPU. */
export interface MapEntry {
  key: Uint8Array;
  value: Uint8Array | Uint8Array[];
}

/**
 * A map family, shaped like the kernel's bpf_map_ops. Keys and values handed in have exactly the
 * sizes the map declares (the ops layer checks); values handed out by `lookup` are live views of
 * the element's storage, stable while the element exists.
 */
export interface MapImpl {
  /** map_lookup_elem: the element's value (the given CPU's for per-CPU maps), null, or -errno.
   * `mark` is the program path's LRU reference bit (syscall lookups do not mark). */
  lookup(key: Uint8Array, mark: boolean, ctx: OpCtx): Uint8Array | null | Ret;
  /** map_update_elem as a program calls it (per-CPU maps write only the current CPU's value). */
  update(key: Uint8Array, value: Uint8Array, flags: ElemFlags, ctx: OpCtx): Ret;
  delete(key: Uint8Array, ctx: OpCtx): Ret;
  /** map_get_next_key; `key` null asks for the first key. */
  getNextKey(key: Uint8Array | null): Uint8Array | Ret;
  /** The syscall's bpf_map_copy_value when the family has its own (per-CPU, fd maps, queue, ...). */
  sysCopy?(key: Uint8Array | null, flags: ElemFlags, ctx: OpCtx): Uint8Array | Ret;
  /** The syscall's bpf_map_update_value when the family has its own. */
  sysUpdate?(key: Uint8Array | null, value: Uint8Array, flags: ElemFlags, ctx: OpCtx): Ret;
  lookupAndDelete?(key: Uint8Array | null, flags: ElemFlags, ctx: OpCtx): Uint8Array | Ret;
  push?(value: Uint8Array, flags: ElemFlags, ctx: OpCtx): Ret;
  pop?(ctx: OpCtx): Uint8Array | Ret;
  peek?(ctx: OpCtx): Uint8Array | Ret;
  /** bpf_map_lookup_percpu_elem. */
  lookupPercpu?(key: Uint8Array, cpu: number, ctx: OpCtx): Uint8Array | null;
  /** Every element in the kernel's iteration order, values copied. */
  entries(): MapEntry[];
  /** How many elements exist (fixed-size maps: max_entries). */
  count(): number;
}

/** A map instance. Plain data plus the family behind `impl`; operations live in ops.ts. */
export interface BpfMap {
  readonly name: string;
  readonly type: MapTypeName;
  readonly keySize: number;
  readonly valueSize: number;
  /** max_entries as the kernel keeps it (LRU with BPF_F_NO_COMMON_LRU rounds to the CPU count). */
  readonly maxEntries: number;
  readonly flags: number;
  readonly env: MapEnv;
  readonly impl: MapImpl;
}
