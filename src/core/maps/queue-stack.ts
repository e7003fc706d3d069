// queue (FIFO) and stack (LIFO), following kernel/bpf/queue_stack_maps.c: a ring of max_entries + 1
// slots with head and tail indices, no keys. Values are copied in and out, so no element storage is
// ever handed to a program. Plain data lists the elements oldest first for both kinds, which is
// also the order loadMap pushes them in.
import { BPF_EXIST, BPF_NOEXIST } from './constants.js';
import { E2BIG, EINVAL, ENOENT } from './errno.js';
import type { ElemFlags, MapEntry, MapImpl, OpCtx, Ret } from './types.js';

export class QueueStackMap implements MapImpl {
  private head = 0;
  private tail = 0;
  private readonly size: number;
  private readonly elements: Uint8Array;

  constructor(private readonly valueSize: number, maxEntries: number, private readonly lifo: boolean) {
    this.size = maxEntries + 1;
    this.elements = new Uint8Array(this.size * valueSize);
  }

  private isEmpty(): boolean {
    return this.head === this.tail;
  }

  private isFull(): boolean {
    let head = this.head + 1;
    if (head >= this.size) head = 0;
    return head === this.tail;
  }

  private slot(i: number): Uint8Array {
    return this.elements.subarray(i * this.valueSize, (i + 1) * this.valueSize);
  }

  private journal(ctx: OpCtx, slot?: number): void {
    if (!ctx.undo) return;
    const { head, tail } = this;
    const bytes = slot === undefined ? null : this.slot(slot).slice();
    ctx.undo(() => {
      this.head = head;
      this.tail = tail;
      if (bytes) this.slot(slot!).set(bytes);
    });
  }

  /** queue_stack_map_push_elem: BPF_EXIST overwrites the oldest element when full. */
  push(value: Uint8Array, flags: ElemFlags, ctx: OpCtx): Ret {
    const replace = (flags & BPF_EXIST) !== 0n;
    if (flags & BPF_NOEXIST || flags > BPF_EXIST) return -EINVAL;
    if (this.isFull() && !replace) return -E2BIG;
    this.journal(ctx, this.head);
    if (this.isFull()) {
      if (++this.tail >= this.size) this.tail = 0;
    }
    this.slot(this.head).set(value.subarray(0, this.valueSize));
    if (++this.head >= this.size) this.head = 0;
    return 0;
  }

  private get(del: boolean, ctx: OpCtx): Uint8Array | Ret {
    if (this.isEmpty()) return -ENOENT;
    if (!this.lifo) {
      const v = this.slot(this.tail).slice();
      if (del) {
        this.journal(ctx);
        if (++this.tail >= this.size) this.tail = 0;
      }
      return v;
    }
    let index = this.head - 1;
    if (index < 0) index = this.size - 1;
    const v = this.slot(index).slice();
    if (del) {
      this.journal(ctx);
      this.head = index;
    }
    return v;
  }

  pop(ctx: OpCtx): Uint8Array | Ret {
    return this.get(true, ctx);
  }

  peek(ctx: OpCtx): Uint8Array | Ret {
    return this.get(false, ctx);
  }

  lookup(): null {
    return null;
  }

  update(): Ret {
    return -EINVAL;
  }

  delete(): Ret {
    return -EINVAL;
  }

  getNextKey(): Ret {
    return -EINVAL;
  }

  /** The syscall's lookup is a peek, its update a push, its lookup-and-delete a pop. */
  sysCopy(_key: Uint8Array | null, _flags: ElemFlags, ctx: OpCtx): Uint8Array | Ret {
    return this.peek(ctx);
  }

  sysUpdate(_key: Uint8Array | null, value: Uint8Array, flags: ElemFlags, ctx: OpCtx): Ret {
    return this.push(value, flags, ctx);
  }

  lookupAndDelete(_key: Uint8Array | null, _flags: ElemFlags, ctx: OpCtx): Uint8Array | Ret {
    return this.pop(ctx);
  }

  entries(): MapEntry[] {
    const out: MapEntry[] = [];
    for (let i = this.tail; i !== this.head; i = i + 1 >= this.size ? 0 : i + 1) {
      out.push({ key: new Uint8Array(0), value: this.slot(i).slice() });
    }
    return out;
  }

  count(): number {
    return (this.head - this.tail + this.size) % this.size;
  }
}
