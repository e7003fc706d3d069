// The raw instruction (one 8-byte slot), its little-endian encoding, and the kernel's structural
// checks. A program is an array of slots exactly as the kernel sees it: ld_imm64 takes two slots,
// the second having code 0 and carrying the upper 32 bits in imm, so pc values match the kernel's.

import {
  BPF_ABS, BPF_ALU, BPF_ALU64, BPF_ATOMIC, BPF_CALL, BPF_DIV, BPF_DW, BPF_END, BPF_EXIT, BPF_IMM,
  BPF_IND, BPF_JA, BPF_JCOND, BPF_JMP, BPF_JMP32, BPF_K, BPF_LD, BPF_LDX, BPF_MEM, BPF_MEMSX, BPF_MOD,
  BPF_MOV, BPF_NEG, BPF_PSEUDO_CALL, BPF_PSEUDO_KFUNC_CALL, BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_IDX,
  BPF_PSEUDO_MAP_IDX_VALUE, BPF_PSEUDO_MAP_VALUE, BPF_PSEUDO_BTF_ID, BPF_PSEUDO_FUNC, BPF_ST, BPF_STX, BPF_TO_LE, BPF_X, BPF_LSH, BPF_RSH,
  BPF_ARSH, BPF_W, BPF_B, BPF_H, bpfClass, bpfMode, bpfOp, bpfSize, bpfSrc, BPF_LOAD_ACQ, BPF_STORE_REL,
  BPF_ADD, BPF_OR, BPF_AND, BPF_XOR, BPF_FETCH, BPF_XCHG, BPF_CMPXCHG, INSN_SIZE,
} from './constants.js';
import { isKnownOpcode, opsByCode, type OpSpec } from './table.js';

export interface Insn {
  /** Opcode byte, 0..255. */
  code: number;
  /** Destination register field, 0..15 (only 0..10 are valid registers). */
  dst: number;
  /** Source register field, 0..15; for some opcodes a sub-opcode. */
  src: number;
  /** Signed 16-bit offset. */
  off: number;
  /** Signed 32-bit immediate. */
  imm: number;
}

export const insn = (code: number, dst = 0, src = 0, off = 0, imm = 0): Insn => ({ code, dst, src, off, imm });

/** The second slot of an ld_imm64 whose 64-bit value is `value`. */
export function lddwSlots(code: number, dst: number, src: number, value: bigint): [Insn, Insn] {
  const v = BigInt.asUintN(64, value);
  return [
    { code, dst, src, off: 0, imm: Number(BigInt.asIntN(32, v)) },
    { code: 0, dst: 0, src: 0, off: 0, imm: Number(BigInt.asIntN(32, v >> 32n)) },
  ];
}

/** The 64-bit value an ld_imm64 pair loads (unsigned). */
export function lddwValue(lo: Insn, hi: Insn | undefined): bigint {
  return (BigInt(hi ? hi.imm >>> 0 : 0) << 32n) | BigInt(lo.imm >>> 0);
}

export function encodeInsn(i: Insn, out: Uint8Array = new Uint8Array(INSN_SIZE), at = 0): Uint8Array {
  out[at] = i.code & 0xff;
  out[at + 1] = ((i.src & 0xf) << 4) | (i.dst & 0xf);
  out[at + 2] = i.off & 0xff;
  out[at + 3] = (i.off >> 8) & 0xff;
  out[at + 4] = i.imm & 0xff;
  out[at + 5] = (i.imm >>> 8) & 0xff;
  out[at + 6] = (i.imm >>> 16) & 0xff;
  out[at + 7] = (i.imm >>> 24) & 0xff;
  return out;
}

export function decodeInsn(bytes: Uint8Array, at = 0): Insn {
  const regs = bytes[at + 1]!;
  const off = (bytes[at + 2]! | (bytes[at + 3]! << 8)) << 16 >> 16;
  const imm = bytes[at + 4]! | (bytes[at + 5]! << 8) | (bytes[at + 6]! << 16) | (bytes[at + 7]! << 24);
  return { code: bytes[at]!, dst: regs & 0xf, src: regs >> 4, off, imm };
}

export function encodeProgram(insns: readonly Insn[]): Uint8Array {
  const out = new Uint8Array(insns.length * INSN_SIZE);
  insns.forEach((i, n) => encodeInsn(i, out, n * INSN_SIZE));
  return out;
}

export type DecodeResult = { ok: true; insns: Insn[] } | { ok: false; error: string };

/** Bytes → slots. Only the length is checked here; structural checks are `checkInsn`'s. */
export function decodeProgram(bytes: Uint8Array): DecodeResult {
  if (bytes.length % INSN_SIZE !== 0) {
    return { ok: false, error: `program length ${bytes.length} is not a multiple of ${INSN_SIZE} bytes` };
  }
  const insns: Insn[] = [];
  for (let at = 0; at < bytes.length; at += INSN_SIZE) insns.push(decodeInsn(bytes, at));
  return { ok: true, insns };
}

/** The 64-bit little-endian words of a program, as bpf_conformance's `-- raw` sections give them. */
export function programToWords(insns: readonly Insn[]): bigint[] {
  const bytes = encodeProgram(insns);
  const view = new DataView(bytes.buffer);
  return insns.map((_, n) => view.getBigUint64(n * INSN_SIZE, true));
}

export function programFromWords(words: readonly bigint[]): Insn[] {
  const bytes = new Uint8Array(words.length * INSN_SIZE);
  const view = new DataView(bytes.buffer);
  words.forEach((w, n) => view.setBigUint64(n * INSN_SIZE, BigInt.asUintN(64, w), true));
  return words.map((_, n) => decodeInsn(bytes, n * INSN_SIZE));
}

/** The row of the instruction table this slot is, or undefined when no valid form matches. */
export function lookupOp(i: Insn): OpSpec | undefined {
  const rows = opsByCode(i.code);
  for (const r of rows) {
    if (!r.disc || i[r.disc.field] === r.disc.value) return r;
  }
  return undefined;
}

const isAtomicRmw = (imm: number): boolean =>
  [BPF_ADD, BPF_OR, BPF_AND, BPF_XOR].some((op) => imm === op || imm === (op | BPF_FETCH)) ||
  imm === BPF_XCHG || imm === BPF_CMPXCHG;

/**
 * The kernel's structural verdict on one slot, in its exact wording, or null when the slot is
 * well formed. `next` is the following slot (for ld_imm64) and `isLast` says whether this is the
 * program's final slot. Register numbers above 10 are reported by the verifier's register checks
 * (`R%d is invalid`), not here. The order of the tests follows verifier.c: the opcode table and
 * ld_imm64 shape are checked for the whole program first (resolve_pseudo_ldimm64); per-class
 * reserved fields when the instruction is first walked (do_check).
 */
export function checkInsnShape(i: Insn, next: Insn | undefined): string | null {
  const cls = bpfClass(i.code);
  if (cls === BPF_LDX && ((bpfMode(i.code) !== BPF_MEM && bpfMode(i.code) !== BPF_MEMSX) || i.imm !== 0)) {
    return 'BPF_LDX uses reserved fields';
  }
  if (i.code === (BPF_LD | BPF_IMM | BPF_DW)) {
    if (!next || next.code !== 0 || next.dst !== 0 || next.src !== 0 || next.off !== 0) {
      return 'invalid bpf_ld_imm64 insn';
    }
    switch (i.src) {
      case 0: case BPF_PSEUDO_MAP_VALUE: case BPF_PSEUDO_BTF_ID: case BPF_PSEUDO_FUNC: case BPF_PSEUDO_MAP_IDX_VALUE:
        break;
      case BPF_PSEUDO_MAP_FD: case BPF_PSEUDO_MAP_IDX:
        if (next.imm !== 0) return 'unrecognized bpf_ld_imm64 insn';
        break;
      default:
        return 'unrecognized bpf_ld_imm64 insn';
    }
  }
  if (!isKnownOpcode(i.code)) return `unknown opcode ${hex2(i.code)}`;
  return null;
}

/** do_check's per-class reserved-field and operand checks, in the kernel's words. */
export function checkInsnFields(i: Insn): string | null {
  const cls = bpfClass(i.code);
  const op = bpfOp(i.code);
  const srcX = bpfSrc(i.code) === BPF_X;
  switch (cls) {
    case BPF_ALU:
    case BPF_ALU64: {
      if (op === BPF_END || op === BPF_NEG) {
        if (op === BPF_NEG) {
          if (srcX || i.src !== 0 || i.off !== 0 || i.imm !== 0) return 'BPF_NEG uses reserved fields';
        } else if (i.src !== 0 || i.off !== 0 || (i.imm !== 16 && i.imm !== 32 && i.imm !== 64) ||
          (cls === BPF_ALU64 && bpfSrc(i.code) !== BPF_TO_LE)) {
          return 'BPF_END uses reserved fields';
        }
      } else if (op === BPF_MOV) {
        if (srcX) {
          const okOff = cls === BPF_ALU ? [0, 8, 16] : [0, 8, 16, 32];
          if (!okOff.includes(i.off) || i.imm !== 0) return 'BPF_MOV uses reserved fields';
        } else if (i.src !== 0 || i.off !== 0) {
          return 'BPF_MOV uses reserved fields';
        }
      } else if (op > BPF_END) {
        return `invalid BPF_ALU opcode ${(op >> 4).toString(16)}`;
      } else {
        const badOff = (i.off !== 0 && i.off !== 1) || (i.off === 1 && op !== BPF_MOD && op !== BPF_DIV);
        if (srcX ? i.imm !== 0 || badOff : i.src !== 0 || badOff) return 'BPF_ALU uses reserved fields';
        if ((op === BPF_MOD || op === BPF_DIV) && !srcX && i.imm === 0) return 'div by zero';
        if ((op === BPF_LSH || op === BPF_RSH || op === BPF_ARSH) && !srcX) {
          const size = cls === BPF_ALU64 ? 64 : 32;
          if (i.imm < 0 || i.imm >= size) return `invalid shift ${i.imm}`;
        }
      }
      return null;
    }
    case BPF_LDX:
      return null; // checked up front by checkInsnShape
    case BPF_STX:
      if (bpfMode(i.code) === BPF_ATOMIC) {
        if (isAtomicRmw(i.imm)) {
          const size = bpfSize(i.code);
          if (size !== BPF_W && size !== BPF_DW) return 'invalid atomic operand size';
          return null;
        }
        if (i.imm === BPF_LOAD_ACQ || i.imm === BPF_STORE_REL) return null;
        return `BPF_ATOMIC uses invalid atomic opcode ${hex2(i.imm)}`;
      }
      if (bpfMode(i.code) !== BPF_MEM || i.imm !== 0) return 'BPF_STX uses reserved fields';
      return null;
    case BPF_ST:
      if (bpfMode(i.code) !== BPF_MEM || i.src !== 0) return 'BPF_ST uses reserved fields';
      return null;
    case BPF_JMP:
    case BPF_JMP32:
      if (op === BPF_CALL) {
        if (srcX || (i.src !== BPF_PSEUDO_KFUNC_CALL && i.off !== 0) ||
          (i.src !== 0 && i.src !== BPF_PSEUDO_CALL && i.src !== BPF_PSEUDO_KFUNC_CALL) ||
          i.dst !== 0 || cls === BPF_JMP32) {
          return 'BPF_CALL uses reserved fields';
        }
      } else if (op === BPF_JA) {
        if (srcX || i.src !== 0 || i.dst !== 0 || (cls === BPF_JMP && i.imm !== 0) || (cls === BPF_JMP32 && i.off !== 0)) {
          return 'BPF_JA uses reserved fields';
        }
      } else if (op === BPF_EXIT) {
        if (srcX || i.imm !== 0 || i.src !== 0 || i.dst !== 0 || cls === BPF_JMP32) return 'BPF_EXIT uses reserved fields';
      } else if (op === BPF_JCOND) {
        if (i.code !== (BPF_JMP | BPF_JCOND) || i.src !== 0 || i.dst !== 0 || i.imm !== 0) {
          return `invalid may_goto imm ${i.imm}`;
        }
      } else if (op > BPF_JCOND) {
        return `invalid BPF_JMP/JMP32 opcode ${(op >> 4).toString(16)}`;
      } else if (srcX ? i.imm !== 0 : i.src !== 0) {
        return 'BPF_JMP/JMP32 uses reserved fields';
      }
      return null;
    case BPF_LD: {
      const mode = bpfMode(i.code);
      if (mode === BPF_ABS || mode === BPF_IND) {
        if (i.dst !== 0 || i.off !== 0 || bpfSize(i.code) === BPF_DW || (mode === BPF_ABS && i.src !== 0)) {
          return 'BPF_LD_[ABS|IND] uses reserved fields';
        }
        return null;
      }
      if (mode === BPF_IMM) {
        if (bpfSize(i.code) !== BPF_DW) return 'invalid BPF_LD_IMM insn';
        if (i.off !== 0) return 'BPF_LD_IMM64 uses reserved fields';
        return null;
      }
      return 'invalid BPF_LD mode';
    }
  }
  return null;
}

/** Either kind of structural error for slot `pc` of a program, or null. */
export function checkInsn(insns: readonly Insn[], pc: number): string | null {
  const i = insns[pc]!;
  return checkInsnShape(i, insns[pc + 1]) ?? checkInsnFields(i);
}

/** The slot after an ld_imm64 is data, not an instruction. */
export function isLddw(i: Insn): boolean {
  return i.code === (BPF_LD | BPF_IMM | BPF_DW);
}

/** The index of the next instruction after `pc` (skipping ld_imm64's second slot). */
export function nextPc(insns: readonly Insn[], pc: number): number {
  return isLddw(insns[pc]!) ? pc + 2 : pc + 1;
}

/** Indices of instruction starts (excluding ld_imm64 second slots). */
export function instructionStarts(insns: readonly Insn[]): number[] {
  const starts: number[] = [];
  for (let pc = 0; pc < insns.length; pc = nextPc(insns, pc)) starts.push(pc);
  return starts;
}

export const hex2 = (n: number): string => (n & 0xff).toString(16).padStart(2, '0');

// Re-exported so that users of Insn need only this module for the common constants.
export { BPF_K, BPF_X, BPF_B, BPF_H, BPF_W, BPF_DW, BPF_JMP, BPF_JMP32, BPF_ALU, BPF_ALU64, BPF_DIV, BPF_EXIT };

/**
 * The first structural error of a whole program, in the order the kernel reports them: the
 * opcode/ld_imm64 pass over all instructions first, then per-instruction fields. (The verifier
 * reports field errors only for instructions it reaches; this function checks all of them.)
 */
export function checkProgramShape(insns: readonly Insn[]): { pc: number; message: string } | null {
  for (let pc = 0; pc < insns.length; pc = nextPc(insns, pc)) {
    const m = checkInsnShape(insns[pc]!, insns[pc + 1]);
    if (m) return { pc, message: m };
  }
  for (let pc = 0; pc < insns.length; pc = nextPc(insns, pc)) {
    const m = checkInsnFields(insns[pc]!);
    if (m) return { pc, message: m };
  }
  return null;
}
