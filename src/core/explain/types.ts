// The shapes of the error catalogue: one ErrorKind per family of kernel verifier messages (a
// message format and its close variants), written for people learning eBPF. Pure data: no
// behaviour beyond the matcher, so the UI, the CLI and tests read the same entries.

import type { ProgTypeName } from '../asm/types.js';

/** A before/after pair: the smallest program that gets this error, and the same program fixed. */
export interface ErrorExample {
  /** Assembly (with `.prog`/`.map`). `before` may carry `; patch: SLOT field=V` lines for
   * encodings the assembler refuses to write (reserved fields, unknown opcodes). */
  readonly before: string;
  /** The fixed program: assembles as it is and the verifier accepts it. */
  readonly after: string;
}

export interface ErrorKind {
  /** Stable, kebab-case: `null-deref`. */
  readonly id: string;
  /** Kernel message formats, anchored. The first one that matches wins across the catalogue, so
   * specific kinds come before general ones. */
  readonly patterns: readonly RegExp[];
  /** A short title in plain words. */
  readonly title: string;
  /** What the verifier is complaining about, for someone who has never read verifier.c. */
  readonly explanation: string;
  /** What to change in the program. */
  readonly fix: string;
  /** The example, or null with the reason there cannot be one (a message only a hand-made
   * bytecode or a missing kernel feature produces). */
  readonly example: ErrorExample | null;
  readonly noExample?: string;
  /** Programs types the example is meant for (documentation only; the source says `.prog`). */
  readonly progType?: ProgTypeName;
}
