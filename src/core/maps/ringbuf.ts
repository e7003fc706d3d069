// ringbuf, following kernel/bpf/ringbuf.c: a power-of-two data area with 64-bit consumer and
// producer positions. Each record takes an 8-byte header (u32 length with busy/discard bits, u32
// page offset) plus its data, rounded up to 8 bytes; a reservation fails once the producer would
// get more than size - 1 bytes ahead of the consumer. Records sit in reservation order and a reader
// stops at the first one still reserved, so user space sees them in reservation order.
//
// A reserved sample is a separate buffer (initialised from the ring bytes it covers, as the kernel's
// memory would be) that is copied into the ring on submit or discard: the kernel maps the data pages
// twice so a wrapping record looks contiguous, which one Uint8Array cannot do.
import {
  BPF_RB_AVAIL_DATA, BPF_RB_CONS_POS, BPF_RB_FORCE_WAKEUP, BPF_RB_NO_WAKEUP, BPF_RB_PROD_POS, BPF_RB_RING_SIZE,
  BPF_RINGBUF_BUSY_BIT, BPF_RINGBUF_DISCARD_BIT, BPF_RINGBUF_HDR_SZ, PAGE_SIZE,
} from './constants.js';
import { EAGAIN, EINVAL, ENOTSUPP } from './errno.js';
import { readU32, roundUp8 } from './bytes.js';
import type { MapEntry, MapImpl, OpCtx, Ret } from './types.js';

/** RINGBUF_MAX_RECORD_SZ */
const MAX_RECORD_SZ = Math.floor(0xffffffff / 4);
/** Pages in front of the data area (struct bpf_ringbuf up to consumer_pos, then the two position
 * pages); a header's page offset counts from the start of the struct. */
const META_PAGES = 3;

export interface RingbufRecord {
  /** Ring position of the record's header. */
  pos: number;
  /** The length the program asked for. */
  size: number;
  discarded: boolean;
  /** Still reserved: neither submitted nor discarded. */
  busy: boolean;
  data: Uint8Array;
}

interface Reservation { pos: number; size: number }

export class RingbufMap implements MapImpl {
  readonly size: number;
  private readonly mask: number;
  /** The data area exactly as the kernel's (headers included). */
  readonly data: Uint8Array;
  consumerPos = 0;
  producerPos = 0;
  private readonly reserved = new Map<Uint8Array, Reservation>();

  constructor(size: number) {
    this.size = size;
    this.mask = size - 1;
    this.data = new Uint8Array(size);
  }

  private journal(ctx: OpCtx): void {
    if (!ctx.undo) return;
    const data = this.data.slice();
    const { consumerPos, producerPos } = this;
    const reserved = new Map(this.reserved);
    ctx.undo(() => {
      this.data.set(data);
      this.consumerPos = consumerPos;
      this.producerPos = producerPos;
      this.reserved.clear();
      for (const [k, v] of reserved) this.reserved.set(k, v);
    });
  }

  private readRing(pos: number, len: number): Uint8Array {
    const out = new Uint8Array(len);
    for (let i = 0; i < len; i++) out[i] = this.data[(pos + i) & this.mask]!;
    return out;
  }

  private writeRing(pos: number, bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) this.data[(pos + i) & this.mask] = bytes[i]!;
  }

  private writeU32(pos: number, v: number): void {
    this.writeRing(pos, new Uint8Array([v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff]));
  }

  /** __bpf_ringbuf_reserve: the record's sample buffer, or null when it does not fit. */
  private reserveRaw(size: number, ctx: OpCtx): Uint8Array | null {
    if (size > MAX_RECORD_SZ) return null;
    const len = roundUp8(size + BPF_RINGBUF_HDR_SZ);
    if (len > this.size) return null;
    const newProd = this.producerPos + len;
    if (newProd - this.consumerPos > this.mask) return null;
    this.journal(ctx);
    const pos = this.producerPos;
    this.writeU32(pos, (size | BPF_RINGBUF_BUSY_BIT) >>> 0);
    this.writeU32(pos + 4, META_PAGES + Math.floor((pos & this.mask) / PAGE_SIZE));
    this.producerPos = newProd;
    const sample = this.readRing(pos + BPF_RINGBUF_HDR_SZ, size);
    this.reserved.set(sample, { pos, size });
    return sample;
  }

  /** bpf_ringbuf_reserve: any flag makes it fail. */
  reserve(size: number, flags: bigint, ctx: OpCtx): Uint8Array | null {
    if (flags !== 0n) return null;
    return this.reserveRaw(size, ctx);
  }

  /** Whether `sample` is a reservation of this ring that is still open. */
  owns(sample: Uint8Array): boolean {
    return this.reserved.has(sample);
  }

  /** bpf_ringbuf_commit; the wakeup flags only matter to a waiting reader. */
  private commit(sample: Uint8Array, discard: boolean, ctx: OpCtx): void {
    const r = this.reserved.get(sample);
    if (!r) throw new Error('ringbuf: commit of a sample this ring did not hand out');
    this.journal(ctx);
    this.reserved.delete(sample);
    this.writeRing(r.pos + BPF_RINGBUF_HDR_SZ, sample);
    const len = (r.size | (discard ? BPF_RINGBUF_DISCARD_BIT : 0)) >>> 0;
    this.writeU32(r.pos, len);
  }

  submit(sample: Uint8Array, _flags: bigint, ctx: OpCtx): void {
    this.commit(sample, false, ctx);
  }

  discard(sample: Uint8Array, _flags: bigint, ctx: OpCtx): void {
    this.commit(sample, true, ctx);
  }

  /** bpf_ringbuf_output: -EAGAIN (not -ENOSPC) when the record does not fit. */
  output(data: Uint8Array, flags: bigint, ctx: OpCtx): Ret {
    if (flags & ~BigInt(BPF_RB_NO_WAKEUP | BPF_RB_FORCE_WAKEUP)) return -EINVAL;
    const sample = this.reserveRaw(data.length, ctx);
    if (!sample) return -EAGAIN;
    sample.set(data);
    this.commit(sample, false, { cpu: ctx.cpu, undo: undefined });
    return 0;
  }

  /** bpf_ringbuf_query */
  query(flags: bigint): number {
    switch (flags) {
      case BigInt(BPF_RB_AVAIL_DATA): return this.producerPos - this.consumerPos;
      case BigInt(BPF_RB_RING_SIZE): return this.size;
      case BigInt(BPF_RB_CONS_POS): return this.consumerPos;
      case BigInt(BPF_RB_PROD_POS): return this.producerPos;
      default: return 0;
    }
  }

  /** The records between the consumer and the producer, stopping after the first busy one. */
  records(): RingbufRecord[] {
    const out: RingbufRecord[] = [];
    for (let pos = this.consumerPos; pos < this.producerPos;) {
      const len = readU32(this.readRing(pos, 4));
      const size = len & ~(BPF_RINGBUF_BUSY_BIT | BPF_RINGBUF_DISCARD_BIT);
      const busy = (len & BPF_RINGBUF_BUSY_BIT) !== 0;
      out.push({ pos, size, busy, discarded: (len & BPF_RINGBUF_DISCARD_BIT) !== 0, data: this.readRing(pos + BPF_RINGBUF_HDR_SZ, size) });
      if (busy) break;
      pos += roundUp8(size + BPF_RINGBUF_HDR_SZ);
    }
    return out;
  }

  /** What a user-space reader (libbpf's ring_buffer__consume) does: takes the committed records up to
   * the first busy one, skipping discarded ones, and advances the consumer position past them. */
  consume(ctx: OpCtx): Uint8Array[] {
    this.journal(ctx);
    const out: Uint8Array[] = [];
    for (const r of this.records()) {
      if (r.busy) break;
      if (!r.discarded) out.push(r.data);
      this.consumerPos = r.pos + roundUp8(r.size + BPF_RINGBUF_HDR_SZ);
    }
    return out;
  }

  lookup(): Ret {
    return -ENOTSUPP;
  }

  update(): Ret {
    return -ENOTSUPP;
  }

  delete(): Ret {
    return -ENOTSUPP;
  }

  getNextKey(): Ret {
    return -ENOTSUPP;
  }

  /** Plain data: the submitted records a reader would get next (discarded and busy ones left out). */
  entries(): MapEntry[] {
    return this.records().filter((r) => !r.busy && !r.discarded).map((r) => ({ key: new Uint8Array(0), value: r.data }));
  }

  count(): number {
    return this.entries().length;
  }
}
