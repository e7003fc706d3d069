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

test('colours a pasted verifier log: pcs, opcodes, helper ids, states and chatter', async ({ playground }) => {
  const insn = '12: (85) call bpf_map_lookup_elem#1    ; R0=map_value_or_null(id=1,ks=4,vs=8)';
  const t = await playground.tokenize(insn);
  expect(typeAt(t, 0)).toBe('number.pc');
  expect(typeAt(t, insn.indexOf('(85)'))).toBe('number.opcode');
  expect(typeAt(t, insn.indexOf('call'))).toBe('keyword');
  expect(typeAt(t, insn.indexOf('bpf_map'))).toBe('support.function.helper');
  expect(typeAt(t, insn.indexOf('#1'))).toBe('number.helperid');
  expect(typeAt(t, insn.indexOf('R0'))).toBe('comment.state.key');
  expect(typeAt(t, insn.indexOf('map_value_or_null'))).toBe('comment.state');

  const branch = 'from 4 to 6: R0=2 R1=ctx() R10=fp0';
  const b = await playground.tokenize(branch);
  expect(typeAt(b, 0)).toBe('comment.log');
  expect(typeAt(b, branch.indexOf('R1'))).toBe('comment.state.key');
  expect(typeAt(b, branch.indexOf('ctx()'))).toBe('comment.state');
  expect(typeAt(await playground.tokenize('processed 6 insns (limit 1000000) max_states_per_insn 0'), 0)).toBe('comment.log');
  // A state line does not leak into the next line: an instruction after it is coloured as code.
  const two = await playground.page.evaluate(() => {
    const m = (window as unknown as { monaco: { editor: { tokenize(t: string, l: string): { offset: number; type: string }[][] } } }).monaco;
    return m.editor.tokenize('from 4 to 6: R0=2\n    r0 = 1', 'ebpf')[1]!.map((x) => x.type);
  });
  expect(two).toContain('variable.register.ebpf');
});

test('colours helpers and map names in source, and ordinary comments stay comments', async ({ playground }) => {
  const decl = '.map counts hash key=4 value=8 max_entries=16';
  const d = await playground.tokenize(decl);
  expect(typeAt(d, 0)).toBe('keyword.directive');
  expect(typeAt(d, decl.indexOf('counts'))).toBe('variable.map');
  const load = '    r1 = counts ll';
  expect(typeAt(await playground.tokenize(load), load.indexOf('counts'))).toBe('variable.map');
  const call = '    call bpf_ringbuf_reserve';
  expect(typeAt(await playground.tokenize(call), call.indexOf('bpf_'))).toBe('support.function.helper');
  // Not a helper: an unknown bpf_ name is a plain identifier.
  const bogus = '    call bpf_no_such_helper';
  expect(typeAt(await playground.tokenize(bogus), bogus.indexOf('bpf_'))).toBe('identifier');
  expect(typeAt(await playground.tokenize('    r0 = 1 ; R0 is the verdict'), 12)).toBe('comment');
});
