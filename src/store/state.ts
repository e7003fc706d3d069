// The whole app state: one store made of slices (Zustand's slices pattern), plus the session
// actions that span slices (snapshot for sharing and autosave, load).
import type { MapsSlice } from './maps.js';
import type { ProgramSlice } from './program.js';
import type { RunSlice } from './run.js';
import type { Session } from '../core/share/session.js';
import type { UiSlice } from './ui.js';
import type { VerifierSlice } from './verifier.js';
import type { ImportLogSlice } from './import-log.js';

export interface SessionSlice {
  /** The session as plain data (source, program type, input, initial maps, breakpoints, step), in
   * the share codec's schema (src/core/share). */
  sessionSnapshot: () => Session;
  /** Restore a session (already validated by the share codec's restore()): the editor shows its
   * source, the verdict follows, and when it had a run step the run is replayed to that step. */
  loadSession: (session: Session) => Promise<void>;
  /** Stop what the core is doing now (the worker is restarted; the session is replayed). */
  cancelWork: () => void;
}

export type AppState = ProgramSlice & RunSlice & VerifierSlice & MapsSlice & UiSlice & SessionSlice & ImportLogSlice;
