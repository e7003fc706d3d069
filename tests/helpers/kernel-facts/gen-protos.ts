// Generates src/core/helpers/protos.ts, the kernel half of the helper table, from two sources:
//  - prog-types.json: which helpers each program type may call, measured on the running kernel by
//    measure-types.ts (every (type, helper) pair loaded once);
//  - protos.tsv: every struct bpf_func_proto as the kernel sources define it (name, gpl_only,
//    ret_type, arg types; `@struct` marks the BTF type of an ARG_PTR_TO_BTF_ID argument) in the
//    torvalds/linux sources, plus the memory-access flags of the 2025-2026 fixes 6.18.44 carries
//    (MEM_WRITE on bpf_snprintf, bpf_fib_lookup, bpf_snprintf_btf, bpf_read_branch_records,
//    bpf_d_path, ...). tests/helpers/protos.test.ts checks them against the running verifier.
// Which proto a program type gets for a helper follows the kernel's *_func_proto switches
// (TYPE_PROTOS below); everything else uses the helper's own bpf_<name>_proto.
// Usage: npx tsx tests/helpers/kernel-facts/gen-protos.ts > src/core/helpers/protos.ts
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROG_TYPE_NAMES, type ProgTypeName } from '../../../src/core/asm/types.js';
import { HELPER_NAMES } from '../../../src/core/helpers/ids.js';

const here = dirname(fileURLToPath(import.meta.url));

export interface SourceProto { name: string; gplOnly: boolean; ret: string; args: string[]; btf: (string | null)[] }

export function readProtos(): Map<string, SourceProto> {
  const out = new Map<string, SourceProto>();
  for (const line of readFileSync(join(here, 'protos.tsv'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const [name, gpl, ret, args] = line.split('\t');
    const parts = (args ?? '').split(';').filter(Boolean);
    out.set(name!, {
      name: name!, gplOnly: gpl === '1', ret: ret!,
      args: parts.map((a) => a.replace(/@\w+/, '')),
      btf: parts.map((a) => (a.includes('@') ? a.slice(a.indexOf('@') + 1) : null)),
    });
  }
  return out;
}

/** Where a program type's func_proto switch returns a proto other than bpf_<name>_proto. */
const SKB_OUTPUT = { perf_event_output: 'bpf_skb_event_output_proto' };
const TRACING = { probe_read: 'bpf_probe_read_compat_proto', probe_read_str: 'bpf_probe_read_compat_str_proto' };
export const TYPE_PROTOS: Readonly<Record<ProgTypeName, Readonly<Record<string, string>>>> = {
  socket_filter: SKB_OUTPUT,
  cgroup_skb: SKB_OUTPUT,
  sched_cls: { ...SKB_OUTPUT, fib_lookup: 'bpf_skb_fib_lookup_proto', check_mtu: 'bpf_skb_check_mtu_proto' },
  sched_act: { ...SKB_OUTPUT, fib_lookup: 'bpf_skb_fib_lookup_proto', check_mtu: 'bpf_skb_check_mtu_proto' },
  xdp: {
    perf_event_output: 'bpf_xdp_event_output_proto', redirect: 'bpf_xdp_redirect_proto',
    redirect_map: 'bpf_xdp_redirect_map_proto', fib_lookup: 'bpf_xdp_fib_lookup_proto',
    check_mtu: 'bpf_xdp_check_mtu_proto', sk_lookup_udp: 'bpf_xdp_sk_lookup_udp_proto',
    sk_lookup_tcp: 'bpf_xdp_sk_lookup_tcp_proto', skc_lookup_tcp: 'bpf_xdp_skc_lookup_tcp_proto',
  },
  kprobe: {
    ...TRACING, get_func_ip: 'bpf_get_func_ip_proto_kprobe', get_attach_cookie: 'bpf_get_attach_cookie_proto_trace',
  },
  tracepoint: {
    ...TRACING, perf_event_output: 'bpf_perf_event_output_proto_tp', get_stackid: 'bpf_get_stackid_proto_tp',
    get_stack: 'bpf_get_stack_proto_tp', get_attach_cookie: 'bpf_get_attach_cookie_proto_trace',
  },
  raw_tracepoint: {
    ...TRACING, perf_event_output: 'bpf_perf_event_output_proto_raw_tp', get_stackid: 'bpf_get_stackid_proto_raw_tp',
    get_stack: 'bpf_get_stack_proto_raw_tp',
  },
  perf_event: {
    ...TRACING, perf_event_output: 'bpf_perf_event_output_proto_tp', get_stackid: 'bpf_get_stackid_proto_pe',
    get_stack: 'bpf_get_stack_proto_pe', get_attach_cookie: 'bpf_get_attach_cookie_proto_pe',
  },
};

/** Helpers whose proto is not bpf_<name>_proto anywhere (their usual program types). */
const OWN_PROTO: Readonly<Record<string, string>> = {
  probe_read: 'bpf_probe_read_compat_proto',
  probe_read_str: 'bpf_probe_read_compat_str_proto',
  perf_event_output: 'bpf_perf_event_output_proto',
  setsockopt: 'bpf_sk_setsockopt_proto',
  getsockopt: 'bpf_sk_getsockopt_proto',
  get_func_ip: 'bpf_get_func_ip_proto_tracing',
  get_attach_cookie: 'bpf_get_attach_cookie_proto_trace',
  lwt_push_encap: 'bpf_lwt_in_push_encap_proto',
  load_hdr_opt: 'bpf_sock_ops_load_hdr_opt_proto',
  store_hdr_opt: 'bpf_sock_ops_store_hdr_opt_proto',
  reserve_hdr_opt: 'bpf_sock_ops_reserve_hdr_opt_proto',
  sk_select_reuseport: 'sk_select_reuseport_proto',
  rc_repeat: 'rc_repeat_proto',
  rc_keydown: 'rc_keydown_proto',
  rc_pointer_rel: 'rc_pointer_rel_proto',
  get_netns_cookie: 'bpf_get_netns_cookie_sock_proto',
  bind: 'bpf_bind_proto',
  sock_ops_cb_flags_set: 'bpf_sock_ops_cb_flags_set_proto',
  skb_output: 'bpf_skb_output_proto',
  xdp_output: 'bpf_xdp_output_proto',
};

export function protoFor(short: string, type: ProgTypeName | null): string {
  return (type && TYPE_PROTOS[type][short]) ?? OWN_PROTO[short] ?? `bpf_${short}_proto`;
}

function main(): void {
  const protos = readProtos();
  const measured = JSON.parse(readFileSync(join(here, 'prog-types.json'), 'utf8')) as Record<ProgTypeName, number[]>;
  const missing: string[] = [];
  const rows: string[] = [];
  const lit = (p: SourceProto): string => {
    const btf = p.btf.some((b) => b) ? `, btf: ${JSON.stringify(p.btf)}` : '';
    return `ret: ${JSON.stringify(p.ret)}, args: ${JSON.stringify(p.args)}, gplOnly: ${p.gplOnly}${btf}`;
  };
  HELPER_NAMES.forEach((name, id) => {
    if (!name) { rows.push('  undefined,'); return; }
    const short = name.slice(4);
    const types = PROG_TYPE_NAMES.filter((t) => measured[t]!.includes(id));
    const primaryName = protoFor(short, types[0] ?? null);
    const primary = protos.get(primaryName);
    if (!primary) { missing.push(`${id} ${name}: ${primaryName}`); rows.push('  undefined,'); return; }
    const variants: string[] = [];
    for (const t of types) {
      const pn = protoFor(short, t);
      if (pn === primaryName) continue;
      const p = protos.get(pn);
      if (!p) { missing.push(`${id} ${name} in ${t}: ${pn}`); continue; }
      variants.push(`${t}: { ${lit(p)} }`);
    }
    rows.push(`  { ${lit(primary)}, proto: ${JSON.stringify(primaryName)}, progTypes: ${JSON.stringify(types)}${variants.length ? `, variants: { ${variants.join(', ')} }` : ''} }, // ${id} ${name}`);
  });
  if (missing.length) {
    process.stderr.write(`no proto for:\n${missing.join('\n')}\n`);
    process.exitCode = 1;
  }
  process.stdout.write(`// GENERATED by tests/helpers/kernel-facts/gen-protos.ts; do not edit by hand.
// The kernel's helper prototypes (struct bpf_func_proto: return type, argument types, gpl_only) and
// which of bpfiddle's program types may call each helper. Program types were measured on Linux
// 6.18 (every program type x helper id loaded once); prototypes come from the kernel sources and
// were checked against the running kernel's verifier where a program can reach them.
import type { ProgTypeName } from '../asm/types.js';

export interface HelperProto {
  /** enum bpf_return_type with its flags, as the kernel spells it: 'RET_PTR_TO_MAP_VALUE_OR_NULL'. */
  ret: string;
  /** One entry per argument the helper takes, e.g. 'ARG_PTR_TO_MEM | MEM_RDONLY'. */
  args: readonly string[];
  gplOnly: boolean;
  /** For ARG_PTR_TO_BTF_ID arguments, the struct they point to (parallel to args). */
  btf?: readonly (string | null)[];
}

export interface ProtoRow extends HelperProto {
  /** The kernel's name for the prototype: 'bpf_skb_event_output_proto'. */
  proto: string;
  progTypes: readonly ProgTypeName[];
  variants?: Readonly<Partial<Record<ProgTypeName, HelperProto>>>;
}

/** Indexed by helper id. */
export const PROTOS: readonly (ProtoRow | undefined)[] = [
${rows.join('\n')}
];
`);
}

if (process.argv[1]?.endsWith('gen-protos.ts')) main();
