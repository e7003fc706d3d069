// Shared setup for the kernel-differential tests: one loader process per test file, and the
// `skipped: <why>` convention when the kernel oracle is unavailable (not root, no gcc, no bpf()).

import { afterAll, it } from 'vitest';
import { KernelOracle, kernelAvailable } from '../../tools/kernel.js';

export const availability = kernelAvailable();

let oracle: KernelOracle | undefined;

/** The file's oracle, started on first use and closed after the file's tests. */
export function kernel(): KernelOracle {
  oracle ??= KernelOracle.start();
  return oracle;
}

afterAll(async () => {
  await oracle?.close();
  oracle = undefined;
});

/** A test that runs only with the kernel oracle; otherwise it prints why and passes. */
export function kernelIt(name: string, fn: () => Promise<void>, timeout?: number): void {
  it(name, async () => {
    if (!availability.ok) {
      console.log(`skipped: ${availability.why}`);
      return;
    }
    await fn();
  }, timeout);
}

export const hex = (b: Uint8Array | null | undefined): string => (b ? Buffer.from(b).toString('hex') : 'null');
export const fromHex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
