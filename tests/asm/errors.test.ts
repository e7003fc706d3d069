// The assembler's errors: every one located (line, column range), worded for the user, with a
// hint where one helps; and all of them collected, not just the first.
import { describe, expect, it } from 'vitest';
import { errors, fmt, program, theError } from './util.js';

const one = (src: string): string => fmt(theError(src));
const hintOf = (src: string): string | undefined => theError(src).hint;

describe('unknown names', () => {
  it('suggests the nearest mnemonic for an unknown one', () => {
    expect(one('movv r0, 1')).toBe("1:1-5 unknown instruction 'movv'");
    expect(hintOf('movv r0, 1')).toBe('did you mean `mov`?');
    expect(hintOf('exti')).toBe('did you mean `exit`?');
    expect(hintOf('ldxq r0, [r1]')).toMatch(/^did you mean `ldx[bhw]`\?$/);
    expect(hintOf('frobnicate r0')).toBeUndefined();
  });

  it('suggests the nearest helper for an unknown helper name', () => {
    expect(one('call bpf_map_lookup_elm')).toBe("1:6-24 unknown helper or label 'bpf_map_lookup_elm'");
    expect(hintOf('call bpf_map_lookup_elm')).toBe('did you mean `bpf_map_lookup_elem`?');
    expect(one('call bpf_map_lookup_elm#1')).toBe("1:6-24 unknown helper 'bpf_map_lookup_elm'");
    expect(hintOf('call bpf_map_lookup_elm#1')).toBe('did you mean `bpf_map_lookup_elem`?');
  });

  it('suggests the nearest label for an undefined one', () => {
    expect(one('goto nowhere\nexit\nnowher:')).toBe("1:6-13 undefined label 'nowhere'");
    expect(hintOf('goto nowhere\nexit\nnowher:')).toBe('did you mean `nowher`?');
  });

  it('reports a duplicate label where it is defined again', () => {
    expect(one('L: r0 = 0\n  L: exit')).toBe("2:3-4 duplicate label 'L' (the first is on line 1)");
  });

  it('refuses a register name as a label', () => {
    expect(one('r1:\nexit')).toBe("1:1-3 'r1' is a register name and cannot be a label");
  });
});

describe('registers', () => {
  it('rejects r11 and up wherever they appear', () => {
    expect(one('r11 = 1')).toBe('1:1-4 invalid register r11: eBPF has r0..r10');
    expect(one('r1 = r12')).toBe('1:6-9 invalid register r12: eBPF has r0..r10');
    expect(one('ldxw r0, [%r13+0]')).toBe('1:11-15 invalid register %r13: eBPF has r0..r10');
  });

  it('rejects writes to the frame pointer but not reads', () => {
    expect(one('r10 = 1')).toBe('1:1-4 frame pointer is read only');
    expect(one('w10 += 1')).toBe('1:1-4 frame pointer is read only');
    expect(one('r10 = *(u64 *)(r1 + 0)')).toBe('1:1-4 frame pointer is read only');
    expect(one('lock fetch add [r1+0], r10')).toBe('1:24-27 frame pointer is read only');
    expect(one('mov %r10, 0')).toBe('1:5-9 frame pointer is read only');
    expect(errors('r1 = r10\n*(u64 *)(r10 - 8) = r1\nr10 = 0\nexit').map(fmt)).toEqual(['3:1-4 frame pointer is read only']);
  });

  it('rejects mixing 32- and 64-bit registers in one operation', () => {
    expect(one('w1 += r2')).toBe('1:7-9 r2 is a 64-bit register in a 32-bit operation');
    expect(hintOf('w1 += r2')).toBe('use w2: 32-bit operations take w registers');
    expect(one('r1 = w2')).toBe('1:6-8 w2 is a 32-bit register in a 64-bit operation');
    expect(one('if w1 > r2 goto +0\nexit')).toBe('1:9-11 r2 is a 64-bit register in a 32-bit operation');
    expect(one('w1 = *(u64 *)(r2 + 0)')).toBe('1:1-3 w1 is a 32-bit register but the access is u64');
    expect(one('*(u64 *)(r1 + 0) = w2')).toBe('1:20-22 w2 is a 32-bit register but the access is u64');
    expect(one('w1 = be16 w1')).toBe('1:1-3 byte swaps are written with r registers: `r1 = be16 r1`');
  });
});

describe('numbers', () => {
  it('rejects an immediate outside 32 bits, suggesting ll for a 64-bit move', () => {
    expect(one('r1 = 0x100000000')).toBe('1:6-17 immediate 0x100000000 does not fit in 32 bits (-2147483648..4294967295)');
    expect(hintOf('r1 = 0x100000000')).toBe('did you mean `r1 = 0x100000000 ll`? a 64-bit immediate needs `ll`');
    expect(hintOf('r0 = 0x1122334455667788')).toBe('did you mean `r0 = 0x1122334455667788 ll`? a 64-bit immediate needs `ll`');
    expect(hintOf('mov r1, 0x100000000')).toBe('use `lddw r1, 0x100000000` for a 64-bit immediate');
    expect(one('r1 += -2147483649')).toBe('1:7-18 immediate -2147483649 does not fit in 32 bits (-2147483648..4294967295)');
    expect(one('if r1 == 0x100000000 goto +0\nexit')).toBe('1:10-21 immediate 0x100000000 does not fit in 32 bits (-2147483648..4294967295)');
  });

  it('rejects a 64-bit immediate outside 64 bits', () => {
    expect(one('r1 = 18446744073709551616 ll')).toBe('1:6-26 immediate 18446744073709551616 does not fit in 64 bits');
    expect(one('lddw r1, -9223372036854775809')).toBe('1:10-30 immediate -9223372036854775809 does not fit in 64 bits');
  });

  it('rejects an offset outside s16', () => {
    expect(one('r0 = *(u64 *)(r1 + 40000)')).toBe('1:18-25 offset 40000 is outside the signed 16-bit range -32768..32767');
    expect(one('stw [r10-32769], 1')).toBe('1:9-15 offset -32769 is outside the signed 16-bit range -32768..32767');
  });

  it('rejects malformed and ambiguous numbers', () => {
    expect(one('r0 = 0x')).toBe('1:6-8 bad number 0x');
    expect(one('r0 = 5abc')).toBe('1:6-10 bad number 5abc');
    expect(one('r0 = 010')).toBe('1:6-9 ambiguous number 010: a leading 0 means octal to LLVM but decimal to other assemblers; drop the 0 or write it in hex');
  });
});

describe('jumps', () => {
  it('rejects a target outside the program', () => {
    expect(one('goto +5\nexit')).toBe('1:6-8 jump target pc 6 is outside the program (pc 0..1)');
    expect(one('goto -2\nexit')).toBe('1:6-8 jump target pc -1 is outside the program (pc 0..1)');
    expect(one('if r1 > 0 goto pc+1')).toBe('1:16-20 jump target pc 2 is outside the program (pc 0..0)');
    expect(one('r0 = 0\ngoto end\nexit\nend:')).toBe("2:6-9 jump target label 'end' (pc 3) is outside the program (pc 0..2)");
    expect(one('call pc+9999999999\nexit')).toBe('1:6-19 jump target pc 10000000000 is outside the program (pc 0..1)');
  });

  it('rejects a 16-bit jump offset that overflows, suggesting gotol for goto', () => {
    const far = `goto L\n${'r0 += 1\n'.repeat(40000)}L: exit`;
    expect(one(far)).toBe('1:6-7 jump offset 40000 does not fit in 16 bits (-32768..32767)');
    expect(hintOf(far)).toBe('use `gotol`, which has a 32-bit offset');
    expect(hintOf(far.replace('goto L', 'ja L'))).toBe('use `ja32`, which has a 32-bit offset');
    expect(program(far.replace('goto L', 'gotol L')).insns[0]).toEqual({ code: 0x06, dst: 0, src: 0, off: 0, imm: 40000 });
  });
});

describe('operands', () => {
  it('counts mnemonic operands', () => {
    expect(one('add r1')).toBe('1:5-7 add takes 2 operands (add dst, src|imm), found 1');
    expect(one('lddw r1, 1, 2')).toBe('1:6-14 lddw takes 2 operands (lddw dst, imm64|map), found 3');
    expect(one('ja')).toBe('1:3-4 ja takes 1 operand (ja target), found 0');
    expect(one('exit r0')).toBe("1:6-8 unexpected 'r0' after the instruction");
  });

  it('names the operand kind it expected', () => {
    expect(one('mov r1, [r2]')).toBe("1:9-10 expected a register or a number, found '['");
    expect(one('ldxb %r0, %r1')).toBe("1:11-14 expected a memory operand like [r1+4], found '%r1'");
    expect(one('if r1 >> r2 goto +1')).toBe("1:8-9 expected a register or a number, found '>'");
    expect(one('if r1 = r2 goto +1')).toBe("1:7-8 expected a comparison (==, !=, >, >=, <, <=, s>, s>=, s<, s<=, &), found '='");
    expect(one('if r1 > r2 goto')).toBe('1:16-17 expected a jump target (a label, +N or pc+N) at end of line');
    expect(one('r1 = *(u128 *)(r2 + 0)')).toBe("1:8-12 expected a size (u8, u16, u32, u64, s8, s16, s32), found 'u128'");
    expect(one('r0 = @')).toBe("1:6-7 unexpected character '@'");
  });

  it('explains instruction forms that do not exist', () => {
    expect(one('r1 = -r2')).toBe('1:7-9 neg negates in place: write `r1 = -r1`');
    expect(one('r1 = be16 r2')).toBe('1:11-13 be16 swaps in place: write `r1 = be16 r1`');
    expect(one('r1 = atomic_fetch_add((u64 *)(r2 + 0), r3)')).toBe('1:1-3 the old value is returned in the source register: write `r3 = ...(..., r3)`');
    expect(one('r1 = cmpxchg_64(r2 + 0, r0, r3)')).toBe('1:1-3 cmpxchg compares with and returns r0: write `r0 = cmpxchg...(..., r0, r3)`');
    expect(one('lock *(u8 *)(r1 + 0) += r2')).toBe('1:6-21 atomic operations work on u32 and u64 only, not u8');
    expect(one('r1 = *(s64 *)(r2 + 0)')).toBe('1:6-22 no sign-extending 64-bit load: a u64 load needs no extension, write *(u64 *)');
    expect(one('w1 = (s32)w2')).toBe('1:1-3 no (s32) sign extension into a 32-bit register: the sources are s8 and s16');
    expect(one('r1 = *(u8 *)skb[1]')).toBe('1:1-3 legacy packet loads always write r0');
    expect(one('r0 = *(u64 *)skb[1]')).toBe('1:1-3 no 64-bit legacy packet load (the sizes are u8, u16 and u32)');
    expect(one('w1 = 5 ll')).toBe('1:1-3 a 64-bit load needs a 64-bit register: use r1');
    expect(hintOf('r1 = foo')).toBe('to load a map or function address write `r1 = foo ll`');
  });
});

describe('maps', () => {
  it('rejects a load of an undeclared map, suggesting a declaration or a near name', () => {
    expect(one('r1 = m ll\nexit')).toBe("1:6-7 map 'm' is not declared");
    expect(hintOf('r1 = m ll\nexit')).toBe('declare it first: `.map m hash key=4 value=8 max_entries=16`');
    expect(hintOf('.map mm hash key=4 value=4 max_entries=1\nr1 = m ll\nexit')).toBe('did you mean `mm`?');
    expect(one('r1 = map[id:3]\nexit')).toBe('1:6-15 map id 3 has no declared map');
  });
});

describe('directives', () => {
  it.each([
    ['.prog foo', "1:7-10 unknown program type 'foo'"],
    ['.prog', '1:1-6 .prog needs a program type'],
    ['.prog xdp extra', "1:11-16 unexpected 'extra' after the program type"],
    ['.map x hsh key=4 value=4 max_entries=1', "1:8-11 unknown map type 'hsh'"],
    ['.map m hash key=4', '1:1-18 .map m is missing value=, max_entries='],
    ['.map m hash key=4 value=8 max_entries=1 max_entries=2', '1:41-52 max_entries is given twice'],
    ['.map m hash key=4 value=8 max_entries=1 size=3', "1:41-45 unknown map attribute 'size'"],
    ['.map m hash key=4 value=x max_entries=1', '1:25-26 value= needs a number'],
    ['.map m hash key=4 value=0x100000000 max_entries=1', '1:25-36 value=0x100000000 does not fit in 32 bits'],
    ['.map 1m hash key=4 value=4 max_entries=1', '1:6-8 .map needs a name'],
    ['.foo', "1:1-5 unknown directive '.foo'"],
  ])('%s', (src, expected) => {
    expect(fmt(errors(`${src}\nexit`)[0]!)).toBe(expected);
  });

  it('suggests the nearest program and map type', () => {
    expect(errors('.prog xpd\nexit')[0]!.hint).toBe('did you mean `xdp`?');
    expect(errors('.map x hsh key=4 value=4 max_entries=1\nexit')[0]!.hint).toBe('did you mean `hash`?');
  });

  it('rejects a second .prog and a second map of the same name', () => {
    expect(errors('.prog xdp\n.prog tc\nexit').map(fmt)).toEqual(['2:1-9 duplicate .prog (the first is on line 1)']);
    expect(errors('.map m hash key=4 value=4 max_entries=1\n.map m array key=4 value=4 max_entries=1\nexit').map(fmt))
      .toEqual(["2:6-7 map 'm' is declared twice (the first is on line 1)"]);
  });
});

describe('collecting errors', () => {
  it('reports every error of every line, in source order', () => {
    const es = errors(['r11 = 1', 'movv r0, 1', 'r0 = 0', 'goto nowhere', 'r1 = 0x100000000', '.prog nope', 'exit'].join('\n'));
    expect(es.map((e) => `${e.line}:${e.col}`)).toEqual(['1:1', '2:1', '4:6', '5:6', '6:7']);
  });

  it('reports every bad operand of one instruction', () => {
    expect(errors('r11 = r12').map(fmt)).toEqual(['1:1-4 invalid register r11: eBPF has r0..r10', '1:7-10 invalid register r12: eBPF has r0..r10']);
  });

  it('calls an empty source an error at line 1', () => {
    expect(errors('').map(fmt)).toEqual(['1:1-1 the program has no instructions']);
    expect(errors('  ; only a comment\n').map(fmt)).toEqual(['1:1-1 the program has no instructions']);
  });
});
