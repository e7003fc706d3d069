// prog_array and perf_event_array, following the fd-array half of kernel/bpf/arraymap.c. In the
// kernel a slot holds a program or perf event that user space named by fd; bpfiddle has no fd table,
// so a slot holds the u32 the user stored (a program reference for prog_array, a marker that an
// output event is attached for perf_event_array) and any u32 is accepted. Programs reach these maps
// only through bpf_tail_call and bpf_perf_event_output, modelled here as progTarget and perfOutput.
import { readU32, u32Bytes } from './bytes.js';
import { BPF_ANY, BPF_F_CURRENT_CPU, BPF_F_INDEX_MASK } from './constants.js';
import { E2BIG, EINVAL, ENOENT, ENOTSUPP, EOPNOTSUPP } from './errno.js';
import { arrayNextKey } from './array.js';
import type { ElemFlags, MapEntry, MapImpl, OpCtx, Ret } from './types.js';

/** One bpf_perf_event_output record, as a perf buffer reader would receive it. */
export interface PerfRecord {
  cpu: number;
  data: Uint8Array;
}

export class FdArrayMap implements MapImpl {
  private readonly slots: (number | null)[];
  /** perf_event_array: what bpf_perf_event_output sent, in order. */
  readonly perfRecords: PerfRecord[] = [];

  constructor(private readonly maxEntries: number, private readonly kind: 'prog_array' | 'perf_event_array') {
    this.slots = new Array<number | null>(maxEntries).fill(null);
  }

  lookup(): Ret {
    return -EOPNOTSUPP;
  }

  /** Programs cannot update these maps (the verifier refuses); the syscall path is sysUpdate. */
  update(): Ret {
    return -EINVAL;
  }

  /** bpf_fd_array_map_update_elem, with the stored u32 standing in for the fd's object. */
  sysUpdate(key: Uint8Array | null, value: Uint8Array, flags: ElemFlags, ctx: OpCtx): Ret {
    if (flags !== BPF_ANY) return -EINVAL;
    const index = readU32(key!);
    if (index >= this.maxEntries) return -E2BIG;
    const old = this.slots[index]!;
    this.slots[index] = readU32(value);
    ctx.undo?.(() => { this.slots[index] = old; });
    return 0;
  }

  delete(key: Uint8Array, ctx: OpCtx): Ret {
    const index = readU32(key);
    if (index >= this.maxEntries) return -E2BIG;
    const old = this.slots[index]!;
    if (old === null) return -ENOENT;
    this.slots[index] = null;
    ctx.undo?.(() => { this.slots[index] = old; });
    return 0;
  }

  /** bpf_fd_array_map_lookup_elem: a prog_array answers the program (the kernel gives its id);
   * a perf_event_array has no syscall lookup at all. */
  sysCopy(key: Uint8Array | null): Uint8Array | Ret {
    if (this.kind === 'perf_event_array') return -ENOTSUPP;
    const index = readU32(key!);
    const v = index < this.maxEntries ? this.slots[index]! : null;
    return v === null ? -ENOENT : u32Bytes(v);
  }

  getNextKey(key: Uint8Array | null): Uint8Array | Ret {
    return arrayNextKey(key, this.maxEntries);
  }

  /** bpf_tail_call's view: the reference stored at `index`, or null (the tail call falls through). */
  progTarget(index: number): number | null {
    return index >= 0 && index < this.maxEntries ? this.slots[index]! : null;
  }

  /** bpf_perf_event_output's map half (__bpf_perf_event_output): picks the slot from `flags`. */
  perfOutput(flags: bigint, data: Uint8Array, cpu: number, ctx: OpCtx): Ret {
    if (flags & ~BPF_F_INDEX_MASK) return -EINVAL;
    let index = flags & BPF_F_INDEX_MASK;
    if (index === BPF_F_CURRENT_CPU) index = BigInt(cpu);
    if (index >= BigInt(this.maxEntries)) return -E2BIG;
    if (this.slots[Number(index)] === null) return -ENOENT;
    // The kernel also needs the event to live on this CPU (-EOPNOTSUPP otherwise); bpfiddle's
    // events follow whichever CPU runs, as a per-CPU perf buffer reader would set them up.
    this.perfRecords.push({ cpu, data: data.slice() });
    ctx.undo?.(() => { this.perfRecords.pop(); });
    return 0;
  }

  entries(): MapEntry[] {
    const out: MapEntry[] = [];
    this.slots.forEach((v, i) => { if (v !== null) out.push({ key: u32Bytes(i), value: u32Bytes(v) }); });
    return out;
  }

  count(): number {
    return this.slots.filter((v) => v !== null).length;
  }
}
