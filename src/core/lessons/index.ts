// Lessons: a learning path of short guided exercises (data), the checks the page runs for their
// steps and challenges, and the progress the page keeps.
export * from './types.js';
export { LESSONS, lessonById } from './lessons.js';
export { stepDone, checkChallenge } from './check.js';
export * from './progress.js';
