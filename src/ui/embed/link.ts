// Embed mode's addresses: whether the page was opened as an embed (`?embed`), the session an embed
// shows (the share fragment `#s=…`, decoded by the share codec, never trusted), the link back to
// the full page with the same fragment, and the iframe snippet the Share menu offers. Pure string
// work on URLs so tests and the Share menu use the same rules as the page.
import { decodeSession, payloadFromHash, sessionHash, type Session } from '../../core/share/index.js';
import { linkRefusedMessage } from '../share/sync.js';

/** True when the query string asks for the compact embedded page (`?embed`, `?embed=1`, `&embed`). */
export function isEmbed(search: string): boolean {
  const v = new URLSearchParams(search).get('embed');
  return v !== null && v !== '0' && v !== 'false';
}

/** The theme an embed asks for (`?embed&theme=light`), else null (the visitor's own). */
export function embedTheme(search: string): 'light' | 'dark' | null {
  const t = new URLSearchParams(search).get('theme');
  return t === 'light' || t === 'dark' ? t : null;
}

export type EmbedStart =
  | { kind: 'session'; session: Session }
  | { kind: 'refused'; message: string }
  | { kind: 'none' };

/** The session an embed opens with: the fragment's, a clear message when it is damaged, or none. */
export function embedStart(hash: string): EmbedStart {
  const payload = payloadFromHash(hash);
  if (payload === null) return { kind: 'none' };
  const d = decodeSession(payload);
  return d.ok ? { kind: 'session', session: d.session } : { kind: 'refused', message: linkRefusedMessage(d.error).replace(/ Your current work was kept\.$/, '') };
}

/** The full page for the embed at `href`: same origin and path, `embed` (and `theme`) dropped, same fragment. */
export function fullPageUrl(href: string): string {
  const u = new URL(href);
  u.searchParams.delete('embed');
  u.searchParams.delete('theme');
  return u.toString();
}

/** The embed address for a session payload on the page at `href` (whose own fragment is dropped). */
export function embedUrl(href: string, payload: string): string {
  const u = new URL(href);
  u.hash = '';
  u.search = '';
  return `${u.toString()}?embed${sessionHash(payload)}`;
}

/** An attribute value with the characters that could end or break it escaped. */
function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The HTML to paste into a blog or course page. */
export function embedSnippet(src: string, opts: { width?: string; height?: number } = {}): string {
  return `<iframe src="${attr(src)}" width="${attr(opts.width ?? '100%')}" height="${opts.height ?? 480}" style="border:1px solid #2d3b4d;border-radius:6px" title="bpfiddle: eBPF playground" loading="lazy"></iframe>`;
}
