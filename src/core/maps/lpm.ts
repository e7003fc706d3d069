// lpm_trie, ported from kernel/bpf/lpm_trie.c: a binary trie over big-endian key bits with
// intermediate (value-less) nodes, longest-prefix-match lookups, and get_next_key in postorder (more
// specific prefixes before less specific ones). A key is a u32 prefix length (host order) followed
// by data_size bytes. Every update installs a new node, so a value view a program holds stays with
// the element it came from.
import { readU32 } from './bytes.js';
import { BPF_EXIST, BPF_NOEXIST } from './constants.js';
import { EEXIST, EINVAL, ENOENT, ENOSPC } from './errno.js';
import type { ElemFlags, MapEntry, MapImpl, OpCtx, Ret } from './types.js';

interface Node {
  prefixlen: number;
  im: boolean;
  data: Uint8Array;
  value: Uint8Array;
  child: [Node | null, Node | null];
}

interface Key { prefixlen: number; data: Uint8Array }

/** Where a node hangs: the root or one child pointer of a parent. */
interface Slot { get(): Node | null; set(n: Node | null): void }

const extractBit = (data: Uint8Array, index: number): 0 | 1 =>
  (((data[index >> 3] ?? 0) >> (7 - (index & 7))) & 1) as 0 | 1;

export class LpmTrie implements MapImpl {
  private root: Node | null = null;
  private nEntries = 0;
  private readonly dataSize: number;
  private readonly maxPrefixlen: number;
  private readonly rootSlot: Slot = { get: () => this.root, set: (n) => { this.root = n; } };

  constructor(keySize: number, private readonly valueSize: number, private readonly maxEntries: number) {
    this.dataSize = keySize - 4;
    this.maxPrefixlen = this.dataSize * 8;
  }

  private parse(key: Uint8Array): Key {
    return { prefixlen: readU32(key), data: key.subarray(4, 4 + this.dataSize) };
  }

  private static childSlot(n: Node, bit: 0 | 1): Slot {
    return { get: () => n.child[bit], set: (c) => { n.child[bit] = c; } };
  }

  /** longest_prefix_match(): leading bits node and key share, capped by both prefix lengths. */
  private lpm(node: Node, key: Key): number {
    const limit = Math.min(node.prefixlen, key.prefixlen);
    let bits = 0;
    for (let i = 0; i < this.dataSize; i++) {
      const diff = (node.data[i]! ^ key.data[i]!) & 0xff;
      if (diff === 0) {
        bits += 8;
        if (bits >= limit) return limit;
        continue;
      }
      bits += Math.clz32(diff) - 24;
      break;
    }
    return Math.min(bits, limit);
  }

  private journal(ctx: OpCtx): void {
    if (!ctx.undo) return;
    const saved: { n: Node; c0: Node | null; c1: Node | null; im: boolean }[] = [];
    const walk = (n: Node | null): void => {
      if (!n) return;
      saved.push({ n, c0: n.child[0], c1: n.child[1], im: n.im });
      walk(n.child[0]);
      walk(n.child[1]);
    };
    walk(this.root);
    const { root, nEntries } = this;
    ctx.undo(() => {
      for (const s of saved) { s.n.child = [s.c0, s.c1]; s.n.im = s.im; }
      this.root = root;
      this.nEntries = nEntries;
    });
  }

  lookup(rawKey: Uint8Array): Uint8Array | null {
    const key = this.parse(rawKey);
    if (key.prefixlen > this.maxPrefixlen) return null;
    let found: Node | null = null;
    for (let node = this.root; node;) {
      const matchlen = this.lpm(node, key);
      if (matchlen === this.maxPrefixlen) {
        found = node;
        break;
      }
      if (matchlen < node.prefixlen) break;
      if (!node.im) found = node;
      node = node.child[extractBit(key.data, node.prefixlen)];
    }
    return found ? found.value : null;
  }

  /** trie_check_add_elem */
  private checkAdd(flags: ElemFlags): Ret {
    if (flags === BPF_EXIST) return -ENOENT;
    if (this.nEntries === this.maxEntries) return -ENOSPC;
    this.nEntries++;
    return 0;
  }

  update(rawKey: Uint8Array, value: Uint8Array, flags: ElemFlags, ctx: OpCtx): Ret {
    if (flags > BPF_EXIST) return -EINVAL;
    const key = this.parse(rawKey);
    if (key.prefixlen > this.maxPrefixlen) return -EINVAL;
    const newNode: Node = {
      prefixlen: key.prefixlen, im: false, data: key.data.slice(), value: value.slice(0, this.valueSize), child: [null, null],
    };
    this.journal(ctx);
    let slot = this.rootSlot;
    let node: Node | null;
    let matchlen = 0;
    while ((node = slot.get())) {
      matchlen = this.lpm(node, key);
      if (node.prefixlen !== matchlen || node.prefixlen === key.prefixlen) break;
      slot = LpmTrie.childSlot(node, extractBit(key.data, node.prefixlen));
    }
    if (!node) {
      const err = this.checkAdd(flags);
      if (err) return err;
      slot.set(newNode);
      return 0;
    }
    if (node.prefixlen === matchlen) {
      if (!node.im) {
        if (flags === BPF_NOEXIST) return -EEXIST;
      } else {
        const err = this.checkAdd(flags);
        if (err) return err;
      }
      newNode.child = [node.child[0], node.child[1]];
      slot.set(newNode);
      return 0;
    }
    const err = this.checkAdd(flags);
    if (err) return err;
    if (matchlen === key.prefixlen) {
      newNode.child[extractBit(node.data, matchlen)] = node;
      slot.set(newNode);
      return 0;
    }
    const im: Node = { prefixlen: matchlen, im: true, data: node.data.slice(), value: new Uint8Array(0), child: [null, null] };
    if (extractBit(key.data, matchlen)) im.child = [node, newNode];
    else im.child = [newNode, node];
    slot.set(im);
    return 0;
  }

  delete(rawKey: Uint8Array, ctx: OpCtx): Ret {
    const key = this.parse(rawKey);
    if (key.prefixlen > this.maxPrefixlen) return -EINVAL;
    let trim = this.rootSlot;
    let trim2 = trim;
    let parent: Node | null = null;
    let node: Node | null;
    let matchlen = 0;
    while ((node = trim.get())) {
      matchlen = this.lpm(node, key);
      if (node.prefixlen !== matchlen || node.prefixlen === key.prefixlen) break;
      parent = node;
      trim2 = trim;
      trim = LpmTrie.childSlot(node, extractBit(key.data, node.prefixlen));
    }
    if (!node || node.prefixlen !== key.prefixlen || node.prefixlen !== matchlen || node.im) return -ENOENT;
    this.journal(ctx);
    this.nEntries--;
    if (node.child[0] && node.child[1]) {
      node.im = true;
      return 0;
    }
    if (parent && parent.im && !node.child[0] && !node.child[1]) {
      trim2.set(node === parent.child[0] ? parent.child[1] : parent.child[0]);
      return 0;
    }
    trim.set(node.child[0] ?? node.child[1] ?? null);
    return 0;
  }

  getNextKey(rawKey: Uint8Array | null): Uint8Array | Ret {
    let searchRoot = this.root;
    if (!searchRoot) return -ENOENT;
    const key = rawKey ? this.parse(rawKey) : null;
    let next: Node | null = null;
    found: if (key && key.prefixlen <= this.maxPrefixlen) {
      const stack: Node[] = [];
      let node: Node | null;
      for (node = searchRoot; node;) {
        stack.push(node);
        const matchlen = this.lpm(node, key);
        if (node.prefixlen !== matchlen || node.prefixlen === key.prefixlen) break;
        node = node.child[extractBit(key.data, node.prefixlen)];
      }
      if (!node || node.prefixlen !== this.lpm(node, key) || node.im) break found;
      node = stack[stack.length - 1]!;
      for (let sp = stack.length - 1; sp > 0; sp--) {
        const parent = stack[sp - 1]!;
        if (parent.child[0] === node && parent.child[1]) {
          searchRoot = parent.child[1];
          break found;
        }
        if (!parent.im) return this.keyOf(parent);
        node = parent;
      }
      return -ENOENT;
    }
    // The leftmost non-intermediate node below searchRoot.
    for (let node: Node | null = searchRoot; node;) {
      if (node.im) {
        node = node.child[0];
      } else {
        next = node;
        node = node.child[0] ?? next.child[1];
      }
    }
    return this.keyOf(next!);
  }

  private keyOf(n: Node): Uint8Array {
    const out = new Uint8Array(4 + this.dataSize);
    new DataView(out.buffer).setUint32(0, n.prefixlen, true);
    out.set(n.data, 4);
    return out;
  }

  entries(): MapEntry[] {
    const out: MapEntry[] = [];
    let key: Uint8Array | null = null;
    for (let guard = 0; guard <= this.nEntries; guard++) {
      const next = this.getNextKey(key);
      if (typeof next === 'number') break;
      out.push({ key: next, value: this.lookupExact(next)!.slice() });
      key = next;
    }
    return out;
  }

  /** The element whose key is exactly `rawKey` (not the longest match). */
  private lookupExact(rawKey: Uint8Array): Uint8Array | null {
    const key = this.parse(rawKey);
    for (let node = this.root; node;) {
      const matchlen = this.lpm(node, key);
      if (node.prefixlen !== matchlen) return null;
      if (node.prefixlen === key.prefixlen) return node.im ? null : node.value;
      node = node.child[extractBit(key.data, node.prefixlen)];
    }
    return null;
  }

  count(): number {
    return this.nEntries;
  }
}
