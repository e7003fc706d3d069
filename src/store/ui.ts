// The `ui` slice: presentation state shared by panes (theme, where the editor cursor should go).
// Panes never reach into each other; they send intents here and the editor follows.
import type { StateCreator } from 'zustand';
import type { AppState } from './state.js';

export type ThemeName = 'dark' | 'light';

/** A request for the editor to move its cursor; `seq` makes repeated clicks on one spot count. */
export interface CursorRequest { line: number; col: number; seq: number }

export interface UiSlice {
  theme: ThemeName;
  cursorRequest: CursorRequest | null;
  /** Where the editor cursor is (1-based), as the editor reports it. */
  cursor: { line: number; col: number };
  setCursor: (line: number, col: number) => void;
  setTheme: (theme: ThemeName) => void;
  toggleTheme: () => void;
  /** Ask the editor to put its cursor at this 1-based position and focus. */
  revealInEditor: (line: number, col: number) => void;
}

export function createUiSlice(initialTheme: ThemeName): StateCreator<AppState, [], [], UiSlice> {
  return (set, get) => ({
    theme: initialTheme,
    cursorRequest: null,
    cursor: { line: 1, col: 1 },
    setCursor: (line, col) => set({ cursor: { line, col } }),
    setTheme: (theme) => set({ theme }),
    toggleTheme: () => set({ theme: get().theme === 'dark' ? 'light' : 'dark' }),
    revealInEditor: (line, col) =>
      set({ cursorRequest: { line, col, seq: (get().cursorRequest?.seq ?? 0) + 1 } }),
  });
}
