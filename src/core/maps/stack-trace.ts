// stack_trace, following kernel/bpf/stackmap.c: ids are jhash2 of the instruction pointers masked
// to a power-of-two bucket count, with max_entries preallocated stack records. Programs fill it with
// bpf_get_stackid (getStackId here, given the stack the VM made up); user space can only read and
// delete. Build-id maps (BPF_F_STACK_BUILD_ID) store each frame as a 32-byte bpf_stack_build_id with
// status BPF_STACK_BUILD_ID_IP, which is what the kernel falls back to when it cannot read a build id.
import { jhash2 } from './jhash.js';
import { readU32, roundupPowOfTwo, u32Bytes } from './bytes.js';
import {
  BPF_F_FAST_STACK_CMP, BPF_F_REUSE_STACKID, BPF_F_SKIP_FIELD_MASK, BPF_F_STACK_BUILD_ID, BPF_F_USER_STACK,
  PERF_EVENT_MAX_STACK,
} from './constants.js';
import { E2BIG, EEXIST, EFAULT, EINVAL, ENOENT, ENOMEM, EOPNOTSUPP } from './errno.js';
import type { ElemFlags, MapEntry, MapImpl, OpCtx, Ret } from './types.js';

const BUILD_ID_ELEM = 32;
const BPF_STACK_BUILD_ID_IP = 2;

interface Bucket { hash: number; nr: number; ips: bigint[] }

export class StackTraceMap implements MapImpl {
  private readonly nBuckets: number;
  private readonly buckets: (Bucket | null)[];
  private free: number;
  private readonly buildId: boolean;

  constructor(private readonly valueSize: number, private readonly maxEntries: number, flags: number) {
    this.nBuckets = roundupPowOfTwo(maxEntries);
    this.buckets = new Array<Bucket | null>(this.nBuckets).fill(null);
    this.free = maxEntries;
    this.buildId = (flags & BPF_F_STACK_BUILD_ID) !== 0;
  }

  private journal(ctx: OpCtx): void {
    if (!ctx.undo) return;
    const buckets = [...this.buckets];
    const free = this.free;
    ctx.undo(() => {
      buckets.forEach((b, i) => { this.buckets[i] = b; });
      this.free = free;
    });
  }

  /** stack_map_calculate_max_depth: frames one value holds plus the skipped ones, capped by the sysctl. */
  private maxDepth(skip: number): number {
    return Math.min(Math.floor(this.valueSize / (this.buildId ? BUILD_ID_ELEM : 8)) + skip, PERF_EVENT_MAX_STACK);
  }

  /**
   * bpf_get_stackid given the call chain `ips` (innermost first) the VM reports. Returns the id or
   * -errno (-EFAULT when everything is skipped, -EEXIST on a collision without
   * BPF_F_REUSE_STACKID, -ENOMEM when all max_entries records are in use).
   */
  getStackId(ips: readonly bigint[], flags: bigint, ctx: OpCtx): Ret {
    const known = BigInt(BPF_F_SKIP_FIELD_MASK | BPF_F_USER_STACK | BPF_F_FAST_STACK_CMP | BPF_F_REUSE_STACKID);
    if (flags & ~known) return -EINVAL;
    const f = Number(flags);
    const skip = f & BPF_F_SKIP_FIELD_MASK;
    // The kernel collects at most max_depth frames, then skips.
    const nr = Math.min(ips.length, this.maxDepth(skip));
    if (nr <= skip) return -EFAULT;
    const traceNr = Math.min(nr - skip, this.maxDepth(skip) - skip);
    const used = ips.slice(skip, skip + traceNr).map((ip) => BigInt.asUintN(64, ip));
    const words: number[] = [];
    for (const ip of used) words.push(Number(ip & 0xffffffffn), Number(ip >> 32n));
    const hash = jhash2(words, 0);
    const id = hash & (this.nBuckets - 1);
    const bucket = this.buckets[id]!;
    const hashMatches = bucket !== null && bucket.hash === hash;
    if (hashMatches && f & BPF_F_FAST_STACK_CMP) return id;
    if (hashMatches && bucket.nr === traceNr && bucket.ips.every((ip, i) => ip === used[i])) return id;
    if (bucket && !(f & BPF_F_REUSE_STACKID)) return -EEXIST;
    if (this.free === 0) return -ENOMEM;
    this.journal(ctx);
    this.free--;
    this.buckets[id] = { hash, nr: traceNr, ips: used };
    if (bucket) this.free++;
    return id;
  }

  private valueOf(b: Bucket): Uint8Array {
    const out = new Uint8Array(this.valueSize);
    const dv = new DataView(out.buffer);
    b.ips.forEach((ip, i) => {
      if (this.buildId) {
        dv.setInt32(i * BUILD_ID_ELEM, BPF_STACK_BUILD_ID_IP, true);
        dv.setBigUint64(i * BUILD_ID_ELEM + 24, ip, true);
      } else {
        dv.setBigUint64(i * 8, ip, true);
      }
    });
    return out;
  }

  lookup(): Ret {
    return -EOPNOTSUPP;
  }

  update(): Ret {
    return -EINVAL;
  }

  delete(key: Uint8Array, ctx: OpCtx): Ret {
    const id = readU32(key);
    if (id >= this.nBuckets) return -E2BIG;
    if (!this.buckets[id]) return -ENOENT;
    this.journal(ctx);
    this.buckets[id] = null;
    this.free++;
    return 0;
  }

  /** bpf_stackmap_extract without deleting. */
  sysCopy(key: Uint8Array | null): Uint8Array | Ret {
    const id = readU32(key!);
    const b = id < this.nBuckets ? this.buckets[id] : null;
    return b ? this.valueOf(b) : -ENOENT;
  }

  lookupAndDelete(key: Uint8Array | null, _flags: ElemFlags, ctx: OpCtx): Uint8Array | Ret {
    const v = this.sysCopy(key);
    if (typeof v === 'number') return v;
    this.delete(key!, ctx);
    return v;
  }

  getNextKey(key: Uint8Array | null): Uint8Array | Ret {
    let id = 0;
    if (key) {
      id = readU32(key);
      id = id >= this.nBuckets || !this.buckets[id] ? 0 : id + 1;
    }
    while (id < this.nBuckets && !this.buckets[id]) id++;
    return id >= this.nBuckets ? -ENOENT : u32Bytes(id);
  }

  entries(): MapEntry[] {
    const out: MapEntry[] = [];
    this.buckets.forEach((b, id) => { if (b) out.push({ key: u32Bytes(id), value: this.valueOf(b) }); });
    return out;
  }

  count(): number {
    return this.maxEntries - this.free;
  }
}
