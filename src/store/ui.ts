// The `ui` slice: presentation state shared by panes (theme, where the editor cursor should go,
// which tab is showing, run or verify mode, what the worker is up to). Panes never reach into each
// other; they send intents here and the editor follows.
import type { StateCreator } from 'zustand';
import type { AppState } from './state.js';
import type { WorkerNotice } from '../worker/protocol.js';

export type ThemeName = 'dark' | 'light';

/** A request for the editor to move its cursor; `seq` makes repeated clicks on one spot count. */
export interface CursorRequest { line: number; col: number; seq: number }

/** A request for the editor to replace its whole text (an example, a restored session, the program
 * type selector); the editor applies it as one undoable edit. `seq` makes each request distinct. */
export interface SourceRequest { text: string; seq: number }

/** The tabs under the editor. */
export type BottomTab = 'program' | 'verifier' | 'paths' | 'cfg' | 'input' | 'output';

/** 'run': the panes show the session's concrete machine; 'verify': the verifier's abstract state
 * at the selected instruction. */
export type PaneMode = 'run' | 'verify';

export interface UiSlice {
  theme: ThemeName;
  cursorRequest: CursorRequest | null;
  sourceRequest: SourceRequest | null;
  /** Where the editor cursor is (1-based), as the editor reports it. */
  cursor: { line: number; col: number };
  bottomTab: BottomTab;
  mode: PaneMode;
  /** The latest thing the worker client reported (busy, restarted, fallback), or null. */
  notice: WorkerNotice | null;
  setCursor: (line: number, col: number) => void;
  setTheme: (theme: ThemeName) => void;
  toggleTheme: () => void;
  /** Ask the editor to put its cursor at this 1-based position and focus. */
  revealInEditor: (line: number, col: number) => void;
  /** Replace the source everywhere: the store at once, the editor through `sourceRequest`. */
  replaceSource: (text: string) => void;
  setBottomTab: (tab: BottomTab) => void;
  setMode: (mode: PaneMode) => void;
  setNotice: (notice: WorkerNotice | null) => void;
}

export function createUiSlice(initialTheme: ThemeName): StateCreator<AppState, [], [], UiSlice> {
  return (set, get) => ({
    theme: initialTheme,
    cursorRequest: null,
    sourceRequest: null,
    cursor: { line: 1, col: 1 },
    bottomTab: 'program',
    mode: 'run',
    notice: null,
    setCursor: (line, col) => set({ cursor: { line, col } }),
    setTheme: (theme) => set({ theme }),
    toggleTheme: () => set({ theme: get().theme === 'dark' ? 'light' : 'dark' }),
    revealInEditor: (line, col) =>
      set({ cursorRequest: { line, col, seq: (get().cursorRequest?.seq ?? 0) + 1 } }),
    replaceSource: (text) => {
      set({ sourceRequest: { text, seq: (get().sourceRequest?.seq ?? 0) + 1 } });
      get().setSource(text);
      get().assembleNow();
    },
    setBottomTab: (tab) => set({ bottomTab: tab }),
    setMode: (mode) => set({ mode }),
    setNotice: (notice) => set({ notice }),
  });
}
