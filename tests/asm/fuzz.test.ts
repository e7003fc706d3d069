// Property tests: whatever the input, `assemble` returns a value (never throws), and a failure
// carries located errors. Inputs: random strings, random token soup from every dialect's
// vocabulary, and real programs mutated by dropping, duplicating and swapping characters, tokens
// and lines.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assemble, type AsmResult } from '../../src/core/asm/index.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const CONFORMANCE = join(import.meta.dirname, '../../../shared/conformance/tests');

/** What is wrong with a result (nothing, normally). Plain checks: expect() per field is slow. */
function violations(src: string, r: AsmResult): string[] {
  const bad: string[] = [];
  const lines = src.split(/\r\n|\r|\n/).length;
  if (r.ok) {
    if (r.errors.length) bad.push('ok with errors');
    if (r.program.sourceMap.length !== r.program.insns.length) bad.push('sourceMap length');
    if (r.program.insns.length === 0) bad.push('empty program');
    for (const [name, pc] of Object.entries(r.program.labels)) if (pc > r.program.insns.length) bad.push(`label ${name} at ${pc}`);
    for (const i of r.program.insns) {
      const ok = Number.isInteger(i.code) && i.code >= 0 && i.code < 256 && i.dst >= 0 && i.dst <= 10 && i.src >= 0 && i.src <= 15 &&
        i.off >= -32768 && i.off <= 32767 && Number.isInteger(i.imm) && i.imm >= -(2 ** 31) && i.imm < 2 ** 31;
      if (!ok) bad.push(`bad slot ${JSON.stringify(i)}`);
    }
    return bad;
  }
  if (r.errors.length === 0) bad.push('failure without errors');
  for (const e of r.errors) {
    if (!(e.line >= 1 && e.line <= lines && e.col >= 1 && e.endCol >= e.col && e.message.length > 0)) bad.push(`bad error ${JSON.stringify(e)}`);
  }
  return bad;
}

const run = (src: string): void => { expect(violations(src, assemble(src))).toEqual([]); };

/** Real programs in every dialect: the fixtures and a sample of the conformance suite. */
function corpus(): string[] {
  const out = readdirSync(FIXTURES).filter((f) => !f.endsWith('.c')).map((f) => readFileSync(join(FIXTURES, f), 'utf8'));
  let conf: string[] = [];
  try { conf = readdirSync(CONFORMANCE).filter((f) => f.endsWith('.data')).sort(); } catch { /* suite absent: fixtures only */ }
  for (const f of conf.filter((_, n) => n % 10 === 0)) {
    const m = /^-- asm\n([\s\S]*?)(?=^-- |(?![\s\S]))/m.exec(readFileSync(join(CONFORMANCE, f), 'utf8'));
    if (m) out.push(m[1]!);
  }
  out.push([
    '.prog xdp', '.map m hash key=4 value=8 max_entries=4', 'start: r1 = m ll', 'r2 = map[id:3][0]+8',
    'w0 = atomic_fetch_add((u32 *)(r10 - 4), w0)', 'r0 = cmpxchg_64(r1 + 0, r0, r2)', 'lock *(u64 *)(r10 -8) += r0',
    'if w1 s> 0x5 goto pc+1', 'gotol start', 'may_goto +0', 'call pc-3', 'r1 = (s16)r2', 'r1 = *(s8 *)(r2 + 0)',
    'r0 = *(u16 *)skb[r1 + 14]', 'call bpf_map_lookup_elem#1', 'r2 = subprog[-2]', '/* block */ exit',
  ].join('\n'));
  return out;
}

const VOCAB = [
  'r0', 'r1', 'w1', 'r10', 'w10', 'r11', '%r2', 'pc', 'exit', 'goto', 'gotol', 'may_goto', 'if', 'call', 'lock', 'fetch',
  'll', 'skb', 'map', 'id', 'idx', 'subprog', 'ld_pseudo', 'mov', 'mov32', 'lddw', 'ldxw', 'stxdw', 'jeq', 'jne32', 'ja',
  'ja32', 'be16', 'bswap64', 'movsx832', 'add', 'xchg', 'cmpxchg32', 'atomic64_fetch_add', 'xchg_64', 'cmpxchg32_32',
  'load_acquire', 'store_release', 'local', 'helper', 'kernel-function#5', 'bpf_map_lookup_elem', '.map', '.prog', 'hash',
  'key=4', 'value=8', 'max_entries=1', 'xdp', 'u8', 'u64', 's16', '(', ')', '[', ']', '*', ',', ':', '#', ';', '//', '/*',
  '*/', '=', '+=', 's>>=', '==', 's<', '&', '-', '+', '<', '>', '0', '1', '-1', '0x7fffffff', '0xffffffff', '0x100000000',
  '99999999999999999999999', '32768', '-32769', '010', '0x', '12:', '(bf)', '(18)', 'L:', 'L', '\t', '\n', ' ', '<LBB0_1>',
];

describe('assemble never throws', () => {
  it('on random strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), run), { numRuns: 1500 });
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'r0123456789w =+-*()[],:;#x.%sgotifl\n\tabcdeLu'), maxLength: 120 }), run), { numRuns: 1500 });
  });

  it('on token soup from every dialect', () => {
    const soup = fc.array(fc.constantFrom(...VOCAB), { maxLength: 40 }).map((ts) => ts.join(' '));
    fc.assert(fc.property(soup, run), { numRuns: 3000 });
  });

  it('on real programs with characters, tokens and lines dropped, duplicated and swapped', () => {
    const programs = corpus();
    expect(programs.length).toBeGreaterThan(10);
    for (const p of programs) run(p);
    type Mutation = { kind: 'drop' | 'dup' | 'swap'; unit: 'char' | 'token' | 'line'; at: number; other: number };
    const mutation: fc.Arbitrary<Mutation> = fc.record({
      kind: fc.constantFrom('drop', 'dup', 'swap'), unit: fc.constantFrom('char', 'token', 'line'), at: fc.nat(), other: fc.nat(),
    });
    const mutate = (src: string, m: Mutation): string => {
      const parts = m.unit === 'char' ? [...src] : m.unit === 'line' ? src.split('\n') : src.split(/(\s+)/);
      if (parts.length === 0) return src;
      const a = m.at % parts.length;
      const b = m.other % parts.length;
      if (m.kind === 'drop') parts.splice(a, 1);
      else if (m.kind === 'dup') parts.splice(a, 0, parts[a]!);
      else [parts[a], parts[b]] = [parts[b]!, parts[a]!];
      return parts.join(m.unit === 'line' ? '\n' : '');
    };
    fc.assert(fc.property(fc.constantFrom(...programs), fc.array(mutation, { minLength: 1, maxLength: 6 }), (p, ms) => {
      run(ms.reduce(mutate, p));
    }), { numRuns: 2000 });
  });
});
