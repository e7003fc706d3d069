// The verifier's view of a helper (struct bpf_func_proto): argument and return types with their
// modifier flags, and whether the program type may call it. The data comes from the one helper
// table (src/core/helpers/table.ts); this module only translates it into the shape the checks in
// calls.ts are written against, and holds the few helper facts that are verifier logic rather
// than helper data (which helpers call callbacks).

import type { Env } from './env.js';
import type { Insn } from '../isa/insn.js';
import { lookupHelper } from './helper-source.js';
import type { DynptrType } from './stack.js';

/** enum bpf_arg_type's base types that bpfiddle's helpers use. */
export type ArgKind =
  | 'dontcare' | 'anything' | 'const_map_ptr' | 'map_key' | 'map_value' | 'mem' | 'const_size'
  | 'const_size_or_zero' | 'const_alloc_size_or_zero' | 'ctx' | 'ringbuf_mem' | 'stack' | 'func' | 'const_str'
  | 'timer' | 'spin_lock' | 'btf_id' | 'sock_common' | 'socket' | 'btf_id_sock_common' | 'percpu_btf_id'
  | 'dynptr' | 'kptr_xchg_dest';

export interface ArgSpec {
  readonly kind: ArgKind;
  /** PTR_MAYBE_NULL: NULL (a scalar 0) is accepted. */
  readonly maybeNull?: boolean;
  /** MEM_RDONLY: the helper only reads the memory. */
  readonly rdonly?: boolean;
  /** MEM_UNINIT: the memory may be uninitialised (the helper fills it). */
  readonly uninit?: boolean;
  /** MEM_WRITE. */
  readonly write?: boolean;
  /** OBJ_RELEASE: the argument's reference is released. */
  readonly release?: boolean;
  /** MEM_FIXED_SIZE with this many bytes. */
  readonly fixedSize?: number;
  readonly aligned?: boolean;
  /** ARG_PTR_TO_DYNPTR's DYNPTR_TYPE_*: the one dynptr type accepted or made. */
  readonly dynptrType?: DynptrType;
}

export type RetKind = 'integer' | 'void' | 'map_value' | 'socket' | 'tcp_sock' | 'sock_common' | 'mem' | 'mem_or_btf_id' | 'btf_id';

export interface RetSpec {
  readonly kind: RetKind;
  readonly maybeNull?: boolean;
  /** MEM_RINGBUF (bpf_ringbuf_reserve). */
  readonly ringbuf?: boolean;
  readonly rdonly?: boolean;
}

export interface HelperProto {
  readonly id: number;
  readonly name: string;
  readonly args: readonly ArgSpec[];
  readonly ret: RetSpec;
  readonly gplOnly: boolean;
  /** fn->pkt_access: packet pointers may be passed (for program types with direct packet access). */
  readonly pktAccess: boolean;
  readonly mightSleep: boolean;
}

export type ProtoLookup =
  | { ok: true; proto: HelperProto }
  | { ok: false; reason: 'range' | 'unavailable' };

/** get_helper_proto: ERANGE for ids outside the enum, EINVAL when the program type has no proto. */
export function getHelperProto(env: Env, id: number): ProtoLookup {
  if (id < 0 || id >= HELPER_ID_LIMIT) return { ok: false, reason: 'range' };
  const proto = lookupHelper(id, env.progType);
  return proto ? { ok: true, proto } : { ok: false, reason: 'unavailable' };
}

/** __BPF_FUNC_MAX_ID of the running kernel. */
export const HELPER_ID_LIMIT = 212;

// is_sync_callback_calling_function / is_async_callback_calling_function
const SYNC_CALLBACK_HELPERS = new Set([164 /* for_each_map_elem */, 180 /* find_vma */, 181 /* loop */, 209 /* user_ringbuf_drain */]);
const ASYNC_CALLBACK_HELPERS = new Set([170 /* timer_set_callback */]);
export const isSyncCallbackHelper = (id: number): boolean => SYNC_CALLBACK_HELPERS.has(id);
export const isAsyncCallbackHelper = (id: number): boolean => ASYNC_CALLBACK_HELPERS.has(id);

/** get_call_summary's num_params for a helper call, or null when it has no summary. */
export function callNumParams(env: Env, insn: Insn): number | null {
  if (insn.code !== 0x85 || insn.src !== 0) return null;
  const p = getHelperProto(env, insn.imm);
  if (!p.ok) return null;
  let n = 0;
  for (const a of p.proto.args) {
    if (a.kind === 'dontcare') break;
    n++;
  }
  return n;
}
