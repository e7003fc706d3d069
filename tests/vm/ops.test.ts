// Every row of the instruction table executes as RFC 9669 and the kernel define it. The test is
// table-driven: each row has cases (expected values in op-cases.ts come from an independent
// oracle), and a coverage test fails if a row is added to the table without a case here.

import { describe, expect, it } from 'vitest';
import { OPS } from '../../src/core/isa/table.js';
import { BPF_MAX_LOOPS, run, type MapHost } from '../../src/core/vm/index.js';
import { FUNC_ADDRESS_BASE } from '../../src/core/vm/ref.js';
import { ALU_CASES, END_CASES, JMP_CASES, MOVSX_CASES, NEG_CASES } from './op-cases.js';
import { EXIT, I, ld64, MOV, run2, hex } from './util.js';

const covered = new Set<string>();
const cover = (name: string): string => { covered.add(name); return name; };

describe('ALU rows', () => {
  it.each(ALU_CASES.map((c) => [hex(c[1]), c[0], c[2], c] as const))('%s %s %s', (_a, name, operand, c) => {
    const [, a, , want] = c;
    const imm = name.endsWith('_imm');
    const insns = [
      ...ld64(3, a),
      ...ld64(4, BigInt(operand)),
      I(cover(name), imm ? { dst: 3, imm: operand, off: I(name).off } : { dst: 3, src: 4, off: I(name).off }),
      MOV(0, 3),
      EXIT(),
    ];
    expect(hex(run2(insns).r0)).toBe(hex(want));
  });

  it.each(NEG_CASES.map((c) => [c[0], hex(c[1]), c[2]] as const))('%s %s', (name, a, want) => {
    const r = run2([...ld64(0, BigInt(a)), I(cover(name), { dst: 0 }), EXIT()]);
    expect(hex(r.r0)).toBe(hex(want));
  });

  it.each(MOVSX_CASES.map((c) => [c[0], hex(c[1]), c[2]] as const))('%s %s', (name, src, want) => {
    const r = run2([...ld64(0, -1n), ...ld64(5, BigInt(src)), I(cover(name), { dst: 0, src: 5 }), EXIT()]);
    expect(hex(r.r0)).toBe(hex(want));
  });

  it.each(END_CASES.map((c) => [c[0], hex(c[1]), c[2]] as const))('%s %s', (name, a, want) => {
    const r = run2([...ld64(0, BigInt(a)), I(cover(name), { dst: 0 }), EXIT()]);
    expect(hex(r.r0)).toBe(hex(want));
  });

  it('mov64 sign-extends its immediate, mov32 zero-extends', () => {
    expect(hex(run2([...ld64(0, 5n), I(cover('mov_imm'), { dst: 0, imm: -3 }), EXIT()]).r0)).toBe('0xfffffffffffffffd');
    expect(hex(run2([...ld64(0, -1n), I(cover('mov32_imm'), { dst: 0, imm: -3 }), EXIT()]).r0)).toBe('0xfffffffd');
  });

  it('register moves copy 64 bits, or the low 32 with the upper half cleared', () => {
    expect(hex(run2([...ld64(1, 0x8877665544332211n), I(cover('mov_reg'), { dst: 0, src: 1 }), EXIT()]).r0)).toBe('0x8877665544332211');
    expect(hex(run2([...ld64(0, -1n), ...ld64(1, 0x8877665544332211n), I(cover('mov32_reg'), { dst: 0, src: 1 }), EXIT()]).r0)).toBe('0x44332211');
  });
});

describe('jump rows', () => {
  it.each(JMP_CASES.map((c) => [c[0], hex(c[1]), c[2], c[3]] as const))('%s %s, %s: taken=%s', (name, a, operand, taken) => {
    const imm = name.endsWith('_imm');
    const insns = [
      ...ld64(3, BigInt(a)),
      ...ld64(4, BigInt(operand)),
      I(cover(name), imm ? { dst: 3, imm: operand, off: 2 } : { dst: 3, src: 4, off: 2 }),
      I('mov_imm', { dst: 0, imm: 0 }),
      EXIT(),
      I('mov_imm', { dst: 0, imm: 1 }),
      EXIT(),
    ];
    expect(run2(insns).r0).toBe(taken ? 1n : 0n);
  });

  it('ja jumps by off and gotol (ja32) by imm, backwards too', () => {
    const ja = [I('mov_imm', { dst: 0, imm: 1 }), I(cover('ja'), { off: 1 }), I('mov_imm', { dst: 0, imm: 2 }), EXIT()];
    expect(run2(ja).r0).toBe(1n);
    const gotol = [
      I('ja32', { imm: 2 }), I('mov_imm', { dst: 0, imm: 7 }), EXIT(),
      I('mov_imm', { dst: 0, imm: 3 }), I(cover('ja32'), { imm: -3 }),
    ];
    // 0: gotol +2 → 3: r0 = 3; 4: gotol -3 → 2: exit (the r0 = 7 at 1 never runs).
    expect(run2(gotol).r0).toBe(3n);
  });
});

describe('loads and stores', () => {
  const mem = Uint8Array.from([0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10]);
  const loads: [string, bigint][] = [
    ['ldxb', 0x82n], ['ldxh', 0x8382n], ['ldxw', 0x85848382n], ['ldxdw', 0x0988878685848382n],
    ['ldxsb', 0xffffffffffffff82n], ['ldxsh', 0xffffffffffff8382n], ['ldxsw', 0xffffffff85848382n],
    ['load_acqb', 0x82n], ['load_acqh', 0x8382n], ['load_acqw', 0x85848382n], ['load_acqdw', 0x0988878685848382n],
  ];
  it.each(loads)('%s loads (offset 1) zero- or sign-extended', (name, want) => {
    const r = run2([I(cover(name), { dst: 0, src: 1, off: 1 }), EXIT()], { mem });
    expect(hex(r.r0)).toBe(hex(want));
  });

  const stores: [string, string][] = [
    ['stb', 'aaee'], ['sth', 'aaeeff'], ['stw', 'aaeeffffff'], ['stdw', 'aaeeffffffffffffff'],
    ['stxb', 'aa10'], ['stxh', 'aa1032'], ['stxw', 'aa10325476'], ['stxdw', 'aa1032547698badcfe'],
    ['store_relb', 'aa10'], ['store_relh', 'aa1032'], ['store_relw', 'aa10325476'], ['store_reldw', 'aa1032547698badcfe'],
  ];
  it.each(stores)('%s stores the low bytes at offset 1', (name, want) => {
    const m = new Uint8Array(10).fill(0xaa);
    const imm = name.startsWith('st') && !name.startsWith('stx') && !name.startsWith('store');
    const r = run2([...ld64(2, 0xfedcba9876543210n), I(cover(name), imm ? { dst: 1, off: 1, imm: -18 } : { dst: 1, src: 2, off: 1 }), I('mov_imm'), EXIT()], { mem: m });
    const out = [...r.mem!].map((b) => b.toString(16).padStart(2, '0')).join('');
    expect(out.startsWith(want)).toBe(true);
    expect(out.slice(want.length)).toBe('aa'.repeat(10 - want.length / 2));
  });
});

describe('atomic rows', () => {
  // [row, memory before, src, r0, memory after, src after, r0 after]
  const M = 0x00000000f0f0f0f0n;
  const cases: [string, bigint, bigint, bigint, bigint, bigint, bigint][] = [
    ['lock_add', M, 0x10n, 9n, 0xf0f0f100n, 0x10n, 9n],
    ['lock_or', M, 0x0fn, 9n, 0xf0f0f0ffn, 0x0fn, 9n],
    ['lock_and', M, 0xffn, 9n, 0xf0n, 0xffn, 9n],
    ['lock_xor', M, 0xffn, 9n, 0xf0f0f00fn, 0xffn, 9n],
    ['lock_fetch_add', M, 0x10n, 9n, 0xf0f0f100n, M, 9n],
    ['lock_fetch_or', M, 0x0fn, 9n, 0xf0f0f0ffn, M, 9n],
    ['lock_fetch_and', M, 0xffn, 9n, 0xf0n, M, 9n],
    ['lock_fetch_xor', M, 0xffn, 9n, 0xf0f0f00fn, M, 9n],
    ['lock_xchg', M, 0x1234n, 9n, 0x1234n, M, 9n],
    ['lock_cmpxchg', M, 0x1234n, M, 0x1234n, 0x1234n, M],
    ['lock_cmpxchg', M, 0x1234n, 5n, M, 0x1234n, M],
    // 32-bit forms: the upper half of memory is untouched, fetched values are zero-extended.
    ['lock_add32', 0x11111111ffffffffn, 0xff00000001n, 9n, 0x1111111100000000n, 0xff00000001n, 9n],
    ['lock_or32', 0x11111111f0f0f0f0n, 0x0fn, 9n, 0x11111111f0f0f0ffn, 0x0fn, 9n],
    ['lock_and32', 0x11111111f0f0f0f0n, 0xffn, 9n, 0x11111111000000f0n, 0xffn, 9n],
    ['lock_xor32', 0x11111111f0f0f0f0n, 0xffn, 9n, 0x11111111f0f0f00fn, 0xffn, 9n],
    ['lock_fetch_add32', 0x11111111f0f0f0f0n, 0xff00000010n, 9n, 0x11111111f0f0f100n, 0xf0f0f0f0n, 9n],
    ['lock_fetch_or32', 0x11111111f0f0f0f0n, 0x0fn, 9n, 0x11111111f0f0f0ffn, 0xf0f0f0f0n, 9n],
    ['lock_fetch_and32', 0x11111111f0f0f0f0n, 0xffn, 9n, 0x11111111000000f0n, 0xf0f0f0f0n, 9n],
    ['lock_fetch_xor32', 0x11111111f0f0f0f0n, 0xffn, 9n, 0x11111111f0f0f00fn, 0xf0f0f0f0n, 9n],
    ['lock_xchg32', 0x11111111f0f0f0f0n, 0xaa00001234n, 9n, 0x1111111100001234n, 0xf0f0f0f0n, 9n],
    // cmpxchg32 compares the low 32 bits of r0 and zero-extends the old value into r0.
    ['lock_cmpxchg32', 0x11111111f0f0f0f0n, 0x1234n, 0xfffffffff0f0f0f0n, 0x1111111100001234n, 0x1234n, 0xf0f0f0f0n],
    ['lock_cmpxchg32', 0x11111111f0f0f0f0n, 0x1234n, 5n, 0x11111111f0f0f0f0n, 0x1234n, 0xf0f0f0f0n],
  ];
  it.each(cases)('%s on %s', (name, before, src, r0, after, srcAfter, r0After) => {
    const mem = new Uint8Array(8);
    new DataView(mem.buffer).setBigUint64(0, before, true);
    // r6 = &mem; store results: r0 := mem value, r2 := src after, r3 := r0 after
    const insns = [
      MOV(6, 1), ...ld64(2, src), ...ld64(0, r0),
      I(cover(name), { dst: 6, src: 2, off: 0 }),
      MOV(3, 0),
      I('ldxdw', { dst: 0, src: 6 }),
      EXIT(),
    ];
    const fast = run2(insns, { mem });
    expect(hex(fast.r0)).toBe(hex(after));
    // Check the register results with the same program returning r2 / r3.
    const ret = (r: number) => [...insns.slice(0, -2), MOV(0, r), EXIT()];
    expect(hex(run2(ret(2), { mem }).r0)).toBe(hex(srcAfter));
    expect(hex(run2(ret(3), { mem }).r0)).toBe(hex(r0After));
  });
});

describe('ld_imm64 pseudo sources', () => {
  const maps: MapHost = {
    mapPointer: (ref) => (ref === 7 ? 0xffff888100001000n : null),
    mapValue: (ref, off) => (ref === 7 ? 0xffff888100002000n + BigInt(off) : null),
  };
  const lddw = (pseudo: number, imm: number, hiImm = 0) => [
    { code: 0x18, dst: 0, src: pseudo, off: 0, imm }, { code: 0, dst: 0, src: 0, off: 0, imm: hiImm },
  ];
  it('imm64 loads both halves', () => {
    cover('lddw');
    expect(hex(run2([...ld64(0, 0x1122334455667788n), EXIT()]).r0)).toBe('0x1122334455667788');
  });
  it('map fd and map index resolve through the map hook', () => {
    cover('lddw_map_fd'); cover('lddw_map_idx');
    expect(hex(run2([...lddw(1, 7), EXIT()], {}, { maps }).r0)).toBe('0xffff888100001000');
    expect(hex(run2([...lddw(5, 7), EXIT()], {}, { maps }).r0)).toBe('0xffff888100001000');
  });
  it('map value references add the second slot\'s offset', () => {
    cover('lddw_map_value'); cover('lddw_map_idx_value');
    expect(hex(run2([...lddw(2, 7, 16), EXIT()], {}, { maps }).r0)).toBe('0xffff888100002010');
    expect(hex(run2([...lddw(6, 7, 4), EXIT()], {}, { maps }).r0)).toBe('0xffff888100002004');
  });
  it('an unknown map is a fault, not a crash', () => {
    const r = run2([...lddw(1, 3), EXIT()], {}, { maps });
    expect(r.exit).toBe('fault');
    expect(r.fault!.message).toContain('map 3');
  });
  it('a function reference yields a code address; a BTF symbol cannot run', () => {
    cover('lddw_func'); cover('lddw_btf_id');
    // The function starts at pc + 1 + imm = 2.
    expect(run2([...lddw(4, 1), EXIT(), EXIT()]).r0).toBe(FUNC_ADDRESS_BASE + 2n * 8n);
    expect(run2([...lddw(3, 1), EXIT()]).fault!.kind).toBe('unsupported');
  });
});

describe('legacy packet loads', () => {
  const packet = { bytes: Uint8Array.from([0x45, 0x00, 0x12, 0x34, 0xde, 0xad, 0xbe, 0xef]) };
  const abs: [string, number, bigint][] = [['ldabsb', 3, 0x34n], ['ldabsh', 2, 0x1234n], ['ldabsw', 4, 0xdeadbeefn]];
  it.each(abs)('%s %d reads big-endian from the packet', (name, off, want) => {
    expect(run2([I(cover(name), { imm: off }), EXIT()], { packet }).r0).toBe(want);
  });
  const ind: [string, number, bigint][] = [['ldindb', 1, 0x34n], ['ldindh', 0, 0x1234n], ['ldindw', 2, 0xdeadbeefn]];
  it.each(ind)('%s adds src to imm (src = 2, imm = %d)', (name, off, want) => {
    expect(run2([I('mov_imm', { dst: 7, imm: 2 }), I(cover(name), { src: 7, imm: off }), EXIT()], { packet }).r0).toBe(want);
  });
  it('an out-of-bounds packet load ends the program with r0 = 0', () => {
    const r = run2([I('mov_imm', { dst: 0, imm: 9 }), I('ldabsw', { imm: 6 }), I('mov_imm', { dst: 0, imm: 5 }), EXIT()], { packet });
    expect(r.exit).toBe('exit');
    expect(r.r0).toBe(0n);
    expect(r.steps).toBe(2);
  });
  it('a negative LD_IND offset also ends the program with r0 = 0', () => {
    const r = run2([I('mov_imm', { dst: 7, imm: -5 }), I('ldindb', { src: 7, imm: 1 }), EXIT()], { packet });
    expect([r.exit, r.r0]).toEqual(['exit', 0n]);
  });
});

describe('control rows', () => {
  it('exit returns r0; call_local runs a function in a new frame', () => {
    cover('exit'); cover('call_local');
    const insns = [I('mov_imm', { dst: 1, imm: 20 }), I('call_local', { imm: 1 }), EXIT(), MOV(0, 1), I('add_imm', { dst: 0, imm: 1 }), EXIT()];
    expect(run2(insns).r0).toBe(21n);
  });
  it('call runs a helper with r1..r5 and puts its result in r0', () => {
    cover('call');
    const helpers = { has: (id: number) => id === 42, call: (_id: number, api: { reg(i: number): bigint }) => ({ r0: api.reg(1) * 2n + api.reg(5) }) };
    const insns = [I('mov_imm', { dst: 1, imm: 20 }), I('mov_imm', { dst: 5, imm: 3 }), I('call', { imm: 42 }), EXIT()];
    expect(run2(insns, {}, { helpers }).r0).toBe(43n);
  });
  it('kfunc calls cannot run in the VM and say so', () => {
    cover('call_kfunc');
    const r = run2([I('call_kfunc', { imm: 1234 }), EXIT()]);
    expect(r.fault).toMatchObject({ pc: 0, kind: 'unsupported' });
  });
  it(`may_goto falls through ${BPF_MAX_LOOPS} times, then jumps`, () => {
    cover('may_goto');
    // r0 counts iterations until the budget is exhausted.
    const insns = [I('mov_imm', { dst: 0, imm: 0 }), I('may_goto', { off: 2 }), I('add_imm', { dst: 0, imm: 1 }), I('ja', { off: -3 }), EXIT()];
    // 25 million steps: the two fast engines (the bigint reference runs may_goto in the property tests).
    const r = run(insns, {}, { maxSteps: 30_000_000, engine: 'jit' });
    expect(run(insns, {}, { maxSteps: 30_000_000, engine: 'switch' })).toEqual(r);
    expect(r.exit).toBe('exit');
    expect(r.r0).toBe(BigInt(BPF_MAX_LOOPS));
  });
});

describe('coverage', () => {
  it('every row of the instruction table has at least one case above', () => {
    const missing = OPS.map((o) => o.name).filter((n) => !covered.has(n));
    expect(missing).toEqual([]);
  });
});
