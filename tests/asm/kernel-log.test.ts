// The kernel's text pastes straight in: verifier-log and bpftool instruction lines (`12: (bf) r1 = r6`,
// `(r10 -8)`, `goto pc+3`, `call bpf_map_lookup_elem#1`, `map[id:N]`), whole verifier logs (state
// lines, repeated paths, the 6.18 liveness listing), bpftool and llvm-objdump listings. Fixtures are
// real output of the 6.18 kernel, bpftool and llvm-objdump-14; the last test asks the running kernel.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assemble } from '../../src/core/asm/index.js';
import { encodeProgram } from '../../src/core/isa/insn.js';
import { KernelOracle, kernelAvailable, LOG_LEVEL2 } from '../../tools/kernel.js';
import { errors, fmt, hex, program, slotsHex, theError } from './util.js';

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const COUNTS = '.map counts hash key=4 value=8 max_entries=4\n';

describe('kernel instruction text', () => {
  it.each([
    ['0: (b7) r0 = 0', 'b7 00 00 00 00 00 00 00'],
    ['12: (bf) r1 = r6', 'bf 61 00 00 00 00 00 00'],
    ['   3: (07) r2 += -4', '07 02 00 00 fc ff ff ff'],
    ['7: (63) *(u32 *)(r10 -4) = r1', '63 1a fc ff 00 00 00 00'],
    ['1: (62) *(u32 *)(r10 -4) = 0          ; R10=fp0 fp-8=0000????', '62 0a fc ff 00 00 00 00'],
    ['(61) r1 = *(u32 *)(r1 +0)', '61 11 00 00 00 00 00 00'],
    ['(79) r0 = *(u64 *)(r1 +8)', '79 10 08 00 00 00 00 00'],
    ['(91) r1 = *(s8 *)(r2 +0)', '91 21 00 00 00 00 00 00'],
    ['(85) call bpf_map_lookup_elem#1', '85 00 00 00 01 00 00 00'],
    ['(85) call unknown#300', '85 00 00 00 2c 01 00 00'],
    ['(85) call bpf_iter_num_new#45179', '85 20 00 00 7b b0 00 00'],
    ['(85) call kernel-function#45179', '85 20 00 00 7b b0 00 00'],
    ['(db) lock *(u64 *)(r10 -8) += r0', 'db 0a f8 ff 00 00 00 00'],
    ['(db) r1 = atomic64_fetch_add((u64 *)(r10 -8), r1)', 'db 1a f8 ff 01 00 00 00'],
    ['(c3) r2 = atomic_fetch_or((u32 *)(r0 +0), r2)', 'c3 20 00 00 41 00 00 00'],
    ['(db) r3 = atomic64_xchg((u64 *)(r1 +16), r3)', 'db 31 10 00 e1 00 00 00'],
    ['(c3) r0 = atomic_cmpxchg((u32 *)(r1 +0), r0, r2)', 'c3 21 00 00 f1 00 00 00'],
    ['(db) r0 = load_acquire((u64 *)(r1 +0))', 'db 10 00 00 00 01 00 00'],
    ['(c3) store_release((u32 *)(r1 -4), r2)', 'c3 21 fc ff 10 01 00 00'],
    ['(30) r0 = *(u8 *)skb[14]', '30 00 00 00 0e 00 00 00'],
    ['(48) r0 = *(u16 *)skb[r1 + 14]', '48 10 00 00 0e 00 00 00'],
    ['(bf) r4 = (s16)r3', 'bf 34 10 00 00 00 00 00'],
    ['(d7) r4 = bswap16 r4', 'd7 04 00 00 10 00 00 00'],
    ['(dc) r4 = be32 r4', 'dc 04 00 00 20 00 00 00'],
    ['(87) r5 = -r5', '87 05 00 00 00 00 00 00'],
    ['(37) r4 s/= 3', '37 04 01 00 03 00 00 00'],
    ['(18) r3 = 0x1122334455667788', '18 03 00 00 88 77 66 55 | 00 00 00 00 44 33 22 11'],
    ['(18) r3 = 0xd', '18 03 00 00 0d 00 00 00 | 00 00 00 00 00 00 00 00'],
    ['(95) exit', '95 00 00 00 00 00 00 00'],
  ])('%s', (src, bytes) => {
    expect(hex(src)).toBe(bytes);
  });

  it.each([
    ['(15) if r0 == 0x0 goto pc+1', '15 00 01 00 00 00 00 00'],
    ['(55) if r1 != 0xffffffff goto pc+1', '55 01 01 00 ff ff ff ff'],
    ['(66) if w2 s> 0x5 goto pc+1', '66 02 01 00 05 00 00 00'],
    ['(2d) if r3 > r8 goto pc+1', '2d 83 01 00 00 00 00 00'],
    ['(05) goto pc+1', '05 00 01 00 00 00 00 00'],
    ['(06) gotol pc+1', '06 00 00 00 01 00 00 00'],
    ['(e5) may_goto pc+1', 'e5 00 01 00 00 00 00 00'],
    ['(85) call pc+1', '85 10 00 00 01 00 00 00'],
    ['(85) call pc+1#bpf_prog_3b185187f1855c4c_F', '85 10 00 00 01 00 00 00'],
  ])('%s', (src, bytes) => {
    expect(hex(`${src}\nexit\nexit`).split(' | ')[0]).toBe(bytes);
  });

  it('backward targets: goto pc-2', () => {
    expect(program('r0 = 0\nr0 += 1\ngoto pc-2\nexit').insns[2]!.off).toBe(-2);
  });

  it('needs ll, or the (18) opcode, for a constant beyond 32 bits', () => {
    expect(theError('r0 = 0x1122334455667788').hint).toBe('did you mean `r0 = 0x1122334455667788 ll`? a 64-bit immediate needs `ll`');
    expect(program('0: (18) r0 = 0x1122334455667788\n2: (95) exit').insns).toHaveLength(3);
  });

  it('checks the opcode in the prefix against the encoding', () => {
    expect(fmt(theError('0: (b7) r0 = 0\n1: (07) exit'))).toBe('2:5-7 opcode (07) does not match the instruction, which encodes as (95)');
  });
});

describe('bpftool and kernel ld_imm64 spellings', () => {
  const maps = `${COUNTS}.map events hash key=4 value=16 max_entries=4\n`;

  it('binds numeric map ids to the declarations in order of first use', () => {
    const p = program(`${maps}r1 = map[id:16024]\nr2 = map[id:9]\nr3 = map[id:16024]\nexit`);
    expect([p.insns[0]!.imm, p.insns[2]!.imm, p.insns[4]!.imm]).toEqual([0, 1, 0]);
    expect(p.insns.filter((_, n) => n % 2 === 0 && n < 6).every((i) => i.src === 1)).toBe(true);
  });

  it('reads map value pointers, with bpftool\'s %d offsets', () => {
    expect(hex(`${maps}r1 = map[id:events][0]+16\nexit`).split(' | ').slice(0, 2).join(' | '))
      .toBe('18 21 00 00 01 00 00 00 | 00 00 00 00 10 00 00 00');
    expect(hex(`${maps}r1 = map[id:counts][0]+-5\nexit`).split(' | ')[1]).toBe('00 00 00 00 fb ff ff ff');
  });

  it('reads maps by index and function addresses', () => {
    expect(hex(`${maps}r1 = map[idx:1]\nexit`).split(' | ')[0]).toBe('18 51 00 00 01 00 00 00');
    expect(hex(`${maps}r1 = map[idx:1]+4\nexit`).split(' | ').slice(0, 2).join(' | ')).toBe('18 61 00 00 01 00 00 00 | 00 00 00 00 04 00 00 00');
    expect(hex('r1 = subprog[+1]\nexit\nexit').split(' | ')[0]).toBe('18 41 00 00 01 00 00 00');
    expect(fmt(theError(`${maps}r1 = map[idx:2]\nexit`))).toBe('3:14-15 map index 2 has no declared map (2 declared)');
    expect(fmt(theError('r1 = subprog[+5]\nexit'))).toBe('1:14-16 jump target pc 6 is outside the program (pc 0..2)');
  });

  it('reads llvm-objdump\'s ld_pseudo', () => {
    expect(hex(`${maps}ld_pseudo r1, 2, 1\nexit`).split(' | ')[0]).toBe('18 21 00 00 01 00 00 00');
    expect(hex('ld_pseudo r1, 3, 77\nexit').split(' | ')[0]).toBe('18 31 00 00 4d 00 00 00');
    expect(fmt(theError('ld_pseudo r1, 9, 1\nexit'))).toBe('1:15-16 pseudo source 9 does not exist (0..6: imm64, map_fd, map_value, btf_id, func, map_idx, map_idx_value)');
  });
});

describe('pasted logs and listings', () => {
  it('reassembles a whole level-2 verifier log into the program that produced it', () => {
    const original = program(fixture('verifier-log.s'));
    const fromLog = program(COUNTS + fixture('verifier-log.level2.txt'));
    expect(slotsHex(fromLog.insns)).toBe(slotsHex(original.insns));
    expect(fromLog.maps.map((m) => m.name)).toEqual(['counts']);
  });

  it('turns the log\'s map address back into the map, using its state comment', () => {
    const p = program(`${COUNTS}4: (18) r1 = 0xffff88814083b000       ; R1=map_ptr(ks=4,vs=8)\n6: (95) exit`);
    expect(p.insns[0]).toEqual({ code: 0x18, dst: 1, src: 1, off: 0, imm: 0 });
    const named = program(`${COUNTS}0: (18) r1 = 0xffff88814083b000 ; R1_w=map_ptr(map=counts,ks=4,vs=8)\n2: (95) exit`);
    expect(named.insns[0]!.src).toBe(1);
    const value = program(`${COUNTS}0: (18) r1 = 0xffff888140001008 ; R1=map_value(map=counts,ks=4,vs=8,off=8)\n2: (95) exit`);
    expect(slotsHex(value.insns.slice(0, 2))).toBe('18 21 00 00 00 00 00 00 | 00 00 00 00 08 00 00 00');
    expect(fmt(theError('0: (18) r1 = 0xffff888140001000 ; R1=map_ptr(ks=4,vs=8)\n2: (95) exit')))
      .toBe('1:14-32 the log\'s map at 0xffff888140001000 has no declared map');
  });

  it('reassembles the instructions of a rejected program\'s level-1 log, skipping its messages', () => {
    expect(hex(fixture('rejected.level1.txt'))).toBe('b7 01 00 00 00 00 00 00 | 79 10 08 00 00 00 00 00');
  });

  it('collapses repeated paths and orders instructions by their log index', () => {
    const log = [
      '0: R1=ctx() R10=fp0',
      '0: (b7) r0 = 0                        ; R0_w=0',
      '1: (15) if r1 == 0x0 goto pc+1',
      '2: (b7) r0 = 1',
      '3: (95) exit',
      '',
      'from 1 to 3: R0=0 R1=ctx() R10=fp0',
      '3: (95) exit',
      'processed 5 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0',
    ].join('\n');
    expect(hex(log)).toBe('b7 00 00 00 00 00 00 00 | 15 01 01 00 00 00 00 00 | b7 00 00 00 01 00 00 00 | 95 00 00 00 00 00 00 00');
    const outOfOrder = ['0: (15) if r1 == 0x0 goto pc+1', '2: (95) exit', '1: (b7) r0 = 1'].join('\n');
    expect(hex(outOfOrder)).toBe('15 01 01 00 00 00 00 00 | b7 00 00 00 01 00 00 00 | 95 00 00 00 00 00 00 00');
  });

  it('reports instructions the log never showed, and conflicting repeats', () => {
    expect(errors('0: (b7) r0 = 0\n3: (95) exit').map(fmt)).toEqual(['2:9-13 log index 3 does not follow: the instructions before it end at index 0']);
    expect(errors('0: (b7) r0 = 0\n0: (b7) r0 = 1\n1: (95) exit').map(fmt)).toEqual(['2:9-15 log index 0 already holds a different instruction (line 1)']);
    expect(errors('0: (b7) r0 = 0\nr0 = 1\n1: (95) exit').map(fmt)).toEqual(['2:1-7 this instruction has no log index, but others do']);
  });

  it('reads bpftool dump xlated: every instruction matches the opcode bytes bpftool prints', () => {
    const text = fixture('map-counter.xlated-opcodes.txt');
    const bytes = text.split('\n').filter((l) => /^\s+([0-9a-f]{2} ){7}[0-9a-f]{2}/.test(l)).join(' ').trim().split(/\s+/).join(' ');
    const p = program(COUNTS + text);
    const ours = slotsHex(p.insns).replace(/ \| /g, ' ');
    // Slot 4 is the map load: bpftool shows the kernel's map id (16024 = 0x3e98) where we keep the map's index.
    expect(ours).toBe(bytes.replace('18 11 00 00 98 3e 00 00', '18 11 00 00 00 00 00 00'));
    expect(slotsHex(program(COUNTS + fixture('map-counter.xlated-linum.txt')).insns)).toBe(slotsHex(p.insns));
  });

  it('reads an llvm-objdump listing: every instruction matches the bytes it prints', () => {
    const text = fixture('map-counter.objdump.txt');
    const bytes = [...text.matchAll(/^\s+\d+:\t([0-9a-f ]+)\t/gm)].map((m) => m[1]!.trim()).join(' ');
    const p = program(text);
    expect(slotsHex(p.insns).replace(/ \| /g, ' ')).toBe(bytes);
    expect(p.labels).toEqual({ prog: 0, LBB0_2: 16 });
  });
});

describe('against the running kernel', () => {
  const avail = kernelAvailable();
  let oracle: KernelOracle | undefined;
  afterAll(async () => { await oracle?.close(); });

  it('reassembles the level-2 log of every conformance program into the same bytes', async () => {
    if (!avail.ok) { console.log(`skipped: ${avail.why}`); return; }
    const root = join(import.meta.dirname, '../../../shared/conformance/tests');
    let names: string[];
    try { names = (await import('node:fs')).readdirSync(root).filter((f) => f.endsWith('.data')); } catch { console.log(`skipped: no conformance suite at ${root}`); return; }
    const progs = names.flatMap((n) => {
      const m = /^-- asm\n([\s\S]*?)(?=^-- |(?![\s\S]))/m.exec(readFileSync(join(root, n), 'utf8'));
      const r = m ? assemble(m[1]!) : undefined;
      return r?.ok ? [{ name: n, insns: r.program.insns }] : [];
    });
    oracle = KernelOracle.start();
    const results = await Promise.all(progs.map((p) => oracle!.verify({ progType: 'socket_filter', insns: p.insns, logLevel: LOG_LEVEL2 })));
    let compared = 0;
    const mismatches: string[] = [];
    results.forEach((res, n) => {
      if (!res.log.includes('Live regs before insn:')) return; // rejected before the listing (e.g. unreachable code)
      compared++;
      const r = assemble(res.log);
      const want = Buffer.from(encodeProgram(progs[n]!.insns)).toString('hex');
      const got = r.ok ? Buffer.from(encodeProgram(r.program.insns)).toString('hex') : r.errors.map(fmt).join('; ');
      if (got !== want) mismatches.push(`${progs[n]!.name}: ${got}`);
    });
    console.log(`kernel logs: ${compared} of ${progs.length} conformance programs had a listing and were reassembled`);
    expect(compared).toBeGreaterThan(250);
    expect(mismatches).toEqual([]);
  }, 60_000);
});
