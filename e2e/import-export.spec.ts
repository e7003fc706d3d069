// Files in and out of the page: an ELF object, raw bytecode or a bad file dropped on the page, a
// multi-program object opened with Open… and its picker, and the Download menu's three formats,
// each read back (in Node, with bpfiddle's own core) as the program the editor holds.
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures/playground.js';
import { assemble } from '../src/core/asm/index.js';
import { importFile } from '../src/core/import/index.js';
import { encodeProgram } from '../src/core/isa/insn.js';
import { editorText, typeSource } from './fixtures/editor.js';
import { chooseFile, downloadAs, dropFile, dropOverlay, importNotice, programPicker } from './fixtures/files.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../tests/elf/fixtures/${name}`, import.meta.url)));

function bytecodeOf(source: string): Uint8Array {
  const r = assemble(source);
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return encodeProgram(r.program.insns);
}

test('dropping an ELF object on the page opens its program and maps with the verdict, and Ctrl+Z brings the old text back', async ({ playground, page }) => {
  const before = await editorText(page);
  await dropFile(page, 'xdp_btf_map.o', fixture('xdp_btf_map.o'), async () => {
    await expect(dropOverlay(page)).toHaveText('Drop an eBPF object, bytecode or log');
  });
  await expect(dropOverlay(page)).toHaveCount(0);
  await expect(importNotice(page)).toContainText(/Opened count_packets \(xdp, \d+ instructions\) from xdp_btf_map\.o/);
  const text = await editorText(page);
  expect(text).toMatch(/^\s*\.prog xdp\b/m);
  expect(text).toMatch(/^\s*\.map counts hash key=4 value=8 max_entries=64\b/m);
  await expect(playground.programType).toHaveValue('xdp');
  await expect(page.getByRole('tab', { name: /Verifier/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('verdict')).toContainText('Accepted');
  await expect(page.getByRole('region', { name: 'Maps' })).toContainText('counts');

  await playground.editor.click();
  await page.keyboard.press('Control+Z');
  await expect.poll(() => editorText(page)).toBe(before);
});

test('dropping raw bytecode or an xlated dump opens the program it encodes', async ({ playground, page }) => {
  await expect(playground.summary).toHaveText(/insns/);
  const src = ['r0 = 1', 'r1 = 5', 'r0 += r1', 'exit'].join('\n');
  await dropFile(page, 'prog.bin', bytecodeOf(src));
  await expect(importNotice(page)).toContainText('(socket_filter, 4 instructions) from prog.bin');
  await expect.poll(() => editorText(page)).toContain('r0 += r1');
  await expect(page.getByTestId('verdict')).toContainText('Accepted');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('tab', { name: 'Output' }).click();
  await expect(page.getByTestId('run-verdict')).toContainText('r0 = 6');

  // A `bpftool prog dump xlated` listing opens too; what the importer had to guess is listed.
  await dropFile(page, 'count.xlated.txt', fixture('xdp_btf_map.xlated.txt'));
  await expect(importNotice(page)).toContainText('from count.xlated.txt');
  await expect(importNotice(page).getByRole('listitem')).toContainText(['placeholder m']);
  await expect.poll(() => editorText(page)).toContain('r1 &= 63');
});

test('an object\'s global data arrives as its maps\' initial contents and drives the run', async ({ playground, page }) => {
  await expect(playground.summary).toHaveText(/insns/);
  await dropFile(page, 'globals.o', fixture('globals.o'));
  await expect(importNotice(page)).toContainText('Opened globals (xdp,');
  // const volatile threshold = 128 (.rodata); packets = 5 (.data); .bss starts zeroed.
  await expect(page.getByRole('textbox', { name: 'rodata value 0 (integer)' })).toHaveValue('128');
  await expect(page.getByRole('textbox', { name: 'data value 0 (integer)', exact: true })).toHaveValue('5');
  await expect(page.getByTestId('verdict')).toContainText('Accepted');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('tab', { name: 'Output' }).click();
  // With .rodata left zeroed the packet would be longer than the threshold and dropped (r0 = 1).
  await expect(page.getByTestId('run-verdict')).toContainText('r0 = 2');
});

test('a file that is not an eBPF program is refused with a message naming what is wrong, and the program is kept', async ({ playground, page }) => {
  await typeSource(page, ['; my work', '.prog xdp', 'r0 = 2', 'exit']);
  await expect(playground.summary).toHaveText(/2 insns/);
  const mine = await editorText(page);

  await dropFile(page, 'picture.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49]));
  await expect(importNotice(page)).toHaveAttribute('role', 'alert');
  await expect(importNotice(page)).toContainText(/^Could not open picture\.png: not an ELF file.*\. Your program was not changed\./);
  await expect.poll(() => editorText(page)).toBe(mine);

  await dropFile(page, 'broken.o', fixture('xdp_btf_map.o').slice(0, 200));
  await expect(importNotice(page)).toContainText(/^Could not open broken\.o: .*truncated.*\. Your program was not changed\./i);
  await expect.poll(() => editorText(page)).toBe(mine);
  await expect(playground.summary).toHaveText(/2 insns/);
});

test('Open… with an object holding several programs asks which one to open', async ({ playground, page }) => {
  await chooseFile(page, 'tracing.o', fixture('tracing.o'));
  const picker = programPicker(page);
  await expect(picker).toBeVisible();
  await expect(picker.getByRole('heading')).toHaveText('tracing.o holds 3 programs');
  const rows = picker.locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText(/on_open\s*kprobe\/do_sys_openat2\s*kprobe\s*\d+/);
  await expect(rows.nth(1)).toContainText(/on_write\s*tracepoint\/syscalls\/sys_enter_write\s*tracepoint\s*\d+/);
  await expect(rows.nth(2)).toContainText(/on_switch\s*raw_tracepoint\/sched_switch\s*raw_tracepoint\s*\d+/);
  await picker.getByRole('button', { name: 'Open on_write' }).click();
  await expect(picker).toHaveCount(0);
  await expect(playground.programType).toHaveValue('tracepoint');
  await expect.poll(() => editorText(page)).toMatch(/^\s*\.map hits array key=4 value=8 max_entries=3\b/m);
  await expect(page.getByTestId('verdict')).toContainText('Accepted');
  // Cancelling the picker changes nothing.
  const now = await editorText(page);
  await chooseFile(page, 'tracing.o', fixture('tracing.o'));
  await expect(picker).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(picker).toHaveCount(0);
  expect(await editorText(page)).toBe(now);
});

test('downloads the program as assembly, raw bytecode and an ELF object that all read back as the same program', async ({ playground, page }) => {
  await typeSource(page, [
    '.prog xdp',
    '.map counts array key=4 value=8 max_entries=4',
    'entry:',
    '*(u32 *)(r10 - 4) = 0',
    'r2 = r10',
    'r2 += -4',
    'r1 = counts ll',
    'call bpf_map_lookup_elem',
    'if r0 == 0 goto out',
    'r1 = *(u64 *)(r0 + 0)',
    'r1 += 1',
    '*(u64 *)(r0 + 0) = r1',
    'out:',
    'r0 = 2',
    'exit',
  ]);
  await expect(playground.summary).toHaveText(/^11 insns · 96 bytes/);
  const source = await editorText(page);
  const expected = bytecodeOf(source);

  const s = await downloadAs(page, /Assembly source/);
  expect(s.name).toBe('entry.s');
  expect(new TextDecoder().decode(s.bytes)).toBe(source);

  const bin = await downloadAs(page, /Raw bytecode/);
  expect(bin.name).toBe('entry.bin');
  expect([...bin.bytes]).toEqual([...expected]);

  const obj = await downloadAs(page, /ELF object/);
  expect(obj.name).toBe('entry.o');
  expect([...obj.bytes.slice(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
  const back = importFile('entry.o', obj.bytes);
  expect(back.ok).toBe(true);
  if (!back.ok) return;
  expect(back.kind).toBe('elf');
  expect(back.programs).toHaveLength(1);
  expect(back.programs[0]!.progType).toBe('xdp');
  const again = assemble(back.programs[0]!.source);
  expect(again.ok).toBe(true);
  if (!again.ok) return;
  expect([...encodeProgram(again.program.insns)]).toEqual([...expected]);
  expect(again.program.maps.map((m) => [m.name, m.type, m.keySize, m.valueSize, m.maxEntries])).toEqual([['counts', 'array', 4, 8, 4]]);
});

test('bytecode and object downloads are disabled with the reason while the program does not assemble', async ({ playground, page }) => {
  await typeSource(page, ['.prog xdp', 'r0 = = 2', 'exit']);
  await expect(playground.errorItems).toHaveCount(1);
  await page.getByRole('button', { name: 'Download' }).click();
  await expect(page.getByRole('menuitem', { name: /Raw bytecode/ })).toBeDisabled();
  await expect(page.getByRole('menuitem', { name: /ELF object/ })).toBeDisabled();
  await expect(page.getByRole('menuitem', { name: /Assembly source/ })).toBeEnabled();
  await expect(page.getByTestId('download-reason')).toHaveText('The program does not assemble (1 error): fix it to download bytecode or an object.');
});
