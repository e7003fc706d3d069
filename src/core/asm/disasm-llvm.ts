// LLVM's instruction text: what `llvm-objdump-14 -d --mattr=+alu32` prints after the bytes, so
// that the output is also llvm-mc input. Table-driven: one case per row kind of the instruction
// table. Where LLVM 14 has no spelling (the v4 instructions, mod, jset, store-immediate,
// load-acquire/store-release, may_goto) this uses the spelling newer LLVM releases print.
// Deliberate differences, because LLVM's own text could not be assembled back to the same bytes:
// - branch targets are plain `+N`/`-N` (llvm-objdump appends ` <.text+0x..>` when it has symbols);
// - bpf-to-bpf calls print `call pc+N` and kfunc calls `call kernel-function#ID` (LLVM prints
//   `call N` for all three kinds of call);
// - a legacy `skb[rN + imm]` load with imm != 0 shows the imm (LLVM 14 drops it);
// - a map load prints `rN = NAME ll` when the map is known (LLVM prints `ld_pseudo rN, 1, imm`).

import { lddwValue, lookupOp, type Insn } from '../isa/insn.js';
import { aluSymbol, jmpSymbol, type OpSpec } from '../isa/table.js';
import { BPF_PSEUDO_MAP_FD, BPF_TO_BE } from '../isa/constants.js';
import type { MapDecl } from './types.js';

export interface LlvmFormatOptions {
  /** Declared maps: `r1 = NAME ll` for a map load whose imm indexes this list. */
  maps?: readonly MapDecl[];
}

/** LLVM's `%+d`-like jump offsets: `+3`, `-2`, `+0`. */
const rel = (n: number): string => (n >= 0 ? `+${n}` : `${n}`);
/** printMemOperand: `r1 + 4`, `r10 - 8`. */
const memOp = (reg: number, off: number): string => (off < 0 ? `r${reg} - ${-off}` : `r${reg} + ${off}`);
const uSize = (bytes: number): string => `u${bytes * 8}`;

function formatOp(op: OpSpec, insns: readonly Insn[], pc: number, opts: LlvmFormatOptions): string {
  const i = insns[pc]!;
  // 32-bit operand registers are `wN`; LLVM (with alu32) also uses them for sub-64-bit memory values.
  const w = op.width === 64 ? 'r' : 'w';
  const dst = `${w}${i.dst}`;
  const src = `${w}${i.src}`;
  switch (op.kind) {
    case 'alu':
      return `${dst} ${aluSymbol(op.alu!)} ${op.useSrcReg ? src : i.imm}`;
    case 'neg':
      return `${dst} = -${dst}`;
    case 'mov':
      return `${dst} = ${op.useSrcReg ? src : i.imm}`;
    case 'movsx':
      return `${dst} = (s${op.extWidth})${src}`;
    case 'end':
      return `r${i.dst} = ${op.code & BPF_TO_BE ? 'be' : 'le'}${op.extWidth} r${i.dst}`;
    case 'bswap':
      return `r${i.dst} = bswap${op.extWidth} r${i.dst}`;
    case 'ja':
      return `goto ${rel(i.off)}`;
    case 'gotol':
      return `gotol ${rel(i.imm)}`;
    case 'may_goto':
      return `may_goto ${rel(i.off)}`;
    case 'jcond':
      return `if ${dst} ${jmpSymbol(op.jmp!)} ${op.useSrcReg ? src : i.imm} goto ${rel(i.off)}`;
    case 'call':
      return `call ${i.imm}`;
    case 'call_local':
      return `call pc${rel(i.imm)}`;
    case 'call_kfunc':
      return `call kernel-function#${i.imm}`;
    case 'exit':
      return 'exit';
    case 'lddw': {
      if (op.pseudo === 0) return `r${i.dst} = ${BigInt.asIntN(64, lddwValue(i, insns[pc + 1]))} ll`;
      const map = op.pseudo === BPF_PSEUDO_MAP_FD && opts.maps ? opts.maps[i.imm] : undefined;
      if (map && i.imm >= 0) return `r${i.dst} = ${map.name} ll`;
      return `ld_pseudo\tr${i.dst}, ${op.pseudo}, ${i.imm >>> 0}`;
    }
    case 'ldx':
      return `${dst} = *(${uSize(op.memSize!)} *)(${memOp(i.src, i.off)})`;
    case 'ldxsx':
      return `r${i.dst} = *(s${op.memSize! * 8} *)(${memOp(i.src, i.off)})`;
    case 'st':
      return `*(${uSize(op.memSize!)} *)(${memOp(i.dst, i.off)}) = ${i.imm}`;
    case 'stx':
      return `*(${uSize(op.memSize!)} *)(${memOp(i.dst, i.off)}) = ${src}`;
    case 'atomic': {
      const size = uSize(op.memSize!);
      const b32 = op.memSize === 4;
      if (op.atomicOp === 'cmpxchg') {
        return b32 ? `w0 = cmpxchg32_32(${memOp(i.dst, i.off)}, w0, ${src})` : `r0 = cmpxchg_64(${memOp(i.dst, i.off)}, r0, ${src})`;
      }
      if (op.atomicOp === 'xchg') {
        return `${src} = ${b32 ? 'xchg32_32' : 'xchg_64'}(${memOp(i.dst, i.off)}, ${src})`;
      }
      if (op.fetch) return `${src} = atomic_fetch_${op.atomicOp}((${size} *)(${memOp(i.dst, i.off)}), ${src})`;
      return `lock *(${size} *)(${memOp(i.dst, i.off)}) ${aluSymbol(op.atomicOp!)} ${src}`;
    }
    case 'load_acq':
      return `${dst} = load_acquire((${uSize(op.memSize!)} *)(${memOp(i.src, i.off)}))`;
    case 'store_rel':
      return `store_release((${uSize(op.memSize!)} *)(${memOp(i.dst, i.off)}), ${src})`;
    case 'ld_abs':
      return `r0 = *(${uSize(op.memSize!)} *)skb[${i.imm}]`;
    case 'ld_ind':
      return `r0 = *(${uSize(op.memSize!)} *)skb[${i.imm === 0 ? `r${i.src}` : memOp(i.src, i.imm)}]`;
  }
}

/** LLVM's text for the instruction at slot `pc`, or `<unknown>` (as llvm-objdump) for an invalid slot. */
export function formatInsnLlvm(insns: readonly Insn[], pc: number, opts: LlvmFormatOptions = {}): string {
  const op = lookupOp(insns[pc]!);
  return op ? formatOp(op, insns, pc, opts) : '<unknown>';
}
