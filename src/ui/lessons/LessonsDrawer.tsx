// The lessons drawer: the learning path with progress, the current lesson's text, its guided
// steps ticked off live as the user steps and verifies, and the challenge with a Check button.
// Progress (steps, challenges, the lesson in view) is kept in localStorage. Opening a lesson loads
// its program and input as a session, like an example. Loaded on first open (LessonsButton).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  LESSONS, checkChallenge, completedCount, lessonById, markChallenge, markStep, stepDone,
  type ChallengeResult, type Lesson, type LessonSnapshot, type Progress,
} from '../../core/lessons/index.js';
import { useApp } from '../../store/react.js';
import { loadProgress, saveProgress } from './storage.js';
import './lessons.css';

function useProgress(): [Progress, (f: (p: Progress) => Progress) => void] {
  const [progress, setProgress] = useState<Progress>(loadProgress);
  const update = useCallback((f: (p: Progress) => Progress) => {
    setProgress((p) => {
      const next = f(p);
      if (next !== p) saveProgress(next);
      return next;
    });
  }, []);
  return [progress, update];
}

/** What the page shows now, as lesson steps see it. */
function useSnapshot(): LessonSnapshot {
  const { run, verdict } = useApp(useShallow((s) => ({
    run: s.run && !s.runStale ? s.run : null,
    verdict: s.verdict && s.verifiedSource === s.source ? s.verdict : null,
  })));
  return useMemo(() => ({
    run: run ? { status: run.status, pc: run.pc, regs: run.regs } : null,
    verdict: verdict ? { accepted: verdict.accepted, message: verdict.error?.message ?? null } : null,
  }), [run, verdict]);
}

function LessonList({ progress, open }: { progress: Progress; open: (l: Lesson) => void }) {
  return (
    <>
      <p className="lessons-note">{completedCount(progress)} of {LESSONS.length} challenges done. Each lesson loads a program into the editor.</p>
      <ol className="lessons-list">
        {LESSONS.map((l) => {
          const p = progress.lessons[l.id];
          const steps = p?.steps.length ?? 0;
          return (
            <li key={l.id}>
              <button type="button" className="lessons-item" data-lesson={l.id} onClick={() => open(l)}>
                <span className="lessons-item-title">{l.title}</span>
                <span className="lessons-item-progress" aria-label={p?.challenge ? 'challenge done' : `${steps} of ${l.steps.length} steps`}>
                  {p?.challenge ? '✓ done' : `${steps}/${l.steps.length}`}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </>
  );
}

function LessonView({ lesson, progress, update, back, reload, openLesson }: {
  lesson: Lesson; progress: Progress; update: (f: (p: Progress) => Progress) => void; back: () => void; reload: () => void;
  openLesson: (l: Lesson) => void;
}) {
  const snapshot = useSnapshot();
  const source = useApp((s) => s.source);
  const replace = useApp((s) => s.replaceSource);
  const [result, setResult] = useState<ChallengeResult | null>(null);
  const done = progress.lessons[lesson.id];
  const index = LESSONS.indexOf(lesson);
  const next = LESSONS[index + 1];

  // Tick steps off as soon as what the page shows satisfies them; ticks stay.
  useEffect(() => {
    lesson.steps.forEach((s, i) => {
      if (stepDone(s.done, snapshot)) update((p) => markStep(p, lesson.id, i));
    });
  }, [lesson, snapshot, update]);
  useEffect(() => setResult(null), [lesson]);

  const check = (): void => {
    const r = checkChallenge(lesson, source);
    setResult(r);
    if (r.passed) update((p) => markChallenge(p, lesson.id));
  };

  return (
    <div className="lesson" data-testid="lesson" data-lesson={lesson.id}>
      <div className="lesson-nav">
        <button type="button" className="link-button" onClick={back}>← All lessons</button>
        <span className="dim-note">Lesson {index + 1} of {LESSONS.length}</span>
      </div>
      <h3 className="lesson-title">{lesson.title}</h3>
      <p>{lesson.intro}</p>
      <button type="button" className="small-button" onClick={reload} title="Replaces the editor's text with the lesson's program and input">
        Reload the lesson's program
      </button>
      <h4>Steps</h4>
      <ol className="lesson-steps">
        {lesson.steps.map((s, i) => {
          const ok = done?.steps.includes(i) ?? false;
          return (
            <li key={i} className={ok ? 'done' : ''} data-testid="lesson-step" data-done={ok}>
              <span className="lesson-check" aria-label={ok ? 'done' : 'not done yet'}>{ok ? '✓' : '○'}</span> {s.text}
            </li>
          );
        })}
      </ol>
      <h4>Challenge</h4>
      <p data-testid="lesson-challenge">{lesson.challenge.text}</p>
      <div className="lesson-actions">
        <button type="button" className="small-button" onClick={check} data-testid="lesson-check">Check</button>
        {done?.challenge && <span className="lesson-passed" data-testid="lesson-passed">✓ Challenge complete</span>}
      </div>
      {result && (
        <ul className="lesson-results" aria-label="Challenge checks" data-testid="lesson-results">
          {result.results.map((r, i) => (
            <li key={i} className={r.ok ? 'ok' : 'failed'}>
              {r.ok ? '✓' : '✗'} {r.label}{r.detail ? <span className="dim-note"> ({r.detail})</span> : null}
            </li>
          ))}
        </ul>
      )}
      <details className="lesson-solution">
        <summary>Show a solution</summary>
        <pre className="mono">{lesson.challenge.solution}</pre>
        <button type="button" className="small-button" onClick={() => replace(lesson.challenge.solution)}>Load it into the editor</button>
      </details>
      {next && (
        <button type="button" className="small-button lesson-next" onClick={() => openLesson(next)}>
          Next lesson: {next.title} →
        </button>
      )}
    </div>
  );
}

export function LessonsDrawer({ onClose }: { onClose: () => void }) {
  const loadSession = useApp((s) => s.loadSession);
  const [progress, update] = useProgress();
  const lesson = progress.current ? lessonById(progress.current) ?? null : null;

  const start = useCallback((l: Lesson): void => {
    update((p) => ({ ...p, current: l.id }));
    void loadSession({
      source: l.source, progType: null, input: { packet: l.input.packet, ctx: [], env: [...l.input.env], maxSteps: null },
      maps: [], breakpoints: [], step: null, selectedPc: null,
    });
  }, [loadSession, update]);

  return (
    // Escape closes the drawer only from inside it: the editor uses Escape for itself.
    <aside id="lessons-drawer" className="lessons-drawer" aria-label="Lessons" onKeyDown={(e) => { if (e.key === 'Escape') onClose(); }}>
      <div className="lessons-head">
        <h2>Lessons</h2>
        <button type="button" className="icon-button" aria-label="Close the lessons" onClick={onClose}>✕</button>
      </div>
      <div className="lessons-body">
        {lesson
          ? <LessonView lesson={lesson} progress={progress} update={update} back={() => update((p) => ({ ...p, current: null }))} reload={() => start(lesson)} openLesson={start} />
          : <LessonList progress={progress} open={start} />}
      </div>
    </aside>
  );
}
