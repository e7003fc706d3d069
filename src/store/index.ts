// The app store: slices combined into one Zustand store. `createAppStore` builds an isolated store
// (tests make a fresh one per case); the app makes exactly one at bootstrap and hands it to React
// through `StoreProvider`, and components read it with narrow selectors via `useApp`.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createProgramSlice, type Assemble } from './program.js';
import { createUiSlice, type ThemeName } from './ui.js';
import type { AppState } from './state.js';

export type { AppState } from './state.js';
export type { Assemble, ProgramSlice } from './program.js';
export type { CursorRequest, ThemeName, UiSlice } from './ui.js';

export type AppStore = StoreApi<AppState>;

export interface AppStoreOptions {
  assemble: Assemble;
  initialSource: string;
  theme?: ThemeName;
  /** Pause after the last keystroke before assembling; 150 ms keeps typing smooth. */
  debounceMs?: number;
}

export function createAppStore(opts: AppStoreOptions): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createProgramSlice({ assemble: opts.assemble, initialSource: opts.initialSource, debounceMs: opts.debounceMs ?? 150 })(...a),
    ...createUiSlice(opts.theme ?? 'dark')(...a),
  }));
}
