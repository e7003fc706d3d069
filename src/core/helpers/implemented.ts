// The names of the helpers bpfiddle's VM can run, without their implementations: the helper table
// (table.ts) reads `implemented` from here so that the editor's hover and completion, which import the
// table, do not pull the VM's helper code, maps and printf into the page. impl.ts maps exactly these
// names to implementations; its record is typed by this list, so the compiler keeps the two equal.

import { helperIdByName } from './ids.js';

export const IMPLEMENTED_HELPERS = [
  'bpf_map_lookup_elem', 'bpf_map_update_elem', 'bpf_map_delete_elem', 'bpf_map_push_elem',
  'bpf_map_pop_elem', 'bpf_map_peek_elem', 'bpf_map_lookup_percpu_elem', 'bpf_for_each_map_elem',
  'bpf_ringbuf_output', 'bpf_ringbuf_reserve', 'bpf_ringbuf_submit', 'bpf_ringbuf_discard',
  'bpf_ringbuf_query', 'bpf_ringbuf_reserve_dynptr', 'bpf_ringbuf_submit_dynptr',
  'bpf_ringbuf_discard_dynptr', 'bpf_dynptr_from_mem', 'bpf_dynptr_read', 'bpf_dynptr_write',
  'bpf_dynptr_data', 'bpf_perf_event_output', 'bpf_get_stackid', 'bpf_redirect_map',
  'bpf_ktime_get_ns', 'bpf_ktime_get_boot_ns', 'bpf_ktime_get_coarse_ns', 'bpf_ktime_get_tai_ns',
  'bpf_jiffies64', 'bpf_get_prandom_u32', 'bpf_get_smp_processor_id', 'bpf_get_numa_node_id',
  'bpf_get_current_pid_tgid', 'bpf_get_current_uid_gid', 'bpf_get_current_comm', 'bpf_get_current_task',
  'bpf_get_current_task_btf', 'bpf_get_func_ip', 'bpf_loop',
  'bpf_trace_printk', 'bpf_snprintf', 'bpf_strncmp', 'bpf_probe_read', 'bpf_probe_read_str',
  'bpf_probe_read_kernel', 'bpf_probe_read_kernel_str', 'bpf_probe_read_user', 'bpf_probe_read_user_str',
  'bpf_redirect', 'bpf_xdp_adjust_head', 'bpf_xdp_adjust_meta', 'bpf_xdp_adjust_tail',
  'bpf_xdp_get_buff_len', 'bpf_skb_load_bytes', 'bpf_skb_store_bytes', 'bpf_skb_pull_data',
  'bpf_l3_csum_replace', 'bpf_l4_csum_replace', 'bpf_csum_diff', 'bpf_skb_change_tail', 'bpf_skb_vlan_push',
  'bpf_skb_vlan_pop',
] as const;

export type ImplementedHelper = (typeof IMPLEMENTED_HELPERS)[number];

const IDS: ReadonlySet<number> = new Set(IMPLEMENTED_HELPERS.map((name) => {
  const id = helperIdByName(name);
  if (id === undefined) throw new Error(`no helper named ${name}`);
  return id;
}));

/** Whether the VM can run helper `id` (tail calls count: the VM runs them itself). */
export const implemented = (id: number): boolean => IDS.has(id) || id === 12;
