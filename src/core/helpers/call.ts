// One helper call as its implementation sees it: the arguments (r1..r5) with the conversions the
// kernel's BPF_CALL_x wrappers apply, memory access with the VM's faults, the map behind a map
// pointer, and the run's state. A helper whose arguments no verifier would have let through (a
// bad map pointer, unreadable memory) stops the run with a 'helper' fault: `Call` methods throw a
// HelperFault for that and the host turns it into the fault value; it never escapes the host.

import type { BpfMap, OpOptions } from '../maps/index.js';
import { FUNC_ADDRESS_BASE } from '../vm/ref.js';
import type { VmApi, VmFault } from '../vm/types.js';
import type { StringSource } from './printf.js';
import type { RunState, Runtime } from './runtime.js';

export class HelperFault extends Error {}

const isFault = (v: unknown): v is VmFault => typeof v === 'object' && v !== null && 'kind' in v && 'message' in v;

export class Call implements StringSource {
  readonly run: RunState;

  constructor(readonly name: string, readonly api: VmApi, readonly rt: Runtime) {
    this.run = rt.run(api.memory);
  }

  /** r`i` as the u64 the helper receives. */
  arg(i: number): bigint {
    return this.api.reg(i);
  }

  /** r`i` as a u32 argument (the upper half is dropped). */
  u32(i: number): number {
    return Number(this.api.reg(i) & 0xffffffffn);
  }

  /** r`i` as an int argument. */
  s32(i: number): number {
    return Number(BigInt.asIntN(32, this.api.reg(i)));
  }

  fail(message: string): never {
    throw new HelperFault(`${this.name}: ${message}`);
  }

  read(addr: bigint, len: number): Uint8Array {
    if (len === 0) return new Uint8Array(0);
    const r = this.api.read(addr, len);
    if (isFault(r)) this.fail(r.message);
    return r;
  }

  write(addr: bigint, bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const f = this.api.write(addr, bytes);
    if (f) this.fail(f.message);
  }

  /** Bytes at addr, or null when any of them cannot be read (probe reads, %pI4). */
  tryRead(addr: bigint, len: number): Uint8Array | null {
    if (len === 0) return new Uint8Array(0);
    const r = this.api.read(addr, len);
    return isFault(r) ? null : r;
  }

  readString(addr: bigint, max: number): { bytes: Uint8Array; complete: boolean; fault: boolean } | null {
    const out: number[] = [];
    const mem = this.api.memory;
    let a = addr;
    while (out.length < max) {
      const r = mem.find(a, 1);
      if (!r) {
        if (out.length === 0) return null;
        return { bytes: Uint8Array.from(out), complete: false, fault: true };
      }
      const bytes = mem.bytes(r);
      for (let off = Number(a - r.address); off < r.size && out.length < max; off++) {
        const b = bytes[off]!;
        if (b === 0) return { bytes: Uint8Array.from(out), complete: true, fault: false };
        out.push(b);
      }
      a = addr + BigInt(out.length);
    }
    return { bytes: Uint8Array.from(out), complete: false, fault: false };
  }

  /** The NUL-terminated string at r`i` (ARG_PTR_TO_CONST_STR), without its NUL. */
  constString(i: number): Uint8Array {
    const s = this.readString(this.arg(i), 1 << 16);
    if (!s || !s.complete) this.fail(`R${i} does not point to a NUL-terminated string`);
    return s.bytes;
  }

  /** The map whose pointer is in r`i`. */
  map(i: number, types?: readonly string[]): BpfMap {
    const m = this.rt.mapAt(this.arg(i));
    if (!m) this.fail(`R${i} is not a map pointer`);
    if (types && !types.includes(m.type)) this.fail(`${m.name} is a ${m.type} map, not ${types.join(' or ')}`);
    return m;
  }

  /** The BPF function slot a callback pointer in r`i` names (ld_imm64 with BPF_PSEUDO_FUNC). */
  callbackSlot(i: number): number {
    const a = this.arg(i);
    const off = a - FUNC_ADDRESS_BASE;
    if (off < 0n || off % 8n !== 0n || off >= 8n << 32n) this.fail(`R${i} is not a callback function`);
    return Number(off / 8n);
  }

  /** The same helper's continuation, with the machine as it is when a callback returned. */
  again(api: VmApi): Call {
    return new Call(this.name, api, this.rt);
  }

  /** The address of a read-only copy of `key` to hand a callback (bpf_for_each_map_elem); one
   * region per map and run, rewritten per element. */
  keyAddress(map: BpfMap, key: Uint8Array): bigint {
    const mem = this.api.memory;
    let r = this.run.keyRegions.get(map);
    if (!r) {
      r = mem.map(`${map.name} key`, 'map_key', map.keySize, { writable: false });
      this.run.keyRegions.set(map, r);
    }
    const bytes = mem.bytes(r);
    const old = bytes.slice();
    bytes.set(key.subarray(0, bytes.length));
    this.api.onUndo(() => bytes.set(old));
    return r.address;
  }

  /** Map options for a program-path operation: undo through the VM, this CPU. */
  opts(): OpOptions {
    return { undo: (u) => this.api.onUndo(u) };
  }
}
