// Why the verifier rejected the program, in plain words: the catalogue's explanation of the
// kernel's message, where it happened in the user's program (line, register as the verifier saw
// it, the branches that led there), how to fix it, and a checked before/after example that can be
// opened in the editor. The worker holds the verification (paths included, whatever the program's
// size, imported kernel logs too) and answers with the plain data shown here.
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../../store/react.js';
import './explanation.css';

export function Explanation() {
  const { verdict, current, explained, e, load, reveal, select, replace } = useApp(useShallow((s) => ({
    verdict: s.verdict, current: s.verifiedSource === s.source && s.assembledSource === s.source,
    explained: s.explained, e: s.explanation, load: s.loadExplanation,
    reveal: s.revealInEditor, select: s.selectInstruction, replace: s.replaceSource,
  })));
  const failed = current && verdict !== null && !verdict.accepted && verdict.error !== null;
  useEffect(() => { if (failed) void load(); }, [failed, verdict, load]);
  if (!failed || explained !== verdict || !e) return null;
  const goTo = (line: number | null, pc: number): void => {
    if (line === null) return;
    reveal(line, 1);
    if (pc >= 0) void select(pc);
  };
  return (
    <section className="explanation" data-testid="explanation" aria-label="Why the verifier rejects the program">
      <h3 className="explanation-title">{e.title}</h3>
      <p>{e.explanation}</p>
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
      <p data-testid="explanation-fix">{e.fix}</p>
      {e.example && (
        <details className="explanation-example">
          <summary>Example: before and after</summary>
          <div className="explanation-grid">
            <figure><figcaption>Rejected</figcaption><pre className="mono">{e.example.before}</pre></figure>
            <figure><figcaption>Accepted</figcaption><pre className="mono">{e.example.after}</pre></figure>
          </div>
          <button type="button" className="small-button" onClick={() => replace(e.example!.after)}
            title="Replaces the editor's text with the fixed example">
            Open the fixed example in the editor
          </button>
        </details>
      )}
    </section>
  );
}
