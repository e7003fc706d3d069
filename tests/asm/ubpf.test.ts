// The uBPF / bpf_conformance mnemonic dialect. Each mnemonic line must encode exactly like its
// pseudo-C spelling (whose bytes pseudo.test.ts pins against llvm-mc and RFC 9669).
import { describe, expect, it } from 'vitest';
import { exits, hex, program, theError } from './util.js';

describe('mnemonics encode like their pseudo-C spelling', () => {
  it.each([
    ['mov r0, 1', 'r0 = 1'],
    ['mov32 %r0, 1', 'w0 = 1'],
    ['mov %r1, %r2', 'r1 = r2'],
    ['mov32 r1, r2', 'w1 = w2'],
    ['mov64 r1, -1', 'r1 = -1'],
    ['add32 r1, 2', 'w1 += 2'],
    ['add %r0, %r1', 'r0 += r1'],
    ['add64 r0, 7', 'r0 += 7'],
    ['sub r1, r2', 'r1 -= r2'],
    ['mul32 r1, 3', 'w1 *= 3'],
    ['div r1, r2', 'r1 /= r2'],
    ['sdiv r1, r2', 'r1 s/= r2'],
    ['sdiv32 r1, -3', 'w1 s/= -3'],
    ['mod r1, 7', 'r1 %= 7'],
    ['smod r1, r2', 'r1 s%= r2'],
    ['smod32 r1, 3', 'w1 s%= 3'],
    ['or r0, r1', 'r0 |= r1'],
    ['and32 r0, 0xff', 'w0 &= 255'],
    ['lsh r1, 32', 'r1 <<= 32'],
    ['rsh32 r1, r2', 'w1 >>= w2'],
    ['arsh r1, 3', 'r1 s>>= 3'],
    ['xor32 r1, r2', 'w1 ^= w2'],
    ['neg r1', 'r1 = -r1'],
    ['neg32 r1', 'w1 = -w1'],
    ['movsx864 r1, r2', 'r1 = (s8)r2'],
    ['movsx1664 r1, r2', 'r1 = (s16)r2'],
    ['movsx3264 r0, r9', 'r0 = (s32)r9'],
    ['movsx832 r2, r1', 'w2 = (s8)w1'],
    ['movsx1632 r4, r3', 'w4 = (s16)w3'],
    ['be16 r1', 'r1 = be16 r1'],
    ['be64 %r0', 'r0 = be64 r0'],
    ['le32 r1', 'r1 = le32 r1'],
    ['bswap16 r1', 'r1 = bswap16 r1'],
    ['swap32 r1', 'r1 = bswap32 r1'],
    ['lddw r0, 0x1122334455667788', 'r0 = 0x1122334455667788 ll'],
    ['lddw %r1, 0xFFFFFFFF80000000', 'r1 = 0xffffffff80000000 ll'],
    ['lddw r3, 1', 'r3 = 1 ll'],
    ['ldxw r0, [r1+4]', 'r0 = *(u32 *)(r1 + 4)'],
    ['ldxdw %r0, [%r10-8]', 'r0 = *(u64 *)(r10 - 8)'],
    ['ldxh %r0, [%r1]', 'r0 = *(u16 *)(r1 + 0)'],
    ['ldxb r0, [r1+0x10]', 'r0 = *(u8 *)(r1 + 16)'],
    ['ldxsw r1, [r2-4]', 'r1 = *(s32 *)(r2 - 4)'],
    ['ldxsh r1, [r2+2]', 'r1 = *(s16 *)(r2 + 2)'],
    ['ldxsb r1, [r2]', 'r1 = *(s8 *)(r2 + 0)'],
    ['stxdw [r10-8], r1', '*(u64 *)(r10 - 8) = r1'],
    ['stxb [%r10-1], %r2', '*(u8 *)(r10 - 1) = r2'],
    ['stw [r10-4], 5', '*(u32 *)(r10 - 4) = 5'],
    ['sth [%r10-2], 0x8001', '*(u16 *)(r10 - 2) = 0x8001'],
    ['stdw [r10-8], -1', '*(u64 *)(r10 - 8) = -1'],
    ['lock add [r10-8], r1', 'lock *(u64 *)(r10 - 8) += r1'],
    ['lock or32 [%r10-4], %r1', 'lock *(u32 *)(r10 - 4) |= w1'],
    ['lock and [r10-8], r1', 'lock *(u64 *)(r10 - 8) &= r1'],
    ['lock xor32 [r10-4], r1', 'lock *(u32 *)(r10 - 4) ^= w1'],
    ['lock fetch add [r10-8], r1', 'r1 = atomic_fetch_add((u64 *)(r10 - 8), r1)'],
    ['lock fetch add32 [r10-4], r1', 'w1 = atomic_fetch_add((u32 *)(r10 - 4), w1)'],
    ['lock fetch xor [%r10-8], %r3', 'r3 = atomic_fetch_xor((u64 *)(r10 - 8), r3)'],
    ['lock xchg [r10-8], r1', 'r1 = xchg_64(r10 - 8, r1)'],
    ['lock xchg32 [r10-8], r1', 'w1 = xchg32_32(r10 - 8, w1)'],
    ['lock cmpxchg [r10-8], r1', 'r0 = cmpxchg_64(r10 - 8, r0, r1)'],
    ['lock cmpxchg32 [r10-8], r1', 'w0 = cmpxchg32_32(r10 - 8, w0, w1)'],
    ['load_acqw r0, [r1+0]', 'w0 = load_acquire((u32 *)(r1 + 0))'],
    ['store_reldw [r1+0], r2', 'store_release((u64 *)(r1 + 0), r2)'],
    ['ldabsw 14', 'r0 = *(u32 *)skb[14]'],
    ['ldabsb 0', 'r0 = *(u8 *)skb[0]'],
    ['ldindh r1, 14', 'r0 = *(u16 *)skb[r1 + 14]'],
    ['call 1', 'call bpf_map_lookup_elem'],
    ['call helper 7', 'call 7'],
    ['call helper bpf_get_prandom_u32', 'call 7'],
    ['call runtime 123', 'call kernel-function#123'],
    ['exit', 'exit'],
    ['EXIT', 'exit'],
  ])('%s', (mnemonic, pseudo) => {
    expect(hex(mnemonic)).toBe(hex(pseudo));
  });

  it.each([
    ['ja +2', 'goto +2'],
    ['ja32 +2', 'gotol +2'],
    ['jeq r1, 0, +2', 'if r1 == 0 goto +2'],
    ['jne %r1, 0xffffffff, +1', 'if r1 != -1 goto +1'],
    ['jsgt r1, r2, +1', 'if r1 s> r2 goto +1'],
    ['jset32 r1, 8, +0', 'if w1 & 8 goto +0'],
    ['jlt32 %r1, %r2, +2', 'if w1 < w2 goto +2'],
    ['jsle r1, -5, +1', 'if r1 s<= -5 goto +1'],
    ['jeq64 r1, 1, +1', 'if r1 == 1 goto +1'],
    ['may_goto +1', 'may_goto +1'],
    ['call local +1', 'call pc+1'],
  ])('%s', (mnemonic, pseudo) => {
    expect(hex(`${mnemonic}\n${exits(3)}`)).toBe(hex(`${pseudo}\n${exits(3)}`));
  });
});

describe('labels and targets', () => {
  it('resolves label targets and local calls', () => {
    const p = program('mov r0, 0\njne r1, 2, done\nja32 done\ncall local f\ndone:\nexit\nf:\nmov r0, 1\nexit');
    expect(p.insns[1]!.off).toBe(2);
    expect(p.insns[2]!.imm).toBe(1);
    expect(p.insns[3]).toEqual({ code: 0x85, dst: 0, src: 1, off: 0, imm: 1 });
    expect(p.labels).toEqual({ done: 4, f: 5 });
  });

  it('lets `exit` name the first exit instruction when no label `exit` exists', () => {
    const p = program('jne r1, r2, exit\nmov r0, 1\nexit\nmov r0, 2\nexit');
    expect(p.insns[0]!.off).toBe(1);
  });

  it('prefers a real label named exit over the implicit one', () => {
    const p = program('ja exit\nexit\nexit:\nmov r0, 2\nexit');
    expect(p.insns[0]!.off).toBe(1);
  });

  it('treats # as a comment after whitespace', () => {
    expect(hex('jsle r1, r2, +1 # Taken\nexit\nexit').split(' | ')[0]).toBe('dd 21 01 00 00 00 00 00');
  });
});

describe('uBPF immediates follow bpf_conformance', () => {
  it('takes 32-bit hex patterns but not decimals beyond s32', () => {
    expect(hex('mov32 r0, 0xffffffff')).toBe('b4 00 00 00 ff ff ff ff');
    expect(theError('mov32 %r0, 2147483648').message).toBe('immediate 2147483648 does not fit in 32 bits (-2147483648..2147483647)');
    expect(theError('mov32 %r0, 0x100000000').message).toBe('immediate 0x100000000 does not fit in 32 bits (-2147483648..4294967295)');
  });

  it('refuses callx, which the kernel does not have', () => {
    const e = theError('mov r2, 5\ncall %r2\nexit');
    expect(e).toMatchObject({ line: 2, col: 1, endCol: 9, message: 'callx is not supported by the Linux kernel' });
  });
});
