// Importing a real kernel's verifier log: the program rebuilt from it and the verification it
// records as a VerifyResult (paths, a state per step, the error), for the same panes as bpfiddle's
// own verifier. `importKernelLog` is the entry point.
export { importKernelLog, guessProgType, type ImportOptions, type ImportResult, type ImportedLog, type ImportFailure, type ImportNote } from './import.js';
export { parseRegValue, parseSlotValue, parseStateText, type ParsedStateText, type StateItem } from './state-text.js';
