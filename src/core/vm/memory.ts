// The simulated 64-bit address space: a handful of typed regions (context, stack frames, packet,
// mem, map values, ...) placed at addresses that look like the kernel's (stack in vmalloc space
// 0xffffc900..., everything else in the direct map 0xffff888...). Regions never cross a 4 GiB
// boundary, so an address is found by comparing its high word and then its low word, which is what
// the engines do on their fast path with plain int32 arithmetic. This module also turns a bad
// access into a typed fault with a readable message. It must not know about instructions.

import type { FaultKind, MemoryApi, RegionInfo, RegionKind, CtxSpec, VmFault } from './types.js';

/** A mapped region. Fields the engines read on every access are plain, monomorphic properties. */
export class Region implements RegionInfo {
  /** High and low word (int32) of the first accessible byte's address. */
  hi: number;
  lo: number;
  /** Bytes the fast paths may load from / store to without asking: 0 sends every access of that
   * kind through the slow path (context accessors, read-only regions, returned stack frames). */
  rlen = 0;
  wlen = 0;
  /** Accessible bytes (the region's current size; 0 while a stack frame is inactive). */
  size: number;
  /** Whether the region currently exists (stack frames of functions that returned do not). */
  active = true;
  /** View over the accessible bytes; rebuilt when the region moves (packet head adjustments). */
  dv: DataView;
  u8: Uint8Array;
  /** Context accessors for the ctx region, else null. */
  hook: CtxSpec | null = null;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly kind: RegionKind,
    address: bigint,
    bytes: Uint8Array,
    readonly writable: boolean,
  ) {
    this.hi = Number(BigInt.asIntN(32, address >> 32n));
    this.lo = Number(BigInt.asIntN(32, address));
    this.u8 = bytes;
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.size = bytes.length;
    this.refresh();
  }

  get address(): bigint {
    return (BigInt(this.hi >>> 0) << 32n) | BigInt(this.lo >>> 0);
  }

  /** Point the region at new bytes and/or a new address (used by packet adjustments). */
  rebase(address: bigint, bytes: Uint8Array): void {
    this.hi = Number(BigInt.asIntN(32, address >> 32n));
    this.lo = Number(BigInt.asIntN(32, address));
    this.u8 = bytes;
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.size = bytes.length;
    this.refresh();
  }

  setActive(active: boolean): void {
    this.active = active;
    this.refresh();
  }

  refresh(): void {
    const fast = this.active && this.hook === null;
    this.rlen = fast ? this.size : 0;
    this.wlen = fast && this.writable ? this.size : 0;
  }
}

// Address layout. Stack frames sit 8 KiB apart below STACK_TOP, each a 512-byte region ending at
// its frame pointer, with unmapped gaps between them so that overruns fault instead of silently
// reaching the caller's frame.
export const STACK_HI = 0xffffc900 | 0;
export const STACK_TOP_LO = 0x00a40000;
export const FRAME_STRIDE = 0x2000;
export const CTX_ADDRESS = 0xffff888008a00000n;
export const PACKET_ADDRESS = 0xffff888009b00000n;
export const MEM_ADDRESS = 0xffff88800ac00000n;
/** Regions mapped at run time (map values, ring buffer records) are allocated upward from here. */
export const DYNAMIC_ADDRESS = 0xffff888104000000n;
const DYNAMIC_ALIGN = 0x1000n;
/** Addresses below this (with a zero high word) are NULL plus an offset. */
const NULL_LIMIT = 0x10000;
/** How far outside a region an address may lie and still be called out of bounds of it. */
const NEAR = 0x1000n;

/** Frame pointer (r10) of call frame `depth`. */
export function framePointer(depth: number): bigint {
  return (BigInt(STACK_HI >>> 0) << 32n) | BigInt((STACK_TOP_LO - depth * FRAME_STRIDE) >>> 0);
}

export const toBig = (lo: number, hi: number): bigint => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);

export function hexAddr(a: bigint): string {
  return `0x${BigInt.asUintN(64, a).toString(16)}`;
}

export type Access = 'read' | 'write';

export class Memory implements MemoryApi {
  readonly all: Region[] = [];
  private next = DYNAMIC_ADDRESS;

  add(name: string, kind: RegionKind, address: bigint, bytes: Uint8Array, writable: boolean): Region {
    const r = new Region(this.all.length, name, kind, address, bytes, writable);
    this.all.push(r);
    return r;
  }

  map(name: string, kind: RegionKind, size: number, opts: { writable?: boolean; bytes?: Uint8Array } = {}): Region {
    const bytes = opts.bytes ?? new Uint8Array(size);
    let at = this.next;
    const span = BigInt(Math.max(bytes.length, 1));
    // Keep each region inside one 4 GiB window so that its high word is constant.
    if ((at & 0xffffffffn) + span > 0x100000000n) at = ((at >> 32n) + 1n) << 32n;
    this.next = at + ((span + DYNAMIC_ALIGN - 1n) / DYNAMIC_ALIGN + 1n) * DYNAMIC_ALIGN;
    return this.add(name, kind, at, bytes, opts.writable ?? true);
  }

  bytes(region: RegionInfo): Uint8Array {
    return this.all[region.id]!.u8;
  }

  setActive(region: RegionInfo, active: boolean): void {
    this.all[region.id]!.setActive(active);
  }

  regions(): RegionInfo[] {
    return this.all.filter((r) => r.active);
  }

  find(addr: bigint, size = 1): Region | null {
    for (const r of this.all) {
      if (!r.active) continue;
      const o = addr - r.address;
      if (o >= 0n && o + BigInt(size) <= BigInt(r.size)) return r;
    }
    return null;
  }

  /** The region an access at (lo, hi) of `size` bytes lies in, ignoring permissions, or null. */
  lookup(lo: number, hi: number, size: number): Region | null {
    const all = this.all;
    for (let i = 0; i < all.length; i++) {
      const r = all[i]!;
      if (r.hi === hi && r.active && ((lo - r.lo) >>> 0) + size <= r.size) return r;
    }
    return null;
  }

  /** The fault for a `size`-byte access at `addr` that `lookup` did not place (or that is not allowed). */
  faultFor(pc: number, addr: bigint, size: number, access: Access, found: Region | null): VmFault {
    const at = hexAddr(addr);
    const bytes = `${size} byte${size === 1 ? '' : 's'}`;
    const mk = (kind: FaultKind, region: Region | null, message: string): VmFault =>
      ({ pc, kind, address: BigInt.asUintN(64, addr), size, region: region ? region.name : null, message });
    if (found) {
      const off = addr - found.address;
      return mk('read_only', found, `write of ${bytes} to read-only ${found.name} (offset ${off}) at ${at}`);
    }
    const u = BigInt.asUintN(64, addr);
    if (u < BigInt(NULL_LIMIT)) {
      return mk('null', null, `${access} of ${bytes} at ${at}: null pointer dereference`);
    }
    // Nearest region (active or not) within NEAR bytes of the access.
    let best: Region | null = null;
    let bestDist = NEAR + 1n;
    for (const r of this.all) {
      const base = r.address;
      const end = base + BigInt(r.size);
      const dist = u < base ? base - u : u >= end ? u - end + 1n : 0n;
      if (dist < bestDist) { best = r; bestDist = dist; }
    }
    if (best) {
      const off = u - best.address;
      if (!best.active) {
        const why = best.kind === 'stack' ? 'its function returned' : best.kind === 'ringbuf' ? 'the record was submitted or discarded' : 'it was released';
        return mk('unmapped', best, `${access} of ${bytes} at ${at}: ${best.name} is gone (${why})`);
      }
      return mk('out_of_bounds', best,
        `${access} of ${bytes} at offset ${off} of ${best.name} (${best.size} bytes) is out of bounds`);
    }
    return mk('unmapped', null, `${access} of ${bytes} at ${at}: no memory is mapped there`);
  }
}
