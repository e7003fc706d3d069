// An exhaustive sweep of reads through kernel-struct pointers for the verifier differential: through
// a map pointer of every map type bpfiddle has (check_ptr_to_map_access walks the map type's
// struct) and through bpf_get_current_task_btf's task_struct pointer (check_ptr_to_btf_access),
// every offset from a little before the struct to a little past it, every size, one tiny program
// each. The kernel's and bpfiddle's verdicts and messages must agree on all of them: the layouts are
// data generated from the kernel's BTF (src/core/verifier/map-struct-data.ts) and the walk is a port.
// Used by tests/verifier/unit/map-struct.test.ts.

import { assemble } from '../../src/core/asm/index.js';
import { BTF_ROOTS, BTF_TYPES } from '../../src/core/verifier/map-struct-data.js';
import { kernelStructAccess, mapStructName } from '../../src/core/verifier/map-struct.js';
import type { FuzzProgram } from './fuzz.js';

const MAPS = [
  'array key=4 value=12 max_entries=5', 'hash key=6 value=20 max_entries=10', 'ringbuf key=0 value=0 max_entries=4096',
  'queue key=0 value=8 max_entries=7', 'lpm_trie key=8 value=8 max_entries=16 flags=1', 'stack_trace key=4 value=8 max_entries=4',
];
const SIZES: Readonly<Record<number, string>> = { 1: 'u8', 2: 'u16', 4: 'u32', 8: 'u64' };

const structSize = (root: number): number => {
  const t = BTF_TYPES[root]!;
  return t.kind === 'struct' ? t.size : 0;
};

function program(name: string, src: string): FuzzProgram {
  const r = assemble(src);
  if (!r.ok) throw new Error(`${name}: ${r.errors.map((e) => e.message).join('; ')}`);
  return { name, source: src, recipe: ['btf_sweep'], case: { name, program: r.program, intent: null, about: name } };
}

/** Reads through each map type's pointer at every offset of its struct (`step` apart) and past it. */
export function mapPtrSweep(step = 1): FuzzProgram[] {
  const out: FuzzProgram[] = [];
  for (const decl of MAPS) {
    const type = decl.split(' ')[0]!;
    const size = structSize(BTF_ROOTS[mapStructName(type)]);
    for (let off = -8; off < size + 16; off += off < 0 || off >= size - 8 ? 1 : step) {
      for (const bytes of [1, 2, 4, 8]) {
        const name = `mapptr-${type}-${bytes}-${off}`;
        out.push(program(name, `; ${name}\n.prog kprobe\n.map m ${decl}\n  r1 = m ll\n  r2 = *(${SIZES[bytes]} *)(r1 ${off < 0 ? '-' : '+'} ${Math.abs(off)})\n  r0 = 0\n  exit\n`));
      }
    }
  }
  return out;
}

/** Reads through bpf_get_current_task_btf's pointer at every offset of task_struct (`step` apart). */
export function taskSweep(step = 1): FuzzProgram[] {
  const out: FuzzProgram[] = [];
  const size = structSize(BTF_ROOTS.task_struct);
  for (let off = -8; off < size + 16; off += off < 0 || off >= size - 8 ? 1 : step) {
    for (const bytes of [1, 2, 4, 8]) {
      const name = `task-${bytes}-${off}`;
      out.push(program(name, `; ${name}\n.prog kprobe\n  call bpf_get_current_task_btf\n  r2 = *(${SIZES[bytes]} *)(r0 ${off < 0 ? '-' : '+'} ${Math.abs(off)})\n  r0 = 0\n  exit\n`));
    }
  }
  return out;
}

/**
 * One program per pointer member of task_struct, loaded from bpf_get_current_task_btf's trusted
 * pointer and from an RCU pointer (its real_parent): the loaded register's type and flags (the
 * kernel's trust rules) show in the level-2 log line of the load.
 */
export function taskPointerLoads(): { name: string; off: number; program: FuzzProgram }[] {
  const out: { name: string; off: number; program: FuzzProgram }[] = [];
  const size = structSize(BTF_ROOTS.task_struct);
  for (let off = 0; off < size; off += 8) {
    const r = kernelStructAccess('task_struct', off, 8);
    if (!r?.ok || r.kind !== 'ptr') continue;
    for (const via of ['trusted', 'rcu'] as const) {
      const pre = via === 'rcu' ? '  r0 = *(u64 *)(r0 + 1280)\n' : '';
      const name = `task-ptr-${r.field}-${via}`;
      out.push({ name, off, program: program(name, `; ${name}\n.prog kprobe\n  call bpf_get_current_task_btf\n${pre}  r2 = *(u64 *)(r0 + ${off})\n  r0 = 0\n  exit\n`) });
    }
  }
  return out;
}
