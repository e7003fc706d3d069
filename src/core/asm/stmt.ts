// The parser's output for one instruction: what the text asked for, in terms of the instruction
// table's operation names, with every operand's source span. All three dialects parse into these
// same statements; nothing here is validated yet (registers may be r11, immediates may not fit).
// encode.ts is the one place that checks a statement and turns it into slots.

import type { AluName, AtomicName, JmpName } from '../isa/table.js';
import type { Span } from './types.js';

export type Dialect = 'pseudo' | 'ubpf';

export interface Reg {
  /** Register number as written (may be out of range: `r11`, `%r50`). */
  n: number;
  /** 64 for `rN`, 32 for `wN`; undefined where the spelling says nothing (`%rN` and uBPF `rN`). */
  width?: 32 | 64;
  text: string;
  span: Span;
}

export interface Imm {
  value: bigint;
  /** Written in hex or binary (bpf_conformance accepts 32-bit patterns like 0xffffffff only so). */
  hex: boolean;
  span: Span;
}

export interface Mem {
  base: Reg;
  off: Imm;
  span: Span;
}

/** A branch or call target: a relative offset as written (`+3`, `pc-2`) or a label. */
export type Target =
  | { kind: 'rel'; off: bigint; span: Span }
  | { kind: 'label'; name: string; span: Span };

/** What `r1 = NAME ll` and friends load. */
export type LddwSource =
  | { kind: 'imm'; imm: Imm }
  /** A declared map by name, or a label (a BPF function's address). Resolved when encoding. */
  | { kind: 'name'; name: string; span: Span }
  /** bpftool's `map[id:N]` / `map[id:NAME]`, optionally `[0]+off` (a pointer into the value), or
   * a verifier log's `r1 = 0xffff...` whose state comment says `R1=map_ptr(...)` (`address`). */
  | { kind: 'mapid'; id: string; numeric: boolean; address?: boolean; value: boolean; off: bigint; span: Span }
  /** The kernel's `map[idx:N]` / `map[idx:N]+OFF`: BPF_PSEUDO_MAP_IDX(_VALUE), N indexing the maps. */
  | { kind: 'mapidx'; index: Imm; value: boolean; off: bigint; span: Span }
  /** The kernel's `subprog[+N]`: a BPF function's address, N relative to the next instruction. */
  | { kind: 'subprog'; off: Imm }
  /** llvm-objdump's `ld_pseudo rN, SRC, IMM`: any pseudo source with a raw imm. */
  | { kind: 'pseudo'; src: Imm; imm: Imm };

export type Size = 1 | 2 | 4 | 8;

/** What the call names. `name` is resolved later: a label makes it a local call, else a helper. */
export type CallTarget =
  | { kind: 'helper'; imm: Imm }
  | { kind: 'helperName'; name: string; span: Span; /** the `#N` the kernel prints after it */ hashId?: Imm }
  | { kind: 'kfunc'; imm: Imm }
  | { kind: 'local'; target: Target }
  | { kind: 'name'; name: string; span: Span }
  | { kind: 'reg'; reg: Reg };

export type StmtBody =
  | { k: 'alu'; op: AluName; w32: boolean; dst: Reg; src: Reg | Imm }
  | { k: 'mov'; w32: boolean; dst: Reg; src: Reg | Imm }
  | { k: 'movsx'; w32: boolean; ext: number; dst: Reg; src: Reg }
  | { k: 'neg'; w32: boolean; dst: Reg; src?: Reg }
  | { k: 'end'; order: 'le' | 'be' | 'bswap'; bits: number; dst: Reg; src?: Reg }
  | { k: 'lddw'; dst: Reg; src: LddwSource }
  | { k: 'ldx'; size: Size; signed: boolean; dst: Reg; mem: Mem }
  | { k: 'st'; size: Size; mem: Mem; imm: Imm }
  | { k: 'stx'; size: Size; mem: Mem; src: Reg }
  /** `dst` is the register the pseudo-C text assigns (`r0 = atomic_fetch_add(..., r0)`): the
   * instruction has no such field, so it must name the register that receives the old value. */
  | { k: 'atomic'; op: AtomicName; fetch: boolean; size: Size; mem: Mem; src: Reg; dst?: Reg; cmp?: Reg }
  | { k: 'load_acq'; size: Size; dst: Reg; mem: Mem }
  | { k: 'store_rel'; size: Size; mem: Mem; src: Reg }
  | { k: 'ld_abs'; size: Size; imm: Imm; dst?: Reg }
  | { k: 'ld_ind'; size: Size; src: Reg; imm: Imm; dst?: Reg }
  | { k: 'ja'; long: boolean; target: Target }
  | { k: 'jcond'; op: JmpName; w32: boolean; dst: Reg; src: Reg | Imm; target: Target }
  | { k: 'may_goto'; target: Target }
  | { k: 'call'; target: CallTarget }
  | { k: 'exit' };

export type Stmt = StmtBody & {
  dialect: Dialect;
  /** The whole instruction's text span. */
  span: Span;
  /** The mnemonic or operator, where errors about the operation point. */
  opSpan: Span;
};

export const isReg = (x: Reg | Imm): x is Reg => 'n' in x;
