// The path tree: every path the verifier explored, in the order it explored them (depth-first,
// fall-through first), indented under the path it branched from, with how each ended (exit,
// pruned as equivalent to an earlier state, error, the instruction limit, or never explored) and
// counts of each. Picking a path tints its instructions in the editor and opens a stepper: the
// Registers and Stack panes show the verifier's state at the step, and the state diff beside the
// tree says what the step changed and why. Only the rows on screen render (a walk can have
// thousands of paths); the states themselves come from the worker one step at a time.
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useShallow } from 'zustand/react/shallow';
import { selectSelectedPath } from '../../../store/index.js';
import { useApp } from '../../../store/react.js';
import type { PathEndView, PathMeta } from '../../../worker/protocol.js';
import { StateDiff } from '../diff/StateDiff.js';
import { Empty, Pane } from '../Pane.js';
import './paths.css';

type Filter = 'all' | 'error' | 'pruned' | 'exit';

const END_TEXT: Record<PathEndView['kind'], string> = {
  exit: 'exit', pruned: 'pruned', error: 'error', limit: 'limit', unexplored: 'not explored',
};
const END_TITLE: Record<PathEndView['kind'], string> = {
  exit: 'reached exit: this path is safe',
  pruned: 'pruned: its state was covered by a state the verifier already proved safe at this instruction',
  error: 'the verifier rejected the program on this path',
  limit: 'the verifier gave up: too many instructions processed',
  unexplored: 'still queued when an error elsewhere stopped the walk',
};

function endMatches(e: PathEndView, f: Filter): boolean {
  if (f === 'all') return true;
  if (f === 'error') return e.kind === 'error' || e.kind === 'limit';
  return e.kind === f;
}

function Stepper({ path }: { path: PathMeta }) {
  const { step, setStep } = useApp(useShallow((s) => ({ step: s.pathStep, setStep: s.setPathStep })));
  const n = path.pcs.length;
  // The editor marks (and scrolls to) the step's line by itself; focus stays here for the keys.
  const go = (k: number): void => { void setStep(Math.min(Math.max(0, k), n - 1)); };
  if (!n) return <div className="stepper dim-note"><PathEnd path={path} /></div>;
  return (
    <>
    <div className="stepper" role="group" aria-label="Step along the path">
      <button type="button" className="small-button" onClick={() => go(0)} disabled={step === 0} aria-label="First step">|◀</button>
      <button type="button" className="small-button" onClick={() => go(step - 1)} disabled={step === 0}>◀ Prev</button>
      <input type="range" min={0} max={n - 1} value={Math.min(step, n - 1)} aria-label="Step" onChange={(e) => go(Number(e.target.value))} />
      <button type="button" className="small-button" onClick={() => go(step + 1)} disabled={step >= n - 1}>Next ▶</button>
      <button type="button" className="small-button" onClick={() => go(n - 1)} disabled={step >= n - 1} aria-label="Last step">▶|</button>
      <span className="mono stepper-pos" data-testid="step-position">step {Math.min(step, n - 1) + 1}/{n} · insn {path.pcs[Math.min(step, n - 1)]}</span>
    </div>
    <div className="path-end-line"><PathEnd path={path} /></div>
    </>
  );
}

/** How the path ended, in words (an error with the kernel's message). */
function PathEnd({ path }: { path: PathMeta }) {
  const e = path.end;
  const where = `instruction ${e.pc}`;
  const text = e.kind === 'exit' ? `Reached exit at ${where}: this path is safe.`
    : e.kind === 'pruned' ? `Pruned at ${where}: a state the verifier had already proved safe there covers this one.`
    : e.kind === 'error' ? `Rejected at ${where}: `
    : e.kind === 'limit' ? `Stopped at ${where}: the verifier's instruction limit.`
    : `Still queued at ${where} when an error elsewhere ended the walk.`;
  return (
    <span className={`path-end end-text-${e.kind}`} data-testid="path-end">
      {text}{e.kind === 'error' && <code className="mono">{e.message}</code>}
      {path.pcs.length === 0 && e.kind !== 'error' ? ' It processed no instruction of its own.' : ''}
    </span>
  );
}

/** With an instruction picked in the log (no path): which path that visit was on, to follow it. */
function FollowPath() {
  const { step, follow } = useApp(useShallow((s) => ({ step: s.mode === 'verify' ? s.stepView : null, follow: s.selectPath })));
  if (!step) return <p className="dim-note stepper-hint">Pick a path to walk along it; its instructions are tinted in the editor.</p>;
  return (
    <p className="dim-note stepper-hint">
      Instruction {step.pc} on path #{step.pathId}, step {step.step + 1} of {step.steps}.{' '}
      <button type="button" className="link-button" onClick={() => void follow(step.pathId, step.step)}>Follow this path</button>
    </p>
  );
}

export function PathsPane() {
  const { verdict, selectPath, selected, truncated } = useApp(useShallow((s) => ({
    verdict: s.verdict && s.verifiedSource === s.source ? s.verdict : null,
    selectPath: s.selectPath, selected: selectSelectedPath(s), truncated: s.verdict?.pathsTruncated ?? false,
  })));
  const [filter, setFilter] = useState<Filter>('all');
  const paths = verdict?.paths ?? [];
  const depth = useMemo(() => {
    const d = new Int32Array(paths.length);
    for (const p of paths) d[p.id] = p.parent === null ? 0 : (d[p.parent] ?? 0) + 1;
    return d;
  }, [paths]);
  const counts = useMemo(() => {
    const c = { exit: 0, pruned: 0, error: 0, limit: 0, unexplored: 0 };
    for (const p of paths) c[p.end.kind]++;
    return c;
  }, [paths]);
  const shown = useMemo(() => paths.filter((p) => endMatches(p.end, filter)), [paths, filter]);
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: shown.length, getScrollElement: () => parent.current, estimateSize: () => 24, overscan: 12 });

  /** Up and down move the selection through the rows shown. */
  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const at = selected ? shown.findIndex((p) => p.id === selected.id) : -1;
    const next = shown[Math.min(shown.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (!next) return;
    void selectPath(next.id);
    v.scrollToIndex(shown.indexOf(next));
  };

  const filters: { id: Filter; label: string; n: number }[] = [
    { id: 'all', label: 'All', n: paths.length },
    { id: 'error', label: 'Errors', n: counts.error + counts.limit },
    { id: 'pruned', label: 'Pruned', n: counts.pruned },
    { id: 'exit', label: 'Exits', n: counts.exit },
  ];
  const actions = (
    <div className="path-filters" role="group" aria-label="Show paths">
      {filters.map((f) => (
        <button key={f.id} type="button" className="small-button" aria-pressed={filter === f.id} onClick={() => setFilter(f.id)}>{f.label} {f.n}</button>
      ))}
    </div>
  );
  return (
    <Pane id="paths" title="Paths" scroll={false} actions={verdict ? actions : null}>
      {!verdict ? <Empty>The paths appear once the program assembles and is verified.</Empty> : (
        <div className="paths-body">
          <div className="path-tree-col">
            <p className="paths-count dim-note" data-testid="paths-count">
              {paths.length} path{paths.length === 1 ? '' : 's'}: {counts.exit} exit, {counts.pruned} pruned, {counts.error} error{counts.limit ? `, ${counts.limit} limit` : ''}{counts.unexplored ? `, ${counts.unexplored} not explored` : ''}
              {truncated ? ' · recording stopped early: later paths are partial' : ''}
            </p>
            <div ref={parent} className="path-tree" role="listbox" aria-label="Paths the verifier explored" tabIndex={0}
              aria-activedescendant={selected ? `path-${selected.id}` : undefined} onKeyDown={onKey}>
              <div style={{ height: v.getTotalSize(), position: 'relative' }}>
                {v.getVirtualItems().map((it) => {
                  const p = shown[it.index]!;
                  const on = selected?.id === p.id;
                  return (
                    <div key={p.id} id={`path-${p.id}`} role="option" aria-selected={on} data-testid="path-row" data-path-id={p.id} data-end={p.end.kind}
                      className={`path-row${on ? ' selected' : ''}`} style={{ transform: `translateY(${it.start}px)`, paddingLeft: 8 + Math.min(depth[p.id] ?? 0, 24) * 12 }}
                      onClick={() => { if (!on) void selectPath(p.id); }} title={p.end.kind === 'error' ? p.end.message : END_TITLE[p.end.kind]}>
                      <span className="mono path-id">#{p.id}</span>
                      <span className="path-from">{p.fromPc === null ? 'start at 0' : `from ${p.fromPc} → ${p.startPc}`}</span>
                      <span className="dim-note">{p.pcs.length} step{p.pcs.length === 1 ? '' : 's'}</span>
                      <span className={`end-badge end-${p.end.kind}`}>{END_TEXT[p.end.kind]} @{p.end.pc}</span>
                    </div>
                  );
                })}
              </div>
            </div>
          </div>
          <div className="path-detail-col">
            {selected ? <Stepper path={selected} /> : <FollowPath />}
            <div className="path-detail-scroll"><StateDiff /></div>
          </div>
        </div>
      )}
    </Pane>
  );
}
