// The ebpf Monarch grammar, tokenized by the page's own Monaco.
import { expect, test, type Token } from './fixtures/playground.js';

/** The token type (without the `.ebpf` suffix) that covers `offset`. */
function typeAt(tokens: Token[], offset: number): string {
  let t = tokens[0]!;
  for (const tok of tokens) if (tok.offset <= offset) t = tok;
  return t.type.replace(/\.ebpf$/, '');
}

test('colours registers, numbers, sizes, keywords and comments in pseudo-C', async ({ playground }) => {
  const line = 'if r1 s> 0x10 goto out ; note';
  const toks = await playground.tokenize(line);
  expect(typeAt(toks, line.indexOf('if'))).toBe('keyword');
  expect(typeAt(toks, line.indexOf('r1'))).toBe('variable.register');
  expect(typeAt(toks, line.indexOf('s>'))).toBe('operator');
  expect(typeAt(toks, line.indexOf('0x10'))).toBe('number.hex');
  expect(typeAt(toks, line.indexOf('goto'))).toBe('keyword');
  expect(typeAt(toks, line.indexOf('out'))).toBe('identifier');
  expect(typeAt(toks, line.indexOf('; note'))).toBe('comment');

  const mem = '*(u32 *)(r10 - 4) = w2 // store';
  const m = await playground.tokenize(mem);
  expect(typeAt(m, mem.indexOf('u32'))).toBe('type');
  expect(typeAt(m, mem.indexOf('r10'))).toBe('variable.register');
  expect(typeAt(m, mem.indexOf('4'))).toBe('number');
  expect(typeAt(m, mem.indexOf('w2'))).toBe('variable.register');
  expect(typeAt(m, mem.indexOf('// store'))).toBe('comment');
});

test('colours labels, directives, mnemonics and # comments', async ({ playground }) => {
  expect(typeAt(await playground.tokenize('loop:'), 0)).toBe('type.identifier.label');
  expect(typeAt(await playground.tokenize('.prog xdp'), 0)).toBe('keyword.directive');
  expect(typeAt(await playground.tokenize('.bogus'), 0)).toBe('keyword.directive.unknown');
  const u = 'ldxdw r0, [r1+8] # uBPF';
  const t = await playground.tokenize(u);
  expect(typeAt(t, 0)).toBe('keyword.mnemonic');
  expect(typeAt(t, u.indexOf('r0'))).toBe('variable.register');
  expect(typeAt(t, u.indexOf('# uBPF'))).toBe('comment');
  // r11 is not a register: it must not look like one.
  expect(typeAt(await playground.tokenize('r11 = 1'), 0)).not.toBe('variable.register');
});
