// Register state as Linux 6.18's verifier keeps it (struct bpf_reg_state): a base type, the
// modifier flags (nullable, read-only, ringbuf memory), a fixed offset plus a variable part (the
// scalar domain: tnum and bounds), ids that tie copies together, and per-type extras (the map, the
// packet range, the stack frame, the memory size). Registers are immutable plain objects: every
// change makes a new one, so states can be shared between instructions and paths.

import { knownScalar, unknownScalar, type Scalar } from './bounds.js';
import { tnumEqualsConst, tnumIsConst, toS64 } from './tnum.js';

/** enum bpf_reg_type's base types that bpfiddle models. */
export type RegType =
  | 'not_init'
  | 'scalar'
  | 'ctx'
  | 'map_ptr'      // CONST_PTR_TO_MAP
  | 'map_value'    // PTR_TO_MAP_VALUE
  | 'map_key'      // PTR_TO_MAP_KEY
  | 'stack'        // PTR_TO_STACK
  | 'pkt'          // PTR_TO_PACKET
  | 'pkt_meta'     // PTR_TO_PACKET_META
  | 'pkt_end'      // PTR_TO_PACKET_END
  | 'mem'          // PTR_TO_MEM (helper results, ringbuf records with MEM_RINGBUF)
  | 'sock_common'  // PTR_TO_SOCK_COMMON (__sk_buff.sk, bpf_skc_lookup_tcp)
  | 'sock'         // PTR_TO_SOCKET (bpf_sk_lookup_tcp/udp, bpf_sk_fullsock)
  | 'tcp_sock'     // PTR_TO_TCP_SOCK (bpf_tcp_sock)
  | 'btf_id'       // PTR_TO_BTF_ID (btfName; PTR_TRUSTED in flags): bpf_get_current_task_btf, bpf_skc_to_*
  | 'flow_keys'    // PTR_TO_FLOW_KEYS
  | 'func';        // PTR_TO_FUNC (ld_imm64 of a subprogram, for callbacks)

/** Type modifier flags (enum bpf_type_flag), as a bit set. */
export const PTR_MAYBE_NULL = 1;
export const MEM_RDONLY = 2;
export const MEM_RINGBUF = 4;
export const PTR_TRUSTED = 8;
/** PTR_UNTRUSTED: read through probe loads (pointers found by walking kernel structs). */
export const PTR_UNTRUSTED = 16;
/** MEM_RCU: a pointer valid inside the RCU read section (non-sleepable programs are in one). */
export const MEM_RCU = 32;

/** A map as the verifier sees it (bpf_map's type, key/value sizes, max_entries, name). */
export interface MapDesc {
  /** The map's index in the program's map list (what ld_imm64 carries). */
  readonly index: number;
  /** Name the kernel prints (`map=NAME`); empty when the map has none. */
  readonly name: string;
  readonly type: string;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags: number;
}

export interface Reg {
  readonly type: RegType;
  /** PTR_MAYBE_NULL | MEM_RDONLY | MEM_RINGBUF. */
  readonly flags: number;
  /**
   * Pointers: the fixed offset. Scalars: the constant delta of a linked register (with `link`).
   */
  readonly off: number;
  /** Scalars: the value. Pointers: the variable part of the offset. */
  readonly s: Scalar;
  /** Scalars: copies share it. Pointers: null checks / packet ranges propagate by it. 0 = none. */
  readonly id: number;
  /** Scalars linked by a constant delta (BPF_ADD_CONST): 0, 32 or 64. */
  readonly link: 0 | 32 | 64;
  /** The acquired reference this pointer holds (ringbuf records), 0 = none. */
  readonly refObjId: number;
  /** Packet pointers: bytes verified readable from the pointer's fixed offset base (-1, -2: at/beyond end). */
  readonly range: number;
  /** map_ptr / map_value / map_key. */
  readonly map: MapDesc | null;
  /** PTR_TO_STACK: the frame the pointer points into. */
  readonly frameno: number;
  /** PTR_TO_MEM: accessible size. */
  readonly memSize: number;
  /** PTR_TO_FUNC: the subprogram index. */
  readonly subprog: number;
  /** Precision mark (part 2: always false for now). */
  readonly precise: boolean;
  /** PTR_TO_BTF_ID: the kernel struct it points to ('task_struct'). */
  readonly btfName?: string;
  /** Imported from a kernel log (src/core/kernel-log) with a value bpfiddle does not model: the
   * kernel's text, printed as is. */
  readonly text?: string;
}

const ZERO = knownScalar(0n);
const UNKNOWN = unknownScalar();

const base: Reg = Object.freeze({
  type: 'not_init', flags: 0, off: 0, s: UNKNOWN, id: 0, link: 0, refObjId: 0, range: 0, map: null,
  frameno: 0, memSize: 0, subprog: 0, precise: false,
}) as Reg;

/** __mark_reg_not_init. */
export const NOT_INIT: Reg = base;

/** __mark_reg_unknown: a scalar about which nothing is known. */
export const UNKNOWN_SCALAR: Reg = Object.freeze({ ...base, type: 'scalar' }) as Reg;

/** A scalar with no id. An object literal, not a spread of `base`: V8 copies a frozen object's
 * fields far slower, and conditional jumps make one of these per immediate. */
export const scalarReg = (s: Scalar): Reg => ({
  type: 'scalar', flags: 0, off: 0, s, id: 0, link: 0, refObjId: 0, range: 0, map: null, frameno: 0, memSize: 0, subprog: 0,
  precise: false,
});
/** __mark_reg_known on a scalar (a constant with no id). */
export const constReg = (v: bigint): Reg => scalarReg(knownScalar(v));
export const ZERO_SCALAR: Reg = Object.freeze(constReg(0n)) as Reg;

/** A pointer of `type` with a zero offset (mark_reg_known_zero then setting the type). */
export function ptrReg(type: RegType, extra: Partial<Reg> = {}): Reg {
  // a literal plus assign: spreading the frozen base is several times slower (every call makes a frame pointer)
  const r = {
    type, flags: 0, off: 0, s: ZERO, id: 0, link: 0 as const, refObjId: 0, range: 0, map: null, frameno: 0, memSize: 0,
    subprog: 0, precise: false,
  };
  return Object.assign(r, extra);
}

/**
 * __mark_reg_known(reg, v): the variable part becomes the constant v; off and the type-specific
 * union (range, map, mem size), id and ref_obj_id are cleared; type and frame stay.
 */
export function markKnown(r: Reg, v: bigint): Reg {
  return { ...r, off: 0, range: 0, map: null, memSize: 0, subprog: 0, id: 0, link: 0, refObjId: 0, s: knownScalar(v) };
}

export const isScalar = (r: Reg): boolean => r.type === 'scalar';
export const isMaybeNull = (r: Reg): boolean => (r.flags & PTR_MAYBE_NULL) !== 0;
export const isPktPointer = (r: Reg): boolean => r.type === 'pkt' || r.type === 'pkt_meta';
export const isPktPointerAny = (r: Reg): boolean => isPktPointer(r) || r.type === 'pkt_end';
export const isConstScalarReg = (r: Reg): boolean => r.type === 'scalar' && tnumIsConst(r.s.varOff);
/** register_is_null: a scalar known to be 0. */
export const isNullReg = (r: Reg): boolean => r.type === 'scalar' && tnumEqualsConst(r.s.varOff, 0n);
/** The signed value of a constant scalar. */
export const regConst = (r: Reg): bigint => toS64(r.s.varOff.value);

/** reg_type_str: the type's name in messages and the log (`map_value_or_null`, `ringbuf_mem`). */
export function regTypeStr(r: Pick<Reg, 'type' | 'flags'>): string {
  const names: Record<RegType, string> = {
    not_init: '?', scalar: 'scalar', ctx: 'ctx', map_ptr: 'map_ptr', map_value: 'map_value', map_key: 'map_key',
    stack: 'fp', pkt: 'pkt', pkt_meta: 'pkt_meta', pkt_end: 'pkt_end', mem: 'mem', sock_common: 'sock_common', sock: 'sock', tcp_sock: 'tcp_sock',
    flow_keys: 'flow_keys', func: 'func', btf_id: 'ptr_',
  };
  let prefix = '';
  if (r.flags & MEM_RDONLY) prefix += 'rdonly_';
  if (r.flags & MEM_RINGBUF) prefix += 'ringbuf_';
  if (r.flags & MEM_RCU) prefix += 'rcu_';
  if (r.flags & PTR_UNTRUSTED) prefix += 'untrusted_';
  if (r.flags & PTR_TRUSTED) prefix += 'trusted_';
  const postfix = r.flags & PTR_MAYBE_NULL ? (r.type === 'btf_id' ? 'or_null_' : '_or_null') : '';
  return prefix + names[r.type] + postfix;
}

/** is_spillable_regtype: pointers that may be spilled to the stack whole. */
export const isSpillable = (r: Reg): boolean => r.type !== 'scalar' && r.type !== 'not_init';

/** reg_not_null (for the types bpfiddle models). */
export function regNotNull(r: Reg): boolean {
  if (isMaybeNull(r)) return false;
  return r.type === 'map_value' || r.type === 'map_key' || r.type === 'mem' || r.type === 'map_ptr' || r.type === 'sock_common' ||
    r.type === 'sock' || r.type === 'tcp_sock';
}
