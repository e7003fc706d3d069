// File names for downloads, from the program: the label on its first instruction (an imported
// program's function name, `xdp_prog:`), else its program type. Only characters every file system
// accepts.
import type { AsmProgram } from '../../core/asm/types.js';

export function programBaseName(program: Pick<AsmProgram, 'labels' | 'progType'>): string {
  const entry = Object.entries(program.labels).find(([, slot]) => slot === 0)?.[0];
  const name = (entry ?? program.progType).replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[._]+/, '').slice(0, 64);
  return name || 'program';
}
