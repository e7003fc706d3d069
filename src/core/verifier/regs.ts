// Register state as Linux 6.18's verifier keeps it (struct bpf_reg_state): a base type, the
// modifier flags (nullable, read-only, ringbuf memory), a fixed offset plus a variable part (the
// scalar domain: tnum and bounds), ids that tie copies together, and per-type extras (the map, the
// packet range, the stack frame, the memory size). Registers are immutable plain objects: every
// change makes a new one, so states can be shared between instructions and paths.

import { knownScalar, unknownScalar, type Scalar } from './bounds.js';
import { tnumIsConst, toS64 } from './tnum.js';

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
  | 'func';        // PTR_TO_FUNC (ld_imm64 of a subprogram, for callbacks)

/** Type modifier flags (enum bpf_type_flag), as a bit set. */
export const PTR_MAYBE_NULL = 1;
export const MEM_RDONLY = 2;
export const MEM_RINGBUF = 4;

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
  /** Packet pointers: bytes verified readable from the pointer's fixed offset base. */
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
}

const ZERO = knownScalar(0n);

const base: Reg = Object.freeze({
  type: 'not_init', flags: 0, off: 0, s: unknownScalar(), id: 0, link: 0, refObjId: 0, range: 0, map: null,
  frameno: 0, memSize: 0, subprog: 0, precise: false,
}) as Reg;

export const NOT_INIT: Reg = base;

/** __mark_reg_unknown: a scalar about which nothing is known. */
export const UNKNOWN_SCALAR: Reg = Object.freeze({ ...base, type: 'scalar' }) as Reg;

export const scalarReg = (s: Scalar): Reg => ({ ...base, type: 'scalar', s });
export const constReg = (v: bigint): Reg => ({ ...base, type: 'scalar', s: knownScalar(v) });

/** A pointer of `type` with a zero offset (known zero variable part). */
export function ptrReg(type: RegType, extra: Partial<Reg> = {}): Reg {
  return { ...base, type, s: ZERO, ...extra };
}

export const isScalar = (r: Reg): boolean => r.type === 'scalar';
export const isPointer = (r: Reg): boolean => r.type !== 'scalar' && r.type !== 'not_init';
export const isMaybeNull = (r: Reg): boolean => (r.flags & PTR_MAYBE_NULL) !== 0;
export const isPktPointer = (r: Reg): boolean => r.type === 'pkt' || r.type === 'pkt_meta';
export const isConstScalarReg = (r: Reg): boolean => r.type === 'scalar' && tnumIsConst(r.s.varOff);
/** The signed value of a constant scalar. */
export const regConst = (r: Reg): bigint => toS64(r.s.varOff.value);
/** A pointer whose variable part is known (the kernel's tnum_is_const(reg->var_off)). */
export const hasConstOffset = (r: Reg): boolean => tnumIsConst(r.s.varOff);

/** reg_type_str: the type's name in messages and the log (`map_value_or_null`, `ringbuf_mem`). */
export function regTypeStr(r: Pick<Reg, 'type' | 'flags'>): string {
  const names: Record<RegType, string> = {
    not_init: '?', scalar: 'scalar', ctx: 'ctx', map_ptr: 'map_ptr', map_value: 'map_value', map_key: 'map_key',
    stack: 'fp', pkt: 'pkt', pkt_meta: 'pkt_meta', pkt_end: 'pkt_end', mem: 'mem', func: 'func',
  };
  let prefix = '';
  if (r.flags & MEM_RDONLY) prefix += 'rdonly_';
  if (r.flags & MEM_RINGBUF) prefix += 'ringbuf_';
  const postfix = r.flags & PTR_MAYBE_NULL ? '_or_null' : '';
  return prefix + names[r.type] + postfix;
}
