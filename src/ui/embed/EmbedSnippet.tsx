// The Share menu's "Embed" section: the iframe snippet for this session (a compact, read-only
// bpfiddle for blogs and course pages) and a Copy button.
import { useRef, useState } from 'react';
import { payloadFromHash } from '../../core/share/index.js';
import { embedSnippet, embedUrl } from './link.js';
import './embed.css';

export function EmbedSnippet({ shareLink }: { shareLink: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const at = shareLink.indexOf('#');
  const payload = at >= 0 ? payloadFromHash(shareLink.slice(at)) : null;
  if (payload === null) return null;
  const snippet = embedSnippet(embedUrl(shareLink, payload));
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied(true);
    } catch {
      // No clipboard permission: select the text for Ctrl+C.
      setCopied(false);
      area.current?.select();
    }
  };
  return (
    <div className="embed-snippet">
      <div className="embed-snippet-head">
        <h3 id="embed-snippet-heading">Embed</h3>
        <button type="button" className="small-button" onClick={() => void copy()}>Copy</button>
      </div>
      <textarea ref={area} className="embed-snippet-code mono" readOnly rows={3} value={snippet} aria-labelledby="embed-snippet-heading"
        onFocus={(e) => e.currentTarget.select()} />
      <p className="share-hint" role="status">{copied === true ? 'Snippet copied to the clipboard.' : copied === false ? 'Copy the snippet (Ctrl+C).' : 'Paste it into a web page: a live, read-only bpfiddle with Run, Verify and Step.'}</p>
    </div>
  );
}
