// Lesson progress in localStorage. Reads go through restoreProgress (anything stored there may be
// garbage or from another version); a browser without storage (private mode, quota) just forgets.
import { restoreProgress, type Progress } from '../../core/lessons/index.js';

export const PROGRESS_KEY = 'bpfiddle.lessons';

export function loadProgress(): Progress {
  try {
    return restoreProgress(localStorage.getItem(PROGRESS_KEY));
  } catch {
    return restoreProgress(null);
  }
}

export function saveProgress(p: Progress): void {
  try {
    localStorage.setItem(PROGRESS_KEY, JSON.stringify(p));
  } catch {
    // Storage full or disabled: progress lasts for this page only.
  }
}
