// The editor's hover on the verifier's error line leads with what the error means and how to fix
// it (the error catalogue), before the instruction's own documentation.
import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/core/asm/index.js';
import { errorExplanationHover, hoverAt } from '../../src/ui/editor/hover.js';

const src = '.prog xdp\n.map m hash key=4 value=8 max_entries=4\n  *(u32 *)(r10 - 4) = 0\n  r2 = r10\n  r2 += -4\n  r1 = m ll\n  call bpf_map_lookup_elem\n  r1 = *(u64 *)(r0 + 0)\n  r0 = 2\n  exit\n';
const a = assemble(src);
const program = a.ok ? a.program : null;
const verifierError = { line: 8, message: "R0 invalid mem access 'map_value_or_null'" };

describe('hover on the verifier error', () => {
  it('explains the error and its fix on the marked line, then documents the instruction', () => {
    const h = hoverAt({ source: src, program, progType: 'xdp', line: 8, col: 6, verifierError })!;
    expect(h.contents[0]).toContain('**Using a pointer that may be NULL.**');
    expect(h.contents[1]).toMatch(/^\*\*Fix:\*\* Compare the pointer with 0/);
    expect(h.contents.slice(3).join('\n')).toContain('r1 = *(u64 *)(r0 +0)');
  });

  it('leaves other lines and unknown messages alone', () => {
    const other = hoverAt({ source: src, program, progType: 'xdp', line: 9, col: 4, verifierError })!;
    expect(other.contents.join('\n')).not.toContain('NULL');
    expect(errorExplanationHover('no such message')).toBeNull();
    const plain = hoverAt({ source: src, program, progType: 'xdp', line: 8, col: 6, verifierError: { line: 8, message: 'no such message' } });
    expect(plain).toEqual(hoverAt({ source: src, program, progType: 'xdp', line: 8, col: 6 }));
  });
});
