// The debugger's controls: Verify and Run, the stepping commands, the step counter and the timeline
// that scrubs the whole run. Each button's accessible name is its label; its tooltip adds the
// shortcut. The timeline seeks in the worker and the store keeps only the newest position while a
// seek is in flight, so dragging over a million steps stays smooth.
import { useEffect, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectCurrentLine } from '../../store/index.js';
import { useApp, useAppStore } from '../../store/react.js';
import type { AppState } from '../../store/index.js';
import { actionForKey, SHORTCUTS, type Action } from './shortcuts.js';
import './controls.css';

const ICONS: Record<string, ReactNode> = {
  run: <path d="M6 4l14 8-14 8z" fill="currentColor" />,
  verify: <path d="M5 12.5l4.5 4.5L19 7.5" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />,
  stepBack: <path d="M19 12H6m5-6l-6 6 6 6" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />,
  step: <path d="M12 4v13m-6-6l6 6 6-6M6 21h12" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />,
  stepOver: <path d="M4 14a8 8 0 0 1 15-4m1-5v5h-5M12 17v0" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />,
  stepOut: <path d="M12 20V7m-6 6l6-6 6 6M6 3h12" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />,
  continue: <path d="M5 4v16M9 4l11 8-11 8z" fill="currentColor" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />,
  runToCursor: <path d="M4 12h11m-4-5l5 5-5 5M20 5v14" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />,
  reset: <path d="M4 12a8 8 0 1 0 3-6.2M4 4v5h5" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />,
};

function Button({ action, label, onClick, disabled, primary, tip }: {
  action: Action; label: string; onClick: () => void; disabled?: boolean; primary?: boolean; tip: string;
}) {
  return (
    <button type="button" className={`tool-button${primary ? ' primary' : ''}`} onClick={onClick} disabled={disabled}
      title={`${tip} (${SHORTCUTS[action].label})`} aria-keyshortcuts={SHORTCUTS[action].label.replace(/\+/g, '+')}>
      <svg width="15" height="15" viewBox="0 0 24 24" aria-hidden="true">{ICONS[action]}</svg>
      <span>{label}</span>
    </button>
  );
}

/** Carries out a toolbar action against the store (shared by the buttons and the shortcuts). */
export function perform(s: AppState, action: Action): void {
  switch (action) {
    case 'run': void s.runToEnd(); break;
    case 'verify': s.assembleNow(); void s.verifyNow(); s.setBottomTab('verifier'); break;
    case 'continue': void (s.run && !s.runStale ? s.debug('continue') : s.runToEnd()); break;
    case 'step': void s.debug('step'); break;
    case 'stepBack': void s.debug('stepBack'); break;
    case 'stepOver': void s.debug('stepOver'); break;
    case 'stepOut': void s.debug('stepOut'); break;
    case 'runToCursor': void s.runToLine(s.cursor.line); break;
    case 'reset': void s.debug('reset'); break;
    case 'toggleBreakpoint': s.toggleBreakpoint(s.cursor.line); break;
  }
}

function Timeline() {
  const { run, seek, stale } = useApp(useShallow((s) => ({ run: s.run, seek: s.seek, stale: s.runStale })));
  const max = run?.maxStep ?? 0;
  // The thumb follows the pointer at once; the panes follow as fast as the worker answers.
  const [drag, setDrag] = useState<number | null>(null);
  const value = drag ?? run?.step ?? 0;
  useEffect(() => { if (drag !== null && run?.step === drag) setDrag(null); }, [run?.step, drag]);
  return (
    <div className="timeline">
      <span className="step-counter mono" data-testid="step-counter" aria-live="polite">
        step {value.toLocaleString('en-US')}<span className="dim"> / {max.toLocaleString('en-US')}</span>
      </span>
      <input type="range" className="timeline-slider" aria-label="Timeline" min={0} max={Math.max(max, 1)} step={1} value={value}
        disabled={!run || stale || max === 0} title="Scrub through every step of the run"
        onChange={(e) => { const n = Number(e.target.value); setDrag(n); void seek(n); }} />
    </div>
  );
}

function BusyNotice() {
  const { notice, cancel, setNotice } = useApp(useShallow((s) => ({ notice: s.notice, cancel: s.cancelWork, setNotice: s.setNotice })));
  const clear = () => setNotice(null);
  if (!notice) return null;
  if (notice.kind === 'busy') {
    return (
      <div className="notice busy" role="status">
        <span className="spinner" aria-hidden="true" /> {notice.task}… {((notice.ms ?? 0) / 1000).toFixed(1)} s
        <button type="button" className="small-button" onClick={cancel}>Cancel</button>
      </div>
    );
  }
  return (
    <div className={`notice ${notice.kind}`} role="alert">
      <span>{notice.message}</span>
      <button type="button" className="small-button" onClick={clear}>Dismiss</button>
    </div>
  );
}

export function Toolbar() {
  const { run, busy, stale, verifying, line } = useApp(useShallow((s) => ({
    run: s.run, busy: s.runBusy, stale: s.runStale, verifying: s.verifying, line: selectCurrentLine(s),
  })));
  const store = useAppStore();
  const act = (a: Action) => () => perform(store.getState(), a);
  const live = !!run && !stale;
  const running = live && run.status === 'running';
  return (
    <div className="toolbar" role="toolbar" aria-label="Debugger">
      <div className="tool-group">
        <Button action="verify" label="Verify" tip="Verify the program now (it also verifies as you type)" onClick={act('verify')} disabled={verifying} />
        <Button action="run" label="Run" primary tip="Run from the start to the end or the first breakpoint" onClick={act('run')} />
      </div>
      <div className="tool-group">
        <Button action="stepBack" label="Step back" tip="Undo the last instruction" onClick={act('stepBack')} disabled={!live || run.step === 0} />
        <Button action="step" label="Step" tip="Execute one instruction (into calls)" onClick={act('step')} disabled={live && !running} />
        <Button action="stepOver" label="Step over" tip="Execute one instruction; run calls to their return" onClick={act('stepOver')} disabled={live && !running} />
        <Button action="stepOut" label="Step out" tip="Run until the current function returns" onClick={act('stepOut')} disabled={!running} />
        <Button action="continue" label="Continue" tip="Run to the next breakpoint or the end (after the end: from the start again)" onClick={act('continue')} />
        <Button action="runToCursor" label="Run to cursor" tip="Run until the instruction on the cursor's line is next" onClick={act('runToCursor')} />
        <Button action="reset" label="Reset" tip="Back to step 0" onClick={act('reset')} disabled={!live || run.step === 0} />
      </div>
      <Timeline />
      <span className="pc-note mono" data-testid="current-pc">{live ? `pc ${run.pc}${line !== null ? ` · line ${line}` : ''}` : stale ? 'source changed: Run restarts' : ''}</span>
      {busy && <span className="spinner small" aria-label="Working" role="status" />}
      <BusyNotice />
    </div>
  );
}

/** The shortcuts, caught before Monaco sees them (F10/F11 mean nothing to the editor here). */
export function useShortcuts(): void {
  const store = useAppStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const a = actionForKey(e);
      if (!a) return;
      e.preventDefault();
      e.stopPropagation();
      perform(store.getState(), a);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [store]);
}
