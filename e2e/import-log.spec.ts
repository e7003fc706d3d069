// Importing a real kernel's verifier log: paste it, see the program rebuilt in the editor, the
// kernel's verdict and error, and the kernel's states in the Registers pane at the error; a log cut
// off in the middle loads up to where it stops, and says where. The log comes from the running
// kernel when bpf() works here (captured by the Node side of the test), else from a recorded fixture.
import { kernelAvailable, KernelOracle } from '../tools/kernel.js';
import { captureLog, corpusCase, readFixture } from '../tests/kernel-log/capture.js';
import { expect, test } from './fixtures/import-log.js';

const PROGRAM = 'map-value-oob-const.s';
/** An accepted program with a bpf-to-bpf call, a branch and a pruned path. */
const BRANCHY = 'real-subprog-checksum.s';
let log = '';
let branchy = '';

test.beforeAll(async () => {
  const k = kernelAvailable();
  if (k.ok) {
    const oracle = KernelOracle.start();
    try {
      log = await captureLog(oracle, corpusCase(PROGRAM), 2);
      branchy = await captureLog(oracle, corpusCase(BRANCHY), 2);
    } finally { await oracle.close(); }
    console.log(`import-log: using level-2 logs of ${PROGRAM} and ${BRANCHY} captured from the running kernel`);
  } else {
    log = readFixture(PROGRAM, 2);
    branchy = readFixture(BRANCHY, 2);
    console.log(`import-log: using the recorded fixtures of ${PROGRAM} and ${BRANCHY} (no kernel: ${k.why})`);
  }
});

test.describe('import a kernel verifier log', () => {
  test('shows the rebuilt program, the kernel\'s error and its states at the error instruction', async ({ imp }) => {
    await imp.tab('Verifier');
    await imp.importLog(log);
    await expect(imp.dialog).toBeHidden();
    await expect(imp.importedMark).toHaveText('imported');
    await expect.poll(() => imp.sourceText()).toContain('r1 = *(u64 *)(r0 + 4)');
    await expect(imp.verdict).toContainText('Rejected');
    await expect(imp.verdict).toContainText('at instruction 7 · from a kernel log (imported)');
    await expect(imp.verdict).toContainText('invalid access to map value, value_size=8 off=4 size=8');
    // The log shown is the kernel's own.
    await expect(imp.verifierLog).toContainText('7: (79) r1 = *(u64 *)(r0 +4)');
    // The kernel's state where it stopped: R0 is the non-null map value after the check.
    await imp.verdict.getByRole('button', { name: /^Go to line/ }).click();
    await expect(imp.registerState(0)).toContainText('map_value(ks=4,vs=8)');
    await expect(imp.registerState(2)).toContainText('not initialised');
    // Editing the program makes it bpfiddle's own again.
    await imp.goToEnd();
    await imp.type('\n');
    await expect(imp.importedMark).toBeHidden();
  });

  test('the Paths tab shows the kernel\'s paths: the branch, the callee, the pruned one', async ({ imp }) => {
    await imp.importLog(branchy);
    await expect(imp.importedMark).toHaveText('imported');
    await imp.tab('Verifier');
    await expect(imp.verdict).toContainText('Accepted');
    await imp.openTab('Paths');
    await expect(imp.pathsCount).toHaveText('3 paths: 2 exit, 1 pruned, 0 error');
    await expect(imp.path(1)).toContainText('from 9 → 12');
    // Inside the callee (frame 1), the kernel's state after `r1 &= 65535`.
    await imp.path(0).click();
    await imp.stepTo(11);
    await expect(imp.stepPosition).toContainText('insn 16');
    await expect(imp.registerState(1)).toContainText('scalar(smin=smin32=0,smax=umax=smax32=umax32=0xffff,var_off=(0x0; 0xffff))');
  });

  test('a log cut off in the middle loads up to where it stops, and says where', async ({ imp }) => {
    const cut = log.slice(0, log.indexOf('7: (79)'));
    const lastLine = cut.split('\n').length - 1;
    await imp.importLog(cut);
    await expect(imp.message).toContainText(`Stopped reading at line ${lastLine}`);
    await expect(imp.message).toContainText('cut off');
    await imp.dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(imp.importedMark).toHaveText(`imported · to line ${lastLine}`);
    await imp.tab('Verifier');
    await expect(imp.verdict).toContainText(`the log stops before the kernel's verdict (read up to line ${lastLine})`);
    await expect.poll(() => imp.sourceText()).toContain('call bpf_map_lookup_elem');
  });

  test('a paste without instructions says what is missing and changes nothing', async ({ imp }) => {
    const before = await imp.sourceText();
    await imp.importLog('processed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n');
    await expect(imp.message).toContainText('no instruction lines');
    await expect(imp.dialog).toBeVisible();
    expect(await imp.sourceText()).toBe(before);
  });
});
