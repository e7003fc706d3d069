// `bpfiddle run`: r0, steps and faults as text and JSON, the per-step trace in the kernel's
// syntax, program types and data_in, and the exit status for each outcome.

import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/run.js';
import type { CliIO } from '../../src/cli/util.js';

function io(files: Record<string, string | Uint8Array> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIO = {
    out: (d) => { out.push(typeof d === 'string' ? d : Buffer.from(d).toString()); },
    err: (t) => { err.push(t); },
    readFile: (p) => {
      const f = files[p];
      if (f === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return typeof f === 'string' ? new TextEncoder().encode(f) : f;
    },
    writeFile: () => {},
    readStdin: async () => new Uint8Array(0),
  };
  return { cli, out: () => out.join(''), err: () => err.join('') };
}

async function bpfiddleRun(args: string[], files: Record<string, string | Uint8Array>) {
  const t = io(files);
  const code = await run(args, t.cli);
  return { code, out: t.out(), err: t.err() };
}

const ADD = 'r0 = 1\nr1 = 2\nr0 += r1\nexit\n';

describe('bpfiddle run', () => {
  it('prints r0 in hex and decimal and the steps; exit status 0', async () => {
    const r = await bpfiddleRun(['p.s'], { 'p.s': ADD });
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe('r0 = 0x0000000000000003 (3)\nsteps: 4\nverifier: the kernel would accept this program\n');
  });

  it('--trace prints each step in kernel syntax with the registers it changed', async () => {
    const r = await bpfiddleRun(['p.s', '--trace'], { 'p.s': ADD });
    expect(r.out.split('\n').slice(0, 4)).toEqual([
      '0: (b7) r0 = 1\t; r0=0x0000000000000001',
      '1: (b7) r1 = 2\t; r1=0x0000000000000002',
      '2: (0f) r0 += r1\t; r0=0x0000000000000003',
      '3: (95) exit',
    ]);
  });

  it('--json prints exit, 64-bit r0, steps, fault and packet, and empty outputs for a program without any', async () => {
    const r = await bpfiddleRun(['p.s', '--json'], { 'p.s': 'r0 = -1\nexit\n' });
    expect(JSON.parse(r.out)).toEqual({
      exit: 'exit', r0: '0xffffffffffffffff', r0Name: null, steps: 2, fault: null, packet: '0000000000000000000000000000',
      packetChanges: null, output: [], ringbuf: [], perfEvents: [], redirect: null, maps: [],
      verifier: { accepted: true, error: null },
    });
  });

  it('a fault prints where and why, and exits with status 1', async () => {
    const r = await bpfiddleRun(['p.s'], { 'p.s': 'r1 = 0\nr0 = *(u64 *)(r1 + 8)\nexit\n' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('fault at insn 1 (null): read of 8 bytes at 0x8: null pointer dereference');
    const j = await bpfiddleRun(['p.s', '--json'], { 'p.s': 'r1 = 0\nr0 = *(u64 *)(r1 + 8)\nexit\n' });
    expect(JSON.parse(j.out).fault).toEqual({ pc: 1, kind: 'null', address: '0x0000000000000008', size: 8, region: null, message: 'read of 8 bytes at 0x8: null pointer dereference' });
  });

  it('runs a program the verifier rejects, and says what the kernel would answer', async () => {
    const src = 'r1 = 0\nr0 = *(u64 *)(r1 + 8)\nexit\n';
    const r = await bpfiddleRun(['p.s'], { 'p.s': src });
    expect(r.out).toContain("verifier: the kernel would reject this program at insn 1 (line 2): R1 invalid mem access 'scalar'\n");
    const j = await bpfiddleRun(['p.s', '--json'], { 'p.s': src });
    expect(JSON.parse(j.out).verifier).toEqual({ accepted: false, error: { pc: 1, line: 2, message: "R1 invalid mem access 'scalar'" } });
    const quiet = await bpfiddleRun(['p.s', '--no-verify'], { 'p.s': src });
    expect(quiet.out).not.toContain('verifier:');
  });

  it('--steps limits the run; hitting the limit is status 1', async () => {
    const r = await bpfiddleRun(['p.s', '--steps', '50', '--json'], { 'p.s': 'l: r0 += 1\ngoto l\n' });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ exit: 'limit', steps: 50, r0: '0x0000000000000019' });
  });

  it('xdp programs see data_in as the packet, through the context', async () => {
    const prog = '.prog xdp\nr2 = *(u32 *)(r1 + 0)\nr0 = *(u16 *)(r2 + 12)\nr0 = be16 r0\nexit\n';
    const frame = 'ffffffffffff 020000000001 0806 0001';
    const r = await bpfiddleRun(['x.s', '--data', frame, '--json'], { 'x.s': prog });
    expect(JSON.parse(r.out)).toMatchObject({ exit: 'exit', r0: '0x0000000000000806', packet: 'ffffffffffff02000000000108060001' });
    // The same program from raw bytecode with --type and --data-file.
    const asm = await import('../../src/core/asm/index.js');
    const a = asm.assemble(prog);
    if (!a.ok) throw new Error('assembly failed');
    const { encodeProgram } = await import('../../src/core/isa/insn.js');
    const b = await bpfiddleRun(['x.bin', '--type', 'xdp', '--data-file', 'f.hex'], { 'x.bin': encodeProgram(a.program.insns), 'f.hex': frame });
    expect(b.out).toBe('r0 = 0x0000000000000806 (2054)\nsteps: 4\n'
      + 'verifier: the kernel would reject this program at insn 1: invalid access to packet, off=12 size=2, R2(id=0,off=12,r=0)\n');
  });

  it('names the program type\'s return code', async () => {
    const r = await bpfiddleRun(['x.s', '--data', '00'.repeat(14)], { 'x.s': '.prog xdp\nr0 = 2\nexit\n' });
    expect(r.out).toContain('r0 = 0x0000000000000002 (2) XDP_PASS');
  });

  it('an input the kernel would refuse is an error, not a run', async () => {
    const r = await bpfiddleRun(['x.s', '--data', '0102'], { 'x.s': '.prog xdp\nr0 = 2\nexit\n' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('EINVAL');
  });

  it('assembler errors are printed like a compiler\'s, status 1', async () => {
    const r = await bpfiddleRun(['bad.s'], { 'bad.s': 'r0 = 0\nr11 = 1\nexit\n' });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^bad\.s:2:1: error: /);
  });

  it('bad usage is status 2 with the usage text', async () => {
    for (const args of [[], ['a.s', 'b.s'], ['p.s', '--steps', 'x'], ['p.s', '--type', 'nope'], ['p.s', '--data', '00', '--data-file', 'f'], ['p.s', '--bogus']]) {
      const r = await bpfiddleRun(args, { 'p.s': ADD });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain('usage: bpfiddle run FILE');
    }
  });

  it('a missing file is status 1', async () => {
    const r = await bpfiddleRun(['nope.s'], {});
    expect(r).toMatchObject({ code: 1, err: 'bpfiddle run: nope.s: no such file\n' });
  });
});
