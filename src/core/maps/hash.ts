// hash, percpu_hash, lru_hash and lru_percpu_hash, following kernel/bpf/hashtab.c: a power-of-two
// bucket array indexed by jhash of the key, new elements at the head of their bucket, iteration
// bucket by bucket. The kernel seeds the hash randomly unless BPF_F_ZERO_SEED is set; bpfiddle
// always uses seed 0, so its iteration order is the kernel's order for BPF_F_ZERO_SEED maps and one
// of the possible orders otherwise.
//
// Storage: every insertion gets fresh value storage, and replacing an element of a non-per-CPU map
// gives the new value fresh storage too (the kernel swaps in another preallocated element). Old
// storage is never reused, so a pointer a program still holds keeps reading the old bytes.
import { BpfLru, type LruNode } from './lru.js';
import { htabHash } from './jhash.js';
import { bytesEqual, roundUp8, roundupPowOfTwo } from './bytes.js';
import { BPF_EXIST, BPF_F_LOCK, BPF_F_NO_COMMON_LRU, BPF_NOEXIST } from './constants.js';
import { E2BIG, EEXIST, EINVAL, ENOENT, ENOMEM } from './errno.js';
import type { ElemFlags, MapEntry, MapImpl, OpCtx, Ret } from './types.js';

export interface HashElem {
  readonly key: Uint8Array;
  readonly hash: number;
  /** Non-per-CPU maps: the value. Per-CPU maps: unused (empty). */
  readonly value: Uint8Array;
  /** Per-CPU maps: one buffer per CPU of round_up(value_size, 8) bytes (the syscall copies it whole). */
  readonly pcpu: Uint8Array[] | null;
  /** Per-CPU maps: value_size views of `pcpu`, what programs see. */
  readonly views: Uint8Array[] | null;
  node: LruNode<HashElem> | null;
}

export interface HashConfig {
  keySize: number;
  valueSize: number;
  maxEntries: number;
  flags: number;
  nCpus: number;
  percpu: boolean;
  lru: boolean;
}

export class HashMap implements MapImpl {
  private readonly buckets = new Map<number, HashElem[]>();
  private readonly nBuckets: number;
  private readonly lru: BpfLru<HashElem> | null;
  private elems = 0;

  constructor(private readonly cfg: HashConfig) {
    this.nBuckets = roundupPowOfTwo(cfg.maxEntries);
    this.lru = cfg.lru
      ? new BpfLru<HashElem>(cfg.maxEntries, cfg.nCpus, !!(cfg.flags & BPF_F_NO_COMMON_LRU), (n) => this.delNode(n))
      : null;
  }

  private bucketOf(hash: number): number {
    return hash & (this.nBuckets - 1);
  }

  private find(key: Uint8Array, hash: number): HashElem | null {
    for (const e of this.buckets.get(this.bucketOf(hash)) ?? []) if (e.hash === hash && bytesEqual(e.key, key)) return e;
    return null;
  }

  private linkHead(e: HashElem): void {
    const b = this.bucketOf(e.hash);
    const arr = this.buckets.get(b);
    if (arr) arr.unshift(e);
    else this.buckets.set(b, [e]);
    this.elems++;
  }

  private unlink(e: HashElem): boolean {
    const b = this.bucketOf(e.hash);
    const arr = this.buckets.get(b);
    const i = arr ? arr.indexOf(e) : -1;
    if (!arr || i < 0) return false;
    arr.splice(i, 1);
    if (!arr.length) this.buckets.delete(b);
    this.elems--;
    return true;
  }

  /** htab_lru_map_delete_node: the LRU evicting a node's element. */
  private delNode(node: LruNode<HashElem>): boolean {
    return node.payload ? this.unlink(node.payload) : false;
  }

  private newElem(key: Uint8Array, hash: number): HashElem {
    const { percpu, valueSize, nCpus } = this.cfg;
    const pcpu = percpu ? Array.from({ length: nCpus }, () => new Uint8Array(roundUp8(valueSize))) : null;
    return {
      key: key.slice(),
      hash,
      value: new Uint8Array(percpu ? 0 : valueSize),
      pcpu,
      views: pcpu ? pcpu.map((b) => b.subarray(0, valueSize)) : null,
      node: null,
    };
  }

  /** pcpu_copy_value: this CPU's value_size bytes, or every CPU's round_up(value_size, 8) bytes. */
  private pcpuCopy(e: HashElem, value: Uint8Array, onAllCpus: boolean, cpu: number): void {
    const stride = roundUp8(this.cfg.valueSize);
    if (!onAllCpus) e.views![cpu]!.set(value.subarray(0, this.cfg.valueSize));
    else e.pcpu!.forEach((b, c) => b.set(value.subarray(c * stride, (c + 1) * stride)));
  }

  /**
   * Saves what a mutation may touch and hands the restore to the undo sink. Without an LRU a
   * mutation only touches the key's own bucket; LRU evictions reach any bucket, so LRU maps save
   * every bucket and the list state (O(max_entries), fine for playground-sized maps).
   */
  private journal(ctx: OpCtx, key: Uint8Array, extra?: HashElem): void {
    if (!ctx.undo) return;
    const only = this.lru ? null : this.bucketOf(htabHash(key, 0));
    const saved = (only === null ? [...this.buckets.keys()] : [only]).map((b) => [b, [...(this.buckets.get(b) ?? [])]] as const);
    const elems = this.elems;
    const lru = this.lru?.snapshot();
    const bytes = extra?.pcpu?.map((b) => b.slice());
    ctx.undo(() => {
      if (only === null) this.buckets.clear();
      for (const [b, arr] of saved) {
        if (arr.length) this.buckets.set(b, [...arr]);
        else this.buckets.delete(b);
      }
      this.elems = elems;
      lru?.();
      if (bytes) extra!.pcpu!.forEach((b, i) => b.set(bytes[i]!));
    });
  }

  /** bpf_lru_node_set_ref, undoably: a program's lookup is a mutation of the LRU state. */
  private mark(e: HashElem, ctx: OpCtx): void {
    const node = e.node;
    if (!node || node.ref) return;
    BpfLru.setRef(node);
    ctx.undo?.(() => { node.ref = 0; });
  }

  lookup(key: Uint8Array, mark: boolean, ctx: OpCtx): Uint8Array | null {
    const e = this.find(key, htabHash(key, 0));
    if (!e) return null;
    if (mark) this.mark(e, ctx);
    return e.views ? e.views[ctx.cpu]! : e.value;
  }

  lookupPercpu(key: Uint8Array, cpu: number, ctx: OpCtx): Uint8Array | null {
    if (!this.cfg.percpu || cpu >= this.cfg.nCpus) return null;
    const e = this.find(key, htabHash(key, 0));
    if (!e) return null;
    this.mark(e, ctx);
    return e.views![cpu]!;
  }

  update(key: Uint8Array, value: Uint8Array, flags: ElemFlags, ctx: OpCtx): Ret {
    return this.doUpdate(key, value, flags, false, ctx);
  }

  sysUpdate(key: Uint8Array | null, value: Uint8Array, flags: ElemFlags, ctx: OpCtx): Ret {
    return this.doUpdate(key!, value, flags, this.cfg.percpu, ctx);
  }

  private doUpdate(key: Uint8Array, value: Uint8Array, flags: ElemFlags, onAllCpus: boolean, ctx: OpCtx): Ret {
    if (this.cfg.lru) return this.cfg.percpu ? this.lruPercpuUpdate(key, value, flags, onAllCpus, ctx) : this.lruUpdate(key, value, flags, ctx);
    return this.cfg.percpu ? this.percpuUpdate(key, value, flags, onAllCpus, ctx) : this.htabUpdate(key, value, flags, ctx);
  }

  private static checkFlags(old: HashElem | null, flags: ElemFlags): Ret {
    const f = flags & ~BPF_F_LOCK;
    if (old && f === BPF_NOEXIST) return -EEXIST;
    if (!old && f === BPF_EXIST) return -ENOENT;
    return 0;
  }

  private full(): boolean {
    return this.elems >= this.cfg.maxEntries;
  }

  private htabUpdate(key: Uint8Array, value: Uint8Array, flags: ElemFlags, ctx: OpCtx): Ret {
    if ((flags & ~BPF_F_LOCK) > BPF_EXIST) return -EINVAL;
    // No BTF, so no map has a bpf_spin_lock for BPF_F_LOCK to take.
    if (flags & BPF_F_LOCK) return -EINVAL;
    const hash = htabHash(key, 0);
    const old = this.find(key, hash);
    const err = HashMap.checkFlags(old, flags);
    if (err) return err;
    // Preallocated maps run out of free elements, others hit the element count: same boundary.
    if (!old && this.full()) return -E2BIG;
    this.journal(ctx, key!);
    const e = this.newElem(key, hash);
    e.value.set(value.subarray(0, this.cfg.valueSize));
    this.linkHead(e);
    if (old) this.unlink(old);
    return 0;
  }

  private percpuUpdate(key: Uint8Array, value: Uint8Array, flags: ElemFlags, onAllCpus: boolean, ctx: OpCtx): Ret {
    if (flags > BPF_EXIST) return -EINVAL;
    const hash = htabHash(key, 0);
    const old = this.find(key, hash);
    const err = HashMap.checkFlags(old, flags);
    if (err) return err;
    if (old) {
      this.journal(ctx, key, old);
      this.pcpuCopy(old, value, onAllCpus, ctx.cpu);
      return 0;
    }
    if (this.full()) return -E2BIG;
    this.journal(ctx, key!);
    const e = this.newElem(key, hash);
    this.pcpuCopy(e, value, onAllCpus, ctx.cpu);
    this.linkHead(e);
    return 0;
  }

  private popNode(key: Uint8Array, hash: number, ctx: OpCtx): HashElem | null {
    const node = this.lru!.popFree(ctx.cpu);
    if (!node) return null;
    const e = this.newElem(key, hash);
    e.node = node;
    node.payload = e;
    return e;
  }

  private pushFree(e: HashElem): void {
    this.lru!.pushFree(e.node!);
  }

  private lruUpdate(key: Uint8Array, value: Uint8Array, flags: ElemFlags, ctx: OpCtx): Ret {
    if (flags > BPF_EXIST) return -EINVAL;
    this.journal(ctx, key!);
    const hash = htabHash(key, 0);
    // The kernel takes a free node (evicting if need be) before it looks at the key.
    const fresh = this.popNode(key, hash, ctx);
    if (!fresh) return -ENOMEM;
    fresh.value.set(value.subarray(0, this.cfg.valueSize));
    const old = this.find(key, hash);
    const err = HashMap.checkFlags(old, flags);
    if (err) {
      this.pushFree(fresh);
      return err;
    }
    this.linkHead(fresh);
    if (old) {
      BpfLru.setRef(fresh.node!);
      this.unlink(old);
      this.pushFree(old);
    }
    return 0;
  }

  private lruPercpuUpdate(key: Uint8Array, value: Uint8Array, flags: ElemFlags, onAllCpus: boolean, ctx: OpCtx): Ret {
    if (flags > BPF_EXIST) return -EINVAL;
    const hash = htabHash(key, 0);
    this.journal(ctx, key, this.find(key, hash) ?? undefined);
    let fresh: HashElem | null = null;
    if (flags !== BPF_EXIST) {
      fresh = this.popNode(key, hash, ctx);
      if (!fresh) return -ENOMEM;
    }
    const old = this.find(key, hash);
    let err = HashMap.checkFlags(old, flags);
    if (!err) {
      if (old) {
        BpfLru.setRef(old.node!);
        this.pcpuCopy(old, value, onAllCpus, ctx.cpu);
      } else {
        this.pcpuCopy(fresh!, value, onAllCpus, ctx.cpu);
        this.linkHead(fresh!);
        fresh = null;
      }
      err = 0;
    }
    if (fresh) this.pushFree(fresh);
    return err;
  }

  delete(key: Uint8Array, ctx: OpCtx): Ret {
    const e = this.find(key, htabHash(key, 0));
    if (!e) return -ENOENT;
    this.journal(ctx, key!);
    this.unlink(e);
    if (this.lru) this.pushFree(e);
    return 0;
  }

  private copyOut(e: HashElem): Uint8Array {
    if (!e.pcpu) return e.value.slice();
    const stride = roundUp8(this.cfg.valueSize);
    const out = new Uint8Array(stride * this.cfg.nCpus);
    e.pcpu.forEach((b, c) => out.set(b, c * stride));
    return out;
  }

  /** bpf_percpu_hash_copy: every CPU's value, unmarked. Non-per-CPU maps use the generic path. */
  sysCopy(key: Uint8Array | null, _flags: ElemFlags, ctx: OpCtx): Uint8Array | Ret {
    if (!this.cfg.percpu) {
      const v = this.lookup(key!, false, ctx);
      return v ? v.slice() : -ENOENT;
    }
    const e = this.find(key!, htabHash(key!, 0));
    return e ? this.copyOut(e) : -ENOENT;
  }

  lookupAndDelete(key: Uint8Array | null, _flags: ElemFlags, ctx: OpCtx): Uint8Array | Ret {
    const e = this.find(key!, htabHash(key!, 0));
    if (!e) return -ENOENT;
    const out = this.copyOut(e);
    this.journal(ctx, key!);
    this.unlink(e);
    if (this.lru) this.pushFree(e);
    return out;
  }

  private firstFrom(start: number): HashElem | null {
    let best = -1;
    for (const b of this.buckets.keys()) if (b >= start && (best < 0 || b < best)) best = b;
    return best < 0 ? null : this.buckets.get(best)![0]!;
  }

  getNextKey(key: Uint8Array | null): Uint8Array | Ret {
    let next: HashElem | null = null;
    if (key) {
      const hash = htabHash(key, 0);
      const b = this.bucketOf(hash);
      const arr = this.buckets.get(b) ?? [];
      const i = arr.findIndex((e) => e.hash === hash && bytesEqual(e.key, key));
      if (i < 0) next = this.firstFrom(0);
      else next = arr[i + 1] ?? this.firstFrom(b + 1);
    } else {
      next = this.firstFrom(0);
    }
    return next ? next.key.slice() : -ENOENT;
  }

  entries(): MapEntry[] {
    const out: MapEntry[] = [];
    for (const b of [...this.buckets.keys()].sort((x, y) => x - y)) {
      for (const e of this.buckets.get(b)!) {
        out.push({ key: e.key.slice(), value: e.views ? e.views.map((v) => v.slice()) : e.value.slice() });
      }
    }
    return out;
  }

  count(): number {
    return this.elems;
  }
}
