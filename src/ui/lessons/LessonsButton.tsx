// The header's Lessons button. The drawer (lessons, their checks and the error catalogue they
// use) is a separate chunk, loaded the first time it opens, so the page's initial script stays small.
import { lazy, Suspense, useState } from 'react';
import '../app/chrome.css';
import './lessons.css';

const LessonsDrawer = lazy(() => import('./LessonsDrawer.js').then((m) => ({ default: m.LessonsDrawer })));

export function LessonsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="header-button lessons-button" aria-expanded={open} aria-controls="lessons-drawer"
        title="Guided lessons: from registers to ring buffers" onClick={() => setOpen((o) => !o)}>
        Lessons
      </button>
      {open && (
        <Suspense fallback={<aside className="lessons-drawer" aria-busy="true"><p className="lessons-note">Loading the lessons…</p></aside>}>
          <LessonsDrawer onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
