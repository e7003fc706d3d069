// The tabbed area under the editor: the assembled program, the verifier, the paths it explored,
// the control-flow graph, the run's input and its output. Each tab carries a dot when it has news
// (the verdict, how the run ended). The graph pane (and its layout engine) loads on first use, so
// the page's first load does not pay for it.
import { lazy, Suspense } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { BottomTab } from '../../store/index.js';
import { useApp } from '../../store/react.js';
import { InputPane } from '../panes/input/InputPane.js';
import { OutputPane } from '../panes/output/OutputPane.js';
import { PathsPane } from '../panes/paths/PathsPane.js';
import { ProgramPane } from '../panes/program/ProgramPane.js';
import { VerifierPane } from '../panes/verifier/VerifierPane.js';

const CfgPane = lazy(() => import('../panes/cfg/CfgPane.js'));

const TABS: { id: BottomTab; label: string }[] = [
  { id: 'program', label: 'Program' },
  { id: 'verifier', label: 'Verifier' },
  { id: 'paths', label: 'Paths' },
  { id: 'cfg', label: 'CFG' },
  { id: 'input', label: 'Input' },
  { id: 'output', label: 'Output' },
];

export function BottomTabs() {
  const { tab, setTab, verdict, asmOk, runStatus, runError } = useApp(useShallow((s) => ({
    tab: s.bottomTab, setTab: s.setBottomTab,
    verdict: s.verdict && s.verifiedSource === s.source ? (s.verdict.accepted ? 'ok' : 'error') : null,
    asmOk: s.result.ok, runStatus: s.run?.status ?? null, runError: !!s.runError,
  })));
  const dot: Partial<Record<BottomTab, string>> = {
    program: asmOk ? '' : 'error',
    verifier: verdict ?? '',
    output: runError || runStatus === 'faulted' ? 'error' : runStatus === 'limit' ? 'warn' : runStatus === 'exited' ? 'ok' : '',
  };
  return (
    <div className="tabs">
      <div className="tab-strip" role="tablist" aria-label="Program, verifier, paths, control flow, input and output">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" id={`tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`tabpanel-${t.id}`}
            className="tab" onClick={() => setTab(t.id)}>
            {t.label}{dot[t.id] ? <span className={`dot ${dot[t.id]}`} aria-hidden="true" /> : null}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'program' && <ProgramPane />}
        {tab === 'verifier' && <VerifierPane />}
        {tab === 'paths' && <PathsPane />}
        {tab === 'cfg' && <Suspense fallback={<p className="pane-empty">Loading the graph view…</p>}><CfgPane /></Suspense>}
        {tab === 'input' && <InputPane />}
        {tab === 'output' && <OutputPane />}
      </div>
    </div>
  );
}
