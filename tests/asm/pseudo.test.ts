// The pseudo-C dialect, one instruction class at a time. Expected bytes come from llvm-mc-14
// (`-triple bpfel -mattr=+alu32`) where LLVM 14 has the instruction, and from RFC 9669's encoding
// for the v4 forms and the ones LLVM 14 lacks (jset, store-immediate, atomics with commas).
import { describe, expect, it } from 'vitest';
import { ALU_OPS, JMP_OPS } from '../../src/core/isa/table.js';
import { exits, hex, program, rowInsn } from './util.js';

describe('ALU', () => {
  it.each([
    ['w1 += w2', '0c 21 00 00 00 00 00 00'],
    ['r1 += -8', '07 01 00 00 f8 ff ff ff'],
    ['r1 -= r2', '1f 21 00 00 00 00 00 00'],
    ['w3 *= 3', '24 03 00 00 03 00 00 00'],
    ['r1 /= r2', '3f 21 00 00 00 00 00 00'],
    ['r1 s/= r2', '3f 21 01 00 00 00 00 00'],
    ['w1 s/= 7', '34 01 01 00 07 00 00 00'],
    ['r1 %= 7', '97 01 00 00 07 00 00 00'],
    ['r1 s%= r2', '9f 21 01 00 00 00 00 00'],
    ['w5 &= 255', '54 05 00 00 ff 00 00 00'],
    ['r1 |= r9', '4f 91 00 00 00 00 00 00'],
    ['r1 ^= 1', 'a7 01 00 00 01 00 00 00'],
    ['r1 <<= 32', '67 01 00 00 20 00 00 00'],
    ['w1 >>= w2', '7c 21 00 00 00 00 00 00'],
    ['r1 s>>= 3', 'c7 01 00 00 03 00 00 00'],
    ['w1 s>>= 3', 'c4 01 00 00 03 00 00 00'],
    ['r1 = -r1', '87 01 00 00 00 00 00 00'],
    ['w1 = -w1', '84 01 00 00 00 00 00 00'],
  ])('%s', (src, bytes) => {
    expect(hex(src)).toBe(bytes);
  });

  it('encodes every ALU operator of the table in both widths and both operand kinds', () => {
    for (const a of ALU_OPS) {
      for (const w32 of [false, true]) {
        const r = w32 ? 'w' : 'r';
        const sfx = w32 ? '32' : '';
        expect(program(`${r}3 ${a.sym} ${r}4`).insns).toEqual([rowInsn(`${a.name}${sfx}_reg`, { dst: 3, src: 4 })]);
        expect(program(`${r}3 ${a.sym} 5`).insns).toEqual([rowInsn(`${a.name}${sfx}_imm`, { dst: 3, imm: 5 })]);
      }
    }
  });

  it('reads the ALU operator without spaces around it, as llvm-mc does', () => {
    expect(hex('r1+=r2')).toBe(hex('r1 += r2'));
    expect(hex('r1=r2')).toBe('bf 21 00 00 00 00 00 00');
  });
});

describe('moves', () => {
  it.each([
    ['r1 = r2', 'bf 21 00 00 00 00 00 00'],
    ['w1 = w2', 'bc 21 00 00 00 00 00 00'],
    ['w1 = 5', 'b4 01 00 00 05 00 00 00'],
    ['r1 = -1', 'b7 01 00 00 ff ff ff ff'],
    ['r1 = -2147483648', 'b7 01 00 00 00 00 00 80'],
    // llvm-mc takes 32-bit patterns for the imm field: these are -1 and -2^31.
    ['w0 = 0xffffffff', 'b4 00 00 00 ff ff ff ff'],
    ['r1 = 0x80000000', 'b7 01 00 00 00 00 00 80'],
    ['r1 = 0b101', 'b7 01 00 00 05 00 00 00'],
    ['r1 = +5', 'b7 01 00 00 05 00 00 00'],
    ['r1 = r10', 'bf a1 00 00 00 00 00 00'],
  ])('%s', (src, bytes) => {
    expect(hex(src)).toBe(bytes);
  });

  it.each([
    ['r1 = (s8)r2', 'bf 21 08 00 00 00 00 00'],
    ['r1 = (s16)r2', 'bf 21 10 00 00 00 00 00'],
    ['r1 = (s32)r2', 'bf 21 20 00 00 00 00 00'],
    ['w1 = (s8)w2', 'bc 21 08 00 00 00 00 00'],
    ['w1 = (s16)w2', 'bc 21 10 00 00 00 00 00'],
  ])('sign-extending move %s (v4)', (src, bytes) => {
    expect(hex(src)).toBe(bytes);
  });
});

describe('byte order', () => {
  it.each([
    ['r1 = be16 r1', 'dc 01 00 00 10 00 00 00'],
    ['r1 = be32 r1', 'dc 01 00 00 20 00 00 00'],
    ['r1 = be64 r1', 'dc 01 00 00 40 00 00 00'],
    ['r1 = le16 r1', 'd4 01 00 00 10 00 00 00'],
    ['r1 = le32 r1', 'd4 01 00 00 20 00 00 00'],
    ['r1 = bswap16 r1', 'd7 01 00 00 10 00 00 00'],
    ['r4 = bswap64 r4', 'd7 04 00 00 40 00 00 00'],
  ])('%s', (src, bytes) => {
    expect(hex(src)).toBe(bytes);
  });
});

describe('64-bit immediates', () => {
  it.each([
    ['r1 = 0x1122334455667788 ll', '18 01 00 00 88 77 66 55 | 00 00 00 00 44 33 22 11'],
    // llvm-objdump prints the value in signed decimal.
    ['r1 = 1234605616436508552 ll', '18 01 00 00 88 77 66 55 | 00 00 00 00 44 33 22 11'],
    ['r1 = -1 ll', '18 01 00 00 ff ff ff ff | 00 00 00 00 ff ff ff ff'],
    ['r1 = 18446744073709551615 ll', '18 01 00 00 ff ff ff ff | 00 00 00 00 ff ff ff ff'],
    ['r1 = -9223372036854775808 ll', '18 01 00 00 00 00 00 00 | 00 00 00 00 00 00 00 80'],
    ['r1 = 5 ll', '18 01 00 00 05 00 00 00 | 00 00 00 00 00 00 00 00'],
  ])('%s', (src, bytes) => {
    expect(hex(src)).toBe(bytes);
  });

  it('maps each source line to both slots of an ld_imm64', () => {
    const p = program('r0 = 0\nr1 = 0x100000000 ll\nexit');
    expect(p.sourceMap.map((s) => s.line)).toEqual([1, 2, 2, 3]);
    expect(p.sourceMap[1]).toEqual({ line: 2, col: 1, endCol: 20 });
  });
});

describe('loads and stores', () => {
  it.each([
    ['r0 = *(u32 *)(r1 + 4)', '61 10 04 00 00 00 00 00'],
    ['w2 = *(u8 *)(r1 + 0)', '71 12 00 00 00 00 00 00'],
    ['r2 = *(u16 *)(r1 + 0x10)', '69 12 10 00 00 00 00 00'],
    ['r2 = *(u64 *)(r1 - 8)', '79 12 f8 ff 00 00 00 00'],
    ['r0 = *(u64 *)(r1 + 32767)', '79 10 ff 7f 00 00 00 00'],
    ['r0 = *(u64 *)(r1 - 32768)', '79 10 00 80 00 00 00 00'],
    ['r1 = *(s8 *)(r2 + 0)', '91 21 00 00 00 00 00 00'],
    ['r1 = *(s16 *)(r2 + 2)', '89 21 02 00 00 00 00 00'],
    ['r1 = *(s32 *)(r2 - 4)', '81 21 fc ff 00 00 00 00'],
    ['*(u64 *)(r10 - 8) = r1', '7b 1a f8 ff 00 00 00 00'],
    ['*(u32 *)(r10 - 8) = w4', '63 4a f8 ff 00 00 00 00'],
    ['*(u16 *)(r1 + 0) = w2', '6b 21 00 00 00 00 00 00'],
    ['*(u8 *)(r1 + 0) = r2', '73 21 00 00 00 00 00 00'],
    ['*(u32 *)(r10 - 4) = 0', '62 0a fc ff 00 00 00 00'],
    ['*(u64 *)(r10 - 8) = -1', '7a 0a f8 ff ff ff ff ff'],
    ['*(u8 *)(r1 + 3) = 0x7f', '72 01 03 00 7f 00 00 00'],
    ['r0 = *(u32 *)(r1)', '61 10 00 00 00 00 00 00'],
    ['r0 = *(u32 *)(r1 + -4)', '61 10 fc ff 00 00 00 00'],
  ])('%s', (src, bytes) => {
    expect(hex(src)).toBe(bytes);
  });

  it.each([
    ['r0 = *(u8 *)skb[14]', '30 00 00 00 0e 00 00 00'],
    ['r0 = *(u16 *)skb[12]', '28 00 00 00 0c 00 00 00'],
    ['r0 = *(u32 *)skb[0]', '20 00 00 00 00 00 00 00'],
    ['r0 = *(u16 *)skb[r1 + 14]', '48 10 00 00 0e 00 00 00'],
    ['r0 = *(u32 *)skb[r1]', '40 10 00 00 00 00 00 00'],
    ['r0 = *(u8 *)skb[r7 + 0x10]', '50 70 00 00 10 00 00 00'],
  ])('legacy packet load %s', (src, bytes) => {
    expect(hex(src)).toBe(bytes);
  });
});

describe('atomics', () => {
  it.each([
    ['lock *(u64 *)(r1 + 0) += r2', 'db 21 00 00 00 00 00 00'],
    ['lock *(u32 *)(r1 + 0) += w2', 'c3 21 00 00 00 00 00 00'],
    ['lock *(u32 *)(r1 + 0) += r2', 'c3 21 00 00 00 00 00 00'],
    ['lock *(u64 *)(r1 + 0) |= r2', 'db 21 00 00 40 00 00 00'],
    ['lock *(u64 *)(r1 + 0) &= r2', 'db 21 00 00 50 00 00 00'],
    ['lock *(u32 *)(r3 + 12) ^= w4', 'c3 43 0c 00 a0 00 00 00'],
    ['r0 = atomic_fetch_add((u64 *)(r1 + 0), r0)', 'db 01 00 00 01 00 00 00'],
    ['w5 = atomic_fetch_add((u32 *)(r3 + 0), w5)', 'c3 53 00 00 01 00 00 00'],
    ['r9 = atomic_fetch_xor((u64 *)(r1 + 0), r9)', 'db 91 00 00 a1 00 00 00'],
    ['w3 = atomic_fetch_and((u32 *)(r5 + 12), w3)', 'c3 35 0c 00 51 00 00 00'],
    ['r6 = xchg_64(r1 + 0, r6)', 'db 61 00 00 e1 00 00 00'],
    ['w8 = xchg32_32(r3 + 0, w8)', 'c3 83 00 00 e1 00 00 00'],
    ['r0 = cmpxchg_64(r1 + 0, r0, r9)', 'db 91 00 00 f1 00 00 00'],
    ['w0 = cmpxchg32_32(r3 + 0, w0, w4)', 'c3 43 00 00 f1 00 00 00'],
  ])('%s', (src, bytes) => {
    expect(hex(src)).toBe(bytes);
  });

  it.each([
    ['w0 = load_acquire((u8 *)(r1 + 0))', 'd3 10 00 00 00 01 00 00'],
    ['r0 = load_acquire((u64 *)(r1 - 8))', 'db 10 f8 ff 00 01 00 00'],
    ['store_release((u32 *)(r1 + 4), w2)', 'c3 21 04 00 10 01 00 00'],
    ['store_release((u64 *)(r1 + 0), r2)', 'db 21 00 00 10 01 00 00'],
  ])('load-acquire / store-release %s', (src, bytes) => {
    expect(hex(src)).toBe(bytes);
  });
});

describe('jumps and calls', () => {
  it.each([
    ['goto +1', '05 00 01 00 00 00 00 00'],
    ['goto 1', '05 00 01 00 00 00 00 00'],
    ['if w1 s> 5 goto +2', '66 01 02 00 05 00 00 00'],
    ['if r1 & 0x4 goto +1', '45 01 01 00 04 00 00 00'],
    ['if w1 & w2 goto +0', '4e 21 00 00 00 00 00 00'],
    ['if r1 > r2 goto +2', '2d 21 02 00 00 00 00 00'],
    ['if r1 == -1 goto +1', '15 01 01 00 ff ff ff ff'],
    ['if w4 > 100 goto +3', '26 04 03 00 64 00 00 00'],
    ['if r1 s< r2 goto +5', 'cd 21 05 00 00 00 00 00'],
    ['gotol +5', '06 00 00 00 05 00 00 00'],
    ['may_goto +2', 'e5 00 02 00 00 00 00 00'],
  ])('%s', (src, bytes) => {
    expect(hex(`${src}\n${exits(6)}`).split(' | ')[0]).toBe(bytes);
  });

  it('encodes every comparison of the table, 64- and 32-bit, register and immediate', () => {
    for (const j of JMP_OPS) {
      for (const w32 of [false, true]) {
        const r = w32 ? 'w' : 'r';
        const sfx = w32 ? '32' : '';
        expect(program(`if ${r}1 ${j.sym} ${r}2 goto +1\nexit\nexit`).insns[0]).toEqual(rowInsn(`${j.name}${sfx}_reg`, { dst: 1, src: 2, off: 1 }));
        expect(program(`if ${r}1 ${j.sym} 7 goto +0\nexit`).insns[0]).toEqual(rowInsn(`${j.name}${sfx}_imm`, { dst: 1, imm: 7 }));
      }
    }
  });

  it('resolves label targets backwards and forwards', () => {
    const p = program('L1: r1 = be16 r1\nr1 = le32 r1\ngoto L1\nif r1 > r2 goto L2\nr0 = 0\nL2:\nexit');
    expect(p.insns.map((i) => i.off)).toEqual([0, 0, -3, 1, 0, 0]);
    expect(p.labels).toEqual({ L1: 0, L2: 5 });
  });

  it('drops llvm-objdump annotations after a jump target', () => {
    expect(hex('if r5 != 0 goto +1 <LBB0_6>\nexit\nexit').split(' | ')[0]).toBe('55 05 01 00 00 00 00 00');
  });

  it.each([
    ['call 1', '85 00 00 00 01 00 00 00'],
    ['call bpf_map_lookup_elem', '85 00 00 00 01 00 00 00'],
    ['call map_lookup_elem', '85 00 00 00 01 00 00 00'],
    ['call bpf_get_prandom_u32', '85 00 00 00 07 00 00 00'],
    ['call 0x10', '85 00 00 00 10 00 00 00'],
    ['call kernel-function#123', '85 20 00 00 7b 00 00 00'],
    ['exit', '95 00 00 00 00 00 00 00'],
  ])('%s', (src, bytes) => {
    expect(hex(src)).toBe(bytes);
  });

  it('makes `call LABEL` a bpf-to-bpf call relative to the next instruction', () => {
    expect(hex('call f\nexit\nf: r0 = 1\nexit').split(' | ')[0]).toBe('85 10 00 00 01 00 00 00');
    expect(hex('r0 = 0\nexit\nf: r0 = 1\ncall f\nexit').split(' | ')[3]).toBe('85 10 00 00 fe ff ff ff');
  });

  it('loads a function address with `rN = LABEL ll` (BPF_PSEUDO_FUNC)', () => {
    expect(hex('r2 = cb ll\nexit\ncb: r0 = 0\nexit').split(' | ').slice(0, 2).join(' | '))
      .toBe('18 42 00 00 02 00 00 00 | 00 00 00 00 00 00 00 00');
  });
});

describe('maps and directives', () => {
  const maps = '.map first hash key=4 value=8 max_entries=16\n.map second array key=4 value=64 max_entries=1 flags=0x400\n';

  it('loads a declared map by name as ld_imm64 with BPF_PSEUDO_MAP_FD and the map index', () => {
    const p = program(`${maps}r1 = second ll\nr2 = first ll\nexit`);
    expect(hex(`${maps}r1 = second ll\nexit`)).toBe('18 11 00 00 01 00 00 00 | 00 00 00 00 00 00 00 00 | 95 00 00 00 00 00 00 00');
    expect(p.insns[2]).toEqual({ code: 0x18, dst: 2, src: 1, off: 0, imm: 0 });
    expect(p.maps).toEqual([
      { name: 'first', type: 'hash', keySize: 4, valueSize: 8, maxEntries: 16, flags: 0, span: { line: 1, col: 1, endCol: 45 } },
      { name: 'second', type: 'array', keySize: 4, valueSize: 64, maxEntries: 1, flags: 0x400, span: { line: 2, col: 1, endCol: 59 } },
    ]);
  });

  it('reads the map directive after its use', () => {
    expect(program('r1 = m ll\nexit\n.map m array key=4 value=4 max_entries=1').insns[0]!.src).toBe(1);
  });

  it('takes bpftool map[id:N] loads, binding ids to the declared maps in order of first use', () => {
    const p = program(`${maps}r1 = map[id:77]\nr2 = map[id:12]\nr3 = map[id:77]\nr4 = map[id:second][0]+16\nexit`);
    expect(p.insns.filter((_, n) => n % 2 === 0 && n < 8).map((i) => [i.dst, i.src, i.imm])).toEqual([[1, 1, 0], [2, 1, 1], [3, 1, 0], [4, 2, 1]]);
    expect(p.insns[7]!.imm).toBe(16);
  });

  it('uses socket_filter unless .prog says otherwise, and knows the tc alias', () => {
    expect(program('exit').progType).toBe('socket_filter');
    expect(program('.prog xdp\nexit').progType).toBe('xdp');
    expect(program('.prog tc\nexit').progType).toBe('sched_cls');
  });

  it('ignores the layout directives clang -S emits', () => {
    const p = program('\t.text\n\t.file\t"a.c"\n\t.globl\tf\n\t.p2align\t3\n\t.type\tf,@function\nf:\n\tr0 = 0\n\texit\n.Lfunc_end0:\n\t.size\tf, .Lfunc_end0-f');
    expect(p.insns).toHaveLength(2);
    expect(p.labels).toEqual({ f: 0, '.Lfunc_end0': 2 });
  });
});

describe('comments and layout', () => {
  it('strips ;, //, # and /* */ comments, keeping the kernel\'s `call name#id`', () => {
    const p = program([
      '# a whole-line comment',
      'r0 = 1 ; trailing',
      'r0 = 2 // trailing',
      'r0 = 3 # trailing',
      '/* a block',
      '   comment */ r0 = 4',
      'call bpf_map_lookup_elem#1',
      'exit',
    ].join('\n'));
    expect(p.insns.map((i) => i.imm)).toEqual([1, 2, 3, 4, 1, 0]);
    expect(p.sourceMap.map((s) => s.line)).toEqual([2, 3, 4, 6, 7, 8]);
  });

  it('accepts CRLF line endings and a label on the same line as an instruction', () => {
    const p = program('start: r0 = 0\r\n  goto start\r\nexit\r\n');
    expect(p.labels).toEqual({ start: 0 });
    expect(p.insns[1]!.off).toBe(-2);
  });

  it('records each instruction\'s span without its comment', () => {
    expect(program('   r0 = 1   ; note\nexit').sourceMap[0]).toEqual({ line: 1, col: 4, endCol: 10 });
  });
});
