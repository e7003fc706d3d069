// The share codec's public API: the Session schema, encode/decode for links and the autosave slot,
// and restore() for anything untrusted. Pure: the UI (src/ui/share) does clipboard, location and
// storage.
export { SESSION_VERSION, LIMITS, emptySession, type Session, type SessionInput, type SessionMap, type SessionMapEntry } from './session.js';
export { restore, validateSession } from './restore.js';
export { migrate } from './migrate.js';
export { encodeSession, decodePayload, decodeSession, sessionHash, payloadFromHash, HASH_KEY, type EncodeResult } from './codec.js';
export { toBase64Url, fromBase64Url } from './base64url.js';
export type { ShareError, ShareErrorKind, RestoreResult } from './errors.js';
