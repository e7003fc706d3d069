// The session codec: Session ⇄ the text a share link's fragment or the autosave slot holds.
// JSON (with the schema version `v`) → zlib (fflate; its Adler-32 trailer is checked on the way
// back, so a flipped bit is caught even where inflate would not notice) → base64url. Decoding runs
// the other way and ends in restore(), so whatever comes back is a valid current Session or a
// ShareError; it never throws on bad input and never inflates past LIMITS.jsonBytes.

import { strFromU8, strToU8, Unzlib, zlibSync } from 'fflate';
import { fromBase64Url, toBase64Url } from './base64url.js';
import { shareError, type RestoreResult, type ShareError } from './errors.js';
import { restore } from './restore.js';
import { LIMITS, SESSION_VERSION, type Session } from './session.js';

/** The fragment key of a share link: `https://…/#s=PAYLOAD`. */
export const HASH_KEY = 's';

function adler32(b: Uint8Array): number {
  let a = 1;
  let s = 0;
  for (let i = 0; i < b.length; ) {
    // 3800 bytes keep the sums well inside 2^31 before the modulo.
    const end = Math.min(i + 3800, b.length);
    for (; i < end; i++) { a += b[i]!; s += a; }
    a %= 65521;
    s %= 65521;
  }
  return ((s << 16) | a) >>> 0;
}

const TOO_LARGE = new Error('inflated past the cap');

/**
 * zlib data → bytes, giving up as soon as the output passes `cap` (a zip bomb costs at most one
 * input chunk's worth of output, not its full size) or the data is corrupt or cut off.
 */
function inflateBounded(bytes: Uint8Array, cap: number): Uint8Array | 'too-large' | 'corrupt' {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const unzlib = new Unzlib((chunk) => {
    total += chunk.length;
    if (total > cap) throw TOO_LARGE;
    chunks.push(chunk);
  });
  try {
    // Small input chunks bound what one push can expand to (deflate's ratio is at most ~1:1032).
    const step = 1024;
    for (let at = 0; at < bytes.length; at += step) unzlib.push(bytes.subarray(at, at + step), at + step >= bytes.length);
  } catch (e) {
    return e === TOO_LARGE ? 'too-large' : 'corrupt';
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

export type EncodeResult = { ok: true; payload: string } | { ok: false; error: ShareError };

/** A session → payload text; refused when the payload would exceed LIMITS.linkChars. */
export function encodeSession(session: Session): EncodeResult {
  const json = JSON.stringify({ v: SESSION_VERSION, ...session });
  const payload = toBase64Url(zlibSync(strToU8(json), { level: 9 }));
  if (payload.length > LIMITS.linkChars) {
    return shareError('too-large', `the session is too large to share: its link would be ${Math.ceil(payload.length / 1000)} KB; links hold at most ${LIMITS.linkChars / 1000} KB`);
  }
  return { ok: true, payload };
}

/** Payload text → JSON value, or why it is not one. */
export function decodePayload(payload: string): RestoreResult<unknown> {
  if (payload.length > LIMITS.linkChars) {
    return shareError('too-large', `the link is ${Math.ceil(payload.length / 1000)} KB; bpfiddle opens links of at most ${LIMITS.linkChars / 1000} KB`);
  }
  const b = fromBase64Url(payload);
  if (!b.ok) return shareError('damaged', `the link is damaged: ${b.error}`);
  const bytes = b.bytes;
  if (bytes.length < 6) return shareError('damaged', 'the link is damaged: it is cut off');
  const inflated = inflateBounded(bytes, LIMITS.jsonBytes);
  if (inflated === 'too-large') return shareError('too-large', `the link's session is larger than ${LIMITS.jsonBytes >> 20} MB`);
  if (inflated === 'corrupt') return shareError('damaged', 'the link is damaged: its compressed data is corrupt (was it cut off or edited?)');
  const t = bytes.length;
  const expected = ((bytes[t - 4]! << 24) | (bytes[t - 3]! << 16) | (bytes[t - 2]! << 8) | bytes[t - 1]!) >>> 0;
  if (adler32(inflated) !== expected) return shareError('damaged', 'the link is damaged: its checksum does not match (was it cut off or edited?)');
  let value: unknown;
  try {
    value = JSON.parse(strFromU8(inflated));
  } catch {
    return shareError('damaged', 'the link is damaged: its contents are not readable');
  }
  return { ok: true, session: value };
}

/** Payload text → a valid current Session, or a ShareError. */
export function decodeSession(payload: string): RestoreResult<Session> {
  const d = decodePayload(payload);
  return d.ok ? restore(d.session) : d;
}

/** The fragment (with `#`) that carries a session. */
export function sessionHash(payload: string): string {
  return `#${HASH_KEY}=${payload}`;
}

/**
 * The payload in a URL fragment (`#s=…`, with or without the `#`), or null when the fragment
 * carries no session (empty, or some other anchor).
 */
export function payloadFromHash(hash: string): string | null {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of h.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq) === HASH_KEY) return part.slice(eq + 1);
  }
  return null;
}
