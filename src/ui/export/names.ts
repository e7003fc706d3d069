// File names for downloads, from the program: the label on its first instruction (`xdp_prog:`),
// else the function name in an imported program's header comment (`; count_packets (section
// xdp)`, as src/core/import writes it), else its program type. Only characters every file system
// accepts.
import type { AsmProgram } from '../../core/asm/types.js';

export function programBaseName(program: Pick<AsmProgram, 'labels' | 'progType'>, source = ''): string {
  const entry = Object.entries(program.labels).find(([, slot]) => slot === 0)?.[0];
  const imported = /^\s*;\s*([A-Za-z_][\w.]*) \(section [^)]*\)\s*$/m.exec(source.split('\n').find((l) => l.trim() !== '') ?? '')?.[1];
  const name = (entry ?? imported ?? program.progType).replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[._]+/, '').slice(0, 64);
  return name || 'program';
}
