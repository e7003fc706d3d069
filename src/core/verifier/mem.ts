// Memory access checks by pointer type (check_mem_access and what it dispatches to): map values
// and keys, helper memory, the context (through the program type's ctxAccess table), the stack
// (spills and fills, byte-granular slot types, variable offsets) and the packet's verified range,
// plus the helper-argument variants (check_helper_mem_access, check_stack_range_initialized,
// check_mem_size_reg). Each function is a port of the kernel's, returning 0 or a negative errno
// after logging the kernel's message.

import { ctxAccess, readsBeforeRecord } from '../progtypes/ctx.js';
import { S64_MIN, scalarSext64, scalarTruncate } from './bounds.js';
import {
  BPF_MAX_VAR_OFF, BPF_MAX_VAR_SIZ, EACCES, EFAULT, EINVAL, MAX_BPF_STACK, type Env, type Ret,
} from './env.js';
import {
  MEM_RDONLY, PTR_MAYBE_NULL, PTR_UNTRUSTED, UNKNOWN_SCALAR, ZERO_SCALAR, isMaybeNull, isNullReg, isPktPointer, isSpillable,
  ptrReg, regTypeStr, markKnown, type Reg,
} from './regs.js';
import { BPF_REG_SIZE, EMPTY_SLOT, isSpilled, isSpilledScalar, setType, type Slot, type SlotByte } from './stack.js';
import { fls64, tnumAdd, tnumConst, tnumIsAligned, tnumIsConst, tnumStrn, toS64 } from './tnum.js';
import { pushJmpHistory, type Walk } from './walk.js';
import { insnStackAccessFlags } from './precision.js';
import { markStackRead, markStackWrite } from './liveness.js';
import { mapPtrAccess, mapStructName } from './map-struct.js';
import { checkRawWriteOverDynptr, destroyIfDynptrStackSlot } from './dynptr.js';
import { checkPtrToBtfAccess } from './btf-access.js';

export type Access = 'read' | 'write';

const BPF_F_RDONLY_PROG = 1 << 7;
const BPF_F_WRONLY_PROG = 1 << 8;

/** Optional context of a helper-argument memory check (struct bpf_call_arg_meta's relevant part). */
export interface MemMeta {
  rawMode: boolean;
  pktAccess: boolean;
  accessSize: number;
  regno: number;
}

// ---- alignment ----

export function checkPtrAlignment(w: Walk, reg: Reg, off: number, size: number, strictOnce: boolean): Ret {
  const strict = strictOnce; // x86 has efficient unaligned access: only forced checks apply
  if (reg.type === 'pkt' || reg.type === 'pkt_meta') {
    if (!strict || size === 1) return 0;
    const ipAlign = 2;
    const regOff = tnumAdd(reg.s.varOff, tnumConst(BigInt(ipAlign + reg.off + off)));
    if (!tnumIsAligned(regOff, BigInt(size))) {
      w.env.err(`misaligned packet access off ${ipAlign}+${tnumStrn(reg.s.varOff)}+${reg.off}+${off} size ${size}`);
      return EACCES;
    }
    return 0;
  }
  let desc = '';
  let s = strict;
  switch (reg.type) {
    case 'flow_keys': desc = 'flow keys '; break;
    case 'map_key': desc = 'key '; break;
    case 'map_value': desc = 'value '; break;
    case 'ctx': desc = 'context '; break;
    case 'stack': desc = 'stack '; s = true; break;
    case 'sock_common': desc = 'sock_common '; break;
    default: break;
  }
  if (!s || size === 1) return 0;
  const regOff = tnumAdd(reg.s.varOff, tnumConst(BigInt(reg.off + off)));
  if (!tnumIsAligned(regOff, BigInt(size))) {
    w.env.err(`misaligned ${desc}access off ${tnumStrn(reg.s.varOff)}+${reg.off}+${off} size ${size}`);
    return EACCES;
  }
  return 0;
}

/** C's conversion of an s64 to an int argument. */
const s32 = (x: bigint): number => Number(BigInt.asIntN(32, x));

// ---- bounded regions (map values, keys, helper memory, packets) ----

/** __check_mem_access. */
function checkMemBounds(w: Walk, regno: number, o: number, size: number, memSize: number, zeroOk: boolean): Ret {
  const sizeOk = size > 0 || (size === 0 && zeroOk);
  if (o >= 0 && sizeOk && o + size <= memSize) return 0;
  const reg = w.cur.reg(regno);
  // The kernel switches on the whole reg->type: a map value that may be NULL (or is read-only)
  // is reported as plain memory.
  switch (reg.flags ? 'flagged' : reg.type) {
    case 'map_key':
      w.env.err(`invalid access to map key, key_size=${memSize} off=${o} size=${size}`);
      break;
    case 'map_value':
      w.env.err(`invalid access to map value, value_size=${memSize} off=${o} size=${size}`);
      break;
    case 'pkt': case 'pkt_meta': case 'pkt_end':
      w.env.err(`invalid access to packet, off=${o} size=${size}, R${regno}(id=${reg.id},off=${o},r=${memSize | 0})`);
      break;
    default:
      w.env.err(`invalid access to memory, mem_size=${memSize >>> 0} off=${o} size=${size}`);
  }
  return EACCES;
}

/** check_mem_region_access: a region with a possibly variable offset. */
export function checkMemRegionAccess(w: Walk, regno: number, off: number, size: number, memSize: number, zeroOk: boolean): Ret {
  const reg = w.cur.reg(regno);
  const smin = reg.s.smin;
  const o = BigInt(off);
  if (smin < 0n && (smin === S64_MIN || o + smin !== BigInt.asIntN(32, o + smin) || smin + o < 0n)) {
    w.env.err(`R${regno} min value is negative, either use unsigned index or do a if (index >=0) check.`);
    return EACCES;
  }
  let err = checkMemBounds(w, regno, s32(smin + o), size, memSize, zeroOk);
  if (err) {
    w.env.err(`R${regno} min value is outside of the allowed memory range`);
    return err;
  }
  if (reg.s.umax >= BigInt(BPF_MAX_VAR_OFF)) {
    w.env.err(`R${regno} unbounded memory access, make sure to bounds check any such access`);
    return EACCES;
  }
  err = checkMemBounds(w, regno, s32(reg.s.umax + o), size, memSize, zeroOk);
  if (err) {
    w.env.err(`R${regno} max value is outside of the allowed memory range`);
    return err;
  }
  return 0;
}

function checkMapAccessType(w: Walk, regno: number, off: number, size: number, t: Access): Ret {
  const map = w.cur.reg(regno).map!;
  const canRead = !(map.flags & BPF_F_WRONLY_PROG);
  const canWrite = !(map.flags & BPF_F_RDONLY_PROG);
  if (t === 'write' && !canWrite) {
    w.env.err(`write into map forbidden, value_size=${map.valueSize} off=${off} size=${size}`);
    return EACCES;
  }
  if (t === 'read' && !canRead) {
    w.env.err(`read from map forbidden, value_size=${map.valueSize} off=${off} size=${size}`);
    return EACCES;
  }
  return 0;
}

/** may_access_direct_pkt_data. `meta` is set for helper arguments. */
export function mayAccessDirectPktData(env: Env, meta: MemMeta | null, t: Access): boolean {
  switch (env.progType) {
    case 'cgroup_skb':
      if (t === 'write') return false;
      return meta ? meta.pktAccess : true;
    case 'sched_cls': case 'sched_act': case 'xdp':
      return meta ? meta.pktAccess : true;
    default:
      return false;
  }
}

/** check_packet_access. */
export function checkPacketAccess(w: Walk, regno: number, off: number, size: number, zeroOk: boolean): Ret {
  const reg = w.cur.reg(regno);
  if (reg.s.smin < 0n) {
    w.env.err(`R${regno} min value is negative, either use unsigned index or do a if (index >=0) check.`);
    return EACCES;
  }
  const err = reg.range < 0 ? EINVAL : checkMemBounds(w, regno, off, size, reg.range, zeroOk);
  if (err) {
    w.env.err(`R${regno} offset is outside of the packet`);
    return err;
  }
  return 0;
}

/** __check_ptr_off_reg: pointers that must be used unmodified (ctx, sockets). */
export function checkPtrOffReg(w: Walk, reg: Reg, regno: number, fixedOffOk: boolean): Ret {
  if (reg.off < 0) {
    w.env.err(`negative offset ${regTypeStr(reg)} ptr R${regno} off=${reg.off} disallowed`);
    return EACCES;
  }
  if (!fixedOffOk && reg.off) {
    w.env.err(`dereference of modified ${regTypeStr(reg)} ptr R${regno} off=${reg.off} disallowed`);
    return EACCES;
  }
  if (!tnumIsConst(reg.s.varOff) || reg.s.varOff.value) {
    w.env.err(`variable ${regTypeStr(reg)} access var_off=${tnumStrn(reg.s.varOff)} disallowed`);
    return EACCES;
  }
  return 0;
}

// ---- the stack ----

function setSlotByte(w: Walk, fi: number, spi: number, byte: number, t: SlotByte): void {
  const slot = w.cur.st.frames[fi]!.stack[spi] ?? EMPTY_SLOT;
  w.cur.setSlot(fi, spi, { ...slot, types: setType(slot.types, byte, t) });
}

const slotAt = (w: Walk, fi: number, spi: number): Slot => w.cur.st.frames[fi]!.stack[spi] ?? EMPTY_SLOT;

/** grow_stack_state plus the subprogram's stack depth. */
function growStackState(w: Walk, fi: number, size: number): void {
  const rounded = Math.ceil(size / BPF_REG_SIZE) * BPF_REG_SIZE;
  if (w.cur.growStack(fi, rounded / BPF_REG_SIZE)) {
    const sp = w.env.subprogs[w.cur.st.frames[fi]!.subprog]!;
    if (sp.stackDepth < rounded) sp.stackDepth = rounded;
  }
}

/** check_stack_access_within_bounds. */
function checkStackAccessWithinBounds(w: Walk, regno: number, off: number, accessSize: number, t: Access): Ret {
  const reg = w.cur.reg(regno);
  const extra = t === 'read' ? ' read from' : ' write to';
  let minOff: bigint;
  let maxOff: bigint;
  const isConst = tnumIsConst(reg.s.varOff);
  if (isConst) {
    minOff = toS64(reg.s.varOff.value) + BigInt(off);
    maxOff = minOff + BigInt(accessSize);
  } else {
    if (reg.s.smax >= BigInt(BPF_MAX_VAR_OFF) || reg.s.smin <= -BigInt(BPF_MAX_VAR_OFF)) {
      w.env.err(`invalid unbounded variable-offset${extra} stack R${regno}`);
      return EACCES;
    }
    minOff = reg.s.smin + BigInt(off);
    maxOff = reg.s.smax + BigInt(off) + BigInt(accessSize);
  }
  // root may read uninitialised stack: reads and writes both reach down to -MAX_BPF_STACK
  let err = minOff < -BigInt(MAX_BPF_STACK) || minOff > -1n ? EACCES : 0;
  if (!err && maxOff > 0n) err = EINVAL;
  if (!err && accessSize < 0) err = EFAULT;
  if (err) {
    if (isConst) w.env.err(`invalid${extra} stack R${regno} off=${off} size=${accessSize}`);
    else w.env.err(`invalid variable-offset${extra} stack R${regno} var_off=${tnumStrn(reg.s.varOff)} off=${off} size=${accessSize}`);
    return err;
  }
  growStackState(w, reg.frameno, Number(-minOff));
  return 0;
}

/** assign_scalar_id_before_mov, applied to register `regno` of the current frame. */
export function assignScalarIdBeforeMov(w: Walk, regno: number): Reg {
  let r = w.cur.reg(regno);
  if (r.type !== 'scalar') return r;
  if (r.link) r = { ...r, id: 0, off: 0, link: 0 };
  if (!r.id && !tnumIsConst(r.s.varOff)) r = { ...r, id: ++w.env.idGen };
  w.cur.setReg(regno, r);
  return r;
}

/** save_register_state: spill `reg` into the last `size` bytes of slot `spi`. */
function saveRegisterState(w: Walk, fi: number, spi: number, reg: Reg, size: number): void {
  const old = slotAt(w, fi, spi).types;
  let types = '';
  for (let i = 0; i < BPF_REG_SIZE; i++) {
    if (i >= BPF_REG_SIZE - size) types += 'r';
    else types += old[i] === '0' || old[i] === '?' ? old[i] : 'm'; // mark_stack_slot_misc
  }
  w.cur.setSlot(fi, spi, { types, spilled: reg });
}

/** check_stack_write_fixed_off. */
function checkStackWriteFixedOff(w: Walk, fi: number, off: number, size: number, valueRegno: number, insnIdx: number): Ret {
  const { env } = w;
  const slotIdx = -off - 1;
  const spi = Math.floor(slotIdx / BPF_REG_SIZE);
  const insn = env.insns[insnIdx]!;
  const isStMem = (insn.code & 0x07) === 0x02 && (insn.code & 0xe0) === 0x60;
  const derr = destroyIfDynptrStackSlot(w, fi, spi);
  if (derr) return derr;
  if (!(off % BPF_REG_SIZE) && size === BPF_REG_SIZE) markStackWrite(env, w.cur.st.frames[fi]!.frameno, spi);
  env.markSlotScratched(spi);
  let reg = valueRegno >= 0 ? w.cur.reg(valueRegno) : null;
  let spill = true;
  if (reg && !(off % BPF_REG_SIZE) && reg.type === 'scalar') {
    const fits = fls64(reg.s.umax) <= 8 * size;
    if (fits) reg = assignScalarIdBeforeMov(w, valueRegno);
    saveRegisterState(w, fi, spi, fits ? reg : { ...reg, id: 0 }, size);
  } else if (!reg && !(off % BPF_REG_SIZE) && isStMem) {
    saveRegisterState(w, fi, spi, markKnown(UNKNOWN_SCALAR, BigInt(insn.imm)), size);
  } else if (reg && isSpillable(reg)) {
    if (size !== BPF_REG_SIZE) {
      env.err('invalid size of register spill');
      return EACCES;
    }
    if (fi !== w.cur.curframe && reg.type === 'stack') {
      env.err('cannot spill pointers to stack into stack frame of the caller');
      return EINVAL;
    }
    saveRegisterState(w, fi, spi, reg, size);
  } else {
    const old = slotAt(w, fi, spi);
    const zero = (reg && isNullReg(reg)) || (!reg && isStMem && insn.imm === 0);
    spill = false;
    // STACK_ZERO stands for the register's value: it must stay exactly zero (backtracking cannot follow it).
    if (zero && reg) {
      const err = w.markChainPrecision(valueRegno);
      if (err) return err;
    }
    const t: SlotByte = zero ? '0' : 'm';
    let types = old.types;
    // is_stack_slot_special: a spilled register's bytes become plain data (scrub_spilled_slot)
    if (isSpilled(old)) types = types.replace(/[^?]/g, 'm');
    for (let i = 0; i < size; i++) types = setType(types, (slotIdx - i) % BPF_REG_SIZE, t);
    w.cur.setSlot(fi, spi, { types, spilled: old.spilled ? { ...old.spilled, type: 'not_init' } : null });
  }
  if (spill) pushJmpHistory(w, insnStackAccessFlags(w.cur.st.frames[fi]!.frameno, spi));
  return 0;
}

/** check_stack_write_var_off. */
function checkStackWriteVarOff(w: Walk, fi: number, ptrRegno: number, off: number, size: number, valueRegno: number, insnIdx: number): Ret {
  const ptr = w.cur.reg(ptrRegno);
  const minOff = Number(ptr.s.smin) + off;
  const maxOff = Number(ptr.s.smax) + off + size;
  for (let i = minOff; i < maxOff; i++) {
    const err = destroyIfDynptrStackSlot(w, fi, Math.floor((-i - 1) / BPF_REG_SIZE));
    if (err) return err;
  }
  const insn = w.env.insns[insnIdx]!;
  const isStMem = (insn.code & 0x07) === 0x02 && (insn.code & 0xe0) === 0x60;
  const value = valueRegno >= 0 ? w.cur.reg(valueRegno) : null;
  const writingZero = (value && isNullReg(value)) || (!value && isStMem && insn.imm === 0);
  let zeroUsed = false;
  for (let i = minOff; i < maxOff; i++) {
    const slotIdx = -i - 1;
    const spi = Math.floor(slotIdx / BPF_REG_SIZE);
    const byte = slotIdx % BPF_REG_SIZE;
    w.env.markSlotScratched(spi);
    const slot = slotAt(w, fi, spi);
    const stype = slot.types[byte] as SlotByte;
    if (writingZero && stype === 'r' && isSpilledScalar(slot) && tnumIsConst(slot.spilled!.s.varOff) &&
      slot.spilled!.s.varOff.value === 0n) {
      zeroUsed = true;
      continue;
    }
    const newType: SlotByte = writingZero && stype === '0' ? '0' : 'm';
    if (newType === '0') zeroUsed = true;
    w.cur.setSlot(fi, spi, {
      types: setType(slot.types, byte, newType),
      spilled: slot.spilled ? { ...slot.spilled, type: 'not_init' } : null,
    });
  }
  // Backtracking does not follow STACK_ZERO: the written register itself must stay zero.
  if (zeroUsed && valueRegno >= 0) return w.markChainPrecision(valueRegno);
  return 0;
}

/** mark_reg_stack_read: a fill of plain data (zero when every byte is STACK_ZERO). */
function markRegStackRead(w: Walk, fi: number, minOff: number, maxOff: number, dstRegno: number): void {
  let zeros = 0;
  for (let i = minOff; i < maxOff; i++) {
    const slotIdx = -i - 1;
    const spi = Math.floor(slotIdx / BPF_REG_SIZE);
    w.env.markSlotScratched(spi);
    if (slotAt(w, fi, spi).types[slotIdx % BPF_REG_SIZE] !== '0') break;
    zeros++;
  }
  w.cur.setReg(dstRegno, zeros === maxOff - minOff ? ZERO_SCALAR : UNKNOWN_SCALAR);
}

/** check_stack_read_fixed_off. */
function checkStackReadFixedOff(w: Walk, fi: number, off: number, size: number, dstRegno: number): Ret {
  const { env } = w;
  const slotIdx = -off - 1;
  const spi = Math.floor(slotIdx / BPF_REG_SIZE);
  const slot = slotAt(w, fi, spi);
  const stype = slot.types;
  const reg = slot.spilled;
  env.markSlotScratched(spi);
  markStackRead(env, w.cur.st.frames[fi]!.frameno, env.insnIdx, spi);
  if (isSpilled(slot) && reg) {
    let spillSize = 1;
    for (let i = BPF_REG_SIZE - 1; i > 0 && stype[i - 1] === 'r'; i--) spillSize++;
    if (size !== BPF_REG_SIZE || spillSize !== BPF_REG_SIZE) {
      if (reg.type !== 'scalar') {
        env.err('invalid size of register fill');
        return EACCES;
      }
      if (dstRegno < 0) return 0;
      if (size <= spillSize && off % BPF_REG_SIZE === 0) {
        let r = reg;
        if (fls64(reg.s.umax) > size * 8) r = { ...r, id: 0 };
        w.cur.setReg(dstRegno, r);
        pushJmpHistory(w, insnStackAccessFlags(w.cur.st.frames[fi]!.frameno, spi));
      } else {
        let spillCnt = 0;
        let zeroCnt = 0;
        for (let i = 0; i < size; i++) {
          const t = stype[(slotIdx - i) % BPF_REG_SIZE];
          if (t === 'r') { spillCnt++; continue; }
          if (t === 'm') continue;
          if (t === '0') { zeroCnt++; continue; }
          if (t === '?') continue; // root may read uninitialised stack
          env.err(`invalid read from stack off ${off}+${i} size ${size}`);
          return EACCES;
        }
        if (spillCnt === size && tnumIsConst(reg.s.varOff) && reg.s.varOff.value === 0n) {
          w.cur.setReg(dstRegno, ZERO_SCALAR);
          pushJmpHistory(w, insnStackAccessFlags(w.cur.st.frames[fi]!.frameno, spi));
        } else if (zeroCnt === size) w.cur.setReg(dstRegno, ZERO_SCALAR);
        else w.cur.setReg(dstRegno, UNKNOWN_SCALAR);
      }
    } else {
      if (dstRegno >= 0) w.cur.setReg(dstRegno, reg);
      pushJmpHistory(w, insnStackAccessFlags(w.cur.st.frames[fi]!.frameno, spi));
    }
    return 0;
  }
  for (let i = 0; i < size; i++) {
    const t = stype[(slotIdx - i) % BPF_REG_SIZE];
    if (t === 'm' || t === '0' || t === '?') continue;
    env.err(`invalid read from stack off ${off}+${i} size ${size}`);
    return EACCES;
  }
  if (dstRegno >= 0) markRegStackRead(w, fi, off, off + size, dstRegno);
  return 0;
}

/** check_stack_range_initialized: stack memory a helper reads (or writes, `clobber`). */
export function checkStackRangeInitialized(
  w: Walk, regno: number, off: number, accessSize: number, zeroOk: boolean, t: Access, meta: MemMeta | null,
): Ret {
  const { env } = w;
  const reg = w.cur.reg(regno);
  const fi = reg.frameno;
  if (accessSize === 0 && !zeroOk) {
    env.err('invalid zero-sized read');
    return EACCES;
  }
  const clobber = t === 'write';
  const err = checkStackAccessWithinBounds(w, regno, off, accessSize, t);
  if (err) return err;
  let minOff: number;
  let maxOff: number;
  const isConst = tnumIsConst(reg.s.varOff);
  if (isConst) {
    minOff = maxOff = Number(toS64(reg.s.varOff.value)) + off;
  } else {
    if (meta && meta.rawMode) meta = null;
    minOff = Number(reg.s.smin) + off;
    maxOff = Number(reg.s.smax) + off;
  }
  if (meta && meta.rawMode) {
    const derr = checkRawWriteOverDynptr(w, fi, minOff, maxOff + accessSize);
    if (derr) return derr;
    meta.accessSize = accessSize;
    meta.regno = regno;
    return 0;
  }
  for (let i = minOff; i < maxOff + accessSize; i++) {
    const slotIdx = -i - 1;
    const spi = Math.floor(slotIdx / BPF_REG_SIZE);
    const byte = slotIdx % BPF_REG_SIZE;
    const frame = w.cur.st.frames[fi]!;
    if (frame.stack.length * BPF_REG_SIZE <= slotIdx) {
      env.err('allocated_stack too small');
      return EFAULT;
    }
    const slot = slotAt(w, fi, spi);
    const stype = slot.types[byte];
    if (stype === 'm') {
      markStackRead(env, frame.frameno, env.insnIdx, spi);
      continue;
    }
    if (stype === '0' || stype === '?') {
      if (clobber) setSlotByte(w, fi, spi, byte, 'm');
      markStackRead(env, frame.frameno, env.insnIdx, spi);
      continue;
    }
    if (isSpilled(slot)) {
      if (clobber) {
        let types = '';
        for (const c of slot.types) types += c === '?' ? '?' : 'm';
        w.cur.setSlot(fi, spi, { types, spilled: UNKNOWN_SCALAR });
      }
      markStackRead(env, frame.frameno, env.insnIdx, spi);
      continue;
    }
    if (isConst) env.err(`invalid read from stack R${regno} off ${minOff}+${i - minOff} size ${accessSize}`);
    else env.err(`invalid read from stack R${regno} var_off ${tnumStrn(reg.s.varOff)}+${i - minOff} size ${accessSize}`);
    return EACCES;
  }
  return 0;
}

// ---- check_mem_access ----

/**
 * check_mem_access: is (regno + off) readable/writable with `size` bytes? A read into
 * `valueRegno` (>= 0) sets that register; a write stores it.
 */
export function checkMemAccess(
  w: Walk, insnIdx: number, regno: number, off: number, size: number, t: Access, valueRegno: number,
  strictAlignmentOnce: boolean, isLdsx: boolean,
): Ret {
  const { env, cur } = w;
  const reg = cur.reg(regno);
  let err = checkPtrAlignment(w, reg, off, size, strictAlignmentOnce);
  if (err) return err;
  off += reg.off;

  if (reg.type === 'map_key' && !reg.flags) {
    if (t === 'write') {
      env.err(`write to change key R${regno} not allowed`);
      return EACCES;
    }
    err = checkMemRegionAccess(w, regno, off, size, reg.map!.keySize, false);
    if (err) return err;
    if (valueRegno >= 0) cur.setReg(valueRegno, UNKNOWN_SCALAR);
  } else if (reg.type === 'map_value' && !reg.flags) {
    err = checkMapAccessType(w, regno, off, size, t);
    if (err) return err;
    err = checkMemRegionAccess(w, regno, off, size, reg.map!.valueSize, false);
    if (err) return err;
    if (t === 'read' && valueRegno >= 0) cur.setReg(valueRegno, UNKNOWN_SCALAR);
  } else if (reg.type === 'mem') {
    const rdonly = (reg.flags & MEM_RDONLY) !== 0;
    if (isMaybeNull(reg)) {
      env.err(`R${regno} invalid mem access '${regTypeStr(reg)}'`);
      return EACCES;
    }
    if (t === 'write' && rdonly) {
      env.err(`R${regno} cannot write into ${regTypeStr(reg)}`);
      return EACCES;
    }
    // Untrusted read-only memory is read with probe loads: no bounds to check.
    if (!(rdonly && (reg.flags & PTR_UNTRUSTED))) err = checkMemRegionAccess(w, regno, off, size, reg.memSize, false);
    if (!err && valueRegno >= 0 && (t === 'read' || rdonly)) cur.setReg(valueRegno, UNKNOWN_SCALAR);
  } else if (reg.type === 'ctx') {
    err = checkPtrOffReg(w, reg, regno, false);
    if (err < 0) return err;
    let field = env.spec ? ctxAccess(env.spec, off, size, t === 'write') : null;
    // The packet pointer fields refuse sign-extending loads (is_valid_access's info->is_ldsx).
    if (field && isLdsx && (field.kind === 'data' || field.kind === 'data_end' || field.kind === 'data_meta')) field = null;
    if (!field && env.spec && readsBeforeRecord(env.spec, off, size, t === 'write')) {
      if (t === 'read' && valueRegno >= 0) cur.setReg(valueRegno, UNKNOWN_SCALAR);
    } else if (!field) {
      env.err(`invalid bpf_context access off=${off} size=${size}`);
      return EACCES;
    } else if (t === 'read' && valueRegno >= 0) {
      switch (field.kind) {
        case 'data': cur.setReg(valueRegno, ptrReg('pkt')); break;
        case 'data_end': cur.setReg(valueRegno, ptrReg('pkt_end')); break;
        case 'data_meta': cur.setReg(valueRegno, ptrReg('pkt_meta')); break;
        case 'sock': cur.setReg(valueRegno, ptrReg('sock_common', { flags: PTR_MAYBE_NULL, id: ++env.idGen })); break;
        case 'flow_keys': cur.setReg(valueRegno, ptrReg('flow_keys')); break;
        default: cur.setReg(valueRegno, UNKNOWN_SCALAR);
      }
    }
  } else if (reg.type === 'stack') {
    err = checkStackAccessWithinBounds(w, regno, off, size, t);
    if (err) return err;
    const fi = reg.frameno;
    if (t === 'read') {
      if (valueRegno < 0 && !tnumIsConst(reg.s.varOff)) {
        env.err(`variable offset stack pointer cannot be passed into helper function; var_off=${tnumStrn(reg.s.varOff)} off=${off} size=${size}`);
        return EACCES;
      }
      if (tnumIsConst(reg.s.varOff)) {
        err = checkStackReadFixedOff(w, fi, off + Number(toS64(reg.s.varOff.value)), size, valueRegno);
      } else {
        err = checkStackRangeInitialized(w, regno, off, size, false, 'read', null);
        if (!err) {
          const r = cur.reg(regno);
          markRegStackRead(w, fi, Number(r.s.smin) + off, Number(r.s.smax) + off + size, valueRegno);
        }
      }
    } else if (tnumIsConst(reg.s.varOff)) {
      err = checkStackWriteFixedOff(w, fi, off + Number(toS64(reg.s.varOff.value)), size, valueRegno, insnIdx);
    } else {
      err = checkStackWriteVarOff(w, fi, regno, off, size, valueRegno, insnIdx);
    }
  } else if (isPktPointer(reg)) {
    if (t === 'write' && !mayAccessDirectPktData(env, null, t)) {
      env.err('cannot write into packet');
      return EACCES;
    }
    err = checkPacketAccess(w, regno, off, size, false);
    if (!err && t === 'read' && valueRegno >= 0) cur.setReg(valueRegno, UNKNOWN_SCALAR);
  } else if (reg.type === 'flow_keys') {
    if (size < 0 || off < 0 || off + size > 56) {
      env.err(`invalid access to flow keys off=${off} size=${size}`);
      return EACCES;
    }
    if (t === 'read' && valueRegno >= 0) cur.setReg(valueRegno, UNKNOWN_SCALAR);
  } else if ((reg.type === 'sock_common' || reg.type === 'sock' || reg.type === 'tcp_sock') && !reg.flags) {
    if (t === 'write') {
      env.err(`R${regno} cannot write into ${regTypeStr(reg)}`);
      return EACCES;
    }
    if (reg.s.smin < 0n) {
      env.err(`R${regno} min value is negative, either use unsigned index or do a if (index >=0) check.`);
      return EACCES;
    }
    const ok = reg.type === 'tcp_sock' ? tcpSockValidAccess(off, size) : sockValidAccess(off, size, reg.type === 'sock');
    // bpf_tcp_sock_convert_ctx_access only rewrites loads at a field's start: reads of the upper
    // halves of bytes_received/bytes_acked pass the walk and fail the conversion pass.
    if (ok && reg.type === 'tcp_sock' && (off === 84 || off === 92)) env.aux[insnIdx]!.ctxConvertBug = true;
    if (!ok) {
      env.err(`R${regno} invalid ${regTypeStr(reg)} access off=${off} size=${size}`);
      return EACCES;
    }
    if (valueRegno >= 0) cur.setReg(valueRegno, UNKNOWN_SCALAR);
  } else if (reg.type === 'btf_id' && !(reg.flags & PTR_MAYBE_NULL)) {
    const res = checkPtrToBtfAccess(w, reg, regno, off, size, t === 'write', valueRegno);
    if (res === null) {
      // check_ptr_to_btf_access needs the layout of a struct bpfiddle does not have.
      env.err(`bpfiddle: access through R${regno} (${regTypeStr(reg)}${reg.btfName ?? ''}) needs the kernel's BTF, which bpfiddle does not model`);
      return EACCES;
    }
    if (res) return res;
  } else if (reg.type === 'map_ptr') {
    // check_ptr_to_map_access: walk the map type's struct in the kernel's BTF.
    const tname = mapStructName(reg.map?.type);
    if (off < 0) {
      env.err(`R${regno} is ${tname} invalid negative access: off=${off}`);
      return EACCES;
    }
    if (t !== 'read') {
      env.err(`only read from ${tname} is supported`);
      return EACCES;
    }
    const res = mapPtrAccess(reg.map?.type, off, size);
    if (!res.ok) {
      env.err(res.message);
      return EACCES;
    }
    if (valueRegno >= 0) {
      if (res.kind === 'scalar') cur.setReg(valueRegno, UNKNOWN_SCALAR);
      else if (res.to === null) cur.setReg(valueRegno, ptrReg('mem', { flags: MEM_RDONLY | PTR_UNTRUSTED, memSize: 0 }));
      else cur.setReg(valueRegno, ptrReg('btf_id', { flags: res.untrusted ? PTR_UNTRUSTED : 0, btfName: res.to }));
    }
  } else {
    env.err(`R${regno} invalid mem access '${regTypeStr(reg)}'`);
    return EACCES;
  }

  if (!err && size < BPF_REG_SIZE && valueRegno >= 0 && t === 'read') {
    const v = cur.reg(valueRegno);
    if (v.type === 'scalar') {
      const s = isLdsx ? scalarSext64(v.s, size as 1 | 2 | 4) : scalarTruncate(v.s, size as 1 | 2 | 4);
      cur.setReg(valueRegno, { ...v, s });
    }
  }
  return err;
}

/** bpf_tcp_sock_is_valid_access (reads of struct bpf_tcp_sock). */
function tcpSockValidAccess(off: number, size: number): boolean {
  if (off < 0 || off >= 112 || off % size !== 0) return false;
  return off === 80 || off === 88 ? size === 8 : size === 4; // bytes_received, bytes_acked are u64
}

/** bpf_sock_common_is_valid_access / bpf_sock_is_valid_access (reads of struct bpf_sock). */
function sockValidAccess(off: number, size: number, full: boolean): boolean {
  if (!full && off >= 8 && off < 24) return false; // type .. priority: full sockets only
  if (off < 0 || off >= 80 || off % size !== 0) return false;
  const narrowOk = (fieldSize: number): boolean => size <= fieldSize && ((off & (fieldSize - 1)) + size) <= fieldSize;
  if (off === 72 || off === 4 || off === 8 || off === 12 || off === 44 || off === 76 ||
    (off >= 24 && off < 28) || (off >= 28 && off < 44) || (off >= 52 && off < 56) || (off >= 56 && off < 72)) {
    return narrowOk(4);
  }
  if (off >= 48 && off < 50) return narrowOk(size === 4 ? 4 : 2);
  if (off >= 50 && off < 52) return false;
  return size === 4;
}

// ---- helper memory arguments ----

/** check_helper_mem_access. */
export function checkHelperMemAccess(w: Walk, regno: number, accessSize: number, t: Access, zeroOk: boolean, meta: MemMeta | null): Ret {
  const reg = w.cur.reg(regno);
  switch (reg.type) {
    case 'pkt': case 'pkt_meta':
      return checkPacketAccess(w, regno, reg.off, accessSize, zeroOk);
    case 'map_key':
      if (t === 'write') {
        w.env.err(`R${regno} cannot write into ${regTypeStr(reg)}`);
        return EACCES;
      }
      return checkMemRegionAccess(w, regno, reg.off, accessSize, reg.map!.keySize, false);
    case 'map_value':
      if (checkMapAccessType(w, regno, reg.off, accessSize, t)) return EACCES;
      return checkMemRegionAccess(w, regno, reg.off, accessSize, reg.map!.valueSize, zeroOk);
    case 'mem':
      if ((reg.flags & MEM_RDONLY) && t === 'write') {
        w.env.err(`R${regno} cannot write into ${regTypeStr(reg)}`);
        return EACCES;
      }
      return checkMemRegionAccess(w, regno, reg.off, accessSize, reg.memSize, zeroOk);
    case 'stack':
      return checkStackRangeInitialized(w, regno, reg.off, accessSize, zeroOk, t, meta);
    default:
      if (zeroOk && accessSize === 0 && isNullReg(reg)) return 0;
      w.env.err(`R${regno} type=${regTypeStr(reg)} expected=fp`);
      return EACCES;
  }
}

/** check_mem_size_reg: the size argument that follows a memory argument. */
export function checkMemSizeReg(w: Walk, regno: number, t: Access, zeroOk: boolean, meta: MemMeta & { msizeMax: bigint }): Ret {
  const reg = w.cur.reg(regno);
  meta.msizeMax = reg.s.umax;
  const m: MemMeta | null = tnumIsConst(reg.s.varOff) ? meta : null;
  if (reg.s.smin < 0n) {
    w.env.err(`R${regno} min value is negative, either use unsigned or 'var &= const'`);
    return EACCES;
  }
  if (reg.s.umin === 0n && !zeroOk) {
    w.env.err(`R${regno} invalid zero-sized read: u64=[${toS64(reg.s.umin)},${toS64(reg.s.umax)}]`);
    return EACCES;
  }
  if (reg.s.umax >= BigInt(BPF_MAX_VAR_SIZ)) {
    w.env.err(`R${regno} unbounded memory access, use 'var &= const' or 'if (var < const)'`);
    return EACCES;
  }
  const err = checkHelperMemAccess(w, regno - 1, Number(reg.s.umax), t, zeroOk, m);
  // The size's bounds decided the access: they must stay exact.
  return err || w.markChainPrecision(regno);
}

