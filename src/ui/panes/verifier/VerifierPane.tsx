// The verifier: the verdict for the text on screen (accepted, or the kernel's error with a jump to
// its line), and the kernel's log, searchable, each instruction line clickable: it selects the
// instruction (the Registers and Stack panes then show the verifier's state there) and moves the
// editor to it. The log can be long (level 2 prints every state), so only visible lines render.
import { useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useShallow } from 'zustand/react/shallow';
import { lineOfPc } from '../../../store/index.js';
import { useApp } from '../../../store/react.js';
import { Pane } from '../Pane.js';
import { Explanation } from './Explanation.js';
import './verifier.css';

/** The instruction a log line is about (`12: (bf) r1 = r6`, `12: R1=...`, `from 4 to 9: ...`). */
export function pcOfLogLine(line: string): number | null {
  const m = /^(\d+): /.exec(line) ?? /^from \d+ to (\d+): /.exec(line);
  return m ? Number(m[1]) : null;
}

export function VerdictBanner() {
  const { verdict, current, verifying, program, reveal, select, error, assembles } = useApp(useShallow((s) => ({
    verdict: s.verdict, current: s.verifiedSource === s.source, verifying: s.verifying, program: s.result.ok ? s.result.program : null,
    reveal: s.revealInEditor, select: s.selectInstruction, error: s.verifyError, assembles: s.result.ok && s.assembledSource === s.source,
  })));
  if (!assembles && !verifying) return <div className="verdict pending" data-testid="verdict">The program does not assemble yet: fix the errors first.</div>;
  if (error && current) return <div className="verdict rejected" role="alert" data-testid="verdict">Verification did not finish: {error}</div>;
  if (!verdict || !current) return <div className="verdict pending" data-testid="verdict">Verifying…</div>;
  if (verdict.accepted) {
    return (
      <div className="verdict accepted" data-testid="verdict">
        <strong>Accepted</strong> by the verifier · {verdict.processed} instructions processed · {verdict.imported ? 'from a kernel log (imported)' : `${verdict.ms.toFixed(0)} ms`}
      </div>
    );
  }
  const pc = verdict.error?.pc ?? -1;
  const line = pc >= 0 ? lineOfPc(program, pc) : null;
  return (
    <div className="verdict rejected" role="alert" data-testid="verdict">
      <div><strong>Rejected</strong>{verdict.errno ? ` (${verdict.errno})` : ''}{pc >= 0 ? ` at instruction ${pc}` : ''}{verdict.imported ? ' · from a kernel log (imported)' : ''}{line !== null && (
        <> · <button type="button" className="link-button" onClick={() => { reveal(line, 1); void select(pc); }}>Go to line {line}</button></>
      )}</div>
      <pre className="verdict-message mono">{verdict.error?.message}</pre>
    </div>
  );
}

function Log() {
  const { log, program, select, reveal, selectedPc, mode } = useApp(useShallow((s) => ({
    log: s.verdict && s.verifiedSource === s.source ? s.verdict.log : '', program: s.result.ok ? s.result.program : s.lastGood,
    select: s.selectInstruction, reveal: s.revealInEditor, selectedPc: s.selectedPc, mode: s.mode,
  })));
  const [query, setQuery] = useState('');
  const lines = useMemo(() => log.split('\n').filter((l, i, a) => l !== '' || i < a.length - 1), [log]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return lines.map((text, i) => ({ text, i })).filter((l) => !q || l.text.toLowerCase().includes(q));
  }, [lines, query]);
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: shown.length, getScrollElement: () => parent.current, estimateSize: () => 19, overscan: 20 });
  return (
    <>
      <div className="log-tools">
        <input className="field" type="search" aria-label="Search the log" placeholder="Search the log" value={query} onChange={(e) => setQuery(e.target.value)} />
        <span className="dim-note">{query ? `${shown.length} of ${lines.length} lines` : `${lines.length} lines`}</span>
      </div>
      <div ref={parent} className="log mono" role="list" aria-label="Verifier log">
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((it) => {
            const l = shown[it.index]!;
            const pc = pcOfLogLine(l.text);
            const style = { transform: `translateY(${it.start}px)` };
            if (pc === null) return <div key={it.key} role="listitem" className="log-line" style={style}>{l.text || ' '}</div>;
            const line = lineOfPc(program, pc);
            return (
              <div key={it.key} role="listitem" className={`log-line clickable${mode === 'verify' && pc === selectedPc ? ' selected' : ''}`} style={style}>
                <button type="button" className="log-button" title={`Show the verifier's state after instruction ${pc}${line !== null ? ` (line ${line})` : ''}`}
                  onClick={() => { void select(pc); if (line !== null) reveal(line, 1); }}>
                  {l.text}
                </button>
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}

/** With an instruction picked in the log: what it changed there, and the way to its path. */
function StepNote() {
  const { step, openPaths } = useApp(useShallow((s) => ({
    step: s.mode === 'verify' && s.selectedPath === null && s.verifiedSource === s.source ? s.stepView : null, openPaths: s.setBottomTab,
  })));
  if (!step) return null;
  return (
    <div className="step-note" data-testid="step-note">
      <span className="mono">{step.pc}:</span> {step.diff.summary}
      {step.diff.regs[0] ? <span className="dim-note"> · {step.diff.regs[0].why}</span> : null}
      {' '}<button type="button" className="link-button" onClick={() => openPaths('paths')}>Details in Paths</button>
    </div>
  );
}

export function VerifierPane() {
  const { level, setLevel } = useApp(useShallow((s) => ({ level: s.logLevel, setLevel: s.setLogLevel })));
  return (
    <Pane id="verifier" title="Verifier" scroll={false} actions={
      <button type="button" className="small-button" aria-pressed={level === 2} onClick={() => setLevel(level === 2 ? 1 : 2)}
        title="Log level 2 prints the full state after every instruction">
        Full log
      </button>
    }>
      <div className="verifier-body">
        <VerdictBanner />
        <Explanation />
        <StepNote />
        <Log />
      </div>
    </Pane>
  );
}
