import { describe, expect, it } from 'vitest';
import { asmErrorsToMarkers, errorText } from './markers.js';

const ERROR = 8; // monaco.MarkerSeverity.Error

describe('assembler errors as editor markers', () => {
  it('puts the squiggle exactly on the error span', () => {
    const [m] = asmErrorsToMarkers([{ line: 4, col: 5, endCol: 9, message: 'unknown instruction' }], ERROR);
    expect(m).toMatchObject({ startLineNumber: 4, startColumn: 5, endLineNumber: 4, endColumn: 9, severity: ERROR, message: 'unknown instruction' });
  });

  it('widens an empty span to one column so it stays visible', () => {
    const [m] = asmErrorsToMarkers([{ line: 2, col: 12, endCol: 12, message: 'expected an operand' }], ERROR);
    expect(m!.startColumn).toBe(12);
    expect(m!.endColumn).toBe(13);
  });

  it('shows the hint under the message', () => {
    expect(errorText({ message: 'unknown register r11', hint: 'registers are r0-r10' })).toBe('unknown register r11\nregisters are r0-r10');
    expect(errorText({ message: 'unknown register r11' })).toBe('unknown register r11');
  });

  it('keeps one marker per error, in order', () => {
    const ms = asmErrorsToMarkers([
      { line: 1, col: 1, endCol: 3, message: 'a' },
      { line: 7, col: 2, endCol: 4, message: 'b' },
    ], ERROR);
    expect(ms.map((m) => [m.startLineNumber, m.message])).toEqual([[1, 'a'], [7, 'b']]);
  });
});
