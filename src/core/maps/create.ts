// Map creation: BPF_MAP_CREATE's checks in the kernel's order (syscall.c map_create, then the map
// type's map_alloc_check and map_alloc), each failure with the kernel's errno and a sentence saying
// which rule the declaration broke. The kernel itself only returns the errno.
import type { MapDecl, MapTypeName } from '../asm/types.js';
import { ArrayMap } from './array.js';
import { isPowerOf2, roundUp8 } from './bytes.js';
import {
  BPF_F_ACCESS_MASK, BPF_F_INNER_MAP, BPF_F_MMAPABLE, BPF_F_NO_COMMON_LRU, BPF_F_NO_PREALLOC, BPF_F_NUMA_NODE,
  BPF_F_PRESERVE_ELEMS, BPF_F_RDONLY, BPF_F_RDONLY_PROG, BPF_F_STACK_BUILD_ID, BPF_F_TOKEN_FD, BPF_F_WRONLY,
  BPF_F_WRONLY_PROG, BPF_F_ZERO_SEED, KMALLOC_MAX_SIZE, PAGE_SIZE, PCPU_MIN_UNIT_SIZE, PERF_EVENT_MAX_STACK,
} from './constants.js';
import { E2BIG, EINVAL, ENOMEM, ENOTSUPP, errnoName } from './errno.js';
import { FdArrayMap } from './fd-array.js';
import { HashMap } from './hash.js';
import { LpmTrie } from './lpm.js';
import { QueueStackMap } from './queue-stack.js';
import { RingbufMap } from './ringbuf.js';
import { StackTraceMap } from './stack-trace.js';
import type { BpfMap, MapEnv, MapImpl } from './types.js';

/** What creation needs from a declaration (a MapDecl without its source span works too). */
export type MapSpec = Pick<MapDecl, 'name' | 'type' | 'keySize' | 'valueSize' | 'maxEntries' | 'flags'>;

export interface MapCreateError {
  /** The kernel's errno (positive), e.g. 22 for EINVAL. */
  errno: number;
  /** `EINVAL: array maps need key_size 4 (got 8)` */
  message: string;
}

export type CreateResult = { ok: true; map: BpfMap } | { ok: false; error: MapCreateError };

/** bpfiddle's own ceiling on storage it allocates up front; the kernel's is the machine's memory. */
export const MAX_PREALLOC_BYTES = 256 << 20;
/** Ceiling on preallocated LRU nodes (each is a JS object). */
export const MAX_LRU_NODES = 1 << 20;

type Check = { errno: number; why: string } | null;
const fail = (errno: number, why: string): Check => ({ errno, why });

const U32_MAX = 0xffffffff;
const INT_MAX = 0x7fffffff;

const accessOk = (flags: number): boolean =>
  (flags & (BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG)) !== (BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG);

function flagNames(bits: number): string {
  const names: [number, string][] = [
    [1, 'BPF_F_NO_PREALLOC'], [2, 'BPF_F_NO_COMMON_LRU'], [4, 'BPF_F_NUMA_NODE'], [8, 'BPF_F_RDONLY'],
    [16, 'BPF_F_WRONLY'], [32, 'BPF_F_STACK_BUILD_ID'], [64, 'BPF_F_ZERO_SEED'], [128, 'BPF_F_RDONLY_PROG'],
    [256, 'BPF_F_WRONLY_PROG'], [512, 'BPF_F_CLONE'], [1024, 'BPF_F_MMAPABLE'], [2048, 'BPF_F_PRESERVE_ELEMS'],
    [4096, 'BPF_F_INNER_MAP'],
  ];
  const out = names.filter(([b]) => bits & b).map(([, n]) => n);
  const rest = names.reduce((r, [b]) => r & ~b, bits) >>> 0;
  if (rest) out.push(`0x${rest.toString(16)}`);
  return out.join('|');
}

/** Flags outside `mask`, as a sentence, or null. */
function unknownFlags(type: string, flags: number, mask: number): Check {
  const extra = (flags & ~mask) >>> 0;
  return extra ? fail(EINVAL, `${type} maps do not take flags ${flagNames(extra)}`) : null;
}

function checkAccess(flags: number): Check {
  return accessOk(flags) ? null : fail(EINVAL, 'BPF_F_RDONLY_PROG and BPF_F_WRONLY_PROG exclude each other');
}

const ARRAY_FLAGS = BPF_F_NUMA_NODE | BPF_F_MMAPABLE | BPF_F_ACCESS_MASK | BPF_F_PRESERVE_ELEMS | BPF_F_INNER_MAP;
const HTAB_FLAGS = BPF_F_NO_PREALLOC | BPF_F_NO_COMMON_LRU | BPF_F_NUMA_NODE | BPF_F_ACCESS_MASK | BPF_F_ZERO_SEED;
const LPM_FLAGS = BPF_F_NO_PREALLOC | BPF_F_NUMA_NODE | BPF_F_ACCESS_MASK;
const QUEUE_STACK_FLAGS = BPF_F_NUMA_NODE | BPF_F_ACCESS_MASK;
const RINGBUF_FLAGS = BPF_F_NUMA_NODE;
const STACK_FLAGS = BPF_F_NUMA_NODE | BPF_F_RDONLY | BPF_F_WRONLY | BPF_F_STACK_BUILD_ID;
/** sizeof(struct htab_elem) and sizeof(struct lpm_trie_node) on x86-64. */
const HTAB_ELEM_SIZE = 48;
const LPM_NODE_SIZE = 24;

/** array_map_alloc_check (+ fd_array_map_alloc_check) and array_map_alloc. */
function checkArray(s: MapSpec, nCpus: number): Check {
  const percpu = s.type === 'percpu_array';
  const fd = s.type === 'prog_array' || s.type === 'perf_event_array';
  if (fd) {
    if (s.valueSize !== 4) return fail(EINVAL, `${s.type} maps need value_size 4 (got ${s.valueSize})`);
    if (s.flags & (BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG)) return fail(EINVAL, `${s.type} maps do not take BPF_F_RDONLY_PROG or BPF_F_WRONLY_PROG`);
  }
  if (s.maxEntries === 0) return fail(EINVAL, `${s.type} maps need max_entries > 0`);
  if (s.keySize !== 4) return fail(EINVAL, `${s.type} maps need key_size 4 (got ${s.keySize})`);
  if (s.valueSize === 0) return fail(EINVAL, `${s.type} maps need value_size > 0`);
  const bad = unknownFlags(s.type, s.flags, ARRAY_FLAGS) ?? checkAccess(s.flags);
  if (bad) return bad;
  if (percpu && s.flags & BPF_F_NUMA_NODE) return fail(EINVAL, 'percpu_array maps do not take BPF_F_NUMA_NODE');
  if (s.type !== 'array' && s.flags & (BPF_F_MMAPABLE | BPF_F_INNER_MAP)) {
    return fail(EINVAL, 'only array maps take BPF_F_MMAPABLE and BPF_F_INNER_MAP');
  }
  if (s.type !== 'perf_event_array' && s.flags & BPF_F_PRESERVE_ELEMS) {
    return fail(EINVAL, 'only perf_event_array maps take BPF_F_PRESERVE_ELEMS');
  }
  if (s.valueSize > INT_MAX) return fail(E2BIG, `value_size ${s.valueSize} is too big`);
  if (percpu && roundUp8(s.valueSize) > PCPU_MIN_UNIT_SIZE) {
    return fail(E2BIG, `percpu_array values are at most ${PCPU_MIN_UNIT_SIZE} bytes (got ${s.valueSize})`);
  }
  const bytes = s.maxEntries * roundUp8(s.valueSize) * (percpu ? nCpus : 1);
  if (!fd && bytes > MAX_PREALLOC_BYTES) return tooBig(bytes);
  return null;
}

function tooBig(bytes: number): Check {
  return fail(ENOMEM, `the map would preallocate ${bytes} bytes; bpfiddle allows ${MAX_PREALLOC_BYTES}`);
}

/** htab_map_alloc_check and htab_map_alloc. */
function checkHash(s: MapSpec): Check {
  const percpu = s.type === 'percpu_hash' || s.type === 'lru_percpu_hash';
  const lru = s.type === 'lru_hash' || s.type === 'lru_percpu_hash';
  const percpuLru = (s.flags & BPF_F_NO_COMMON_LRU) !== 0;
  const prealloc = (s.flags & BPF_F_NO_PREALLOC) === 0;
  const bad = unknownFlags(s.type, s.flags, HTAB_FLAGS) ?? checkAccess(s.flags);
  if (bad) return bad;
  if (!lru && percpuLru) return fail(EINVAL, 'only LRU maps take BPF_F_NO_COMMON_LRU');
  if (lru && !prealloc) return fail(ENOTSUPP, 'LRU maps are always preallocated: BPF_F_NO_PREALLOC is not supported');
  if (s.flags & BPF_F_NUMA_NODE && (percpu || percpuLru)) {
    return fail(EINVAL, 'per-CPU maps and per-CPU LRU lists do not take BPF_F_NUMA_NODE');
  }
  if (s.maxEntries === 0) return fail(EINVAL, `${s.type} maps need max_entries > 0`);
  if (s.keySize === 0) return fail(EINVAL, `${s.type} maps need key_size > 0`);
  if (s.valueSize === 0) return fail(EINVAL, `${s.type} maps need value_size > 0`);
  if (s.keySize + s.valueSize >= KMALLOC_MAX_SIZE - HTAB_ELEM_SIZE) {
    return fail(E2BIG, `key_size + value_size must stay below ${KMALLOC_MAX_SIZE - HTAB_ELEM_SIZE}`);
  }
  if (percpu && roundUp8(s.valueSize) > PCPU_MIN_UNIT_SIZE) {
    return fail(E2BIG, `per-CPU values are at most ${PCPU_MIN_UNIT_SIZE} bytes (got ${s.valueSize})`);
  }
  return null;
}

/** trie_alloc */
function checkLpm(s: MapSpec): Check {
  if (s.maxEntries === 0) return fail(EINVAL, 'lpm_trie maps need max_entries > 0');
  if (!(s.flags & BPF_F_NO_PREALLOC)) return fail(EINVAL, 'lpm_trie maps need flags BPF_F_NO_PREALLOC (1)');
  const bad = unknownFlags('lpm_trie', s.flags, LPM_FLAGS) ?? checkAccess(s.flags);
  if (bad) return bad;
  if (s.keySize < 5 || s.keySize > 4 + 256) {
    return fail(EINVAL, `lpm_trie keys are a 4-byte prefix length plus 1 to 256 data bytes: key_size 5..260 (got ${s.keySize})`);
  }
  const maxValue = KMALLOC_MAX_SIZE - 256 - LPM_NODE_SIZE;
  if (s.valueSize < 1 || s.valueSize > maxValue) {
    return fail(EINVAL, `lpm_trie maps need value_size 1..${maxValue} (got ${s.valueSize})`);
  }
  return null;
}

/** queue_stack_map_alloc_check and queue_stack_map_alloc. */
function checkQueueStack(s: MapSpec): Check {
  if (s.maxEntries === 0) return fail(EINVAL, `${s.type} maps need max_entries > 0`);
  if (s.keySize !== 0) return fail(EINVAL, `${s.type} maps have no keys: key_size must be 0 (got ${s.keySize})`);
  if (s.valueSize === 0) return fail(EINVAL, `${s.type} maps need value_size > 0`);
  const bad = unknownFlags(s.type, s.flags, QUEUE_STACK_FLAGS) ?? checkAccess(s.flags);
  if (bad) return bad;
  if (s.valueSize > KMALLOC_MAX_SIZE) return fail(E2BIG, `${s.type} values are at most ${KMALLOC_MAX_SIZE} bytes`);
  const bytes = (s.maxEntries + 1) * s.valueSize;
  if (bytes > MAX_PREALLOC_BYTES) return tooBig(bytes);
  return null;
}

/** ringbuf_map_alloc */
function checkRingbuf(s: MapSpec): Check {
  const bad = unknownFlags('ringbuf', s.flags, RINGBUF_FLAGS);
  if (bad) return bad;
  if (s.keySize || s.valueSize) return fail(EINVAL, 'ringbuf maps have no keys or values: key_size and value_size must be 0');
  if (!isPowerOf2(s.maxEntries) || s.maxEntries % PAGE_SIZE) {
    return fail(EINVAL, `a ringbuf's max_entries is its size in bytes: a power of 2 and a multiple of ${PAGE_SIZE} (got ${s.maxEntries})`);
  }
  if (s.maxEntries > MAX_PREALLOC_BYTES) return tooBig(s.maxEntries);
  return null;
}

/** stack_map_alloc */
function checkStackTrace(s: MapSpec): Check {
  const bad = unknownFlags('stack_trace', s.flags, STACK_FLAGS);
  if (bad) return bad;
  if (s.maxEntries === 0) return fail(EINVAL, 'stack_trace maps need max_entries > 0');
  if (s.keySize !== 4) return fail(EINVAL, `stack_trace maps need key_size 4 (got ${s.keySize})`);
  if (s.valueSize < 8 || s.valueSize % 8) return fail(EINVAL, `stack_trace values are 8-byte frames: value_size a multiple of 8 (got ${s.valueSize})`);
  if (s.flags & BPF_F_STACK_BUILD_ID) {
    if (s.valueSize % 32 || s.valueSize / 32 > PERF_EVENT_MAX_STACK) {
      return fail(EINVAL, `build-id stack_trace values are 32-byte frames, at most ${PERF_EVENT_MAX_STACK} of them`);
    }
  } else if (s.valueSize / 8 > PERF_EVENT_MAX_STACK) {
    return fail(EINVAL, `stack_trace values hold at most ${PERF_EVENT_MAX_STACK} frames (value_size ${PERF_EVENT_MAX_STACK * 8})`);
  }
  if (s.maxEntries > 2 ** 31) return fail(E2BIG, 'stack_trace maps hold at most 2^31 stacks');
  const bytes = s.maxEntries * (s.valueSize + 16);
  if (bytes > MAX_PREALLOC_BYTES) return tooBig(bytes);
  return null;
}

const TYPE_CHECKS: Readonly<Record<MapTypeName, (s: MapSpec, nCpus: number) => Check>> = {
  array: checkArray, percpu_array: checkArray, prog_array: checkArray, perf_event_array: checkArray,
  hash: checkHash, percpu_hash: checkHash, lru_hash: checkHash, lru_percpu_hash: checkHash,
  lpm_trie: checkLpm, queue: checkQueueStack, stack: checkQueueStack, ringbuf: checkRingbuf, stack_trace: checkStackTrace,
};

/** Effective max_entries: per-CPU LRU lists get the same number of nodes each (htab_map_alloc). */
function effectiveMaxEntries(s: MapSpec, nCpus: number): number {
  if (!(s.type === 'lru_hash' || s.type === 'lru_percpu_hash') || !(s.flags & BPF_F_NO_COMMON_LRU)) return s.maxEntries;
  const up = Math.ceil(s.maxEntries / nCpus) * nCpus;
  return up > U32_MAX ? Math.floor(s.maxEntries / nCpus) * nCpus : up;
}

/** Checks that only apply once the type's own checks passed (htab_map_alloc's size limits). */
function checkAlloc(s: MapSpec, maxEntries: number, nCpus: number): Check {
  const hash = s.type === 'hash' || s.type === 'percpu_hash' || s.type === 'lru_hash' || s.type === 'lru_percpu_hash';
  if (!hash) return null;
  if (maxEntries > 2 ** 31) return fail(E2BIG, `${s.type} maps hold at most 2^31 elements`);
  // n_buckets * sizeof(struct bucket) must fit in a u32.
  let nBuckets = 1;
  while (nBuckets < maxEntries) nBuckets *= 2;
  if (nBuckets > Math.floor(U32_MAX / 16)) return fail(E2BIG, `${s.type} maps with ${maxEntries} entries need too many buckets`);
  if ((s.type === 'lru_hash' || s.type === 'lru_percpu_hash') && maxEntries > MAX_LRU_NODES) {
    return fail(ENOMEM, `LRU maps preallocate every node; bpfiddle allows ${MAX_LRU_NODES}`);
  }
  if (!(s.flags & BPF_F_NO_PREALLOC)) {
    // prealloc_init: every element (and every per-CPU value) exists from the start.
    const percpu = s.type === 'percpu_hash' || s.type === 'lru_percpu_hash';
    const elem = HTAB_ELEM_SIZE + roundUp8(s.keySize) + (percpu ? 8 + roundUp8(s.valueSize) * nCpus : roundUp8(s.valueSize));
    if (elem * maxEntries > MAX_PREALLOC_BYTES) return tooBig(elem * maxEntries);
  }
  return null;
}

/** Validates `spec` like BPF_MAP_CREATE (no check failing means the kernel would create it). */
export function checkMapSpec(spec: MapSpec, nCpus = 2): MapCreateError | null {
  const mk = (c: Check): MapCreateError | null => (c ? { errno: c.errno, message: `${errnoName(c.errno)}: ${c.why}` } : null);
  // bpf_get_file_flag: a map cannot be both read-only and write-only for user space.
  if (spec.flags & BPF_F_RDONLY && spec.flags & BPF_F_WRONLY) return mk(fail(EINVAL, 'BPF_F_RDONLY and BPF_F_WRONLY exclude each other'));
  // BPF_F_TOKEN_FD is taken off before the type checks and used after them: bpfiddle has no tokens.
  const typeSpec = { ...spec, flags: (spec.flags & ~BPF_F_TOKEN_FD) >>> 0 };
  const typeCheck = TYPE_CHECKS[spec.type](typeSpec, nCpus);
  if (typeCheck) return mk(typeCheck);
  if (spec.flags & BPF_F_TOKEN_FD) return mk(fail(EINVAL, 'BPF_F_TOKEN_FD needs a BPF token, which bpfiddle does not have'));
  return mk(checkAlloc(typeSpec, effectiveMaxEntries(typeSpec, nCpus), nCpus));
}

function buildImpl(s: MapSpec, maxEntries: number, nCpus: number): MapImpl {
  switch (s.type) {
    case 'array':
    case 'percpu_array':
      return new ArrayMap({ valueSize: s.valueSize, maxEntries, nCpus, percpu: s.type === 'percpu_array' });
    case 'prog_array':
    case 'perf_event_array':
      return new FdArrayMap(maxEntries, s.type);
    case 'hash':
    case 'percpu_hash':
    case 'lru_hash':
    case 'lru_percpu_hash':
      return new HashMap({
        keySize: s.keySize, valueSize: s.valueSize, maxEntries, flags: s.flags, nCpus,
        percpu: s.type === 'percpu_hash' || s.type === 'lru_percpu_hash',
        lru: s.type === 'lru_hash' || s.type === 'lru_percpu_hash',
      });
    case 'lpm_trie':
      return new LpmTrie(s.keySize, s.valueSize, maxEntries);
    case 'queue':
    case 'stack':
      return new QueueStackMap(s.valueSize, maxEntries, s.type === 'stack');
    case 'ringbuf':
      return new RingbufMap(maxEntries);
    case 'stack_trace':
      return new StackTraceMap(s.valueSize, maxEntries, s.flags);
  }
}

/** A new environment: `nCpus` possible CPUs (default 2), running on CPU 0. */
export function createMapEnv(nCpus = 2): MapEnv {
  if (!Number.isInteger(nCpus) || nCpus < 1) throw new RangeError(`nCpus must be a positive integer (got ${nCpus})`);
  return { nCpus, cpu: 0 };
}

/**
 * BPF_MAP_CREATE: validates `spec` as the kernel does and builds the map. Maps that share `env`
 * share the CPU count and the current CPU.
 */
export function createMap(spec: MapSpec, env: MapEnv = createMapEnv()): CreateResult {
  const error = checkMapSpec(spec, env.nCpus);
  if (error) return { ok: false, error };
  const maxEntries = effectiveMaxEntries(spec, env.nCpus);
  const map: BpfMap = {
    name: spec.name, type: spec.type, keySize: spec.keySize, valueSize: spec.valueSize, maxEntries, flags: spec.flags,
    env, impl: buildImpl(spec, maxEntries, env.nCpus),
  };
  return { ok: true, map };
}
