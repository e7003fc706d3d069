// The assembler's output contract, shared by the editor, the worker, the VM and the verifier.
import type { Insn } from '../isa/insn.js';

/** Program types the `.prog` directive accepts (the program-type table grows from these). */
export const PROG_TYPE_NAMES = [
  'socket_filter', 'xdp', 'sched_cls', 'sched_act', 'kprobe', 'tracepoint', 'raw_tracepoint', 'perf_event', 'cgroup_skb',
] as const;
export type ProgTypeName = (typeof PROG_TYPE_NAMES)[number];
/** Alternative spellings accepted by `.prog`. */
export const PROG_TYPE_ALIASES: Readonly<Record<string, ProgTypeName>> = { tc: 'sched_cls' };

/** Map types the `.map` directive accepts. */
export const MAP_TYPE_NAMES = [
  'array', 'hash', 'percpu_array', 'percpu_hash', 'lru_hash', 'lru_percpu_hash', 'lpm_trie', 'queue', 'stack',
  'ringbuf', 'prog_array', 'perf_event_array', 'stack_trace',
] as const;
export type MapTypeName = (typeof MAP_TYPE_NAMES)[number];

/** 1-based line and column; `endCol` is exclusive. */
export interface Span { line: number; col: number; endCol: number }

export interface AsmError extends Span {
  message: string;
  hint?: string;
}

export interface MapDecl {
  name: string;
  type: MapTypeName;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  flags: number;
  /** Where it was declared. */
  span: Span;
}

export interface AsmProgram {
  /** Slots exactly as the kernel sees them (ld_imm64 = two slots). A map load `r1 = NAME ll` is
   * ld_imm64 with src = BPF_PSEUDO_MAP_FD and imm = the map's index in `maps` (the kernel loader
   * substitutes the real fd). The other map references carry the same index: BPF_PSEUDO_MAP_VALUE
   * (`map[id:NAME][0]+OFF`, OFF in the second slot's imm) and BPF_PSEUDO_MAP_IDX(_VALUE)
   * (`map[idx:N]`, `map[idx:N]+OFF`). */
  insns: Insn[];
  maps: MapDecl[];
  progType: ProgTypeName;
  /** For each slot, the source span of the instruction it belongs to (second lddw slot repeats it). */
  sourceMap: Span[];
  /** Label name → slot index. */
  labels: Record<string, number>;
}

export type AsmResult =
  | { ok: true; program: AsmProgram; errors: [] }
  | { ok: false; errors: AsmError[] };
