// Lessons: open the learning path, follow a guided step in the debugger (the step ticks itself
// off), type a solution to the challenge in the editor, check it, and find the progress again
// after a reload.
import { typeSource } from './fixtures/editor.js';
import { expect, test } from './fixtures/debugger.js';
import { Lessons } from './fixtures/lessons.js';

test('a lesson\'s step ticks off while stepping, its challenge is checked, and progress survives a reload', async ({ dbg, page }) => {
  const lessons = new Lessons(page);
  await lessons.open();
  await expect(lessons.progressOf('Memory and the stack')).toHaveText('0/3');
  await lessons.start('Memory and the stack');
  await expect(dbg.editor.locator('.view-lines')).toContainText('Lesson 2: memory and the stack');

  // "Step until r2 points to the stack": four steps in, r2 = fp-4.
  await expect(lessons.step(1)).toHaveAttribute('data-done', 'false');
  await dbg.press('Step', 4);
  await expect(lessons.step(1)).toHaveAttribute('data-done', 'true');
  await expect(lessons.step(2)).toHaveAttribute('data-done', 'false');

  // The starting program does not pass the challenge, and says why.
  await lessons.check();
  await expect(lessons.results).toContainText('✗ returns 14 (returns 7)');
  await expect(lessons.passed).toHaveCount(0);

  await typeSource(page, [
    '.prog socket_filter',
    '  r1 = 5',
    '  *(u64 *)(r10 - 8) = r1',
    '  r1 = 9',
    '  *(u64 *)(r10 - 16) = r1',
    '  r0 = *(u64 *)(r10 - 8)',
    '  r1 = *(u64 *)(r10 - 16)',
    '  r0 += r1',
    '  exit',
  ]);
  await lessons.check();
  await expect(lessons.results).toContainText('✓ returns 14');
  await expect(lessons.passed).toBeVisible();

  await page.reload();
  await lessons.open();
  await expect(lessons.lesson.getByRole('heading', { name: 'Memory and the stack' })).toBeVisible();
  await expect(lessons.passed).toBeVisible();
  await expect(lessons.step(1)).toHaveAttribute('data-done', 'true');
  await lessons.backToList();
  await expect(lessons.progressOf('Memory and the stack')).toHaveText('✓ done');
});

test('broken progress in storage is ignored, not fatal', async ({ dbg, page }) => {
  await page.evaluate(() => localStorage.setItem('bpfiddle.lessons', '{"version":1,"lessons":{"stack":{"steps":"x"}},"current":42'));
  await page.reload();
  await expect(dbg.editor).toBeVisible();
  const lessons = new Lessons(page);
  await lessons.open();
  await expect(lessons.progressOf('Registers and arithmetic')).toHaveText('0/4');
});
