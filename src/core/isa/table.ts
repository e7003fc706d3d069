// The one instruction table. Assembler, disassembler, VM and verifier all derive from it:
// every valid eBPF instruction form the Linux kernel accepts is one row, identified by its opcode
// byte plus, where the opcode is shared, one discriminating field (off for sdiv/smod and movsx,
// imm for byte swaps and atomics, src for calls, ld_imm64 pseudo sources and may_goto).
// Rows are built by loops below but are plain, frozen data once the module loads.

import {
  BPF_ABS, BPF_ADD, BPF_ALU, BPF_ALU64, BPF_AND, BPF_ARSH, BPF_ATOMIC, BPF_B, BPF_CALL, BPF_CMPXCHG,
  BPF_DIV, BPF_DW, BPF_END, BPF_EXIT, BPF_FETCH, BPF_H, BPF_IMM, BPF_IND, BPF_JA, BPF_JCOND, BPF_JEQ,
  BPF_JGE, BPF_JGT, BPF_JLE, BPF_JLT, BPF_JMP, BPF_JMP32, BPF_JNE, BPF_JSET, BPF_JSGE, BPF_JSGT,
  BPF_JSLE, BPF_JSLT, BPF_K, BPF_LD, BPF_LDX, BPF_LOAD_ACQ, BPF_LSH, BPF_MEM, BPF_MEMSX, BPF_MOD,
  BPF_MOV, BPF_MUL, BPF_NEG, BPF_OR, BPF_RSH, BPF_ST, BPF_STORE_REL, BPF_STX, BPF_SUB, BPF_TO_BE,
  BPF_TO_LE, BPF_W, BPF_X, BPF_XCHG, BPF_XOR, sizeBytes,
} from './constants.js';

export type OpKind =
  | 'alu'      // dst = dst OP src (binary ALU, including div/mod and their signed forms)
  | 'neg'      // dst = -dst
  | 'mov'      // dst = src
  | 'movsx'    // dst = (sN)src
  | 'end'      // le/be byte order conversion (ALU class)
  | 'bswap'    // unconditional byte swap (ALU64 class)
  | 'ja'       // goto +off
  | 'gotol'    // goto +imm (JMP32 | JA)
  | 'jcond'    // if dst OP src goto +off
  | 'may_goto' // JMP | JCOND, src 0
  | 'call'     // helper call, src 0
  | 'call_local' // bpf-to-bpf call, src 1, target pc + 1 + imm
  | 'call_kfunc' // kfunc call by BTF id, src 2
  | 'exit'
  | 'lddw'     // ld_imm64, two slots; src selects the pseudo source
  | 'ldx'      // dst = *(uN *)(src + off)
  | 'ldxsx'    // dst = *(sN *)(src + off)
  | 'st'       // *(uN *)(dst + off) = imm
  | 'stx'      // *(uN *)(dst + off) = src
  | 'atomic'   // lock read-modify-write, see atomicOp
  | 'load_acq' // dst = load_acquire((uN *)(src + off))
  | 'store_rel' // store_release((uN *)(dst + off), src)
  | 'ld_abs'   // r0 = ntoh(*(uN *)skb[imm])   (legacy)
  | 'ld_ind';  // r0 = ntoh(*(uN *)skb[src + imm]) (legacy)

/** Binary ALU operations by name; the `op` nibble is the kernel's BPF_* value. */
export type AluName = 'add' | 'sub' | 'mul' | 'div' | 'sdiv' | 'or' | 'and' | 'lsh' | 'rsh' | 'mod' | 'smod' | 'xor' | 'arsh';
export type JmpName = 'jeq' | 'jgt' | 'jge' | 'jset' | 'jne' | 'jsgt' | 'jsge' | 'jlt' | 'jle' | 'jslt' | 'jsle';
export type AtomicName = 'add' | 'or' | 'and' | 'xor' | 'xchg' | 'cmpxchg';

/** Which field discriminates rows that share an opcode byte. */
export type Discriminator = { field: 'off' | 'imm' | 'src'; value: number };

/** The RFC 9669 conformance group and the clang -mcpu version that introduced the form. */
export type Group = 'base32' | 'base64' | 'atomic32' | 'atomic64' | 'divmul32' | 'divmul64' | 'packet' | 'kernel';

export interface OpSpec {
  /** Unique key, also the uBPF/bpf_conformance mnemonic where one exists: `add32`, `ldxdw`, `jsgt32`. */
  readonly name: string;
  readonly code: number;
  readonly kind: OpKind;
  readonly cls: number;
  /** Operand width in bits: 64 for ALU64/JMP/DW accesses, 32 for ALU/JMP32, else the access size. */
  readonly width: 8 | 16 | 32 | 64;
  /** True for BPF_X forms (operand is src_reg). */
  readonly useSrcReg: boolean;
  readonly disc?: Discriminator;
  /** ALU op name for 'alu'; jump condition for 'jcond'; atomic op for 'atomic'. */
  readonly alu?: AluName;
  readonly jmp?: JmpName;
  readonly atomicOp?: AtomicName;
  /** BPF_FETCH set (src receives the old value). */
  readonly fetch?: boolean;
  /** Memory access size in bytes for loads/stores/atomics. */
  readonly memSize?: 1 | 2 | 4 | 8;
  /** movsx source width; end/bswap width. */
  readonly extWidth?: 8 | 16 | 32 | 64;
  /** lddw pseudo source (src_reg value). */
  readonly pseudo?: number;
  readonly group: Group;
  /** clang -mcpu version that can emit this form (1..4); 0 when no clang emits it. */
  readonly cpu: 0 | 1 | 2 | 3 | 4;
  /** One line for hover docs. */
  readonly doc: string;
}

export const ALU_OPS: readonly { name: AluName; op: number; off: 0 | 1; sym: string; doc: string }[] = [
  { name: 'add', op: BPF_ADD, off: 0, sym: '+=', doc: 'add' },
  { name: 'sub', op: BPF_SUB, off: 0, sym: '-=', doc: 'subtract' },
  { name: 'mul', op: BPF_MUL, off: 0, sym: '*=', doc: 'multiply' },
  { name: 'div', op: BPF_DIV, off: 0, sym: '/=', doc: 'unsigned divide; dividing by zero gives 0' },
  { name: 'sdiv', op: BPF_DIV, off: 1, sym: 's/=', doc: 'signed divide; dividing by zero gives 0' },
  { name: 'or', op: BPF_OR, off: 0, sym: '|=', doc: 'bitwise or' },
  { name: 'and', op: BPF_AND, off: 0, sym: '&=', doc: 'bitwise and' },
  { name: 'lsh', op: BPF_LSH, off: 0, sym: '<<=', doc: 'shift left (amount masked to the width)' },
  { name: 'rsh', op: BPF_RSH, off: 0, sym: '>>=', doc: 'logical shift right (amount masked to the width)' },
  { name: 'mod', op: BPF_MOD, off: 0, sym: '%=', doc: 'unsigned modulo; modulo zero leaves dst unchanged' },
  { name: 'smod', op: BPF_MOD, off: 1, sym: 's%=', doc: 'signed modulo (truncating); modulo zero leaves dst unchanged' },
  { name: 'xor', op: BPF_XOR, off: 0, sym: '^=', doc: 'bitwise exclusive or' },
  { name: 'arsh', op: BPF_ARSH, off: 0, sym: 's>>=', doc: 'arithmetic shift right (amount masked to the width)' },
];

export const JMP_OPS: readonly { name: JmpName; op: number; sym: string; cpu: 1 | 2; doc: string }[] = [
  { name: 'jeq', op: BPF_JEQ, sym: '==', cpu: 1, doc: 'jump if equal' },
  { name: 'jgt', op: BPF_JGT, sym: '>', cpu: 1, doc: 'jump if greater (unsigned)' },
  { name: 'jge', op: BPF_JGE, sym: '>=', cpu: 1, doc: 'jump if greater or equal (unsigned)' },
  { name: 'jset', op: BPF_JSET, sym: '&', cpu: 1, doc: 'jump if dst & src is not zero' },
  { name: 'jne', op: BPF_JNE, sym: '!=', cpu: 1, doc: 'jump if not equal' },
  { name: 'jsgt', op: BPF_JSGT, sym: 's>', cpu: 1, doc: 'jump if greater (signed)' },
  { name: 'jsge', op: BPF_JSGE, sym: 's>=', cpu: 1, doc: 'jump if greater or equal (signed)' },
  { name: 'jlt', op: BPF_JLT, sym: '<', cpu: 2, doc: 'jump if less (unsigned)' },
  { name: 'jle', op: BPF_JLE, sym: '<=', cpu: 2, doc: 'jump if less or equal (unsigned)' },
  { name: 'jslt', op: BPF_JSLT, sym: 's<', cpu: 2, doc: 'jump if less (signed)' },
  { name: 'jsle', op: BPF_JSLE, sym: 's<=', cpu: 2, doc: 'jump if less or equal (signed)' },
];

export const ATOMIC_OPS: readonly { name: AtomicName; imm: number; fetch: boolean; sym: string }[] = [
  { name: 'add', imm: BPF_ADD, fetch: false, sym: '+=' },
  { name: 'or', imm: BPF_OR, fetch: false, sym: '|=' },
  { name: 'and', imm: BPF_AND, fetch: false, sym: '&=' },
  { name: 'xor', imm: BPF_XOR, fetch: false, sym: '^=' },
  { name: 'add', imm: BPF_ADD | BPF_FETCH, fetch: true, sym: '+=' },
  { name: 'or', imm: BPF_OR | BPF_FETCH, fetch: true, sym: '|=' },
  { name: 'and', imm: BPF_AND | BPF_FETCH, fetch: true, sym: '&=' },
  { name: 'xor', imm: BPF_XOR | BPF_FETCH, fetch: true, sym: '^=' },
  { name: 'xchg', imm: BPF_XCHG, fetch: true, sym: 'xchg' },
  { name: 'cmpxchg', imm: BPF_CMPXCHG, fetch: true, sym: 'cmpxchg' },
];

/** Size modifiers with their uBPF suffix, in byte order. */
export const MEM_SIZES: readonly { size: number; bytes: 1 | 2 | 4 | 8; suffix: 'b' | 'h' | 'w' | 'dw' }[] = [
  { size: BPF_B, bytes: 1, suffix: 'b' },
  { size: BPF_H, bytes: 2, suffix: 'h' },
  { size: BPF_W, bytes: 4, suffix: 'w' },
  { size: BPF_DW, bytes: 8, suffix: 'dw' },
];

/** Names of the ld_imm64 pseudo sources (src_reg), for docs and the disassembler. */
export const LDDW_PSEUDO_NAMES: readonly string[] = [
  'imm64', 'map_fd', 'map_value', 'btf_id', 'func', 'map_idx', 'map_idx_value',
];

function buildTable(): OpSpec[] {
  const rows: OpSpec[] = [];
  const add = (r: OpSpec): void => { rows.push(Object.freeze(r)); };

  // ALU and ALU64.
  for (const [cls, width, sfx] of [[BPF_ALU64, 64, ''], [BPF_ALU, 32, '32']] as const) {
    const g32 = cls === BPF_ALU;
    for (const a of ALU_OPS) {
      const divmul = a.op === BPF_MUL || a.op === BPF_DIV || a.op === BPF_MOD;
      const group: Group = divmul ? (g32 ? 'divmul32' : 'divmul64') : (g32 ? 'base32' : 'base64');
      for (const useSrcReg of [false, true]) {
        add({
          name: `${a.name}${sfx}_${useSrcReg ? 'reg' : 'imm'}`,
          code: cls | a.op | (useSrcReg ? BPF_X : BPF_K), kind: 'alu', cls, width, useSrcReg,
          disc: a.op === BPF_DIV || a.op === BPF_MOD ? { field: 'off', value: a.off } : undefined,
          alu: a.name, group, cpu: a.off === 1 ? 4 : (g32 ? 3 : 1),
          doc: `${width}-bit ${a.doc}`,
        });
      }
    }
    add({ name: `neg${sfx}`, code: cls | BPF_NEG | BPF_K, kind: 'neg', cls, width, useSrcReg: false,
      group: g32 ? 'base32' : 'base64', cpu: g32 ? 3 : 1, doc: `${width}-bit negate: dst = -dst` });
    add({ name: `mov${sfx}_imm`, code: cls | BPF_MOV | BPF_K, kind: 'mov', cls, width, useSrcReg: false,
      group: g32 ? 'base32' : 'base64', cpu: g32 ? 3 : 1,
      doc: g32 ? '32-bit move of an immediate; the upper 32 bits become zero' : '64-bit move of a sign-extended immediate' });
    add({ name: `mov${sfx}_reg`, code: cls | BPF_MOV | BPF_X, kind: 'mov', cls, width, useSrcReg: true,
      disc: { field: 'off', value: 0 }, group: g32 ? 'base32' : 'base64', cpu: g32 ? 3 : 1,
      doc: g32 ? '32-bit register move; the upper 32 bits become zero' : '64-bit register move' });
    for (const ext of (g32 ? [8, 16] : [8, 16, 32]) as (8 | 16 | 32)[]) {
      add({ name: `movsx${ext}${g32 ? '32' : '64'}`, code: cls | BPF_MOV | BPF_X, kind: 'movsx', cls, width,
        useSrcReg: true, disc: { field: 'off', value: ext }, extWidth: ext,
        group: g32 ? 'base32' : 'base64', cpu: 4,
        doc: `sign-extend the low ${ext} bits of src into ${width} bits${g32 ? ' (upper 32 bits zero)' : ''}` });
    }
  }
  // Byte order: le/be (ALU class), bswap (ALU64 class, source bit 0).
  for (const w of [16, 32, 64] as const) {
    const g: Group = w === 64 ? 'base64' : 'base32';
    add({ name: `le${w}`, code: BPF_ALU | BPF_END | BPF_TO_LE, kind: 'end', cls: BPF_ALU, width: w,
      useSrcReg: false, disc: { field: 'imm', value: w }, extWidth: w, group: g, cpu: 1,
      doc: `convert the low ${w} bits to little-endian (a truncation on little-endian hosts)` });
    add({ name: `be${w}`, code: BPF_ALU | BPF_END | BPF_TO_BE, kind: 'end', cls: BPF_ALU, width: w,
      useSrcReg: false, disc: { field: 'imm', value: w }, extWidth: w, group: g, cpu: 1,
      doc: `convert the low ${w} bits to big-endian (byte swap on little-endian hosts)` });
    add({ name: `bswap${w}`, code: BPF_ALU64 | BPF_END | BPF_TO_LE, kind: 'bswap', cls: BPF_ALU64, width: w,
      useSrcReg: false, disc: { field: 'imm', value: w }, extWidth: w, group: g, cpu: 4,
      doc: `unconditionally reverse the bytes of the low ${w} bits` });
  }

  // JMP and JMP32.
  add({ name: 'ja', code: BPF_JMP | BPF_JA, kind: 'ja', cls: BPF_JMP, width: 64, useSrcReg: false,
    group: 'base32', cpu: 1, doc: 'unconditional jump by a 16-bit offset' });
  add({ name: 'ja32', code: BPF_JMP32 | BPF_JA, kind: 'gotol', cls: BPF_JMP32, width: 32, useSrcReg: false,
    group: 'base32', cpu: 4, doc: 'unconditional jump by a 32-bit offset held in imm (gotol)' });
  for (const [cls, width, sfx] of [[BPF_JMP, 64, ''], [BPF_JMP32, 32, '32']] as const) {
    for (const j of JMP_OPS) {
      for (const useSrcReg of [false, true]) {
        add({ name: `${j.name}${sfx}_${useSrcReg ? 'reg' : 'imm'}`, code: cls | j.op | (useSrcReg ? BPF_X : BPF_K),
          kind: 'jcond', cls, width, useSrcReg, jmp: j.name,
          group: cls === BPF_JMP32 ? 'base32' : 'base64', cpu: cls === BPF_JMP32 ? 3 : j.cpu,
          doc: `${j.doc}, comparing ${width} bits` });
      }
    }
  }
  add({ name: 'call', code: BPF_JMP | BPF_CALL, kind: 'call', cls: BPF_JMP, width: 64, useSrcReg: false,
    disc: { field: 'src', value: 0 }, group: 'base32', cpu: 1, doc: 'call the kernel helper whose id is imm' });
  add({ name: 'call_local', code: BPF_JMP | BPF_CALL, kind: 'call_local', cls: BPF_JMP, width: 64, useSrcReg: false,
    disc: { field: 'src', value: 1 }, group: 'base32', cpu: 3, doc: 'call the BPF function at pc + 1 + imm' });
  add({ name: 'call_kfunc', code: BPF_JMP | BPF_CALL, kind: 'call_kfunc', cls: BPF_JMP, width: 64, useSrcReg: false,
    disc: { field: 'src', value: 2 }, group: 'kernel', cpu: 3, doc: 'call the kernel function whose BTF id is imm' });
  add({ name: 'exit', code: BPF_JMP | BPF_EXIT, kind: 'exit', cls: BPF_JMP, width: 64, useSrcReg: false,
    group: 'base32', cpu: 1, doc: 'return r0 to the caller' });
  add({ name: 'may_goto', code: BPF_JMP | BPF_JCOND, kind: 'may_goto', cls: BPF_JMP, width: 64, useSrcReg: false,
    disc: { field: 'src', value: 0 }, group: 'kernel', cpu: 0,
    doc: 'jump by off once the loop budget is used up (falls through otherwise)' });

  // LD: ld_imm64 with its pseudo sources, and the legacy packet loads.
  for (let pseudo = 0; pseudo < LDDW_PSEUDO_NAMES.length; pseudo++) {
    add({ name: pseudo === 0 ? 'lddw' : `lddw_${LDDW_PSEUDO_NAMES[pseudo]}`, code: BPF_LD | BPF_IMM | BPF_DW,
      kind: 'lddw', cls: BPF_LD, width: 64, useSrcReg: false, disc: { field: 'src', value: pseudo }, pseudo,
      memSize: 8, group: 'base64', cpu: 1,
      doc: pseudo === 0 ? 'load a 64-bit immediate (two instruction slots)' : `load a 64-bit ${LDDW_PSEUDO_NAMES[pseudo]} reference (two slots)` });
  }
  for (const m of MEM_SIZES) {
    if (m.bytes === 8) continue;
    add({ name: `ldabs${m.suffix}`, code: BPF_LD | BPF_ABS | m.size, kind: 'ld_abs', cls: BPF_LD, width: (m.bytes * 8) as 8 | 16 | 32,
      useSrcReg: false, memSize: m.bytes, group: 'packet', cpu: 1,
      doc: `legacy: r0 = the ${m.bytes * 8}-bit big-endian packet word at offset imm` });
    add({ name: `ldind${m.suffix}`, code: BPF_LD | BPF_IND | m.size, kind: 'ld_ind', cls: BPF_LD, width: (m.bytes * 8) as 8 | 16 | 32,
      useSrcReg: true, memSize: m.bytes, group: 'packet', cpu: 1,
      doc: `legacy: r0 = the ${m.bytes * 8}-bit big-endian packet word at offset src + imm` });
  }

  // Memory loads and stores.
  for (const m of MEM_SIZES) {
    const width = (m.bytes * 8) as 8 | 16 | 32 | 64;
    const g: Group = m.bytes === 8 ? 'base64' : 'base32';
    add({ name: `ldx${m.suffix}`, code: BPF_LDX | BPF_MEM | m.size, kind: 'ldx', cls: BPF_LDX, width, useSrcReg: true,
      memSize: m.bytes, group: g, cpu: 1, doc: `load ${m.bytes} byte(s) from src + off, zero-extended` });
    if (m.bytes !== 8) {
      add({ name: `ldxs${m.suffix}`, code: BPF_LDX | BPF_MEMSX | m.size, kind: 'ldxsx', cls: BPF_LDX, width, useSrcReg: true,
        memSize: m.bytes, group: 'base32', cpu: 4, doc: `load ${m.bytes} byte(s) from src + off, sign-extended` });
    }
    add({ name: `st${m.suffix}`, code: BPF_ST | BPF_MEM | m.size, kind: 'st', cls: BPF_ST, width, useSrcReg: false,
      memSize: m.bytes, group: g, cpu: 1, doc: `store the immediate's low ${m.bytes} byte(s) at dst + off` });
    add({ name: `stx${m.suffix}`, code: BPF_STX | BPF_MEM | m.size, kind: 'stx', cls: BPF_STX, width, useSrcReg: true,
      memSize: m.bytes, group: g, cpu: 1, doc: `store src's low ${m.bytes} byte(s) at dst + off` });
    add({ name: `load_acq${m.suffix}`, code: BPF_STX | BPF_ATOMIC | m.size, kind: 'load_acq', cls: BPF_STX, width,
      useSrcReg: true, disc: { field: 'imm', value: BPF_LOAD_ACQ }, memSize: m.bytes, group: 'kernel', cpu: 0,
      doc: `load-acquire ${m.bytes} byte(s) from src + off` });
    add({ name: `store_rel${m.suffix}`, code: BPF_STX | BPF_ATOMIC | m.size, kind: 'store_rel', cls: BPF_STX, width,
      useSrcReg: true, disc: { field: 'imm', value: BPF_STORE_REL }, memSize: m.bytes, group: 'kernel', cpu: 0,
      doc: `store-release src's low ${m.bytes} byte(s) at dst + off` });
  }
  for (const m of MEM_SIZES) {
    if (m.bytes < 4) continue;
    const w32 = m.bytes === 4;
    for (const a of ATOMIC_OPS) {
      add({ name: `lock_${a.fetch && a.name !== 'xchg' && a.name !== 'cmpxchg' ? 'fetch_' : ''}${a.name}${w32 ? '32' : ''}`,
        code: BPF_STX | BPF_ATOMIC | m.size, kind: 'atomic', cls: BPF_STX, width: w32 ? 32 : 64, useSrcReg: true,
        disc: { field: 'imm', value: a.imm }, atomicOp: a.name, fetch: a.fetch, memSize: m.bytes,
        group: w32 ? 'atomic32' : 'atomic64', cpu: a.fetch ? 3 : (w32 ? 3 : 1),
        doc: a.name === 'cmpxchg'
          ? `atomically: if *(dst + off) == r0 store src there; r0 receives the old value`
          : a.name === 'xchg' ? `atomically swap src with the ${m.bytes} bytes at dst + off`
          : `atomic ${a.name} of src into the ${m.bytes} bytes at dst + off${a.fetch ? '; src receives the old value' : ''}` });
    }
  }
  return rows;
}

export const OPS: readonly OpSpec[] = Object.freeze(buildTable());

const byName = new Map<string, OpSpec>();
const byCode: OpSpec[][] = Array.from({ length: 256 }, () => []);
for (const op of OPS) {
  if (byName.has(op.name)) throw new Error(`duplicate instruction table row ${op.name}`);
  byName.set(op.name, op);
  byCode[op.code]!.push(op);
}

/** The row with this name (`add32_imm`, `ldxdw`, `lock_fetch_add`, ...). */
export function opByName(name: string): OpSpec | undefined {
  return byName.get(name);
}

/** All rows sharing an opcode byte (more than one where a field discriminates). */
export function opsByCode(code: number): readonly OpSpec[] {
  return byCode[code & 0xff]!;
}

/** True when some valid instruction uses this opcode byte. */
export function isKnownOpcode(code: number): boolean {
  return byCode[code & 0xff]!.length > 0;
}

/** Symbol of an ALU op in the kernel's pseudo-C (`+=`, `s>>=`, ...). */
export function aluSymbol(name: AluName): string {
  return ALU_OPS.find((a) => a.name === name)!.sym;
}

/** Symbol of a jump condition in the kernel's pseudo-C (`==`, `s>`, ...). */
export function jmpSymbol(name: JmpName): string {
  return JMP_OPS.find((j) => j.name === name)!.sym;
}

export { sizeBytes };
