// Opening files: the header's "Open…" button (a file picker) and a drop zone over the whole page
// (an overlay appears while a file is dragged in). An ELF object, raw bytecode (binary or hex), a
// `bpftool prog dump xlated` listing or a verifier log becomes the editor's program; an object with
// several programs asks which one first. A file that cannot be read gets a message naming what is
// wrong, and the editor keeps what it had.
import { useEffect, useRef, useState } from 'react';
import { useEscape } from '../app/dismiss.js';
import { createPortal } from 'react-dom';
import { useAppStore } from '../../store/react.js';
import type { Candidate, Opened } from './importer.js';
import { loadImported } from './load.js';
import '../app/chrome.css';
import './import.css';

type Notice = { kind: 'error' | 'ok'; message: string; warnings: string[] };

function describe(c: Candidate): string {
  const n = c.insns === null ? 'does not assemble' : `${c.insns} instruction${c.insns === 1 ? '' : 's'}`;
  return `${c.program.name} (${c.program.progType}, ${n})`;
}

async function readFile(file: File): Promise<Opened> {
  const { openBytes } = await import('./importer.js');
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return { ok: false, fileName: file.name, error: 'the browser could not read the file' };
  }
  return openBytes(file.name, bytes);
}

/** True when a drag carries files (not text or a link dragged within the page). */
const hasFiles = (e: DragEvent): boolean => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');

function Picker({ opened, choose, cancel }: { opened: Extract<Opened, { ok: true }>; choose: (c: Candidate) => void; cancel: () => void }) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => { first.current?.focus(); }, []);
  useEscape(true, cancel);
  return (
    <div className="dialog-backdrop import-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) cancel(); }}>
      <div className="dialog import-picker" role="dialog" aria-modal="true" aria-labelledby="import-picker-title">
        <h2 id="import-picker-title">{opened.fileName} holds {opened.candidates.length} programs</h2>
        <p className="import-hint">Choose the one to open.</p>
        <table className="import-table">
          <thead><tr><th>Program</th><th>Section</th><th>Type</th><th className="num">Instructions</th><th /></tr></thead>
          <tbody>
            {opened.candidates.map((c, i) => (
              <tr key={`${c.program.section}/${c.program.name}/${i}`}>
                <td className="mono">{c.program.name}</td>
                <td className="mono">{c.program.section || '—'}</td>
                <td className="mono">{c.program.progType}</td>
                <td className="num mono">{c.insns ?? '—'}</td>
                <td><button ref={i === 0 ? first : undefined} type="button" className="small-button" aria-label={`Open ${c.program.name}`} onClick={() => choose(c)}>Open</button></td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="import-actions"><button type="button" className="small-button" onClick={cancel}>Cancel</button></div>
      </div>
    </div>
  );
}

export function OpenButton() {
  const store = useAppStore();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [picking, setPicking] = useState<Extract<Opened, { ok: true }> | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const take = (opened: Extract<Opened, { ok: true }>, c: Candidate): void => {
    setPicking(null);
    loadImported(store, c.program);
    setNotice({ kind: 'ok', message: `Opened ${describe(c)} from ${opened.fileName}.`, warnings: opened.warnings });
  };

  const open = async (file: File): Promise<void> => {
    const r = await readFile(file);
    if (!r.ok) {
      setNotice({ kind: 'error', message: `Could not open ${r.fileName}: ${r.error}. Your program was not changed.`, warnings: [] });
      return;
    }
    if (r.candidates.length === 1) take(r, r.candidates[0]!);
    else { setNotice(null); setPicking(r); }
  };
  const openRef = useRef(open);
  openRef.current = open;

  // The whole page is the drop zone. Capture phase, so Monaco never inserts a dropped file's text.
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setDragging(true);
    };
    const over = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.stopPropagation();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.stopPropagation();
      depth = 0;
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file) void openRef.current(file);
    };
    window.addEventListener('dragenter', enter, true);
    window.addEventListener('dragover', over, true);
    window.addEventListener('dragleave', leave, true);
    window.addEventListener('drop', drop, true);
    return () => {
      window.removeEventListener('dragenter', enter, true);
      window.removeEventListener('dragover', over, true);
      window.removeEventListener('dragleave', leave, true);
      window.removeEventListener('drop', drop, true);
    };
  }, []);

  useEffect(() => {
    if (notice?.kind !== 'ok' || notice.warnings.length) return;
    const t = window.setTimeout(() => setNotice(null), 5000);
    return () => window.clearTimeout(t);
  }, [notice]);

  return (
    <>
      <button type="button" className="header-button file-button" aria-label="Open…" onClick={() => input.current?.click()}
        title="Open an eBPF object (.o), raw bytecode (binary or hex), a bpftool xlated dump or a verifier log; or drop it on the page">
        <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true"><path d="M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" /></svg>
        <span className="file-button-label">Open…</span>
      </button>
      <input ref={input} type="file" hidden aria-label="Open a file" data-testid="import-file"
        onChange={(e) => { const f = e.currentTarget.files?.[0]; e.currentTarget.value = ''; if (f) void open(f); }} />
      {notice && (
        <div className={`toast import-notice${notice.kind === 'error' ? ' toast-problem' : ''}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="import-notice">
          <div className="toast-text">
            <span>{notice.message}</span>
            {notice.warnings.length > 0 && <ul className="import-warnings">{notice.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>}
          </div>
          <button type="button" className="toast-close" onClick={() => setNotice(null)} aria-label="Dismiss">×</button>
        </div>
      )}
      {dragging && createPortal(
        <div className="import-drop" data-testid="drop-overlay" aria-hidden="true">
          <div className="import-drop-box">Drop an eBPF object, bytecode or log</div>
        </div>, document.body)}
      {picking && createPortal(
        <Picker opened={picking} choose={(c) => take(picking, c)} cancel={() => setPicking(null)} />, document.body)}
    </>
  );
}
