// The program pane: the assembled listing (pc, bytes, kernel-style disassembly) when the source
// assembles, otherwise every assembler error; clicking either takes the editor to the source.
import { Fragment, useMemo } from 'react';
import type { AsmError, AsmProgram } from '../../../core/asm/types.js';
import { useApp } from '../../../store/react.js';
import { errorText } from '../../editor/markers.js';
import { kernelFormatter } from './format.js';
import { instructionCount, listingRows } from './listing.js';
import './program.css';

/** The kernel's `(xx) ` opcode prefix is kept (the text is the kernel's) but dimmed. */
function InsnText({ text }: { text: string }) {
  const m = /^(\([0-9a-f]{2}\) )(.*)$/s.exec(text);
  if (!m) return <span className="insn-text">{text}</span>;
  return <span className="insn-text"><span className="insn-code">{m[1]}</span>{m[2]}</span>;
}

function Listing({ program }: { program: AsmProgram }) {
  const reveal = useApp((s) => s.revealInEditor);
  // The session's next instruction and the one selected in verify mode, when they belong to this text.
  const currentPc = useApp((s) => (s.run && !s.runStale ? s.run.pc : null));
  const selectedPc = useApp((s) => (s.mode === 'verify' ? s.selectedPc : null));
  const rows = useMemo(() => listingRows(program.insns, program.sourceMap, kernelFormatter(program.maps)), [program]);
  const labelAt = useMemo(() => {
    const m = new Map<number, string[]>();
    for (const [name, pc] of Object.entries(program.labels)) m.set(pc, [...(m.get(pc) ?? []), name]);
    return m;
  }, [program]);
  return (
    <table className="listing mono" aria-label="Assembled instructions">
      <thead>
        <tr>
          <th scope="col" className="col-pc">pc</th>
          <th scope="col" className="col-bytes">bytes</th>
          <th scope="col" className="col-insn">instruction</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <Fragment key={r.pc}>
            {labelAt.get(r.pc)?.map((l) => (
              <tr key={`label-${l}`} className="label-row"><td /><td /><td className="label">{l}:</td></tr>
            ))}
            <tr data-pc={r.pc} className={r.pc === currentPc ? 'current' : r.pc === selectedPc ? 'selected' : undefined}
              aria-current={r.pc === currentPc ? 'step' : undefined}>
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
          </Fragment>
        ))}
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
      <div className="pane-body pane-body-scroll">
        {result.ok ? <Listing program={result.program} /> : <ErrorList errors={result.errors} />}
      </div>
    </section>
  );
}
