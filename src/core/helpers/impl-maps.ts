// Helpers that work on maps: element access, queue/stack, per-CPU lookups, iteration with a
// callback, ring buffers, perf event output, stack ids and XDP map redirects. The map semantics
// themselves live in src/core/maps; this file moves bytes between the program's memory and the
// maps the way each helper's BPF_CALL wrapper does.

import {
  BPF_F_RDONLY_PROG, BPF_F_INDEX_MASK, BPF_F_USER_STACK,
} from '../maps/constants.js';
import {
  mapDeleteElem, mapLookupElem, mapLookupPercpuElem, mapPeekElem, mapPopElem, mapPushElem, mapUpdateElem,
  perfEventOutput, ringbufDiscard, ringbufOutput, ringbufQuery, ringbufReserve, ringbufSubmit, stackTraceGetId,
  type BpfMap,
} from '../maps/index.js';
import type { HelperResult } from '../vm/types.js';
import type { Call } from './call.js';

const EINVAL = 22n;
const EFAULT = 14n;
const neg = (e: number | bigint): bigint => BigInt.asUintN(64, -BigInt(e));
const ret = (r: number): bigint => BigInt.asUintN(64, BigInt(r));

/** BPF_F_CTXLEN_MASK: how many packet bytes perf_event_output appends (bits 32..51 of flags). */
const BPF_F_CTXLEN_MASK = 0xfffffn << 32n;

function writable(c: Call, map: BpfMap): void {
  if (map.flags & BPF_F_RDONLY_PROG) c.fail(`${map.name} is read-only for programs (BPF_F_RDONLY_PROG)`);
}

export function mapLookup(c: Call): bigint {
  const map = c.map(1);
  const key = c.read(c.arg(2), map.keySize);
  const v = mapLookupElem(map, key, c.opts());
  return v ? c.rt.valueAddress(c.api.memory, map, v, key) : 0n;
}

export function mapUpdate(c: Call): bigint {
  const map = c.map(1);
  writable(c, map);
  const key = c.read(c.arg(2), map.keySize);
  const value = c.read(c.arg(3), map.valueSize);
  return ret(mapUpdateElem(map, key, value, c.arg(4), c.opts()));
}

export function mapDelete(c: Call): bigint {
  const map = c.map(1);
  writable(c, map);
  return ret(mapDeleteElem(map, c.read(c.arg(2), map.keySize), c.opts()));
}

export function mapPush(c: Call): bigint {
  const map = c.map(1, ['queue', 'stack']);
  writable(c, map);
  return ret(mapPushElem(map, c.read(c.arg(2), map.valueSize), c.arg(3), c.opts()));
}

function popPeek(c: Call, pop: boolean): bigint {
  const map = c.map(1, ['queue', 'stack']);
  if (pop) writable(c, map);
  const r = pop ? mapPopElem(map, c.opts()) : mapPeekElem(map, c.opts());
  c.write(c.arg(2), r.value);
  return ret(r.ret);
}

export const mapPop = (c: Call): bigint => popPeek(c, true);
export const mapPeek = (c: Call): bigint => popPeek(c, false);

export function mapLookupPercpu(c: Call): bigint {
  const map = c.map(1);
  const key = c.read(c.arg(2), map.keySize);
  const cpu = c.u32(3);
  if (cpu >= map.env.nCpus) return 0n;
  const v = mapLookupPercpuElem(map, key, cpu, c.opts());
  return v ? c.rt.valueAddress(c.api.memory, map, v, key, cpu) : 0n;
}

// ---------------------------------------------------------------------------------------------
// bpf_for_each_map_elem

const ITERABLE = ['array', 'percpu_array', 'hash', 'percpu_hash', 'lru_hash', 'lru_percpu_hash'];

/**
 * bpf_for_each_map_elem(map, callback, ctx, flags): callback(map, &key, &value, ctx) per element
 * until it returns non-zero; returns how many times it was called. Hash maps are walked in the
 * order their elements had when the helper was called; elements the callback deletes are skipped.
 */
export function forEachMapElem(c: Call): HelperResult {
  const map = c.map(1, ITERABLE);
  const target = c.callbackSlot(2);
  const ctx = c.arg(3);
  if (c.arg(4) !== 0n) return { r0: neg(EINVAL) };
  const isArray = map.type === 'array' || map.type === 'percpu_array';
  const keys: Uint8Array[] | null = isArray ? null : map.impl.entries().map((e) => e.key);
  const total = isArray ? map.maxEntries : keys!.length;
  const mapPtr = c.arg(1);
  const keyAt = (i: number): Uint8Array => {
    if (keys) return keys[i]!;
    const k = new Uint8Array(4);
    new DataView(k.buffer).setUint32(0, i, true);
    return k;
  };
  // The next element from position i on that still exists, as the callback's arguments.
  const from = (cc: Call, i: number, called: number): HelperResult => {
    for (let k = i; k < total; k++) {
      const key = keyAt(k);
      const view = map.impl.lookup(key, false, { cpu: map.env.cpu, undo: undefined });
      if (!view || typeof view === 'number') continue;
      const valueAddr = cc.rt.valueAddress(cc.api.memory, map, view, key);
      const keyAddr = cc.keyAddress(map, key);
      return {
        callback: { target, args: [mapPtr, keyAddr, valueAddr, ctx, 0n] },
        then: (r0, api) => (r0 !== 0n ? { r0: BigInt(called + 1) } : from(cc.again(api), k + 1, called + 1)),
      };
    }
    return { r0: BigInt(called) };
  };
  return from(c, 0, 0);
}

// ---------------------------------------------------------------------------------------------
// Ring buffers

export function ringbufOutputHelper(c: Call): bigint {
  const map = c.map(1, ['ringbuf']);
  const data = c.read(c.arg(2), Number(c.arg(3) & 0xffffffffn));
  return ret(ringbufOutput(map, data, c.arg(4), c.opts()));
}

export function ringbufReserveHelper(c: Call): bigint {
  const map = c.map(1, ['ringbuf']);
  const size = c.arg(2);
  if (size > 0xffffffffn) return 0n;
  const sample = ringbufReserve(map, Number(size), c.arg(3), c.opts());
  if (!sample) return 0n;
  const region = c.api.memory.map(`${map.name} record`, 'ringbuf', sample.length, { bytes: sample, writable: true });
  const samples = c.run.samples;
  samples.set(region.address, { map, sample, region });
  c.api.onUndo(() => { samples.delete(region.address); c.api.memory.setActive(region, false); });
  return region.address;
}

function commit(c: Call, discard: boolean): bigint {
  const addr = c.arg(1);
  const res = c.run.samples.get(addr);
  if (!res) c.fail('R1 is not a ring buffer record from bpf_ringbuf_reserve');
  (discard ? ringbufDiscard : ringbufSubmit)(res.map, res.sample, c.arg(2), c.opts());
  const samples = c.run.samples;
  const memory = c.api.memory;
  samples.delete(addr);
  memory.setActive(res.region, false);
  c.api.onUndo(() => { samples.set(addr, res); memory.setActive(res.region, true); });
  return 0n;
}

export const ringbufSubmitHelper = (c: Call): bigint => commit(c, false);
export const ringbufDiscardHelper = (c: Call): bigint => commit(c, true);

export function ringbufQueryHelper(c: Call): bigint {
  return BigInt(ringbufQuery(c.map(1, ['ringbuf']), c.arg(2)));
}

// ---------------------------------------------------------------------------------------------
// perf events and stacks

/**
 * bpf_perf_event_output(ctx, map, flags, data, size). Networking program types (bpf_skb_event_output,
 * bpf_xdp_event_output) may append the first (flags >> 32) & 0xfffff packet bytes to the record;
 * tracing types take no such length.
 */
export function perfEventOutputHelper(c: Call, packetTypes: boolean): bigint {
  const map = c.map(2, ['perf_event_array']);
  const flags = c.arg(3);
  const allowed = packetTypes ? BPF_F_CTXLEN_MASK | BPF_F_INDEX_MASK : BPF_F_INDEX_MASK;
  if (flags & ~allowed) return neg(EINVAL);
  const data = c.read(c.arg(4), Number(c.arg(5) & 0xffffffffn));
  let record = data;
  if (packetTypes) {
    const ctxLen = Number((flags & BPF_F_CTXLEN_MASK) >> 32n);
    const env = c.api.env;
    const packet = env && env.packetLength ? c.tryRead(env.packetData, env.packetLength) : new Uint8Array(0);
    if (!packet || ctxLen > packet.length) return neg(EFAULT);
    record = new Uint8Array(data.length + ctxLen);
    record.set(data);
    record.set(packet.subarray(0, ctxLen), data.length);
  }
  return ret(perfEventOutput(map, flags & BPF_F_INDEX_MASK, record, c.opts()));
}

/**
 * The simulated kernel stack of the traced context. A tracing program's stack trace is that of
 * the probed code, which the program's own frames are not part of: one frame, the traced
 * function (SimEnv.funcIp), wherever in the program the helper is called.
 */
export function stackIps(c: Call): bigint[] {
  return [c.rt.env.funcIp];
}

export function getStackId(c: Call): bigint {
  const map = c.map(2, ['stack_trace']);
  const flags = c.arg(3);
  // The simulated task has no user stack: nothing to record (-EFAULT).
  const ips = flags & BigInt(BPF_F_USER_STACK) ? [] : stackIps(c);
  return ret(stackTraceGetId(map, ips, flags, c.opts()));
}

// ---------------------------------------------------------------------------------------------
// XDP redirects through maps

const XDP_REDIRECT = 4n;
const XDP_ABORTED = 0n;
const ACTION_MASK = 3n;

/**
 * bpf_redirect_map(map, key, flags) for XDP (__bpf_xdp_redirect_map). The kernel wants a devmap,
 * cpumap or xskmap, which bpfiddle does not model yet; any map works here, and its element `key`
 * (a u32) existing stands for the target interface, CPU or socket being there. On a miss the low
 * two bits of flags are the action returned.
 */
export function redirectMap(c: Call): bigint {
  const map = c.map(1);
  const key = c.u32(2);
  const flags = c.arg(3);
  if (flags & ~ACTION_MASK) return XDP_ABORTED;
  let found = false;
  if (map.keySize === 4) {
    const k = new Uint8Array(4);
    new DataView(k.buffer).setUint32(0, key, true);
    const v = map.impl.lookup(k, false, { cpu: map.env.cpu, undo: undefined });
    found = v !== null && typeof v !== 'number';
    if (!found && (map.type === 'prog_array' || map.type === 'perf_event_array')) found = map.impl.entries().some((e) => e.key.every((b, i) => b === k[i]));
  }
  const run = c.run;
  const old = run.redirect;
  run.redirect = found ? { ifindex: key, flags: 0n, map: map.name } : null;
  c.api.onUndo(() => { run.redirect = old; });
  return found ? XDP_REDIRECT : flags & ACTION_MASK;
}

