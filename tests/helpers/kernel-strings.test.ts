// String and memory helpers against the running kernel: bpf_snprintf's output bytes and return
// values for every conversion bpf_bprintf_prepare accepts (and the formats it refuses),
// bpf_trace_printk's return values, bpf_strncmp, and the bpf_probe_read family.

import { describe, expect } from 'vitest';
import type { MapEntry } from '../../src/core/maps/index.js';
import { kernelIt } from '../kernel/oracle.js';
import { bprintfPrepare, type StringSource } from '../../src/core/helpers/printf.js';
import { outSlots, runBoth, s64, save, stackString, withOut } from './harness.js';

const NO_MEMORY: StringSource = { readString: () => null, read: () => null };

type Arg = bigint | { str: string } | { bytes: number[] };
interface FmtCase { fmt: string; args: Arg[]; size?: number }

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const u32 = (v: number): Uint8Array => { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, v, true); return b; };

const FMT_SIZE = 64;
const RES_SIZE = 48;

/**
 * One program: for case i, fmt i comes from a frozen read-only map (ARG_PTR_TO_CONST_STR), the
 * arguments are built on the stack (strings and IP addresses further down the stack), the text
 * lands in res[i] and the return value in out slot i.
 */
function snprintfProgram(cases: FmtCase[]): { src: string; maps: Record<string, MapEntry[]> } {
  const body: string[] = [];
  cases.forEach((c, i) => {
    // Constant strings must come from a single-element array (direct value access).
    body.push('  *(u32 *)(r10 - 4) = 0', '  r2 = r10', '  r2 += -4', '  r1 = fmts ll', '  call bpf_map_lookup_elem', '  if r0 == 0 goto nomap', '  r7 = r0', `  r7 += ${i * FMT_SIZE}`);
    body.push(`  *(u32 *)(r10 - 4) = ${i}`, '  r2 = r10', '  r2 += -4', '  r1 = res ll', '  call bpf_map_lookup_elem', '  if r0 == 0 goto nomap', '  r8 = r0');
    c.args.forEach((a, k) => {
      const slot = -112 + 8 * k;
      if (typeof a === 'bigint') {
        body.push(`  r1 = 0x${BigInt.asUintN(64, a).toString(16)} ll`, `  *(u64 *)(r10 ${slot}) = r1`);
      } else {
        const at = -496 + 64 * k;
        body.push('str' in a ? stackString(at, a.str) : stackString(at, Uint8Array.from(a.bytes)));
        body.push('  r1 = r10', `  r1 += ${at}`, `  *(u64 *)(r10 ${slot}) = r1`);
      }
    });
    body.push('  r1 = r8', `  r2 = ${c.size ?? RES_SIZE}`, '  r3 = r7', '  r4 = r10', '  r4 += -112', `  r5 = ${8 * c.args.length}`, '  call bpf_snprintf', save(i));
  });
  const src = withOut('socket_filter', cases.length, body.join('\n'),
    `.map fmts array key=4 value=${FMT_SIZE * cases.length} max_entries=1 flags=0x80\n.map res array key=4 value=${RES_SIZE} max_entries=${cases.length}`);
  const all = new Uint8Array(FMT_SIZE * cases.length);
  cases.forEach((c, i) => all.set(enc(c.fmt), i * FMT_SIZE));
  return { src, maps: { fmts: [{ key: u32(0), value: all }] } };
}

const IP4 = { bytes: [192, 168, 1, 20] };
const IP6 = { bytes: [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xab, 0xcd] };

const SNPRINTF: FmtCase[] = [
  { fmt: '%d %i %u', args: [-5n, 7n, -1n] },
  { fmt: '%x %X %lx', args: [255n, 0xabcn, -1n] },
  { fmt: '%ld %lu %lld', args: [-1n, -1n, -2n] },
  { fmt: '%llu %llx', args: [-2n, 0x1234567890abcdefn] },
  { fmt: '%5d|%-5d|%05d|%+d|% d', args: [42n, 42n, 42n, 42n, 42n] },
  { fmt: '%+5d|%-+4d|%08x|%-08d|', args: [-7n, 7n, 0xbeefn, -3n] },
  { fmt: '%s and %s.', args: [{ str: 'hello' }, { str: '' }] },
  { fmt: '%8s|%-8s|', args: [{ str: 'ab' }, { str: 'cd' }] },
  { fmt: '%c%c%c%3c', args: [0x41n, 0x42n, 0x143n, 0x44n] },
  { fmt: '100%% %d%%', args: [3n] },
  { fmt: '%px %px', args: [0x1234n, 0n] },
  { fmt: '%pI4 %pi4', args: [IP4, IP4] },
  { fmt: '%pI6', args: [IP6] },
  { fmt: '%pi6', args: [IP6] },
  { fmt: '%pks|%pus|', args: [{ str: 'kern' }, { str: 'user' }] },
  { fmt: '[%s]', args: [0n] },
  { fmt: '%ps %pS', args: [0x1234n, 0x99n] },
  { fmt: '%s', args: [{ str: 'a long string that will not fit' }], size: 8 },
  { fmt: '%d', args: [0x100000001n] },
  { fmt: 'x%d', args: [5n], size: 0 },
  { fmt: 'no conversions', args: [] },
  { fmt: 'tab\there', args: [] },
  { fmt: 'caf\u00e9 %d', args: [1n] },
  { fmt: '%p, %p!', args: [0n, 0n] },
  { fmt: '%-5s|%5s|', args: [{ str: 'abcdefgh' }, { str: 'xy' }] },
];

/** Formats the verifier refuses at load time ("Invalid format string"): bpf_snprintf's format is a
 * constant the kernel checks with bpf_bprintf_prepare before the program ever runs. */
const REFUSED_FORMATS: FmtCase[] = [
  { fmt: '%d %d', args: [1n] }, { fmt: '%q', args: [1n] }, { fmt: '%hd', args: [1n] }, { fmt: '%lf', args: [1n] },
  { fmt: '%*d', args: [1n, 2n] }, { fmt: '%pa', args: [1n] }, { fmt: '%sx', args: [{ str: 's' }] },
  { fmt: '%lld %llld', args: [1n, 2n] }, { fmt: 'bell\u0007', args: [] }, { fmt: '%.3d', args: [1n] }, { fmt: '%#x', args: [1n] },
  { fmt: '%pI5', args: [1n] }, { fmt: '%c %c', args: [1n] }, { fmt: '%n', args: [1n] },
];

describe('string helpers against the kernel', () => {
  kernelIt('the verifier refuses the bpf_snprintf formats bpf_bprintf_prepare refuses, and only those', async () => {
    for (const c of REFUSED_FORMATS) {
      const { src, maps } = snprintfProgram([c]);
      await expect(runBoth(src, { maps }), c.fmt).rejects.toThrow(/Invalid format string/);
      expect(bprintfPrepare(enc(c.fmt), c.args.map(() => 0n), NO_MEMORY), c.fmt).toEqual({ ok: false, errno: 22 });
    }
  });

  kernelIt('bpf_snprintf writes the same text and returns the same length for every format', async () => {
    const { src, maps } = snprintfProgram(SNPRINTF);
    const b = await runBoth(src, { maps });
    const results = (side: typeof b.kernel): string[] => {
      const slots = outSlots(side);
      const res = side.maps.res!;
      return SNPRINTF.map((c, i) => {
        const bytes = Buffer.from(res[i]![1], 'hex');
        const r = s64(slots[i]!);
        const text = r > 0n ? bytes.subarray(0, Math.min(Number(r), c.size ?? RES_SIZE)).toString('latin1') : '';
        return `${JSON.stringify(c.fmt)} -> ${r} ${JSON.stringify(text)}`;
      });
    };
    // %p and %pK of a non-NULL pointer are hashed in the kernel, the one thing bpfiddle prints
    // differently (the real address); the cases above use them only with NULL.
    for (const vm of b.vms) expect(results(vm)).toEqual(results(b.kernel));
  });

  kernelIt('bpf_trace_printk returns the same lengths and errors', async () => {
    const cases: [string, bigint[], number?][] = [
      ['hello\n', []], ['%d %u %x\n', [-1n, -1n, -1n]], ['%lld %llx', [-1n, 0xffn]], ['%s!', []], ['%5d|%-3d|', [1n, 2n]],
      ['%d %d %d %d', [1n, 2n, 3n]], ['%z', [1n]], ['no nul', [], 6], ['%c', [0x7an]], ['%%', []], ['%px', [0xabcn]],
      ['\u00e9', []], ['%pi4', [0n]], ['%p', [0x1234n]],
    ];
    const body: string[] = [];
    cases.forEach(([fmt, args, size], i) => {
      if (fmt === '%s!') body.push(stackString(-64, 'str'));
      body.push(stackString(-128, fmt));
      body.push('  r1 = r10', '  r1 += -128', `  r2 = ${size ?? new TextEncoder().encode(fmt).length + 1}`);
      args.forEach((a, k) => body.push(`  r${3 + k} = 0x${BigInt.asUintN(64, a).toString(16)} ll`));
      if (fmt === '%s!') body.push('  r3 = r10', '  r3 += -64');
      body.push('  call bpf_trace_printk', save(i));
    });
    const b = await runBoth(withOut('xdp', cases.length, body.join('\n')));
    for (const vm of b.vms) expect(outSlots(vm).map(s64)).toEqual(outSlots(b.kernel).map(s64));
    expect(b.vms[0]!.run.output[0]).toBe('hello');
  });

  kernelIt('bpf_strncmp compares like the kernel strncmp: -1, 0, 1', async () => {
    const cases: [string, string, number][] = [['abc', 'abc', 3], ['abc', 'abd', 3], ['abd', 'abc', 3], ['abc', 'abd', 2], ['ab', 'abc', 3], ['abc', 'ab', 3], ['', '', 1], ['\u00ff', 'a', 1]];
    const body: string[] = [];
    cases.forEach(([s1, , n], i) => {
      body.push(stackString(-64, Uint8Array.from(Buffer.from(s1, 'latin1'))));
      body.push('  *(u32 *)(r10 - 4) = 0', '  r2 = r10', '  r2 += -4', '  r1 = strs ll', '  call bpf_map_lookup_elem', '  if r0 == 0 goto nomap', '  r3 = r0', `  r3 += ${16 * i}`);
      body.push('  r1 = r10', '  r1 += -64', `  r2 = ${n}`, '  call bpf_strncmp', save(i));
    });
    const all = new Uint8Array(16 * cases.length);
    cases.forEach(([, s2], i) => all.set(Buffer.from(s2, 'latin1'), 16 * i));
    const strs: MapEntry[] = [{ key: u32(0), value: all }];
    const b = await runBoth(withOut('socket_filter', cases.length, body.join('\n'), `.map strs array key=4 value=${16 * cases.length} max_entries=1 flags=0x80`), { maps: { strs } });
    for (const vm of b.vms) expect(outSlots(vm).map(s64)).toEqual(outSlots(b.kernel).map(s64));
    expect(outSlots(b.kernel).map(s64)).toEqual([0n, -1n, 1n, 0n, -1n, 1n, 0n, 1n]);
  });

  kernelIt('bpf_probe_read_kernel(_str) and _user(_str): copies, -ERANGE, -EFAULT, zeroed buffers, truncation', async () => {
    const read = (helper: string, size: number, src: string, slotR0: number, slotV: number): string => [
      '  r1 = 0x5555555555555555 ll', '  *(u64 *)(r10 - 32) = r1', '  *(u64 *)(r10 - 24) = r1',
      src, '  r1 = r10', '  r1 += -32', `  r2 = ${size}`, `  call ${helper}`, save(slotR0),
      '  r1 = *(u64 *)(r10 - 32)', `  *(u64 *)(r9 + ${8 * slotV}) = r1`, '  r1 = *(u64 *)(r10 - 24)', `  *(u64 *)(r9 + ${8 * slotV + 8}) = r1`,
    ].join('\n');
    const stack = '  r3 = r10\n  r3 += -64';
    const body = [
      stackString(-64, 'kernel string!'),
      read('bpf_probe_read_kernel', 8, stack, 0, 1),
      read('bpf_probe_read_kernel', 8, '  r3 = 0', 3, 4),
      read('bpf_probe_read_kernel', 8, '  r3 = 0x7fff0000 ll', 6, 7),
      read('bpf_probe_read_kernel', 8, '  r3 = 0x8000000000000000 ll', 9, 10),
      read('bpf_probe_read_kernel', 0, '  r3 = 0', 12, 13),
      read('bpf_probe_read_kernel_str', 16, stack, 15, 16),
      read('bpf_probe_read_kernel_str', 5, stack, 18, 19),
      read('bpf_probe_read_kernel_str', 16, '  r3 = 0', 21, 22),
      read('bpf_probe_read_user', 8, stack, 24, 25),
      read('bpf_probe_read_user', 8, '  r3 = 0', 27, 28),
      read('bpf_probe_read_user', 0, '  r3 = 0', 30, 31),
      read('bpf_probe_read_user_str', 8, stack, 33, 34),
      read('bpf_probe_read_user_str', 8, '  r3 = 0', 36, 37),
      read('bpf_probe_read_kernel_str', 0, stack, 39, 40),
    ].join('\n');
    const b = await runBoth(withOut('sched_cls', 42, body));
    for (const vm of b.vms) expect(outSlots(vm).map(s64)).toEqual(outSlots(b.kernel).map(s64));
  });
});
