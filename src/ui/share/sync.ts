// The session's life outside the page: the share link the page was opened with, and the autosave.
// On start, a link in the fragment (`#s=…`) wins; a link that cannot be opened is reported and the
// autosave (the user's own work) is restored instead and left untouched. Afterwards every change
// to what a session holds is saved, debounced, through the same codec as links. The browser
// objects (location, history, localStorage, timers) are injected so tests drive it with fakes.

import { decodeSession, encodeSession, payloadFromHash, type Session, type ShareError } from '../../core/share/index.js';
import type { AppState, AppStore } from '../../store/index.js';

/** localStorage key of the autosaved session (an encoded payload, like a link's). */
export const AUTOSAVE_KEY = 'bpfiddle.session';
/** Quiet time after the last change before saving. */
export const AUTOSAVE_DELAY_MS = 400;

export interface SyncEnv {
  /** The page's fragment, `#s=…` or ''. */
  getHash(): string;
  /** Drop the fragment from the address bar without a reload (so a reload shows the autosave). */
  clearHash(): void;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What the user is told about links and autosave. */
export interface SyncNotice {
  kind: 'link-opened' | 'link-refused' | 'autosave-restored' | 'autosave-refused' | 'autosave-failed';
  message: string;
}

export type Notify = (n: SyncNotice) => void;

function readAutosave(env: SyncEnv): { session: Session } | { error: ShareError } | null {
  let saved: string | null = null;
  try { saved = env.storage?.getItem(AUTOSAVE_KEY) ?? null; } catch { return null; }
  if (!saved) return null;
  const d = decodeSession(saved);
  return d.ok ? { session: d.session } : { error: d.error };
}

/** What a link error looks like to the user: what happened, and that nothing was lost. */
export function linkRefusedMessage(e: ShareError): string {
  const what = e.kind === 'too-large' ? 'This share link is too large to open' : 'This share link could not be opened';
  return `${what}: ${e.message}. Your current work was kept.`;
}

/**
 * The session to open at start: the link's if it has a valid one, else the autosave's, else null
 * (keep the store's initial program). Notices say what happened.
 */
export function startupSession(env: SyncEnv, notify: Notify): { session: Session; from: 'link' | 'autosave' } | null {
  const payload = payloadFromHash(env.getHash());
  if (payload !== null) {
    const d = decodeSession(payload);
    if (d.ok) {
      notify({ kind: 'link-opened', message: 'Opened the shared session.' });
      return { session: d.session, from: 'link' };
    }
    notify({ kind: 'link-refused', message: linkRefusedMessage(d.error) });
  }
  const saved = readAutosave(env);
  if (saved && 'session' in saved) {
    if (payload === null) notify({ kind: 'autosave-restored', message: 'Restored your last session.' });
    return { session: saved.session, from: 'autosave' };
  }
  if (saved) notify({ kind: 'autosave-refused', message: `Your saved session could not be restored: ${saved.error.message}.` });
  return null;
}

/** The parts of the state a session holds; autosave runs when one of them changes. */
const sessionInputs = (s: AppState): readonly unknown[] =>
  [s.source, s.input, s.initialMaps, s.breakpoints, s.run?.step ?? null, s.runStale, s.mode, s.selectedPc];

/**
 * Opens the startup session, then autosaves on every change. A link that was opened is removed
 * from the address bar; a refused one stays there (the user may want to look at it) but never
 * reaches the autosave.
 */
export interface SessionSync {
  /** Resolves when the startup session is in the store and autosave is watching. */
  loaded: Promise<void>;
  /** Save now what is waiting for the debounce (the page is being hidden or closed). */
  flush: () => void;
  /** Stop watching, after saving what is pending. */
  stop: () => void;
}

export function startSessionSync(store: AppStore, env: SyncEnv, notify: Notify): SessionSync {
  const initial = startupSession(env, notify);
  const fromLink = initial?.from === 'link';
  let timer: unknown = null;
  let lastSaved: string | null = null;
  let failed = false;

  const save = (): void => {
    timer = null;
    const e = encodeSession(store.getState().sessionSnapshot());
    if (!e.ok) {
      if (!failed) notify({ kind: 'autosave-failed', message: `Autosave is paused: ${e.error.message}.` });
      failed = true;
      return;
    }
    failed = false;
    if (e.payload === lastSaved) return;
    try {
      env.storage?.setItem(AUTOSAVE_KEY, e.payload);
      lastSaved = e.payload;
    } catch {
      notify({ kind: 'autosave-failed', message: 'Autosave failed: the browser refused to store the session.' });
    }
  };

  let unsubscribe = (): void => undefined;
  const loaded = (async () => {
    if (initial) await store.getState().loadSession(initial.session);
    if (fromLink) env.clearHash();
    unsubscribe = store.subscribe((s, prev) => {
      const a = sessionInputs(s);
      const b = sessionInputs(prev);
      if (a.every((v, i) => v === b[i])) return;
      if (timer !== null) env.clearTimeout(timer);
      timer = env.setTimeout(save, AUTOSAVE_DELAY_MS);
    });
    // The opened link's session is saved at once: it is now the user's work.
    if (fromLink) save();
  })();

  const flush = (): void => {
    if (timer !== null) { env.clearTimeout(timer); save(); }
  };
  return { loaded, flush, stop: () => { unsubscribe(); flush(); } };
}

/** A share URL for `session` on the page at `base` (origin + path, any fragment dropped). */
export function shareUrl(base: string, session: Session): { ok: true; url: string } | { ok: false; error: ShareError } {
  const e = encodeSession(session);
  if (!e.ok) return e;
  const at = base.indexOf('#');
  return { ok: true, url: `${at >= 0 ? base.slice(0, at) : base}#s=${e.payload}` };
}

/** The browser's objects as a SyncEnv. */
export function browserSyncEnv(): SyncEnv {
  let storage: Storage | null = null;
  try { storage = window.localStorage; } catch { /* disabled storage: no autosave */ }
  return {
    getHash: () => window.location.hash,
    clearHash: () => history.replaceState(history.state, '', window.location.pathname + window.location.search),
    storage,
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (h) => window.clearTimeout(h as number),
  };
}
