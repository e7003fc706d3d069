// The shapes of a lesson: a program to start from, the input it runs on, guided steps whose
// completion the page detects from what the user sees (the debugger's registers, the verifier's
// verdict), and a challenge with checks the page runs on the user's edited program. Plain data
// (regular expressions as strings), so lessons could come from JSON as well.

export interface LessonInput {
  /** Packet spec or hex (as the Input pane takes it); '' for program types without a packet. */
  readonly packet: string;
  /** `KEY=VALUE` environment settings (`pid=42`). */
  readonly env: readonly string[];
}

/** What the page sees right now, reduced to what step conditions look at. */
export interface LessonSnapshot {
  /** The debugger's current step, or null when no run is in progress. */
  readonly run: {
    readonly status: 'running' | 'exited' | 'faulted' | 'limit';
    readonly pc: number;
    /** r0-r10 as the Registers pane shows them: unsigned decimal and the pointer name. */
    readonly regs: readonly { readonly unsigned: string; readonly pointer: string | null }[];
  } | null;
  /** The verifier's verdict on the current source, or null while there is none. */
  readonly verdict: { readonly accepted: boolean; readonly message: string | null } | null;
}

export type StepCondition =
  /** A register points where the Registers pane names it (regex over `fp-4`, `pkt+14`, ...). */
  | { readonly kind: 'reg-pointer'; readonly reg: number; readonly pointer: string }
  /** A register holds this unsigned 64-bit value (decimal). */
  | { readonly kind: 'reg-value'; readonly reg: number; readonly value: string }
  /** The run ended this way (and, for an exit, with this r0). */
  | { readonly kind: 'run-status'; readonly status: 'exited' | 'faulted'; readonly r0?: string }
  /** The verifier accepted the program, or rejected it with a message of this catalogue kind. */
  | { readonly kind: 'verdict'; readonly accepted: boolean; readonly errorKind?: string };

export interface LessonStep {
  /** What to do and what to notice. */
  readonly text: string;
  readonly done: StepCondition;
}

export type ChallengeCheck =
  /** The verifier accepts the program. */
  | { readonly kind: 'accepted' }
  /** One run on `packet` (default: the lesson's) returns `r0` (unsigned decimal). */
  | { readonly kind: 'returns'; readonly r0: string; readonly packet?: string; readonly label: string }
  /** After `runs` runs, map `map` holds `value` at `key` (both lowercase hex). */
  | { readonly kind: 'map-value'; readonly map: string; readonly key: string; readonly value: string; readonly runs: number; readonly label: string }
  /** A run submits at least one ring buffer record of `size` bytes to `map`. */
  | { readonly kind: 'ringbuf'; readonly map: string; readonly size: number; readonly label: string }
  /** The source matches a regular expression (keeps the point of the exercise). */
  | { readonly kind: 'source'; readonly pattern: string; readonly label: string };

export interface Challenge {
  readonly text: string;
  readonly checks: readonly ChallengeCheck[];
  /** A program that passes every check (tests prove it; the page shows it only on request). */
  readonly solution: string;
}

export interface Lesson {
  /** Stable, kebab-case; the progress store keys on it. */
  readonly id: string;
  readonly title: string;
  /** A few sentences: the idea of the lesson. */
  readonly intro: string;
  readonly source: string;
  readonly input: LessonInput;
  readonly steps: readonly LessonStep[];
  readonly challenge: Challenge;
}

export interface CheckResult {
  readonly label: string;
  readonly ok: boolean;
  /** What was found, when it is not what was asked. */
  readonly detail: string;
}

export interface ChallengeResult {
  readonly passed: boolean;
  readonly results: readonly CheckResult[];
}
