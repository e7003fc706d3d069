// A call frame's stack as the verifier tracks it (struct bpf_stack_state): 8-byte slots, each
// with a type per byte (invalid, spilled register, misc data, known zero) and, for spills, the
// register that was spilled. Slot i covers fp-(i+1)*8 .. fp-i*8-1; byte k of a slot's `types` is
// fp-i*8-1-k (the kernel's slot_type[] order: the first character is the highest address).
// Slots are immutable; a frame's stack is an array replaced on write.

import type { Reg } from './regs.js';

/** STACK_INVALID '?', STACK_SPILL 'r', STACK_MISC 'm', STACK_ZERO '0', STACK_DYNPTR 'd'. */
export type SlotByte = '?' | 'r' | 'm' | '0' | 'd';

/** enum bpf_dynptr_type's names as dynptr_type_str prints them. */
export type DynptrType = 'local' | 'ringbuf' | 'skb' | 'xdp' | 'skb_meta' | 'file';

/** What the kernel keeps in a STACK_DYNPTR slot's spilled_ptr (a CONST_PTR_TO_DYNPTR). */
export interface SlotDynptr {
  readonly type: DynptrType;
  /** The slot at the dynptr's base (the deeper of its two slots). */
  readonly firstSlot: boolean;
  /** The dynptr's id (mark_dynptr_stack_regs), shared by both slots. */
  readonly id: number;
  /** The acquired reference of a ring buffer dynptr, 0 for others. */
  readonly refObjId: number;
}

export interface Slot {
  /** Eight characters of SlotByte in slot_type[] order. */
  readonly types: string;
  /** The spilled register when the last byte (slot_type[7]) is a spill; else null. */
  readonly spilled: Reg | null;
  /** Imported from a kernel log (src/core/kernel-log), a slot bpfiddle does not model (dynptr,
   * iterator): the kernel's text after `fp-N=`, printed as is. */
  readonly text?: string;
  /** STACK_DYNPTR slots: the dynptr (both of its slots carry it). */
  readonly dynptr?: SlotDynptr;
}

export const BPF_REG_SIZE = 8;
export const EMPTY_SLOT: Slot = Object.freeze({ types: '????????', spilled: null });

/** Slot index of the stack byte at fp+off (off < 0). */
export const slotOf = (off: number): number => Math.floor((-off - 1) / BPF_REG_SIZE);

/** is_spilled_reg: the slot holds a spilled register (its last byte is a spill). */
export const isSpilled = (s: Slot): boolean => s.types[BPF_REG_SIZE - 1] === 'r';
/** is_spilled_scalar_reg. */
export const isSpilledScalar = (s: Slot): boolean => isSpilled(s) && s.spilled?.type === 'scalar';

/** A copy of `types` with byte i replaced. */
export const setType = (types: string, i: number, t: SlotByte): string => types.slice(0, i) + t + types.slice(i + 1);
