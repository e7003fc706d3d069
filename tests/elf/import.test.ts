// Importing clang-built objects: every section kind, BTF-defined and legacy maps, global data,
// .text sub-programs, line info, several programs in one object.

import { describe, expect, it } from 'vitest';
import { assemble, type AsmProgram } from '../../src/core/asm/index.js';
import { importFile, importObject, type ImportedProgram } from '../../src/core/import/index.js';
import { BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC, BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_VALUE } from '../../src/core/isa/constants.js';
import { isLddw } from '../../src/core/isa/insn.js';
import { verify } from '../../src/core/verifier/verify.js';
import { fixture } from './fixtures.js';

function load(name: string): { programs: ImportedProgram[]; warnings: string[] } {
  const r = importFile(`${name}.o`, fixture(name));
  if (!r.ok) throw new Error(r.error);
  expect(r.kind).toBe('elf');
  return r;
}

function asm(p: ImportedProgram): AsmProgram {
  const a = assemble(p.source);
  if (!a.ok) throw new Error(`${p.name}: ${JSON.stringify(a.errors)}\n${p.source}`);
  return a.program;
}

describe('ELF import', () => {
  it('reads an XDP program with a BTF-defined hash map and resolves its map loads', () => {
    const { programs, warnings } = load('xdp_btf_map');
    expect(warnings).toEqual([]);
    expect(programs.map((p) => [p.name, p.section, p.progType])).toEqual([['count_packets', 'xdp', 'xdp']]);
    const prog = asm(programs[0]!);
    expect(prog.maps.map((m) => [m.name, m.type, m.keySize, m.valueSize, m.maxEntries])).toEqual([['counts', 'hash', 4, 8, 64]]);
    const loads = prog.insns.filter((i) => isLddw(i) && i.src === BPF_PSEUDO_MAP_FD);
    expect(loads.length).toBe(2);
    expect(loads.every((i) => i.imm === 0)).toBe(true);
    expect(programs[0]!.source).toContain('map[id:counts]');
  });

  it('maps tc and socket sections to sched_cls and socket_filter', () => {
    expect(load('tc').programs[0]!.progType).toBe('sched_cls');
    const sock = load('socket').programs[0]!;
    expect([sock.name, sock.progType]).toEqual(['keep_head', 'socket_filter']);
    expect(asm(sock).maps.map((m) => [m.name, m.type, m.maxEntries])).toEqual([['last_len', 'array', 1]]);
  });

  it('lists every program of a multi-program object with its libbpf program type', () => {
    const { programs } = load('tracing');
    expect(programs.map((p) => [p.name, p.section, p.progType])).toEqual([
      ['on_open', 'kprobe/do_sys_openat2', 'kprobe'],
      ['on_write', 'tracepoint/syscalls/sys_enter_write', 'tracepoint'],
      ['on_switch', 'raw_tracepoint/sched_switch', 'raw_tracepoint'],
    ]);
    for (const p of programs) expect(verify(asm(p)).accepted).toBe(true);
  });

  it('splits a section holding several programs by their symbols and reads "?" sections', () => {
    const { programs, warnings } = load('same_section');
    expect(warnings).toEqual([]);
    expect(programs.map((p) => [p.name, p.section, p.progType])).toEqual([
      ['pass_all', 'xdp', 'xdp'], ['drop_all', 'xdp', 'xdp'], ['optional_tc', '?tc', 'sched_cls'],
    ]);
    expect(asm(programs[1]!).insns).toEqual([
      { code: 0xb7, dst: 0, src: 0, off: 0, imm: 1 }, { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 },
    ]);
  });

  it('reads legacy struct bpf_map_def maps from the maps section', () => {
    const prog = asm(load('legacy_maps').programs[0]!);
    expect(prog.maps.map((m) => [m.name, m.type, m.keySize, m.valueSize, m.maxEntries])).toEqual([
      ['packets', 'array', 4, 8, 4], ['seen', 'hash', 4, 4, 16],
    ]);
    const imms = prog.insns.filter((i) => isLddw(i) && i.src === BPF_PSEUDO_MAP_FD).map((i) => i.imm);
    expect(imms).toEqual([0, 1]);
  });

  it('turns .rodata, .data and .bss into array maps read by value, with their initial contents', () => {
    const p = load('globals').programs[0]!;
    const prog = asm(p);
    expect(prog.maps.map((m) => [m.name, m.type, m.keySize, m.valueSize, m.maxEntries, m.flags])).toEqual([
      ['rodata', 'array', 4, 4, 1, 0x80], ['data', 'array', 4, 8, 1, 0], ['bss', 'array', 4, 4, 1, 0],
    ]);
    const refs = prog.insns.filter((i) => isLddw(i) && i.src === BPF_PSEUDO_MAP_VALUE).map((i) => prog.maps[i.imm]!.name);
    expect(refs).toEqual(['rodata', 'bss', 'data']);
    // threshold = 128 and packets = 5, little-endian; .bss starts as zeros and needs no entry.
    expect(p.initialMaps).toEqual({
      rodata: [{ key: '00000000', value: '80000000' }],
      data: [{ key: '00000000', value: '0500000000000000' }],
    });
  });

  it('resolves references through the .rodata section symbol to offsets in it (bpf_printk formats)', () => {
    const p = load('printk').programs[0]!;
    const prog = asm(p);
    const offsets = prog.insns.flatMap((i, pc) => (isLddw(i) && i.src === BPF_PSEUDO_MAP_VALUE ? [prog.insns[pc + 1]!.imm] : []));
    expect(offsets).toEqual([0, 22]);
    const value = p.initialMaps!.rodata![0]!.value;
    const text = new TextDecoder().decode(Uint8Array.from(value.match(/../g)!, (h) => parseInt(h, 16)));
    expect(text).toBe('long packet: %u bytes\0short packet\0');
  });

  it('appends .text sub-programs after the caller and points each call at its callee', () => {
    const p = load('calls').programs[0]!;
    const prog = asm(p);
    const calls = prog.insns.map((i, pc) => ({ i, pc })).filter(({ i }) => i.code === 0x85 && i.src === BPF_PSEUDO_CALL);
    const targets = calls.map(({ i, pc }) => pc + i.imm + 1);
    // calls → sum_squares (appended first, at the end of the main program), which calls square twice.
    expect(p.source).toMatch(/\nsum_squares:\n[\s\S]*\nsquare:\n/);
    expect(prog.labels).toEqual({ sum_squares: 11, square: 17 });
    const sumAt = 11;
    const squareAt = 17;
    expect(targets).toEqual([sumAt, squareAt, squareAt]);
    expect(prog.insns[squareAt + 1]).toMatchObject({ code: 0x2f }); // r0 *= r0
    const v = verify(prog);
    expect(v.accepted).toBe(true);
  });

  it('resolves a callback address (bpf_loop) to the appended sub-program as BPF_PSEUDO_FUNC', () => {
    const p = load('callbacks').programs[0]!;
    const prog = asm(p);
    const pc = prog.insns.findIndex((i) => isLddw(i) && i.src === BPF_PSEUDO_FUNC);
    expect(pc).toBeGreaterThan(0);
    const target = pc + prog.insns[pc]!.imm + 1;
    // twice is called first and so appended first; the callback add_index follows it.
    const lines = p.source.split('\n');
    expect(lines.filter((l) => /^\w+:$/.test(l))).toEqual(['twice:', 'add_index:']);
    expect(prog.insns[target]).toMatchObject({ code: 0x07, dst: 1, imm: 1 }); // add_index: r1 += 1
    expect(verify(prog).accepted).toBe(true);
  });

  it('shows each C source line as a comment above its instructions', () => {
    const p = load('globals').programs[0]!;
    expect(p.lines!.length).toBeGreaterThan(3);
    expect(p.lines![0]).toMatchObject({ pc: 0, line: 11, text: expect.stringContaining('ctx->data_end - ctx->data') });
    expect(p.lines![0]!.file).toMatch(/globals\.c$/);
    const src = p.source.split('\n');
    const at = src.findIndex((l) => l.includes('packets++'));
    expect(src[at]).toBe('; globals.c:12: packets++;');
    expect(src[at + 1]).toBe('r1 = map[id:data][0]+0');
  });

  it('warns about an unknown section (socket_filter) and skips types bpfiddle does not model', () => {
    const { programs, warnings } = load('odd_sections');
    expect(programs.map((p) => [p.name, p.progType])).toEqual([['custom', 'socket_filter']]);
    expect(warnings).toEqual([
      'section my_section: libbpf does not know this section name; loading it as socket_filter',
      'section lsm/file_open: program type lsm is not modelled by bpfiddle; its programs are skipped',
    ]);
  });

  it('skips programs using externs (__kconfig values, kfuncs) with the reason, keeping the others', () => {
    const { programs, warnings } = load('externs');
    expect(programs.map((p) => p.name)).toEqual(['plain']);
    expect(warnings).toEqual([
      "program uses_kconfig (section socket): .relsocket at offset 0 refers to the extern symbol 'LINUX_KERNEL_VERSION' (__kconfig or __ksym), which bpfiddle does not resolve; skipped",
      "program uses_kfunc (section tp/syscalls/sys_enter_openat): .reltp/syscalls/sys_enter_openat at offset 0 calls the extern function 'bpf_rcu_read_lock' (a kfunc), which bpfiddle does not resolve; skipped",
    ]);
  });

  it('assembles every imported program back to exactly the linked instructions', () => {
    for (const name of ['xdp_btf_map', 'tc', 'socket', 'tracing', 'legacy_maps', 'globals', 'calls', 'callbacks', 'unchecked']) {
      const r = importObject(fixture(name));
      if (!r.ok) throw new Error(r.error);
      for (const p of r.programs) {
        const prog = asm(p);
        // The slot count equals the program's instructions plus appended sub-programs; the source has
        // one line per instruction (lddw = 2 slots) after the directives and comments.
        const insnLines = p.source.split('\n').filter((l) => l && !l.startsWith(';') && !l.startsWith('.') && !/^\w+:$/.test(l));
        expect(insnLines.length).toBe(prog.insns.length - prog.insns.filter(isLddw).length);
      }
    }
  });
});
