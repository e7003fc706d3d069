// Export to an ELF object and back: the object bpfiddle writes imports to the same instructions,
// maps and global data it was written from.

import { describe, expect, it } from 'vitest';
import { assemble, type AsmProgram } from '../../src/core/asm/index.js';
import { exportObject, importObject, type ImportedProgram } from '../../src/core/import/index.js';
import { readElf } from '../../src/core/elf/reader.js';
import { BTF_KIND, parseBtf, parseBtfExt } from '../../src/core/elf/btf.js';
import { fixture } from './fixtures.js';

function asm(p: ImportedProgram): AsmProgram {
  const a = assemble(p.source);
  if (!a.ok) throw new Error(JSON.stringify(a.errors));
  return a.program;
}

const shape = (p: AsmProgram) => ({
  progType: p.progType, insns: p.insns,
  maps: p.maps.map((m) => [m.name, m.type, m.keySize, m.valueSize, m.maxEntries, m.flags]),
});

describe('ELF export', () => {
  for (const name of ['xdp_btf_map', 'tc', 'socket', 'tracing', 'legacy_maps', 'globals', 'calls', 'callbacks', 'same_section', 'printk']) {
    it(`round-trips ${name}.o: import, export, import again gives the same program, source and C lines`, () => {
      const first = importObject(fixture(name));
      if (!first.ok) throw new Error(first.error);
      for (const p of first.programs) {
        const prog = asm(p);
        const obj = exportObject(prog, { name: p.name, lines: p.lines, ...(p.initialMaps ? { initialMaps: p.initialMaps } : {}) });
        const again = importObject(obj);
        if (!again.ok) throw new Error(again.error);
        expect(again.warnings).toEqual([]);
        expect(again.programs.map((q) => q.name)).toEqual([p.name]);
        expect(shape(asm(again.programs[0]!))).toEqual(shape(prog));
        expect(again.programs[0]!.initialMaps).toEqual(p.initialMaps);
        expect(again.programs[0]!.lines).toEqual(p.lines);
        const body = (q: ImportedProgram) => q.source.split('\n').slice(1); // after the "; NAME (section S)" line
        expect(body(again.programs[0]!)).toEqual(body(p));
      }
    });
  }

  it('writes the program into the libbpf section for its type, sub-programs into .text, maps into .maps, BTF and func_info', () => {
    const r = importObject(fixture('calls'));
    if (!r.ok) throw new Error(r.error);
    const elf = readElf(exportObject(asm(r.programs[0]!), { name: 'calls' }));
    if (!elf.ok) throw new Error(elf.error);
    expect(elf.elf.sections.map((s) => s.name)).toEqual(['', '.strtab', '.text', 'tc', 'license', '.reltc', '.BTF', '.BTF.ext', '.symtab']);
    const m = importObject(fixture('xdp_btf_map'));
    if (!m.ok) throw new Error(m.error);
    const elf2 = readElf(exportObject(asm(m.programs[0]!)));
    if (!elf2.ok) throw new Error(elf2.error);
    expect(elf2.elf.sections.map((s) => s.name)).toEqual(['', '.strtab', 'xdp', '.maps', 'license', '.relxdp', '.BTF', '.BTF.ext', '.symtab']);
    expect(new TextDecoder().decode(elf2.elf.sections.find((s) => s.name === 'license')!.data)).toBe('GPL\0');
  });

  it('replaces line info that does not fit the program with the assembly lines, instead of writing what the kernel refuses', () => {
    const r = importObject(fixture('calls'));
    if (!r.ok) throw new Error(r.error);
    const p = r.programs[0]!;
    // An edit removed the line of the sub-program square's first instruction.
    const lines = p.lines!.filter((l) => l.pc !== 17);
    const again = importObject(exportObject(asm(p), { name: p.name, lines }));
    if (!again.ok) throw new Error(again.error);
    const back = again.programs[0]!.lines!;
    expect(back.every((l) => l.file === 'calls.s')).toBe(true);
    expect(back.map((l) => l.pc)).toEqual(asm(p).insns.map((_, pc) => pc)); // one per instruction (no source map given)
    expect(back[0]!.text).toBe('r1 = *(u32 *)(r1 +0)');
    expect(asm(again.programs[0]!).insns).toEqual(asm(p).insns);
  });

  it("writes a hand-written program's own source lines as its line info", () => {
    const src = '.prog xdp\n; count nothing\nr0 = 2 ; XDP_PASS\n\nexit\n';
    const a = assemble(src);
    if (!a.ok) throw new Error(JSON.stringify(a.errors));
    const back = importObject(exportObject(a.program, { name: 'pass', source: src }));
    if (!back.ok) throw new Error(back.error);
    expect(back.programs[0]!.lines).toEqual([
      { pc: 0, file: 'pass.s', line: 3, text: 'r0 = 2 ; XDP_PASS' },
      { pc: 1, file: 'pass.s', line: 5, text: 'exit' },
    ]);
  });

  it('writes BTF whose references all point at the right kinds of types', () => {
    const r = importObject(fixture('callbacks'));
    const m = importObject(fixture('tracing'));
    if (!r.ok || !m.ok) throw new Error('import failed');
    // maps and a sub-program; a callback; maps alone
    const a = assemble(`.prog sched_cls\n.map hits array key=4 value=8 max_entries=3\nr1 = hits ll\ncall f\nexit\nf:\nr0 = 0\nexit\n`);
    if (!a.ok) throw new Error(JSON.stringify(a.errors));
    for (const obj of [exportObject(a.program), exportObject(asm(r.programs[0]!)), exportObject(asm(m.programs[0]!))]) {
      const elf = readElf(obj);
      if (!elf.ok) throw new Error(elf.error);
      const parsed = parseBtf(elf.elf.sections.find((x) => x.name === '.BTF')!.data);
      if (!parsed.ok) throw new Error(parsed.error);
      const t = parsed.btf.types;
      for (const ty of t) {
        if (ty.kind === BTF_KIND.FUNC) expect(t[ty.sizeOrType]!.kind).toBe(BTF_KIND.FUNC_PROTO);
        if (ty.kind === BTF_KIND.VAR) expect(t[ty.sizeOrType]!.kind).toBe(BTF_KIND.STRUCT);
        if (ty.kind === BTF_KIND.PTR) expect(t[ty.sizeOrType]!.kind).toBe(BTF_KIND.ARRAY);
        for (const v of ty.vars ?? []) expect(t[v.type]!.kind).toBe(BTF_KIND.VAR);
        for (const mem of ty.members ?? []) expect(t[mem.type]!.kind).toBe(BTF_KIND.PTR);
      }
      const ext = parseBtfExt(elf.elf.sections.find((x) => x.name === '.BTF.ext')!.data, parsed.btf.strings);
      if (!ext.ok) throw new Error(ext.error);
      for (const list of ext.ext.funcInfo.values()) for (const f of list) expect(t[f.typeId]!.kind).toBe(BTF_KIND.FUNC);
    }
  });

  it('exports a hand-written program with every map type the assembler knows', () => {
    const src = `.prog sched_cls
.map h hash key=4 value=8 max_entries=16
.map a array key=4 value=16 max_entries=4
.map q queue key=0 value=4 max_entries=8
.map rb ringbuf key=0 value=0 max_entries=4096
.map cfg array key=4 value=8 max_entries=1 flags=128
r1 = h ll
r1 = a ll
r1 = q ll
r1 = rb ll
r1 = map[id:cfg][0]+4
r0 = 0
exit
`;
    const a = assemble(src);
    if (!a.ok) throw new Error(JSON.stringify(a.errors));
    const back = importObject(exportObject(a.program));
    if (!back.ok) throw new Error(back.error);
    const prog = asm(back.programs[0]!);
    // Maps read by value come after the BTF-defined ones (a global data section each).
    expect(prog.maps.map((m) => m.name)).toEqual(['h', 'a', 'q', 'rb', 'cfg']);
    expect(shape(prog).maps).toEqual(shape(a.program).maps);
    expect(prog.insns).toEqual(a.program.insns);
  });
});
