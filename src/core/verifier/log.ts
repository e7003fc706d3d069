// The verifier log exactly as Linux 6.18 writes it (kernel/bpf/log.c): a buffer that can be
// rewound to an earlier position (the kernel rewinds on every popped branch at log level 1, and
// over the newline of an instruction line to append the state after it), the register and stack
// printing of print_verifier_state, and the alignment of the `;` before an instruction's state.
// Only text is produced here; what to print and when is explore.ts's business.

import { hex, toS64, tnumIsConst, tnumIsUnknown, tnumStrn } from './tnum.js';
import { formatScalar, formatScalarRanges, formatSnum, formatUnum } from './scalar-log.js';
import { regTypeStr, type Reg } from './regs.js';
import { BPF_REG_SIZE, type Slot } from './stack.js';
import type { Frame, VerifierState } from './state.js';

/**
 * The kernel's log buffer: appends, and rewinds to an absolute position (bpf_vlog_reset).
 * Positions are character offsets of the whole log (all ASCII, so bytes and characters agree).
 */
export class LogBuffer {
  private chunks: string[] = [];
  /** ends[i]: position just after chunks[i]. */
  private ends: number[] = [];
  endPos = 0;

  append(s: string): void {
    if (!s) return;
    this.chunks.push(s);
    this.endPos += s.length;
    this.ends.push(this.endPos);
  }

  reset(pos: number): void {
    if (pos >= this.endPos) return;
    while (this.chunks.length) {
      const last = this.chunks.length - 1;
      const start = this.ends[last]! - this.chunks[last]!.length;
      if (start >= pos) {
        this.chunks.pop();
        this.ends.pop();
        continue;
      }
      this.chunks[last] = this.chunks[last]!.slice(0, pos - start);
      this.ends[last] = pos;
      break;
    }
    this.endPos = pos;
  }

  toString(): string {
    const s = this.chunks.join('');
    this.chunks = [s];
    this.ends = [s.length];
    return s;
  }
}

/** vlog_alignment: padding width before the `;` that follows an instruction line of `pos` chars (incl. newline). */
export function vlogAlignment(pos: number): number {
  const BPF_LOG_MIN_ALIGNMENT = 8;
  const BPF_LOG_ALIGNMENT = 40;
  const m = Math.max(pos + BPF_LOG_MIN_ALIGNMENT / 2, BPF_LOG_ALIGNMENT);
  return Math.ceil(m / BPF_LOG_MIN_ALIGNMENT) * BPF_LOG_MIN_ALIGNMENT - pos - 1;
}

/** printf("%*c", width, ' '). */
export const padChar = (width: number): string => ' '.repeat(Math.max(width, 1));

/** print_reg_state: a register's value as it follows `R<n>=`. `frameno` is the printed frame's. */
export function formatReg(r: Reg, frameno: number): string {
  if (r.text !== undefined) return r.text;
  if (r.type === 'scalar') {
    return formatScalar(r.s, { id: r.id, delta: r.link ? r.off : undefined, precise: r.precise });
  }
  let out = regTypeStr(r);
  if (r.type === 'btf_id') out += r.btfName ?? '';
  if (r.type === 'stack') {
    if (r.frameno !== frameno) out += `[${r.frameno}]`;
    if (tnumIsConst(r.s.varOff)) return out + formatSnum(toS64((r.s.varOff.value + BigInt(r.off)) & 0xffff_ffff_ffff_ffffn));
  }
  const attrs: string[] = [];
  if (r.id) attrs.push(`id=${r.id}`);
  if (r.refObjId) attrs.push(`ref_obj_id=${r.refObjId}`);
  if ((r.type === 'map_ptr' || r.type === 'map_key' || r.type === 'map_value') && r.map) {
    if (r.map.name) attrs.push(`map=${r.map.name}`);
    attrs.push(`ks=${r.map.keySize},vs=${r.map.valueSize}`);
  }
  if (r.off) attrs.push(`off=${formatSnum(BigInt(r.off))}`);
  if (r.type === 'pkt' || r.type === 'pkt_meta') attrs.push(`r=${formatUnum(BigInt.asUintN(64, BigInt(r.range)))}`);
  if (r.type === 'mem') attrs.push(`sz=${formatUnum(BigInt(r.memSize))}`);
  if (tnumIsConst(r.s.varOff)) {
    if (r.s.varOff.value) attrs.push(`imm=${formatSnum(toS64(r.s.varOff.value))}`);
  } else {
    attrs.push(...formatScalarRanges(r.s));
    if (!tnumIsUnknown(r.s.varOff)) attrs.push(`var_off=${tnumStrn(r.s.varOff)}`);
  }
  return `${out}(${attrs.join(',')})`;
}

/** One stack slot as print_verifier_state shows it (without the leading space), or null when all invalid. */
export function formatSlot(slot: Slot, spi: number, frameno: number): string | null {
  if (slot.types === '????????') return null;
  const name = `fp${(-spi - 1) * BPF_REG_SIZE}`;
  if (slot.text !== undefined) return `${name}=${slot.text}`;
  if (slot.dynptr) {
    // A dynptr prints once, at its base slot: dynptr_<type>(id=..,ref_id=..,dynptr_id=..).
    const d = slot.dynptr;
    if (!d.firstSlot) return null;
    const attrs = [...(d.id ? [`id=${d.id}`] : []), ...(d.refObjId ? [`ref_id=${d.refObjId}`] : []), ...(d.id ? [`dynptr_id=${d.id}`] : [])];
    return `${name}=dynptr_${d.type}(${attrs.join(',')})`;
  }
  if (slot.types[BPF_REG_SIZE - 1] === 'r' && slot.spilled) {
    const first = slot.types.indexOf('r');
    return `${name}=${slot.types.slice(0, first)}${formatReg(slot.spilled, frameno)}`;
  }
  return `${name}=${slot.types}`;
}

/** What print_verifier_state should include when not printing everything. */
export interface Scratch {
  regs: number;
  /** Bit i: stack slot i (fp-(i+1)*8). Slots are at most 64. */
  stackLo: number;
  stackHi: number;
}

export const slotScratched = (s: Scratch, spi: number): boolean =>
  spi < 32 ? (s.stackLo & (1 << spi)) !== 0 : (s.stackHi & (1 << (spi - 32))) !== 0;

/** print_verifier_state for frame `frameno` of `st`, starting with a space per item, ending with a newline. */
export function formatState(st: VerifierState, frameno: number, scratch: Scratch | null): string {
  const f: Frame = st.frames[frameno]!;
  let out = '';
  if (f.frameno) out += ` frame${f.frameno}:`;
  f.regs.forEach((r, i) => {
    if (r.type === 'not_init') return;
    if (scratch && !(scratch.regs & (1 << i))) return;
    out += ` R${i}=${formatReg(r, f.frameno)}`;
  });
  f.stack.forEach((slot, spi) => {
    if (scratch && !slotScratched(scratch, spi)) return;
    const s = formatSlot(slot, spi, f.frameno);
    if (s) out += ` ${s}`;
  });
  const refs = st.refs.filter((r) => r.id);
  if (st.refs.length && st.refs[0]!.id) out += ` refs=${refs.map((r) => r.id).join(',')}`;
  if (f.inCallback) out += ' cb';
  return `${out}\n`;
}

/** %#llx of a u64 (re-exported for messages that print raw values). */
export { hex };
