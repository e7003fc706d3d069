// The editor's language services as data: hover docs, completion, the context-register analysis
// and the pc gutter, on real assembled programs.
import { describe, expect, it } from 'vitest';
import { assemble } from '../../core/asm/assemble.js';
import type { AsmProgram } from '../../core/asm/types.js';
import { helperSpec } from '../../core/helpers/table.js';
import { completionsAt, declaredLabels, declaredMaps } from './completion.js';
import { ctxRegisters } from './ctxRegs.js';
import { hintText, pcByLine } from './gutter.js';
import { code, hoverAt, wordAt } from './hover.js';

function asm(src: string): AsmProgram {
  const r = assemble(src);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('\n'));
  return r.program;
}

const XDP = `.prog xdp
.map counts hash key=4 value=8 max_entries=16
    r6 = r1
    r2 = *(u32 *)(r1 + 4)
    r3 = *(u32 *)(r6 + 0)
    r1 = counts ll
    call bpf_map_lookup_elem
    r4 = *(u32 *)(r1 + 4)
    if r0 == 0 goto out
    r5 = *(u32 *)(r6 + 12)
out:
    r0 = 2
    exit
`;

const hover = (src: string, line: number, col: number) => {
  const program = (() => { const r = assemble(src); return r.ok ? r.program : null; })();
  return hoverAt({ source: src, program, progType: program?.progType ?? null, line, col });
};
const colOf = (src: string, line: number, text: string): number => src.split('\n')[line - 1]!.indexOf(text) + 1;

describe('hover docs', () => {
  it('names the context field a load reads through the context pointer', () => {
    const h = hover(XDP, 4, colOf(XDP, 4, 'r2'))!;
    expect(h.contents.join('\n')).toContain('Context field `xdp_md.data_end` (offset 4, 4 bytes)');
    expect(h.contents.join('\n')).toContain('read-only');
    expect(h.contents[0]).toContain('1: (61) r2 = *(u32 *)(r1 +4)');
    expect(h.contents.join('\n')).toContain('**ldxw**');
  });

  it('follows the context through a copy and across a helper call and a branch', () => {
    expect(hover(XDP, 5, colOf(XDP, 5, 'r3'))!.contents.join('\n')).toContain('`xdp_md.data`');
    // r1 was overwritten with the map and the call clobbered it: no context field any more.
    expect(hover(XDP, 8, colOf(XDP, 8, 'r4'))!.contents.join('\n')).not.toContain('Context field');
    // r6 survives the call and the branch.
    expect(hover(XDP, 10, colOf(XDP, 10, 'r5'))!.contents.join('\n')).toContain('`xdp_md.ingress_ifindex`');
  });

  it("shows a helper's signature, doc, id and availability from the helper table", () => {
    const h = hover(XDP, 7, colOf(XDP, 7, 'bpf_map_lookup_elem') + 3)!;
    const spec = helperSpec('bpf_map_lookup_elem')!;
    expect(h.contents[0]).toBe(`\`\`\`c\n${spec.signature}\n\`\`\``);
    if (spec.doc) expect(h.contents).toContain(spec.doc);
    expect(h.contents.at(-1)).toMatch(/^helper #1 · .*available to xdp programs/);
    const sock = `.prog socket_filter\n    call bpf_xdp_adjust_head\n    exit\n`;
    expect(hoverAt({ source: sock, program: null, progType: 'socket_filter', line: 2, col: 12 })!.contents.at(-1)).toContain('**not available to socket_filter programs**');
  });

  it('describes maps, labels, registers and directives', () => {
    expect(hover(XDP, 6, colOf(XDP, 6, 'counts'))!.contents[0]).toBe('map `counts`: hash, key 4 bytes, value 8 bytes, at most 16 entries');
    expect(hover(XDP, 9, colOf(XDP, 9, 'out'))!.contents[0]).toBe('label `out` → instruction 9');
    expect(hover(XDP, 12, colOf(XDP, 12, 'r0'))!.contents.at(-1)).toMatch(/^`r0`: return value/);
    expect(hover('r10 ((', 1, 2)!.contents).toEqual(['`r10`: frame pointer (read-only): the stack is r10 - 512 .. r10 - 1']);
    expect(hover(XDP, 1, 2)!.contents[0]).toMatch(/^`\.prog TYPE`/);
    expect(hover(XDP, 1, 8)!.contents[0]).toMatch(/^\*\*xdp\*\*: XDP/);
  });

  it('counts ld_imm64 as two slots and shows both', () => {
    const h = hover(XDP, 6, colOf(XDP, 6, 'r1'))!;
    expect(h.contents.at(-2)).toMatch(/^instruction 3 \(two slots: 3 and 4\) · `18 11 00 00 00 00 00 00  00 00 00 00 00 00 00 00`$/);
  });

  it('documents a uBPF mnemonic from the instruction table, even when the program does not assemble', () => {
    const src = 'add32 r1, 2\nbogus';
    expect(hover(src, 1, 2)!.contents[0]).toMatch(/^\*\*add32\*\*: /);
  });

  it('says nothing inside comments', () => {
    expect(hover('    r0 = 0 ; bpf_map_lookup_elem here', 1, 20)).toBeNull();
  });

  it('puts user text only inside code spans that cannot be broken out of', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`x')).toBe('`` `x ``');
    expect(wordAt('  r1 = counts ll', 9)).toEqual({ word: 'counts', col: 8, endCol: 14 });
  });
});

describe('context registers', () => {
  it('knows which registers hold the context before each instruction', () => {
    const p = asm(XDP);
    const regs = ctxRegisters(p.insns);
    const has = (pc: number, r: number) => ((regs[pc] ?? 0) & (1 << r)) !== 0;
    expect(has(0, 1)).toBe(true);
    expect(has(1, 6)).toBe(true);
    expect(has(5, 1)).toBe(false); // after r1 = counts ll
    expect(has(7, 6)).toBe(true); // after the call
    expect(has(10, 6)).toBe(true); // at `out`, reached both ways
  });

  it('passes the context into a bpf-to-bpf call only through argument registers', () => {
    const p = asm('.prog xdp\n    r6 = r1\n    call f\n    exit\nf:\n    r0 = *(u32 *)(r1 + 0)\n    r0 = *(u32 *)(r6 + 0)\n    exit\n');
    const regs = ctxRegisters(p.insns);
    const entry = p.labels.f!;
    expect((regs[entry]! >> 1) & 1).toBe(1);
    expect((regs[entry]! >> 6) & 1).toBe(0);
  });
});

describe('completion', () => {
  const at = (src: string, progType: 'xdp' | 'socket_filter' = 'xdp') => {
    const lines = src.split('\n');
    return completionsAt(src, lines.length, lines.at(-1)!.length + 1, progType);
  };
  const labels = (r: ReturnType<typeof at>) => r.items.map((i) => i.label);

  it('offers program types after .prog and map types after .map NAME', () => {
    expect(labels(at('.prog '))).toEqual(expect.arrayContaining(['xdp', 'socket_filter', 'sched_cls']));
    const maps = at('.map counts ');
    expect(labels(maps)).toEqual(expect.arrayContaining(['hash', 'array', 'ringbuf']));
    expect(maps.items.find((i) => i.label === 'hash')!.insertText).toBe('hash key=${1:4} value=${2:8} max_entries=${3:16}');
  });

  it('offers helpers with their signatures after call, the allowed ones first', () => {
    const r = at('.prog xdp\n    call bpf_map_l');
    const lookup = r.items.find((i) => i.label === 'bpf_map_lookup_elem')!;
    expect(lookup.detail).toBe(helperSpec('bpf_map_lookup_elem')!.signature);
    expect(r.startCol).toBe(10);
    const skbOnly = r.items.find((i) => i.label === 'bpf_skb_load_bytes')!;
    expect(lookup.sortText! < skbOnly.sortText!).toBe(true);
    expect(skbOnly.documentation).toContain('Not available to xdp programs');
  });

  it('offers the declared maps, with ll, in a 64-bit load', () => {
    const r = at('.map counts hash key=4 value=8 max_entries=4\n.map events ringbuf key=0 value=0 max_entries=4096\n    r1 = ');
    expect(r.items.filter((i) => i.kind === 'map').map((i) => i.insertText)).toEqual(['counts ll', 'events ll']);
    expect(r.items.find((i) => i.label === 'counts')!.detail).toBe('hash key=4 value=8 max_entries=4');
  });

  it('offers labels after goto and call, and mnemonics and registers at the start of a line', () => {
    const src = 'loop:\n    r0 += 1\nout:\n    exit\n    if r0 > 3 goto ';
    expect(labels(at(src))).toEqual(['loop', 'out']);
    const start = at('    ad');
    expect(labels(start)).toEqual(expect.arrayContaining(['add', 'add32', 'r0', 'r10', '.prog', 'exit']));
    expect(start.items.find((i) => i.label === 'add32')!.detail).toMatch(/add/);
  });

  it('offers helpers outside a call only for words that start like one', () => {
    expect(at('    r1 = 1 ll').items.some((i) => i.kind === 'helper')).toBe(false);
    expect(at('    bpf_ktime').items.some((i) => i.label === 'bpf_ktime_get_ns')).toBe(true);
  });

  it('offers nothing inside a comment', () => {
    expect(at('    r0 = 1 ; call bpf_').items).toEqual([]);
  });

  it('reads maps and labels from text that does not assemble', () => {
    expect(declaredMaps('.map m array key=4 value=4 max_entries=1\nbroken ((\n.map n').map((m) => m.name)).toEqual(['m', 'n']);
    expect(declaredLabels('a:\n  12: (bf) r1 = r6\nb :\n')).toEqual(['a', 'b']);
  });
});

describe('pc gutter and hints', () => {
  it('numbers each line by its first slot; the line after an ld_imm64 counts up by two', () => {
    const p = asm('.prog xdp\n    r1 = 1\n    r2 = 0x1122334455667788 ll\n    r0 = 2\nl:\n    exit\n');
    expect([...pcByLine(p)]).toEqual([[2, 0], [3, 1], [4, 3], [6, 4]]);
  });

  it('shortens long hints with an ellipsis', () => {
    expect(hintText(' R0=2 ')).toBe('; R0=2');
    expect(hintText('x'.repeat(300), 10)).toBe(`; ${'x'.repeat(9)}…`);
  });
});
