// A playground session as plain data: everything a share link or the autosave carries (the source,
// the program type, the run's input, the maps' initial contents, breakpoints, the selected step).
// This is the current schema; older ones live in migrate.ts. Every field is text or small integers
// so it survives JSON unchanged, and every collection has a bound (LIMITS) that restore() enforces:
// a link is untrusted input.

import type { ProgTypeName } from '../asm/types.js';

/** The schema version written by this code. Bump it, and add a case to migrate.ts, on any change. */
export const SESSION_VERSION = 2;

export interface SessionInput {
  /** The packet as the user wrote it: a packet spec (`eth/ipv4/tcp(dport=80)`) or hex bytes. */
  packet: string;
  /** Context field values as `FIELD=VALUE` (the syntax of `bpfiddle run --ctx`). */
  ctx: string[];
  /** Simulated environment settings as `KEY=VALUE` (the syntax of `bpfiddle run --env`). */
  env: string[];
  /** The run's step limit; null = the default (1,000,000). Since version 2. */
  maxSteps: number | null;
}

/** One initial element of a map: key and value as lowercase hex (key '' for queue/stack maps). */
export interface SessionMapEntry {
  key: string;
  value: string;
}

export interface SessionMap {
  /** The name the `.map` directive gives it. */
  name: string;
  entries: SessionMapEntry[];
}

export interface Session {
  source: string;
  /** The program type chosen in the selector; null = the one the source's `.prog` names. */
  progType: ProgTypeName | null;
  input: SessionInput;
  /** Initial map contents, loaded before every run. */
  maps: SessionMap[];
  /** 1-based source lines with a breakpoint, ascending, no duplicates. */
  breakpoints: number[];
  /** The step of the run the user was looking at (0 = before the first instruction); null = no run. */
  step: number | null;
  /** The instruction selected in verify mode (its abstract state on show); null = run mode. Since
   * version 2. */
  selectedPc: number | null;
}

/** Bounds on what a session may hold. A link or saved session past any of them is refused. */
export const LIMITS = {
  /** Characters of the encoded payload a link may carry (about 75 KB of compressed session). */
  linkChars: 100_000,
  /** Bytes of JSON a payload may inflate to. */
  jsonBytes: 1 << 20,
  sourceChars: 200_000,
  sourceLines: 20_000,
  packetChars: 200_000,
  ctxItems: 64,
  envItems: 32,
  itemChars: 4096,
  maps: 64,
  /** Elements over all maps. */
  mapEntries: 4096,
  /** Hex characters in one key or value (32 KiB). */
  hexChars: 65_536,
  mapNameChars: 64,
  breakpoints: 1000,
  /** The largest step number, and the largest step limit. */
  step: 1_000_000_000,
  /** The largest instruction index (20,000 lines hold at most 40,000 slots). */
  pc: 1_000_000,
} as const;

export function emptySession(source = ''): Session {
  return { source, progType: null, input: { packet: '', ctx: [], env: [], maxSteps: null }, maps: [], breakpoints: [], step: null, selectedPc: null };
}
