// restore(): anything (parsed JSON from a link, localStorage, a test's garbage) in, a valid current
// Session or a clear error out. It never trusts its input: every field is type-checked and bounded,
// objects are rebuilt field by field (so `__proto__` and extra keys go nowhere), and older schema
// versions are first brought up to date by migrate(). Missing optional fields take their defaults;
// present fields of the wrong type are errors naming the field.

import { PROG_TYPE_NAMES, type ProgTypeName } from '../asm/types.js';
import { shareError, type RestoreResult } from './errors.js';
import { migrate } from './migrate.js';
import { LIMITS, type Session, type SessionInput, type SessionMap, type SessionMapEntry } from './session.js';

type Checked<T> = { ok: true; value: T } | { ok: false; error: string };
const good = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = <T>(error: string): Checked<T> => ({ ok: false, error });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: Record<string, unknown>, k: string): boolean => Object.hasOwn(o, k) && o[k] !== undefined;
const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v);

function text(v: unknown, field: string, max: number): Checked<string> {
  if (typeof v !== 'string') return bad(`${field} should be text, not ${kindOf(v)}`);
  if (v.length > max) return bad(`${field} is ${v.length} characters long; at most ${max} are allowed`);
  return good(v);
}

function textList(v: unknown, field: string, maxItems: number): Checked<string[]> {
  if (!Array.isArray(v)) return bad(`${field} should be a list, not ${kindOf(v)}`);
  if (v.length > maxItems) return bad(`${field} has ${v.length} items; at most ${maxItems} are allowed`);
  const out: string[] = [];
  for (let i = 0; i < v.length; i++) {
    const t = text(v[i], `${field}[${i}]`, LIMITS.itemChars);
    if (!t.ok) return t;
    out.push(t.value);
  }
  return good(out);
}

function hex(v: unknown, field: string): Checked<string> {
  const t = text(v, field, LIMITS.hexChars);
  if (!t.ok) return t;
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(t.value)) return bad(`${field} should be hex bytes (pairs of 0-9, a-f)`);
  return good(t.value.toLowerCase());
}

function integer(v: unknown, field: string, min: number, max: number): Checked<number> {
  if (typeof v !== 'number' || !Number.isInteger(v)) return bad(`${field} should be a whole number, not ${kindOf(v)}`);
  if (v < min || v > max) return bad(`${field} is ${v}; it must be between ${min} and ${max}`);
  return good(v);
}

function progType(v: unknown): Checked<ProgTypeName | null> {
  if (v === null) return good(null);
  if (typeof v !== 'string' || !(PROG_TYPE_NAMES as readonly string[]).includes(v)) {
    return bad(`progType should be one of ${PROG_TYPE_NAMES.join(', ')} (or null)`);
  }
  return good(v as ProgTypeName);
}

function input(v: unknown): Checked<SessionInput> {
  if (!isObject(v)) return bad(`input should be an object, not ${kindOf(v)}`);
  const packet = has(v, 'packet') ? text(v.packet, 'input.packet', LIMITS.packetChars) : good('');
  if (!packet.ok) return packet;
  const ctx = has(v, 'ctx') ? textList(v.ctx, 'input.ctx', LIMITS.ctxItems) : good([]);
  if (!ctx.ok) return ctx;
  const env = has(v, 'env') ? textList(v.env, 'input.env', LIMITS.envItems) : good([]);
  if (!env.ok) return env;
  const maxSteps = has(v, 'maxSteps') && v.maxSteps !== null ? integer(v.maxSteps, 'input.maxSteps', 1, LIMITS.step) : good(null);
  if (!maxSteps.ok) return maxSteps;
  return good({ packet: packet.value, ctx: ctx.value, env: env.value, maxSteps: maxSteps.value });
}

const MAP_NAME = /^[A-Za-z_][\w.]*$/;

function maps(v: unknown): Checked<SessionMap[]> {
  if (!Array.isArray(v)) return bad(`maps should be a list, not ${kindOf(v)}`);
  if (v.length > LIMITS.maps) return bad(`maps has ${v.length} maps; at most ${LIMITS.maps} are allowed`);
  const out: SessionMap[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (let i = 0; i < v.length; i++) {
    const m: unknown = v[i];
    const at = `maps[${i}]`;
    if (!isObject(m)) return bad(`${at} should be an object, not ${kindOf(m)}`);
    const name = text(m.name, `${at}.name`, LIMITS.mapNameChars);
    if (!name.ok) return name;
    if (!MAP_NAME.test(name.value)) return bad(`${at}.name '${name.value}' is not a map name`);
    if (seen.has(name.value)) return bad(`map '${name.value}' appears twice`);
    seen.add(name.value);
    const raw = has(m, 'entries') ? m.entries : [];
    if (!Array.isArray(raw)) return bad(`${at}.entries should be a list, not ${kindOf(raw)}`);
    total += raw.length;
    if (total > LIMITS.mapEntries) return bad(`the maps hold more than ${LIMITS.mapEntries} elements`);
    const entries: SessionMapEntry[] = [];
    for (let j = 0; j < raw.length; j++) {
      const e: unknown = raw[j];
      const eat = `${at}.entries[${j}]`;
      if (!isObject(e)) return bad(`${eat} should be an object, not ${kindOf(e)}`);
      const key = has(e, 'key') ? hex(e.key, `${eat}.key`) : good('');
      if (!key.ok) return key;
      const value = hex(e.value, `${eat}.value`);
      if (!value.ok) return value;
      entries.push({ key: key.value, value: value.value });
    }
    out.push({ name: name.value, entries });
  }
  return good(out);
}

function breakpoints(v: unknown, lineCount: number): Checked<number[]> {
  if (!Array.isArray(v)) return bad(`breakpoints should be a list, not ${kindOf(v)}`);
  if (v.length > LIMITS.breakpoints) return bad(`breakpoints has ${v.length} lines; at most ${LIMITS.breakpoints} are allowed`);
  const lines = new Set<number>();
  for (let i = 0; i < v.length; i++) {
    const n = integer(v[i], `breakpoints[${i}]`, 1, LIMITS.sourceLines);
    if (!n.ok) return n;
    // A breakpoint past the end of the source marks nothing; drop it rather than refuse the link.
    if (n.value <= lineCount) lines.add(n.value);
  }
  return good([...lines].sort((a, b) => a - b));
}

/** Checks a current-version session object field by field (no `v` handling here). */
export function validateSession(raw: unknown): RestoreResult<Session> {
  const invalid = (message: string) => shareError('invalid', message);
  if (!isObject(raw)) return invalid(`a session should be an object, not ${kindOf(raw)}`);
  if (!has(raw, 'source')) return invalid('the session has no source');
  const source = text(raw.source, 'source', LIMITS.sourceChars);
  if (!source.ok) return invalid(source.error);
  const lineCount = source.value.split('\n').length;
  if (lineCount > LIMITS.sourceLines) return invalid(`source has ${lineCount} lines; at most ${LIMITS.sourceLines} are allowed`);
  const pt = has(raw, 'progType') ? progType(raw.progType) : good(null);
  if (!pt.ok) return invalid(pt.error);
  const inp = has(raw, 'input') ? input(raw.input) : good<SessionInput>({ packet: '', ctx: [], env: [], maxSteps: null });
  if (!inp.ok) return invalid(inp.error);
  const ms = has(raw, 'maps') ? maps(raw.maps) : good<SessionMap[]>([]);
  if (!ms.ok) return invalid(ms.error);
  const bps = has(raw, 'breakpoints') ? breakpoints(raw.breakpoints, lineCount) : good<number[]>([]);
  if (!bps.ok) return invalid(bps.error);
  const step = has(raw, 'step') && raw.step !== null ? integer(raw.step, 'step', 0, LIMITS.step) : good(null);
  if (!step.ok) return invalid(step.error);
  const pc = has(raw, 'selectedPc') && raw.selectedPc !== null ? integer(raw.selectedPc, 'selectedPc', 0, LIMITS.pc) : good(null);
  if (!pc.ok) return invalid(pc.error);
  return {
    ok: true,
    session: {
      source: source.value, progType: pt.value, input: inp.value, maps: ms.value, breakpoints: bps.value, step: step.value,
      selectedPc: pc.value,
    },
  };
}

/** Any value → a valid current Session, or why not. Versioned objects are migrated first. */
export function restore(untrusted: unknown): RestoreResult<Session> {
  const m = migrate(untrusted);
  if (!m.ok) return m;
  return validateSession(m.session);
}
