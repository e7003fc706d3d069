// Differential test against llvm-mc-14: pseudo-C written the many ways people (not disassemblers)
// write it — spacing, hex and decimal, 32-bit patterns, signs, labels, comments — must assemble to
// llvm-mc's bytes. (tests/llvm covers every form as the disassembler prints it.) Only syntax
// LLVM 14 knows is used; without llvm-mc-14 the test prints `skipped:` and passes.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { assemble } from '../../src/core/asm/index.js';
import { encodeProgram } from '../../src/core/isa/insn.js';
import { cleanup, llvmAvailable, llvmMc } from '../llvm/llvm.js';

afterAll(cleanup);

const PAD = 40; // exits before and after, so that every generated jump lands inside the program
const reg = fc.integer({ min: 0, max: 9 }); // r10 as a destination is refused by bpfiddle, not by LLVM
const anyReg = fc.integer({ min: 0, max: 10 });
const imm32 = fc.oneof(
  fc.constantFrom(0, 1, -1, 255, 0x7fffffff, -0x80000000, 0x80000000, 0xffffffff, 4096),
  fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }),
);
const off16 = fc.oneof(fc.constantFrom(0, 1, -1, 8, -8, 32767, -32768), fc.integer({ min: -32768, max: 32767 }));
const jumpOff = fc.integer({ min: -PAD, max: PAD - 1 });
const num = (n: number | bigint, style: 'dec' | 'hex'): string => {
  if (style === 'dec') return `${n}`;
  return typeof n === 'bigint' ? (n < 0n ? `-0x${(-n).toString(16)}` : `0x${n.toString(16)}`) : n < 0 ? `-0x${(-n).toString(16)}` : `0x${n.toString(16)}`;
};
const style = fc.constantFrom<'dec' | 'hex'>('dec', 'hex');
/** `(r1 + 4)` in the spacings llvm-mc takes: `(r1 + 4)`, `(r1+4)`, `(r1 +4)`, `(r1 - 4)`. */
const addr = fc.tuple(anyReg, off16, fc.constantFrom(' ', ''), style).map(([r, o, sp, st]) =>
  o < 0 ? `(r${r}${sp}-${sp}${num(-o, st)})` : `(r${r}${sp}+${sp}${num(o, st)})`);
const size = fc.constantFrom(1, 2, 4, 8);
const aluSyms = ['+=', '-=', '*=', '/=', '|=', '&=', '<<=', '>>=', 's>>=', '^='];
const jmpSyms = ['==', '!=', '>', '>=', '<', '<=', 's>', 's>=', 's<', 's<='];

/** One line of pseudo-C in the syntax LLVM 14 accepts. */
const line: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom(...aluSyms), fc.boolean(), reg, anyReg, fc.boolean(), imm32, style, fc.constantFrom(' ', ''))
    // llvm-mc reads `r9s` as one name, so `s>>=` keeps its leading space.
    .map(([op, w, d, s, useReg, i, st, sp]) => `${w ? 'w' : 'r'}${d}${op.startsWith('s') ? ' ' : sp}${op}${sp}${useReg ? `${w ? 'w' : 'r'}${s}` : num(i, st)}`),
  fc.tuple(fc.boolean(), reg, anyReg, fc.boolean(), imm32, style)
    .map(([w, d, s, useReg, i, st]) => `${w ? 'w' : 'r'}${d} = ${useReg ? `${w ? 'w' : 'r'}${s}` : num(i, st)}`),
  fc.tuple(fc.boolean(), reg).map(([w, d]) => `${w ? 'w' : 'r'}${d} = -${w ? 'w' : 'r'}${d}`),
  fc.tuple(fc.constantFrom('be', 'le'), fc.constantFrom(16, 32, 64), reg).map(([o, b, d]) => `r${d} = ${o}${b} r${d}`),
  fc.tuple(reg, fc.bigInt({ min: -(1n << 63n), max: (1n << 64n) - 1n }), style).map(([d, v, st]) => `r${d} = ${num(v, st)} ll`),
  fc.tuple(size, reg, addr, fc.boolean()).map(([s, d, a, w]) => `${w && s < 8 ? 'w' : 'r'}${d} = *(u${s * 8} *)${a}`),
  fc.tuple(size, anyReg, addr, fc.boolean()).map(([s, r, a, w]) => `*(u${s * 8} *)${a} = ${w && s < 8 ? 'w' : 'r'}${r}`),
  fc.tuple(fc.constantFrom(4, 8), anyReg, addr, fc.boolean(), fc.constantFrom('+=', '|=', '&=', '^='))
    // LLVM 14 spells the 32-bit or/and/xor with a w register only.
    .map(([s, r, a, w, op]) => `lock *(u${s * 8} *)${a} ${op} ${(w || op !== '+=') && s === 4 ? 'w' : 'r'}${r}`),
  fc.tuple(fc.constantFrom(1, 2, 4), fc.integer({ min: 0, max: 0x7fffffff })).map(([s, i]) => `r0 = *(u${s * 8} *)skb[${i}]`),
  fc.tuple(fc.constantFrom(1, 2, 4), anyReg).map(([s, r]) => `r0 = *(u${s * 8} *)skb[r${r}]`),
  fc.tuple(jumpOff, fc.constantFrom('+', '')).map(([o, sign]) => `goto ${o >= 0 ? sign : ''}${o}`),
  fc.tuple(fc.constantFrom(...jmpSyms), fc.boolean(), anyReg, anyReg, fc.boolean(), imm32, style, jumpOff)
    .map(([op, w, d, s, useReg, i, st, o]) => `if ${w ? 'w' : 'r'}${d} ${op} ${useReg ? `${w ? 'w' : 'r'}${s}` : num(i, st)} goto ${o >= 0 ? '+' : ''}${o}`),
  fc.integer({ min: 0, max: 250 }).map((i) => `call ${i}`),
  fc.constant('exit'),
);

/** Comments llvm-mc and bpfiddle both skip. */
const withComment = fc.tuple(line, fc.constantFrom('', ' # note', ' // note', '\t')).map(([l, c]) => `${l}${c}`);

describe('pseudo-C against llvm-mc-14', () => {
  it('assembles random programs of hand-written-style lines to llvm-mc\'s bytes', () => {
    const avail = llvmAvailable();
    if (!avail.ok) { console.log(`skipped: ${avail.why}`); return; }
    const body = fc.sample(fc.array(withComment, { minLength: 1, maxLength: 1 }), { numRuns: 1500, seed: 1 }).flat();
    const exits = Array(PAD).fill('exit');
    const source = [...exits, 'mid:', ...body, 'goto mid', ...exits].join('\n');
    const llvm = llvmMc(source, 'asm-variants');
    expect(llvm.ok ? '' : llvm.error).toBe('');
    if (!llvm.ok) return;
    const ours = assemble(source);
    expect(ours.ok ? [] : ours.errors.slice(0, 5)).toEqual([]);
    if (!ours.ok) return;
    const got = encodeProgram(ours.program.insns);
    // On a mismatch, name the first differing source line.
    for (let at = 0; at < Math.max(got.length, llvm.bytes.length); at += 8) {
      const a = Buffer.from(got.subarray(at, at + 8)).toString('hex');
      const b = Buffer.from(llvm.bytes.subarray(at, at + 8)).toString('hex');
      if (a !== b) {
        const span = ours.program.sourceMap[at / 8];
        expect(`${source.split('\n')[(span?.line ?? 1) - 1]}: ${a}`).toBe(`${source.split('\n')[(span?.line ?? 1) - 1]}: ${b}`);
      }
    }
    expect(got.length).toBe(llvm.bytes.length);
    console.log(`llvm-mc: ${body.length} generated lines, ${got.length / 8} slots, identical`);
  }, 60_000);
});
