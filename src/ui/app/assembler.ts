// TEMPORARY until src/core/asm lands: an assembler stand-in so the page can be built.
import type { AsmResult } from '../../core/asm/types.js';

export function assemble(source: string): AsmResult {
  void source;
  return { ok: false, errors: [{ line: 1, col: 1, endCol: 2, message: 'the assembler is not available yet' }] };
}
