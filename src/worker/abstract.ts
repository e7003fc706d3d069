// The verifier's abstract state at one instruction, for the Registers and Stack panes in verify
// mode: each register and stack slot in the kernel's own notation (print_reg_state, from the
// verifier's log module, so it matches the log byte for byte) and in plain words for people who do
// not read verifier logs yet.

import { valueView } from '../core/flow/value.js';
import { formatReg, formatSlot } from '../core/verifier/log.js';
import type { Reg } from '../core/verifier/regs.js';
import { regTypeStr, PTR_MAYBE_NULL } from '../core/verifier/regs.js';
import type { Slot } from '../core/verifier/stack.js';
import type { VerifierState } from '../core/verifier/state.js';
import { tnumIsConst } from '../core/verifier/tnum.js';
import type { AbstractFrame } from './protocol.js';

const S64_MAX = (1n << 63n) - 1n;
const S64_MIN = -(1n << 63n);
const U64_MAX = (1n << 64n) - 1n;

function scalarWords(r: Reg): string {
  const s = r.s;
  if (tnumIsConst(s.varOff)) return `the number ${BigInt.asIntN(64, s.varOff.value)}`;
  const parts: string[] = [];
  if (s.umin === 0n && s.umax === U64_MAX && s.smin === S64_MIN && s.smax === S64_MAX) {
    if (s.u32max !== 0xffffffff || s.u32min !== 0) parts.push(`a number whose low 32 bits are ${s.u32min}..${s.u32max}`);
    else return 'a number the verifier knows nothing about';
  } else if (s.smin >= 0n || s.umax <= S64_MAX) {
    parts.push(`a number between ${s.umin} and ${s.umax}`);
  } else if (s.smin !== S64_MIN || s.smax !== S64_MAX) {
    parts.push(`a signed number between ${s.smin} and ${s.smax}`);
  } else {
    parts.push(`an unsigned number between ${s.umin} and ${s.umax}`);
  }
  const known = ~s.varOff.mask & U64_MAX;
  if (known !== 0n && s.varOff.mask < (1n << 32n)) parts.push(`only the low ${s.varOff.mask.toString(2).length} bits can vary`);
  return parts.join('; ');
}

function offsetWords(r: Reg): string {
  const varConst = tnumIsConst(r.s.varOff);
  const fixed = r.off + (varConst ? Number(BigInt.asIntN(64, r.s.varOff.value)) : 0);
  const v = varConst ? '' : ` plus a variable offset (${scalarWords({ ...r, type: 'scalar' }).replace(/^a number/, 'a number')})`;
  return `${fixed >= 0 ? '+' : ''}${fixed}${v}`;
}

/** A register in plain words. */
export function regWords(r: Reg): string {
  const maybeNull = (r.flags & PTR_MAYBE_NULL) !== 0 ? ', or NULL: compare it with 0 before using it' : '';
  switch (r.type) {
    case 'not_init': return 'not initialised: reading it is an error';
    case 'scalar': return scalarWords(r);
    case 'ctx': return `pointer to the program's context${r.off ? `, offset ${r.off}` : ''}`;
    case 'stack': return `pointer into the stack, fp${offsetWords(r)}`;
    case 'map_ptr': return `the map ${r.map?.name || '(unnamed)'} (pass it to map helpers)`;
    case 'map_value': return `pointer to a ${r.map?.valueSize ?? '?'}-byte value of map ${r.map?.name || '(unnamed)'}, offset ${offsetWords(r)}${maybeNull}`;
    case 'map_key': return `pointer to a key of map ${r.map?.name || '(unnamed)'}`;
    case 'pkt': return `packet pointer at data${offsetWords(r)}; ${r.range > 0 ? `${r.range} bytes from its base are checked readable` : 'no bytes checked readable yet (compare with data_end first)'}`;
    case 'pkt_meta': return `pointer to packet metadata${offsetWords(r)}`;
    case 'pkt_end': return 'the end of the packet (data_end): compare packet pointers with it';
    case 'mem': return `pointer to ${r.memSize} bytes of memory${(r.flags & 4) !== 0 ? ' (a ring buffer record: submit or discard it)' : ''}${maybeNull}`;
    case 'sock_common': return `pointer to a socket${maybeNull}`;
    case 'sock': return `pointer to a full socket (struct bpf_sock)${r.refObjId ? ': release it with bpf_sk_release' : ''}${maybeNull}`;
    case 'tcp_sock': return `pointer to a TCP socket (struct bpf_tcp_sock)${maybeNull}`;
    case 'btf_id': return `pointer to a kernel struct ${r.btfName ?? ''}${maybeNull}`;
    case 'flow_keys': return 'pointer to the flow dissector keys';
    case 'func': return `a function (subprogram ${r.subprog}), for callbacks`;
  }
}

const SLOT_WORDS: Record<string, string> = { '?': 'invalid (never written)', m: 'data (misc)', '0': 'known zero', r: 'spilled register' };

function slotWords(slot: Slot): string {
  if (slot.types[7] === 'r' && slot.spilled) return `a spilled register: ${regWords(slot.spilled)}`;
  const kinds = [...new Set(slot.types.split(''))];
  if (kinds.length === 1) return `8 bytes of ${SLOT_WORDS[kinds[0]!] ?? kinds[0]}`;
  return kinds.map((k) => `${slot.types.split('').filter((c) => c === k).length}× ${SLOT_WORDS[k] ?? k}`).join(', ');
}

export function abstractFrames(st: VerifierState): AbstractFrame[] {
  return st.frames.map((f) => ({
    frameno: f.frameno,
    regs: f.regs.map((r, i) => ({
      reg: i,
      kernel: r.type === 'not_init' ? '' : formatReg(r, f.frameno),
      words: regWords(r),
      type: r.type === 'not_init' ? 'not_init' : regTypeStr(r),
      value: r.type === 'not_init' ? null : valueView(r.s),
    })),
    slots: f.stack.flatMap((slot, spi) => {
      const k = formatSlot(slot, spi, f.frameno);
      if (k === null) return [];
      return [{ off: -(spi + 1) * 8, kernel: k.replace(/^fp-\d+=/, ''), words: slotWords(slot) }];
    }),
  }));
}
