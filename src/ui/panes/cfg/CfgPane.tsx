// The control-flow graph: the program's basic blocks laid out by ELK, edges for taken branches,
// fall-throughs, jumps and bpf-to-bpf calls, back edges drawn as loops. Each block is tinted by how
// often the verifier processed it (never-reached blocks are hatched), marked where pruning cut a
// path and where the error is, and outlined when it lies on the path picked in the Paths tab.
// Clicking a block moves the editor to its first instruction. Wheel zooms, dragging pans; blocks
// collapse to their header (all of them start collapsed in big graphs). Loaded lazily with elkjs.
import { useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { lineOfPc, selectSelectedPath } from '../../../store/index.js';
import { useApp } from '../../../store/react.js';
import type { FlowGraphView } from '../../../worker/protocol.js';
import { Empty, Pane } from '../Pane.js';
import { blockTitle, HEAD_H, LINE_H, layoutGraph, MAX_CHARS, PAD_X, type Laid } from './layout.js';
import './cfg.css';

/** Graphs with more blocks than this open with every block collapsed. */
const COLLAPSE_ABOVE = 120;

interface View { x: number; y: number; k: number }

const cut = (t: string): string => (t.length > MAX_CHARS ? `${t.slice(0, MAX_CHARS - 1)}…` : t);

function Graph({ flow }: { flow: FlowGraphView }) {
  const { program, reveal, path, currentPc } = useApp(useShallow((s) => ({
    program: s.result.ok ? s.result.program : s.lastGood, reveal: s.revealInEditor, path: selectSelectedPath(s),
    currentPc: s.mode === 'verify' ? s.selectedPc : null,
  })));
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(() => new Set(flow.blocks.length > COLLAPSE_ABOVE ? flow.blocks.map((b) => b.id) : []));
  const [laid, setLaid] = useState<Laid | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<View>({ x: 0, y: 0, k: 1 });
  const box = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number; vx: number; vy: number; moved: boolean } | null>(null);
  const fitted = useRef(false);

  useEffect(() => {
    let live = true;
    layoutGraph(flow, collapsed).then((l) => { if (live) { setLaid(l); setError(null); } }, (e: unknown) => { if (live) setError(e instanceof Error ? e.message : String(e)); });
    return () => { live = false; };
  }, [flow, collapsed]);

  /** The whole graph in view (`readable`: never smaller than text stays legible; starts at the top). */
  const fit = (l: Laid | null = laid, readable = false): void => {
    const el = box.current;
    if (!el || !l || !l.width) return;
    let k = Math.min(1, el.clientWidth / l.width, el.clientHeight / l.height);
    if (readable) k = Math.min(1, Math.max(k, 0.75));
    setView({ k, x: Math.max(8, (el.clientWidth - l.width * k) / 2), y: Math.max(0, (el.clientHeight - l.height * k) / 2) });
  };
  useEffect(() => {
    if (laid && !fitted.current) { fitted.current = true; fit(laid, true); }
  }, [laid]); // eslint-disable-line react-hooks/exhaustive-deps

  // Wheel zoom around the pointer (a non-passive listener, so the page does not scroll).
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const onWheel = (e: WheelEvent): void => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      const px = e.clientX - r.left;
      const py = e.clientY - r.top;
      setView((v) => {
        const k = Math.min(4, Math.max(0.08, v.k * Math.exp(-e.deltaY * 0.0015)));
        return { k, x: px - ((px - v.x) * k) / v.k, y: py - ((py - v.y) * k) / v.k };
      });
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const zoom = (f: number): void => {
    const el = box.current;
    const cx = (el?.clientWidth ?? 0) / 2;
    const cy = (el?.clientHeight ?? 0) / 2;
    setView((v) => {
      const k = Math.min(4, Math.max(0.08, v.k * f));
      return { k, x: cx - ((cx - v.x) * k) / v.k, y: cy - ((cy - v.y) * k) / v.k };
    });
  };

  const onDown = (e: ReactPointerEvent<HTMLDivElement>): void => {
    if (e.button !== 0) return;
    drag.current = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false };
  };
  const onMove = (e: ReactPointerEvent<HTMLDivElement>): void => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!d.moved) { d.moved = true; box.current?.setPointerCapture(e.pointerId); }
    setView((v) => ({ ...v, x: d.vx + dx, y: d.vy + dy }));
  };
  const onUp = (): void => { setTimeout(() => { drag.current = null; }, 0); };

  const maxVisits = useMemo(() => Math.max(1, ...flow.blocks.map((b) => b.visits)), [flow]);
  /** The blocks the selected path went through (and the one it split off from) and the edges it took. */
  const onPath = useMemo(() => {
    if (!path) return null;
    const blockOf = new Map<number, number>();
    for (const b of flow.blocks) for (const pc of b.pcs) blockOf.set(pc, b.id);
    const blocks = new Set<number>();
    const edges = new Set<string>();
    // A branched path starts with the edge out of the block it split off from.
    let prev: number | null = path.fromPc !== null ? blockOf.get(path.fromPc) ?? null : null;
    if (prev !== null) blocks.add(prev);
    for (const pc of [...path.pcs, path.end.pc]) {
      const b = blockOf.get(pc);
      if (b === undefined) continue;
      if (pc === flow.blocks[b]!.start && prev !== null) edges.add(`${prev}>${b}`);
      blocks.add(b);
      prev = b;
    }
    return { blocks, edges };
  }, [flow, path]);
  const toggle = (id: number): void => {
    const next = new Set(collapsed);
    if (next.has(id)) next.delete(id); else next.add(id);
    setCollapsed(next);
  };
  const goTo = (pc: number): void => {
    if (drag.current?.moved) return;
    const line = lineOfPc(program, pc);
    if (line !== null) reveal(line, 1);
  };

  const byId = new Map(flow.blocks.map((b) => [b.id, b]));
  const loops = flow.edges.filter((e) => e.back).length;
  const unreached = flow.blocks.filter((b) => b.visits === 0).length;
  return (
    <div className="cfg">
      <div className="cfg-tools" role="toolbar" aria-label="Graph view">
        <button type="button" className="small-button" onClick={() => zoom(1.25)} aria-label="Zoom in">+</button>
        <button type="button" className="small-button" onClick={() => zoom(0.8)} aria-label="Zoom out">−</button>
        <button type="button" className="small-button" onClick={() => fit()}>Fit</button>
        <button type="button" className="small-button" onClick={() => setCollapsed(new Set(flow.blocks.map((b) => b.id)))}>Collapse all</button>
        <button type="button" className="small-button" onClick={() => setCollapsed(new Set())}>Expand all</button>
        <span className="dim-note" data-testid="cfg-summary">
          {flow.blocks.length} blocks · {flow.edges.length} edges{loops ? ` · ${loops} loop${loops === 1 ? '' : 's'}` : ''}{unreached ? ` · ${unreached} never reached` : ''}
        </span>
        <span className="cfg-legend dim-note" aria-hidden="true">
          <span className="lg lg-taken">taken</span><span className="lg lg-fall">fall-through</span><span className="lg lg-back">loop</span><span className="lg lg-call">call</span>
        </span>
      </div>
      <div ref={box} className="cfg-canvas" onPointerDown={onDown} onPointerMove={onMove} onPointerUp={onUp} onPointerCancel={onUp}>
        {error && <Empty>The graph could not be laid out: {error}</Empty>}
        {!laid && !error && <Empty>Laying out {flow.blocks.length} blocks…</Empty>}
        {laid && (
          <svg className="cfg-svg" data-testid="cfg-svg" width="100%" height="100%" role="img" aria-label="Control-flow graph">
            <defs>
              {['taken', 'fall', 'jump', 'call', 'back'].map((k) => (
                <marker key={k} id={`arrow-${k}`} viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                  <path d="M0,0 L8,4 L0,8 z" className={`arrow arrow-${k}`} />
                </marker>
              ))}
              <pattern id="cfg-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <line x1="0" y1="0" x2="0" y2="6" className="hatch" />
              </pattern>
            </defs>
            <g transform={`translate(${view.x},${view.y}) scale(${view.k})`}>
              {laid.edges.map((e) => {
                const cls = e.back ? 'back' : e.kind;
                const d = e.points.map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`).join(' ');
                const mid = e.points[Math.floor(e.points.length / 2)];
                return (
                  <g key={e.key} data-testid="cfg-edge" data-kind={e.kind} data-back={e.back}>
                    {onPath?.edges.has(`${e.from}>${e.to}`) && <path d={d} className="edge-on-path" />}
                    <path d={d} className={`edge edge-${cls}`} markerEnd={`url(#arrow-${cls})`} />
                    {e.back && mid && <text x={mid.x + 4} y={mid.y - 3} className="edge-label">loop</text>}
                  </g>
                );
              })}
              {laid.nodes.map((n) => {
                const b = byId.get(n.id)!;
                const closed = collapsed.has(b.id);
                const heat = b.visits ? Math.round(12 + 58 * (Math.log1p(b.visits) / Math.log1p(maxVisits))) : 0;
                const cls = `block${b.visits ? '' : ' unreached'}${b.error ? ' error' : ''}${b.exit ? ' exit' : ''}${onPath?.blocks.has(b.id) ? ' on-path' : ''}${currentPc !== null && b.pcs.includes(currentPc) ? ' current' : ''}`;
                return (
                  <g key={n.id} transform={`translate(${n.x},${n.y})`} className={cls} data-testid="cfg-block" data-block={b.id} data-start={b.start}
                    data-visits={b.visits} onClick={() => goTo(b.start)}>
                    <title>{`${blockTitle(b)}: processed ${b.visits}×${b.pruned ? `, ${b.pruned} path${b.pruned === 1 ? '' : 's'} pruned here` : ''}${b.error ? ', the verifier\'s error is here' : ''} (click to go to the code)`}</title>
                    <rect width={n.w} height={n.h} rx="4" className="block-bg" style={b.visits ? { fill: `color-mix(in srgb, var(--warn) ${heat}%, var(--bg-pane))` } : undefined} />
                    {!b.visits && <rect width={n.w} height={n.h} rx="4" fill="url(#cfg-hatch)" className="block-hatch" />}
                    <rect width={n.w} height={n.h} rx="4" className="block-frame" />
                    {b.exit && <rect x={0} y={n.h - 3} width={n.w} height={3} className="exit-bar"><title>ends with exit</title></rect>}
                    <text x={PAD_X} y={14} className="block-head">{blockTitle(b)} · {b.visits}×</text>
                    <g className="block-toggle" onClick={(e) => { e.stopPropagation(); toggle(b.id); }} role="button" aria-label={closed ? `Expand block ${b.id}` : `Collapse block ${b.id}`}>
                      <rect x={n.w - 18} y={3} width={14} height={14} rx="3" />
                      <text x={n.w - 11} y={14} textAnchor="middle">{closed ? '+' : '−'}</text>
                    </g>
                    {b.pruned > 0 && (
                      <g className="prune-mark" transform={`translate(${n.w - 4},${n.h - 2})`}>
                        <text textAnchor="end" y={-4}>✂ pruned {b.pruned}</text>
                      </g>
                    )}
                    {!closed && currentPc !== null && b.pcs.includes(currentPc) && (
                      <rect x={2} y={HEAD_H + b.pcs.indexOf(currentPc) * LINE_H} width={n.w - 4} height={LINE_H} className="current-insn" />
                    )}
                    {!closed && b.text.map((t, i) => (
                      <text key={i} x={PAD_X} y={HEAD_H + 12 + i * LINE_H} className="block-insn">
                        <tspan className="block-pc">{b.pcs[i]}:</tspan> {cut(t)}
                      </text>
                    ))}
                  </g>
                );
              })}
            </g>
          </svg>
        )}
      </div>
    </div>
  );
}

export default function CfgPane() {
  const { flow, load, current } = useApp(useShallow((s) => ({ flow: s.flow, load: s.loadFlow, current: !!s.verdict && s.verifiedSource === s.source })));
  useEffect(() => { if (current && !flow) void load(); }, [current, flow, load]);
  return (
    <Pane id="cfg" title="Control flow" scroll={false}>
      {!current ? <Empty>The graph appears once the program assembles and is verified.</Empty>
        : !flow ? <Empty>Building the graph…</Empty>
        : <Graph key={flow.blocks.length + ':' + flow.edges.length} flow={flow} />}
    </Pane>
  );
}

