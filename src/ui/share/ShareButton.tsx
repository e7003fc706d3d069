// The header's Share button, and the owner of the session's life outside the page: on mount it
// opens the link the page was loaded with (or the autosave), keeps the autosave current, follows
// links pasted into the address bar later, and shows what happened in a notice. Everything from a
// link is shown as text (React escapes it); nothing is ever rendered as HTML.
import { useEffect, useRef, useState } from 'react';
import { useEscape, useOutsidePress } from '../app/dismiss.js';
import { useStore } from 'zustand';
import { decodeSession, payloadFromHash } from '../../core/share/index.js';
import { useAppStore } from '../../store/react.js';
import { shareUi } from './notices.js';
import { browserSyncEnv, linkRefusedMessage, shareUrl, startSessionSync } from './sync.js';
import { EmbedSnippet } from '../embed/EmbedSnippet.js';
import '../app/chrome.css';
import './share.css';

/** Starts the sync once per page (StrictMode mounts effects twice in development). */
let syncing = false;

function useSessionSync(): void {
  const store = useAppStore();
  useEffect(() => {
    if (syncing) return;
    syncing = true;
    const env = browserSyncEnv();
    const sync = startSessionSync(store, env, shareUi.getState().show);
    const onHashChange = (): void => {
      const payload = payloadFromHash(window.location.hash);
      if (payload === null) return;
      const d = decodeSession(payload);
      if (!d.ok) { shareUi.getState().show({ kind: 'link-refused', message: linkRefusedMessage(d.error) }); return; }
      void store.getState().loadSession(d.session).then(() => {
        env.clearHash();
        shareUi.getState().show({ kind: 'link-opened', message: 'Opened the shared session.' });
      });
    };
    window.addEventListener('hashchange', onHashChange);
    window.addEventListener('pagehide', sync.flush);
    // Kept for the page's lifetime: the header (and this button) never unmounts.
  }, [store]);
}

function ShareNotice() {
  const notice = useStore(shareUi, (s) => s.notice);
  const dismiss = useStore(shareUi, (s) => s.dismiss);
  useEffect(() => {
    if (!notice || notice.kind === 'link-refused' || notice.kind === 'autosave-refused') return;
    const t = window.setTimeout(dismiss, 4000);
    return () => window.clearTimeout(t);
  }, [notice, dismiss]);
  if (!notice) return null;
  const problem = notice.kind === 'link-refused' || notice.kind === 'autosave-refused' || notice.kind === 'autosave-failed';
  return (
    <div className={`toast share-notice${problem ? ' toast-problem' : ''}`} role={problem ? 'alert' : 'status'} data-testid="share-notice">
      <span className="toast-text">{notice.message}</span>
      <button type="button" className="toast-close" onClick={dismiss} aria-label="Dismiss">×</button>
    </div>
  );
}

export function ShareButton() {
  useSessionSync();
  const store = useAppStore();
  const [open, setOpen] = useState(false);
  const [link, setLink] = useState<{ url: string } | { error: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);

  const share = async (): Promise<void> => {
    const r = shareUrl(window.location.href, store.getState().sessionSnapshot());
    setOpen(true);
    setCopied(false);
    if (!r.ok) { setLink({ error: r.error.message }); return; }
    setLink({ url: r.url });
    try {
      await navigator.clipboard.writeText(r.url);
      setCopied(true);
    } catch {
      // No clipboard permission (or an insecure origin): the link is selected for Ctrl+C instead.
      requestAnimationFrame(() => inputRef.current?.select());
    }
  };

  useOutsidePress(open, boxRef, () => setOpen(false));
  useEscape(open, () => setOpen(false));

  return (
    <div className="share" ref={boxRef}>
      <button type="button" className="header-button" onClick={() => void share()} title="Copy a link to this session (source, input, maps, breakpoints, step)" aria-haspopup="dialog" aria-expanded={open}>
        <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true"><path d="M10 14a4 4 0 0 0 5.7 0l3.6-3.6a4 4 0 0 0-5.7-5.7L12.5 5.8M14 10a4 4 0 0 0-5.7 0l-3.6 3.6a4 4 0 0 0 5.7 5.7l1.1-1.1" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" /></svg>
        Share
      </button>
      {open && link && (
        <div className="popover share-popover" role="dialog" aria-label="Share link">
          {'url' in link ? (
            <>
              <p className="share-status" role="status">{copied ? 'Link copied to the clipboard.' : 'Copy this link (Ctrl+C):'}</p>
              <input ref={inputRef} className="share-url mono" readOnly value={link.url} aria-label="Share link URL" onFocus={(e) => e.currentTarget.select()} />
              <p className="share-hint">The link holds the whole session: nothing is uploaded anywhere.</p>
              <EmbedSnippet shareLink={link.url} />
            </>
          ) : (
            <p className="share-status share-error" role="alert">{link.error}.</p>
          )}
        </div>
      )}
      <ShareNotice />
    </div>
  );
}
