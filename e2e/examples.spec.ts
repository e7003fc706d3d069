// The Examples menu loads every example: its source, its program type, without assembler errors.
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures/playground.js';
import { editorText, openExample } from './fixtures/editor.js';

test('the examples menu loads each example', async ({ playground, page }) => {
  test.setTimeout(120_000);
  await page.getByRole('button', { name: 'Examples' }).click();
  const items = page.getByRole('menuitem');
  const all = await items.evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-example')!, title: (e.textContent ?? '').trim() })));
  expect(all.length).toBeGreaterThanOrEqual(12);
  await page.keyboard.press('Escape');
  for (const { id, title } of all) {
    const source = readFileSync(new URL(`../src/ui/examples/programs/${id}.s`, import.meta.url), 'utf8');
    await openExample(page, title);
    await expect.poll(() => editorText(page), { message: title }).toBe(source);
    await expect(playground.programType).toHaveValue(/^\w+$/);
    await expect(playground.programType).toHaveValue(/\.prog (\w+)/.exec(source)![1]!);
    await expect(playground.summary, title).toHaveText(/insns/);
  }
});

test('the menu works from the keyboard and Escape closes it', async ({ playground, page }) => {
  await expect(playground.editor).toBeVisible();
  const button = page.getByRole('button', { name: 'Examples' });
  await button.focus();
  await page.keyboard.press('Enter');
  const first = page.getByRole('menuitem').first();
  await expect(first).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem').nth(1)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(button).toBeFocused();
});
