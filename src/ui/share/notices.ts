// The share UI's own little store: the notice on screen (a link refused, a session restored) and
// the last share link made. Kept apart from the app store: it is presentation of the sync, not
// session state, and must never be saved or shared itself.
import { createStore } from 'zustand/vanilla';
import type { SyncNotice } from './sync.js';

export interface ShareUiState {
  notice: SyncNotice | null;
  show: (n: SyncNotice) => void;
  dismiss: () => void;
}

export const shareUi = createStore<ShareUiState>()((set) => ({
  notice: null,
  show: (notice) => set({ notice }),
  dismiss: () => set({ notice: null }),
}));
