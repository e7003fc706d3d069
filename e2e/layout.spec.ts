// The page frame at the sizes people use: the header keeps all its controls on one row and inside
// the window (it sheds text, not controls), the toolbar's timeline stays on screen, and the six
// bottom tabs show in the narrowest left column.
import { expect, test } from '@playwright/test';
import { Layout } from './fixtures/layout.js';

for (const [width, height] of [[1280, 760], [1024, 700]] as const) {
  test(`at ${width}x${height} the header and toolbar fit on one row each, every control on screen`, async ({ page, baseURL }) => {
    await page.setViewportSize({ width, height });
    const ui = new Layout(page);
    await ui.open(baseURL!);
    const header = (await ui.header.boundingBox())!;
    const controls = await ui.controls(ui.header);
    // Examples, Lessons, Open…, Download, Import log, Share, the program type and the theme switch.
    expect(controls.length).toBeGreaterThanOrEqual(8);
    for (const c of controls) {
      expect(c.name, 'a header control without a name').not.toBe('');
      expect(c.x + c.width, `${c.name} is cut off`).toBeLessThanOrEqual(width);
      expect(c.y, `${c.name} wrapped`).toBeGreaterThanOrEqual(header.y);
      expect(c.y + c.height, `${c.name} wrapped`).toBeLessThanOrEqual(header.y + header.height);
    }
    await expect(page.getByRole('button', { name: 'Step over' })).toBeVisible();
    const slider = (await page.getByRole('slider', { name: 'Timeline' }).boundingBox())!;
    expect(slider.x + slider.width).toBeLessThanOrEqual(width);
  });
}

test('in the narrowest left column all six bottom tabs show', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  const ui = new Layout(page);
  await ui.open(baseURL!);
  await ui.narrowestLeftColumn();
  await expect.poll(() => ui.tabStrip.evaluate((e) => e.clientWidth)).toBeLessThan(340);
  expect(await ui.tabStripHidden()).toBe(0);
  for (const name of ['Program', 'Verifier', 'Paths', 'CFG', 'Input', 'Output']) {
    await expect(ui.tabStrip.getByRole('tab', { name, exact: true })).toBeVisible();
  }
});
