// Older session schemas, brought up to the current one step by step. A link, once shared, lives in
// chat logs and bug reports for years: every version ever written stays readable. Each step takes
// the previous version's object (unchecked: restore() validates the result) and returns the next.
// tests/share/fixtures.ts keeps real links of every version as regression cases.

import { shareError, type RestoreResult } from './errors.js';
import { SESSION_VERSION } from './session.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Version 2 added the run's step limit (input.maxSteps) and verify mode's selected instruction
 * (selectedPc); version 1 sessions had neither: the default limit, run mode. */
function v1ToV2(v1: Record<string, unknown>): Record<string, unknown> {
  const input = isObject(v1.input) ? { ...v1.input, maxSteps: null } : v1.input;
  return { ...v1, input, selectedPc: null };
}

/** A versioned session object → the current schema's object (still to be validated). */
export function migrate(raw: unknown): RestoreResult<Record<string, unknown>> {
  if (!isObject(raw)) return shareError('invalid', 'a session should be an object');
  const v = raw.v;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    return shareError('version', 'the session has no valid schema version');
  }
  if (v > SESSION_VERSION) {
    return shareError('version', `the session was made by a newer bpfiddle (schema version ${v}; this one reads up to ${SESSION_VERSION}): reload the page to update`);
  }
  let obj: Record<string, unknown> = { ...raw };
  for (let at = v; at < SESSION_VERSION; at++) {
    switch (at) {
      case 1: obj = v1ToV2(obj); break;
      default:
        return shareError('version', `no migration from schema version ${at}`);
    }
  }
  delete obj.v;
  return { ok: true, session: obj };
}
