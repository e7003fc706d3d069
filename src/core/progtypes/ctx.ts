// Context access as the kernel allows and rewrites it: which (offset, size) pairs a program type
// may load or store (the verifier's is_valid_access), and what a load yields after the kernel's
// convert_ctx_access rewriting, including its narrow-load quirk. Turns a program-type row into
// the VM's CtxSpec. The verifier can ask `ctxAccess` the same question the VM does.

import { readLE, writeLE } from '../vm/bytes.js';
import type { CtxEnv, CtxLoadResult, CtxSpec, CtxStoreResult } from '../vm/types.js';
import type { CtxField, CtxLayout, ProgTypeSpec } from './types.js';

/** The field covering byte `off`, if any. */
export function fieldAt(layout: CtxLayout, off: number): CtxField | undefined {
  return layout.fields.find((f) => off >= f.offset && off < f.offset + f.size);
}

/** The kernel's words for a context access it refuses. */
export const invalidCtxAccess = (off: number, size: number): string =>
  `invalid bpf_context access off=${off} size=${size}`;

/**
 * The field an access of `size` bytes at `off` reaches, when the program type may make it; null
 * when the verifier would refuse it ("invalid bpf_context access").
 */
export function ctxAccess(spec: ProgTypeSpec, off: number, size: number, write: boolean): CtxField | null {
  const f = fieldAt(spec.ctx, off);
  if (!f) return null;
  const access = spec.access[f.name];
  if (!access || (write && access !== 'rw')) return null;
  if (off % size !== 0 || off + size > f.offset + f.size) return null;
  switch (f.kind) {
    case 'bytes':
      return f;
    case 'data': case 'data_end': case 'data_meta': case 'sock': case 'flow_keys':
      return !write && off === f.offset && size === f.size ? f : null;
    case 'value':
      if (size === f.size) return off === f.offset ? f : null;
      return !write && f.narrow && size < f.size ? f : null;
  }
}

/**
 * tp_prog_is_valid_access compares `off < sizeof(void *)` unsigned and `off >= PERF_MAX_TRACE_SIZE`
 * signed, so a tracepoint program may read at any negative offset that is a multiple of the size:
 * the kernel accepts it and the load reads whatever memory precedes the record.
 */
export function readsBeforeRecord(spec: ProgTypeSpec, off: number, size: number, write: boolean): boolean {
  return spec.name === 'tracepoint' && !write && off < 0 && off % size === 0;
}

const mask = (bytes: number): bigint => (1n << BigInt(bytes * 8)) - 1n;

/** A load the verifier accepted, as the rewritten instruction computes it. */
function loadField(f: CtxField, off: number, size: number, env: CtxEnv, struct: string): CtxLoadResult {
  switch (f.kind) {
    case 'data': return { ok: true, value: env.packetData };
    case 'data_end': return { ok: true, value: env.packetEnd };
    case 'data_meta': return { ok: true, value: env.packetMeta };
    case 'bytes': return { ok: true, value: readLE(env.bytes, off, size) };
    case 'sock': case 'flow_keys':
      return { ok: false, message: `bpfiddle does not model ${struct}.${f.name} yet` };
    case 'value': {
      const whole = readLE(env.bytes, f.offset, f.size);
      // convert_ctx_accesses shifts and masks only when the access is narrower than the kernel
      // object it loads; otherwise the register gets the whole object, whatever the offset.
      if (size >= f.target) return { ok: true, value: whole };
      return { ok: true, value: (whole >> BigInt((off - f.offset) * 8)) & mask(size) };
    }
  }
}

/** Stores keep what the kernel object can hold; `skipStoreFrom` models queue_mapping's guard. */
function storeField(f: CtxField, off: number, size: number, value: bigint, env: CtxEnv): CtxStoreResult {
  if (f.kind === 'bytes') {
    writeLE(env.bytes, off, size, value);
    return { ok: true };
  }
  const v = BigInt.asUintN(64, value);
  if (f.name === 'queue_mapping' && v >= 0xffffn) return { ok: true }; // NO_QUEUE_MAPPING: store skipped
  writeLE(env.bytes, f.offset, f.size, v & mask(f.target));
  return { ok: true };
}

/**
 * The VM's view of a program type's context, initialised with `init` (the struct image). `size` is
 * the context the run really has when it is shorter than the struct the verifier checks against
 * (a raw tracepoint's ctx_in, a tracepoint's record): accesses past it fault as out of bounds.
 */
export function ctxSpec(spec: ProgTypeSpec, init: Uint8Array, size: number = spec.ctx.size): CtxSpec {
  const struct = spec.ctx.struct;
  return {
    name: struct,
    size,
    init,
    load(off, size, env) {
      const f = ctxAccess(spec, off, size, false);
      if (!f && readsBeforeRecord(spec, off, size, false)) {
        return { ok: false, message: `read of ${size} bytes at off=${off}, before the tracepoint record: the kernel accepts it and reads whatever memory precedes the record, which bpfiddle does not model` };
      }
      return f ? loadField(f, off, size, env, struct) : { ok: false, message: invalidCtxAccess(off, size) };
    },
    store(off, size, value, env) {
      const f = ctxAccess(spec, off, size, true);
      return f ? storeField(f, off, size, value, env) : { ok: false, message: invalidCtxAccess(off, size) };
    },
  };
}

/**
 * bpf_ctx_init: ctx_in padded with zeros to the struct size. Bytes past the struct must be zero
 * (E2BIG otherwise). Returns null for an absent or empty ctx_in.
 */
export function padCtxIn(ctxIn: Uint8Array | null | undefined, size: number): Uint8Array | null | 'E2BIG' {
  if (!ctxIn || ctxIn.length === 0) return null;
  for (let i = size; i < ctxIn.length; i++) if (ctxIn[i] !== 0) return 'E2BIG';
  const out = new Uint8Array(size);
  out.set(ctxIn.subarray(0, size));
  return out;
}
