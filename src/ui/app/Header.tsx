// The top bar: product name, the Examples menu, Lessons and Share button (from src/ui/examples,
// src/ui/lessons and src/ui/share, shown once those modules exist), the program-type selector, the theme switch.
import type { ComponentType } from 'react';
import { PROG_TYPE_NAMES, type ProgTypeName } from '../../core/asm/types.js';
import { progTypeSpec } from '../../core/progtypes/index.js';
import { selectProgType } from '../../store/index.js';
import { useApp } from '../../store/react.js';

// The slots: eager globs resolve to nothing when the file does not exist (yet), so the header
// builds either way and shows the components as soon as they land.
const examples = import.meta.glob<{ ExamplesMenu: ComponentType }>('../examples/ExamplesMenu.tsx', { eager: true });
const share = import.meta.glob<{ ShareButton: ComponentType }>('../share/ShareButton.tsx', { eager: true });
const lessons = import.meta.glob<{ LessonsButton: ComponentType }>('../lessons/LessonsButton.tsx', { eager: true });
const ExamplesMenu = Object.values(examples)[0]?.ExamplesMenu;
const LessonsButton = Object.values(lessons)[0]?.LessonsButton;
const ShareButton = Object.values(share)[0]?.ShareButton;
const importLog = import.meta.glob<{ ImportLogButton: ComponentType }>('../import-log/ImportLogButton.tsx', { eager: true });
const ImportLogButton = Object.values(importLog)[0]?.ImportLogButton;
const openFile = import.meta.glob<{ OpenButton: ComponentType }>('../import/OpenButton.tsx', { eager: true });
const download = import.meta.glob<{ DownloadMenu: ComponentType }>('../export/DownloadMenu.tsx', { eager: true });
const OpenButton = Object.values(openFile)[0]?.OpenButton;
const DownloadMenu = Object.values(download)[0]?.DownloadMenu;

function Logo() {
  return (
    <svg className="brand-logo" viewBox="0 0 24 24" aria-hidden="true">
      <rect x="1.5" y="1.5" width="21" height="21" rx="5" fill="none" stroke="var(--accent)" strokeWidth="1.6" />
      <path d="M7 8l-3 4 3 4M17 8l3 4-3 4M13.5 6.5l-3 11" fill="none" stroke="var(--accent)" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function ProgTypeSelect() {
  const progType = useApp(selectProgType);
  const setProgType = useApp((s) => s.setProgType);
  return (
    <label className="prog-type" title={progTypeSpec(progType)?.doc ?? 'Sets the .prog directive in the source'}>
      <span aria-hidden="true">program type</span>
      <select className="prog-select mono" aria-label="Program type" data-testid="prog-type" value={progType}
        onChange={(e) => setProgType(e.target.value as ProgTypeName)}>
        {PROG_TYPE_NAMES.map((t) => <option key={t} value={t}>{t}</option>)}
      </select>
    </label>
  );
}

export function Header() {
  const theme = useApp((s) => s.theme);
  const toggleTheme = useApp((s) => s.toggleTheme);
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <header className="app-header">
      <div className="brand">
        <Logo />
        <h1>bpfiddle</h1>
        <span className="brand-tagline">eBPF playground &amp; visual verifier</span>
      </div>
      <div className="header-meta">
        {ExamplesMenu && <ExamplesMenu />}
        {LessonsButton && <LessonsButton />}
        {OpenButton && <OpenButton />}
        {DownloadMenu && <DownloadMenu />}
        {ImportLogButton && <ImportLogButton />}
        {ShareButton && <ShareButton />}
        <ProgTypeSelect />
        <button type="button" className="icon-button" onClick={toggleTheme} aria-label={`Switch to ${next} theme`} title={`Switch to ${next} theme`}>
          {theme === 'dark' ? (
            <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="4.5" fill="none" stroke="currentColor" strokeWidth="2" /><path d="M12 2v2.5M12 19.5V22M2 12h2.5M19.5 12H22M4.9 4.9l1.8 1.8M17.3 17.3l1.8 1.8M4.9 19.1l1.8-1.8M17.3 6.7l1.8-1.8" stroke="currentColor" strokeWidth="2" strokeLinecap="round" /></svg>
          ) : (
            <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true"><path d="M20 14.5A8 8 0 1 1 9.5 4a6.5 6.5 0 0 0 10.5 10.5z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" /></svg>
          )}
        </button>
      </div>
    </header>
  );
}
