// Node-side access to the LLVM 14 tools the differential tests compare against: llvm-mc-14 to
// assemble pseudo-C text, llvm-objdump-14 to print instructions. Everything goes through temporary
// files in one directory per process; the .text bytes are read straight out of the ELF object.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const LLVM_MC = 'llvm-mc-14';
export const LLVM_OBJDUMP = 'llvm-objdump-14';

/** Whether both tools run here; the reason when not (for the test's `skipped:` line). */
export function llvmAvailable(): { ok: true } | { ok: false; why: string } {
  for (const tool of [LLVM_MC, LLVM_OBJDUMP]) {
    const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
    if (r.error || r.status !== 0) return { ok: false, why: `${tool} not found (apt-get install llvm-14)` };
  }
  return { ok: true };
}

let dir: string | undefined;
function workDir(): string {
  dir ??= mkdtempSync(join(tmpdir(), 'bpfiddle-llvm-'));
  return dir;
}
export function cleanup(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}

/** The contents of the section called `name` in a little-endian ELF64 object. */
export function elfSection(elf: Uint8Array, name: string): Uint8Array | undefined {
  const v = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
  const shoff = Number(v.getBigUint64(0x28, true));
  const shentsize = v.getUint16(0x3a, true);
  const shnum = v.getUint16(0x3c, true);
  const shstrndx = v.getUint16(0x3e, true);
  const header = (i: number) => {
    const at = shoff + i * shentsize;
    return { name: v.getUint32(at, true), offset: Number(v.getBigUint64(at + 0x18, true)), size: Number(v.getBigUint64(at + 0x20, true)) };
  };
  const strtab = header(shstrndx);
  const nameAt = (off: number): string => {
    let end = strtab.offset + off;
    while (elf[end] !== 0) end++;
    return new TextDecoder().decode(elf.subarray(strtab.offset + off, end));
  };
  for (let i = 0; i < shnum; i++) {
    const h = header(i);
    if (nameAt(h.name) === name) return elf.subarray(h.offset, h.offset + h.size);
  }
  return undefined;
}

export type McResult = { ok: true; bytes: Uint8Array; object: string } | { ok: false; error: string };

/** Assembles BPF pseudo-C with `llvm-mc-14 -triple bpfel -filetype=obj`; returns the .text bytes. */
export function llvmMc(source: string, name = 'prog'): McResult {
  const src = join(workDir(), `${name}.s`);
  const obj = join(workDir(), `${name}.o`);
  writeFileSync(src, source.endsWith('\n') ? source : `${source}\n`);
  const r = spawnSync(LLVM_MC, ['-triple', 'bpfel', '-filetype=obj', src, '-o', obj], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) return { ok: false, error: r.stderr || String(r.error) };
  const text = elfSection(new Uint8Array(readFileSync(obj)), '.text');
  return text ? { ok: true, bytes: text, object: obj } : { ok: false, error: 'no .text section' };
}

/** Raw bytes as an assembler source of `.quad` words, so that objdump can be shown any encoding. */
export function quadSource(bytes: Uint8Array): string {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lines = ['.text'];
  for (let at = 0; at + 8 <= bytes.length; at += 8) lines.push(`.quad 0x${v.getBigUint64(at, true).toString(16)}`);
  return lines.join('\n');
}

/**
 * `llvm-objdump-14 -d --mattr=+alu32` of an object: slot index → instruction text. The ` <sym+off>`
 * annotation objdump appends to branch targets is dropped (bpfiddle prints plain offsets).
 * alu32 is what lets LLVM 14 decode the 32-bit atomics; it also makes sub-64-bit loads and stores
 * print w registers, as newer LLVM does by default.
 */
export function llvmObjdump(object: string): Map<number, string> {
  const r = spawnSync(LLVM_OBJDUMP, ['-d', '--mattr=+alu32', '--no-show-raw-insn', object], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${LLVM_OBJDUMP} failed: ${r.stderr}`);
  const out = new Map<number, string>();
  for (const line of r.stdout.split('\n')) {
    const m = /^\s*(\d+):\t(.*)$/.exec(line);
    if (m) out.set(Number(m[1]), m[2]!.replace(/ <[^<>]*>$/, ''));
  }
  return out;
}
