// Bit-field constants of the eBPF instruction encoding (RFC 9669 and include/uapi/linux/bpf.h).
// Names follow the kernel's so that code reads like verifier.c.

// Instruction classes: the low three bits of the opcode.
export const BPF_LD = 0x00;
export const BPF_LDX = 0x01;
export const BPF_ST = 0x02;
export const BPF_STX = 0x03;
export const BPF_ALU = 0x04;
export const BPF_JMP = 0x05;
export const BPF_JMP32 = 0x06;
export const BPF_ALU64 = 0x07;

// Size modifier of load/store opcodes.
export const BPF_W = 0x00;
export const BPF_H = 0x08;
export const BPF_B = 0x10;
export const BPF_DW = 0x18;

// Mode modifier of load/store opcodes.
export const BPF_IMM = 0x00;
export const BPF_ABS = 0x20;
export const BPF_IND = 0x40;
export const BPF_MEM = 0x60;
export const BPF_MEMSX = 0x80;
export const BPF_ATOMIC = 0xc0;

// Source operand of ALU and JMP opcodes.
export const BPF_K = 0x00;
export const BPF_X = 0x08;
// For BPF_END: the byte-order direction shares the source bit.
export const BPF_TO_LE = 0x00;
export const BPF_TO_BE = 0x08;

// ALU operations (high four bits).
export const BPF_ADD = 0x00;
export const BPF_SUB = 0x10;
export const BPF_MUL = 0x20;
export const BPF_DIV = 0x30;
export const BPF_OR = 0x40;
export const BPF_AND = 0x50;
export const BPF_LSH = 0x60;
export const BPF_RSH = 0x70;
export const BPF_NEG = 0x80;
export const BPF_MOD = 0x90;
export const BPF_XOR = 0xa0;
export const BPF_MOV = 0xb0;
export const BPF_ARSH = 0xc0;
export const BPF_END = 0xd0;

// JMP operations (high four bits).
export const BPF_JA = 0x00;
export const BPF_JEQ = 0x10;
export const BPF_JGT = 0x20;
export const BPF_JGE = 0x30;
export const BPF_JSET = 0x40;
export const BPF_JNE = 0x50;
export const BPF_JSGT = 0x60;
export const BPF_JSGE = 0x70;
export const BPF_CALL = 0x80;
export const BPF_EXIT = 0x90;
export const BPF_JLT = 0xa0;
export const BPF_JLE = 0xb0;
export const BPF_JSLT = 0xc0;
export const BPF_JSLE = 0xd0;
export const BPF_JCOND = 0xe0;

// Atomic operations, carried in imm of BPF_STX | BPF_ATOMIC.
export const BPF_FETCH = 0x01;
export const BPF_XCHG = 0xe0 | BPF_FETCH;
export const BPF_CMPXCHG = 0xf0 | BPF_FETCH;
export const BPF_LOAD_ACQ = 0x100;
export const BPF_STORE_REL = 0x110;

// src_reg of BPF_JMP | BPF_CALL.
export const BPF_PSEUDO_HELPER_CALL = 0;
export const BPF_PSEUDO_CALL = 1;
export const BPF_PSEUDO_KFUNC_CALL = 2;

// src_reg of BPF_LD | BPF_IMM | BPF_DW.
export const BPF_PSEUDO_IMM64 = 0;
export const BPF_PSEUDO_MAP_FD = 1;
export const BPF_PSEUDO_MAP_VALUE = 2;
export const BPF_PSEUDO_BTF_ID = 3;
export const BPF_PSEUDO_FUNC = 4;
export const BPF_PSEUDO_MAP_IDX = 5;
export const BPF_PSEUDO_MAP_IDX_VALUE = 6;

// src_reg of BPF_JMP | BPF_JCOND.
export const BPF_MAY_GOTO = 0;

export const MAX_BPF_REG = 11; // r0..r10
export const BPF_REG_FP = 10;
export const MAX_BPF_STACK = 512;
export const MAX_CALL_FRAMES = 8;
export const INSN_SIZE = 8;

export const bpfClass = (code: number): number => code & 0x07;
export const bpfOp = (code: number): number => code & 0xf0;
export const bpfSrc = (code: number): number => code & 0x08;
export const bpfSize = (code: number): number => code & 0x18;
export const bpfMode = (code: number): number => code & 0xe0;

/** Bytes accessed by a load/store of the given size modifier. */
export function sizeBytes(size: number): 1 | 2 | 4 | 8 {
  switch (size) {
    case BPF_B: return 1;
    case BPF_H: return 2;
    case BPF_W: return 4;
    default: return 8;
  }
}

/** The kernel's C type name for a size modifier, as disasm.c prints it. */
export function sizeName(size: number): 'u8' | 'u16' | 'u32' | 'u64' {
  switch (size) {
    case BPF_B: return 'u8';
    case BPF_H: return 'u16';
    case BPF_W: return 'u32';
    default: return 'u64';
  }
}
