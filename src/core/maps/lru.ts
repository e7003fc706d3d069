// The LRU lists behind lru_hash and lru_percpu_hash, ported from kernel/bpf/bpf_lru_list.c (Linux
// 6.18) so that the same operations evict the same keys. The common LRU has one global list set
// (active, inactive, free) plus per-CPU local lists (free, pending); BPF_F_NO_COMMON_LRU gives every
// CPU its own list set. Lists are circular and doubly linked with head sentinels, like list_head,
// because the algorithm depends on exact positions (rotation cursors, tail-first scans).

export const LRU_ACTIVE = 0;
export const LRU_INACTIVE = 1;
export const LRU_FREE = 2;
export const LRU_LOCAL_FREE = 3;
export const LRU_LOCAL_PENDING = 4;
type LruType = 0 | 1 | 2 | 3 | 4;

const LOCAL_FREE_TARGET = 128;
const PERCPU_FREE_TARGET = 4;
const NR_SCANS = LOCAL_FREE_TARGET;

interface Link { prev: Link; next: Link }

export interface LruNode<T> extends Link {
  type: LruType;
  ref: number;
  cpu: number;
  /** What the node currently holds (the hash element); the LRU never looks inside. */
  payload: T | null;
}

function newHead(): Link {
  const h = {} as Link;
  h.prev = h;
  h.next = h;
  return h;
}

function listDel(n: Link): void {
  n.prev.next = n.next;
  n.next.prev = n.prev;
}

/** list_add: insert right after `head` (at the front). */
function listAdd(n: Link, head: Link): void {
  n.next = head.next;
  n.prev = head;
  head.next.prev = n;
  head.next = n;
}

function listMove(n: Link, head: Link): void {
  listDel(n);
  listAdd(n, head);
}

interface LruList {
  lists: [Link, Link, Link];
  counts: [number, number];
  nextInactiveRotation: Link;
}

interface LocalList {
  free: Link;
  pending: Link;
  nextSteal: number;
}

function newLruList(): LruList {
  const lists: [Link, Link, Link] = [newHead(), newHead(), newHead()];
  return { lists, counts: [0, 0], nextInactiveRotation: lists[LRU_INACTIVE] };
}

const isLocal = (t: LruType): boolean => t >= LRU_LOCAL_FREE;

/** Removes a node from the hash table; false when it was already gone (never, single-threaded). */
export type DelFromHtab<T> = (node: LruNode<T>) => boolean;

export class BpfLru<T> {
  readonly percpu: boolean;
  readonly nCpus: number;
  private readonly common: LruList;
  private readonly local: LocalList[];
  private readonly percpuLists: LruList[];
  private readonly targetFree: number;
  readonly nodes: LruNode<T>[];

  constructor(nrElems: number, nCpus: number, percpu: boolean, private readonly delFromHtab: DelFromHtab<T>) {
    this.percpu = percpu;
    this.nCpus = nCpus;
    this.common = newLruList();
    this.local = [];
    this.percpuLists = [];
    for (let cpu = 0; cpu < nCpus; cpu++) {
      this.local.push({ free: newHead(), pending: newHead(), nextSteal: cpu });
      this.percpuLists.push(newLruList());
    }
    this.nodes = [];
    for (let i = 0; i < nrElems; i++) {
      const n = { type: LRU_FREE, ref: 0, cpu: 0, payload: null } as unknown as LruNode<T>;
      n.prev = n;
      n.next = n;
      this.nodes.push(n);
    }
    // bpf_common_lru_populate / bpf_percpu_lru_populate
    if (!percpu) {
      for (const n of this.nodes) listAdd(n, this.common.lists[LRU_FREE]);
    } else {
      const pcpuEntries = Math.floor(nrElems / nCpus);
      let i = 0;
      outer: for (let cpu = 0; cpu < nCpus; cpu++) {
        for (;;) {
          const n = this.nodes[i]!;
          n.cpu = cpu;
          listAdd(n, this.percpuLists[cpu]!.lists[LRU_FREE]);
          i++;
          if (i === nrElems) break outer;
          if (i % pcpuEntries === 0) break;
        }
      }
    }
    this.targetFree = Math.min(Math.max(Math.floor(Math.floor(nrElems / nCpus) / 2), 1), LOCAL_FREE_TARGET);
  }

  /** bpf_lru_node_set_ref */
  static setRef(node: LruNode<unknown>): void {
    if (!node.ref) node.ref = 1;
  }

  private countInc(l: LruList, t: LruType): void {
    if (t < 2) l.counts[t as 0 | 1]++;
  }

  private countDec(l: LruList, t: LruType): void {
    if (t < 2) l.counts[t as 0 | 1]--;
  }

  private moveToFree(l: LruList, node: LruNode<T>, freeList: Link, tgt: LruType): void {
    if (isLocal(node.type)) return;
    if (node === l.nextInactiveRotation) l.nextInactiveRotation = l.nextInactiveRotation.prev;
    this.countDec(l, node.type);
    node.type = tgt;
    listMove(node, freeList);
  }

  private moveIn(l: LruList, node: LruNode<T>, tgt: LruType): void {
    if (!isLocal(node.type) || isLocal(tgt)) return;
    this.countInc(l, tgt);
    node.type = tgt;
    node.ref = 0;
    listMove(node, l.lists[tgt as 0 | 1 | 2]);
  }

  private move(l: LruList, node: LruNode<T>, tgt: LruType): void {
    if (isLocal(node.type) || isLocal(tgt)) return;
    if (node.type !== tgt) {
      this.countDec(l, node.type);
      this.countInc(l, tgt);
      node.type = tgt;
    }
    node.ref = 0;
    if (node === l.nextInactiveRotation) l.nextInactiveRotation = l.nextInactiveRotation.prev;
    listMove(node, l.lists[tgt as 0 | 1 | 2]);
  }

  private inactiveLow(l: LruList): boolean {
    return l.counts[LRU_INACTIVE] < l.counts[LRU_ACTIVE];
  }

  private rotateActive(l: LruList): void {
    const active = l.lists[LRU_ACTIVE];
    const first = active.next;
    let i = 0;
    for (let node = active.prev, tmp = node.prev; node !== active; node = tmp, tmp = node.prev) {
      const n = node as LruNode<T>;
      if (n.ref) this.move(l, n, LRU_ACTIVE);
      else this.move(l, n, LRU_INACTIVE);
      if (++i === NR_SCANS || node === first) break;
    }
  }

  private rotateInactive(l: LruList): void {
    const inactive = l.lists[LRU_INACTIVE];
    if (inactive.next === inactive) return;
    let last = l.nextInactiveRotation.next;
    if (last === inactive) last = last.next;
    let cur = l.nextInactiveRotation;
    let next: Link = inactive;
    let i = 0;
    while (i < NR_SCANS) {
      if (cur === inactive) {
        cur = cur.prev;
        continue;
      }
      const node = cur as LruNode<T>;
      next = cur.prev;
      if (node.ref) this.move(l, node, LRU_ACTIVE);
      if (cur === last) break;
      cur = next;
      i++;
    }
    l.nextInactiveRotation = next;
  }

  private shrinkInactive(l: LruList, tgtNshrink: number, freeList: Link, tgtType: LruType): number {
    const inactive = l.lists[LRU_INACTIVE];
    let nshrinked = 0;
    let i = 0;
    for (let node = inactive.prev, tmp = node.prev; node !== inactive; node = tmp, tmp = node.prev) {
      const n = node as LruNode<T>;
      if (n.ref) {
        this.move(l, n, LRU_ACTIVE);
      } else if (this.delFromHtab(n)) {
        this.moveToFree(l, n, freeList, tgtType);
        if (++nshrinked === tgtNshrink) break;
      }
      if (++i === NR_SCANS) break;
    }
    return nshrinked;
  }

  private rotate(l: LruList): void {
    if (this.inactiveLow(l)) this.rotateActive(l);
    this.rotateInactive(l);
  }

  private shrink(l: LruList, tgtNshrink: number, freeList: Link, tgtType: LruType): number {
    const n = this.shrinkInactive(l, tgtNshrink, freeList, tgtType);
    if (n) return n;
    const inactive = l.lists[LRU_INACTIVE];
    const force = inactive.next !== inactive ? inactive : l.lists[LRU_ACTIVE];
    for (let node = force.prev, tmp = node.prev; node !== force; node = tmp, tmp = node.prev) {
      const nd = node as LruNode<T>;
      if (this.delFromHtab(nd)) {
        this.moveToFree(l, nd, freeList, tgtType);
        return 1;
      }
    }
    return 0;
  }

  private localFlush(l: LruList, loc: LocalList): void {
    const pending = loc.pending;
    for (let node = pending.prev, tmp = node.prev; node !== pending; node = tmp, tmp = node.prev) {
      const n = node as LruNode<T>;
      this.moveIn(l, n, n.ref ? LRU_ACTIVE : LRU_INACTIVE);
    }
  }

  private popFreeToLocal(loc: LocalList): void {
    const l = this.common;
    this.localFlush(l, loc);
    this.rotate(l);
    let nfree = 0;
    const free = l.lists[LRU_FREE];
    for (let node = free.next, tmp = node.next; node !== free; node = tmp, tmp = node.next) {
      this.moveToFree(l, node as LruNode<T>, loc.free, LRU_LOCAL_FREE);
      if (++nfree === this.targetFree) break;
    }
    if (nfree < this.targetFree) this.shrink(l, this.targetFree - nfree, loc.free, LRU_LOCAL_FREE);
  }

  private static addPending<T>(loc: LocalList, cpu: number, node: LruNode<T>): void {
    node.cpu = cpu;
    node.type = LRU_LOCAL_PENDING;
    node.ref = 0;
    listAdd(node, loc.pending);
  }

  private static popLocalFree<T>(loc: LocalList): LruNode<T> | null {
    const first = loc.free.next;
    if (first === loc.free) return null;
    listDel(first);
    return first as LruNode<T>;
  }

  private popLocalPending(loc: LocalList): LruNode<T> | null {
    for (const force of [false, true]) {
      const pending = loc.pending;
      for (let node = pending.prev; node !== pending; node = node.prev) {
        const n = node as LruNode<T>;
        if ((!n.ref || force) && this.delFromHtab(n)) {
          listDel(n);
          return n;
        }
      }
    }
    return null;
  }

  private percpuPopFree(cpu: number): LruNode<T> | null {
    const l = this.percpuLists[cpu]!;
    this.rotate(l);
    const free = l.lists[LRU_FREE];
    if (free.next === free) this.shrink(l, PERCPU_FREE_TARGET, free, LRU_FREE);
    if (free.next === free) return null;
    const node = free.next as LruNode<T>;
    node.ref = 0;
    this.move(l, node, LRU_INACTIVE);
    return node;
  }

  private commonPopFree(cpu: number): LruNode<T> | null {
    const loc = this.local[cpu]!;
    let node = BpfLru.popLocalFree<T>(loc);
    if (!node) {
      this.popFreeToLocal(loc);
      node = BpfLru.popLocalFree<T>(loc);
    }
    if (node) {
      BpfLru.addPending(loc, cpu, node);
      return node;
    }
    // Steal from the local free/pending lists of this and other CPUs, round robin.
    const firstSteal = loc.nextSteal;
    let steal = firstSteal;
    do {
      const stealLoc = this.local[steal]!;
      node = BpfLru.popLocalFree<T>(stealLoc) ?? this.popLocalPending(stealLoc);
      steal = (steal + 1) % this.nCpus;
    } while (!node && steal !== firstSteal);
    loc.nextSteal = steal;
    if (node) BpfLru.addPending(loc, cpu, node);
    return node;
  }

  /** bpf_lru_pop_free: a free node for a new element (evicting if need be), or null. */
  popFree(cpu: number): LruNode<T> | null {
    return this.percpu ? this.percpuPopFree(cpu) : this.commonPopFree(cpu);
  }

  /** bpf_lru_push_free: give a node back (its element was deleted or replaced). */
  pushFree(node: LruNode<T>): void {
    if (this.percpu) {
      this.move(this.percpuLists[node.cpu]!, node, LRU_FREE);
      return;
    }
    if (node.type === LRU_FREE || node.type === LRU_LOCAL_FREE) return;
    if (node.type === LRU_LOCAL_PENDING) {
      node.type = LRU_LOCAL_FREE;
      node.ref = 0;
      listMove(node, this.local[node.cpu]!.free);
      return;
    }
    this.move(this.common, node, LRU_FREE);
  }

  /** Captures the whole list state; calling the result puts it back (for step-back). */
  snapshot(): () => void {
    const links: Link[] = [];
    const collect = (h: Link): void => { links.push(h); };
    for (const l of [this.common, ...this.percpuLists]) l.lists.forEach(collect);
    for (const loc of this.local) { collect(loc.free); collect(loc.pending); }
    const all = [...links, ...this.nodes];
    const saved = all.map((n) => ({ n, prev: n.prev, next: n.next }));
    const nodeState = this.nodes.map((n) => ({ type: n.type, ref: n.ref, cpu: n.cpu, payload: n.payload }));
    const lists = [this.common, ...this.percpuLists].map((l) => ({ counts: [...l.counts] as [number, number], rot: l.nextInactiveRotation }));
    const steals = this.local.map((loc) => loc.nextSteal);
    return () => {
      for (const s of saved) { s.n.prev = s.prev; s.n.next = s.next; }
      this.nodes.forEach((n, i) => Object.assign(n, nodeState[i]));
      [this.common, ...this.percpuLists].forEach((l, i) => {
        l.counts = lists[i]!.counts;
        l.nextInactiveRotation = lists[i]!.rot;
      });
      this.local.forEach((loc, i) => { loc.nextSteal = steals[i]!; });
    };
  }
}
