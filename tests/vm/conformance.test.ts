// The BPF ISA conformance suite (../shared/conformance, bpf_conformance's .data files): every
// positive file must return its `-- result` in r0 and every negative file must be rejected, on
// every engine. One test per file, so a failure names the file.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/core/asm/index.js';
import { evaluate, judge, parseConformance, type Assemble } from '../../src/core/vm/conformance.js';

const ROOT = resolve(__dirname, '../../../shared/conformance');
const present = existsSync(join(ROOT, 'tests'));

const asm: Assemble = (src) => {
  const r = assemble(src);
  return r.ok
    ? { ok: true, insns: r.program.insns, lines: r.program.sourceMap.map((s) => s.line) }
    : { ok: false, error: r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('; ') };
};

const files = (dir: string): string[] =>
  present ? readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.data')).sort() : [];

describe.each([['tests', false], ['negative', true]] as const)('conformance %s', (dir, negative) => {
  if (!present) {
    it('is skipped without the suite', () => { console.log('skipped: ../shared/conformance not found'); });
    return;
  }
  it.each(files(dir))('%s', (file) => {
    const parsed = parseConformance(readFileSync(join(ROOT, dir, file), 'utf8'));
    if (!parsed.ok) {
      expect(negative, `${file}: ${parsed.error}`).toBe(true);
      return;
    }
    for (const engine of ['jit', 'switch', 'interp'] as const) {
      const verdict = judge(parsed.value, evaluate(parsed.value, asm, engine), negative);
      expect(verdict.pass, `${file} (${engine}): ${verdict.detail}`).toBe(true);
    }
  });
});
