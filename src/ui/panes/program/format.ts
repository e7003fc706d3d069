// The listing's instruction text: the kernel's own format (as in the verifier log and bpftool),
// with declared maps printed by name.
import { formatInsnKernel } from '../../../core/asm/disasm-kernel.js';
import type { MapDecl } from '../../../core/asm/types.js';
import type { FormatInsn } from './listing.js';

export function kernelFormatter(maps: readonly MapDecl[]): FormatInsn {
  return (insns, pc) => formatInsnKernel(insns, pc, { maps });
}
