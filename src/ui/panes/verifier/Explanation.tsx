// Why the verifier rejected the program, in plain words: the catalogue's explanation of the
// kernel's message, where it happened in the user's program (line, register as the verifier saw
// it, the branches that led there), how to fix it, and a checked before/after example that can be
// opened in the editor. The cause needs the verifier's recorded paths, which stay in the worker,
// so small programs are verified once more here (the core is already on the page for the
// main-thread fallback); big ones get the explanation without the path.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { explain, matchKind, type Explanation as ExplanationData } from '../../../core/explain/index.js';
import type { AsmProgram } from '../../../core/asm/types.js';
import { verify } from '../../../core/verifier/verify.js';
import { useApp } from '../../../store/react.js';
import './explanation.css';

/** Programs up to this size (and verifications up to this many processed instructions) are
 * re-verified on the page for the path; above it the cost is not worth a panel. */
const MAX_INSNS = 4096;
const MAX_PROCESSED = 100_000;

/** The explanation for an error on `program`, or null when the message is not in the catalogue. */
export function explainOnPage(error: { pc: number; message: string }, program: AsmProgram, processed: number): ExplanationData | null {
  if (!matchKind(error.message)) return null;
  if (program.insns.length > MAX_INSNS || processed > MAX_PROCESSED) return explain(error, program);
  try {
    const result = verify(program, { logLevel: 0, recordPaths: true, maxRecordedSteps: 50_000 });
    // Only trust the paths when this run found the same error (the worker's answer is the truth).
    return result.error && result.error.message === error.message && result.error.pc === error.pc
      ? explain(error, program, result)
      : explain(error, program);
  } catch {
    return explain(error, program);
  }
}

export function Explanation() {
  const { verdict, current, program, reveal, select, replace } = useApp(useShallow((s) => ({
    verdict: s.verdict, current: s.verifiedSource === s.source && s.assembledSource === s.source,
    program: s.result.ok ? s.result.program : null, reveal: s.revealInEditor, select: s.selectInstruction, replace: s.replaceSource,
  })));
  const error = current && verdict && !verdict.accepted ? verdict.error : null;
  const e = useMemo(() => (error && program ? explainOnPage(error, program, verdict?.processed ?? 0) : null),
    [error, program, verdict?.processed]);
  if (!e?.kind) return null;
  const kind = e.kind;
  const goTo = (line: number | null, pc: number): void => {
    if (line === null) return;
    reveal(line, 1);
    if (pc >= 0) void select(pc);
  };
  return (
    <section className="explanation" data-testid="explanation" aria-label="Why the verifier rejects the program">
      <h3 className="explanation-title">{kind.title}</h3>
      <p>{kind.explanation}</p>
      <h4>In your program</h4>
      <p data-testid="explanation-cause">
        {e.cause}
        {e.line !== null && e.previousPc !== null && (
          <> <button type="button" className="link-button" title="Moves the editor to the line; the Registers and Stack panes show what the verifier knew just before it"
            onClick={() => { reveal(e.line!, 1); void select(e.previousPc!); }}>Show the verifier's state there</button></>
        )}
      </p>
      {e.register && (
        <p className="explanation-reg">
          <span className="dim-note">R{e.register.reg} before instruction {e.pc}:</span> <code className="mono">{e.register.state}</code>
        </p>
      )}
      {e.branches.length > 0 && (
        <ol className="explanation-path" aria-label="Branches on the path to the error">
          {e.branches.map((b, i) => (
            <li key={i}>
              <button type="button" className="link-button mono" onClick={() => goTo(b.line, b.pc)}>
                {b.line !== null ? `line ${b.line}` : `insn ${b.pc}`}
              </button>{' '}
              <code className="mono">{b.text.replace(/^\([0-9a-f]{2}\) /, '')}</code> {b.taken ? 'taken' : 'not taken'}
            </li>
          ))}
        </ol>
      )}
      <h4>How to fix it</h4>
      <p data-testid="explanation-fix">{kind.fix}</p>
      {kind.example && (
        <details className="explanation-example">
          <summary>Example: before and after</summary>
          <div className="explanation-grid">
            <figure><figcaption>Rejected</figcaption><pre className="mono">{kind.example.before}</pre></figure>
            <figure><figcaption>Accepted</figcaption><pre className="mono">{kind.example.after}</pre></figure>
          </div>
          <button type="button" className="small-button" onClick={() => replace(kind.example!.after)}
            title="Replaces the editor's text with the fixed example">
            Open the fixed example in the editor
          </button>
        </details>
      )}
    </section>
  );
}
