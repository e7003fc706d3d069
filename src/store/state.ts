// The whole app state: one store made of slices (Zustand's slices pattern).
import type { ProgramSlice } from './program.js';
import type { UiSlice } from './ui.js';

export type AppState = ProgramSlice & UiSlice;
