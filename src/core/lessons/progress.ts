// Lesson progress as the page keeps it (localStorage): which steps and challenges are done, and
// the lesson in view. restoreProgress() accepts anything (garbage, old shapes, tampered JSON)
// and returns a valid state: unknown lessons and out-of-range steps are dropped.

import { LESSONS } from './lessons.js';

export interface LessonProgress {
  /** Indices of the guided steps completed. */
  readonly steps: readonly number[];
  readonly challenge: boolean;
}

export interface Progress {
  readonly version: 1;
  readonly current: string | null;
  readonly lessons: Readonly<Record<string, LessonProgress>>;
}

export const EMPTY_PROGRESS: Progress = { version: 1, current: null, lessons: {} };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A valid Progress from whatever was stored (a JSON string or a parsed value). */
export function restoreProgress(stored: unknown): Progress {
  let data = stored;
  if (typeof data === 'string') {
    try { data = JSON.parse(data); } catch { return EMPTY_PROGRESS; }
  }
  if (!isObject(data) || data.version !== 1) return EMPTY_PROGRESS;
  const lessons: Record<string, LessonProgress> = {};
  const raw = isObject(data.lessons) ? data.lessons : {};
  for (const lesson of LESSONS) {
    const p = raw[lesson.id];
    if (!isObject(p)) continue;
    const steps = Array.isArray(p.steps)
      ? [...new Set(p.steps.filter((n): n is number => Number.isInteger(n) && n >= 0 && n < lesson.steps.length))].sort((a, b) => a - b)
      : [];
    lessons[lesson.id] = { steps, challenge: p.challenge === true };
  }
  const current = typeof data.current === 'string' && LESSONS.some((l) => l.id === data.current) ? data.current : null;
  return { version: 1, current, lessons };
}

export function markStep(p: Progress, lessonId: string, step: number): Progress {
  const cur = p.lessons[lessonId] ?? { steps: [], challenge: false };
  if (cur.steps.includes(step)) return p;
  return { ...p, lessons: { ...p.lessons, [lessonId]: { ...cur, steps: [...cur.steps, step].sort((a, b) => a - b) } } };
}

export function markChallenge(p: Progress, lessonId: string): Progress {
  const cur = p.lessons[lessonId] ?? { steps: [], challenge: false };
  if (cur.challenge) return p;
  return { ...p, lessons: { ...p.lessons, [lessonId]: { ...cur, challenge: true } } };
}

/** Lessons whose challenge is done. */
export const completedCount = (p: Progress): number => Object.values(p.lessons).filter((l) => l.challenge).length;
