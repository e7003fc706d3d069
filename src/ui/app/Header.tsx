// The top bar: product name, the program type being edited, the theme switch.
import { useApp } from '../../store/react.js';

function Logo() {
  return (
    <svg className="brand-logo" viewBox="0 0 24 24" aria-hidden="true">
      <rect x="1.5" y="1.5" width="21" height="21" rx="5" fill="none" stroke="var(--accent)" strokeWidth="1.6" />
      <path d="M7 8l-3 4 3 4M17 8l3 4-3 4M13.5 6.5l-3 11" fill="none" stroke="var(--accent)" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function Header() {
  const progType = useApp((s) => (s.result.ok ? s.result.program.progType : s.lastGood?.progType ?? null));
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
        <span className="prog-type" role="status" aria-label={`Program type: ${progType ?? 'unknown'}`} title="Set with the .prog directive">
          <span aria-hidden="true">program type</span>
          <span className="prog-type-value mono" data-testid="prog-type" aria-hidden="true">{progType ?? '—'}</span>
        </span>
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
