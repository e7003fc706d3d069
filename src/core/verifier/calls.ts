// Calls and exits: helper calls with their arguments checked against the helper's prototype
// (check_helper_call / check_func_arg, return values typed by the prototype, reference acquire and
// release, tail-call and map/helper compatibility rules), bpf-to-bpf calls (a new frame, callee
// registers, the call-depth limit) and exits (returning to the caller, or the program's exit:
// R0 readable, in the program type's return range, no leaked references), and legacy LD_ABS/IND.

import { helperName } from '../helpers/ids.js';
import { BPF_ABS, BPF_DW, BPF_IND, bpfMode, bpfSize } from '../isa/constants.js';
import type { Insn } from '../isa/insn.js';
import { syncBounds, unknownScalar, type Scalar } from './bounds.js';
import { E2BIG, EACCES, EFAULT, EINVAL, ENOMEM, ENOTSUPP, MAX_CALL_FRAMES, type Ret } from './env.js';
import { mapFuncIncompatibility } from './map-compat.js';
import { getHelperProto, type ArgKind, type ArgSpec, type HelperProto } from './helper-proto.js';
import {
  checkHelperMemAccess, checkMemAccess, checkMemSizeReg, checkPtrAlignment, checkPtrOffReg, mayAccessDirectPktData,
  type MemMeta,
} from './mem.js';
import { formatState } from './log.js';
import {
  MEM_RDONLY, MEM_RINGBUF, NOT_INIT, PTR_MAYBE_NULL, PTR_TRUSTED, UNKNOWN_SCALAR, isNullReg, isPktPointer, isPktPointerAny, ptrReg,
  regTypeStr, type MapDesc, type Reg, type RegType,
} from './regs.js';
import { acquireReference, checkResourceLeak, releaseReference } from './refs.js';
import { checkDynptrRelease, dynptrAt, processDynptrFunc, unmarkStackSlotsDynptr } from './dynptr.js';
import { newFrame, type Frame } from './state.js';
import { widenImpreciseScalars } from './states.js';
import { EMPTY_SLOT } from './stack.js';
import { tnumIsConst, toS64 } from './tnum.js';
import { resetLiveStackCallchain, updateLiveStack } from './liveness.js';
import { checkRegArg, type Walk } from './walk.js';

/** func_id_name. */
export const funcIdName = (id: number): string => (id === 0 ? 'bpf_unspec' : helperName(id) ?? 'unknown');


const H = {
  map_lookup_elem: 1, map_update_elem: 2, map_delete_elem: 3, tail_call: 12, get_smp_processor_id: 8,
  perf_event_read: 22, perf_event_output: 25, get_stackid: 27, skb_output: 111, perf_event_read_value: 55,
  xdp_output: 121, ringbuf_output: 130, ringbuf_reserve: 131, ringbuf_query: 134, ringbuf_reserve_dynptr: 198,
  ringbuf_submit_dynptr: 199, ringbuf_discard_dynptr: 200, map_push_elem: 87, map_pop_elem: 88, map_peek_elem: 89,
  map_lookup_percpu_elem: 195, redirect_map: 51, for_each_map_elem: 164, get_stack: 67, get_task_stack: 141,
  probe_read_str: 45, probe_read_kernel_str: 115, probe_read_user_str: 114, get_func_ip: 173, get_local_storage: 81,
  sk_lookup_tcp: 84, sk_lookup_udp: 85, skc_lookup_tcp: 99, kptr_xchg: 194, loop: 181, find_vma: 180, get_current_task_btf: 158,
  timer_set_callback: 170, user_ringbuf_drain: 209, dynptr_from_mem: 197, dynptr_data: 203, spin_lock: 93, spin_unlock: 94,
} as const;

/** bpf_helper_changes_pkt_data. */
const CHANGES_PKT_DATA = new Set([13, 10, 11, 73, 74, 75, 76, 63, 90, 91, 50, 43, 31, 38, 39, 9, 19, 18, 143, 44, 54, 65]);

const NR_CPU_IDS = 2;
/** The kernel struct behind a helper's RET_PTR_TO_BTF_ID(_OR_NULL) (its ret_btf_id). */
const BTF_RET: Readonly<Record<number, string>> = {
  158: 'task_struct', 136: 'tcp6_sock', 137: 'tcp_sock', 138: 'tcp_timewait_sock', 139: 'tcp_request_sock',
  140: 'udp6_sock', 178: 'unix_sock', 196: 'mptcp_sock',
};
/** is_ptr_cast_function: sk_fullsock, tcp_sock and the skc_to_* casts. */
const PTR_CAST_FUNCS = new Set([95, 96, 136, 137, 138, 139, 140, 196]);
const MAX_ERRNO = 4095n;

interface CallMeta extends MemMeta {
  map: MapDesc | null;
  msizeMax: bigint;
  memSize: number;
  refObjId: number;
  releaseRegno: number;
  funcId: number;
  constMapKey: bigint;
  /** ARG_PTR_TO_FUNC: the callback's subprogram. */
  subprogno: number;
  /** The dynptr argument's reference (bpf_dynptr_data's slice holds it). */
  dynptrRefObjId: number;
}

/** The register types an argument accepts (compatible_reg_types), as reg_type_str names them. */
interface Accepts { types: { type: RegType; flags: number }[]; names: string[] }

const MEM_TYPES: Accepts = {
  types: [
    { type: 'stack', flags: 0 }, { type: 'pkt', flags: 0 }, { type: 'pkt_meta', flags: 0 }, { type: 'map_key', flags: 0 },
    { type: 'map_value', flags: 0 }, { type: 'mem', flags: 0 }, { type: 'mem', flags: MEM_RINGBUF },
  ],
  names: ['fp', 'pkt', 'pkt_meta', 'map_key', 'map_value', 'mem', 'ringbuf_mem', 'buf', 'trusted_ptr_'],
};
const one = (type: RegType, flags: number, name: string): Accepts => ({ types: [{ type, flags }], names: [name] });
const SOCK_TYPES: Accepts['types'] = [{ type: 'sock_common', flags: 0 }, { type: 'sock', flags: 0 }, { type: 'tcp_sock', flags: 0 }];

function compatible(kind: ArgKind): Accepts | null {
  switch (kind) {
    case 'map_key': case 'map_value': case 'mem': return MEM_TYPES;
    case 'const_size': case 'const_size_or_zero': case 'const_alloc_size_or_zero': return one('scalar', 0, 'scalar');
    case 'const_map_ptr': return one('map_ptr', 0, 'map_ptr');
    case 'ctx': return one('ctx', 0, 'ctx');
    case 'ringbuf_mem': return one('mem', MEM_RINGBUF, 'ringbuf_mem');
    case 'func': return one('func', 0, 'func');
    case 'stack': return one('stack', 0, 'fp');
    case 'const_str': case 'timer': return one('map_value', 0, 'map_value');
    case 'spin_lock': return { types: [{ type: 'map_value', flags: 0 }], names: ['map_value', 'ptr_'] };
    case 'sock_common': return { types: SOCK_TYPES, names: ['sock_common', 'sock', 'tcp_sock', 'xdp_sock'] };
    case 'socket': return { types: [{ type: 'sock', flags: 0 }], names: ['sock'] };
    case 'btf_id_sock_common':
      return { types: SOCK_TYPES, names: ['sock_common', 'sock', 'tcp_sock', 'xdp_sock', 'ptr_', 'trusted_ptr_'] };
    case 'btf_id': return { types: [], names: ['ptr_', 'trusted_ptr_', 'rcu_ptr_'] };
    case 'percpu_btf_id': return { types: [], names: ['percpu_ptr_', 'percpu_rcu_ptr_', 'percpu_trusted_ptr_'] };
    case 'dynptr': return { types: [{ type: 'stack', flags: 0 }], names: ['fp', 'dynptr_ptr'] };
    case 'kptr_xchg_dest': return { types: [{ type: 'map_value', flags: 0 }], names: ['map_value', 'ptr_'] };
    default: return null;
  }
}

/** check_reg_type. */
function checkRegType(w: Walk, regno: number, arg: ArgSpec): Ret {
  const reg = w.cur.reg(regno);
  const acc = compatible(arg.kind);
  if (!acc) {
    w.env.verbose(`verifier bug: unsupported arg type\n`);
    return EFAULT;
  }
  let flags = reg.flags;
  if (arg.rdonly) flags &= ~MEM_RDONLY;
  if (arg.maybeNull) flags &= ~PTR_MAYBE_NULL;
  if (acc.types.some((t) => t.type === reg.type && t.flags === flags)) return 0;
  w.env.err(`R${regno} type=${regTypeStr(reg)} expected=${acc.names.join(', ')}`);
  return EACCES;
}

/** check_func_arg_reg_off. */
function checkFuncArgRegOff(w: Walk, reg: Reg, regno: number, arg: ArgSpec): Ret {
  if (arg.release) {
    // A released dynptr is the stack slots the pointer points at, whatever its offset.
    if (arg.kind === 'dynptr' && reg.type === 'stack') return 0;
    if (reg.off) {
      w.env.err(`R${regno} must have zero offset when passed to release func or trusted arg to kfunc`);
      return EINVAL;
    }
    return checkPtrOffReg(w, reg, regno, false);
  }
  switch (reg.type) {
    case 'stack': case 'pkt': case 'pkt_meta': case 'map_key': case 'map_value': case 'scalar':
      return 0;
    case 'mem':
      if (reg.flags === 0 || reg.flags === MEM_RDONLY || reg.flags === MEM_RINGBUF) return 0;
      return checkPtrOffReg(w, reg, regno, false);
    default:
      return checkPtrOffReg(w, reg, regno, false);
  }
}

/** get_constant_map_key: the array index a lookup's key pointer holds, if it is a known constant. */
function constantMapKey(w: Walk, key: Reg, keySize: number): bigint {
  if (key.type !== 'stack' || !tnumIsConst(key.s.varOff)) return -1n;
  const stackOff = key.off + Number(toS64(key.s.varOff.value));
  const slot = -stackOff - 1;
  const spi = Math.floor(slot / 8);
  const off = slot % 8;
  const s = w.cur.st.frames[key.frameno]!.stack[spi] ?? EMPTY_SLOT;
  let zero = 0;
  for (let i = off; i >= 0 && s.types[i] === '0'; i--) zero++;
  if (zero >= keySize) return 0n;
  if (s.types[7] !== 'r' || s.spilled?.type !== 'scalar') return -1n;
  let spill = 0;
  for (let i = off; i >= 0 && s.types[i] === 'r'; i--) spill++;
  if (spill !== keySize) return -1n;
  if (!tnumIsConst(s.spilled.s.varOff)) return -1n;
  // The lookup's result depends on the key's value: the spilled key must stay exact.
  if (w.markSlotPrecision(key.frameno, spi)) return -1n;
  return toS64(s.spilled.s.varOff.value);
}

/** check_func_arg. */
function checkFuncArg(w: Walk, argIdx: number, meta: CallMeta, fn: HelperProto): Ret {
  const { env } = w;
  const regno = argIdx + 1;
  const arg = fn.args[argIdx] ?? { kind: 'dontcare' };
  if (arg.kind === 'dontcare') return 0;
  let err = checkRegArg(w, regno, 'src');
  if (err) return err;
  if (arg.kind === 'anything') return 0;
  const reg = w.cur.reg(regno);
  if (isPktPointer(reg) && !mayAccessDirectPktData(env, meta, 'read')) {
    env.err('helper access to the packet is not allowed');
    return EACCES;
  }
  if (arg.kind === 'map_value' && !meta.map) {
    env.verbose('verifier bug: invalid map_ptr to access map->type\n');
    return EFAULT;
  }
  if (!(isNullReg(reg) && arg.maybeNull)) {
    err = checkRegType(w, regno, arg);
    if (err) return err;
    err = checkFuncArgRegOff(w, reg, regno, arg);
    if (err) return err;
  }
  if (arg.release) {
    if (arg.kind === 'dynptr') {
      if (reg.type !== 'stack') {
        env.err('cannot release unowned const bpf_dynptr');
        return EINVAL;
      }
      err = checkDynptrRelease(w, regno);
      if (err) return err;
    } else if (!reg.refObjId && !isNullReg(reg)) {
      env.err(`R${regno} must be referenced when passed to release function`);
      return EINVAL;
    }
    meta.releaseRegno = regno;
  }
  if (reg.refObjId && arg.kind !== 'kptr_xchg_dest') {
    if (meta.refObjId) {
      env.errRaw(`more than one arg with ref_obj_id R${regno} ${reg.refObjId} ${meta.refObjId}`);
      return EACCES;
    }
    meta.refObjId = reg.refObjId;
  }
  switch (arg.kind) {
    case 'const_map_ptr':
      meta.map = reg.map;
      break;
    case 'map_key': {
      if (!meta.map) {
        env.verbose('verifier bug: invalid map_ptr to access map->key\n');
        return EFAULT;
      }
      err = checkHelperMemAccess(w, regno, meta.map.keySize, 'read', false, null);
      if (err) return err;
      if (meta.map.type === 'array' || meta.map.type === 'percpu_array') {
        meta.constMapKey = constantMapKey(w, w.cur.reg(regno), meta.map.keySize);
      }
      break;
    }
    case 'map_value':
      if (arg.maybeNull && isNullReg(reg)) return 0;
      meta.rawMode = !!arg.uninit;
      err = checkHelperMemAccess(w, regno, meta.map!.valueSize, arg.write ? 'write' : 'read', false, meta);
      break;
    case 'mem':
      meta.rawMode = !!arg.uninit;
      if (arg.fixedSize !== undefined) {
        err = checkHelperMemAccess(w, regno, arg.fixedSize, arg.write ? 'write' : 'read', false, meta);
        if (err) return err;
        if (arg.aligned) err = checkPtrAlignment(w, reg, 0, arg.fixedSize, true);
      }
      break;
    case 'const_size':
    case 'const_size_or_zero':
      err = checkMemSizeReg(w, regno, fn.args[argIdx - 1]?.write ? 'write' : 'read', arg.kind === 'const_size_or_zero', meta);
      break;
    case 'const_alloc_size_or_zero':
      if (!tnumIsConst(reg.s.varOff)) {
        env.err(`R${regno} is not a known constant'`);
        return EACCES;
      }
      meta.memSize = Number(reg.s.varOff.value);
      err = w.markChainPrecision(regno);
      if (err) return err;
      break;
    case 'const_str':
      env.err(`R${regno} does not point to a readonly map'`);
      return EACCES;
    case 'spin_lock':
      env.err(`map '${meta.map?.name ?? reg.map?.name ?? ''}' has to have BTF in order to use bpf_spin_lock`);
      return EINVAL;
    case 'timer':
      env.err(`map '${reg.map?.name ?? ''}' has to have BTF in order to use bpf_timer`);
      return EINVAL;
    case 'func':
      meta.subprogno = reg.subprog;
      break;
    case 'dynptr': {
      const insnIdx = env.insnIdx;
      err = processDynptrFunc(w, regno, insnIdx, arg, (off) => checkMemAccess(w, insnIdx, regno, off, 8, 'write', -1, false, false));
      if (err) return err;
      if (!arg.uninit) meta.dynptrRefObjId = dynptrAt(w, w.cur.reg(regno))?.refObjId ?? 0;
      break;
    }
    default:
      break;
  }
  return err;
}

/** check_map_func_compatibility (the tables are in map-compat.ts). */
function checkMapFuncCompatibility(w: Walk, map: MapDesc | null, funcId: number): Ret {
  if (!map) return 0;
  const refusal = mapFuncIncompatibility(map.type, funcId);
  if (!refusal) return 0;
  w.env.err(refusal);
  return EINVAL;
}

/** Clobber r0-r5 after a call (mark_reg_not_init + check_reg_arg(DST_OP_NO_MARK)). */
export function clobberCallerSaved(w: Walk, frame = w.cur.curframe): void {
  for (let i = 0; i <= 5; i++) {
    w.cur.setReg(i, NOT_INIT, frame);
    w.env.markRegScratched(i);
  }
}

/** clear_all_pkt_pointers (root: they become unknown scalars). */
function clearAllPktPointers(w: Walk): void {
  w.cur.mapRegs((r) => (isPktPointerAny(r) ? UNKNOWN_SCALAR : r));
}

/** check_helper_call. */
export function checkHelperCall(w: Walk, insn: Insn, insnIdx: number): Ret {
  const { env, cur } = w;
  const funcId = insn.imm;
  const lookup = getHelperProto(env, funcId);
  if (!lookup.ok) {
    if (lookup.reason === 'range') {
      env.err(`invalid func ${funcIdName(funcId)}#${funcId}`);
      return EINVAL;
    }
    env.err(`program of this type cannot use helper ${funcIdName(funcId)}#${funcId}`);
    return EINVAL;
  }
  const fn = lookup.proto;
  if (fn.mightSleep) {
    env.err('helper call might sleep in a non-sleepable prog');
    return EINVAL;
  }
  const meta: CallMeta = {
    rawMode: false, pktAccess: fn.pktAccess, accessSize: 0, regno: 0, map: null, msizeMax: 0n, memSize: 0,
    refObjId: 0, releaseRegno: 0, funcId, constMapKey: -1n, subprogno: -1, dynptrRefObjId: 0,
  };
  for (let i = 0; i < 5; i++) {
    const err = checkFuncArg(w, i, meta, fn);
    if (err) return err;
  }
  // record_func_map
  if ([H.tail_call, H.map_lookup_elem, H.map_update_elem, H.map_delete_elem, H.map_push_elem, H.map_pop_elem,
    H.map_peek_elem, H.for_each_map_elem, H.redirect_map, H.map_lookup_percpu_elem].includes(funcId as never)) {
    if (!meta.map) {
      env.verbose('verifier bug: expected map for helper call\n');
      return EFAULT;
    }
    if ((meta.map.flags & (1 << 7)) && [H.map_delete_elem, H.map_update_elem, H.map_push_elem, H.map_pop_elem].includes(funcId as never)) {
      env.err('write into map forbidden');
      return EACCES;
    }
  }
  // record_func_key
  if (funcId === H.tail_call && (!meta.map || meta.map.type !== 'prog_array')) {
    env.errRaw('expected prog array map for tail call');
    return EINVAL;
  }
  if (funcId === H.tail_call && meta.map) {
    // A constant in-range index lets the kernel patch a direct jump: it must stay that constant.
    const r3 = cur.reg(3);
    if (r3.type === 'scalar' && tnumIsConst(r3.s.varOff) && r3.s.varOff.value < BigInt(meta.map.maxEntries)) {
      const err = w.markChainPrecision(3);
      if (err) return err;
    }
  }
  for (let i = 0; i < meta.accessSize; i++) {
    const err = checkMemAccess(w, insnIdx, meta.regno, i, 1, 'write', -1, false, false);
    if (err) return err;
  }
  if (meta.releaseRegno) {
    let err = EINVAL;
    if (fn.args[meta.releaseRegno - 1]?.kind === 'dynptr') err = unmarkStackSlotsDynptr(w, cur.reg(meta.releaseRegno));
    else if (meta.refObjId) err = releaseReference(w, meta.refObjId);
    else if (isNullReg(cur.reg(meta.releaseRegno))) err = 0;
    if (err) {
      env.err(`func ${funcIdName(funcId)}#${funcId} reference has not been acquired before`);
      return err;
    }
  }
  if (funcId === H.tail_call) {
    const err = checkResourceLeak(w, 'tail_call');
    if (err) return err;
  }
  if (funcId === H.dynptr_from_mem && (cur.reg(1).type !== 'map_value' || cur.reg(1).flags)) {
    env.err(`Unsupported reg type ${regTypeStr(cur.reg(1))} for bpf_dynptr_from_mem data`);
    return EACCES;
  }
  if (funcId === H.get_local_storage && !isNullReg(cur.reg(2))) {
    env.err("get_local_storage() doesn't support non-zero flags");
    return EINVAL;
  }
  if (funcId === H.for_each_map_elem) {
    const err = pushCallbackCall(w, insnIdx, meta.subprogno, (caller, callee) => setMapElemCallbackState(w, caller, callee, meta.map));
    if (err) return err;
  } else if (funcId === H.loop) {
    // bpf_loop: one more iteration while the callbacks simulated so far are fewer than R1's bound.
    // update_loop_inline_state: inlining bpf_loop relies on the flags (R4) being a known 0.
    const r4 = cur.reg(4);
    if (r4.type === 'scalar' && tnumIsConst(r4.s.varOff)) {
      const ferr = w.markChainPrecision(4);
      if (ferr) return ferr;
    }
    // The iteration count decides when the simulated calls stop: R1 must stay exact.
    const perr = w.markChainPrecision(1);
    if (perr) return perr;
    const frame = cur.frame;
    if (BigInt(frame.callbackDepth) < cur.reg(1).s.umax) {
      const err = pushCallbackCall(w, insnIdx, meta.subprogno, setLoopCallbackState);
      if (err) return err;
    } else {
      cur.setFrame(cur.curframe, { ...frame, callbackDepth: 0 });
      if (env.level2) env.verbose(`frame${cur.curframe} bpf_loop iteration limit reached\n`);
    }
  } else if (funcId === H.find_vma || funcId === H.user_ringbuf_drain || funcId === H.timer_set_callback) {
    env.err(`bpfiddle: callbacks of ${funcIdName(funcId)} are not modelled`);
    return EINVAL;
  }
  clobberCallerSaved(w);

  // the return value
  const ret = fn.ret;
  let r0: Reg;
  switch (ret.kind) {
    case 'integer': r0 = UNKNOWN_SCALAR; break;
    case 'void': r0 = NOT_INIT; break;
    case 'map_value': {
      if (!meta.map) {
        env.verbose('verifier bug: unexpected null map_ptr\n');
        return EFAULT;
      }
      let flags = ret.maybeNull ? PTR_MAYBE_NULL : 0;
      if (funcId === H.map_lookup_elem && (meta.map.type === 'array' || meta.map.type === 'percpu_array') &&
        meta.constMapKey >= 0n && meta.constMapKey < BigInt(meta.map.maxEntries)) flags &= ~PTR_MAYBE_NULL;
      r0 = ptrReg('map_value', { flags, map: meta.map });
      break;
    }
    case 'mem':
      r0 = ptrReg('mem', {
        flags: (ret.maybeNull ? PTR_MAYBE_NULL : 0) | (ret.ringbuf ? MEM_RINGBUF : 0) | (ret.rdonly ? MEM_RDONLY : 0),
        memSize: meta.memSize,
      });
      break;
    case 'btf_id':
    case 'mem_or_btf_id': {
      const btfName = BTF_RET[funcId];
      if (ret.kind === 'mem_or_btf_id' || !btfName) {
        env.err(`bpfiddle: ${funcIdName(funcId)}#${funcId} returns a BTF-typed pointer, which bpfiddle does not model`);
        return EINVAL;
      }
      r0 = ptrReg('btf_id', { flags: (ret.maybeNull ? PTR_MAYBE_NULL : 0) | (funcId === H.get_current_task_btf ? PTR_TRUSTED : 0), btfName });
      break;
    }
    case 'socket':
    case 'sock_common':
    case 'tcp_sock':
      r0 = ptrReg(ret.kind === 'socket' ? 'sock' : ret.kind, { flags: ret.maybeNull ? PTR_MAYBE_NULL : 0 });
      break;
    default:
      env.err(`unknown return type ${ret.kind} of func ${funcIdName(funcId)}#${funcId}`);
      return EINVAL;
  }
  if (r0.flags & PTR_MAYBE_NULL) r0 = { ...r0, id: ++env.idGen };
  cur.setReg(0, r0);
  if (funcId === H.dynptr_data) {
    // is_dynptr_ref_function: the slice holds the dynptr's reference (released with it).
    cur.setReg(0, { ...cur.reg(0), refObjId: meta.dynptrRefObjId });
  } else if (PTR_CAST_FUNCS.has(funcId)) {
    // is_ptr_cast_function: the result refers to the argument's reference (for release_reference)
    cur.setReg(0, { ...cur.reg(0), refObjId: meta.refObjId });
  } else if (funcId === H.ringbuf_reserve || funcId === H.sk_lookup_tcp || funcId === H.sk_lookup_udp ||
    funcId === H.skc_lookup_tcp || funcId === H.kptr_xchg) {
    const id = acquireReference(w, insnIdx);
    cur.setReg(0, { ...cur.reg(0), id, refObjId: id });
  }
  // do_refine_retval_range
  if (ret.kind === 'integer') {
    let s: Scalar | null = null;
    if ([H.get_stack, H.get_task_stack, H.probe_read_str, H.probe_read_kernel_str, H.probe_read_user_str].includes(funcId as never)) {
      s = { ...unknownScalar(), smax: meta.msizeMax & 0x7fff_ffff_ffff_ffffn, s32max: Number(BigInt.asIntN(32, meta.msizeMax)), smin: -MAX_ERRNO, s32min: -4095 };
    } else if (funcId === H.get_smp_processor_id) {
      s = { ...unknownScalar(), umax: BigInt(NR_CPU_IDS - 1), u32max: NR_CPU_IDS - 1, smax: BigInt(NR_CPU_IDS - 1), s32max: NR_CPU_IDS - 1, umin: 0n, u32min: 0, smin: 0n, s32min: 0 };
    }
    if (s) cur.setReg(0, { ...cur.reg(0), s: syncBounds(s) });
  }
  let err = checkMapFuncCompatibility(w, meta.map, funcId);
  if (err) return err;
  if (funcId === H.get_func_ip && env.progType !== 'kprobe') {
    env.err(`func ${funcIdName(funcId)}#${funcId} not supported for program type ${env.spec?.kernelId ?? 0}`);
    return ENOTSUPP;
  }
  if (CHANGES_PKT_DATA.has(funcId)) clearAllPktPointers(w);
  err = 0;
  return err;
}

// ---- bpf-to-bpf calls and exits ----

/** check_func_call: enter a static subprogram. On success env.insnIdx is the callee's start - 1. */
export function checkFuncCall(w: Walk, insn: Insn): Ret {
  const { env, cur } = w;
  const target = env.insnIdx + insn.imm + 1;
  const subprog = env.findSubprog(target);
  if (subprog < 0) {
    env.verbose(`verifier bug: target of func call at insn ${target} is not a program\n`);
    return EFAULT;
  }
  if (cur.curframe + 1 >= MAX_CALL_FRAMES) {
    env.err(`the call stack of ${cur.curframe + 2} frames is too deep`);
    return E2BIG;
  }
  const callerIdx = cur.curframe;
  const callee = newFrame(cur.curframe + 1, subprog, env.insnIdx);
  const regs = callee.regs.slice();
  for (let i = 1; i <= 5; i++) regs[i] = cur.reg(i);
  env.markAllScratched();
  cur.pushFrame({ ...callee, regs });
  clobberCallerSaved(w, callerIdx);
  env.insnIdx = env.subprogs[subprog]!.start - 1;
  resetLiveStackCallchain(env);
  if (env.logLevel & 3) {
    env.verbose('caller:\n');
    env.verbose(formatState(cur.st, callerIdx, null));
    env.verbose('callee:\n');
    env.verbose(formatState(cur.st, cur.curframe, null));
  }
  return 0;
}

/** set_loop_callback_state: callback_fn(u64 index, void *ctx). */
function setLoopCallbackState(caller: Frame, callee: Reg[]): Ret {
  callee[1] = UNKNOWN_SCALAR;
  callee[2] = caller.regs[3]!;
  callee[3] = NOT_INIT;
  callee[4] = NOT_INIT;
  callee[5] = NOT_INIT;
  return 0;
}

/** set_map_elem_callback_state: callback_fn(map, key, value, ctx) (map_set_for_each_callback_args). */
function setMapElemCallbackState(w: Walk, caller: Frame, callee: Reg[], map: MapDesc | null): Ret {
  const forEach = ['array', 'percpu_array', 'hash', 'percpu_hash', 'lru_hash', 'lru_percpu_hash'];
  if (!map || !forEach.includes(map.type)) {
    w.env.err('callback function not allowed for map');
    return ENOTSUPP;
  }
  callee[1] = caller.regs[1]!;
  callee[2] = ptrReg('map_key', { map });
  callee[3] = ptrReg('map_value', { map });
  callee[4] = caller.regs[3]!;
  callee[5] = NOT_INIT;
  return 0;
}

/**
 * push_callback_call: the callback's body is queued as a path of its own, entered from the call
 * instruction with the callee frame set up by `setCallee`; the caller goes on after the call.
 */
function pushCallbackCall(w: Walk, insnIdx: number, subprog: number, setCallee: (caller: Frame, callee: Reg[]) => Ret): Ret {
  const { env, cur } = w;
  if (subprog < 0) {
    env.verbose('verifier bug: callback without a subprogram\n');
    return EFAULT;
  }
  const queued = w.pushStack(env.subprogs[subprog]!.start, insnIdx);
  if (!queued) return ENOMEM;
  // setup_func_entry on the queued state
  if (queued.curframe + 1 >= MAX_CALL_FRAMES) {
    env.err(`the call stack of ${queued.curframe + 2} frames is too deep`);
    return E2BIG;
  }
  const caller = queued.frame;
  const callee = newFrame(queued.curframe + 1, subprog, insnIdx);
  env.markAllScratched(); // init_func_state
  const regs = callee.regs.slice();
  const err = setCallee(caller, regs);
  if (err) return err;
  queued.setFrame(queued.curframe, { ...caller, callbackDepth: caller.callbackDepth + 1 });
  queued.pushFrame({ ...callee, regs, inCallback: true, callbackRet: { min: 0n, max: 1n } });
  queued.set({ callbackUnrollDepth: queued.st.callbackUnrollDepth + 1 });
  cur.setFrame(cur.curframe, { ...cur.frame, callbackDepth: 0 });
  return 0;
}

/** prepare_func_exit: return from a static subprogram (or a callback) to its caller. */
function prepareFuncExit(w: Walk): Ret {
  const { env, cur } = w;
  const callee = cur.frame;
  const r0 = callee.regs[0]!;
  if (r0.type === 'stack') {
    env.err('cannot return stack pointer to the caller');
    return EINVAL;
  }
  const callerIdx = cur.curframe - 1;
  if (callee.inCallback) {
    if (r0.type !== 'scalar') {
      env.err('R0 not a scalar value');
      return EACCES;
    }
    // The return value is checked against the callback's range: it must stay exact.
    const perr = w.markChainPrecision(0);
    if (perr) return perr;
    const range = callee.callbackRet!;
    if (!(r0.s.smin >= range.min && r0.s.smax <= range.max)) {
      env.err(`${invalidScalarText('At callback return the register R0', r0)} should have been in [${range.min}, ${range.max}]`);
      return EINVAL;
    }
    // bpf_loop and friends: back to the call, which queues the next iteration (or stops).
    env.insnIdx = callee.callsite;
  } else {
    cur.setReg(0, r0, callerIdx);
    env.insnIdx = callee.callsite + 1;
  }
  if (env.logLevel & 3) {
    env.verbose('returning from callee:\n');
    env.verbose(formatState(cur.st, cur.curframe, null));
    env.verbose(`to caller at ${env.insnIdx}:\n`);
    env.verbose(formatState(cur.st, callerIdx, null));
  }
  cur.popFrame();
  // Widen scalars that changed since the previous iteration so callback loops converge.
  if (callee.inCallback) {
    const prev = w.prevEntry(env.insnIdx, false);
    if (prev) cur.st = widenImpreciseScalars(env, prev, cur.st);
  }
  return 0;
}

/** verbose_invalid_scalar's text up to " should have been in". */
function invalidScalarText(prefix: string, reg: Reg): string {
  let text = `${prefix} has`;
  let unknown = true;
  if (reg.s.smin > -0x8000_0000_0000_0000n) { text += ` smin=${reg.s.smin}`; unknown = false; }
  if (reg.s.smax < 0x7fff_ffff_ffff_ffffn) { text += ` smax=${reg.s.smax}`; unknown = false; }
  if (unknown) text += ' unknown scalar value';
  return text;
}

/** The return-value range a program type enforces (check_return_code), or null for none. */
function retvalRange(w: Walk): { min: number; max: number } | null {
  return w.env.progType === 'cgroup_skb' ? { min: 0, max: 1 } : null;
}

/** check_return_code for the main program's exit. */
function checkReturnCode(w: Walk): Ret {
  const { env, cur } = w;
  const err = checkRegArg(w, 0, 'src');
  if (err) return err;
  const range = retvalRange(w);
  if (!range) return 0;
  const reg = cur.reg(0);
  if (reg.type !== 'scalar') {
    env.err(`At program exit the register R0 is not a known value (${regTypeStr(reg)})`);
    return EINVAL;
  }
  const perr = w.markChainPrecision(0);
  if (perr) return perr;
  if (BigInt(range.min) <= reg.s.smin && reg.s.smax <= BigInt(range.max)) return 0;
  let text = 'At program exit the register R0 has';
  let unknown = true;
  if (reg.s.smin > -0x8000_0000_0000_0000n) { text += ` smin=${reg.s.smin}`; unknown = false; }
  if (reg.s.smax < 0x7fff_ffff_ffff_ffffn) { text += ` smax=${reg.s.smax}`; unknown = false; }
  if (unknown) text += ' unknown scalar value';
  env.err(`${text} should have been in [${range.min}, ${range.max}]`);
  return EINVAL;
}

/**
 * process_bpf_exit_full: an exit. Returns 1 when the path ends (the main program's exit), 0 when
 * it returned to a caller (env.insnIdx is the instruction after the call), or an error.
 */
export function processExit(w: Walk): Ret {
  const { env, cur } = w;
  let err = checkResourceLeak(w, 'BPF_EXIT instruction in main prog');
  if (err) return err;
  if (cur.curframe) {
    updateLiveStack(env, cur.st);
    err = prepareFuncExit(w);
    if (err) return err;
    return 0;
  }
  err = checkReturnCode(w);
  if (err) return err;
  return 1;
}

/** check_ld_abs: legacy packet loads (a call in disguise: r0-r5 clobbered, R6 must be the skb). */
export function checkLdAbs(w: Walk, insn: Insn): Ret {
  const { env, cur } = w;
  const mode = bpfMode(insn.code);
  if (env.progType !== 'socket_filter' && env.progType !== 'sched_cls' && env.progType !== 'sched_act') {
    env.err('BPF_LD_[ABS|IND] instructions not allowed for this program type');
    return EINVAL;
  }
  if (insn.dst !== 0 || insn.off !== 0 || bpfSize(insn.code) === BPF_DW || (mode === BPF_ABS && insn.src !== 0)) {
    env.err('BPF_LD_[ABS|IND] uses reserved fields');
    return EINVAL;
  }
  let err = checkRegArg(w, 6, 'src');
  if (err) return err;
  err = checkResourceLeak(w, 'BPF_LD_[ABS|IND]');
  if (err) return err;
  if (cur.reg(6).type !== 'ctx') {
    env.err('at the time of BPF_LD_ABS|IND R6 != pointer to skb');
    return EINVAL;
  }
  if (mode === BPF_IND) {
    err = checkRegArg(w, insn.src, 'src');
    if (err) return err;
  }
  err = checkPtrOffReg(w, cur.reg(6), 6, false);
  if (err < 0) return err;
  clobberCallerSaved(w);
  cur.setReg(0, UNKNOWN_SCALAR);
  return 0;
}

