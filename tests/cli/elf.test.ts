// ELF objects on the command line: `bpfiddle verify|run prog.o [--section NAME]` and
// `bpfiddle export` to an object, raw bytecode or assembly.

import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/util.js';
import { importObject } from '../../src/core/import/index.js';
import { fixture } from '../elf/fixtures.js';

function io(files: Record<string, Uint8Array>) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, Uint8Array> = {};
  const cli: CliIO = {
    out: (d) => { out.push(typeof d === 'string' ? d : Buffer.from(d).toString('latin1')); },
    err: (t) => { err.push(t); },
    readFile: (p) => {
      const f = files[p] ?? written[p];
      if (f === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return f;
    },
    writeFile: (p, d) => { written[p] = typeof d === 'string' ? new TextEncoder().encode(d) : d; },
    readStdin: async () => new Uint8Array(0),
  };
  return { cli, out: () => out.join(''), err: () => err.join(''), written };
}

async function bpfiddle(args: string[], files: Record<string, Uint8Array>) {
  const t = io(files);
  const code = await main(args, t.cli);
  return { code, out: t.out(), err: t.err(), written: t.written };
}

describe('bpfiddle with ELF objects', () => {
  it('verify lists the programs and asks for --section when an object holds several', async () => {
    const r = await bpfiddle(['verify', 'tracing.o'], { 'tracing.o': fixture('tracing') });
    expect(r.code).toBe(1);
    expect(r.err).toBe([
      'bpfiddle verify: tracing.o holds 3 programs; choose one with --section NAME:',
      '  kprobe/do_sys_openat2                on_open (kprobe)',
      '  tracepoint/syscalls/sys_enter_write  on_write (tracepoint)',
      '  raw_tracepoint/sched_switch          on_switch (raw_tracepoint)',
      '',
    ].join('\n'));
  });

  it('verify --section picks a program by section or function name and prints the verdict', async () => {
    const files = { 'tracing.o': fixture('tracing') };
    const bySection = await bpfiddle(['verify', 'tracing.o', '--section', 'tracepoint/syscalls/sys_enter_write'], files);
    const byName = await bpfiddle(['verify', 'tracing.o', '--section', 'on_write'], files);
    expect(bySection.code).toBe(0);
    expect(bySection.out).toMatch(/^processed 11 insns/);
    expect(byName.out).toBe(bySection.out);
    const none = await bpfiddle(['verify', 'tracing.o', '--section', 'xdp'], files);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/^bpfiddle verify: tracing\.o has no program in section 'xdp'; its programs:\n/);
  });

  it('verify --section names the function when a section holds several programs', async () => {
    const files = { 's.o': fixture('same_section') };
    const ambiguous = await bpfiddle(['verify', 's.o', '--section', 'xdp'], files);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.err).toMatch(/^bpfiddle verify: s\.o holds 2 programs in section xdp; name one by its function name; its programs:\n/);
    const named = await bpfiddle(['run', 's.o', '--section', 'drop_all'], files);
    expect(named.out).toMatch(/^r0 = 0x0000000000000001 \(1\) XDP_DROP\n/);
  });

  it('verify prints the kernel error for a rejected object program', async () => {
    const r = await bpfiddle(['verify', 'unchecked.o'], { 'unchecked.o': fixture('unchecked') });
    expect(r.code).toBe(1);
    expect(r.out).toContain('invalid access to packet, off=12 size=1');
  });

  it('verify names what is wrong with a damaged object', async () => {
    const bad = fixture('tc').slice();
    bad[18] = 62;
    const r = await bpfiddle(['verify', 'x.o'], { 'x.o': bad });
    expect(r).toMatchObject({ code: 1, err: 'bpfiddle verify: x.o: ELF machine is x86_64 (62), expected BPF (247)\n' });
  });

  it('run starts global data maps with the object\'s .rodata and .data', async () => {
    const r = await bpfiddle(['run', 'globals.o', '--data', '00'.repeat(200)], { 'globals.o': fixture('globals') });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^r0 = 0x0000000000000001 \(1\) XDP_DROP\n/);
    expect(r.out).toContain('00000000 (0): 0600000000000000 (6)'); // packets was 5, the run added one
    const small = await bpfiddle(['run', 'globals.o', '--data', '00'.repeat(64)], { 'globals.o': fixture('globals') });
    expect(small.out).toMatch(/XDP_PASS/);
  });

  it('export writes an object that imports to the same program, and bytecode and assembly on request', async () => {
    const files = { 'calls.o': fixture('calls') };
    const elf = await bpfiddle(['export', 'calls.o', '-o', 'out.o'], files);
    expect(elf).toMatchObject({ code: 0, err: 'wrote out.o\n' });
    const a = importObject(fixture('calls'));
    const b = importObject(elf.written['out.o']!);
    if (!a.ok || !b.ok) throw new Error('import failed');
    expect(b.programs[0]!.source).toEqual(a.programs[0]!.source);

    const bin = await bpfiddle(['export', 'calls.o', '--format', 'bin'], files);
    expect(bin.err).toBe('wrote calls.bin\n');
    expect(bin.written['calls.bin']!.length).toBe(20 * 8);

    const asm = await bpfiddle(['export', 'calls.o', '--format', 'asm', '-o', '-'], files);
    expect(asm.out).toBe(a.programs[0]!.source);
  });

  it("export keeps the object's section, so the attach point survives", async () => {
    const r = await bpfiddle(['export', 'tracing.o', '--section', 'on_open', '-o', 'k.o'], { 'tracing.o': fixture('tracing') });
    expect(r.code).toBe(0);
    const back = importObject(r.written['k.o']!);
    expect(back.ok && back.programs.map((p) => [p.name, p.section, p.progType])).toEqual([['on_open', 'kprobe/do_sys_openat2', 'kprobe']]);
  });

  it('disasm shows an object program linked, with its maps by name', async () => {
    const r = await bpfiddle(['disasm', 'x.o'], { 'x.o': fixture('xdp_btf_map') });
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[7]).toBe('7: (18) r1 = map[id:counts]');
    const several = await bpfiddle(['disasm', 't.o'], { 't.o': fixture('tracing') });
    expect(several.code).toBe(1);
    expect(several.err).toMatch(/^bpfiddle disasm: t\.o holds 3 programs; choose one with --section NAME:/);
  });

  it('export does not overwrite its input by default', async () => {
    const r = await bpfiddle(['export', 'tc.o'], { 'tc.o': fixture('tc') });
    expect(r.err).toBe('wrote tc.o.out.o\n');
  });
});
