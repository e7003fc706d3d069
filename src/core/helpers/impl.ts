// Which helpers the VM can run, by id: the one place that maps a kernel helper to its
// implementation. Program-type-dependent helpers (bpf_redirect, bpf_perf_event_output) pick their
// variant here from the program type, as the kernel's per-type func_proto switches do.

import type { HelperResult } from '../vm/types.js';
import type { Call } from './call.js';
import { helperIdByName } from './ids.js';
import type { ImplementedHelper } from './implemented.js';
import * as dynptr from './impl-dynptr.js';
import * as maps from './impl-maps.js';
import * as pkt from './impl-packet.js';
import * as skb from './impl-skb.js';
import * as str from './impl-strings.js';
import * as task from './impl-task.js';

export type HelperImpl = (c: Call) => HelperResult | bigint;

const PACKET_TYPES = new Set(['socket_filter', 'sched_cls', 'sched_act', 'cgroup_skb', 'xdp']);

// Keyed by exactly the names implemented.ts lists (the helper table reads that list, not this one).
const BY_NAME: Readonly<Record<ImplementedHelper, HelperImpl>> = {
  bpf_map_lookup_elem: maps.mapLookup,
  bpf_map_update_elem: maps.mapUpdate,
  bpf_map_delete_elem: maps.mapDelete,
  bpf_map_push_elem: maps.mapPush,
  bpf_map_pop_elem: maps.mapPop,
  bpf_map_peek_elem: maps.mapPeek,
  bpf_map_lookup_percpu_elem: maps.mapLookupPercpu,
  bpf_for_each_map_elem: maps.forEachMapElem,
  bpf_ringbuf_output: maps.ringbufOutputHelper,
  bpf_ringbuf_reserve: maps.ringbufReserveHelper,
  bpf_ringbuf_submit: maps.ringbufSubmitHelper,
  bpf_ringbuf_discard: maps.ringbufDiscardHelper,
  bpf_ringbuf_query: maps.ringbufQueryHelper,
  bpf_ringbuf_reserve_dynptr: dynptr.ringbufReserveDynptr,
  bpf_ringbuf_submit_dynptr: dynptr.ringbufSubmitDynptr,
  bpf_ringbuf_discard_dynptr: dynptr.ringbufDiscardDynptr,
  bpf_dynptr_from_mem: dynptr.dynptrFromMem,
  bpf_dynptr_read: dynptr.dynptrRead,
  bpf_dynptr_write: dynptr.dynptrWrite,
  bpf_dynptr_data: dynptr.dynptrData,
  bpf_perf_event_output: (c) => maps.perfEventOutputHelper(c, PACKET_TYPES.has(c.rt.progType)),
  bpf_get_stackid: maps.getStackId,
  bpf_redirect_map: maps.redirectMap,

  bpf_ktime_get_ns: task.ktimeGetNs,
  bpf_ktime_get_boot_ns: task.ktimeGetBootNs,
  bpf_ktime_get_coarse_ns: task.ktimeGetCoarseNs,
  bpf_ktime_get_tai_ns: task.ktimeGetTaiNs,
  bpf_jiffies64: task.jiffies64,
  bpf_get_prandom_u32: task.prandomU32,
  bpf_get_smp_processor_id: task.smpProcessorId,
  bpf_get_numa_node_id: task.numaNodeId,
  bpf_get_current_pid_tgid: task.currentPidTgid,
  bpf_get_current_uid_gid: task.currentUidGid,
  bpf_get_current_comm: task.currentComm,
  bpf_get_current_task: task.currentTask,
  bpf_get_current_task_btf: task.currentTask,
  bpf_get_func_ip: task.funcIp,
  bpf_loop: task.loop,

  bpf_trace_printk: str.tracePrintk,
  bpf_snprintf: str.snprintf,
  bpf_strncmp: str.strncmp,
  bpf_probe_read: str.probeReadCompat,
  bpf_probe_read_str: str.probeReadCompatStr,
  bpf_probe_read_kernel: str.probeReadKernel,
  bpf_probe_read_kernel_str: str.probeReadKernelStr,
  bpf_probe_read_user: str.probeReadUser,
  bpf_probe_read_user_str: str.probeReadUserStr,

  bpf_redirect: pkt.redirect,
  bpf_xdp_adjust_head: pkt.xdpAdjustHead,
  bpf_xdp_adjust_meta: pkt.xdpAdjustMeta,
  bpf_xdp_adjust_tail: pkt.xdpAdjustTail,
  bpf_xdp_get_buff_len: pkt.xdpGetBuffLen,
  bpf_skb_load_bytes: pkt.skbLoadBytes,
  bpf_skb_store_bytes: pkt.skbStoreBytes,
  bpf_skb_pull_data: pkt.skbPullData,
  bpf_l3_csum_replace: pkt.l3CsumReplace,
  bpf_l4_csum_replace: pkt.l4CsumReplace,
  bpf_csum_diff: pkt.csumDiff,
  bpf_skb_change_tail: skb.skbChangeTail,
  bpf_skb_vlan_push: skb.skbVlanPush,
  bpf_skb_vlan_pop: skb.skbVlanPop,
};

/** Implementations by helper id. bpf_tail_call is the VM's own (RunOptions.tailCalls). */
export const IMPLEMENTATIONS: ReadonlyMap<number, HelperImpl> = new Map(
  Object.entries(BY_NAME).map(([name, f]) => {
    const id = helperIdByName(name);
    if (id === undefined) throw new Error(`no helper named ${name}`);
    return [id, f] as const;
  }),
);

export { implemented } from './implemented.js';
