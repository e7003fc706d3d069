// Map operations along the kernel's two paths. The program path is what helpers do: they call the
// map's ops directly and return what the ops return (a value view or null, 0 or -errno). The syscall
// path is bpf(BPF_MAP_*_ELEM) from user space (the UI, initial contents): it adds syscall.c's checks
// (flags, read/write permission, NULL keys), copies values instead of handing out views, and routes
// per-CPU, fd-array and queue/stack maps to their own copy and update functions.
//
// Keys and values must have the sizes the map declares; a wrong size is a caller bug and throws.
import type { MapTypeName } from '../asm/types.js';
import { roundUp8 } from './bytes.js';
import { BPF_F_LOCK, BPF_F_RDONLY, BPF_F_WRONLY } from './constants.js';
import { EFAULT, EINVAL, ENOENT, ENOTSUPP, EPERM } from './errno.js';
import type { ArrayMap } from './array.js';
import type { FdArrayMap, PerfRecord } from './fd-array.js';
import type { RingbufMap, RingbufRecord } from './ringbuf.js';
import type { StackTraceMap } from './stack-trace.js';
import type { BpfMap, ElemFlags, OpCtx, Ret, UndoSink } from './types.js';

export interface OpOptions {
  /** Receives the inverse of each mutation (a VM's step-back). */
  undo?: UndoSink;
  /** The CPU to act on; defaults to map.env.cpu. */
  cpu?: number;
}

export type SysResult<T> = { ok: true; value: T } | { ok: false; errno: number };

const PERCPU_TYPES: ReadonlySet<MapTypeName> = new Set(['percpu_array', 'percpu_hash', 'lru_percpu_hash']);
const KEYLESS: ReadonlySet<MapTypeName> = new Set(['queue', 'stack', 'ringbuf']);

export const isPercpu = (map: BpfMap): boolean => PERCPU_TYPES.has(map.type);

function ctxOf(map: BpfMap, opts: OpOptions | undefined): OpCtx {
  const cpu = opts?.cpu ?? map.env.cpu;
  if (!Number.isInteger(cpu) || cpu < 0 || cpu >= map.env.nCpus) throw new RangeError(`cpu ${cpu} is not one of the map's ${map.env.nCpus} CPUs`);
  return { cpu, undo: opts?.undo };
}

/**
 * Element flags as the u64 the kernel compares. Callers may pass a number (a u32 constant, a value
 * typed by a user) or the helper's bigint register; a negative or fractional number is a bug.
 */
function u64Flags(flags: number | bigint): ElemFlags {
  if (typeof flags === 'bigint') return BigInt.asUintN(64, flags);
  if (!Number.isSafeInteger(flags) || flags < 0) throw new RangeError(`element flags must be a u64 (got ${flags})`);
  return BigInt(flags);
}

function need(what: string, b: Uint8Array, size: number): void {
  if (b.length !== size) throw new RangeError(`${what} must be ${size} bytes (got ${b.length})`);
}

// ---------------------------------------------------------------------------------------------
// Program path (helpers)

/** bpf_map_lookup_elem: a live view of the value (this CPU's for per-CPU maps) or null. LRU maps
 * mark the element referenced. Map types programs cannot look up answer null. */
export function mapLookupElem(map: BpfMap, key: Uint8Array, opts?: OpOptions): Uint8Array | null {
  need('key', key, map.keySize);
  const r = map.impl.lookup(key, true, ctxOf(map, opts));
  return typeof r === 'number' ? null : r;
}

/** bpf_map_update_elem from a program: 0 or -errno. Per-CPU maps write this CPU's value only. */
export function mapUpdateElem(map: BpfMap, key: Uint8Array, value: Uint8Array, flags: number | bigint, opts?: OpOptions): Ret {
  need('key', key, map.keySize);
  need('value', value, map.valueSize);
  return map.impl.update(key, value, u64Flags(flags), ctxOf(map, opts));
}

/** bpf_map_delete_elem from a program (arrays: -EINVAL). */
export function mapDeleteElem(map: BpfMap, key: Uint8Array, opts?: OpOptions): Ret {
  need('key', key, map.keySize);
  return map.impl.delete(key, ctxOf(map, opts));
}

/** bpf_map_push_elem (queue, stack): 0, -E2BIG when full without BPF_EXIST, -EINVAL. */
export function mapPushElem(map: BpfMap, value: Uint8Array, flags: number | bigint, opts?: OpOptions): Ret {
  need('value', value, map.valueSize);
  return map.impl.push ? map.impl.push(value, u64Flags(flags), ctxOf(map, opts)) : -EINVAL;
}

/** What bpf_map_pop_elem / bpf_map_peek_elem return and write: on failure the kernel zeroes the
 * program's buffer, so `value` is value_size zero bytes then. */
export interface PopResult { ret: Ret; value: Uint8Array }

function popPeek(map: BpfMap, pop: boolean, opts: OpOptions | undefined): PopResult {
  const f = pop ? map.impl.pop : map.impl.peek;
  const r = f ? f.call(map.impl, ctxOf(map, opts)) : -EINVAL;
  return typeof r === 'number' ? { ret: r, value: new Uint8Array(map.valueSize) } : { ret: 0, value: r };
}

export function mapPopElem(map: BpfMap, opts?: OpOptions): PopResult {
  return popPeek(map, true, opts);
}

export function mapPeekElem(map: BpfMap, opts?: OpOptions): PopResult {
  return popPeek(map, false, opts);
}

/** bpf_map_lookup_percpu_elem: CPU `cpu`'s value of a per-CPU map, or null. */
export function mapLookupPercpuElem(map: BpfMap, key: Uint8Array, cpu: number, opts?: OpOptions): Uint8Array | null {
  need('key', key, map.keySize);
  return map.impl.lookupPercpu ? map.impl.lookupPercpu(key, cpu, ctxOf(map, opts)) : null;
}

/** BPF_PSEUDO_MAP_VALUE: the value of a single-element array, whose byte `off` the program gets. */
export function mapDirectValue(map: BpfMap, off: number): Uint8Array | Ret {
  if (map.type !== 'array') return -EINVAL;
  return (map.impl as ArrayMap).directValue(off);
}

// ---------------------------------------------------------------------------------------------
// Syscall path (bpf() from user space)

/** bpf_map_value_size(): the value buffer the syscall copies (all CPUs' values for per-CPU maps). */
export function sysValueSize(map: BpfMap): number {
  if (isPercpu(map)) return roundUp8(map.valueSize) * map.env.nCpus;
  if (map.type === 'prog_array' || map.type === 'perf_event_array') return 4;
  return map.valueSize;
}

const canRead = (map: BpfMap): boolean => !(map.flags & BPF_F_WRONLY);
const canWrite = (map: BpfMap): boolean => !(map.flags & BPF_F_RDONLY);

/** __bpf_copy_key: maps without keys want a NULL key, the others a key. */
function copyKey(map: BpfMap, key: Uint8Array | null): Ret {
  if (map.keySize === 0) return key ? -EINVAL : 0;
  if (!key) return -EFAULT;
  need('key', key, map.keySize);
  return 0;
}

const err = <T>(errno: number): SysResult<T> => ({ ok: false, errno: -errno });
const done = <T>(r: T | Ret): SysResult<T> =>
  typeof r === 'number' ? (r < 0 ? err<T>(r) : ({ ok: true, value: undefined as T })) : { ok: true, value: r };

/** BPF_MAP_LOOKUP_ELEM. Per-CPU maps answer every CPU's value, round_up(value_size, 8) apart. */
export function sysLookupElem(map: BpfMap, key: Uint8Array | null, flagsIn: number | bigint = 0): SysResult<Uint8Array> {
  const flags = u64Flags(flagsIn);
  if (flags & ~BPF_F_LOCK) return err(-EINVAL);
  if (!canRead(map)) return err(-EPERM);
  // No map here has a bpf_spin_lock (there is no BTF), so BPF_F_LOCK is always refused.
  if (flags & BPF_F_LOCK) return err(-EINVAL);
  const k = copyKey(map, key);
  if (k) return err(k);
  const ctx: OpCtx = { cpu: map.env.cpu, undo: undefined };
  if (map.impl.sysCopy) return done(map.impl.sysCopy(key, flags, ctx));
  const r = map.impl.lookup(key!, false, ctx);
  if (typeof r === 'number') return err(r);
  return r ? { ok: true, value: r.slice() } : err(-ENOENT);
}

/** BPF_MAP_UPDATE_ELEM. `value` has sysValueSize(map) bytes; queue and stack push it. */
export function sysUpdateElem(map: BpfMap, key: Uint8Array | null, value: Uint8Array, flagsIn: number | bigint = 0, opts?: OpOptions): SysResult<void> {
  const flags = u64Flags(flagsIn);
  if (!canWrite(map)) return err(-EPERM);
  if (flags & BPF_F_LOCK) return err(-EINVAL);
  const k = copyKey(map, key);
  if (k) return err(k);
  need('value', value, sysValueSize(map));
  const ctx = ctxOf(map, opts);
  const r = map.impl.sysUpdate ? map.impl.sysUpdate(key, value, flags, ctx) : map.impl.update(key!, value, flags, ctx);
  return done<void>(r);
}

/** BPF_MAP_DELETE_ELEM */
export function sysDeleteElem(map: BpfMap, key: Uint8Array | null, opts?: OpOptions): SysResult<void> {
  if (!canWrite(map)) return err(-EPERM);
  const k = copyKey(map, key);
  if (k) return err(k);
  return done<void>(map.impl.delete(key ?? new Uint8Array(0), ctxOf(map, opts)));
}

/** BPF_MAP_GET_NEXT_KEY; a null key asks for the first key. */
export function sysGetNextKey(map: BpfMap, key: Uint8Array | null): SysResult<Uint8Array> {
  if (!canRead(map)) return err(-EPERM);
  if (key) {
    const k = copyKey(map, key);
    if (k) return err(k);
  }
  return done(map.impl.getNextKey(key));
}

/** BPF_MAP_LOOKUP_AND_DELETE_ELEM: pop for queue/stack; hash maps and stack_trace; ENOTSUPP else. */
export function sysLookupAndDeleteElem(map: BpfMap, key: Uint8Array | null, flagsIn: number | bigint = 0, opts?: OpOptions): SysResult<Uint8Array> {
  const flags = u64Flags(flagsIn);
  if (flags & ~BPF_F_LOCK) return err(-EINVAL);
  if (!canRead(map) || !canWrite(map)) return err(-EPERM);
  if (flags && (map.type === 'queue' || map.type === 'stack')) return err(-EINVAL);
  if (flags & BPF_F_LOCK) return err(-EINVAL);
  const k = copyKey(map, key);
  if (k) return err(k);
  if (!map.impl.lookupAndDelete) return err(-ENOTSUPP);
  return done(map.impl.lookupAndDelete(key, flags, ctxOf(map, opts)));
}

/** Whether the syscall takes no key for this map type (queue, stack, ringbuf). */
export const isKeyless = (map: BpfMap): boolean => KEYLESS.has(map.type);

/** Splits a syscall per-CPU value into value_size bytes per CPU. */
export function splitPercpu(map: BpfMap, flat: Uint8Array): Uint8Array[] {
  const stride = roundUp8(map.valueSize);
  return Array.from({ length: map.env.nCpus }, (_, c) => flat.slice(c * stride, c * stride + map.valueSize));
}

/** Builds a syscall per-CPU value from one value per CPU (padding zeroed). */
export function joinPercpu(map: BpfMap, values: readonly Uint8Array[]): Uint8Array {
  const stride = roundUp8(map.valueSize);
  const out = new Uint8Array(stride * map.env.nCpus);
  values.forEach((v, c) => out.set(v.subarray(0, map.valueSize), c * stride));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Map-specific helpers (the verifier guarantees the map type; a wrong one is a caller bug)

function implOf<T>(map: BpfMap, types: readonly MapTypeName[], what: string): T {
  if (!types.includes(map.type)) throw new TypeError(`${what} needs a ${types.join(' or ')} map, not ${map.type}`);
  return map.impl as T;
}

/** bpf_ringbuf_reserve: the sample to fill, or null (no room, a flag given, a size too big). */
export function ringbufReserve(map: BpfMap, size: number, flags: bigint, opts?: OpOptions): Uint8Array | null {
  return implOf<RingbufMap>(map, ['ringbuf'], 'bpf_ringbuf_reserve').reserve(size, flags, ctxOf(map, opts));
}

/** bpf_ringbuf_submit */
export function ringbufSubmit(map: BpfMap, sample: Uint8Array, flags: bigint, opts?: OpOptions): void {
  implOf<RingbufMap>(map, ['ringbuf'], 'bpf_ringbuf_submit').submit(sample, flags, ctxOf(map, opts));
}

/** bpf_ringbuf_discard */
export function ringbufDiscard(map: BpfMap, sample: Uint8Array, flags: bigint, opts?: OpOptions): void {
  implOf<RingbufMap>(map, ['ringbuf'], 'bpf_ringbuf_discard').discard(sample, flags, ctxOf(map, opts));
}

/** bpf_ringbuf_output: 0, -EAGAIN when full, -EINVAL for unknown flags. */
export function ringbufOutput(map: BpfMap, data: Uint8Array, flags: bigint, opts?: OpOptions): Ret {
  return implOf<RingbufMap>(map, ['ringbuf'], 'bpf_ringbuf_output').output(data, flags, ctxOf(map, opts));
}

/** bpf_ringbuf_query */
export function ringbufQuery(map: BpfMap, flags: bigint): number {
  return implOf<RingbufMap>(map, ['ringbuf'], 'bpf_ringbuf_query').query(flags);
}

/** The ring's records from the consumer position on (what a reader would see next). */
export function ringbufRecords(map: BpfMap): RingbufRecord[] {
  return implOf<RingbufMap>(map, ['ringbuf'], 'ringbufRecords').records();
}

/** Reads and consumes the submitted records, as a user-space ring buffer reader does. */
export function ringbufConsume(map: BpfMap, opts?: OpOptions): Uint8Array[] {
  return implOf<RingbufMap>(map, ['ringbuf'], 'ringbufConsume').consume(ctxOf(map, opts));
}

/** Finds the open reservation `sample` belongs to among `maps` (bpf_ringbuf_submit gets no map). */
export function ringbufOwner(maps: readonly BpfMap[], sample: Uint8Array): BpfMap | null {
  return maps.find((m) => m.type === 'ringbuf' && (m.impl as RingbufMap).owns(sample)) ?? null;
}

/** bpf_get_stackid with the call chain the VM reports (innermost frame first). */
export function stackTraceGetId(map: BpfMap, ips: readonly bigint[], flags: bigint, opts?: OpOptions): Ret {
  return implOf<StackTraceMap>(map, ['stack_trace'], 'bpf_get_stackid').getStackId(ips, flags, ctxOf(map, opts));
}

/** bpf_tail_call's lookup: the program reference in slot `index`, or null. */
export function progArrayTarget(map: BpfMap, index: number): number | null {
  return implOf<FdArrayMap>(map, ['prog_array'], 'bpf_tail_call').progTarget(index);
}

/** bpf_perf_event_output's map half: 0, -E2BIG (index), -ENOENT (empty slot), -EINVAL (flags). */
export function perfEventOutput(map: BpfMap, flags: bigint, data: Uint8Array, opts?: OpOptions): Ret {
  const ctx = ctxOf(map, opts);
  return implOf<FdArrayMap>(map, ['perf_event_array'], 'bpf_perf_event_output').perfOutput(flags, data, ctx.cpu, ctx);
}

/** What bpf_perf_event_output sent so far, in order. */
export function perfEventRecords(map: BpfMap): readonly PerfRecord[] {
  return implOf<FdArrayMap>(map, ['perf_event_array'], 'perfEventRecords').perfRecords;
}
