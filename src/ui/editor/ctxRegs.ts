// Which registers certainly hold the context pointer before each instruction: a small must-analysis
// over the control flow (r1 at entry; copies spread it; any other write, a helper call or a join
// with a path where it is lost ends it). Hover docs use it to name context fields
// (`*(u32 *)(r1 + 4)` on XDP is xdp_md.data_end) without running the verifier on every hover.
// Register sets are 11-bit masks.
import type { Insn } from '../../core/isa/insn.js';
import { instructionStarts, lookupOp, nextPc } from '../../core/isa/insn.js';

const ALL = 0x7ff;
const CALLER_SAVED = 0b111111; // r0-r5

/** The registers (bit r) holding the context before each instruction start; undefined when unreachable. */
export function ctxRegisters(insns: readonly Insn[]): (number | undefined)[] {
  const before: (number | undefined)[] = new Array(insns.length);
  const starts = new Set(instructionStarts(insns));
  const work: number[] = [];
  const join = (pc: number, regs: number): void => {
    if (!starts.has(pc)) return;
    const old = before[pc];
    const next = old === undefined ? regs : old & regs;
    if (next !== old) { before[pc] = next; work.push(pc); }
  };
  if (insns.length) join(0, 1 << 1);
  while (work.length) {
    const pc = work.pop()!;
    let regs = before[pc]!;
    const i = insns[pc]!;
    const op = lookupOp(i);
    const fall = nextPc(insns, pc);
    if (!op) continue;
    const kill = (r: number): void => { regs &= ~(1 << r); };
    switch (op.kind) {
      case 'mov':
        kill(i.dst);
        if (op.useSrcReg && op.width === 64 && (before[pc]! & (1 << i.src))) regs |= 1 << i.dst;
        break;
      case 'alu': case 'neg': case 'movsx': case 'end': case 'bswap': case 'lddw': case 'ldx': case 'ldxsx': case 'load_acq':
        kill(i.dst);
        break;
      case 'atomic':
        if (op.fetch) kill(i.src);
        if (op.atomicOp === 'cmpxchg') kill(0);
        break;
      case 'ld_abs': case 'ld_ind': case 'call': case 'call_kfunc':
        regs &= ~CALLER_SAVED;
        break;
      case 'call_local': {
        // The callee sees the context in the argument registers the caller put it in.
        join(pc + 1 + i.imm, regs & 0b111110);
        regs &= ~CALLER_SAVED;
        break;
      }
      default:
        break;
    }
    switch (op.kind) {
      case 'exit':
        break;
      case 'ja':
        join(pc + 1 + i.off, regs);
        break;
      case 'gotol':
        join(pc + 1 + i.imm, regs);
        break;
      case 'jcond': case 'may_goto':
        join(pc + 1 + i.off, regs);
        join(fall, regs);
        break;
      default:
        join(fall, regs & ALL);
    }
  }
  return before;
}
