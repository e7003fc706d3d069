// Start-up: Monaco wired to its bundled copy, the core in a Web Worker, the one app store, the
// theme remembered across visits, and React mounted. Runs once from src/main.tsx; nothing here
// makes a network request.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppStore, type ThemeName } from '../../store/index.js';
import { StoreProvider } from '../../store/react.js';
import { setupMonaco } from '../editor/monaco.js';
import { App } from './App.js';
import { createCore } from '../../worker/client.js';
import { EXAMPLE_SOURCE } from './example.js';
import { EmbedApp } from '../embed/EmbedApp.js';
import { embedStart, embedTheme, isEmbed } from '../embed/link.js';
import './theme.css';
import './layout.css';

const THEME_KEY = 'bpfiddle.theme';


function savedTheme(): ThemeName {
  try {
    const t = localStorage.getItem(THEME_KEY);
    return t === 'light' ? 'light' : 'dark';
  } catch {
    return 'dark'; // storage can be disabled; dark is the default anyway
  }
}

export function bootstrap(root: HTMLElement): void {
  setupMonaco();
  let notify: (n: Parameters<Parameters<typeof createCore>[0]>[0]) => void = () => undefined;
  const core = createCore((n) => notify(n));
  // `?embed`: the compact page for iframes; it opens its fragment's session and never the autosave.
  const embed = isEmbed(window.location.search) ? embedStart(window.location.hash) : null;
  const initialSource = embed?.kind === 'session' ? embed.session.source : EXAMPLE_SOURCE;
  const theme = (embed && embedTheme(window.location.search)) ?? savedTheme();
  const store = createAppStore({ core: core.api, cancel: core.cancel, initialSource, theme });
  notify = (n) => store.getState().setNotice(n.kind === 'idle' ? null : n);
  store.subscribe((s, prev) => {
    if (s.theme === prev.theme) return;
    try { localStorage.setItem(THEME_KEY, s.theme); } catch { /* not persisted; harmless */ }
  });
  document.documentElement.dataset.theme = store.getState().theme;
  createRoot(root).render(
    <StrictMode>
      <StoreProvider store={store}>
        {embed ? <EmbedApp start={embed} /> : <App />}
      </StoreProvider>
    </StrictMode>,
  );
}
