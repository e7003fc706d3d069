// Checks one imported kernel log against what is known independently: the original program's
// bytes, the kernel's recorded answer (expected.json), and the log's own state text reprinted from
// the imported states by bpfiddle's printer (src/core/verifier/log.ts).
import { assemble } from '../../src/core/asm/index.js';
import { importKernelLog, type ImportedLog } from '../../src/core/kernel-log/index.js';
import { splitItems } from '../../src/core/kernel-log/state-text.js';
import { classifyAll, unwrap } from '../../src/core/kernel-log/lines.js';
import { formatReg, formatSlot, formatState } from '../../src/core/verifier/log.js';
import type { VerifierState } from '../../src/core/verifier/state.js';
import type { CorpusCase } from '../verifier/corpus/corpus.js';

export interface RoundTrip {
  imported: ImportedLog;
  /** Slots of the original the log shows, and how many of them came back identical. */
  slotsShown: number;
  slotsEqual: number;
  /** The rebuilt source assembles to the rebuilt program. */
  sourceRoundTrips: boolean;
  /** State texts in the log, and how many the imported states reprint identically. */
  statesCompared: number;
  statesEqual: number;
  mismatches: string[];
}

// A log cannot tell a map referenced by index (BPF_PSEUDO_MAP_IDX, _IDX_VALUE) from one referenced
// by fd (BPF_PSEUDO_MAP_FD, _VALUE): the loader resolves both to the same map.
const key = (i: { code: number; dst: number; src: number; off: number; imm: number }): string =>
  `${i.code}/${i.dst}/${i.code === 0x18 && (i.src === 5 || i.src === 6) ? i.src - 4 : i.src}/${i.off}/${i.imm}`;

/** Reprints the items a state text names, from `st`, in the text's order. */
function reprint(text: string, st: VerifierState, full: boolean): string {
  const items = splitItems(text.trim());
  const frameTok = items[0]?.startsWith('frame') ? items[0] : undefined;
  const frameno = frameTok ? Number(/\d+/.exec(frameTok)![0]) : 0;
  const f = st.frames[frameno];
  if (!f) return '<no frame>';
  if (full) return formatState({ ...st, frames: st.frames.slice(0, frameno + 1) }, frameno, null).trim();
  return items.map((tok) => {
    const m = /^(R(\d+)|fp-(\d+))(?:_[rwD]+)?=/.exec(tok);
    if (!m) return tok;
    if (m[2] !== undefined) return `R${m[2]}=${formatReg(f.regs[Number(m[2])]!, frameno)}`;
    const spi = Number(m[3]) / 8 - 1;
    const slot = f.stack[spi];
    return slot ? formatSlot(slot, spi, frameno) ?? '<empty>' : '<none>';
  }).join(' ');
}

export function roundTrip(c: CorpusCase, log: string): RoundTrip | { failed: string } {
  const r = importKernelLog(log, { progType: c.program.progType });
  if (!r.ok) return { failed: `${r.error.line}: ${r.error.message}` };
  const orig = c.program.insns;
  const got = r.program.insns;
  // Slots the log shows: the instruction lines' indices (and the second slot of their ld_imm64).
  const shown = new Set<number>();
  const lines = unwrap(log).lines.flatMap((l) => classifyAll(l.line, l.text));
  for (const l of lines) {
    if (l.kind !== 'insn' && l.kind !== 'listing') continue;
    shown.add(l.index);
    if (l.opcode === 0x18) shown.add(l.index + 1);
  }
  let equal = 0;
  for (const pc of shown) if (orig[pc] && got[pc] && key(orig[pc]) === key(got[pc])) equal++;
  const again = assemble(r.source);
  const sourceRoundTrips = again.ok && again.program.insns.length === got.length && again.program.insns.every((x, i) => key(x) === key(got[i]!));

  // States: walk the log's instruction/state/from lines alongside the imported steps, in order.
  const steps = r.result.paths.paths.flatMap((p) => [{ pc: -1, state: p.startState, path: p.id }, ...p.steps.map((s) => ({ ...s, path: p.id }))]);
  let k = -1;
  let compared = 0;
  let same = 0;
  const mismatches: string[] = [];
  const check = (text: string, st: VerifierState, full: boolean, where: number): void => {
    const want = text.trim().replace(/(R\d+|fp-\d+)_[rwD]+=/g, '$1=');
    const have = reprint(text, st, full);
    compared++;
    if (want === have) same++;
    else if (mismatches.length < 5) mismatches.push(`line ${where}: kernel '${want}' / bpfiddle '${have}'`);
  };
  for (const l of lines) {
    if (r.stoppedAt && l.line >= r.stoppedAt.line) break;
    if (l.kind === 'from') {
      // The next path's start, or (after a callee returned) the caller's state on the same path.
      let m = k + 1;
      while (m < steps.length && steps[m]!.pc !== -1) m++;
      const next = steps[m] ? r.result.paths.paths[steps[m]!.path]! : undefined;
      if (next && next.fromPc === l.from && next.startPc === l.to) {
        k = m;
        if (l.state !== null) check(l.state, steps[k]!.state, true, l.line);
      } else if (l.state !== null && steps[k]) {
        check(l.state, steps[k]!.state, true, l.line);
      }
      continue;
    }
    if (l.kind === 'insn') {
      while (k + 1 < steps.length && steps[k + 1]!.pc !== l.index) k++;
      k++;
      if (l.state !== null && steps[k]) check(l.state, steps[k]!.state, false, l.line);
      continue;
    }
    if (l.kind === 'state' && k >= 0 && steps[k]) check(l.state, steps[k]!.state, false, l.line);
    if (l.kind === 'state' && k < 0 && steps[0]) check(l.state, steps[0].state, false, l.line);
  }
  return { imported: r, slotsShown: shown.size, slotsEqual: equal, sourceRoundTrips, statesCompared: compared, statesEqual: same, mismatches };
}
