// Differential tests: the same map operations on real kernel maps (bpf() through tools/maps/mapctl)
// and on src/core/maps, answers compared line by line (errnos, values, iteration order, final
// contents). Hash maps are created with BPF_F_ZERO_SEED where the order matters, because the
// kernel's default seed is random. Without the kernel these tests print `skipped:` and pass.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { mapsKernelAvailable, possibleCpus, runMapctl } from './kernel-maps.js';
import { ModelRunner, kernelLine, normalize, sortedDump } from './script.js';
import { MAP_TYPE_IDS } from '../../src/core/maps/constants.js';
import { checkMapSpec } from '../../src/core/maps/index.js';
import type { MapTypeName } from '../../src/core/asm/types.js';
import type { RingOp } from './progs.js';

const kernel = mapsKernelAvailable();
const NCPUS = possibleCpus();
const ZERO_SEED = 64;
/** MAPS_RUNS=10 multiplies every property's runs, for a deeper search than the default suite. */
const RUNS = Math.max(1, Number(process.env.MAPS_RUNS ?? 1));
const runs = (n: number): number => n * RUNS;

/** Runs a script on both sides; returns [kernel, model] answers with create handles dropped. */
function both(lines: readonly string[]): [string[], string[]] {
  const k = normalize(lines, runMapctl(lines.map(kernelLine)));
  const m = normalize(lines, new ModelRunner(NCPUS).runAll(lines));
  return [k, m];
}

/** Line-by-line comparison that names the first differing command. `mask` rewrites both answers. */
function expectSame(lines: readonly string[], opts: { unorderedDump?: boolean; mask?: (answer: string) => string } = {}): void {
  const [k, m] = both(lines);
  const mask = opts.mask ?? ((a: string): string => a);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const [ki, mi] = opts.unorderedDump && line.startsWith('dump ') ? [sortedDump(k[i]!).join(' '), sortedDump(m[i]!).join(' ')] : [k[i]!, m[i]!];
    expect({ line: i, cmd: line.slice(0, 120), answer: mask(mi) }).toEqual({ line: i, cmd: line.slice(0, 120), answer: mask(ki) });
  }
}

/**
 * Per-CPU values are round_up(value_size, 8) apart and the syscall shows the padding. When a program
 * creates a per-CPU hash element the kernel fills the padding with whatever follows the program's
 * value on its stack (and, on other CPUs, leaves the bytes of a reused preallocated element), which
 * bpfiddle does not model; those answers are compared without the padding.
 */
function maskPercpuPadding(valueSize: number): (answer: string) => string {
  const stride = roundUp8(valueSize) * 2;
  const hide = (v: string): string => {
    let out = '';
    for (let i = 0; i < v.length; i += stride) out += v.slice(i, i + valueSize * 2) + '..'.repeat((stride - valueSize * 2) / 2);
    return out;
  };
  return (a) => a.replace(/(?<=:|^ok )([0-9a-f]+)/g, (v) => (v.length % stride === 0 && v.length >= stride * NCPUS ? hide(v) : v));
}

function skipIfNoKernel(): boolean {
  if (kernel.ok) return false;
  console.log(`skipped: ${kernel.why}`);
  return true;
}

const hexOf = (b: Uint8Array): string => (b.length ? Buffer.from(b).toString('hex') : '-');
const u32 = (n: number): string => hexOf(new Uint8Array(Uint32Array.of(n >>> 0).buffer));
const roundUp8 = (n: number): number => Math.ceil(n / 8) * 8;

// ---------------------------------------------------------------------------------------------
// Creation

interface Decl { type: MapTypeName; key: number; value: number; max: number; flags: number }

const createLine = (d: Decl): string => `create ${MAP_TYPE_IDS[d.type]} ${d.key} ${d.value} ${d.max} ${d.flags}`;

/** Declarations near every rule BPF_MAP_CREATE enforces, kept small enough to allocate quickly. */
function creationGrid(): Decl[] {
  const types = Object.keys(MAP_TYPE_IDS) as MapTypeName[];
  const keys = [0, 1, 3, 4, 5, 8, 260, 261];
  const values = [0, 1, 4, 8, 12, 1016, 1024, 32768, 32769, 4194024, 4194025];
  const maxes = [0, 1, 3, 4096, 6144];
  const flags = [0, 1, 2, 3, 4, 8, 16, 24, 32, 64, 128, 256, 384, 512, 1024, 2048, 4096, 1 << 16, 1 << 19, 65];
  const out: Decl[] = [];
  let seed = 12345;
  const rnd = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  for (const type of types) {
    // Every flag and every size rule once with an otherwise valid declaration ...
    const base: Decl = {
      array: { key: 4, value: 8, max: 4 }, percpu_array: { key: 4, value: 8, max: 4 }, prog_array: { key: 4, value: 4, max: 4 },
      perf_event_array: { key: 4, value: 4, max: 4 }, hash: { key: 4, value: 8, max: 4 }, percpu_hash: { key: 4, value: 8, max: 4 },
      lru_hash: { key: 4, value: 8, max: 4 }, lru_percpu_hash: { key: 4, value: 8, max: 4 }, lpm_trie: { key: 8, value: 8, max: 4 },
      queue: { key: 0, value: 8, max: 4 }, stack: { key: 0, value: 8, max: 4 }, ringbuf: { key: 0, value: 0, max: 4096 },
      stack_trace: { key: 4, value: 16, max: 4 },
    }[type] as Omit<Decl, 'type' | 'flags'> as Decl;
    const dflt = type === 'lpm_trie' ? 1 : 0;
    for (const f of flags) out.push({ ...base, type, flags: f | dflt });
    for (const key of keys) out.push({ ...base, type, key, flags: dflt });
    for (const value of values) out.push({ ...base, type, value, flags: dflt });
    for (const max of maxes) out.push({ ...base, type, max, flags: dflt });
    // ... and random mixes.
    for (let i = 0; i < 60; i++) {
      out.push({ type, key: keys[rnd(keys.length)]!, value: values[rnd(values.length)]!, max: maxes[rnd(maxes.length)]!, flags: flags[rnd(flags.length)]! | (rnd(2) ? dflt : 0) });
    }
  }
  return out;
}

describe('BPF_MAP_CREATE', () => {
  test('accepts and rejects declarations with the kernel errno', () => {
    if (skipIfNoKernel()) return;
    // bpfiddle's own ceilings on preallocation say ENOMEM where this machine's kernel has memory.
    const grid = creationGrid().filter((d) => !/bpfiddle allows/.test(checkMapSpec({ name: 'm', type: d.type, keySize: d.key, valueSize: d.value, maxEntries: d.max, flags: d.flags }, NCPUS)?.message ?? ''));
    const lines = grid.flatMap((d, i) => [createLine(d), `close @${i}`]);
    const [k, m] = both(lines);
    const mismatches = grid.map((d, i) => ({ decl: createLine(d), kernel: k[2 * i], model: m[2 * i] })).filter((r) => r.kernel !== r.model);
    expect(mismatches).toEqual([]);
    // The grid must exercise both outcomes, or it proves nothing.
    expect(k.filter((a) => a === 'ok').length).toBeGreaterThan(200);
    expect(k.filter((a) => a.startsWith('err')).length).toBeGreaterThan(200);
  });

  test('size limits sit exactly where the kernel puts them', () => {
    if (skipIfNoKernel()) return;
    const decls = [
      'create 1 2000000 2194255 1 1', 'create 1 2000000 2194256 1 1', 'create 5 4 32768 1 1', 'create 5 4 32769 1 1',
      'create 6 4 32768 1 0', 'create 6 4 32761 1 0', 'create 2 4 2147483648 1 0', 'create 2 4 4194305 1 0',
      'create 22 0 4194304 1 0', 'create 22 0 4194305 1 0', 'create 11 8 4194024 1 1', 'create 11 8 4194025 1 1',
      'create 11 260 4 1 1', 'create 11 261 4 1 1', 'create 7 4 1016 1 0', 'create 7 4 1024 1 0', 'create 7 4 4064 1 32',
      'create 7 4 4096 1 32', 'create 1 4 4 2147483649 1', 'create 1 4 4 2147483648 1', 'create 1 4 4 4294967295 1',
      'create 9 4 4 4294967295 2', 'create 7 4 8 2147483649 0', 'create 1 600 4 1 1', 'create 27 0 0 1 0', 'create 27 0 0 0 0',
    ];
    expectSame(decls.flatMap((d, i) => [d, `close @${i}`]));
  });
});

// ---------------------------------------------------------------------------------------------
// Random syscall sequences per map type

const flagsArb = fc.constantFrom(0, 0, 0, 1, 2, 3, 4, 5);
const bytesArb = (n: number): fc.Arbitrary<string> => fc.uint8Array({ minLength: n, maxLength: n }).map(hexOf);

interface Shape { type: MapTypeName; key: number; value: number; max: number; flags: number }

/** Values as the syscall takes them: all CPUs for per-CPU maps, padding included. */
function valueLen(s: Shape): number {
  if (s.type === 'percpu_array' || s.type === 'percpu_hash' || s.type === 'lru_percpu_hash') return roundUp8(s.value) * NCPUS;
  return s.value;
}

function keyArb(s: Shape): fc.Arbitrary<string> {
  if (s.type === 'array' || s.type === 'percpu_array' || s.type === 'prog_array' || s.type === 'perf_event_array' || s.type === 'stack_trace') {
    return fc.integer({ min: 0, max: s.max + 2 }).map(u32);
  }
  if (s.type === 'lpm_trie') {
    const data = s.key - 4;
    // Few distinct data patterns so prefixes overlap; prefix lengths around the interesting ones.
    const pattern = fc.constantFrom(0x00, 0xff, 0xc0, 0xa8, 0x80, 0x01).chain((b) => fc.uint8Array({ minLength: data, maxLength: data }).map((r) => r.map((x, i) => (i === 0 ? b : x & 0x81))));
    return fc.tuple(fc.integer({ min: 0, max: data * 8 + 1 }), pattern).map(([p, d]) => u32(p) + hexOf(d));
  }
  // hash family: a pool of keys small enough to collide, some sharing buckets
  return fc.integer({ min: 0, max: Math.max(3, s.max * 2) }).map((n) => hexOf(Uint8Array.from({ length: s.key }, (_, i) => (i === 0 ? n : (n * 7 + i) & 3))));
}

function opArb(s: Shape, withNext: boolean, programs: boolean): fc.Arbitrary<string> {
  const k = keyArb(s);
  const ops: fc.Arbitrary<string>[] = [
    fc.tuple(k, bytesArb(valueLen(s)), flagsArb).map(([key, v, f]) => `update @0 ${key} ${v} ${f}`),
    fc.tuple(k, bytesArb(valueLen(s))).map(([key, v]) => `update @0 ${key} ${v} 0`),
    fc.tuple(k, fc.constantFrom(0, 0, 4, 1)).map(([key, f]) => `lookup @0 ${key} ${f}`),
    k.map((key) => `delete @0 ${key}`),
    fc.tuple(k, fc.constantFrom(0, 0, 4, 8)).map(([key, f]) => `lookupdel @0 ${key} ${f}`),
    fc.constantFrom(0, 1).map((c) => `cpu ${c % NCPUS}`),
  ];
  if (withNext) ops.push(fc.oneof(k, fc.constant('-')).map((key) => `next @0 ${key}`));
  if (programs) {
    ops.push(k.map((key) => `plookup @0 ${key}`));
    ops.push(fc.tuple(k, bytesArb(s.value), fc.constantFrom(0, 0, 1, 2)).map(([key, v, f]) => `pupdate @0 ${key} ${v} ${f}`));
    ops.push(k.map((key) => `pdelete @0 ${key}`));
  }
  return fc.oneof(...ops);
}

function sequenceProperty(s: Shape, opts: { ordered: boolean; programs?: boolean; runs?: number; maxOps?: number }): void {
  fc.assert(
    fc.property(fc.array(opArb(s, opts.ordered, !!opts.programs), { minLength: 1, maxLength: opts.maxOps ?? 40 }), (ops) => {
      const lines = ['cpu 0', `create ${MAP_TYPE_IDS[s.type]} ${s.key} ${s.value} ${s.max} ${s.flags}`, ...ops, 'dump @0'];
      const percpuHash = s.type === 'percpu_hash' || s.type === 'lru_percpu_hash';
      const mask = percpuHash && ops.some((o) => o.startsWith('pupdate')) ? maskPercpuPadding(s.value) : undefined;
      expectSame(lines, { unorderedDump: !opts.ordered, mask });
    }),
    { numRuns: runs(opts.runs ?? 40) },
  );
}

describe('random operation sequences match the kernel', () => {
  const cases: [string, Shape, { ordered: boolean; programs?: boolean; runs?: number; maxOps?: number }][] = [
    ['array', { type: 'array', key: 4, value: 6, max: 5, flags: 0 }, { ordered: true, programs: true }],
    ['percpu_array (padding bytes round-trip)', { type: 'percpu_array', key: 4, value: 5, max: 3, flags: 0 }, { ordered: true, programs: true }],
    ['hash, zero seed (iteration order)', { type: 'hash', key: 4, value: 4, max: 6, flags: ZERO_SEED }, { ordered: true, programs: true }],
    ['hash, odd key size (jhash of bytes)', { type: 'hash', key: 7, value: 3, max: 5, flags: ZERO_SEED }, { ordered: true }],
    ['hash, long keys (jhash2 over several blocks)', { type: 'hash', key: 20, value: 4, max: 9, flags: ZERO_SEED }, { ordered: true }],
    ['hash without prealloc', { type: 'hash', key: 4, value: 8, max: 4, flags: ZERO_SEED | 1 }, { ordered: true }],
    ['hash, random seed (contents only)', { type: 'hash', key: 8, value: 4, max: 4, flags: 0 }, { ordered: false }],
    ['percpu_hash', { type: 'percpu_hash', key: 4, value: 12, max: 4, flags: ZERO_SEED }, { ordered: true, programs: true }],
    ['lru_hash, common LRU', { type: 'lru_hash', key: 4, value: 4, max: 8, flags: ZERO_SEED }, { ordered: true, programs: true, runs: 60, maxOps: 60 }],
    ['lru_hash, per-CPU LRU lists', { type: 'lru_hash', key: 4, value: 4, max: 7, flags: ZERO_SEED | 2 }, { ordered: true, programs: true }],
    ['lru_percpu_hash', { type: 'lru_percpu_hash', key: 4, value: 4, max: 6, flags: ZERO_SEED }, { ordered: true, programs: true }],
    ['lpm_trie', { type: 'lpm_trie', key: 6, value: 4, max: 6, flags: 1 }, { ordered: true, programs: true, runs: 60 }],
    ['lpm_trie, one data byte', { type: 'lpm_trie', key: 5, value: 1, max: 40, flags: 1 }, { ordered: true, runs: 30 }],
    ['prog_array (no fds: errors only)', { type: 'prog_array', key: 4, value: 4, max: 4, flags: 0 }, { ordered: true }],
    ['stack_trace (empty from user space)', { type: 'stack_trace', key: 4, value: 16, max: 3, flags: 0 }, { ordered: true }],
  ];
  for (const [name, shape, opts] of cases) {
    test(name, () => {
      if (skipIfNoKernel()) return;
      if (shape.type === 'prog_array') {
        // Storing a real fd is the one thing the model cannot mirror: updates use flags or indexes
        // that fail before the kernel looks at the fd.
        fc.assert(fc.property(fc.array(fc.oneof(
          fc.tuple(fc.integer({ min: 0, max: 6 }), fc.constantFrom(1, 2, 3, 4)).map(([i, f]) => `update @0 ${u32(i)} 00000000 ${f}`),
          fc.integer({ min: 4, max: 9 }).map((i) => `update @0 ${u32(i)} 00000000 0`),
          fc.integer({ min: 0, max: 6 }).map((i) => `lookup @0 ${u32(i)} 0`),
          fc.integer({ min: 0, max: 6 }).map((i) => `delete @0 ${u32(i)}`),
          fc.oneof(fc.integer({ min: 0, max: 6 }).map(u32), fc.constant('-')).map((k) => `next @0 ${k}`),
          fc.integer({ min: 0, max: 6 }).map((i) => `lookupdel @0 ${u32(i)} 0`),
        ), { maxLength: 20 }), (ops) => {
          for (const t of ['3', '4']) expectSame([`create ${t} 4 4 4 0`, ...ops, 'dump @0']);
        }), { numRuns: runs(20) });
        return;
      }
      sequenceProperty(shape, opts);
    });
  }

  test('queue and stack: push, peek, pop, overwrite when full', () => {
    if (skipIfNoKernel()) return;
    const op = fc.oneof(
      fc.tuple(bytesArb(3), fc.constantFrom(0, 0, 1, 2, 3, 4)).map(([v, f]) => `update @0 - ${v} ${f}`),
      fc.constant('lookup @0 - 0'),
      fc.constantFrom(0, 0, 1, 4).map((f) => `lookupdel @0 - ${f}`),
      fc.constant('delete @0 -'),
      fc.constant('next @0 -'),
      fc.constant('lookup @0 00 0'),
      fc.constant('update @0 00 010203 0'),
    );
    fc.assert(fc.property(fc.constantFrom(22, 23), fc.integer({ min: 1, max: 5 }), fc.array(op, { maxLength: 40 }), (type, max, ops) => {
      const drain = Array.from({ length: max + 1 }, () => 'lookupdel @0 - 0');
      expectSame([`create ${type} 0 3 ${max} 0`, ...ops, ...drain]);
    }), { numRuns: runs(60) });
  });

  test('ringbuf and perf_event_array refuse element operations like the kernel', () => {
    if (skipIfNoKernel()) return;
    expectSame([
      'create 27 0 0 4096 0', 'lookup @0 - 0', 'update @0 - - 0', 'delete @0 -', 'next @0 -', 'lookupdel @0 - 0', 'lookup @0 00 0',
      'create 4 4 4 4 0', 'lookup @1 00000000 0', 'lookup @1 09000000 0', 'delete @1 00000000', 'delete @1 09000000',
      'next @1 -', 'next @1 03000000', 'update @1 00000000 00000000 2', 'update @1 07000000 00000000 0', 'lookupdel @1 00000000 0',
      'create 6 4 4 2 0', 'lookupdel @2 00000000 0', 'delete @2 00000000', 'next @2 -',
      'create 2 4 4 2 8', 'update @3 00000000 01000000 0', 'lookup @3 00000000 0', 'delete @3 00000000',
      'create 1 4 4 2 16', 'update @4 00000000 01000000 0', 'lookup @4 00000000 0', 'next @4 -', 'delete @4 00000000', 'lookupdel @4 00000000 0',
      'create 1 4 4 2 0', 'lookup @5 - 0', 'update @5 - 01000000 0', 'delete @5 -', 'next @5 -',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// LRU and LPM by hand: which key the kernel evicts, which prefix it matches

describe('LRU eviction', () => {
  const fill = (n: number, from = 1): string[] => Array.from({ length: n }, (_, i) => `update @0 ${u32(from + i)} ${u32((from + i) * 10)} 0`);

  test('evicts the oldest unreferenced keys of a full common LRU, sparing looked-up ones', () => {
    if (skipIfNoKernel()) return;
    const lines = ['cpu 0', `create 9 4 4 8 ${ZERO_SEED}`, ...fill(8), 'dump @0', `plookup @0 ${u32(1)}`, `plookup @0 ${u32(2)}`];
    for (let i = 9; i <= 20; i++) lines.push(`update @0 ${u32(i)} ${u32(i)} 0`, 'dump @0');
    expectSame(lines);
  });

  test('syscall lookups do not protect a key, program lookups do', () => {
    if (skipIfNoKernel()) return;
    const lines = ['cpu 0', `create 9 4 4 4 ${ZERO_SEED}`, ...fill(4), `lookup @0 ${u32(1)} 0`, `plookup @0 ${u32(2)}`, ...fill(3, 5), 'dump @0'];
    expectSame(lines);
  });

  test('a failing update still takes a node and may evict', () => {
    if (skipIfNoKernel()) return;
    const lines = ['cpu 0', `create 9 4 4 4 ${ZERO_SEED}`, ...fill(4), `update @0 ${u32(2)} ${u32(7)} 1`, 'dump @0', `update @0 ${u32(9)} ${u32(7)} 2`, 'dump @0'];
    expectSame(lines);
  });

  test('local free lists per CPU: inserts from two CPUs, stealing when the global list is empty', () => {
    if (skipIfNoKernel()) return;
    if (NCPUS < 2) { console.log('skipped: needs 2 possible CPUs'); return; }
    const lines = ['cpu 0', `create 9 4 4 16 ${ZERO_SEED}`, ...fill(5), 'cpu 1', ...fill(5, 6), 'cpu 0', ...fill(4, 11), 'dump @0',
      'cpu 1', ...fill(6, 15), 'dump @0', 'cpu 0', `plookup @0 ${u32(16)}`, ...fill(8, 30), 'dump @0'];
    expectSame(lines);
  });

  test('large maps move target_free nodes at a time (75 for 300 entries, 128 at most)', () => {
    if (skipIfNoKernel()) return;
    if (NCPUS < 2) { console.log('skipped: needs 2 possible CPUs'); return; }
    for (const max of [300, 1000]) {
      const lines = ['cpu 0', `create 9 4 4 ${max} ${ZERO_SEED}`, ...fill(max)];
      for (let i = 1; i <= max; i += 7) lines.push(`plookup @0 ${u32(i)}`);
      lines.push(...fill(max / 2, max + 1), 'dump @0');
      for (let i = 3; i <= max; i += 5) lines.push(`plookup @0 ${u32(i)}`);
      lines.push('cpu 1', ...fill(max / 2, 5 * max), 'dump @0');
      expectSame(lines);
    }
  });

  test('per-CPU LRU lists (BPF_F_NO_COMMON_LRU) evict within the CPU', () => {
    if (skipIfNoKernel()) return;
    if (NCPUS < 2) { console.log('skipped: needs 2 possible CPUs'); return; }
    const lines = ['cpu 0', `create 9 4 4 8 ${ZERO_SEED | 2}`, ...fill(6), 'dump @0', 'cpu 1', ...fill(6, 20), 'dump @0', 'cpu 0', `plookup @0 ${u32(20)}`, ...fill(3, 40), 'dump @0'];
    expectSame(lines);
  });
});

describe('LPM trie', () => {
  const key = (prefix: number, ...bytes: number[]): string => u32(prefix) + hexOf(Uint8Array.from(bytes));

  test('longest prefix match and postorder iteration on the kernel doc example', () => {
    if (skipIfNoKernel()) return;
    const lines = ['create 11 8 4 10 1',
      `update @0 ${key(16, 192, 168, 0, 0)} ${u32(1)} 0`, `update @0 ${key(24, 192, 168, 0, 0)} ${u32(2)} 0`,
      `update @0 ${key(24, 192, 168, 128, 0)} ${u32(3)} 0`, `update @0 ${key(24, 192, 168, 1, 0)} ${u32(5)} 0`, 'dump @0',
      `lookup @0 ${key(32, 192, 168, 0, 1)} 0`, `lookup @0 ${key(32, 192, 168, 1, 1)} 0`, `lookup @0 ${key(32, 192, 168, 2, 1)} 0`,
      `lookup @0 ${key(32, 192, 169, 0, 1)} 0`, `lookup @0 ${key(8, 192, 168, 0, 1)} 0`, `lookup @0 ${key(33, 192, 168, 0, 1)} 0`,
      `update @0 ${key(23, 192, 168, 0, 0)} ${u32(4)} 1`, 'dump @0', `lookup @0 ${key(32, 192, 168, 1, 9)} 0`,
      `delete @0 ${key(24, 192, 168, 1, 0)}`, `delete @0 ${key(16, 192, 168, 0, 0)}`, 'dump @0', `lookup @0 ${key(32, 192, 168, 7, 7)} 0`,
      `next @0 ${key(24, 192, 168, 0, 0)}`, `next @0 ${key(24, 192, 168, 200, 0)}`, `next @0 ${key(40, 0, 0, 0, 0)}`,
      `update @0 ${key(0, 0, 0, 0, 0)} ${u32(9)} 0`, `lookup @0 ${key(32, 10, 0, 0, 1)} 0`, 'dump @0'];
    expectSame(lines);
  });

  test('a full trie refuses new prefixes with ENOSPC but replaces existing ones', () => {
    if (skipIfNoKernel()) return;
    const lines = ['create 11 5 1 2 1', `update @0 ${key(8, 1)} 01 0`, `update @0 ${key(8, 2)} 02 0`, `update @0 ${key(8, 3)} 03 0`,
      `update @0 ${key(8, 1)} 11 2`, `update @0 ${key(8, 1)} 11 1`, `update @0 ${key(4, 0)} 04 0`, `update @0 ${key(6, 0)} 05 2`, 'dump @0'];
    expectSame(lines);
  });
});

// ---------------------------------------------------------------------------------------------
// Ring buffer through programs

describe('ring buffer records', () => {
  const ringOps = (): fc.Arbitrary<RingOp[]> =>
    fc.array(fc.oneof(
      fc.record({ op: fc.constant('output' as const), size: fc.integer({ min: 0, max: 496 }), flags: fc.constantFrom(0, 0, 1, 2, 3, 4) }),
      fc.record({ op: fc.constant('reserve' as const), size: fc.oneof(fc.integer({ min: 0, max: 1200 }), fc.constantFrom(4080, 4088, 4096)), flags: fc.constantFrom(0, 0, 0, 1) }),
    ), { maxLength: 6 }).chain((ops) => {
      // Give reservations slots, then commit every one of them in a random order.
      let slot = 0;
      const placed: RingOp[] = ops.map((o) => (o.op === 'reserve' ? { ...o, slot: slot++ % 4 } : o));
      const open = placed.filter((o): o is Extract<RingOp, { op: 'reserve' }> => o.op === 'reserve').slice(0, 4);
      const body = placed.filter((o) => o.op !== 'reserve' || open.includes(o as Extract<RingOp, { op: 'reserve' }>));
      return fc.shuffledSubarray(open, { minLength: open.length, maxLength: open.length }).chain((order) =>
        fc.array(fc.constantFrom('submit' as const, 'discard' as const), { minLength: order.length, maxLength: order.length }).map((kinds) =>
          [...body, ...order.map((o, i) => ({ op: kinds[i]!, slot: o.slot, flags: 0 }))]));
    });

  test('reservations, outputs, commits and the full boundary match the kernel', () => {
    if (skipIfNoKernel()) return;
    fc.assert(fc.property(fc.array(fc.tuple(ringOps(), fc.boolean()), { minLength: 1, maxLength: 12 }), (runs) => {
      const lines = ['create 27 0 0 4096 0'];
      for (const [ops, consume] of runs) {
        lines.push(`ring @0 ${JSON.stringify(ops)}`, 'rbstate @0');
        if (consume) lines.push('rbconsume @0');
      }
      expectSame(lines);
    }), { numRuns: runs(40) });
  });
});
