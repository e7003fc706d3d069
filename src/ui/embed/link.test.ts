import { describe, expect, it } from 'vitest';
import { emptySession, encodeSession } from '../../core/share/index.js';
import { embedSnippet, embedStart, embedTheme, embedUrl, fullPageUrl, isEmbed } from './link.js';

const payload = (() => {
  const e = encodeSession({ ...emptySession(), source: '.prog xdp\nr0 = 2\nexit\n' });
  if (!e.ok) throw new Error(e.error.message);
  return e.payload;
})();

describe('embed links', () => {
  it('recognises ?embed in its spellings and not its absence or a "0"', () => {
    expect(isEmbed('?embed')).toBe(true);
    expect(isEmbed('?embed=1')).toBe(true);
    expect(isEmbed('?theme=light&embed')).toBe(true);
    expect(isEmbed('')).toBe(false);
    expect(isEmbed('?embedded')).toBe(false);
    expect(isEmbed('?embed=0')).toBe(false);
  });

  it('takes a theme only when it is one the page has', () => {
    expect(embedTheme('?embed&theme=light')).toBe('light');
    expect(embedTheme('?embed&theme=<b>')).toBeNull();
  });

  it('opens the fragment session and refuses a damaged one with the codec message', () => {
    const ok = embedStart(`#s=${payload}`);
    expect(ok.kind).toBe('session');
    if (ok.kind === 'session') expect(ok.session.source).toBe('.prog xdp\nr0 = 2\nexit\n');
    const bad = embedStart(`#s=${payload.slice(0, 20)}`);
    expect(bad.kind).toBe('refused');
    if (bad.kind === 'refused') expect(bad.message).toMatch(/^This share link could not be opened: /);
    expect(embedStart('').kind).toBe('none');
  });

  it('links back to the full page with the same fragment and no embed flag', () => {
    expect(fullPageUrl(`https://bpfiddle.dev/?embed#s=${payload}`)).toBe(`https://bpfiddle.dev/#s=${payload}`);
    expect(fullPageUrl('https://x.org/play/?embed&theme=light&lang=en#s=abc')).toBe('https://x.org/play/?lang=en#s=abc');
  });

  it('makes the embed address from the page address, dropping its own query and fragment', () => {
    expect(embedUrl('https://x.org/play/?foo=1#s=old', payload)).toBe(`https://x.org/play/?embed#s=${payload}`);
  });

  it('escapes the iframe attributes so a crafted address cannot break out of them', () => {
    const s = embedSnippet('https://x.org/?embed#s="><script>');
    expect(s).toMatch(/^<iframe src="https:\/\/x\.org\/\?embed#s=&quot;&gt;&lt;script&gt;" width="100%" height="480" /);
    expect(s).not.toContain('<script>');
    expect(s.endsWith('></iframe>')).toBe(true);
  });
});
