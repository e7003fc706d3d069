// The disassembler: instruction slots → text, in the kernel's style (verifier log, bpftool) or
// LLVM's (llvm-objdump, llvm-mc input). Both styles assemble back to the same bytes through
// `assemble()` for every valid instruction; see disasm-kernel.ts and disasm-llvm.ts for the few
// forms whose text loses information. The second slot of an ld_imm64 gets no line of its own, so
// pc numbers jump by two after it, as in the kernel's log.

import { isLddw, type Insn } from '../isa/insn.js';
import type { MapDecl } from './types.js';
import { formatInsnKernel, type KernelFormatOptions } from './disasm-kernel.js';
import { formatInsnLlvm } from './disasm-llvm.js';

export { formatInsnKernel, type KernelFormatOptions } from './disasm-kernel.js';
export { formatInsnLlvm, type LlvmFormatOptions } from './disasm-llvm.js';

export type DisasmStyle = 'kernel' | 'llvm';

export interface DisasmOptions extends KernelFormatOptions {
  /** Default 'kernel'. */
  style?: DisasmStyle;
}

export interface DisasmLine {
  /** Slot index of the instruction. */
  pc: number;
  /** Slots it occupies: 2 for a complete ld_imm64. */
  slots: 1 | 2;
  /** The instruction text alone: `(b7) r0 = 0` (kernel) or `r0 = 0` (llvm). */
  text: string;
}

/** One entry per instruction (ld_imm64's second slot is part of its first). */
export function disassembleLines(insns: readonly Insn[], opts: DisasmOptions = {}): DisasmLine[] {
  const out: DisasmLine[] = [];
  for (let pc = 0; pc < insns.length;) {
    const slots = isLddw(insns[pc]!) && pc + 1 < insns.length ? 2 : 1;
    const text = opts.style === 'llvm' ? formatInsnLlvm(insns, pc, opts) : formatInsnKernel(insns, pc, opts);
    out.push({ pc, slots, text });
    pc += slots;
  }
  return out;
}

/**
 * The program as text lines. Kernel style: `N: (xx) text`, exactly as the verifier log prints an
 * instruction. LLVM style: the bare instruction text, one per line, which llvm-mc accepts.
 */
export function disassemble(insns: readonly Insn[], opts: DisasmOptions = {}): string[] {
  return disassembleLines(insns, opts).map((l) => (opts.style === 'llvm' ? l.text : `${l.pc}: ${l.text}`));
}

/** The `.map` directive that declares `m`, so a disassembly with map loads can be assembled again. */
export function mapDirective(m: MapDecl): string {
  return `.map ${m.name} ${m.type} key=${m.keySize} value=${m.valueSize} max_entries=${m.maxEntries}${m.flags ? ` flags=${m.flags}` : ''}`;
}
