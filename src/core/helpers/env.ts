// The simulated machine and task a program runs on: what helpers that would read kernel state
// (bpf_get_current_pid_tgid, bpf_ktime_get_ns, bpf_get_smp_processor_id, ...) answer instead.
// Plain data with defaults, part of a run's input so that a run is reproducible and shareable.
//
// Time is deterministic: the clocks start at `monotonicNs` and advance `nsPerInsn` per executed
// instruction, so a clock read at step n returns monotonicNs + n * nsPerInsn whatever the engine,
// and stepping back rewinds time with everything else.

/** INITIAL_JIFFIES: jiffies_64 starts five minutes before wrapping a 32-bit counter. */
export const initialJiffies = (hz: number): bigint => BigInt.asUintN(32, BigInt(-300 * hz));

export interface SimEnv {
  /** The current thread's id (the kernel's pid; the low half of bpf_get_current_pid_tgid). */
  pid: number;
  /** The current process's id (the kernel's tgid; the high half). */
  tgid: number;
  uid: number;
  gid: number;
  /** Task name (bpf_get_current_comm); at most 15 bytes are kept (TASK_COMM_LEN is 16). */
  comm: string;
  /** The CPU the program runs on (bpf_get_smp_processor_id, per-CPU map values). */
  cpu: number;
  /** Possible CPUs: how many values per-CPU maps hold. */
  nCpus: number;
  numaNode: number;
  /** CLOCK_MONOTONIC (bpf_ktime_get_ns) when the run starts, in ns. */
  monotonicNs: bigint;
  /** Time spent suspended: CLOCK_BOOTTIME (bpf_ktime_get_boot_ns) = monotonic + this. */
  suspendNs: bigint;
  /** CLOCK_TAI - CLOCK_MONOTONIC (bpf_ktime_get_tai_ns). */
  taiOffsetNs: bigint;
  /** How far the clocks advance per executed instruction, in ns. */
  nsPerInsn: bigint;
  /** CONFIG_HZ: jiffies per second (bpf_jiffies64 = INITIAL_JIFFIES + monotonic * hz / 1e9). */
  hz: number;
  /** Seed of bpf_get_prandom_u32's generator (the kernel's prandom_u32_state, lfsr113). */
  seed: number;
  /** The opaque address bpf_get_current_task returns. */
  taskAddress: bigint;
  /** The traced function's address, what bpf_get_func_ip returns. */
  funcIp: bigint;
}

export const DEFAULT_ENV: Readonly<SimEnv> = Object.freeze({
  pid: 4242,
  tgid: 4242,
  uid: 0,
  gid: 0,
  comm: 'bpfiddle',
  cpu: 0,
  nCpus: 2,
  numaNode: 0,
  monotonicNs: 1_000_000_000_000n,
  suspendNs: 0n,
  taiOffsetNs: 1_700_000_000_000_000_000n,
  nsPerInsn: 1n,
  hz: 250,
  seed: 1,
  taskAddress: 0xffff888100c80000n,
  funcIp: 0xffffffff81234560n,
});

export type EnvError = { field: keyof SimEnv; message: string };

/** `partial` over the defaults, checked; errors name the field. */
export function makeEnv(partial: Partial<SimEnv> = {}): { ok: true; env: SimEnv } | { ok: false; errors: EnvError[] } {
  const env: SimEnv = { ...DEFAULT_ENV, ...partial };
  const errors: EnvError[] = [];
  const u32 = (field: keyof SimEnv, v: number): void => {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) errors.push({ field, message: `${field} must be an integer in 0..4294967295 (got ${v})` });
  };
  u32('pid', env.pid);
  u32('tgid', env.tgid);
  u32('uid', env.uid);
  u32('gid', env.gid);
  u32('numaNode', env.numaNode);
  u32('seed', env.seed);
  if (!Number.isInteger(env.nCpus) || env.nCpus < 1 || env.nCpus > 256) errors.push({ field: 'nCpus', message: `nCpus must be an integer in 1..256 (got ${env.nCpus})` });
  else if (!Number.isInteger(env.cpu) || env.cpu < 0 || env.cpu >= env.nCpus) errors.push({ field: 'cpu', message: `cpu must be one of the ${env.nCpus} CPUs 0..${env.nCpus - 1} (got ${env.cpu})` });
  if (!Number.isInteger(env.hz) || env.hz < 1 || env.hz > 10000) errors.push({ field: 'hz', message: `hz must be an integer in 1..10000 (got ${env.hz})` });
  for (const f of ['monotonicNs', 'suspendNs', 'taiOffsetNs', 'nsPerInsn', 'taskAddress', 'funcIp'] as const) {
    if (env[f] < 0n || env[f] >= 1n << 64n) errors.push({ field: f, message: `${f} must be an unsigned 64-bit value` });
  }
  if (new TextEncoder().encode(env.comm).length > 15) errors.push({ field: 'comm', message: 'comm holds at most 15 bytes (TASK_COMM_LEN 16 with its NUL)' });
  return errors.length ? { ok: false, errors } : { ok: true, env };
}

/** CLOCK_MONOTONIC after `steps` instructions. */
export const monotonicAt = (env: SimEnv, steps: number): bigint =>
  BigInt.asUintN(64, env.monotonicNs + BigInt(steps) * env.nsPerInsn);

/** jiffies_64 after `steps` instructions. */
export const jiffiesAt = (env: SimEnv, steps: number): bigint =>
  BigInt.asUintN(64, initialJiffies(env.hz) + (monotonicAt(env, steps) * BigInt(env.hz)) / 1_000_000_000n);
