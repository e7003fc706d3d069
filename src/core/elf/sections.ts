// libbpf's section-name → program-type table (section_defs[] in tools/lib/bpf/libbpf.c, v1.x) and
// its matching rules, mapped onto bpfiddle's program types. Types bpfiddle does not model keep
// their kernel name so that the importer can say which type the section asks for. Export picks
// the first plain section for a type from the same table, so the two directions cannot disagree.

import { PROG_TYPE_NAMES, type ProgTypeName } from '../asm/types.js';

/** [section pattern, kernel program type (BPF_PROG_TYPE_ without the prefix, lower case)]. A
 * pattern ending in '+' matches the name alone or followed by '/extras'; ending in '/', any name
 * with that prefix; otherwise the exact name. Order matters: the first match wins. */
export const SECTION_DEFS: readonly (readonly [string, string])[] = [
  ['socket', 'socket_filter'],
  ['sk_reuseport/migrate', 'sk_reuseport'], ['sk_reuseport', 'sk_reuseport'],
  ['kprobe+', 'kprobe'], ['uprobe+', 'kprobe'], ['uprobe.s+', 'kprobe'], ['kretprobe+', 'kprobe'],
  ['uretprobe+', 'kprobe'], ['uretprobe.s+', 'kprobe'], ['kprobe.multi+', 'kprobe'], ['kretprobe.multi+', 'kprobe'],
  ['kprobe.session+', 'kprobe'], ['uprobe.multi+', 'kprobe'], ['uretprobe.multi+', 'kprobe'], ['uprobe.session+', 'kprobe'],
  ['uprobe.multi.s+', 'kprobe'], ['uretprobe.multi.s+', 'kprobe'], ['uprobe.session.s+', 'kprobe'],
  ['ksyscall+', 'kprobe'], ['kretsyscall+', 'kprobe'], ['usdt+', 'kprobe'], ['usdt.s+', 'kprobe'],
  ['tc/ingress', 'sched_cls'], ['tc/egress', 'sched_cls'], ['tcx/ingress', 'sched_cls'], ['tcx/egress', 'sched_cls'],
  ['tc', 'sched_cls'], ['classifier', 'sched_cls'], ['action', 'sched_act'],
  ['netkit/primary', 'sched_cls'], ['netkit/peer', 'sched_cls'],
  ['tracepoint+', 'tracepoint'], ['tp+', 'tracepoint'],
  ['raw_tracepoint+', 'raw_tracepoint'], ['raw_tp+', 'raw_tracepoint'],
  ['raw_tracepoint.w+', 'raw_tracepoint_writable'], ['raw_tp.w+', 'raw_tracepoint_writable'],
  ['tp_btf+', 'tracing'], ['fentry+', 'tracing'], ['fmod_ret+', 'tracing'], ['fexit+', 'tracing'],
  ['fentry.s+', 'tracing'], ['fmod_ret.s+', 'tracing'], ['fexit.s+', 'tracing'], ['freplace+', 'ext'],
  ['lsm+', 'lsm'], ['lsm.s+', 'lsm'], ['lsm_cgroup+', 'lsm'], ['iter+', 'tracing'], ['iter.s+', 'tracing'],
  ['syscall', 'syscall'],
  ['xdp.frags/devmap', 'xdp'], ['xdp/devmap', 'xdp'], ['xdp.frags/cpumap', 'xdp'], ['xdp/cpumap', 'xdp'],
  ['xdp.frags', 'xdp'], ['xdp', 'xdp'],
  ['perf_event', 'perf_event'],
  ['lwt_in', 'lwt_in'], ['lwt_out', 'lwt_out'], ['lwt_xmit', 'lwt_xmit'], ['lwt_seg6local', 'lwt_seg6local'],
  ['sockops', 'sock_ops'],
  ['sk_skb/stream_parser', 'sk_skb'], ['sk_skb/stream_verdict', 'sk_skb'], ['sk_skb/verdict', 'sk_skb'], ['sk_skb', 'sk_skb'],
  ['sk_msg', 'sk_msg'], ['lirc_mode2', 'lirc_mode2'], ['flow_dissector', 'flow_dissector'],
  ['cgroup_skb/ingress', 'cgroup_skb'], ['cgroup_skb/egress', 'cgroup_skb'], ['cgroup/skb', 'cgroup_skb'],
  ['cgroup/sock_create', 'cgroup_sock'], ['cgroup/sock_release', 'cgroup_sock'], ['cgroup/sock', 'cgroup_sock'],
  ['cgroup/post_bind4', 'cgroup_sock'], ['cgroup/post_bind6', 'cgroup_sock'],
  ['cgroup/bind4', 'cgroup_sock_addr'], ['cgroup/bind6', 'cgroup_sock_addr'], ['cgroup/connect4', 'cgroup_sock_addr'],
  ['cgroup/connect6', 'cgroup_sock_addr'], ['cgroup/connect_unix', 'cgroup_sock_addr'], ['cgroup/sendmsg4', 'cgroup_sock_addr'],
  ['cgroup/sendmsg6', 'cgroup_sock_addr'], ['cgroup/sendmsg_unix', 'cgroup_sock_addr'], ['cgroup/recvmsg4', 'cgroup_sock_addr'],
  ['cgroup/recvmsg6', 'cgroup_sock_addr'], ['cgroup/recvmsg_unix', 'cgroup_sock_addr'], ['cgroup/getpeername4', 'cgroup_sock_addr'],
  ['cgroup/getpeername6', 'cgroup_sock_addr'], ['cgroup/getpeername_unix', 'cgroup_sock_addr'], ['cgroup/getsockname4', 'cgroup_sock_addr'],
  ['cgroup/getsockname6', 'cgroup_sock_addr'], ['cgroup/getsockname_unix', 'cgroup_sock_addr'],
  ['cgroup/sysctl', 'cgroup_sysctl'], ['cgroup/getsockopt', 'cgroup_sockopt'], ['cgroup/setsockopt', 'cgroup_sockopt'],
  ['cgroup/dev', 'cgroup_device'], ['struct_ops+', 'struct_ops'], ['struct_ops.s+', 'struct_ops'],
  ['sk_lookup', 'sk_lookup'], ['netfilter', 'netfilter'],
];

/** sec_def_matches() from libbpf. */
function matches(pattern: string, name: string): boolean {
  if (pattern.endsWith('/')) return name.startsWith(pattern);
  if (pattern.endsWith('+')) {
    const p = pattern.slice(0, -1);
    return name === p || name.startsWith(`${p}/`);
  }
  return name === pattern;
}

export type SectionType =
  | { kind: 'supported'; progType: ProgTypeName }
  | { kind: 'unsupported'; kernelType: string }
  | { kind: 'unknown' };

/** What program type libbpf gives a program in section `name`. */
export function sectionProgType(name: string): SectionType {
  // SEC("?xdp"): libbpf does not load the program by default; its type is xdp's.
  const bare = name.startsWith('?') ? name.slice(1) : name;
  const def = SECTION_DEFS.find(([p]) => matches(p, bare));
  if (!def) return { kind: 'unknown' };
  const t = def[1];
  return (PROG_TYPE_NAMES as readonly string[]).includes(t) ? { kind: 'supported', progType: t as ProgTypeName } : { kind: 'unsupported', kernelType: t };
}

/** The section export writes a program of type `t` into: the first name for it without extras,
 * else the type's last (most generic, no expected attach type) entry, e.g. cgroup/skb. */
export function sectionForProgType(t: ProgTypeName): string {
  const defs = SECTION_DEFS.filter(([, k]) => k === t);
  const def = defs.find(([p]) => !p.includes('/') && !p.includes('.')) ?? defs[defs.length - 1];
  return (def?.[0] ?? 'socket').replace(/\+$/, '');
}
