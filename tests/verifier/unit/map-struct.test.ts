// Reads through map pointers (src/core/verifier/map-struct.ts): the struct layouts are the running
// kernel's (map-struct-data.ts must match /sys/kernel/btf/vmlinux), the BTF walk answers like
// btf_struct_walk, and the VM's image of each map's struct reads back what the kernel's struct
// holds: a program returning a field gets the same value from BPF_PROG_TEST_RUN and from the VM.
// Pointers loaded from task_struct get the kernel's register type and trust flags.

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../../src/core/helpers/index.js';
import { makeRunInput } from '../../../src/core/progtypes/index.js';
import { BTF_ROOTS } from '../../../src/core/verifier/map-struct-data.js';
import { mapPtrAccess, mapStructName, memberOffset } from '../../../src/core/verifier/map-struct.js';
import { generateMapStructData, MAP_STRUCT_DATA_PATH } from '../../../tools/verifier/map-struct-gen.js';
import { asm } from '../../helpers/harness.js';
import { kernel, kernelIt } from '../../kernel/oracle.js';
import { LOG_LEVEL2 } from '../../../tools/kernel.js';
import { verify } from '../../../src/core/verifier/index.js';
import { taskPointerLoads } from '../../../tools/verifier/btf-sweep.js';

describe('map pointer reads: the BTF walk', () => {
  it('refuses reads that straddle a member, fall in a hole, cut a pointer or leave the struct', () => {
    const sha = memberOffset(BTF_ROOTS.bpf_map, 'sha')!;
    const bad = mapPtrAccess('hash', sha.off + sha.size - 1, 2);
    expect(bad.ok ? '' : bad.message).toMatch(/^access beyond the end of member sha \(mend:\d+\) in struct bpf_map with off \d+ size 2$/);
    const ops = memberOffset(BTF_ROOTS.bpf_map, 'ops')!;
    const part = mapPtrAccess('array', ops.off, 4);
    expect(part.ok ? '' : part.message).toBe(`cannot access ptr member ops with moff ${ops.off} in struct bpf_map with off ${ops.off} size 4`);
    const past = mapPtrAccess('hash', 4096, 8);
    expect(past.ok ? '' : past.message).toBe('access beyond struct bpf_htab at off 4096 size 8');
  });

  it('gives scalars for integer members and typed pointers for struct pointer members', () => {
    const max = memberOffset(BTF_ROOTS.bpf_map, 'max_entries')!;
    expect(mapPtrAccess('array', max.off, 4)).toEqual({ ok: true, kind: 'scalar' });
    expect(mapPtrAccess('array', max.off, 1)).toEqual({ ok: true, kind: 'scalar' });
    const inner = memberOffset(BTF_ROOTS.bpf_map, 'inner_map_meta')!;
    expect(mapPtrAccess('hash', inner.off, 8)).toEqual({ ok: true, kind: 'ptr', to: 'bpf_map', untrusted: false, field: 'inner_map_meta' });
    expect(mapStructName('percpu_array')).toBe('bpf_array');
    expect(mapStructName('lru_percpu_hash')).toBe('bpf_htab');
  });
});

describe('map pointer reads against the running kernel', () => {
  kernelIt('the committed layouts are the running kernel\'s BTF', async () => {
    if (!existsSync('/sys/kernel/btf/vmlinux')) {
      console.log('skipped: no /sys/kernel/btf/vmlinux');
      return;
    }
    expect(generateMapStructData(), 'regenerate with `npx tsx tools/verifier/map-struct-gen.ts`').toBe(readFileSync(MAP_STRUCT_DATA_PATH, 'utf8'));
  });

  const maps = [
    'array key=4 value=12 max_entries=5', 'percpu_array key=4 value=8 max_entries=3', 'hash key=6 value=20 max_entries=10',
    'percpu_hash key=4 value=8 max_entries=4', 'lru_hash key=8 value=8 max_entries=33', 'ringbuf key=0 value=0 max_entries=4096',
    'queue key=0 value=8 max_entries=7', 'prog_array key=4 value=4 max_entries=2', 'lpm_trie key=8 value=8 max_entries=16 flags=1',
  ];
  // Not bpf_map.name: the oracle's loader creates its maps unnamed, bpfiddle's image carries the
  // declared name (as libbpf would set it).
  const fields = ['map_type', 'key_size', 'value_size', 'max_entries', 'map_flags'];
  const extra: Record<string, string[]> = { bpf_array: ['elem_size', 'index_mask'], bpf_htab: ['n_buckets', 'elem_size'] };

  kernelIt('programs reading struct fields through a map pointer get the kernel\'s values in the VM', async () => {
    const dataIn = new Uint8Array(64);
    const diffs: string[] = [];
    let checked = 0;
    for (const decl of maps) {
      const type = decl.split(' ')[0]!;
      const struct = mapStructName(type);
      const root = BTF_ROOTS[struct];
      const base = struct === 'bpf_map' ? '' : 'map.';
      for (const field of [...fields.map((f) => base + f), ...(extra[struct] ?? [])]) {
        const at = memberOffset(root, field)!;
        expect(at, `${struct}.${field}`).not.toBeNull();
        const src = `.prog xdp\n.map m ${decl}\n  r1 = m ll\n  r0 = *(u32 *)(r1 + ${at.off})\n  exit\n`;
        const program = asm(src);
        const k = await kernel().run({ progType: 'xdp', insns: program.insns, maps: program.maps, dataIn });
        expect(k.loaded, `${decl} ${field}: ${k.log}`).toBe(true);
        const input = makeRunInput('xdp', { dataIn });
        if (!input.ok) throw new Error(input.error.message);
        const w = createWorld(program, { run: input.run.input });
        if (!w.ok) throw new Error(w.errors.map((e) => e.message).join('\n'));
        const r = w.world.run();
        const vm = r.exit === 'exit' ? Number(BigInt.asUintN(32, r.r0)) : `${r.exit}: ${r.fault?.message}`;
        checked++;
        if (vm !== k.run?.retval) diffs.push(`${decl}: ${struct}.${field} kernel ${k.run?.retval} bpfiddle ${vm}`);
      }
    }
    console.log(`map struct fields: ${checked} reads, ${checked - diffs.length} equal`);
    expect(diffs).toEqual([]);
  }, 60_000);
});

describe('task_struct pointers against the running kernel', () => {
  kernelIt('every pointer member loaded from a trusted or an RCU task_struct pointer gets the kernel\'s type and trust', async () => {
    const loads = taskPointerLoads();
    expect(loads.length).toBeGreaterThan(100);
    const diffs: string[] = [];
    for (const { name, off, program: p } of loads) {
      const prog = p.case.program;
      const k = await kernel().load({ progType: 'kprobe', insns: prog.insns, maps: [], logLevel: LOG_LEVEL2 });
      const b = verify({ insns: prog.insns, maps: [], progType: 'kprobe' }, { logLevel: 2 });
      const line = (log: string): string | undefined => log.split('\n').find((l) => l.includes(`r2 = *(u64 *)(r0 +${off})`));
      if (line(k.log) === undefined || line(k.log) !== line(b.log)) diffs.push(`${name}: kernel ${line(k.log)} | bpfiddle ${line(b.log)}`);
    }
    console.log(`task_struct pointer loads: ${loads.length}, ${loads.length - diffs.length} identical`);
    expect(diffs).toEqual([]);
  }, 120_000);
});
