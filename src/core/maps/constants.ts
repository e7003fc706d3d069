// Map-related constants from include/uapi/linux/bpf.h, with the kernel's names: map type ids,
// map_flags bits, element update flags, ring buffer and stack-id helper flags.
import type { MapTypeName } from '../asm/types.js';

/** `enum bpf_map_type` values of the map types bpfiddle models. */
export const MAP_TYPE_IDS: Readonly<Record<MapTypeName, number>> = {
  hash: 1, array: 2, prog_array: 3, perf_event_array: 4, percpu_hash: 5, percpu_array: 6, stack_trace: 7,
  lru_hash: 9, lru_percpu_hash: 10, lpm_trie: 11, queue: 22, stack: 23, ringbuf: 27,
};

// Element flags (bpf_map_update_elem's last argument, the syscall's attr->flags): u64 in both
// paths, so they are bigints here; a number would be cut to a signed 32-bit int by `&` and `|`.
export const BPF_ANY = 0n;
export const BPF_NOEXIST = 1n;
export const BPF_EXIST = 2n;
export const BPF_F_LOCK = 4n;

// map_flags at creation.
export const BPF_F_NO_PREALLOC = 1 << 0;
export const BPF_F_NO_COMMON_LRU = 1 << 1;
export const BPF_F_NUMA_NODE = 1 << 2;
export const BPF_F_RDONLY = 1 << 3;
export const BPF_F_WRONLY = 1 << 4;
export const BPF_F_STACK_BUILD_ID = 1 << 5;
export const BPF_F_ZERO_SEED = 1 << 6;
export const BPF_F_RDONLY_PROG = 1 << 7;
export const BPF_F_WRONLY_PROG = 1 << 8;
export const BPF_F_CLONE = 1 << 9;
export const BPF_F_MMAPABLE = 1 << 10;
export const BPF_F_PRESERVE_ELEMS = 1 << 11;
export const BPF_F_INNER_MAP = 1 << 12;
export const BPF_F_LINK = 1 << 13;
export const BPF_F_PATH_FD = 1 << 14;
export const BPF_F_VTYPE_BTF_OBJ_FD = 1 << 15;
export const BPF_F_TOKEN_FD = 1 << 16;
export const BPF_F_SEGV_ON_FAULT = 1 << 17;
export const BPF_F_NO_USER_CONV = 1 << 18;
export const BPF_F_ACCESS_MASK = BPF_F_RDONLY | BPF_F_RDONLY_PROG | BPF_F_WRONLY | BPF_F_WRONLY_PROG;

// bpf_ringbuf_output/submit/discard flags and bpf_ringbuf_query selectors.
export const BPF_RB_NO_WAKEUP = 1 << 0;
export const BPF_RB_FORCE_WAKEUP = 1 << 1;
export const BPF_RB_AVAIL_DATA = 0;
export const BPF_RB_RING_SIZE = 1;
export const BPF_RB_CONS_POS = 2;
export const BPF_RB_PROD_POS = 3;
/** Ring buffer record header: u32 len (with these two flag bits) + u32 page offset. */
export const BPF_RINGBUF_BUSY_BIT = 0x80000000;
export const BPF_RINGBUF_DISCARD_BIT = 0x40000000;
export const BPF_RINGBUF_HDR_SZ = 8;

// bpf_get_stackid flags.
export const BPF_F_SKIP_FIELD_MASK = 0xff;
export const BPF_F_USER_STACK = 1 << 8;
export const BPF_F_FAST_STACK_CMP = 1 << 9;
export const BPF_F_REUSE_STACKID = 1 << 10;

// bpf_perf_event_output flags.
export const BPF_F_INDEX_MASK = 0xffffffffn;
export const BPF_F_CURRENT_CPU = BPF_F_INDEX_MASK;

/** The machine the kernel measurements come from: x86-64 with 4 KiB pages. */
export const PAGE_SIZE = 4096;
/** KMALLOC_MAX_SIZE on x86-64 (1 << (MAX_PAGE_ORDER + PAGE_SHIFT)). */
export const KMALLOC_MAX_SIZE = 1 << 22;
/** PCPU_MIN_UNIT_SIZE: the largest per-CPU allocation. */
export const PCPU_MIN_UNIT_SIZE = 32 << 10;
/** The perf_event_max_stack sysctl default, which bounds stack_trace values. */
export const PERF_EVENT_MAX_STACK = 127;
