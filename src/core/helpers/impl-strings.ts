// Helpers that format, compare and copy strings and memory: bpf_trace_printk, bpf_snprintf,
// bpf_strncmp and the bpf_probe_read family. Probe reads of kernel memory read the VM's memory
// (every VM region is a kernel address); the simulated task has no user memory, so user reads
// fail with -EFAULT like reads of unmapped user pages.

import type { Call } from './call.js';
import {
  MAX_BPRINTF_BUF, MAX_BPRINTF_VARARGS, MAX_TRACE_PRINTK_VARARGS, TASK_SIZE, bprintfPrepare, bstrPrintf, copyString,
  kernelAddressAllowed,
} from './printf.js';

const neg = (e: number): bigint => BigInt.asUintN(64, BigInt(-e));
const EINVAL = 22;
const EFAULT = 14;
const ERANGE = 34;

/** bpf_trace_printk(fmt, fmt_size, arg1, arg2, arg3): prints a line; returns its length. */
export function tracePrintk(c: Call): bigint {
  const size = c.u32(2);
  const fmtMem = c.read(c.arg(1), size);
  const nul = fmtMem.indexOf(0);
  if (nul < 0) return neg(EINVAL);
  const fmt = fmtMem.subarray(0, nul);
  const prep = bprintfPrepare(fmt, [c.arg(3), c.arg(4), c.arg(5)].slice(0, MAX_TRACE_PRINTK_VARARGS), c);
  if (!prep.ok) return neg(prep.errno);
  const text = bstrPrintf(fmt, prep.args);
  const line = text.subarray(0, MAX_BPRINTF_BUF - 1);
  // The trace event ends every message with a newline of its own; one the program wrote is
  // dropped so that "hello\n" is the line "hello".
  const shown = line.length && line[line.length - 1] === 10 ? line.subarray(0, line.length - 1) : line;
  c.api.print(String.fromCharCode(...shown));
  return BigInt(text.length);
}

/** bpf_snprintf(str, str_size, fmt, data, data_len): returns the length of the whole text + 1. */
export function snprintf(c: Call): bigint {
  const strSize = c.u32(2);
  const dataLen = c.u32(5);
  if (dataLen % 8 || dataLen > MAX_BPRINTF_VARARGS * 8 || (dataLen && c.arg(4) === 0n)) return neg(EINVAL);
  const fmt = c.constString(3);
  const data = c.read(c.arg(4), dataLen);
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const args = Array.from({ length: dataLen / 8 }, (_, k) => dv.getBigUint64(k * 8, true));
  const prep = bprintfPrepare(fmt, args, c);
  if (!prep.ok) return neg(prep.errno);
  const text = bstrPrintf(fmt, prep.args);
  if (strSize > 0) {
    const n = Math.min(text.length, strSize - 1);
    const out = new Uint8Array(n + 1);
    out.set(text.subarray(0, n));
    c.write(c.arg(1), out);
  }
  return BigInt(text.length + 1);
}

/** bpf_strncmp(s1, s1_sz, s2): the kernel's strncmp(s1, s2, s1_sz): -1, 0 or 1. */
export function strncmp(c: Call): bigint {
  const n = c.u32(2);
  const s1 = c.read(c.arg(1), n);
  const s2 = c.constString(3);
  for (let i = 0; i < n; i++) {
    const a = s1[i]!;
    const b = i < s2.length ? s2[i]! : 0;
    if (a !== b) return a < b ? neg(1) : 1n;
    if (a === 0) break;
  }
  return 0n;
}

/** bpf_probe_read_kernel(dst, size, src): 0, -ERANGE for user addresses, -EFAULT when unreadable. */
export function probeReadKernel(c: Call): bigint {
  return readInto(c, 'kernel');
}

/** bpf_probe_read_user: the simulated task has no user memory. */
export function probeReadUser(c: Call): bigint {
  return readInto(c, 'user');
}

/** bpf_probe_read (the old helper): user or kernel depending on the address, as on x86-64. */
export function probeReadCompat(c: Call): bigint {
  return readInto(c, c.arg(3) < TASK_SIZE ? 'user' : 'kernel');
}

function readInto(c: Call, space: 'kernel' | 'user'): bigint {
  const dst = c.arg(1);
  const size = c.u32(2);
  const src = c.arg(3);
  let err = 0;
  let bytes: Uint8Array | null = null;
  if (space === 'kernel') {
    if (!kernelAddressAllowed(src, size)) err = ERANGE;
    else if (size > 0 && !(bytes = c.tryRead(src, size))) err = EFAULT;
  } else if (size > 0 || src >= TASK_SIZE) {
    err = EFAULT;
  }
  c.write(dst, err ? new Uint8Array(size) : bytes ?? new Uint8Array(0));
  return err ? neg(err) : 0n;
}

export const probeReadKernelStr = (c: Call): bigint => readStr(c, 'kernel');
export const probeReadUserStr = (c: Call): bigint => readStr(c, 'user');
export const probeReadCompatStr = (c: Call): bigint => readStr(c, c.arg(3) < TASK_SIZE ? 'user' : 'kernel');

/** The _str variants: the string with its NUL, truncated to size; the length with the NUL. */
function readStr(c: Call, space: 'kernel' | 'user'): bigint {
  const dst = c.arg(1);
  const size = c.u32(2);
  if (size === 0) return 0n;
  const r = copyString(c, c.arg(3), size, space);
  if (!r.ok) {
    c.write(dst, new Uint8Array(size));
    return neg(r.errno);
  }
  const out = new Uint8Array(r.bytes.length + 1);
  out.set(r.bytes);
  c.write(dst, out);
  return BigInt(out.length);
}
