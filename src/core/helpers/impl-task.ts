// Helpers that read the task, CPU, clocks and random numbers: answered from SimEnv (see env.ts
// for how time advances) and the run's seeded generator.

import type { HelperResult } from '../vm/types.js';
import { BPF_MAX_LOOPS } from '../vm/types.js';
import type { Call } from './call.js';
import { jiffiesAt, monotonicAt } from './env.js';

const mono = (c: Call): bigint => monotonicAt(c.rt.env, c.api.steps);
const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);

export const ktimeGetNs = (c: Call): bigint => mono(c);
export const ktimeGetBootNs = (c: Call): bigint => u64(mono(c) + c.rt.env.suspendNs);
export const ktimeGetTaiNs = (c: Call): bigint => u64(mono(c) + c.rt.env.taiOffsetNs);
/** ktime_get_coarse_ns: the clock as of the last timer tick. */
export function ktimeGetCoarseNs(c: Call): bigint {
  const tick = 1_000_000_000n / BigInt(c.rt.env.hz);
  const t = mono(c);
  return t - (t % tick);
}
export const jiffies64 = (c: Call): bigint => jiffiesAt(c.rt.env, c.api.steps);

export function prandomU32(c: Call): bigint {
  const run = c.run;
  const old = run.rng;
  const [v, next] = old.next();
  run.rng = next;
  c.api.onUndo(() => { run.rng = old; });
  return BigInt(v >>> 0);
}

export const smpProcessorId = (c: Call): bigint => BigInt(c.rt.env.cpu);
export const numaNodeId = (c: Call): bigint => BigInt(c.rt.env.numaNode);
export const currentPidTgid = (c: Call): bigint => (BigInt(c.rt.env.tgid) << 32n) | BigInt(c.rt.env.pid);
export const currentUidGid = (c: Call): bigint => (BigInt(c.rt.env.gid) << 32n) | BigInt(c.rt.env.uid);
export const currentTask = (c: Call): bigint => c.rt.env.taskAddress;
export const funcIp = (c: Call): bigint => c.rt.env.funcIp;

/** bpf_get_current_comm(buf, size): strscpy_pad of the 16-byte task->comm into buf. */
export function currentComm(c: Call): bigint {
  const size = c.u32(2);
  const comm = new TextEncoder().encode(c.rt.env.comm).subarray(0, 15);
  const out = new Uint8Array(size);
  out.set(comm.subarray(0, Math.max(0, size - 1)));
  c.write(c.arg(1), out);
  return 0n;
}

/**
 * bpf_loop(nr_loops, callback, ctx, flags): callback(i, ctx) for i = 0.. until it returns
 * non-zero; returns the number of calls. -EINVAL for flags.
 *
 * With flags 0 the verifier inlines the call (inline_bpf_loop), and the inlined code differs from
 * the helper: it compares all 64 bits of nr_loops with BPF_MAX_LOOPS and returns -E2BIG as a
 * 32-bit value (0xfffffff9). Measured: the running kernel answers exactly that.
 */
export function loop(c: Call): HelperResult {
  const target = c.callbackSlot(2);
  const ctx = c.arg(3);
  if (c.arg(4) !== 0n) return { r0: u64(-22n) };
  const n64 = c.arg(1);
  if (n64 > BigInt(BPF_MAX_LOOPS)) return { r0: 0xfffffff9n };
  const n = Number(n64);
  const from = (i: number): HelperResult => (i >= n ? { r0: BigInt(i) } : {
    callback: { target, args: [BigInt(i), ctx, 0n, 0n, 0n] },
    then: (r0) => (r0 !== 0n ? { r0: BigInt(i + 1) } : from(i + 1)),
  });
  return from(0);
}
