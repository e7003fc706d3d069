// The header's Download menu: the program as assembly source (.s, the editor's text), as raw
// bytecode (.bin: 8-byte little-endian slots, as the kernel takes them) and as an ELF object (.o)
// that `bpftool prog load` and libbpf accept with its maps. Bytecode and object need a program that
// assembles; until then those entries are disabled and the menu says why.
import { useRef, useState } from 'react';
import { useEscape, useOutsidePress } from '../app/dismiss.js';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../store/react.js';
import { saveFile } from './download.js';
import { programBaseName } from './names.js';
import '../app/chrome.css';
import '../import/import.css';

export function DownloadMenu() {
  const { source, program, pending, errors } = useApp(useShallow((s) => ({
    source: s.source,
    program: s.result.ok && s.assembledSource === s.source ? s.result.program : null,
    pending: s.assembledSource !== s.source,
    errors: s.result.ok ? 0 : s.result.errors.length,
  })));
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);

  useOutsidePress(open, box, () => setOpen(false));
  useEscape(open, () => setOpen(false));

  const base = program ? programBaseName(program, source) : 'program';
  const reason = program ? null
    : pending ? 'Assembling…'
      : `The program does not assemble (${errors} error${errors === 1 ? '' : 's'}): fix ${errors === 1 ? 'it' : 'them'} to download bytecode or an object.`;

  const binary = async (kind: 'bin' | 'o'): Promise<void> => {
    if (!program) return;
    setFailure(null);
    try {
      const { exportBytecode, exportObject } = await import('../../core/import/index.js');
      const bytes = kind === 'bin' ? exportBytecode(program) : exportObject(program, { name: base });
      if (bytes.length === 0) { setFailure(`The ${kind === 'bin' ? 'bytecode' : 'object'} export is not available yet.`); return; }
      saveFile(`${base}.${kind}`, bytes, kind === 'bin' ? 'application/octet-stream' : 'application/x-object');
      setOpen(false);
    } catch (e) {
      setFailure(`Export failed: ${e instanceof Error ? e.message : String(e)}.`);
    }
  };

  return (
    <div className="download" ref={box}>
      <button type="button" className="header-button file-button" aria-label="Download" aria-haspopup="menu" aria-expanded={open} onClick={() => { setOpen(!open); setFailure(null); }}
        title="Download the program as assembly, raw bytecode or an ELF object">
        <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 4v11m-5-5l5 5 5-5M5 20h14" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" /></svg>
        <span className="file-button-label">Download</span>
      </button>
      {open && (
        <div className="popover download-menu" role="menu" aria-label="Download">
          <button type="button" role="menuitem" className="menu-item download-item" onClick={() => { saveFile(`${base}.s`, source, 'text/plain'); setOpen(false); }}>
            Assembly source (.s)<small>the editor's text, for bpfiddle or llvm-mc</small>
          </button>
          <button type="button" role="menuitem" className="menu-item download-item" disabled={!program} title={reason ?? undefined} onClick={() => void binary('bin')}>
            Raw bytecode (.bin)<small>8-byte instructions, little-endian</small>
          </button>
          <button type="button" role="menuitem" className="menu-item download-item" disabled={!program} title={reason ?? undefined} onClick={() => void binary('o')}>
            ELF object (.o)<small>for bpftool prog load or libbpf, with its maps</small>
          </button>
          {reason && <p className="download-reason" role="note" data-testid="download-reason">{reason}</p>}
          {failure && <p className="download-reason" role="alert">{failure}</p>}
        </div>
      )}
    </div>
  );
}
