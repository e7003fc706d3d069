// 32- and 64-bit ALU instructions (check_alu_op): register moves with the kernel's scalar id rules,
// sign-extending and 32-bit moves, arithmetic on scalars through the scalar domain (with the
// linked-register delta and the [-1, 0] fork of 6.18 stable), and pointer arithmetic
// (adjust_ptr_min_max_vals): which pointer types allow it, with which scalars, and the fixed and
// variable offsets it produces.

import { BPF_ALU, BPF_ALU64, BPF_ARSH, BPF_DIV, BPF_END, BPF_LSH, BPF_MOD, BPF_MOV, BPF_NEG, BPF_RSH, BPF_SUB, BPF_ADD, BPF_X, bpfClass, bpfOp, bpfSrc } from '../isa/constants.js';
import type { Insn } from '../isa/insn.js';
import { ALU_OPS } from '../isa/table.js';
import {
  S32_MAX, S32_MIN, S64_MAX, S64_MIN, U32_MAX, U64_MAX, aluResultTracked, boundsViolation, boundsViolationLog, endianMutates,
  forgetBounds, isConstScalar, knownScalar, scalarAlu, scalarConstValue, scalarEndian, scalarSext32, scalarSext64,
  scalarWidth, scalarZext32, splitMinusOneOrZero, syncBounds, type Scalar, type ScalarAluOp,
} from './bounds.js';
import { BPF_MAX_VAR_OFF, EACCES, EINVAL, type Ret } from './env.js';
import { assignScalarIdBeforeMov } from './mem.js';
import { PTR_MAYBE_NULL, UNKNOWN_SCALAR, constReg, isPktPointer, regTypeStr, scalarReg, type Reg } from './regs.js';
import { tnumAdd, tnumIsConst, tnumSub, toS64 } from './tnum.js';
import { checkRegArg, type Walk } from './walk.js';

/** bpf_alu_string[]: the operator text in pointer-arithmetic messages. */
const aluString = (op: number): string => {
  if (op === BPF_MOV) return '=';
  if (op === BPF_NEG) return 'neg';
  if (op === BPF_END) return 'endian';
  return ALU_OPS.find((a) => a.op === op && a.off === 0)?.sym ?? '(null)';
};

const NO_ID = { id: 0, link: 0, off: 0 } as const;

/** The fields withScalar copies; it must know every field of Reg (this fails to compile otherwise). */
type CopiedRegKey = 'type' | 'flags' | 'off' | 's' | 'id' | 'link' | 'refObjId' | 'range' | 'map' | 'frameno' | 'memSize' |
  'subprog' | 'precise' | 'btfName' | 'text';
const regKeysCovered: [keyof Reg] extends [CopiedRegKey] ? true : never = true;
void regKeysCovered;

/**
 * `{ ...r, s, id, link, off }` as one object literal in Reg's field order: V8 (Node 20) spreads a
 * Reg with overrides several times slower, and this runs for nearly every ALU instruction.
 */
function withScalar(r: Reg, s: Scalar, id: number = r.id, link: 0 | 32 | 64 = r.link, off: number = r.off): Reg {
  if (r.btfName !== undefined || r.text !== undefined) return { ...r, s, id, link, off };
  return {
    type: r.type, flags: r.flags, off, s, id, link, refObjId: r.refObjId, range: r.range, map: r.map, frameno: r.frameno,
    memSize: r.memSize, subprog: r.subprog, precise: r.precise,
  };
}

/** reg_bounds_sanity_check: log a violation and forget the bounds (the kernel keeps going). */
export function boundsSanityCheck(w: Walk, regno: number, ctx: string): void {
  const r = w.cur.reg(regno);
  const msg = boundsViolation(r.s);
  if (!msg) return;
  w.env.verbose(`${boundsViolationLog(ctx, msg, r.s)}\n`);
  w.cur.setReg(regno, { ...r, s: forgetBounds(r.s) });
}

/** check_alu_op. */
export function checkAluOp(w: Walk, insn: Insn): Ret {
  const { env, cur } = w;
  const op = bpfOp(insn.code);
  const cls = bpfClass(insn.code);
  const alu32 = cls === BPF_ALU;
  const isX = bpfSrc(insn.code) === BPF_X;
  let err: Ret;

  if (op === BPF_END || op === BPF_NEG) {
    if (op === BPF_NEG) {
      if (isX || insn.src !== 0 || insn.off !== 0 || insn.imm !== 0) {
        env.err('BPF_NEG uses reserved fields');
        return EINVAL;
      }
    } else if (insn.src !== 0 || insn.off !== 0 || (insn.imm !== 16 && insn.imm !== 32 && insn.imm !== 64) ||
      (cls === BPF_ALU64 && isX)) {
      env.err('BPF_END uses reserved fields');
      return EINVAL;
    }
    err = checkRegArg(w, insn.dst, 'src');
    if (err) return err;
    const dst = cur.reg(insn.dst);
    if (dst.type === 'scalar') {
      err = checkRegArg(w, insn.dst, 'dst_no_mark');
      if (err) return err;
      if (op === BPF_NEG) {
        cur.setReg(insn.dst, scalarReg(scalarAlu('neg', dst.s, dst.s, alu32)));
      } else {
        const kind = !alu32 ? 'bswap' : isX ? 'be' : 'le';
        const bits = insn.imm as 16 | 32 | 64;
        const s = scalarEndian(dst.s, kind, bits);
        cur.setReg(insn.dst, endianMutates(kind, bits) ? withScalar(dst, s, 0, 0, 0) : withScalar(dst, s));
      }
    } else {
      err = checkRegArg(w, insn.dst, 'dst');
      if (err) return err;
    }
  } else if (op === BPF_MOV) {
    if (isX) {
      if (alu32) {
        if ((insn.off !== 0 && insn.off !== 8 && insn.off !== 16) || insn.imm) {
          env.err('BPF_MOV uses reserved fields');
          return EINVAL;
        }
      } else if (insn.off === 1) {
        if (insn.imm !== 1 && insn.imm !== 1 << 16) {
          env.err('addr_space_cast insn can only convert between address space 1 and 0');
          return EINVAL;
        }
        env.err('addr_space_cast insn can only be used in a program that has an associated arena');
        return EINVAL;
      } else if ((insn.off !== 0 && insn.off !== 8 && insn.off !== 16 && insn.off !== 32) || insn.imm) {
        env.err('BPF_MOV uses reserved fields');
        return EINVAL;
      }
      err = checkRegArg(w, insn.src, 'src');
      if (err) return err;
    } else if (insn.src !== 0 || insn.off !== 0) {
      env.err('BPF_MOV uses reserved fields');
      return EINVAL;
    }
    err = checkRegArg(w, insn.dst, 'dst_no_mark');
    if (err) return err;
    if (isX) {
      const src = cur.reg(insn.src);
      if (!alu32) {
        if (insn.off === 0) {
          cur.setReg(insn.dst, assignScalarIdBeforeMov(w, insn.src));
        } else if (src.type === 'scalar') {
          const noSext = src.s.umax < 1n << BigInt(insn.off - 1);
          const copy = noSext ? assignScalarIdBeforeMov(w, insn.src) : src;
          const s = scalarSext64(copy.s, (insn.off >> 3) as 1 | 2 | 4);
          cur.setReg(insn.dst, noSext ? withScalar(copy, s) : withScalar(copy, s, 0, 0, 0));
        } else {
          cur.setReg(insn.dst, UNKNOWN_SCALAR);
        }
      } else if (src.type === 'scalar') {
        if (insn.off === 0) {
          const isU32 = scalarWidth(src.s) <= 32;
          const copy = isU32 ? assignScalarIdBeforeMov(w, insn.src) : src;
          const s = scalarZext32(copy.s);
          cur.setReg(insn.dst, isU32 ? withScalar(copy, s) : withScalar(copy, s, 0, 0, 0));
        } else {
          const noSext = src.s.umax < 1n << BigInt(insn.off - 1);
          const copy = noSext ? assignScalarIdBeforeMov(w, insn.src) : src;
          const s = scalarSext32(copy.s, (insn.off >> 3) as 1 | 2);
          cur.setReg(insn.dst, noSext ? withScalar(copy, s) : withScalar(copy, s, 0, 0, 0));
        }
      } else {
        cur.setReg(insn.dst, scalarReg(scalarZext32(UNKNOWN_SCALAR.s)));
      }
    } else {
      cur.setReg(insn.dst, withScalar(UNKNOWN_SCALAR, immScalar(alu32 ? insn.imm >>> 0 : insn.imm)));
    }
  } else if (op > BPF_END) {
    env.err(`invalid BPF_ALU opcode ${(op >> 4).toString(16)}`);
    return EINVAL;
  } else {
    const badOff = (insn.off !== 0 && insn.off !== 1) || (insn.off === 1 && op !== BPF_MOD && op !== BPF_DIV);
    if (isX ? insn.imm !== 0 || badOff : insn.src !== 0 || badOff) {
      env.err('BPF_ALU uses reserved fields');
      return EINVAL;
    }
    if (isX) {
      err = checkRegArg(w, insn.src, 'src');
      if (err) return err;
    }
    err = checkRegArg(w, insn.dst, 'src');
    if (err) return err;
    if ((op === BPF_MOD || op === BPF_DIV) && !isX && insn.imm === 0) {
      env.err('div by zero');
      return EINVAL;
    }
    if ((op === BPF_LSH || op === BPF_RSH || op === BPF_ARSH) && !isX) {
      const size = alu32 ? 32 : 64;
      if (insn.imm < 0 || insn.imm >= size) {
        env.err(`invalid shift ${insn.imm}`);
        return EINVAL;
      }
    }
    err = checkRegArg(w, insn.dst, 'dst_no_mark');
    if (err) return err;
    err = adjustRegMinMaxVals(w, insn);
    if (err) return err;
  }
  boundsSanityCheck(w, insn.dst, 'alu');
  return 0;
}

/** The scalar domain's name of each ALU opcode (BPF_OP >> 4), from the instruction table. */
const SCALAR_OP_NAMES: readonly ScalarAluOp[] = (() => {
  const names: ScalarAluOp[] = [];
  for (const a of ALU_OPS) if (a.off === 0) names[a.op >> 4] = a.name as ScalarAluOp;
  return names;
})();

const scalarOpName = (insn: Insn): ScalarAluOp => {
  const op = bpfOp(insn.code);
  if (op === BPF_DIV) return insn.off === 1 ? 'sdiv' : 'div';
  if (op === BPF_MOD) return insn.off === 1 ? 'smod' : 'mod';
  return SCALAR_OP_NAMES[op >> 4]!;
};

/** Immediates as scalars (a sign-extended imm, or a zero-extended one as its u32): scalars are
 * immutable, so one per value serves every instruction. */
const immScalars = new Map<number, Scalar>();
function immScalar(imm: number): Scalar {
  let s = immScalars.get(imm);
  if (!s) {
    if (immScalars.size >= 4096) immScalars.clear(); // keep it bounded across programs
    immScalars.set(imm, (s = knownScalar(BigInt(imm))));
  }
  return s;
}

/** adjust_reg_min_max_vals: everything but END, NEG and MOV. */
function adjustRegMinMaxVals(w: Walk, insn: Insn): Ret {
  const { cur } = w;
  const dst = cur.reg(insn.dst);
  const alu32 = bpfClass(insn.code) === BPF_ALU;
  const op = bpfOp(insn.code);
  const isX = bpfSrc(insn.code) === BPF_X;
  if (isX) {
    const src = cur.reg(insn.src);
    if (src.type !== 'scalar') {
      if (dst.type !== 'scalar') {
        if (op === BPF_SUB) {
          cur.setReg(insn.dst, UNKNOWN_SCALAR);
          return 0;
        }
        w.env.err(`R${insn.dst} pointer ${aluString(op)} pointer prohibited`);
        return EACCES;
      }
      // scalar op= pointer: the scalar becomes (part of) an offset, so its value must stay exact.
      const err = w.markChainPrecision(insn.dst);
      if (err) return err;
      return adjustPtrMinMaxVals(w, insn, src, dst, true);
    }
    if (dst.type !== 'scalar') {
      const err = w.markChainPrecision(insn.src);
      if (err) return err;
      return adjustPtrMinMaxVals(w, insn, dst, src, false);
    }
    if (dst.precise) {
      const err = w.markChainPrecision(insn.src);
      if (err) return err;
    }
  } else if (dst.type !== 'scalar') {
    return adjustPtrMinMaxVals(w, insn, dst, constReg(BigInt(insn.imm)), false);
  }
  return adjustScalar(w, insn, alu32);
}

/** Arithmetic on two scalars, with 6.18.44's id rules (see tools/verifier/scalar-machine.ts). */
function adjustScalar(w: Walk, insn: Insn, alu32: boolean): Ret {
  const { cur } = w;
  const d = insn.dst;
  const isX = bpfSrc(insn.code) === BPF_X;
  const aluOp = scalarOpName(insn);
  let dst = cur.reg(d);
  let src = isX ? cur.reg(insn.src).s : immScalar(insn.imm);
  const sameReg = isX && insn.src === d;
  if ((aluOp === 'and' || aluOp === 'or') && isConstScalar(src)) {
    const split = splitMinusOneOrZero(dst.s);
    if (split) {
      const other = w.pushStack(w.env.insnIdx, w.env.insnIdx);
      if (!other) return -14;
      const known = split.width === 64 ? NO_ID : {};
      other.setReg(d, { ...dst, ...known, s: split.zero });
      dst = { ...dst, ...known, s: split.minusOne };
      cur.setReg(d, dst);
      if (sameReg) src = split.minusOne;
    }
  }
  const dstUmax = dst.s.umax;
  const s = scalarAlu(aluOp, dst.s, src, alu32);
  let id = dst.id;
  let link: 0 | 32 | 64 = dst.link;
  let off = dst.off;
  const clear = (): void => { id = 0; link = 0; off = 0; };
  if (!aluResultTracked(aluOp, alu32, src)) clear();
  if ((aluOp === 'add' || aluOp === 'sub') && id && isConstScalar(src, alu32) && !sameReg) {
    const val = scalarConstValue(src, alu32);
    const sval = BigInt.asIntN(64, val);
    if (!alu32 && (sval < -0x8000_0000n || sval > 0x7fff_ffffn)) clear();
    else if (alu32 && dstUmax > 0xffff_ffffn) clear();
    else {
      let delta = Number(BigInt.asIntN(32, val));
      if (aluOp === 'sub' && delta === -0x8000_0000) clear();
      else {
        if (aluOp === 'sub') delta = -delta;
        if (link) clear();
        else {
          link = alu32 ? 32 : 64;
          off = delta;
        }
      }
    }
  } else {
    clear();
  }
  cur.setReg(d, withScalar(dst, s, id, link, off)); // dst is a scalar already
  return 0;
}

// ---- pointer arithmetic ----

const BMAX = BigInt(BPF_MAX_VAR_OFF);

/** check_reg_sane_offset. */
function checkRegSaneOffset(w: Walk, reg: Reg, typeName: string): boolean {
  const known = tnumIsConst(reg.s.varOff);
  const val = toS64(reg.s.varOff.value);
  if (known && (val >= BMAX || val <= -BMAX)) {
    w.env.err(`math between ${typeName} pointer and ${val} is not allowed`);
    return false;
  }
  if (reg.off >= BPF_MAX_VAR_OFF || reg.off <= -BPF_MAX_VAR_OFF) {
    w.env.err(`${typeName} pointer offset ${reg.off} is not allowed`);
    return false;
  }
  if (reg.s.smin === S64_MIN) {
    w.env.err(`math between ${typeName} pointer and register with unbounded min value is not allowed`);
    return false;
  }
  if (reg.s.smin >= BMAX || reg.s.smin <= -BMAX) {
    w.env.err(`value ${reg.s.smin} makes ${typeName} pointer be out of bounds`);
    return false;
  }
  return true;
}

const fitsS64 = (x: bigint): boolean => x >= S64_MIN && x <= S64_MAX;
const fitsS32 = (x: bigint): boolean => x >= -0x8000_0000n && x <= 0x7fff_ffffn;

/**
 * adjust_ptr_min_max_vals: `ptr op= scalar` (or `scalar += ptr` when `dstIsOff`), for the pointer
 * in `ptr` and the scalar in `offReg`. The result goes to the instruction's dst register.
 */
function adjustPtrMinMaxVals(w: Walk, insn: Insn, ptr: Reg, offReg: Reg, dstIsOff: boolean): Ret {
  const { env, cur } = w;
  const op = bpfOp(insn.code);
  const dstNo = insn.dst;
  const o = offReg.s;
  const known = tnumIsConst(o.varOff);
  const smin = o.smin, smax = o.smax, umin = o.umin, umax = o.umax;
  const p = ptr.s;
  if ((known && (smin !== smax || umin !== umax)) || smin > smax || umin > umax) {
    cur.setReg(dstNo, UNKNOWN_SCALAR);
    return 0;
  }
  if (bpfClass(insn.code) !== BPF_ALU64) {
    if (op === BPF_SUB) {
      cur.setReg(dstNo, UNKNOWN_SCALAR);
      return 0;
    }
    env.err(`R${dstNo} 32-bit pointer arithmetic prohibited`);
    return EACCES;
  }
  if (ptr.flags & PTR_MAYBE_NULL) {
    env.err(`R${dstNo} pointer arithmetic on ${regTypeStr(ptr)} prohibited, null-check it first`);
    return EACCES;
  }
  const typeName = regTypeStr(ptr);
  switch (ptr.type) {
    case 'ctx': case 'map_value': case 'map_key': case 'stack': case 'pkt_meta': case 'pkt': case 'mem': case 'func': case 'btf_id':
      break;
    case 'flow_keys':
      if (known) break;
      env.err(`R${dstNo} pointer arithmetic on ${typeName} prohibited`);
      return EACCES;
    case 'map_ptr':
      if (known && smin === 0n && op === BPF_ADD) break;
      env.err(`R${dstNo} pointer arithmetic on ${typeName} prohibited`);
      return EACCES;
    default:
      env.err(`R${dstNo} pointer arithmetic on ${typeName} prohibited`);
      return EACCES;
  }
  // dst_reg inherits the pointer's type and id; when dst was the scalar, its other fields stay
  const base = dstIsOff ? offReg : ptr;
  if (!checkRegSaneOffset(w, { ...offReg, type: ptr.type }, typeName) || !checkRegSaneOffset(w, ptr, typeName)) return EINVAL;
  let d: Reg = { ...base, type: ptr.type, flags: ptr.flags, id: ptr.id, link: 0 };
  let ns: { smin: bigint; smax: bigint; umin: bigint; umax: bigint; varOff: Scalar['varOff'] };
  switch (op) {
    case BPF_ADD:
      if (known && fitsS32(BigInt(ptr.off) + smin)) {
        ns = { smin: p.smin, smax: p.smax, umin: p.umin, umax: p.umax, varOff: p.varOff };
        d = { ...d, off: ptr.off + Number(smin), range: ptr.range, map: ptr.map, memSize: ptr.memSize, subprog: ptr.subprog };
        break;
      }
      {
        let nsmin = p.smin + smin;
        let nsmax = p.smax + smax;
        if (!fitsS64(nsmin) || !fitsS64(nsmax)) { nsmin = S64_MIN; nsmax = S64_MAX; }
        let numin = p.umin + umin;
        let numax = p.umax + umax;
        if (numin > U64_MAX || numax > U64_MAX) { numin = 0n; numax = U64_MAX; }
        ns = { smin: nsmin, smax: nsmax, umin: numin, umax: numax, varOff: tnumAdd(p.varOff, o.varOff) };
        d = { ...d, off: ptr.off, range: ptr.range, map: ptr.map, memSize: ptr.memSize, subprog: ptr.subprog };
        if (isPktPointer(ptr)) d = { ...d, id: ++env.idGen, range: 0, map: null, memSize: 0, subprog: 0 };
      }
      break;
    case BPF_SUB:
      if (dstIsOff) {
        env.err(`R${dstNo} tried to subtract pointer from scalar`);
        return EACCES;
      }
      if (ptr.type === 'stack') {
        env.err(`R${dstNo} subtraction from stack pointer prohibited`);
        return EACCES;
      }
      if (known && fitsS32(BigInt(ptr.off) - smin)) {
        ns = { smin: p.smin, smax: p.smax, umin: p.umin, umax: p.umax, varOff: p.varOff };
        d = { ...d, id: ptr.id, off: ptr.off - Number(smin), range: ptr.range, map: ptr.map, memSize: ptr.memSize, subprog: ptr.subprog };
        break;
      }
      {
        let nsmin = p.smin - smax;
        let nsmax = p.smax - smin;
        if (!fitsS64(nsmin) || !fitsS64(nsmax)) { nsmin = S64_MIN; nsmax = S64_MAX; }
        let numin: bigint;
        let numax: bigint;
        if (p.umin < umax) { numin = 0n; numax = U64_MAX; } else { numin = p.umin - umax; numax = p.umax - umin; }
        ns = { smin: nsmin, smax: nsmax, umin: numin, umax: numax, varOff: tnumSub(p.varOff, o.varOff) };
        d = { ...d, off: ptr.off, range: ptr.range, map: ptr.map, memSize: ptr.memSize, subprog: ptr.subprog };
        if (isPktPointer(ptr)) {
          d = { ...d, id: ++env.idGen };
          if (smin < 0n) d = { ...d, range: 0, map: null, memSize: 0, subprog: 0 };
        }
      }
      break;
    default:
      if (op === 0x50 || op === 0x40 || op === 0xa0) {
        env.err(`R${dstNo} bitwise operator ${aluString(op)} on pointer prohibited`);
        return EACCES;
      }
      env.err(`R${dstNo} pointer arithmetic with ${aluString(op)} operator prohibited`);
      return EACCES;
  }
  // pointer types carry no 32-bit bounds: they come back from the sync
  d = { ...d, s: { ...ns, s32min: S32_MIN, s32max: S32_MAX, u32min: 0, u32max: U32_MAX } };
  if (!checkRegSaneOffset(w, d, typeName)) return EINVAL;
  cur.setReg(dstNo, { ...d, s: syncBounds(d.s) });
  return 0;
}
