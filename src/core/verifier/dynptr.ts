// Dynptrs on the stack, as Linux 6.18's verifier keeps them: a struct bpf_dynptr is 16 bytes, two
// stack slots of STACK_DYNPTR bytes that carry the dynptr's type, id and (ring buffer dynptrs) the
// acquired reference. Helpers that build one (bpf_dynptr_from_mem, bpf_ringbuf_reserve_dynptr)
// need uninitialised, aligned stack; helpers that use one need an initialised dynptr of the right
// type; bpf_ringbuf_submit/discard_dynptr release it. Writing over a dynptr's bytes destroys it
// (a referenced one may not be overwritten). Ports of process_dynptr_func, dynptr_get_spi,
// mark/unmark_stack_slots_dynptr and destroy_if_dynptr_stack_slot.

import { EACCES, EFAULT, EINVAL, ERANGE, type Ret } from './env.js';
import { acquireReference, releaseReference } from './refs.js';
import { tnumIsConst, toS64 } from './tnum.js';
import type { Reg } from './regs.js';
import { BPF_REG_SIZE, EMPTY_SLOT, type DynptrType, type Slot } from './stack.js';
import type { Walk } from './walk.js';
import { markStackRead, markStackWrite } from './liveness.js';

export const BPF_DYNPTR_SIZE = 16;
const BPF_DYNPTR_NR_SLOTS = 2;

/** The argument's dynptr constraints (ARG_PTR_TO_DYNPTR with its flags). */
export interface DynptrArg {
  /** DYNPTR_TYPE_*: the only type accepted (and the type made, for MEM_UNINIT); undefined = any. */
  readonly dynptrType?: DynptrType;
  readonly uninit?: boolean;
  readonly rdonly?: boolean;
  readonly release?: boolean;
}

/** C's truncating division, for __get_spi of a non-negative offset. */
const cdiv = (a: number, b: number): number => Math.trunc(a / b);

/** dynptr_get_spi (stack_slot_obj_get_spi): the dynptr's first slot, or a negative errno. */
export function dynptrGetSpi(w: Walk, reg: Reg): number {
  if (!tnumIsConst(reg.s.varOff)) {
    w.env.err('dynptr has to be at a constant offset');
    return EINVAL;
  }
  const off = reg.off + Number(toS64(reg.s.varOff.value));
  if (off % BPF_REG_SIZE) {
    w.env.err(`cannot pass in dynptr at an offset=${off}`);
    return EINVAL;
  }
  const spi = cdiv(-off - 1, BPF_REG_SIZE);
  if (spi + 1 < BPF_DYNPTR_NR_SLOTS) {
    w.env.err(`cannot pass in dynptr at an offset=${off}`);
    return EINVAL;
  }
  const allocated = w.cur.st.frames[reg.frameno]!.stack.length;
  if (!(spi - BPF_DYNPTR_NR_SLOTS + 1 >= 0 && spi < allocated)) return ERANGE;
  return spi;
}

const slotAt = (w: Walk, fi: number, spi: number): Slot => w.cur.st.frames[fi]!.stack[spi] ?? EMPTY_SLOT;
/** dynptr_type_refcounted. */
const refcounted = (t: DynptrType): boolean => t === 'ringbuf' || t === 'file';

/** is_dynptr_reg_valid_uninit. */
function validUninit(w: Walk, reg: Reg): boolean {
  const spi = dynptrGetSpi(w, reg);
  return !(spi < 0 && spi !== ERANGE);
}

/** is_dynptr_reg_valid_init. */
function validInit(w: Walk, reg: Reg): boolean {
  const spi = dynptrGetSpi(w, reg);
  if (spi < 0) return false;
  const a = slotAt(w, reg.frameno, spi);
  const b = slotAt(w, reg.frameno, spi - 1);
  return !!a.dynptr?.firstSlot && a.types === 'dddddddd' && b.types === 'dddddddd';
}

/** The dynptr the (initialised) stack pointer `reg` points at. */
export function dynptrAt(w: Walk, reg: Reg): Slot['dynptr'] {
  const spi = dynptrGetSpi(w, reg);
  return spi < 0 ? undefined : slotAt(w, reg.frameno, spi).dynptr;
}

/** destroy_if_dynptr_stack_slot: a write reaches slot `spi` of frame `fi`. */
export function destroyIfDynptrStackSlot(w: Walk, fi: number, spi: number): Ret {
  let s = slotAt(w, fi, spi);
  if (s.types[0] !== 'd' || !s.dynptr) return 0;
  if (!s.dynptr.firstSlot) {
    spi += 1;
    s = slotAt(w, fi, spi);
  }
  if (s.dynptr && refcounted(s.dynptr.type)) {
    w.env.err('cannot overwrite referenced dynptr');
    return EINVAL;
  }
  w.env.markSlotScratched(spi);
  w.env.markSlotScratched(spi - 1);
  w.cur.setSlot(fi, spi, EMPTY_SLOT);
  w.cur.setSlot(fi, spi - 1, EMPTY_SLOT);
  return 0;
}

/** invalidate_dynptr: both slots back to STACK_INVALID (a write of both, for liveness). */
function invalidate(w: Walk, fi: number, spi: number): void {
  w.cur.setSlot(fi, spi, EMPTY_SLOT);
  w.cur.setSlot(fi, spi - 1, EMPTY_SLOT);
  const frameno = w.cur.st.frames[fi]!.frameno;
  markStackWrite(w.env, frameno, spi);
  markStackWrite(w.env, frameno, spi - 1);
}

/** mark_stack_slots_dynptr. */
function markStackSlotsDynptr(w: Walk, reg: Reg, type: DynptrType, insnIdx: number): Ret {
  const spi = dynptrGetSpi(w, reg);
  if (spi < 0) return spi;
  let err = destroyIfDynptrStackSlot(w, reg.frameno, spi);
  if (err) return err;
  err = destroyIfDynptrStackSlot(w, reg.frameno, spi - 1);
  if (err) return err;
  const id = ++w.env.idGen;
  const refObjId = refcounted(type) ? acquireReference(w, insnIdx) : 0;
  w.cur.setSlot(reg.frameno, spi, { types: 'dddddddd', spilled: null, dynptr: { type, firstSlot: true, id, refObjId } });
  w.cur.setSlot(reg.frameno, spi - 1, { types: 'dddddddd', spilled: null, dynptr: { type, firstSlot: false, id, refObjId } });
  const frameno = w.cur.st.frames[reg.frameno]!.frameno;
  markStackWrite(w.env, frameno, spi);
  markStackWrite(w.env, frameno, spi - 1);
  return 0;
}

/** unmark_stack_slots_dynptr: the release of bpf_ringbuf_submit/discard_dynptr. */
export function unmarkStackSlotsDynptr(w: Walk, reg: Reg): Ret {
  const spi = dynptrGetSpi(w, reg);
  if (spi < 0) return spi;
  const d = slotAt(w, reg.frameno, spi).dynptr;
  if (!d || !refcounted(d.type)) {
    invalidate(w, reg.frameno, spi);
    return 0;
  }
  // Slices of the dynptr hold its reference: releasing it invalidates them.
  releaseReference(w, d.refObjId);
  const stack = w.cur.st.frames[reg.frameno]!.stack;
  for (let i = 1; i < stack.length; i++) {
    const s = stack[i]!;
    if (s.dynptr?.refObjId !== d.refObjId) continue;
    if (s.dynptr.firstSlot) invalidate(w, reg.frameno, i);
  }
  return 0;
}

/** process_dynptr_func for a PTR_TO_STACK argument (check_reg_type allowed only the stack). */
export function processDynptrFunc(w: Walk, regno: number, insnIdx: number, arg: DynptrArg,
  writeSlot: (off: number) => Ret): Ret {
  const { env } = w;
  const reg = w.cur.reg(regno);
  if (arg.uninit) {
    if (!validUninit(w, reg)) {
      env.err('Dynptr has to be an uninitialized dynptr');
      return EINVAL;
    }
    for (let i = 0; i < BPF_DYNPTR_SIZE; i += 8) {
      const err = writeSlot(i);
      if (err) return err;
    }
    if (!arg.dynptrType) {
      env.verbose('verifier bug: dynptr without a type\n');
      return EFAULT;
    }
    return markStackSlotsDynptr(w, w.cur.reg(regno), arg.dynptrType, insnIdx);
  }
  if (!validInit(w, reg)) {
    env.err(`Expected an initialized dynptr as arg #${regno - 1}`);
    return EINVAL;
  }
  const d = dynptrAt(w, reg)!;
  if (arg.dynptrType && d.type !== arg.dynptrType) {
    env.err(`Expected a dynptr of type ${arg.dynptrType} as arg #${regno - 1}`);
    return EINVAL;
  }
  // mark_dynptr_read: the helper reads both slots.
  const spi = dynptrGetSpi(w, reg);
  const frameno = w.cur.st.frames[reg.frameno]!.frameno;
  markStackRead(env, frameno, env.insnIdx, spi);
  markStackRead(env, frameno, env.insnIdx, spi - 1);
  // The kernel's state print after the call shows the dynptr (measured on 6.18).
  env.markSlotScratched(spi);
  env.markSlotScratched(spi - 1);
  return 0;
}

/** check_func_arg's release check for a dynptr argument: the stack must hold a referenced dynptr. */
export function checkDynptrRelease(w: Walk, regno: number): Ret {
  const reg = w.cur.reg(regno);
  const spi = dynptrGetSpi(w, reg);
  if (spi < 0 || !slotAt(w, reg.frameno, spi).dynptr?.refObjId) {
    w.env.err(`arg ${regno} is an unacquired reference`);
    return EINVAL;
  }
  return 0;
}

/** check_stack_range_initialized's raw-mode guard: helpers may not write over a dynptr. */
export function checkRawWriteOverDynptr(w: Walk, fi: number, minOff: number, maxOff: number): Ret {
  const stack = w.cur.st.frames[fi]!.stack;
  for (let i = minOff; i < maxOff; i++) {
    const stackOff = -i - 1;
    if (stack.length * BPF_REG_SIZE <= stackOff) continue;
    const s = stack[Math.floor(stackOff / BPF_REG_SIZE)]!;
    if (s.types[stackOff % BPF_REG_SIZE] === 'd') {
      w.env.err(`potential write to dynptr at off=${i} disallowed`);
      return EACCES;
    }
  }
  return 0;
}
