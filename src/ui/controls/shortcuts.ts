// The debugger's keyboard shortcuts, one table: the toolbar shows them in tooltips and the key
// handler reads them, so the two cannot disagree. Keys follow the IDE convention (F5 continue, F10
// step over, F11 step into, Shift+F11 step out); step back is Shift+F10, reset Ctrl+Shift+F5.
export type Action = 'run' | 'verify' | 'step' | 'stepBack' | 'stepOver' | 'stepOut' | 'continue' | 'runToCursor' | 'reset' | 'toggleBreakpoint';

export interface Shortcut { key: string; shift?: boolean; ctrl?: boolean; label: string }

export const SHORTCUTS: Readonly<Record<Action, Shortcut>> = {
  run: { key: 'Enter', ctrl: true, label: 'Ctrl+Enter' },
  verify: { key: 'V', ctrl: true, shift: true, label: 'Ctrl+Shift+V' },
  continue: { key: 'F5', label: 'F5' },
  step: { key: 'F11', label: 'F11' },
  stepOver: { key: 'F10', label: 'F10' },
  stepOut: { key: 'F11', shift: true, label: 'Shift+F11' },
  stepBack: { key: 'F10', shift: true, label: 'Shift+F10' },
  runToCursor: { key: 'F10', ctrl: true, label: 'Ctrl+F10' },
  reset: { key: 'F5', ctrl: true, shift: true, label: 'Ctrl+Shift+F5' },
  toggleBreakpoint: { key: 'F9', label: 'F9' },
};

/** The action a key press asks for, if any. */
export function actionForKey(e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>): Action | null {
  if (e.altKey) return null;
  const ctrl = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toUpperCase() : e.key;
  for (const [action, s] of Object.entries(SHORTCUTS) as [Action, Shortcut][]) {
    if (s.key === key && !!s.shift === e.shiftKey && !!s.ctrl === ctrl) return action;
  }
  return null;
}
