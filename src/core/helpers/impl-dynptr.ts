// Dynptr helpers in the VM, on the kernel's struct bpf_dynptr_kern as the program's 16 stack bytes
// hold it: { void *data; u32 size (bits 0-23 the size, 28-30 the type, 31 read-only); u32 offset }.
// A NULL dynptr is all zeros (what a failed bpf_dynptr_from_mem or bpf_ringbuf_reserve_dynptr
// leaves). Local dynptrs describe map values; ring buffer dynptrs a reserved record, committed by
// bpf_ringbuf_submit/discard_dynptr. Error returns as the kernel's (kernel/bpf/helpers.c, ringbuf.c).

import { ringbufDiscard, ringbufReserve, ringbufSubmit } from '../maps/index.js';
import type { Call } from './call.js';

const EINVAL = -22;
const E2BIG = -7;
const DYNPTR_MAX_SIZE = 0xffffff;
const DYNPTR_TYPE_SHIFT = 28;
const RDONLY_BIT = 0x8000_0000;
const TYPE_LOCAL = 1;
const TYPE_RINGBUF = 2;

const ret = (r: number): bigint => BigInt.asUintN(64, BigInt(r));

interface Dynptr { data: bigint; size: number; type: number; rdonly: boolean; offset: number }

function load(c: Call, addr: bigint): Dynptr {
  const b = c.read(addr, 16);
  const dv = new DataView(b.buffer, b.byteOffset, 16);
  const info = dv.getUint32(8, true);
  return {
    data: dv.getBigUint64(0, true), size: info & DYNPTR_MAX_SIZE, type: (info >>> DYNPTR_TYPE_SHIFT) & 0x7,
    rdonly: (info & RDONLY_BIT) !== 0, offset: dv.getUint32(12, true),
  };
}

function store(c: Call, addr: bigint, data: bigint, type: number, size: number): void {
  const b = new Uint8Array(16);
  const dv = new DataView(b.buffer);
  dv.setBigUint64(0, data, true);
  dv.setUint32(8, (size | (type << DYNPTR_TYPE_SHIFT)) >>> 0, true);
  c.write(addr, b);
}

const setNull = (c: Call, addr: bigint): void => c.write(addr, new Uint8Array(16));

/** bpf_dynptr_check_off_len. */
const offLenOk = (d: Dynptr, offset: number, len: number): boolean => len <= d.size && offset <= d.size - len;

export function dynptrFromMem(c: Call): bigint {
  const ptr = c.arg(4);
  const size = c.u32(2);
  let err = 0;
  if (c.arg(3)) err = EINVAL;
  else if (size > DYNPTR_MAX_SIZE) err = E2BIG;
  if (err) {
    setNull(c, ptr);
    return ret(err);
  }
  store(c, ptr, c.arg(1), TYPE_LOCAL, size);
  return 0n;
}

export function dynptrRead(c: Call): bigint {
  const len = c.u32(2);
  const d = load(c, c.arg(3));
  const offset = c.u32(4);
  if (!d.data || c.arg(5)) return ret(EINVAL);
  if (!offLenOk(d, offset, len)) return ret(E2BIG);
  if (d.type !== TYPE_LOCAL && d.type !== TYPE_RINGBUF) return ret(EINVAL);
  c.write(c.arg(1), c.read(d.data + BigInt(d.offset + offset), len));
  return 0n;
}

export function dynptrWrite(c: Call): bigint {
  const d = load(c, c.arg(1));
  const offset = c.u32(2);
  const len = c.u32(4);
  if (!d.data || d.rdonly) return ret(EINVAL);
  if (!offLenOk(d, offset, len)) return ret(E2BIG);
  if (d.type !== TYPE_LOCAL && d.type !== TYPE_RINGBUF) return ret(EINVAL);
  if (c.arg(5)) return ret(EINVAL);
  c.write(d.data + BigInt(d.offset + offset), c.read(c.arg(3), len));
  return 0n;
}

export function dynptrData(c: Call): bigint {
  const d = load(c, c.arg(1));
  const offset = c.u32(2);
  const len = c.u32(3);
  if (!d.data || !offLenOk(d, offset, len) || d.rdonly) return 0n;
  if (d.type !== TYPE_LOCAL && d.type !== TYPE_RINGBUF) return 0n;
  return d.data + BigInt(d.offset + offset);
}

export function ringbufReserveDynptr(c: Call): bigint {
  const map = c.map(1, ['ringbuf']);
  const size = c.u32(2);
  const ptr = c.arg(4);
  if (c.arg(3)) {
    setNull(c, ptr);
    return ret(EINVAL);
  }
  if (size > DYNPTR_MAX_SIZE) {
    setNull(c, ptr);
    return ret(E2BIG);
  }
  const sample = ringbufReserve(map, size, 0n, c.opts());
  if (!sample) {
    setNull(c, ptr);
    return ret(EINVAL);
  }
  const region = c.api.memory.map(`${map.name} record`, 'ringbuf', sample.length, { bytes: sample, writable: true });
  const samples = c.run.samples;
  samples.set(region.address, { map, sample, region });
  c.api.onUndo(() => { samples.delete(region.address); c.api.memory.setActive(region, false); });
  store(c, ptr, region.address, TYPE_RINGBUF, size);
  return 0n;
}

function commitDynptr(c: Call, discard: boolean): bigint {
  const ptr = c.arg(1);
  const d = load(c, ptr);
  if (!d.data) return 0n;
  const res = c.run.samples.get(d.data);
  if (!res) c.fail('the dynptr does not describe a reserved ring buffer record');
  (discard ? ringbufDiscard : ringbufSubmit)(res.map, res.sample, c.arg(2), c.opts());
  const samples = c.run.samples;
  const memory = c.api.memory;
  samples.delete(d.data);
  memory.setActive(res.region, false);
  c.api.onUndo(() => { samples.set(d.data, res); memory.setActive(res.region, true); });
  setNull(c, ptr);
  return 0n;
}

export const ringbufSubmitDynptr = (c: Call): bigint => commitDynptr(c, false);
export const ringbufDiscardDynptr = (c: Call): bigint => commitDynptr(c, true);
