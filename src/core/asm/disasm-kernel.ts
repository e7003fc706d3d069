// The kernel's instruction text: a port of print_bpf_insn() from the 6.18 kernel/bpf/disasm.c,
// which is what the verifier log and `bpftool prog dump xlated` show. The kernel decides what to
// print from the opcode's class, op and mode bits alone, not from whether the slot is valid, so
// this follows the same branches (including its `BUG_..` lines and printf's "(null)" for holes in
// its string tables) to stay byte for byte equal on malformed slots too. The operator strings come
// from the instruction table; only the kernel's own holes and extras are spelled out here.

import {
  BPF_ABS, BPF_ALU, BPF_ALU64, BPF_ATOMIC, BPF_CALL, BPF_CMPXCHG, BPF_DIV, BPF_DW, BPF_END, BPF_EXIT,
  BPF_IMM, BPF_IND, BPF_JA, BPF_JCOND, BPF_JMP, BPF_JMP32, BPF_LD, BPF_LDX, BPF_LOAD_ACQ,
  BPF_MAY_GOTO, BPF_MEM, BPF_MEMSX, BPF_MOD, BPF_MOV, BPF_NEG, BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC,
  BPF_PSEUDO_KFUNC_CALL, BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_IDX_VALUE, BPF_PSEUDO_MAP_VALUE, BPF_ST,
  BPF_STORE_REL, BPF_STX, BPF_TO_BE, BPF_X, BPF_XCHG, bpfClass, bpfMode, bpfOp, bpfSize, bpfSrc,
} from '../isa/constants.js';
import { hex2, type Insn } from '../isa/insn.js';
import { ALU_OPS, ATOMIC_OPS, JMP_OPS } from '../isa/table.js';
import { helperName } from '../helpers/ids.js';
import type { MapDecl } from './types.js';

export interface KernelFormatOptions {
  /** Declared maps: a map load whose imm is an index into this list prints the map's name. */
  maps?: readonly MapDecl[];
  /**
   * How ld_imm64 with a pseudo source prints. 'bpftool' (default) is bpftool's print_imm:
   * `map[id:N]`, `map[id:N][0]+OFF`, `map[idx:N]+OFF`, `subprog[+N]`. 'raw' is print_bpf_insn
   * without callbacks, as the verifier log shows it: the 64-bit value in hex.
   */
  pseudoImm?: 'bpftool' | 'raw';
  /** Names kfunc calls by BTF id (the verifier prints the BTF name); default `kernel-function`. */
  kfuncName?: (btfId: number) => string | undefined;
}

// C's printf on a NULL %s argument, as the kernel's vsnprintf renders it.
const NULL_STR = '(null)';

/** bpf_alu_string[], indexed by BPF_OP >> 4. */
const ALU_STRING: readonly (string | undefined)[] = (() => {
  const s: (string | undefined)[] = new Array(16).fill(undefined);
  for (const a of ALU_OPS) if (a.off === 0) s[a.op >> 4] = a.sym;
  s[BPF_NEG >> 4] = 'neg';
  s[BPF_MOV >> 4] = '=';
  s[BPF_END >> 4] = 'endian';
  return s;
})();

/** bpf_alu_sign_string[]: the off == 1 forms of div and mod. */
const ALU_SIGN_STRING: readonly (string | undefined)[] = (() => {
  const s: (string | undefined)[] = new Array(16).fill(undefined);
  for (const a of ALU_OPS) if (a.off === 1) s[a.op >> 4] = a.sym;
  return s;
})();

/** bpf_jmp_string[], indexed by BPF_OP >> 4. */
const JMP_STRING: readonly (string | undefined)[] = (() => {
  const s: (string | undefined)[] = new Array(16).fill(undefined);
  for (const j of JMP_OPS) s[j.op >> 4] = j.sym;
  s[BPF_JA >> 4] = 'jmp';
  s[BPF_CALL >> 4] = 'call';
  s[BPF_EXIT >> 4] = 'exit';
  return s;
})();

/** bpf_atomic_alu_string[]: names of the plain read-modify-write atomics by BPF_OP(imm) >> 4. */
const ATOMIC_ALU_STRING: readonly (string | undefined)[] = (() => {
  const s: (string | undefined)[] = new Array(16).fill(undefined);
  for (const a of ATOMIC_OPS) if (!a.fetch) s[a.imm >> 4] = a.name;
  return s;
})();

/** bpf_ldst_string[] and bpf_ldsx_string[] by BPF_SIZE >> 3 (ldsx has no DW entry). */
const LDST_STRING: readonly string[] = ['u32', 'u16', 'u8', 'u64'];
const LDSX_STRING: readonly (string | undefined)[] = ['s32', 's16', 's8', undefined];
/** bpf_movsx_string[] by (off >> 3) - 1. */
const MOVSX_STRING: readonly (string | undefined)[] = ['(s8)', '(s16)', undefined, '(s32)'];

// Kernel-internal encodings the verifier can leave in an xlated dump.
const BPF_ADDR_SPACE_CAST = 1;
const BPF_ADDR_PERCPU = -1;
const BPF_NOSPEC = 0xc0;

const str = (s: string | undefined): string => s ?? NULL_STR;
const at = (table: readonly (string | undefined)[], i: number): string => str(table[i]);
/** printf `%+d`. */
export const signed = (n: number): string => (n >= 0 ? `+${n}` : `${n}`);
/** printf `%x` of a C int: the 32-bit two's complement pattern. */
const hex32 = (n: number): string => (n >>> 0).toString(16);

const isAtomicAlu = (imm: number): boolean => ATOMIC_OPS.some((a) => !a.fetch && a.imm === imm);
const isAtomicFetchAlu = (imm: number): boolean =>
  ATOMIC_OPS.some((a) => a.fetch && a.imm === imm && a.name !== 'xchg' && a.name !== 'cmpxchg');

function mapName(maps: readonly MapDecl[] | undefined, index: number): string {
  const m = maps && index >= 0 && index < maps.length ? maps[index] : undefined;
  return m ? m.name : String(index);
}

/** The text of an ld_imm64's value: bpftool's print_imm, or the raw value. */
function ldImm64Text(lo: Insn, hi: Insn | undefined, opts: KernelFormatOptions): string {
  const full = (BigInt(hi ? hi.imm >>> 0 : 0) << 32n) | BigInt(lo.imm >>> 0);
  if (opts.pseudoImm === 'raw') return `0x${full.toString(16)}`;
  const hiImm = hi ? hi.imm : 0;
  switch (lo.src) {
    case BPF_PSEUDO_MAP_FD: return `map[id:${mapName(opts.maps, lo.imm)}]`;
    case BPF_PSEUDO_MAP_VALUE: return `map[id:${mapName(opts.maps, lo.imm)}][0]+${hiImm}`;
    case BPF_PSEUDO_MAP_IDX_VALUE: return `map[idx:${lo.imm}]+${hiImm}`;
    case BPF_PSEUDO_FUNC: return `subprog[${signed(lo.imm)}]`;
    default: return `0x${full.toString(16)}`;
  }
}

/** __func_get_name(): the callee's name in `call %s#%d`. */
function callName(i: Insn, opts: KernelFormatOptions): string {
  if (i.src === 0) {
    const name = helperName(i.imm);
    if (name) return name;
  }
  if (i.src === BPF_PSEUDO_KFUNC_CALL) {
    const name = opts.kfuncName?.(i.imm);
    return name ?? 'kernel-function';
  }
  if (i.src === BPF_PSEUDO_CALL) return signed(i.imm);
  return 'unknown';
}

function formatAlu(i: Insn): string {
  const cls = bpfClass(i.code);
  const op = bpfOp(i.code);
  const r = cls === BPF_ALU ? 'w' : 'r';
  if (op === BPF_END) {
    return cls === BPF_ALU64
      ? `r${i.dst} = bswap${i.imm} r${i.dst}`
      : `r${i.dst} = ${bpfSrc(i.code) === BPF_TO_BE ? 'be' : 'le'}${i.imm} r${i.dst}`;
  }
  if (op === BPF_NEG) return `${r}${i.dst} = -${r}${i.dst}`;
  if (i.code === (BPF_ALU64 | BPF_MOV | BPF_X) && i.off === BPF_ADDR_SPACE_CAST) {
    return `r${i.dst} = addr_space_cast(r${i.src}, ${i.imm >>> 16}, ${i.imm & 0xffff})`;
  }
  if (i.code === (BPF_ALU64 | BPF_MOV | BPF_X) && i.off === BPF_ADDR_PERCPU) {
    return `r${i.dst} = &(void __percpu *)(r${i.src})`;
  }
  const sign = (op === BPF_DIV || op === BPF_MOD) && i.off === 1;
  const opStr = sign ? at(ALU_SIGN_STRING, op >> 4) : at(ALU_STRING, op >> 4);
  if (bpfSrc(i.code) === BPF_X) {
    const movsx = op === BPF_MOV && (i.off === 8 || i.off === 16 || i.off === 32);
    return `${r}${i.dst} ${opStr} ${movsx ? at(MOVSX_STRING, (i.off >> 3) - 1) : ''}${r}${i.src}`;
  }
  return `${r}${i.dst} ${opStr} ${i.imm}`;
}

function formatStx(i: Insn): string | null {
  const size = LDST_STRING[bpfSize(i.code) >> 3]!;
  const mem = `(r${i.dst} ${signed(i.off)})`;
  const mode = bpfMode(i.code);
  if (mode === BPF_MEM) return `*(${size} *)${mem} = r${i.src}`;
  if (mode !== BPF_ATOMIC) return null;
  const b64 = bpfSize(i.code) === BPF_DW ? '64' : '';
  if (isAtomicAlu(i.imm)) return `lock *(${size} *)${mem} ${at(ALU_STRING, bpfOp(i.imm) >> 4)} r${i.src}`;
  if (isAtomicFetchAlu(i.imm)) {
    return `r${i.src} = atomic${b64}_fetch_${at(ATOMIC_ALU_STRING, bpfOp(i.imm) >> 4)}((${size} *)${mem}, r${i.src})`;
  }
  if (i.imm === BPF_CMPXCHG) return `r0 = atomic${b64}_cmpxchg((${size} *)${mem}, r0, r${i.src})`;
  if (i.imm === BPF_XCHG) return `r${i.src} = atomic${b64}_xchg((${size} *)${mem}, r${i.src})`;
  if (i.imm === BPF_LOAD_ACQ) return `r${i.dst} = load_acquire((${size} *)(r${i.src} ${signed(i.off)}))`;
  if (i.imm === BPF_STORE_REL) return `store_release((${size} *)${mem}, r${i.src})`;
  return null;
}

function formatJmp(i: Insn, opts: KernelFormatOptions): string {
  const cls = bpfClass(i.code);
  const op = bpfOp(i.code);
  if (op === BPF_CALL) {
    return i.src === BPF_PSEUDO_CALL ? `call pc${callName(i, opts)}` : `call ${callName(i, opts)}#${i.imm}`;
  }
  if (i.code === (BPF_JMP | BPF_JA)) return `goto pc${signed(i.off)}`;
  if (i.code === (BPF_JMP | BPF_JCOND) && i.src === BPF_MAY_GOTO) return `may_goto pc${signed(i.off)}`;
  if (i.code === (BPF_JMP32 | BPF_JA)) return `gotol pc${signed(i.imm)}`;
  if (i.code === (BPF_JMP | BPF_EXIT)) return 'exit';
  const r = cls === BPF_JMP32 ? 'w' : 'r';
  const cond = at(JMP_STRING, op >> 4);
  return bpfSrc(i.code) === BPF_X
    ? `if ${r}${i.dst} ${cond} ${r}${i.src} goto pc${signed(i.off)}`
    : `if ${r}${i.dst} ${cond} 0x${hex32(i.imm)} goto pc${signed(i.off)}`;
}

/** The text after `N: ` that the kernel prints for slot `pc`, starting with `(xx) `. */
export function formatInsnKernel(insns: readonly Insn[], pc: number, opts: KernelFormatOptions = {}): string {
  const i = insns[pc]!;
  const code = hex2(i.code);
  const cls = bpfClass(i.code);
  const mode = bpfMode(i.code);
  switch (cls) {
    case BPF_ALU:
    case BPF_ALU64:
      return `(${code}) ${formatAlu(i)}`;
    case BPF_STX: {
      const text = formatStx(i);
      return text === null ? `BUG_${code}` : `(${code}) ${text}`;
    }
    case BPF_ST:
      if (mode === BPF_MEM) return `(${code}) *(${LDST_STRING[bpfSize(i.code) >> 3]} *)(r${i.dst} ${signed(i.off)}) = ${i.imm}`;
      if (mode === BPF_NOSPEC) return `(${code}) nospec`;
      return `BUG_st_${code}`;
    case BPF_LDX: {
      if (mode !== BPF_MEM && mode !== BPF_MEMSX) return `BUG_ldx_${code}`;
      const size = mode === BPF_MEM ? LDST_STRING[bpfSize(i.code) >> 3] : LDSX_STRING[bpfSize(i.code) >> 3];
      return `(${code}) r${i.dst} = *(${str(size)} *)(r${i.src} ${signed(i.off)})`;
    }
    case BPF_LD: {
      const size = LDST_STRING[bpfSize(i.code) >> 3];
      if (mode === BPF_ABS) return `(${code}) r0 = *(${size} *)skb[${i.imm}]`;
      if (mode === BPF_IND) return `(${code}) r0 = *(${size} *)skb[r${i.src} + ${i.imm}]`;
      if (mode === BPF_IMM && bpfSize(i.code) === BPF_DW) {
        return `(${code}) r${i.dst} = ${ldImm64Text(i, insns[pc + 1], opts)}`;
      }
      return `BUG_ld_${code}`;
    }
    default: // BPF_JMP, BPF_JMP32: the three class bits leave nothing else
      return `(${code}) ${formatJmp(i, opts)}`;
  }
}
