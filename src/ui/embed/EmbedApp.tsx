// The embedded page (`?embed#s=…`), for blogs and course pages: the shared program in a read-only
// editor, the debugger's essential buttons, the verdict, and the registers / output / verifier log
// on the side. It never starts the session sync, so it neither reads nor writes the visitor's
// autosave of the full app; its fragment stays in the address bar, so "Open in bpfiddle" (and a
// reload) show the same session.
import { useEffect, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useShortcuts, perform } from '../controls/Toolbar.js';
import type { Action } from '../controls/shortcuts.js';
import { SHORTCUTS } from '../controls/shortcuts.js';
import { SourceEditor } from '../editor/SourceEditor.js';
import { OutputPane } from '../panes/output/OutputPane.js';
import { RegistersPane } from '../panes/registers/RegistersPane.js';
import { VerdictBanner, VerifierPane } from '../panes/verifier/VerifierPane.js';
import { useApp, useAppStore } from '../../store/react.js';
import { fullPageUrl, type EmbedStart } from './link.js';
import '../panes/panes.css';
import '../controls/controls.css';
import './embed.css';

type Side = 'registers' | 'output' | 'verifier';
const SIDES: { id: Side; label: string }[] = [
  { id: 'registers', label: 'Registers' },
  { id: 'output', label: 'Output' },
  { id: 'verifier', label: 'Verifier' },
];

/** Which side tab a button brings forward, so its result is in view. */
const SHOWS: Partial<Record<Action, Side>> = { verify: 'verifier', run: 'output', step: 'registers', stepBack: 'registers', reset: 'registers' };

const ICONS: Partial<Record<Action, ReactNode>> = {
  run: <path d="M6 4l14 8-14 8z" fill="currentColor" />,
  verify: <path d="M5 12.5l4.5 4.5L19 7.5" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />,
  stepBack: <path d="M19 12H6m5-6l-6 6 6 6" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />,
  step: <path d="M12 4v13m-6-6l6 6 6-6M6 21h12" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />,
  reset: <path d="M4 12a8 8 0 1 0 3-6.2M4 4v5h5" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />,
};

function EmbedBar({ show }: { show: (s: Side) => void }) {
  const store = useAppStore();
  const { run, stale, verifying } = useApp(useShallow((s) => ({ run: s.run, stale: s.runStale, verifying: s.verifying })));
  const live = !!run && !stale;
  const running = live && run.status === 'running';
  const button = (action: Action, label: string, tip: string, disabled = false, primary = false) => (
    <button type="button" className={`tool-button${primary ? ' primary' : ''}`} disabled={disabled} aria-label={label} title={`${tip} (${SHORTCUTS[action].label})`}
      onClick={() => {
        const s = store.getState();
        if (action === 'verify') { s.assembleNow(); void s.verifyNow(); } else perform(s, action);
        const side = SHOWS[action];
        if (side) show(side);
      }}>
      <svg width="15" height="15" viewBox="0 0 24 24" aria-hidden="true">{ICONS[action]}</svg>
      <span>{label}</span>
    </button>
  );
  return (
    <div className="embed-bar" role="toolbar" aria-label="Debugger">
      {button('verify', 'Verify', 'Verify the program', verifying)}
      {button('run', 'Run', 'Run from the start to the end', false, true)}
      {button('stepBack', 'Step back', 'Undo the last instruction', !live || run.step === 0)}
      {button('step', 'Step', 'Execute one instruction', live && !running)}
      {button('reset', 'Reset', 'Back to step 0', !live || run.step === 0)}
      <span className="step-counter mono" data-testid="step-counter" aria-live="polite">
        step {(run?.step ?? 0).toLocaleString('en-US')}<span className="dim"> / {(run?.maxStep ?? 0).toLocaleString('en-US')}</span>
      </span>
      <a className="embed-open" href={fullPageUrl(window.location.href)} target="_blank" rel="noopener noreferrer"
        title="Open this program in the full bpfiddle (your own copy to edit)">
        Open in bpfiddle
        <svg width="12" height="12" viewBox="0 0 24 24" aria-hidden="true"><path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" /></svg>
      </a>
    </div>
  );
}

/** Opens the session once per page (StrictMode runs effects twice in development). */
let opened = false;

export function EmbedApp({ start }: { start: EmbedStart }) {
  const store = useAppStore();
  const theme = useApp((s) => s.theme);
  const [side, setSide] = useState<Side>('registers');
  useEffect(() => { document.documentElement.dataset.theme = theme; }, [theme]);
  useEffect(() => {
    if (opened || start.kind !== 'session') return;
    opened = true;
    void store.getState().loadSession(start.session);
  }, [store, start]);
  // Read-only: a file dropped on the embed is ignored rather than opened by the browser in its place.
  useEffect(() => {
    const ignore = (e: DragEvent): void => { e.preventDefault(); };
    window.addEventListener('dragover', ignore);
    window.addEventListener('drop', ignore);
    return () => { window.removeEventListener('dragover', ignore); window.removeEventListener('drop', ignore); };
  }, []);
  useShortcuts();
  return (
    <div className="embed" data-testid="embed">
      <EmbedBar show={setSide} />
      {start.kind === 'refused' && <p className="embed-problem" role="alert">{start.message}.</p>}
      {start.kind === 'none' && <p className="embed-problem" role="status">This embed carries no program (its address lacks a <code>#s=…</code> share fragment); showing the example.</p>}
      <main className="embed-main">
        <section className="pane pane-editor embed-editor" aria-label="Source (read-only)">
          <div className="pane-body">
            <SourceEditor readOnly />
          </div>
          <VerdictBanner />
        </section>
        <div className="embed-side tabs">
          <div className="tab-strip" role="tablist" aria-label="Registers, output and verifier">
            {SIDES.map((t) => (
              <button key={t.id} type="button" role="tab" aria-selected={side === t.id} className="tab" onClick={() => setSide(t.id)}>{t.label}</button>
            ))}
          </div>
          <div className="tab-panel" role="tabpanel">
            {side === 'registers' && <RegistersPane />}
            {side === 'output' && <OutputPane />}
            {side === 'verifier' && <VerifierPane />}
          </div>
        </div>
      </main>
    </div>
  );
}
