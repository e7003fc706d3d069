import { describe, expect, test } from 'vitest';
import { checkMapSpec, createMap, createMapEnv, E2BIG, EINVAL, ENOMEM, ENOTSUPP, type MapSpec } from '../../src/core/maps/index.js';
import type { MapTypeName } from '../../src/core/asm/types.js';

const spec = (type: MapTypeName, keySize: number, valueSize: number, maxEntries: number, flags = 0): MapSpec =>
  ({ name: 'm', type, keySize, valueSize, maxEntries, flags });

describe('createMap', () => {
  test('creates one map of every type from a valid declaration', () => {
    const valid: MapSpec[] = [
      spec('array', 4, 8, 4), spec('percpu_array', 4, 8, 4), spec('prog_array', 4, 4, 4), spec('perf_event_array', 4, 4, 4),
      spec('hash', 8, 8, 4), spec('percpu_hash', 8, 8, 4), spec('lru_hash', 8, 8, 4), spec('lru_percpu_hash', 8, 8, 4),
      spec('lpm_trie', 8, 8, 4, 1), spec('queue', 0, 8, 4), spec('stack', 0, 8, 4), spec('ringbuf', 0, 0, 4096),
      spec('stack_trace', 4, 16, 4),
    ];
    for (const s of valid) {
      const r = createMap(s);
      expect(r.ok, s.type).toBe(true);
      if (r.ok) expect([r.map.type, r.map.maxEntries, r.map.env.nCpus]).toEqual([s.type, s.maxEntries, 2]);
    }
  });

  test('rounds max_entries of per-CPU LRU lists to a multiple of the CPU count', () => {
    const r = createMap(spec('lru_hash', 4, 4, 7, 2), createMapEnv(4));
    expect(r.ok && r.map.maxEntries).toBe(8);
    const r2 = createMap(spec('lru_hash', 4, 4, 7, 0), createMapEnv(4));
    expect(r2.ok && r2.map.maxEntries).toBe(7);
  });

  test('maps sharing an environment share the current CPU', () => {
    const env = createMapEnv(3);
    const a = createMap(spec('array', 4, 4, 1), env);
    const b = createMap(spec('hash', 4, 4, 1), env);
    env.cpu = 2;
    expect(a.ok && b.ok && a.map.env.cpu === 2 && b.map.env.cpu === 2).toBe(true);
    expect(() => createMapEnv(0)).toThrow(RangeError);
  });
});

describe('creation checks say the kernel errno and the rule broken', () => {
  const cases: [MapSpec, number, RegExp][] = [
    [spec('array', 8, 4, 1), EINVAL, /array maps need key_size 4 \(got 8\)/],
    [spec('array', 4, 0, 1), EINVAL, /value_size > 0/],
    [spec('array', 4, 4, 0), EINVAL, /max_entries > 0/],
    [spec('array', 4, 4, 1, 1), EINVAL, /array maps do not take flags BPF_F_NO_PREALLOC/],
    [spec('array', 4, 4, 1, 0x180), EINVAL, /BPF_F_RDONLY_PROG and BPF_F_WRONLY_PROG exclude each other/],
    [spec('array', 4, 4, 1, 0x18), EINVAL, /BPF_F_RDONLY and BPF_F_WRONLY exclude each other/],
    [spec('percpu_array', 4, 4, 1, 4), EINVAL, /percpu_array maps do not take BPF_F_NUMA_NODE/],
    [spec('percpu_array', 4, 4, 1, 1024), EINVAL, /only array maps take BPF_F_MMAPABLE/],
    [spec('array', 4, 4, 1, 2048), EINVAL, /only perf_event_array maps take BPF_F_PRESERVE_ELEMS/],
    [spec('percpu_array', 4, 32769, 1), E2BIG, /percpu_array values are at most 32768 bytes/],
    [spec('prog_array', 4, 8, 1), EINVAL, /prog_array maps need value_size 4 \(got 8\)/],
    [spec('perf_event_array', 4, 4, 1, 128), EINVAL, /do not take BPF_F_RDONLY_PROG/],
    [spec('hash', 0, 4, 1), EINVAL, /hash maps need key_size > 0/],
    [spec('hash', 4, 4, 1, 2), EINVAL, /only LRU maps take BPF_F_NO_COMMON_LRU/],
    [spec('lru_hash', 4, 4, 1, 1), ENOTSUPP, /LRU maps are always preallocated/],
    [spec('percpu_hash', 4, 4, 1, 4), EINVAL, /per-CPU maps and per-CPU LRU lists do not take BPF_F_NUMA_NODE/],
    [spec('lru_hash', 4, 4, 2, 6), EINVAL, /do not take BPF_F_NUMA_NODE/],
    [spec('hash', 4, 4, 1, 1024), EINVAL, /hash maps do not take flags BPF_F_MMAPABLE/],
    [spec('hash', 2_000_000, 2_200_000, 1), E2BIG, /key_size \+ value_size must stay below 4194256/],
    [spec('percpu_hash', 4, 32768 + 1, 1), E2BIG, /per-CPU values are at most 32768 bytes/],
    [spec('hash', 4, 4, 2 ** 31 + 1, 1), E2BIG, /at most 2\^31 elements/],
    [spec('lpm_trie', 8, 4, 1, 0), EINVAL, /lpm_trie maps need flags BPF_F_NO_PREALLOC \(1\)/],
    [spec('lpm_trie', 4, 4, 1, 1), EINVAL, /key_size 5\.\.260 \(got 4\)/],
    [spec('lpm_trie', 261, 4, 1, 1), EINVAL, /key_size 5\.\.260 \(got 261\)/],
    [spec('lpm_trie', 8, 0, 1, 1), EINVAL, /value_size 1\.\.4194024/],
    [spec('lpm_trie', 8, 4, 1, 65), EINVAL, /lpm_trie maps do not take flags BPF_F_ZERO_SEED/],
    [spec('queue', 4, 4, 1), EINVAL, /queue maps have no keys: key_size must be 0 \(got 4\)/],
    [spec('stack', 0, 4, 0), EINVAL, /stack maps need max_entries > 0/],
    [spec('queue', 0, 4, 1, 1), EINVAL, /queue maps do not take flags BPF_F_NO_PREALLOC/],
    [spec('queue', 0, (1 << 22) + 1, 1), E2BIG, /queue values are at most 4194304 bytes/],
    [spec('ringbuf', 0, 0, 6144), EINVAL, /power of 2 and a multiple of 4096 \(got 6144\)/],
    [spec('ringbuf', 0, 0, 2048), EINVAL, /multiple of 4096 \(got 2048\)/],
    [spec('ringbuf', 4, 0, 4096), EINVAL, /key_size and value_size must be 0/],
    [spec('ringbuf', 0, 0, 4096, 8), EINVAL, /ringbuf maps do not take flags BPF_F_RDONLY/],
    [spec('stack_trace', 4, 12, 1), EINVAL, /value_size a multiple of 8 \(got 12\)/],
    [spec('stack_trace', 4, 1024, 1), EINVAL, /at most 127 frames/],
    [spec('stack_trace', 4, 48, 1, 32), EINVAL, /build-id stack_trace values are 32-byte frames/],
    [spec('stack_trace', 4, 16, 1, 128), EINVAL, /stack_trace maps do not take flags BPF_F_RDONLY_PROG/],
    [spec('array', 4, 4, 1, 1 << 16), EINVAL, /BPF_F_TOKEN_FD needs a BPF token/],
    [spec('array', 4, 1 << 20, 1 << 10), ENOMEM, /bpfiddle allows 268435456/],
    [spec('lru_hash', 4, 4, (1 << 20) + 1), ENOMEM, /bpfiddle allows 1048576/],
  ];
  const named = cases.map(([s, errno, message]) => [`${s.type} key=${s.keySize} value=${s.valueSize} max=${s.maxEntries} flags=${s.flags}`, s, errno, message] as const);
  test.each(named)('rejects %s', (_name, s, errno, message) => {
    const r = createMap(s);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.errno).toBe(errno);
    expect(r.error.message).toMatch(message);
    expect(checkMapSpec(s)).toEqual(r.error);
  });

  test('type checks run before the token check, like map_create', () => {
    expect(checkMapSpec(spec('array', 8, 4, 1, 1 << 16))?.message).toMatch(/key_size 4/);
  });

  test('messages start with the errno name', () => {
    expect(checkMapSpec(spec('array', 8, 4, 1))?.message).toBe('EINVAL: array maps need key_size 4 (got 8)');
    expect(checkMapSpec(spec('lru_hash', 4, 4, 1, 1))?.message).toMatch(/^ENOTSUPP: /);
  });
});
