// Why a link or saved session could not be opened, as a value the UI shows verbatim (never as HTML).

export type ShareErrorKind =
  /** The payload is longer than LIMITS.linkChars or inflates past LIMITS.jsonBytes. */
  | 'too-large'
  /** Not base64url, not zlib, a checksum mismatch, or not JSON: cut off or altered in transit. */
  | 'damaged'
  /** Written by a newer bpfiddle, or a version that never existed. */
  | 'version'
  /** Well-formed, but a field has the wrong type or is out of bounds. */
  | 'invalid';

export interface ShareError {
  kind: ShareErrorKind;
  message: string;
}

export type RestoreResult<T> = { ok: true; session: T } | { ok: false; error: ShareError };

export const shareError = (kind: ShareErrorKind, message: string): { ok: false; error: ShareError } =>
  ({ ok: false, error: { kind, message } });
