// The program pane: the assembled listing (pc, bytes, kernel-style disassembly) when the source
// assembles, otherwise every assembler error; clicking either takes the editor to the source.
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { AsmError, AsmProgram } from '../../../core/asm/types.js';
import { useApp } from '../../../store/react.js';
import { errorText } from '../../editor/markers.js';
import { kernelFormatter } from './format.js';
import { instructionCount, listingRows, type ListingRow } from './listing.js';

/** Fixed heights keep the virtual list exact: one 22px line per 8-byte slot, the header 27px. */
const ROW_HEIGHT = 22;
const HEAD_HEIGHT = 27;
import './program.css';

/** The kernel's `(xx) ` opcode prefix is kept (the text is the kernel's) but dimmed. */
function InsnText({ text }: { text: string }) {
  const m = /^(\([0-9a-f]{2}\) )(.*)$/s.exec(text);
  if (!m) return <span className="insn-text">{text}</span>;
  return <span className="insn-text"><span className="insn-code">{m[1]}</span>{m[2]}</span>;
}

type Item = { kind: 'label'; name: string; pc: number } | { kind: 'insn'; row: ListingRow };

/**
 * The listing, virtualized: only the rows in view (plus a margin) are in the DOM, so a
 * 10,000-instruction program steps as smoothly as a ten-line one. The session's next instruction
 * is kept in view while stepping.
 */
function Listing({ program, scroller }: { program: AsmProgram; scroller: RefObject<HTMLDivElement | null> }) {
  const reveal = useApp((s) => s.revealInEditor);
  const currentPc = useApp((s) => (s.run && !s.runStale ? s.run.pc : null));
  const selectedPc = useApp((s) => (s.mode === 'verify' ? s.selectedPc : null));
  const items = useMemo((): Item[] => {
    const labelAt = new Map<number, string[]>();
    for (const [name, pc] of Object.entries(program.labels)) labelAt.set(pc, [...(labelAt.get(pc) ?? []), name]);
    const out: Item[] = [];
    for (const row of listingRows(program.insns, program.sourceMap, kernelFormatter(program.maps))) {
      for (const name of labelAt.get(row.pc) ?? []) out.push({ kind: 'label', name, pc: row.pc });
      out.push({ kind: 'insn', row });
    }
    return out;
  }, [program]);
  const indexOfPc = useMemo(() => {
    const m = new Map<number, number>();
    items.forEach((it, i) => { if (it.kind === 'insn') m.set(it.row.pc, i); });
    return m;
  }, [items]);
  const v = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => { const it = items[i]!; return it.kind === 'label' ? ROW_HEIGHT : ROW_HEIGHT * it.row.slots.length; },
    overscan: 40,
    paddingStart: HEAD_HEIGHT,
  });
  useEffect(() => {
    const i = currentPc === null ? undefined : indexOfPc.get(currentPc);
    if (i !== undefined) v.scrollToIndex(i, { align: 'auto' });
  }, [currentPc, indexOfPc, v]);
  const virtual = v.getVirtualItems();
  const top = virtual.length ? virtual[0]!.start - HEAD_HEIGHT : 0;
  const bottom = virtual.length ? v.getTotalSize() - virtual[virtual.length - 1]!.end : 0;
  return (
    <table className="listing mono" aria-label="Assembled instructions" aria-rowcount={items.length}>
      <thead>
        <tr>
          <th scope="col" className="col-pc">pc</th>
          <th scope="col" className="col-bytes">bytes</th>
          <th scope="col" className="col-insn">instruction</th>
        </tr>
      </thead>
      <tbody>
        {top > 0 && <tr aria-hidden="true" style={{ height: top }}><td colSpan={3} /></tr>}
        {virtual.map((vi) => {
          const it = items[vi.index]!;
          if (it.kind === 'label') {
            return <tr key={`label-${it.name}`} className="label-row" style={{ height: ROW_HEIGHT }}><td /><td /><td className="label">{it.name}:</td></tr>;
          }
          const r = it.row;
          const cls = r.pc === currentPc ? 'current' : r.pc === selectedPc ? 'selected' : undefined;
          return (
            <tr key={r.pc} data-pc={r.pc} className={cls} aria-current={r.pc === currentPc ? 'step' : undefined} style={{ height: ROW_HEIGHT * r.slots.length }}>
              <td className="col-pc">
                {r.span ? (
                  <button type="button" className="pc-link" onClick={() => reveal(r.span!.line, r.span!.col)}
                    aria-label={`Instruction ${r.pc}: go to source line ${r.span.line}`} title={`Go to line ${r.span.line}`}>
                    {r.pc}
                  </button>
                ) : r.pc}
              </td>
              <td className="col-bytes">
                {r.slots.map((s, k) => <div key={k} className="slot"><span className="opcode">{s.slice(0, 2)}</span>{s.slice(2)}</div>)}
              </td>
              <td className="col-insn"><InsnText text={r.text} /></td>
            </tr>
          );
        })}
        {bottom > 0 && <tr aria-hidden="true" style={{ height: bottom }}><td colSpan={3} /></tr>}
      </tbody>
    </table>
  );
}

function ErrorList({ errors }: { errors: readonly AsmError[] }) {
  const reveal = useApp((s) => s.revealInEditor);
  return (
    <ul className="error-list" aria-label="Assembler errors">
      {errors.map((e, k) => (
        <li key={k}>
          <button type="button" className="error-item" onClick={() => reveal(e.line, e.col)}
            aria-label={`Go to line ${e.line}, column ${e.col}: ${errorText(e)}`}>
            <span className="error-loc mono">{e.line}:{e.col}</span>
            <span className="error-body">
              <span className="error-message">{e.message}</span>
              {e.hint && <span className="error-hint">{e.hint}</span>}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function ProgramPane() {
  const result = useApp((s) => s.result);
  const scroller = useRef<HTMLDivElement>(null);
  return (
    <section className="pane pane-program" aria-labelledby="program-heading">
      <div className="pane-header">
        <h2 id="program-heading">{result.ok ? 'Assembled program' : 'Errors'}</h2>
        {result.ok ? (
          <span className="badge badge-ok" data-testid="program-summary">
            {instructionCount(result.program.insns)} insns · {result.program.insns.length * 8} bytes
          </span>
        ) : (
          <span className="badge badge-error" data-testid="program-summary">
            {result.errors.length} {result.errors.length === 1 ? 'error' : 'errors'}
          </span>
        )}
      </div>
      <div className="pane-body pane-body-scroll" ref={scroller}>
        {result.ok ? <Listing program={result.program} scroller={scroller} /> : <ErrorList errors={result.errors} />}
      </div>
    </section>
  );
}
