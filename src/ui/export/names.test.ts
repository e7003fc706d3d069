import { describe, expect, it } from 'vitest';
import { assemble } from '../../core/asm/index.js';
import { programBaseName } from './names.js';

function program(src: string) {
  const r = assemble(src);
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return r.program;
}

describe('download file names', () => {
  it('uses the label on the first instruction (an imported function name)', () => {
    expect(programBaseName(program('.prog xdp\nxdp_pass:\nr0 = 2\nexit\n'))).toBe('xdp_pass');
  });
  it('uses the function name from an imported program\'s header comment', () => {
    const src = '; count_packets (section xdp)\n.prog xdp\nr0 = 2\nexit\n';
    expect(programBaseName(program(src), src)).toBe('count_packets');
  });
  it('falls back to the program type without an entry label', () => {
    expect(programBaseName(program('.prog sched_cls\nr0 = 0\nlater:\nexit\n'))).toBe('sched_cls');
  });
});
