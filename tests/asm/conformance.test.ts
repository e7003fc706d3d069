// The bpf_conformance suite's `-- asm` sections: every test program assembles, its bytes match the
// `-- raw` section where there is one, and the negative programs whose fault is in the text are
// rejected with a located error. The suite lives outside the repository (../shared/conformance).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/core/asm/index.js';
import { programToWords } from '../../src/core/isa/insn.js';
import { fmt } from './util.js';

const ROOT = join(import.meta.dirname, '../../../shared/conformance');

/** `-- name` sections of a .data file (`#` comment lines before the first section dropped). */
function sections(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let name: string | undefined;
  let body: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^-- (.*)$/.exec(line);
    if (m) {
      if (name !== undefined) out.set(name, body.join('\n'));
      name = m[1]!.trim();
      body = [];
    } else if (name !== undefined) {
      body.push(line);
    }
  }
  if (name !== undefined) out.set(name, body.join('\n'));
  return out;
}

const files = (dir: string): { name: string; sec: Map<string, string> }[] =>
  existsSync(join(ROOT, dir))
    ? readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.data')).sort()
      .map((name) => ({ name, sec: sections(readFileSync(join(ROOT, dir, name), 'utf8')) }))
    : [];

const tests = files('tests');
const negative = files('negative');

if (tests.length === 0) console.log(`skipped: no conformance suite at ${ROOT}`);

describe.runIf(tests.length > 0)('bpf_conformance tests/', () => {
  it('has the 313 test files', () => {
    expect(tests.length).toBe(313);
  });

  it('assembles every -- asm section except the callx extension', () => {
    const failures: string[] = [];
    for (const { name, sec } of tests) {
      const asm = sec.get('asm');
      if (asm === undefined || name === 'callx.data') continue;
      const r = assemble(asm);
      if (!r.ok) failures.push(`${name}: ${r.errors.map(fmt).join('; ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('rejects callx with a located error', () => {
    const r = assemble(tests.find((t) => t.name === 'callx.data')!.sec.get('asm')!);
    expect(r.ok ? [] : r.errors.map(fmt)).toEqual(['3:1-9 callx is not supported by the Linux kernel']);
  });

  it('matches the -- raw words where a file gives them', () => {
    const withRaw = tests.filter((t) => t.sec.has('raw') && t.sec.has('asm'));
    expect(withRaw.length).toBeGreaterThan(0);
    for (const { sec } of withRaw) {
      const words = sec.get('raw')!.split(/\s+/).filter(Boolean).map((w) => BigInt(w));
      const r = assemble(sec.get('asm')!);
      expect(r.ok && programToWords(r.program.insns)).toEqual(words);
    }
  });
});

// Negative files whose program text is valid: they are rejected later, by the verifier
// (reading uninitialised r0) or by the result check.
const REJECTED_LATER = new Set(['error.data', 'incorrect_return_value_high_bits.data']);

describe.runIf(negative.length > 0)('bpf_conformance negative/', () => {
  const withAsm = negative.filter((n) => n.sec.has('asm') && !REJECTED_LATER.has(n.name));

  it('rejects every program whose fault is in the text, each error inside the asm section', () => {
    expect(withAsm.length).toBe(11);
    for (const { name, sec } of withAsm) {
      const asm = sec.get('asm')!;
      const r = assemble(asm);
      expect(r.ok, name).toBe(false);
      if (r.ok) continue;
      const lines = Math.max(1, asm.split('\n').length);
      for (const e of r.errors) {
        expect(e.line, name).toBeGreaterThanOrEqual(1);
        expect(e.line, name).toBeLessThanOrEqual(lines);
        expect(e.col, name).toBeGreaterThanOrEqual(1);
        expect(e.endCol, name).toBeGreaterThanOrEqual(e.col);
        expect(e.message.length, name).toBeGreaterThan(0);
      }
    }
  });

  it.each([
    ['invalid_imm32_dec_range.data', '2:12-22 immediate 2147483648 does not fit in 32 bits (-2147483648..2147483647)'],
    ['invalid_imm32_hex_range.data', '2:12-23 immediate 0x100000000 does not fit in 32 bits (-2147483648..4294967295)'],
    ['invalid_label.data', "1:4-15 undefined label 'NOT_A_LABEL'"],
    ['invalid_lock.data', '1:9-17 lock or takes 2 operands ([dst+off], src), found 1'],
    ['invalid_lock2.data', '1:1-5 lock takes an operation and 2 operands (lock [fetch] add|or|and|xor|xchg|cmpxchg[32] [dst+off], src)'],
    ['invalid_mnemonic.data', "2:1-5 unknown instruction 'ldxq'"],
    ['invalid_offset.data', "1:11-14 expected a memory operand like [r1+4], found '%r1'"],
    ['invalid_offset_range.data', '2:15-23 offset 65536 is outside the signed 16-bit range -32768..32767'],
    ['invalid_operand_count.data', '1:6-9 lddw takes 2 operands (lddw dst, imm64|map), found 1'],
    ['invalid_register.data', '1:9-13 invalid register %r50: eBPF has r0..r10'],
    ['invalid_unknown_directive.data', '1:1-1 the program has no instructions'],
  ])('%s', (name, expected) => {
    const r = assemble(negative.find((n) => n.name === name)!.sec.get('asm')!);
    expect(r.ok ? [] : r.errors.map(fmt)).toEqual([expected]);
  });

  it('assembles the two whose fault is not in the text', () => {
    for (const name of REJECTED_LATER) expect(assemble(negative.find((n) => n.name === name)!.sec.get('asm')!).ok, name).toBe(true);
  });
});
