// The kernel oracle for differential tests and benchmarks: builds tools/loader/loader.c with gcc on
// demand (into tools/build/, rebuilt when the source is newer) and drives one long-lived loader
// process that loads programs with bpf(BPF_PROG_LOAD) and runs them with BPF_PROG_TEST_RUN.
// Jobs are pipelined: many can be in flight, answers come back in order. Node-only; never import
// this from src/core.

import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { encodeProgram, type Insn } from '../src/core/isa/insn.js';
import type { MapTypeName, ProgTypeName } from '../src/core/asm/types.js';
import { MAP_TYPE_IDS } from '../src/core/maps/constants.js';
import { PROG_TYPES } from '../src/core/progtypes/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const SOURCE = join(here, 'loader', 'loader.c');
const BUILD_DIR = join(here, 'build');
export const LOADER_PATH = join(BUILD_DIR, 'loader');

/** `enum bpf_prog_type` values of the program types bpfiddle knows by name: the program-type table's. */
export const PROG_TYPE_IDS: Readonly<Record<ProgTypeName, number>> = Object.fromEntries(
  Object.values(PROG_TYPES).map((spec) => [spec.name, spec.kernelId]),
) as Record<ProgTypeName, number>;

/** `enum bpf_map_type` values: the maps module's table. */
export { MAP_TYPE_IDS };

/** Verifier log levels (BPF_LOG_LEVEL1/2, BPF_LOG_STATS), combinable with |. */
export const LOG_LEVEL1 = 1;
export const LOG_LEVEL2 = 2;
export const LOG_STATS = 4;

/** The kernel's own verification time from a log written with LOG_STATS (`verification time N usec`). */
export function verificationTimeUsec(log: string): number | undefined {
  const m = /^verification time (\d+) usec$/m.exec(log);
  return m ? Number(m[1]) : undefined;
}

export interface KernelMap {
  type: MapTypeName | number;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  flags?: number;
  /** Elements stored before the load (BPF_ANY). */
  entries?: readonly { key: Uint8Array; value: Uint8Array }[];
}

export interface KernelJob {
  progType: ProgTypeName | number;
  /** Slots exactly as the kernel sees them; ld_imm64 map references carry the map index in imm. */
  insns: readonly Insn[] | Uint8Array;
  maps?: readonly KernelMap[];
  /** 0 (default), 1, 2, with LOG_STATS or'ed in as wanted. */
  logLevel?: number;
  /** First log buffer size; the loader retries with the kernel's log_true_size on ENOSPC. */
  logSize?: number;
  progFlags?: number;
  expectedAttachType?: number;
  license?: string;
  /** BPF_PROG_TEST_RUN inputs: data_in exactly as test_run takes it, ctx_in when given. */
  dataIn?: Uint8Array;
  ctxIn?: Uint8Array;
  /** Ask for ctx_out when ctxIn is given (default true); raw_tracepoint test runs refuse ctx_out
   * (and any repeat but 0). */
  ctxOut?: boolean;
  repeat?: number;
  /** Test-run after a successful load (default true for run(), false for load()/verify()). */
  run?: boolean;
}

export interface KernelRun {
  ok: boolean;
  errno: number;
  errnoName: string;
  /** The u32 BPF_PROG_TEST_RUN reports; the upper half of r0 is lost (see runWide in wide-r0.ts). */
  retval: number;
  /** Average nanoseconds per repetition. */
  duration: number;
  dataOut: Uint8Array;
  ctxOut: Uint8Array;
}

export interface KernelResult {
  /** Set when the job could not be set up (map creation, bad entry, bad input); nothing was loaded. */
  setupError?: string;
  loaded: boolean;
  errno: number;
  errnoName: string;
  /** The whole verifier log (empty at log level 0). */
  log: string;
  logTrueSize: number;
  run?: KernelRun;
  /** Map contents read back after the run (or the load), one list per job map. */
  maps: { key: Uint8Array; value: Uint8Array }[][];
}

const errnoNames: Map<number, string> = new Map(
  Object.entries(osConstants.errno).map(([name, n]) => [n, name] as [number, string]),
);
export const errnoName = (n: number): string => (n === 0 ? '' : errnoNames.get(n) ?? `E${n}`);

export const toHex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
export const fromHex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));

/** Builds the loader when it is missing or older than its source. Safe against parallel test workers. */
export function ensureLoader(): { ok: true } | { ok: false; why: string } {
  if (!existsSync(SOURCE)) return { ok: false, why: `loader source missing: ${SOURCE}` };
  if (existsSync(LOADER_PATH) && statSync(LOADER_PATH).mtimeMs >= statSync(SOURCE).mtimeMs) return { ok: true };
  mkdirSync(BUILD_DIR, { recursive: true });
  const tmp = `${LOADER_PATH}.${process.pid}.tmp`;
  const cc = spawnSync('gcc', ['-O2', '-Wall', '-o', tmp, SOURCE], { encoding: 'utf8' });
  if (cc.error) return { ok: false, why: `gcc not runnable: ${cc.error.message}` };
  if (cc.status !== 0) return { ok: false, why: `gcc failed: ${cc.stderr.trim()}` };
  renameSync(tmp, LOADER_PATH); // atomic, so a concurrent reader never sees half a binary
  return { ok: true };
}

function jobLine(job: KernelJob, id: number, runDefault: boolean): string {
  const prog = job.insns instanceof Uint8Array ? job.insns : encodeProgram(job.insns);
  const type = typeof job.progType === 'number' ? job.progType : PROG_TYPE_IDS[job.progType];
  const parts = [`id=${id}`, `type=${type}`, `prog=${toHex(prog)}`];
  if (job.logLevel) parts.push(`log=${job.logLevel}`);
  if (job.logSize) parts.push(`logsize=${job.logSize}`);
  if (job.progFlags) parts.push(`flags=${job.progFlags}`);
  if (job.expectedAttachType) parts.push(`attach=${job.expectedAttachType}`);
  if (job.license !== undefined) {
    if (!/^[\x21-\x7e]+$/.test(job.license)) throw new Error(`license must be printable without spaces: ${job.license}`);
    parts.push(`license=${job.license}`);
  }
  (job.maps ?? []).forEach((m, idx) => {
    const t = typeof m.type === 'number' ? m.type : MAP_TYPE_IDS[m.type];
    parts.push(`map=${t},${m.keySize},${m.valueSize},${m.maxEntries},${m.flags ?? 0}`);
    for (const e of m.entries ?? []) parts.push(`entry=${idx},${toHex(e.key)},${toHex(e.value)}`);
  });
  if (job.dataIn) parts.push(`data=${toHex(job.dataIn)}`);
  if (job.ctxIn) parts.push(`ctx=${toHex(job.ctxIn)}`);
  if (job.ctxOut === false) parts.push('ctxout=0');
  if (job.repeat !== undefined) parts.push(`repeat=${job.repeat}`);
  parts.push(`run=${(job.run ?? runDefault) ? 1 : 0}`);
  return parts.join(' ') + '\n';
}

interface RawAnswer {
  id: number;
  error?: string;
  errno?: number;
  load?: { ok: boolean; errno: number };
  log?: string;
  logTrueSize?: number;
  run?: { ok: boolean; errno: number; retval: number; duration: number; data: string; ctx: string };
  maps?: [string, string][][];
}

function toResult(a: RawAnswer): KernelResult {
  if (a.error !== undefined) {
    return { setupError: a.error, loaded: false, errno: a.errno ?? 0, errnoName: errnoName(a.errno ?? 0), log: '', logTrueSize: 0, maps: [] };
  }
  const load = a.load!;
  return {
    loaded: load.ok,
    errno: load.errno,
    errnoName: errnoName(load.errno),
    log: a.log ?? '',
    logTrueSize: a.logTrueSize ?? 0,
    run: a.run && {
      ok: a.run.ok, errno: a.run.errno, errnoName: errnoName(a.run.errno), retval: a.run.retval,
      duration: a.run.duration, dataOut: fromHex(a.run.data), ctxOut: fromHex(a.run.ctx),
    },
    maps: (a.maps ?? []).map((m) => m.map(([k, v]) => ({ key: fromHex(k), value: fromHex(v) }))),
  };
}

/** One long-lived loader process. Not shareable across processes; cheap to start (a few ms). */
export class KernelOracle {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly pending: { id: number; resolve: (r: KernelResult) => void; reject: (e: Error) => void }[] = [];
  private nextId = 1;
  private dead: Error | undefined;

  private constructor() {
    this.proc = spawn(LOADER_PATH, [], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    this.proc.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const fail = (why: string): void => {
      this.dead ??= new Error(`kernel loader ${why}${stderr ? `: ${stderr.trim()}` : ''}`);
      for (const p of this.pending.splice(0)) p.reject(this.dead);
    };
    this.proc.on('error', (e) => fail(`failed: ${e.message}`));
    this.proc.on('exit', (code, sig) => fail(`exited (${sig ?? code})`));
    this.proc.stdin.on('error', (e) => fail(`stdin: ${e.message}`));
    createInterface({ input: this.proc.stdout }).on('line', (line) => {
      const p = this.pending.shift();
      if (!p) return;
      const a = JSON.parse(line) as RawAnswer;
      if (a.id !== p.id) p.reject(new Error(`kernel loader answered job ${a.id}, expected ${p.id}`));
      else p.resolve(toResult(a));
    });
  }

  /** Builds the loader if needed and starts it. Throws when it cannot be built (check kernelAvailable first). */
  static start(): KernelOracle {
    const built = ensureLoader();
    if (!built.ok) throw new Error(built.why);
    return new KernelOracle();
  }

  private submit(job: KernelJob, runDefault: boolean): Promise<KernelResult> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    const line = jobLine(job, id, runDefault);
    return new Promise((resolve, reject) => {
      this.pending.push({ id, resolve, reject });
      this.proc.stdin.write(line);
    });
  }

  /** Load and test-run; `result.run` is set when the load succeeded. */
  run(job: KernelJob): Promise<KernelResult> { return this.submit(job, true); }
  /** Load only (the verdict and, at logLevel > 0, the log). */
  load(job: KernelJob): Promise<KernelResult> { return this.submit(job, false); }
  /** Load only, with the level-2 log unless the job asks for another level. */
  verify(job: KernelJob): Promise<KernelResult> { return this.submit({ logLevel: LOG_LEVEL2, ...job }, false); }
  /** Many jobs at once, pipelined; answers in job order. */
  runAll(jobs: readonly KernelJob[]): Promise<KernelResult[]> { return Promise.all(jobs.map((j) => this.run(j))); }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) { resolve(); return; }
      this.proc.once('exit', () => resolve());
      this.proc.stdin.end();
    });
  }
}

let availability: { ok: true } | { ok: false; why: string } | undefined;

/**
 * Whether the kernel oracle works here: gcc builds the loader, and the loader can load and test-run
 * a trivial socket filter (needs root or CAP_BPF + CAP_NET_ADMIN, and a kernel with bpf()).
 * Cached per process.
 */
export function kernelAvailable(): { ok: true } | { ok: false; why: string } {
  if (availability) return availability;
  if (process.platform !== 'linux') return (availability = { ok: false, why: `not Linux (${process.platform})` });
  const built = ensureLoader();
  if (!built.ok) return (availability = built);
  const trivial = 'id=1 type=1 prog=b7000000070000009500000000000000 data=' + '00'.repeat(64) + '\n';
  const r = spawnSync(LOADER_PATH, [], { input: trivial, encoding: 'utf8', timeout: 10_000 });
  if (r.error) return (availability = { ok: false, why: `loader not runnable: ${r.error.message}` });
  let a: RawAnswer;
  try {
    a = JSON.parse(r.stdout.split('\n')[0] ?? '') as RawAnswer;
  } catch {
    return (availability = { ok: false, why: `loader answered garbage: ${r.stdout.slice(0, 200)}` });
  }
  if (!a.load?.ok) {
    const e = a.load?.errno ?? a.errno ?? 0;
    return (availability = { ok: false, why: `bpf(BPF_PROG_LOAD) of a trivial program failed: ${errnoName(e)} (need root or CAP_BPF)` });
  }
  if (!a.run?.ok || a.run.retval !== 7) {
    return (availability = { ok: false, why: `BPF_PROG_TEST_RUN failed: ${errnoName(a.run?.errno ?? 0)}` });
  }
  return (availability = { ok: true });
}
