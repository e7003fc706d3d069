// The header's "Import log" button and its dialog: paste a verifier log written by a real kernel
// (level 1 or 2, raw or as libbpf/bpftool print it), pick the program type or let bpfiddle guess,
// Load. The editor then shows the program rebuilt from the log, and every verifier pane shows the
// kernel's verification of it; the marker next to the button says so (and where reading stopped
// for a cut-off log) until the source is edited. The pasted text is only ever shown as text.
import { useEffect, useRef, useState } from 'react';
import { useEscape } from '../app/dismiss.js';
import { useShallow } from 'zustand/react/shallow';
import { PROG_TYPE_NAMES, type ProgTypeName } from '../../core/asm/types.js';
import { useApp } from '../../store/react.js';
import type { ImportLogResult } from '../../worker/protocol.js';
import '../app/chrome.css';
import './import-log.css';

type Outcome = { kind: 'error'; message: string } | { kind: 'loaded'; result: Extract<ImportLogResult, { ok: true }> };

/** Shown while the verdict on screen is an imported one. */
function ImportedMark() {
  const imported = useApp((s) => (s.verdict && s.verifiedSource === s.source ? s.verdict.imported ?? null : null));
  if (!imported) return null;
  const stop = imported.stoppedAt;
  // Short, for a crowded header; the whole story is in the tooltip.
  const about = [
    'The verdict, the log and the states come from a kernel log (imported), not from bpfiddle\'s verifier; editing the program verifies it again.',
    ...(stop ? [`Reading stopped at line ${stop.line}: ${stop.reason}.`] : []),
    ...imported.warnings.map((w) => (w.line ? `Line ${w.line}: ${w.message}` : w.message)),
  ].join('\n');
  return (
    <span className={`imported-mark${stop ? ' imported-mark-cut' : ''}`} data-testid="imported-mark" role="status" title={about}>
      imported{stop ? ` · to line ${stop.line}` : ''}
    </span>
  );
}

function ImportDialog({ onClose }: { onClose: () => void }) {
  const { importLog } = useApp(useShallow((s) => ({ importLog: s.importKernelLog })));
  const [text, setText] = useState('');
  const [progType, setProgType] = useState<ProgTypeName | ''>('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => { area.current?.focus(); }, []);
  useEscape(true, onClose);

  const load = async (): Promise<void> => {
    setBusy(true);
    try {
      const r = await importLog(text, progType || undefined);
      if (!r.ok) { setOutcome({ kind: 'error', message: r.error.line ? `Line ${r.error.line}: ${r.error.message}` : r.error.message }); return; }
      setOutcome({ kind: 'loaded', result: r });
      // A complete log needs no more reading here: show the program and the panes.
      if (!r.view.imported.stoppedAt) onClose();
    } catch (e) {
      setOutcome({ kind: 'error', message: `The import did not finish: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  };

  const loaded = outcome?.kind === 'loaded' ? outcome.result : null;
  return (
    <div className="dialog-backdrop import-log-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) onClose(); }}>
      <div className="dialog import-log-dialog" role="dialog" aria-modal="true" aria-labelledby="import-log-title">
        <h2 id="import-log-title">Import a kernel verifier log</h2>
        <p className="import-log-hint">
          Paste the log a real kernel wrote (log level 1 or 2; as <code>bpftool</code>, libbpf or <code>veristat</code> print it).
          bpfiddle rebuilds the program from its instruction lines and shows the kernel's paths, states and error.
          Level 2 (<code>log_level=2</code>, <code>bpftool -d</code>) shows every path; level 1 only the failing one.
        </p>
        <textarea ref={area} className="import-log-text mono" aria-label="Kernel verifier log" spellCheck={false} value={text}
          placeholder={'0: R1=ctx() R10=fp0\n0: (b7) r0 = 0                        ; R0=0\n1: (95) exit\nprocessed 2 insns (limit 1000000) ...'}
          onChange={(e) => { setText(e.target.value); setOutcome(null); }} />
        <div className="import-log-row">
          <label className="import-log-type">
            <span>program type</span>
            <select className="mono" aria-label="Program type of the log" value={progType} onChange={(e) => setProgType(e.target.value as ProgTypeName | '')}>
              <option value="">guess from the log</option>
              {PROG_TYPE_NAMES.map((t) => <option key={t} value={t}>{t}</option>)}
            </select>
          </label>
          <span className="import-log-spacer" />
          <button type="button" className="import-log-secondary" onClick={onClose}>{loaded ? 'Close' : 'Cancel'}</button>
          <button type="button" className="import-log-primary" disabled={busy || text.trim() === ''} onClick={() => void load()}>
            {busy ? 'Loading…' : 'Load'}
          </button>
        </div>
        {outcome?.kind === 'error' && <p className="import-log-error" role="alert" data-testid="import-log-message">{outcome.message}</p>}
        {loaded && (
          <div className="import-log-result" data-testid="import-log-message" role="status">
            <p>
              Loaded {loaded.view.paths.length} path{loaded.view.paths.length === 1 ? '' : 's'} ({loaded.view.accepted ? 'accepted'
                : loaded.view.imported.stoppedAt && loaded.view.errno === null ? 'no verdict: the log stops before it' : `rejected: ${loaded.view.error?.message ?? ''}`}).
            </p>
            {loaded.view.imported.stoppedAt && (
              <p className="import-log-stop">Stopped reading at line {loaded.view.imported.stoppedAt.line}: {loaded.view.imported.stoppedAt.reason}. Everything before it is loaded.</p>
            )}
            {loaded.view.imported.warnings.length > 0 && (
              <ul className="import-log-warnings">
                {loaded.view.imported.warnings.map((w, i) => <li key={i}>{w.line ? `Line ${w.line}: ` : ''}{w.message}</li>)}
              </ul>
            )}
          </div>
        )}
      </div>
    </div>
  );
}

export function ImportLogButton() {
  const [open, setOpen] = useState(false);
  return (
    <div className="import-log">
      <button type="button" className="header-button" onClick={() => setOpen(true)} aria-haspopup="dialog"
        title="Paste a verifier log from a real kernel and explore it in the visual verifier">
        <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 3v12M7 10l5 5 5-5M4 19h16" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" /></svg>
        Import log
      </button>
      <ImportedMark />
      {open && <ImportDialog onClose={() => setOpen(false)} />}
    </div>
  );
}
