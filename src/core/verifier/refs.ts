// Reference tracking (acquire_reference / release_reference): objects a helper hands out that must
// be given back on every path (ringbuf records reserved with bpf_ringbuf_reserve, released by
// submit or discard), and the leak check at program exit, tail calls and LD_ABS.

import { EINVAL, type Ret } from './env.js';
import { NOT_INIT } from './regs.js';
import type { Cur } from './state.js';
import type { Walk } from './walk.js';

/** acquire_reference: a new reference id, remembered with the acquiring instruction. */
export function acquireReference(w: Walk, insnIdx: number): number {
  const id = ++w.env.idGen;
  w.cur.setRefs([...w.cur.st.refs, { id, insnIdx }]);
  return id;
}

/** release_reference_nomark: forget the reference state (EINVAL when there is none). */
export function releaseReferenceNomark(c: Cur, id: number): Ret {
  const i = c.st.refs.findIndex((r) => r.id === id);
  if (i < 0) return EINVAL;
  c.setRefs(c.st.refs.filter((_, j) => j !== i));
  return 0;
}

/** release_reference: also invalidates every register holding it (mark_reg_invalid; root: unknown). */
export function releaseReference(w: Walk, id: number, allowPtrLeaks = true): Ret {
  const err = releaseReferenceNomark(w.cur, id);
  if (err) return err;
  w.cur.mapRegs((r) => (r.refObjId === id ? (allowPtrLeaks ? { ...NOT_INIT, type: 'scalar' } : NOT_INIT) : r));
  return 0;
}

/** check_resource_leak (references only: bpfiddle has no locks). */
export function checkResourceLeak(w: Walk, prefix: string, exceptionExit = false): Ret {
  if (!exceptionExit && w.cur.curframe) return 0;
  const refs = w.cur.st.refs;
  if (!refs.length) return 0;
  for (const r of refs) w.env.err(`Unreleased reference id=${r.id} alloc_insn=${r.insnIdx}`);
  w.env.err(`${prefix} would lead to reference leak`);
  return EINVAL;
}
