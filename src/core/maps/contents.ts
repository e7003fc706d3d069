// A map's contents as plain data, for a program's input (initial contents the UI edits) and output
// (what the program left behind). dumpMap lists elements in the kernel's iteration order; loadMap
// stores them through the syscall path, so every entry meets the same checks user space would.
//
// Per map type: per-CPU maps carry one value per CPU (loadMap also takes a single value for all
// CPUs); queue and stack list values oldest first with empty keys; ringbuf lists the submitted,
// unconsumed records with empty keys (loadMap outputs them); prog_array and perf_event_array hold
// u32 references; stack_trace can be dumped but only bpf_get_stackid fills it.
import { errnoName } from './errno.js';
import { isPercpu, joinPercpu, ringbufOutput, sysUpdateElem, sysValueSize } from './ops.js';
import type { BpfMap, MapEntry } from './types.js';

/** Every element, values copied. */
export function dumpMap(map: BpfMap): MapEntry[] {
  return map.impl.entries();
}

export interface LoadError {
  /** Which entry failed. */
  index: number;
  /** The kernel's errno when the update itself failed, else 0. */
  errno: number;
  message: string;
}

export type LoadResult = { ok: true } | { ok: false; error: LoadError };

function sysValue(map: BpfMap, value: MapEntry['value']): Uint8Array | string {
  if (isPercpu(map)) {
    const values = Array.isArray(value) ? value : Array.from({ length: map.env.nCpus }, () => value);
    if (values.length !== map.env.nCpus) return `needs one value per CPU (${map.env.nCpus}), got ${values.length}`;
    const bad = values.find((v) => v.length !== map.valueSize);
    if (bad) return `values are ${map.valueSize} bytes, got ${bad.length}`;
    return joinPercpu(map, values);
  }
  if (Array.isArray(value)) return 'takes one value, not one per CPU';
  const want = sysValueSize(map);
  return value.length === want ? value : `values are ${want} bytes, got ${value.length}`;
}

/** Stores `entries` in order (BPF_ANY updates, pushes, ring buffer outputs); stops at the first failure. */
export function loadMap(map: BpfMap, entries: readonly MapEntry[]): LoadResult {
  for (let index = 0; index < entries.length; index++) {
    const { key, value } = entries[index]!;
    const fail = (errno: number, message: string): LoadResult => ({ ok: false, error: { index, errno, message: `entry ${index}: ${message}` } });
    if (map.type === 'stack_trace') return fail(0, 'stack_trace maps are filled by bpf_get_stackid only');
    const keyless = map.keySize === 0;
    if (keyless ? key.length !== 0 : key.length !== map.keySize) {
      return fail(0, `keys are ${map.keySize} bytes, got ${key.length}`);
    }
    if (map.type === 'ringbuf') {
      if (Array.isArray(value)) return fail(0, 'takes one record, not one per CPU');
      const r = ringbufOutput(map, value, 0n);
      if (r) return fail(-r, `${errnoName(r)}: the record does not fit in the ring buffer`);
      continue;
    }
    const v = sysValue(map, value);
    if (typeof v === 'string') return fail(0, v);
    const r = sysUpdateElem(map, keyless ? null : key, v, 0);
    if (!r.ok) return fail(r.errno, `${errnoName(r.errno)}: the ${map.type} map refused the update`);
  }
  return { ok: true };
}
