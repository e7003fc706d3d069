// check_map_func_compatibility's two tables as data: the helpers each map type may be passed to
// (map types not listed take any helper that accepts a map), and the map types each helper
// insists on. Helpers are named as in enum bpf_func_id (without bpf_); map types by their
// bpf_map_type names, including the ones bpfiddle cannot create (cgroup arrays, storage maps,
// devmaps, sockmaps): a helper that needs one of those refuses every map bpfiddle has, with the
// kernel's "cannot pass map_type %d into func %s#%d".

import { MAP_TYPE_IDS } from '../maps/constants.js';
import { helperName } from '../helpers/ids.js';

/** Map type → the only helpers it may be passed to (the first switch). */
const MAP_HELPERS: Readonly<Record<string, readonly string[]>> = {
  prog_array: ['tail_call'],
  perf_event_array: ['perf_event_read', 'perf_event_output', 'skb_output', 'perf_event_read_value', 'xdp_output'],
  ringbuf: ['ringbuf_output', 'ringbuf_reserve', 'ringbuf_query', 'ringbuf_reserve_dynptr', 'ringbuf_submit_dynptr',
    'ringbuf_discard_dynptr'],
  stack_trace: ['get_stackid'],
  queue: ['map_peek_elem', 'map_pop_elem', 'map_push_elem'],
  stack: ['map_peek_elem', 'map_pop_elem', 'map_push_elem'],
};

/** Helper → the only map types it takes (the second switch). */
const HELPER_MAPS: Readonly<Record<string, readonly string[]>> = {
  tail_call: ['prog_array'],
  perf_event_read: ['perf_event_array'],
  perf_event_output: ['perf_event_array'],
  perf_event_read_value: ['perf_event_array'],
  skb_output: ['perf_event_array'],
  xdp_output: ['perf_event_array'],
  ringbuf_output: ['ringbuf'],
  ringbuf_reserve: ['ringbuf'],
  ringbuf_query: ['ringbuf'],
  ringbuf_reserve_dynptr: ['ringbuf'],
  ringbuf_submit_dynptr: ['ringbuf'],
  ringbuf_discard_dynptr: ['ringbuf'],
  user_ringbuf_drain: ['user_ringbuf'],
  get_stackid: ['stack_trace'],
  current_task_under_cgroup: ['cgroup_array'],
  skb_under_cgroup: ['cgroup_array'],
  redirect_map: ['devmap', 'devmap_hash', 'cpumap', 'xskmap'],
  sk_redirect_map: ['sockmap'],
  msg_redirect_map: ['sockmap'],
  sock_map_update: ['sockmap'],
  sk_redirect_hash: ['sockhash'],
  msg_redirect_hash: ['sockhash'],
  sock_hash_update: ['sockhash'],
  get_local_storage: ['cgroup_storage', 'percpu_cgroup_storage'],
  sk_select_reuseport: ['reuseport_sockarray', 'sockmap', 'sockhash'],
  map_pop_elem: ['queue', 'stack'],
  map_peek_elem: ['queue', 'stack', 'bloom_filter'],
  map_push_elem: ['queue', 'stack', 'bloom_filter'],
  map_lookup_percpu_elem: ['percpu_array', 'percpu_hash', 'lru_percpu_hash'],
  sk_storage_get: ['sk_storage'],
  sk_storage_delete: ['sk_storage'],
  inode_storage_get: ['inode_storage'],
  inode_storage_delete: ['inode_storage'],
  task_storage_get: ['task_storage'],
  task_storage_delete: ['task_storage'],
  cgrp_storage_get: ['cgrp_storage'],
  cgrp_storage_delete: ['cgrp_storage'],
};

/**
 * The kernel's refusal when `mapType` may not be passed to helper `funcId` (either direction),
 * or null when the pair is fine.
 */
export function mapFuncIncompatibility(mapType: string, funcId: number): string | null {
  const name = (helperName(funcId) ?? '').replace(/^bpf_/, '');
  const helpers = MAP_HELPERS[mapType];
  const maps = HELPER_MAPS[name];
  if ((!helpers || helpers.includes(name)) && (!maps || maps.includes(mapType))) return null;
  const id = (MAP_TYPE_IDS as Readonly<Record<string, number>>)[mapType] ?? 0;
  return `cannot pass map_type ${id} into func ${helperName(funcId) ?? 'unknown'}#${funcId}`;
}
