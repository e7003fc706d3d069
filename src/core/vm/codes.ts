// Why an engine returned. GO: it reached its step limit (the caller decides whether that is the
// run's limit or a single step); the others are what they say.
export const GO = 0;
export const EXITED = 1;
export const FAULTED = 2;
export const BREAK = 3;
export const STEPOUT = 4;
/** A tail call switched programs; the driver continues with the new program's code. */
export const SWITCH_PROG = 5;
