// The real `bpfiddle` executable, spawned with node as a user would run it: exit codes, output,
// files written, and compiler-style error reports.

import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/bpfiddle.js', import.meta.url));

interface Run { code: number | null; stdout: string; stderr: string; stdoutBytes: Buffer }

function bpfiddle(args: string[], opts: { cwd?: string; stdin?: string | Buffer } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    p.stdout.on('data', (d: Buffer) => out.push(d));
    p.stderr.on('data', (d: Buffer) => err.push(d));
    p.on('error', reject);
    p.on('close', (code) => {
      const stdoutBytes = Buffer.concat(out);
      resolve({ code, stdout: stdoutBytes.toString(), stderr: Buffer.concat(err).toString(), stdoutBytes });
    });
    p.stdin.end(opts.stdin ?? '');
  });
}

const PROG = `.prog xdp
.map counts array key=4 value=8 max_entries=1
  r1 = counts ll
  r2 = r10
  r2 += -4
  *(u32 *)(r10 - 4) = 0
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
out:
  r0 = 2
  exit
`;
const PROG_HEX =
  '1811000000000000 0000000000000000 bfa2000000000000 07020000fcffffff 620afcff00000000 8500000001000000 ' +
  '1500020000000000 b701000001000000 db10000000000000 b700000002000000 9500000000000000';
const BAD = 'r0 = 0\n\tr11 = 1\nr1 = 0x1122334455667788\nexit\n';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bpfiddle-cli-'));
  writeFileSync(join(dir, 'prog.s'), PROG);
  writeFileSync(join(dir, 'bad.s'), BAD);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hex = (s: string): string => s.replace(/\s+/g, '');

describe.concurrent('bpfiddle', () => {
  it('lists its commands with --help and exits 0', async () => {
    const r = await bpfiddle(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/usage: bpfiddle <command>/);
    expect(r.stdout).toMatch(/^ {2}asm +assemble/m);
    expect(r.stdout).toMatch(/^ {2}disasm +disassemble/m);
  });

  it('exits 2 with the command list when run without a command or with an unknown one', async () => {
    const none = await bpfiddle([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/commands:/);
    const bad = await bpfiddle(['frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('prints a command\'s usage for `asm --help` and `help disasm`', async () => {
    const a = await bpfiddle(['asm', '--help']);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^usage: bpfiddle asm FILE/);
    const d = await bpfiddle(['help', 'disasm']);
    expect(d.code).toBe(0);
    expect(d.stdout).toMatch(/^usage: bpfiddle disasm FILE/);
  });

  it('assembles a file to FILE.bin next to it, from any working directory', async () => {
    const out = join(dir, 'prog.bin');
    const r = await bpfiddle(['asm', join(dir, 'prog.s')], { cwd: tmpdir() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out).toString('hex')).toBe(hex(PROG_HEX));
  });

  it('writes raw bytes to standard output with -o - and reads standard input with -', async () => {
    const r = await bpfiddle(['asm', '-', '-o', '-'], { stdin: PROG });
    expect(r.code).toBe(0);
    expect(r.stdoutBytes.toString('hex')).toBe(hex(PROG_HEX));
  });

  it('reports the assembled program as JSON with --json', async () => {
    const r = await bpfiddle(['asm', join(dir, 'prog.s'), '-o', join(dir, 'json.bin'), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { ok: boolean; progType: string; maps: { name: string }[]; labels: Record<string, number>; insns: { pc: number; text: string; line: number }[] };
    expect(j.ok).toBe(true);
    expect(j.progType).toBe('xdp');
    expect(j.maps.map((m) => m.name)).toEqual(['counts']);
    expect(j.labels).toEqual({ out: 9 });
    expect(j.insns[0]).toMatchObject({ pc: 0, text: '(18) r1 = map[id:counts]', line: 3 });
    expect(j.insns.at(-1)).toMatchObject({ pc: 10, text: '(95) exit', line: 13 });
    expect(readFileSync(join(dir, 'json.bin')).toString('hex')).toBe(hex(PROG_HEX));
  });

  it('prints errors like a compiler, with the source line, a caret under the range and the hint, and exits 1', async () => {
    const r = await bpfiddle(['asm', 'bad.s'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    const at = lines.findIndex((l) => l.startsWith('bad.s:2:2: error: '));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(lines[at]).toMatch(/r11/);
    expect(lines[at + 1]).toBe('\tr11 = 1');
    expect(lines[at + 2]).toBe('\t^~~');
    const ll = lines.findIndex((l) => l.startsWith('bad.s:3:6: error: '));
    expect(lines[ll + 1]).toBe('r1 = 0x1122334455667788');
    expect(lines[ll + 2]).toBe(`     ^${'~'.repeat(17)}`);
    expect(lines[ll + 3]).toMatch(/^bad\.s:3:6: note: .*ll/);
    expect(r.stderr).toMatch(/^2 errors generated\.$/m);
    expect(existsSync(join(dir, 'bad.bin'))).toBe(false);
  });

  it('exits 1 for a missing input file and 2 for a malformed command line', async () => {
    const missing = await bpfiddle(['asm', join(dir, 'nope.s')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.s: no such file/);
    expect((await bpfiddle(['asm'])).code).toBe(2);
    expect((await bpfiddle(['asm', 'a.s', 'b.s'])).code).toBe(2);
    const opt = await bpfiddle(['asm', 'a.s', '--frob']);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toMatch(/usage: bpfiddle asm/);
  });

  it('disassembles bytecode in the kernel style by default', async () => {
    writeFileSync(join(dir, 'd.bin'), Buffer.from(hex(PROG_HEX), 'hex'));
    const r = await bpfiddle(['disasm', join(dir, 'd.bin')]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 6)).toEqual([
      '0: (18) r1 = map[id:0]', '2: (bf) r2 = r10', '3: (07) r2 += -4', '4: (62) *(u32 *)(r10 -4) = 0',
      '5: (85) call bpf_map_lookup_elem#1', '6: (15) if r0 == 0x0 goto pc+2',
    ]);
  });

  it('disassembles a hex dump from standard input in the LLVM style', async () => {
    const r = await bpfiddle(['disasm', '-', '--style', 'llvm'], { stdin: `${PROG_HEX}\n` });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'ld_pseudo\tr1, 1, 0', 'r2 = r10', 'r2 += -4', '*(u32 *)(r10 - 4) = 0', 'call 1', 'if r0 == 0 goto +2',
      'r1 = 1', 'lock *(u64 *)(r0 + 0) += r1', 'r0 = 2', 'exit', '',
    ].join('\n'));
  });

  it('gives each instruction\'s fields and text with disasm --json', async () => {
    const r = await bpfiddle(['disasm', '-', '--json'], { stdin: 'b7 00 00 00 07 00 00 00\n18 01 00 00 ff ff ff ff 00 00 00 00 01 00 00 00\n' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      style: 'kernel',
      insns: [
        { pc: 0, code: 0xb7, dst: 0, src: 0, off: 0, imm: 7, text: '(b7) r0 = 7' },
        { pc: 1, code: 0x18, dst: 1, src: 0, off: 0, imm: -1, imm64: '8589934591', text: '(18) r1 = 0x1ffffffff' },
      ],
    });
  });

  it('rejects input that is not whole instructions, and warns about invalid slots', async () => {
    const short = await bpfiddle(['disasm', '-', '--hex'], { stdin: 'b7 00 00 00 07' });
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/<stdin>: error: program length 5 is not a multiple of 8 bytes/);
    const bad = await bpfiddle(['disasm', '-'], { stdin: 'ff 00 00 00 00 00 00 00 95 00 00 00 00 00 00 00' });
    expect(bad.code).toBe(0);
    expect(bad.stderr).toMatch(/<stdin>: warning: insn 0: unknown opcode ff/);
    expect((await bpfiddle(['disasm', '-', '--style', 'att'])).code).toBe(2);
  });

  it('round-trips: asm, disasm --style llvm and asm again give the same bytes', async () => {
    const first = await bpfiddle(['asm', '-', '-o', '-'], { stdin: 'r0 = 5\nr0 s/= -2\nif r0 s< 0 goto +1\nr0 = bswap16 r0\nexit\n' });
    const text = await bpfiddle(['disasm', '-', '--style', 'llvm'], { stdin: first.stdoutBytes });
    const again = await bpfiddle(['asm', '-', '-o', '-'], { stdin: text.stdout });
    expect(again.code).toBe(0);
    expect(again.stdoutBytes.toString('hex')).toBe(first.stdoutBytes.toString('hex'));
    const kernel = await bpfiddle(['disasm', '-'], { stdin: first.stdoutBytes });
    const third = await bpfiddle(['asm', '-', '-o', '-'], { stdin: kernel.stdout });
    expect(third.stdoutBytes.toString('hex')).toBe(first.stdoutBytes.toString('hex'));
  });
});
