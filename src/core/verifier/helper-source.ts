// Where the verifier gets its helper prototypes: an adapter over the shared helper table
// (src/core/helpers/table.ts), which spells each prototype the way the kernel's headers do
// ('ARG_PTR_TO_MEM | MEM_RDONLY', 'RET_PTR_TO_MAP_VALUE_OR_NULL'). This module parses those
// spellings into helper-proto.ts's shape once per helper and program type.

import type { ProgTypeName } from '../asm/types.js';
import { HELPERS, helperAllowed, helperProto } from '../helpers/table.js';
import type { ArgKind, ArgSpec, HelperProto, RetKind, RetSpec } from './helper-proto.js';

const ARG_BASES: Readonly<Record<string, { kind: ArgKind; flags?: Partial<ArgSpec> }>> = {
  ARG_DONTCARE: { kind: 'dontcare' },
  ARG_ANYTHING: { kind: 'anything' },
  ARG_CONST_MAP_PTR: { kind: 'const_map_ptr' },
  ARG_PTR_TO_MAP_KEY: { kind: 'map_key' },
  ARG_PTR_TO_MAP_VALUE: { kind: 'map_value' },
  ARG_PTR_TO_MAP_VALUE_OR_NULL: { kind: 'map_value', flags: { maybeNull: true } },
  ARG_PTR_TO_UNINIT_MAP_VALUE: { kind: 'map_value', flags: { uninit: true, write: true } },
  ARG_PTR_TO_MEM: { kind: 'mem' },
  ARG_PTR_TO_MEM_OR_NULL: { kind: 'mem', flags: { maybeNull: true } },
  ARG_PTR_TO_UNINIT_MEM: { kind: 'mem', flags: { uninit: true, write: true } },
  ARG_PTR_TO_FIXED_SIZE_MEM: { kind: 'mem' },
  ARG_CONST_SIZE: { kind: 'const_size' },
  ARG_CONST_SIZE_OR_ZERO: { kind: 'const_size_or_zero' },
  ARG_CONST_ALLOC_SIZE_OR_ZERO: { kind: 'const_alloc_size_or_zero' },
  ARG_PTR_TO_CTX: { kind: 'ctx' },
  ARG_PTR_TO_CTX_OR_NULL: { kind: 'ctx', flags: { maybeNull: true } },
  ARG_PTR_TO_RINGBUF_MEM: { kind: 'ringbuf_mem' },
  ARG_PTR_TO_STACK: { kind: 'stack' },
  ARG_PTR_TO_STACK_OR_NULL: { kind: 'stack', flags: { maybeNull: true } },
  ARG_PTR_TO_FUNC: { kind: 'func' },
  ARG_PTR_TO_CONST_STR: { kind: 'const_str' },
  ARG_PTR_TO_TIMER: { kind: 'timer' },
  ARG_PTR_TO_SPIN_LOCK: { kind: 'spin_lock' },
  ARG_PTR_TO_BTF_ID: { kind: 'btf_id' },
  ARG_PTR_TO_BTF_ID_OR_NULL: { kind: 'btf_id', flags: { maybeNull: true } },
  ARG_PTR_TO_SOCK_COMMON: { kind: 'sock_common' },
  ARG_PTR_TO_SOCKET: { kind: 'socket' },
  ARG_PTR_TO_SOCKET_OR_NULL: { kind: 'socket', flags: { maybeNull: true } },
  ARG_PTR_TO_BTF_ID_SOCK_COMMON: { kind: 'btf_id_sock_common' },
  ARG_PTR_TO_PERCPU_BTF_ID: { kind: 'percpu_btf_id' },
  ARG_PTR_TO_DYNPTR: { kind: 'dynptr' },
  ARG_KPTR_XCHG_DEST: { kind: 'kptr_xchg_dest' },
  // Spellings of kernels before 6.12; 6.18 has ARG_PTR_TO_FIXED_SIZE_MEM | MEM_WRITE | MEM_ALIGNED
  // (plus MEM_UNINIT for the pure outputs) with arg_size sizeof(u32) / sizeof(u64).
  ARG_PTR_TO_INT: { kind: 'mem', flags: { fixedSize: 4, write: true, aligned: true } },
  ARG_PTR_TO_LONG: { kind: 'mem', flags: { fixedSize: 8, uninit: true, write: true, aligned: true } },
};

// bpf_func_proto fields the shared table does not carry (yet): .pkt_access and .argN_size. The
// pkt_access set was measured on 6.18.44 (a checked packet pointer passed to each helper's first
// memory argument: "helper access to the packet is not allowed" or not); tcp_check_syncookie and
// tcp_gen_syncookie (a socket argument comes first) are from the sources.
const PKT_ACCESS = new Set([
  'bpf_map_lookup_elem', 'bpf_map_update_elem', 'bpf_map_delete_elem', 'bpf_map_push_elem', 'bpf_csum_diff',
  'bpf_sk_lookup_tcp', 'bpf_sk_lookup_udp', 'bpf_skc_lookup_tcp', 'bpf_tcp_check_syncookie',
  'bpf_tcp_gen_syncookie', 'bpf_map_lookup_percpu_elem', 'bpf_tcp_raw_gen_syncookie_ipv4',
  'bpf_tcp_raw_gen_syncookie_ipv6', 'bpf_tcp_raw_check_syncookie_ipv4', 'bpf_tcp_raw_check_syncookie_ipv6',
]);
const ARG_SIZES: Readonly<Record<string, readonly (number | undefined)[]>> = {
  bpf_strtol: [undefined, undefined, undefined, 8],
  bpf_strtoul: [undefined, undefined, undefined, 8],
  bpf_kallsyms_lookup_name: [undefined, undefined, undefined, 8],
  bpf_tcp_raw_gen_syncookie_ipv4: [20],
  bpf_tcp_raw_gen_syncookie_ipv6: [40],
  bpf_tcp_raw_check_syncookie_ipv4: [20, 20],
  bpf_tcp_raw_check_syncookie_ipv6: [40, 20],
};
// Helpers whose proto has .might_sleep (only sleepable programs may call them).
const MIGHT_SLEEP = new Set(['bpf_copy_from_user', 'bpf_copy_from_user_task', 'bpf_d_path']);
const OFFERED_SLEEPABLE = new Set(['bpf_copy_from_user', 'bpf_copy_from_user_task']);
const TRACING_TYPES = new Set<ProgTypeName>(['kprobe', 'tracepoint', 'raw_tracepoint', 'perf_event']);

function parseArg(text: string, size: number | undefined): ArgSpec {
  const parts = text.split('|').map((p) => p.trim()).filter(Boolean);
  let spec: { -readonly [K in keyof ArgSpec]: ArgSpec[K] } = { kind: 'dontcare' };
  for (const p of parts) {
    const base = ARG_BASES[p];
    if (base) {
      spec = { ...spec, kind: base.kind, ...base.flags };
      if (p === 'ARG_PTR_TO_FIXED_SIZE_MEM' && size !== undefined) spec.fixedSize = size;
      continue;
    }
    switch (p) {
      case 'PTR_MAYBE_NULL': spec.maybeNull = true; break;
      case 'MEM_RDONLY': spec.rdonly = true; break;
      case 'MEM_UNINIT': spec.uninit = true; break;
      case 'MEM_WRITE': spec.write = true; break;
      case 'OBJ_RELEASE': spec.release = true; break;
      case 'MEM_ALIGNED': spec.aligned = true; break;
      case 'DYNPTR_TYPE_LOCAL': spec.dynptrType = 'local'; break;
      case 'DYNPTR_TYPE_RINGBUF': spec.dynptrType = 'ringbuf'; break;
      case 'DYNPTR_TYPE_SKB': spec.dynptrType = 'skb'; break;
      case 'DYNPTR_TYPE_XDP': spec.dynptrType = 'xdp'; break;
      case 'MEM_FIXED_SIZE': if (size !== undefined) spec.fixedSize = size; break;
      default: {
        const m = /^MEM_FIXED_SIZE\((\d+)\)$/.exec(p);
        if (m) spec.fixedSize = Number(m[1]);
      }
    }
  }
  return spec;
}

const RET_BASES: Readonly<Record<string, RetSpec>> = {
  RET_INTEGER: { kind: 'integer' },
  RET_VOID: { kind: 'void' },
  RET_PTR_TO_MAP_VALUE: { kind: 'map_value' },
  RET_PTR_TO_MAP_VALUE_OR_NULL: { kind: 'map_value', maybeNull: true },
  RET_PTR_TO_SOCKET: { kind: 'socket' },
  RET_PTR_TO_SOCKET_OR_NULL: { kind: 'socket', maybeNull: true },
  RET_PTR_TO_TCP_SOCK: { kind: 'tcp_sock' },
  RET_PTR_TO_TCP_SOCK_OR_NULL: { kind: 'tcp_sock', maybeNull: true },
  RET_PTR_TO_SOCK_COMMON: { kind: 'sock_common' },
  RET_PTR_TO_SOCK_COMMON_OR_NULL: { kind: 'sock_common', maybeNull: true },
  RET_PTR_TO_MEM: { kind: 'mem' },
  RET_PTR_TO_MEM_OR_NULL: { kind: 'mem', maybeNull: true },
  RET_PTR_TO_RINGBUF_MEM_OR_NULL: { kind: 'mem', maybeNull: true, ringbuf: true },
  RET_PTR_TO_DYNPTR_MEM_OR_NULL: { kind: 'mem', maybeNull: true },
  RET_PTR_TO_MEM_OR_BTF_ID: { kind: 'mem_or_btf_id' },
  RET_PTR_TO_BTF_ID: { kind: 'btf_id' },
  RET_PTR_TO_BTF_ID_OR_NULL: { kind: 'btf_id', maybeNull: true },
  RET_PTR_TO_BTF_ID_TRUSTED: { kind: 'btf_id' },
};

function parseRet(text: string): RetSpec {
  let spec: { -readonly [K in keyof RetSpec]: RetSpec[K] } = { kind: 'integer' };
  for (const p of text.split('|').map((s) => s.trim())) {
    const base = RET_BASES[p];
    if (base) spec = { ...spec, ...base };
    else if (p === 'PTR_MAYBE_NULL') spec.maybeNull = true;
    else if (p === 'MEM_RINGBUF') spec.ringbuf = true;
    else if (p === 'MEM_RDONLY') spec.rdonly = true;
  }
  return spec;
}

/** Extra proto fields the table may carry (bpf_func_proto's pkt_access, might_sleep, arg_size). */
interface ProtoExtras {
  pktAccess?: boolean;
  mightSleep?: boolean;
  argSizes?: readonly (number | undefined)[];
}

const cache = new Map<string, HelperProto | null>();

export function lookupHelper(id: number, progType: ProgTypeName): HelperProto | undefined {
  const k = `${id}/${progType}`;
  const hit = cache.get(k);
  if (hit !== undefined) return hit ?? undefined;
  let out: HelperProto | null = null;
  const spec = HELPERS[id];
  // Helpers every program type is offered but only sleepable ones may call: the table lists no
  // program types for them; the kernel answers "helper call might sleep in a non-sleepable prog".
  // bpf_get_func_ip is offered to every tracing type but refused outside kprobes ("func ... not
  // supported for program type N", calls.ts).
  const offered = !!spec && (OFFERED_SLEEPABLE.has(spec.name) ||
    (spec.name === 'bpf_get_func_ip' && TRACING_TYPES.has(progType)));
  if (spec && (helperAllowed(id, progType) || offered)) {
    let p = helperProto(id, progType)! as ReturnType<typeof helperProto> & ProtoExtras;
    // Measured on 6.18.44, not yet in the table: outside tc, bpf_get_cgroup_classid is
    // bpf_get_cgroup_classid_curr_proto, which takes no arguments.
    if (spec.name === 'bpf_get_cgroup_classid' && progType !== 'sched_cls' && progType !== 'sched_act') p = { ...p, args: [] };
    const sizes = p.argSizes ?? (spec as ProtoExtras).argSizes ?? ARG_SIZES[spec.name] ?? [];
    out = {
      id,
      name: spec.name,
      args: p.args.map((a, i) => parseArg(a, sizes[i])),
      ret: parseRet(p.ret),
      gplOnly: p.gplOnly,
      pktAccess: p.pktAccess ?? (spec as ProtoExtras).pktAccess ?? PKT_ACCESS.has(spec.name),
      mightSleep: p.mightSleep ?? (spec as ProtoExtras).mightSleep ?? MIGHT_SLEEP.has(spec.name),
    };
  }
  cache.set(k, out);
  return out ?? undefined;
}

export type { RetKind };
