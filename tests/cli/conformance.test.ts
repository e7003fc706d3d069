// `bpfiddle conformance DIR`: one line per failing file, a final tally, and the exit status.

import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/conformance.js';
import { nodeIO, type CliIO } from '../../src/cli/util.js';

const SUITE = resolve(__dirname, '../../../shared/conformance');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const base = nodeIO();
  const cli: CliIO = { ...base, out: (d) => { out.push(String(d)); }, err: (t) => { err.push(t); } };
  return { cli, out: () => out.join(''), err: () => err.join('') };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bpfiddle-conf-'));
  mkdirSync(join(dir, 'tests'));
  mkdirSync(join(dir, 'negative'));
  writeFileSync(join(dir, 'tests', 'good.data'), '-- asm\nmov %r0, 7\nexit\n-- result\n0x7\n');
  writeFileSync(join(dir, 'tests', 'wrong.data'), '-- asm\nmov %r0, 7\nexit\n-- result\n0x8\n');
  writeFileSync(join(dir, 'negative', 'rejected.data'), '-- asm\nmov %r0, %r11\nexit\n');
  writeFileSync(join(dir, 'negative', 'accepted.data'), '-- asm\nmov %r0, 1\nexit\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bpfiddle conformance', () => {
  it('prints one line per failing file and the tally; status 1 when any fails', async () => {
    const t = capture();
    const code = await run([dir], t.cli);
    expect(code).toBe(1);
    expect(t.out()).toBe([
      'FAIL negative/accepted.data: accepted and returned 0x1',
      'FAIL tests/wrong.data: expected 0x8, got 0x7',
      '2 passed, 2 failed',
      '',
    ].join('\n'));
  });

  it('--verbose also lists passing files', async () => {
    const t = capture();
    await run([join(dir, 'tests'), '--verbose'], t.cli);
    expect(t.out()).toContain('ok   good.data: r0 = 0x7');
  });

  it('passes the whole bpf_conformance suite', async () => {
    if (!existsSync(SUITE)) { console.log('skipped: ../shared/conformance not found'); return; }
    const t = capture();
    const code = await run([SUITE], t.cli);
    expect(t.out()).toMatch(/^\d+ passed, 0 failed\n$/);
    expect(code).toBe(0);
  });

  it('usage errors are status 2; a missing directory is status 1', async () => {
    expect(await run([], capture().cli)).toBe(2);
    expect(await run([dir, '--engine', 'warp'], capture().cli)).toBe(2);
    const t = capture();
    expect(await run([join(dir, 'nope')], t.cli)).toBe(1);
    expect(t.err()).toContain('no such directory');
  });
});
