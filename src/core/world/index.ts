// createWorld: a program's maps, environment and hooks, ready to run in the VM. Map declarations
// become maps (creation errors point at the declaration), initial contents go in through the
// syscall path, and the helper host, map host and tail-call host are wired to them. After a run,
// `collect` gathers what the program left behind.

import type { AsmProgram } from '../asm/types.js';
import { DEFAULT_ENV, makeEnv } from '../helpers/env.js';
import { helperHost } from '../helpers/host.js';
import { packetRoom } from '../helpers/impl-skb.js';
import { Runtime } from '../helpers/runtime.js';
import {
  createMap, createMapEnv, dumpMap, loadMap, perfEventRecords, ringbufRecords, type BpfMap,
} from '../maps/index.js';
import { run as vmRun, Session, type MemoryApi, type RunOptions, type RunResult } from '../vm/index.js';
import type { CreateWorldResult, VmOptions, World, WorldError, WorldInput, WorldOutputs, WorldRun } from './types.js';

export type * from './types.js';

export function createWorld(program: AsmProgram, input: WorldInput = {}): CreateWorldResult {
  const errors: WorldError[] = [];
  const envResult = makeEnv(input.env);
  if (!envResult.ok) for (const e of envResult.errors) errors.push({ message: `env: ${e.message}` });
  const env = envResult.ok ? envResult.env : { ...DEFAULT_ENV };

  const mapEnv = createMapEnv(env.nCpus);
  mapEnv.cpu = env.cpu;
  const maps: BpfMap[] = [];
  for (const decl of program.maps) {
    const r = createMap(decl, mapEnv);
    if (!r.ok) errors.push({ message: `map ${decl.name}: ${r.error.message}`, map: decl.name, span: decl.span });
    else maps.push(r.map);
  }
  if (errors.length) return { ok: false, errors };

  for (const [name, entries] of Object.entries(input.maps ?? {})) {
    const map = maps.find((m) => m.name === name);
    if (!map) {
      errors.push({ message: `initial contents for ${name}, but the program declares no map of that name`, map: name });
      continue;
    }
    const r = loadMap(map, entries);
    if (!r.ok) {
      const decl = program.maps.find((d) => d.name === name);
      errors.push({ message: `map ${name}: ${r.error.message}`, map: name, ...(decl ? { span: decl.span } : {}) });
    }
  }
  if (errors.length) return { ok: false, errors };

  const rt = new Runtime(maps, env, program.progType, input.programs ?? []);
  // Helpers that grow the packet need the room reserved in the VM's fixed-size packet buffer.
  const run = input.run ? packetRoom(program.progType, input.run) : undefined;
  return { ok: true, world: new WorldImpl(program, run ? { ...input, run } : input, rt) };
}

class WorldImpl implements World {
  /** The memory of the latest run or session, for run-specific results (the redirect target). */
  private lastMemory: MemoryApi | null = null;

  constructor(readonly program: AsmProgram, private readonly inputs: WorldInput, private readonly rt: Runtime) {}

  get env() { return this.rt.env; }
  get maps() { return this.rt.maps; }
  get input() { return this.inputs.run ?? {}; }

  runOptions(opts: VmOptions = {}): RunOptions {
    const mapHost = this.rt.mapHost();
    const setup = mapHost.setup!;
    return {
      ...opts,
      helpers: helperHost(this.rt),
      maps: { ...mapHost, setup: (memory) => { this.lastMemory = memory; setup(memory); } },
      tailCalls: this.rt.tailCallHost(),
    };
  }

  run(opts: VmOptions = {}): WorldRun {
    return this.collect(vmRun(this.program.insns, this.input, this.runOptions(opts)));
  }

  session(opts: VmOptions = {}): Session {
    return new Session(this.program.insns, this.input, this.runOptions(opts));
  }

  outputs(): WorldOutputs {
    return {
      maps: this.maps.map((m) => ({ name: m.name, type: m.type, entries: dumpMap(m) })),
      ringbuf: this.maps.filter((m) => m.type === 'ringbuf').map((m) => ({ map: m.name, records: ringbufRecords(m) })),
      perfEvents: this.maps.filter((m) => m.type === 'perf_event_array')
        .flatMap((m) => perfEventRecords(m).map((r) => ({ map: m.name, cpu: r.cpu, data: r.data.slice() }))),
      redirect: this.lastMemory ? this.rt.run(this.lastMemory).redirect : null,
    };
  }

  collect(result: RunResult): WorldRun {
    return { ...result, ...this.outputs() };
  }
}
