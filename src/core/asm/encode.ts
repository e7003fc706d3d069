// Statement → slots: the one place that validates an instruction. It picks the instruction-table
// row by its name (`add32_imm`, `ldxsw`, `lock_fetch_xor32`), so opcode bytes come only from the
// table, and checks what the kernel's encoding cannot hold: registers r0..r10, no writes to r10,
// r/w register widths, s32 immediates, s16 offsets, label and jump ranges, maps and helpers.

import {
  BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC, BPF_PSEUDO_KFUNC_CALL, BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_IDX, BPF_PSEUDO_MAP_IDX_VALUE,
  BPF_PSEUDO_MAP_VALUE,
} from '../isa/constants.js';
import { lddwSlots, type Insn } from '../isa/insn.js';
import { LDDW_PSEUDO_NAMES, MEM_SIZES, opByName, type OpSpec } from '../isa/table.js';
import { helperIdByName, HELPER_NAMES, MAX_HELPER_ID } from '../helpers/ids.js';
import type { Imm, LddwSource, Reg, Stmt, Target } from './stmt.js';
import { isReg } from './stmt.js';
import { closest, didYouMean } from './suggest.js';
import type { AsmError, MapDecl, Span } from './types.js';

export interface EncodeEnv {
  /** Slot index of this instruction. */
  pc: number;
  /** Program length in slots. */
  len: number;
  /** A label's slot (including the implicit `exit` label), or undefined. */
  label(name: string): number | undefined;
  labelNames: readonly string[];
  maps: readonly MapDecl[];
  /** bpftool's numeric `map[id:N]`, bound to a declared map, or undefined. */
  mapId(id: string): number | undefined;
}

export interface Encoded { insns: Insn[]; errors: AsmError[] }

const S16_MIN = -32768n;
const S16_MAX = 32767n;
const S32_MIN = -(1n << 31n);
const S32_MAX = (1n << 31n) - 1n;
const U32_MAX = (1n << 32n) - 1n;
const S64_MIN = -(1n << 63n);
const U64_MAX = (1n << 64n) - 1n;

/** The ld_imm64 opcode, shared by all its pseudo-source rows (which differ in src only). */
const LDDW_CODE = opByName('lddw')!.code;

const sfx = (w32: boolean): string => (w32 ? '32' : '');
const suffixOf = (size: number): string => MEM_SIZES.find((m) => m.bytes === size)!.suffix;
const uType = (size: number): string => `u${size * 8}`;
const hex = (v: bigint): string => (v < 0n ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`);

class Enc {
  errors: AsmError[] = [];
  constructor(readonly s: Stmt, readonly env: EncodeEnv) {}

  fail(span: Span, message: string, hint?: string): void {
    this.errors.push(hint === undefined ? { ...span, message } : { ...span, message, hint });
  }

  row(name: string, span: Span, what: string): OpSpec | undefined {
    const r = opByName(name);
    if (!r) this.fail(span, what);
    return r;
  }

  /** A register number that exists. */
  reg(r: Reg): number {
    if (r.n > 10) this.fail(r.span, `invalid register ${r.text}: eBPF has r0..r10`, r.n <= 15 ? 'r11 and up exist only inside the kernel' : undefined);
    return r.n & 0xf;
  }

  /** A register this instruction writes. */
  dst(r: Reg): number {
    const n = this.reg(r);
    if (r.n === 10) this.fail(r.span, 'frame pointer is read only', 'r10 (the frame pointer) can be read and copied (`r1 = r10`), not written');
    return n;
  }

  /** A register spelled `wN` where the operation is 64-bit, or `rN` where it is 32-bit. */
  width(r: Reg, w32: boolean): void {
    if (r.width === undefined || (r.width === 32) === w32) return;
    this.fail(r.span, w32 ? `${r.text} is a 64-bit register in a 32-bit operation` : `${r.text} is a 32-bit register in a 64-bit operation`,
      w32 ? `use w${r.n}: 32-bit operations take w registers` : `use r${r.n}, or w registers throughout for a 32-bit operation`);
  }

  /** A register that holds a memory value of `size` bytes: `wN` only up to u32. */
  memWidth(r: Reg, size: number): void {
    if (r.width === 32 && size === 8) this.fail(r.span, `${r.text} is a 32-bit register but the access is u64`, `use r${r.n}`);
  }

  /** A 32-bit immediate: signed, or (pseudo-C like llvm-mc, and hex in bpf_conformance) a 32-bit pattern. */
  imm32(imm: Imm, hint?: string): number {
    const u32ok = this.s.dialect === 'pseudo' || imm.hex;
    if (imm.value < S32_MIN || imm.value > (u32ok ? U32_MAX : S32_MAX)) {
      this.fail(imm.span, `immediate ${imm.hex ? hex(imm.value) : imm.value} does not fit in 32 bits (-2147483648..${u32ok ? '4294967295' : '2147483647'})`, hint);
      return 0;
    }
    return Number(BigInt.asIntN(32, imm.value));
  }

  off16(imm: Imm): number {
    if (imm.value < S16_MIN || imm.value > S16_MAX) {
      this.fail(imm.span, `offset ${imm.value} is outside the signed 16-bit range -32768..32767`);
      return 0;
    }
    return Number(imm.value);
  }

  /** The absolute slot a target names, checked to be inside the program. */
  target(t: Target): number | undefined {
    let to: bigint;
    if (t.kind === 'label') {
      const at = this.env.label(t.name);
      if (at === undefined) {
        this.fail(t.span, `undefined label '${t.name}'`, didYouMean(t.name, this.env.labelNames));
        return undefined;
      }
      to = BigInt(at);
    } else {
      to = BigInt(this.env.pc) + 1n + t.off;
    }
    if (to < 0n || to >= BigInt(this.env.len)) {
      const where = t.kind === 'label' ? `label '${t.name}' (pc ${to})` : `pc ${to}`;
      this.fail(t.span, `jump target ${where} is outside the program (pc 0..${this.env.len - 1})`);
      return undefined;
    }
    return Number(to);
  }

  /** A 16-bit jump offset to the target. */
  jumpOff(t: Target, isGoto: boolean): number {
    const to = this.target(t);
    if (to === undefined) return 0;
    const off = to - (this.env.pc + 1);
    if (off < -32768 || off > 32767) {
      this.fail(t.span, `jump offset ${off} does not fit in 16 bits (-32768..32767)`,
        isGoto ? (this.s.dialect === 'pseudo' ? 'use `gotol`, which has a 32-bit offset' : 'use `ja32`, which has a 32-bit offset') : 'jump to a nearby `gotol` that goes the rest of the way');
      return 0;
    }
    return off;
  }

  /** The slot for a row (a missing row has already been reported by row(); its slot is dropped). */
  insn(row: OpSpec | undefined, f: Partial<Insn>): Insn {
    const i: Insn = { code: row?.code ?? 0, dst: f.dst ?? 0, src: f.src ?? 0, off: f.off ?? 0, imm: f.imm ?? 0 };
    if (row?.disc) i[row.disc.field] = row.disc.value;
    return i;
  }
}

export function encodeStmt(s: Stmt, env: EncodeEnv): Encoded {
  const e = new Enc(s, env);
  const insns = encodeBody(e, s);
  return e.errors.length ? { insns: [], errors: e.errors } : { insns: insns ?? [], errors: [] };
}

function encodeBody(e: Enc, s: Stmt): Insn[] | undefined {
  switch (s.k) {
    case 'alu': {
      const dst = e.dst(s.dst);
      e.width(s.dst, s.w32);
      const row = e.row(`${s.op}${sfx(s.w32)}_${isReg(s.src) ? 'reg' : 'imm'}`, s.opSpan, 'no such ALU instruction');
      if (!row) return;
      if (isReg(s.src)) {
        e.width(s.src, s.w32);
        return [e.insn(row, { dst, src: e.reg(s.src) })];
      }
      return [e.insn(row, { dst, imm: e.imm32(s.src) })];
    }
    case 'mov': {
      const dst = e.dst(s.dst);
      e.width(s.dst, s.w32);
      const row = e.row(`mov${sfx(s.w32)}_${isReg(s.src) ? 'reg' : 'imm'}`, s.opSpan, 'no such move');
      if (isReg(s.src)) {
        e.width(s.src, s.w32);
        return [e.insn(row, { dst, src: e.reg(s.src) })];
      }
      const v = s.src.value;
      const text = v < 0n ? `${v}` : hex(v);
      const hint = s.w32 ? undefined
        : s.dialect === 'pseudo' ? `did you mean \`${s.dst.text} = ${text} ll\`? a 64-bit immediate needs \`ll\``
        : `use \`lddw ${s.dst.text}, ${text}\` for a 64-bit immediate`;
      return [e.insn(row, { dst, imm: e.imm32(s.src, hint) })];
    }
    case 'movsx': {
      const dst = e.dst(s.dst);
      e.width(s.dst, s.w32);
      e.width(s.src, s.w32);
      const row = e.row(`movsx${s.ext}${s.w32 ? '32' : '64'}`, s.opSpan,
        s.w32 ? `no (s${s.ext}) sign extension into a 32-bit register: the sources are s8 and s16` : `no (s${s.ext}) sign extension: the sources are s8, s16 and s32`);
      if (!row) return;
      return [e.insn(row, { dst, src: e.reg(s.src) })];
    }
    case 'neg': {
      const dst = e.dst(s.dst);
      e.width(s.dst, s.w32);
      if (s.src) {
        e.width(s.src, s.w32);
        if (s.src.n !== s.dst.n) e.fail(s.src.span, `neg negates in place: write \`${s.dst.text} = -${s.dst.text}\``);
      }
      return [e.insn(opByName(`neg${sfx(s.w32)}`), { dst })];
    }
    case 'end': {
      const dst = e.dst(s.dst);
      const wide = [s.dst, s.src].find((r) => r?.width === 32);
      if (wide) e.fail(wide.span, `byte swaps are written with r registers: \`r${s.dst.n} = ${s.order}${s.bits} r${s.dst.n}\``);
      if (s.src && s.src.n !== s.dst.n) e.fail(s.src.span, `${s.order}${s.bits} swaps in place: write \`${s.dst.text} = ${s.order}${s.bits} ${s.dst.text}\``);
      const row = e.row(`${s.order}${s.bits}`, s.opSpan, `no ${s.order}${s.bits} instruction`);
      if (!row) return;
      return [e.insn(row, { dst })];
    }
    case 'lddw': return encodeLddw(e, s);
    case 'ldx': {
      const dst = e.dst(s.dst);
      const row = e.row(`ldx${s.signed ? 's' : ''}${suffixOf(s.size)}`, s.mem.span,
        s.signed ? `no sign-extending ${s.size * 8}-bit load: a u64 load needs no extension, write *(u64 *)` : 'no such load');
      if (s.signed && s.dst.width === 32) e.fail(s.dst.span, `a sign-extending load writes all 64 bits: use r${s.dst.n}`);
      else e.memWidth(s.dst, s.size);
      const src = e.reg(s.mem.base);
      const off = e.off16(s.mem.off);
      if (!row) return;
      return [e.insn(row, { dst, src, off })];
    }
    case 'st': {
      const row = e.row(`st${suffixOf(s.size)}`, s.mem.span, 'no such store');
      return [e.insn(row, { dst: e.reg(s.mem.base), off: e.off16(s.mem.off), imm: e.imm32(s.imm) })];
    }
    case 'stx': {
      const row = e.row(`stx${suffixOf(s.size)}`, s.mem.span, 'no such store');
      e.memWidth(s.src, s.size);
      return [e.insn(row, { dst: e.reg(s.mem.base), src: e.reg(s.src), off: e.off16(s.mem.off) })];
    }
    case 'atomic': return encodeAtomic(e, s);
    case 'load_acq': {
      const row = e.row(`load_acq${suffixOf(s.size)}`, s.mem.span, 'no such load-acquire');
      e.memWidth(s.dst, s.size);
      return [e.insn(row, { dst: e.dst(s.dst), src: e.reg(s.mem.base), off: e.off16(s.mem.off) })];
    }
    case 'store_rel': {
      const row = e.row(`store_rel${suffixOf(s.size)}`, s.mem.span, 'no such store-release');
      e.memWidth(s.src, s.size);
      return [e.insn(row, { dst: e.reg(s.mem.base), src: e.reg(s.src), off: e.off16(s.mem.off) })];
    }
    case 'ld_abs': case 'ld_ind': {
      if (s.dst && (s.dst.n !== 0 || s.dst.width === 32)) e.fail(s.dst.span, 'legacy packet loads always write r0');
      const row = e.row(`${s.k === 'ld_abs' ? 'ldabs' : 'ldind'}${suffixOf(s.size)}`, s.opSpan, `no ${s.size * 8}-bit legacy packet load (the sizes are u8, u16 and u32)`);
      const imm = e.imm32(s.imm);
      const src = s.k === 'ld_ind' ? e.reg(s.src) : 0;
      if (!row) return;
      return [e.insn(row, { src, imm })];
    }
    case 'ja': {
      if (s.long) {
        const to = e.target(s.target);
        return [e.insn(opByName('ja32'), { imm: to === undefined ? 0 : to - (e.env.pc + 1) })];
      }
      return [e.insn(opByName('ja'), { off: e.jumpOff(s.target, true) })];
    }
    case 'jcond': {
      const dst = e.reg(s.dst);
      e.width(s.dst, s.w32);
      const row = e.row(`${s.op}${sfx(s.w32)}_${isReg(s.src) ? 'reg' : 'imm'}`, s.opSpan, 'no such conditional jump');
      let src = 0;
      let imm = 0;
      if (isReg(s.src)) {
        e.width(s.src, s.w32);
        src = e.reg(s.src);
      } else {
        imm = e.imm32(s.src);
      }
      return [e.insn(row, { dst, src, imm, off: e.jumpOff(s.target, false) })];
    }
    case 'may_goto':
      return [e.insn(opByName('may_goto'), { off: e.jumpOff(s.target, true) })];
    case 'call': return encodeCall(e, s);
    case 'exit':
      return [e.insn(opByName('exit'), {})];
  }
}

function encodeLddw(e: Enc, s: Extract<Stmt, { k: 'lddw' }>): Insn[] | undefined {
  const dst = e.dst(s.dst);
  if (s.dst.width === 32) e.fail(s.dst.span, `a 64-bit load needs a 64-bit register: use r${s.dst.n}`);
  const src = s.src;
  if (src.kind === 'mapidx' || src.kind === 'subprog' || src.kind === 'pseudo') return encodeLddwPseudo(e, dst, src);
  if (src.kind === 'imm') {
    const v = src.imm.value;
    if (v < S64_MIN || v > U64_MAX) {
      e.fail(src.imm.span, `immediate ${v} does not fit in 64 bits`);
      return;
    }
    return lddwSlots(LDDW_CODE, dst, 0, v);
  }
  if (src.kind === 'name') {
    const idx = e.env.maps.findIndex((m) => m.name === src.name);
    if (idx >= 0) return lddwSlots(LDDW_CODE, dst, BPF_PSEUDO_MAP_FD, BigInt(idx));
    const at = e.env.label(src.name);
    if (at !== undefined) {
      // A BPF function's address (for callbacks such as bpf_loop's): imm is relative like a call.
      const to = e.target({ kind: 'label', name: src.name, span: src.span });
      if (to === undefined) return;
      return lddwSlots(LDDW_CODE, dst, BPF_PSEUDO_FUNC, BigInt.asUintN(32, BigInt(to - (e.env.pc + 1))));
    }
    e.fail(src.span, `map '${src.name}' is not declared`,
      didYouMean(src.name, e.env.maps.map((m) => m.name)) ?? `declare it first: \`.map ${src.name} hash key=4 value=8 max_entries=16\``);
    return;
  }
  const idx = src.numeric ? e.env.mapId(src.id) : e.env.maps.findIndex((m) => m.name === src.id);
  if (idx === undefined || idx < 0) {
    if (src.address) {
      e.fail(src.span, `the log's map at ${src.id} has no declared map`,
        'maps from a log bind to the .map declarations in order of first use; add one, e.g. `.map m hash key=4 value=8 max_entries=16`');
    } else if (src.numeric) {
      e.fail(src.span, `map id ${src.id} has no declared map`,
        `numeric ids bind to the .map declarations in order of first use; add one, e.g. \`.map m${src.id} hash key=4 value=8 max_entries=16\``);
    } else {
      e.fail(src.span, `map '${src.id}' is not declared`, didYouMean(src.id, e.env.maps.map((m) => m.name)));
    }
    return;
  }
  if (!src.value) return lddwSlots(LDDW_CODE, dst, BPF_PSEUDO_MAP_FD, BigInt(idx));
  const off = valueOffset(e, src.off, src.span);
  if (off === undefined) return;
  return lddwSlots(LDDW_CODE, dst, BPF_PSEUDO_MAP_VALUE, (off << 32n) | BigInt(idx));
}

/** A map value offset as the second slot's imm: bpftool prints it with %d, so negatives wrap. */
function valueOffset(e: Enc, off: bigint, span: Span): bigint | undefined {
  if (off < S32_MIN || off > U32_MAX) {
    e.fail(span, `value offset ${off} does not fit in 32 bits`);
    return undefined;
  }
  return BigInt.asUintN(32, off);
}

/** An index into the declared maps, as map-by-index loads and llvm's ld_pseudo carry it. */
function mapIndex(e: Enc, imm: Imm): number | undefined {
  if (imm.value < 0n || imm.value >= BigInt(e.env.maps.length)) {
    e.fail(imm.span, `map index ${imm.value} has no declared map (${e.env.maps.length} declared)`,
      'map indices count the .map declarations from 0');
    return undefined;
  }
  return Number(imm.value);
}

/** The kernel's `map[idx:N]`, `subprog[+N]`, and llvm's `ld_pseudo rN, SRC, IMM`. */
function encodeLddwPseudo(e: Enc, dst: number, src: Extract<LddwSource, { kind: 'mapidx' | 'subprog' | 'pseudo' }>): Insn[] | undefined {
  switch (src.kind) {
    case 'mapidx': {
      const idx = mapIndex(e, src.index);
      if (idx === undefined) return;
      if (!src.value) return lddwSlots(LDDW_CODE, dst, BPF_PSEUDO_MAP_IDX, BigInt(idx));
      const off = valueOffset(e, src.off, src.span);
      if (off === undefined) return;
      return lddwSlots(LDDW_CODE, dst, BPF_PSEUDO_MAP_IDX_VALUE, (off << 32n) | BigInt(idx));
    }
    case 'subprog': {
      const to = e.target({ kind: 'rel', off: src.off.value, span: src.off.span });
      if (to === undefined) return;
      return lddwSlots(LDDW_CODE, dst, BPF_PSEUDO_FUNC, BigInt.asUintN(32, BigInt(to - (e.env.pc + 1))));
    }
    case 'pseudo': {
      const kind = Number(src.src.value);
      if (src.src.value < 0n || src.src.value >= BigInt(LDDW_PSEUDO_NAMES.length)) {
        e.fail(src.src.span, `pseudo source ${src.src.value} does not exist (0..${LDDW_PSEUDO_NAMES.length - 1}: ${LDDW_PSEUDO_NAMES.join(', ')})`);
        return;
      }
      if (kind === BPF_PSEUDO_MAP_FD || kind === BPF_PSEUDO_MAP_VALUE || kind === BPF_PSEUDO_MAP_IDX || kind === BPF_PSEUDO_MAP_IDX_VALUE) {
        const idx = mapIndex(e, src.imm);
        return idx === undefined ? undefined : lddwSlots(LDDW_CODE, dst, kind, BigInt(idx));
      }
      if (kind === BPF_PSEUDO_FUNC) {
        const to = e.target({ kind: 'rel', off: src.imm.value, span: src.imm.span });
        if (to === undefined) return;
      }
      return lddwSlots(LDDW_CODE, dst, kind, BigInt.asUintN(32, BigInt(e.imm32(src.imm))));
    }
  }
}

function encodeAtomic(e: Enc, s: Extract<Stmt, { k: 'atomic' }>): Insn[] | undefined {
  const named = s.op === 'xchg' || s.op === 'cmpxchg';
  const row = s.size === 4 || s.size === 8
    ? e.row(`lock_${s.fetch && !named ? 'fetch_' : ''}${s.op}${s.size === 4 ? '32' : ''}`, s.mem.span, 'no such atomic operation')
    : undefined;
  if (!row) e.fail(s.mem.span, `atomic operations work on u32 and u64 only, not ${uType(s.size)}`);
  const dstMem = e.reg(s.mem.base);
  // The fetched old value lands in src (r0 for cmpxchg), so that register is written.
  const src = s.fetch && s.op !== 'cmpxchg' ? e.dst(s.src) : e.reg(s.src);
  for (const r of [s.src, s.dst, s.cmp]) if (r) e.memWidth(r, s.size);
  if (s.op === 'cmpxchg') {
    for (const r of [s.dst, s.cmp]) {
      if (r && r.n !== 0) e.fail(r.span, `cmpxchg compares with and returns r0: write \`r0 = cmpxchg...(..., r0, ${s.src.text})\``);
    }
  } else if (s.dst && s.dst.n !== s.src.n) {
    e.fail(s.dst.span, `the old value is returned in the source register: write \`${s.src.text} = ...(..., ${s.src.text})\``);
  }
  const off = e.off16(s.mem.off);
  if (!row) return;
  return [e.insn(row, { dst: dstMem, src, off })];
}

function encodeCall(e: Enc, s: Extract<Stmt, { k: 'call' }>): Insn[] | undefined {
  const t = s.target;
  const helper = (imm: Imm): Insn[] => [e.insn(opByName('call'), { imm: e.imm32(imm) })];
  const local = (target: Target): Insn[] | undefined => {
    const to = e.target(target);
    if (to === undefined) return;
    return [e.insn(opByName('call_local'), { src: BPF_PSEUDO_CALL, imm: to - (e.env.pc + 1) })];
  };
  switch (t.kind) {
    case 'helper': return helper(t.imm);
    case 'kfunc': return [e.insn(opByName('call_kfunc'), { src: BPF_PSEUDO_KFUNC_CALL, imm: e.imm32(t.imm) })];
    case 'local': return local(t.target);
    case 'reg':
      e.fail(s.span, 'callx is not supported by the Linux kernel', 'call a helper by name or id, or a BPF function by label');
      return;
    case 'helperName': {
      const id = helperIdByName(t.name);
      if (id !== undefined) return [e.insn(opByName('call'), { imm: id })];
      // The verifier log prints kfunc calls as `call NAME#BTF_ID`; BTF ids of functions are far
      // above the helper ids, so a small id after an unknown name is a misspelt helper.
      if (t.hashId && t.hashId.value > BigInt(MAX_HELPER_ID)) {
        return [e.insn(opByName('call_kfunc'), { src: BPF_PSEUDO_KFUNC_CALL, imm: e.imm32(t.hashId) })];
      }
      e.fail(t.span, `unknown helper '${t.name}'`, didYouMean(t.name, HELPER_NAMES.filter((h) => h)));
      return;
    }
    case 'name': {
      if (e.env.label(t.name) !== undefined) return local({ kind: 'label', name: t.name, span: t.span });
      const id = helperIdByName(t.name);
      if (id !== undefined) return [e.insn(opByName('call'), { imm: id })];
      const best = closest(t.name, [...HELPER_NAMES.filter((h) => h), ...e.env.labelNames]);
      e.fail(t.span, `unknown helper or label '${t.name}'`, best ? `did you mean \`${best}\`?` : undefined);
      return;
    }
  }
}
