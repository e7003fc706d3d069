// Reads through BTF pointers to kernel structs (PTR_TO_BTF_ID), as check_ptr_to_btf_access does
// them for the structs bpfiddle has the layout of (task_struct, from bpf_get_current_task_btf):
// the BTF walk of map-struct.ts decides scalar, pointer or refusal, and the trust of a loaded
// pointer follows the kernel's rules: walking an untrusted pointer stays untrusted; from a trusted
// or RCU pointer, the fields the kernel lists as safe (BTF_TYPE_SAFE_TRUSTED/RCU and their
// _OR_NULL variants) keep trust, every other pointer becomes a plain (compat) PTR_TO_BTF_ID.
// This kernel's BTF carries no __rcu/__user/__percpu type tags, so no flag comes from the member.
// bpfiddle's programs are not sleepable, so they always run inside the RCU read section.

import { EACCES, type Ret } from './env.js';
import { kernelStructAccess } from './map-struct.js';
import { MEM_RCU, MEM_RDONLY, PTR_MAYBE_NULL, PTR_TRUSTED, PTR_UNTRUSTED, UNKNOWN_SCALAR, ptrReg, type Reg } from './regs.js';
import { tnumIsConst, tnumStrn } from './tnum.js';
import type { Walk } from './walk.js';

/** The kernel's safe-field lists (verifier.c, 6.18) for the structs bpfiddle can walk. */
const SAFE_TRUSTED: Readonly<Record<string, readonly string[]>> = {};
const SAFE_TRUSTED_OR_NULL: Readonly<Record<string, readonly string[]>> = {};
const SAFE_RCU: Readonly<Record<string, readonly string[]>> = {
  task_struct: ['cpus_ptr', 'cgroups', 'real_parent', 'group_leader'],
};
const SAFE_RCU_OR_NULL: Readonly<Record<string, readonly string[]>> = {};

const listed = (lists: Readonly<Record<string, readonly string[]>>, struct: string, field: string): boolean =>
  lists[struct]?.includes(field) ?? false;

/**
 * check_ptr_to_btf_access for a read of `size` bytes at `off` through `reg` into `valueRegno`.
 * Returns null when bpfiddle has no layout for the struct (the caller refuses in its own words).
 */
export function checkPtrToBtfAccess(w: Walk, reg: Reg, regno: number, off: number, size: number, write: boolean, valueRegno: number): Ret | null {
  const { env } = w;
  const tname = reg.btfName ?? '';
  const probe = kernelStructAccess(tname, 0, 1);
  if (!probe) return null;
  if (off < 0) {
    env.err(`R${regno} is ptr_${tname} invalid negative access: off=${off}`);
    return EACCES;
  }
  if (!tnumIsConst(reg.s.varOff) || reg.s.varOff.value) {
    env.err(`R${regno} is ptr_${tname} invalid variable offset: off=${off}, var_off=${tnumStrn(reg.s.varOff)}`);
    return EACCES;
  }
  if (write) {
    env.err('only read is supported');
    return EACCES;
  }
  const res = kernelStructAccess(tname, off, size)!;
  if (!res.ok) {
    env.err(res.message);
    return EACCES;
  }
  if (valueRegno < 0) return 0;
  if (res.kind === 'scalar') {
    w.cur.setReg(valueRegno, UNKNOWN_SCALAR);
    return 0;
  }
  if (res.to === null) {
    w.cur.setReg(valueRegno, ptrReg('mem', { flags: MEM_RDONLY | PTR_UNTRUSTED, memSize: 0 }));
    return 0;
  }
  let flags = res.untrusted ? PTR_UNTRUSTED : 0;
  if (reg.flags & PTR_UNTRUSTED) {
    flags = PTR_UNTRUSTED;
  } else if (reg.flags & (PTR_TRUSTED | MEM_RCU)) {
    if (listed(SAFE_TRUSTED, tname, res.field)) flags |= PTR_TRUSTED;
    else if (listed(SAFE_TRUSTED_OR_NULL, tname, res.field)) flags |= PTR_TRUSTED | PTR_MAYBE_NULL;
    else if (!(reg.flags & PTR_MAYBE_NULL)) {
      if (listed(SAFE_RCU, tname, res.field)) flags |= MEM_RCU;
      else if (listed(SAFE_RCU_OR_NULL, tname, res.field)) flags |= MEM_RCU | PTR_MAYBE_NULL;
    } else {
      flags = PTR_UNTRUSTED;
    }
  }
  let r = ptrReg('btf_id', { flags, btfName: res.to });
  if (flags & PTR_MAYBE_NULL) r = { ...r, id: ++env.idGen };
  w.cur.setReg(valueRegno, r);
  return 0;
}
