// What helper implementations work on besides the machine: the program's maps and where they
// appear in the VM's address space, the simulated environment, and the per-run state helpers keep
// (the random generator, redirect target, ring buffer reservations). One Runtime serves any number
// of runs; everything that belongs to one run is keyed by that run's memory map.
//
// Addresses: a map pointer (what `r1 = map ll` loads) is MAP_POINTER_BASE + index * 0x1000, where a
// read-only image of the map type's kernel struct (struct bpf_map first) is mapped for each run; map values, ring buffer samples and the keys handed to callbacks are regions mapped
// on first use over the maps' own storage, so a program's stores through a value pointer change
// the map, and the VM's journal undoes them when stepping back.

import type { ProgTypeName } from '../asm/types.js';
import type { Insn } from '../isa/insn.js';
import { isPercpu, progArrayTarget, type BpfMap } from '../maps/index.js';
import { BPF_F_RDONLY_PROG, MAP_TYPE_IDS } from '../maps/constants.js';
import { mapStructImage, mapStructName, taskStructImage } from '../verifier/map-struct.js';
import type { MemoryApi, RegionInfo, TailCallHost, MapHost } from '../vm/types.js';
import { mapDirectValue } from '../maps/index.js';
import type { SimEnv } from './env.js';
import { Prandom } from './prandom.js';

export const MAP_POINTER_BASE = 0xffff888110000000n;
const MAP_POINTER_STRIDE = 0x1000n;

/** Where bpf_redirect / bpf_redirect_map pointed the packet last (struct bpf_redirect_info). */
export interface RedirectInfo {
  ifindex: number;
  flags: bigint;
  /** The map of bpf_redirect_map, or null for bpf_redirect. */
  map: string | null;
}

/** A ring buffer reservation the program holds. */
export interface Reservation {
  map: BpfMap;
  sample: Uint8Array;
  region: RegionInfo;
}

/** Everything one run keeps. */
export class RunState {
  /** Region per value view (views are stable objects, see src/core/maps). */
  readonly values = new WeakMap<Uint8Array, RegionInfo>();
  /** Open ring buffer reservations by sample address. */
  readonly samples = new Map<bigint, Reservation>();
  /** A read-only region per map, holding the key bpf_for_each_map_elem hands its callback. */
  readonly keyRegions = new Map<BpfMap, RegionInfo>();
  rng: Prandom;
  redirect: RedirectInfo | null = null;

  constructor(readonly memory: MemoryApi, env: SimEnv) {
    this.rng = Prandom.seeded(BigInt(env.seed));
  }
}

export class Runtime {
  private readonly runs = new WeakMap<MemoryApi, RunState>();

  constructor(
    readonly maps: readonly BpfMap[],
    readonly env: Readonly<SimEnv>,
    readonly progType: ProgTypeName,
    readonly programs: readonly (readonly Insn[])[],
  ) {}

  run(memory: MemoryApi): RunState {
    let s = this.runs.get(memory);
    if (!s) { s = new RunState(memory, this.env); this.runs.set(memory, s); }
    return s;
  }

  /** The latest run's state, for results (null before any run). */
  mapPointer(index: number): bigint | null {
    return index >= 0 && index < this.maps.length ? MAP_POINTER_BASE + BigInt(index) * MAP_POINTER_STRIDE : null;
  }

  mapAt(addr: bigint): BpfMap | null {
    const off = addr - MAP_POINTER_BASE;
    if (off < 0n || off % MAP_POINTER_STRIDE !== 0n) return null;
    return this.maps[Number(off / MAP_POINTER_STRIDE)] ?? null;
  }

  /** The address of a value view of `map` (the element with `key`), mapping it on first use. */
  valueAddress(memory: MemoryApi, map: BpfMap, view: Uint8Array, key: Uint8Array, cpuOf = map.env.cpu): bigint {
    const run = this.run(memory);
    let r = run.values.get(view);
    if (!r) {
      const cpu = isPercpu(map) ? ` cpu${cpuOf}` : '';
      r = memory.map(`${map.name}[${keyLabel(map, key)}]${cpu}`, 'map_value', view.length, {
        bytes: view, writable: !(map.flags & BPF_F_RDONLY_PROG),
      });
      run.values.set(view, r);
    }
    return r.address;
  }

  /** The hooks a run needs: map loads, tail calls (helpers come from the helper host). */
  mapHost(): MapHost {
    let memory: MemoryApi | null = null;
    return {
      setup: (m) => {
        memory = m;
        this.run(m);
        // What the verifier lets a program read through a map pointer (map-struct.ts).
        this.maps.forEach((map, i) => {
          const image = mapStructImage({ ...map, typeId: MAP_TYPE_IDS[map.type] });
          m.add(`struct ${mapStructName(map.type)} (${map.name})`, 'other', this.mapPointer(i)!, image, false);
        });
        // What bpf_get_current_task_btf's pointer reads (btf-access.ts).
        const env = this.env;
        m.add('struct task_struct (current)', 'other', env.taskAddress,
          taskStructImage({ pid: env.pid, tgid: env.tgid, comm: env.comm, address: env.taskAddress }), false);
      },
      mapPointer: (ref) => this.mapPointer(ref),
      mapValue: (ref, off) => {
        const map = this.maps[ref];
        if (!map || !memory) return null;
        const v = mapDirectValue(map, off);
        if (typeof v === 'number') return null;
        return this.valueAddress(memory, map, v, new Uint8Array(4)) + BigInt(off);
      },
    };
  }

  tailCallHost(): TailCallHost {
    return {
      target: (mapAddr, index) => {
        const map = this.mapAt(mapAddr);
        if (!map || map.type !== 'prog_array') return null;
        const slot = progArrayTarget(map, index);
        return slot === null ? null : this.programs[slot] ?? null;
      },
    };
  }
}

function keyLabel(map: BpfMap, key: Uint8Array): string {
  if (map.type === 'array' || map.type === 'percpu_array') {
    return String((key[0]! | (key[1]! << 8) | (key[2]! << 16) | (key[3]! << 24)) >>> 0);
  }
  return [...key].map((b) => b.toString(16).padStart(2, '0')).join('');
}
