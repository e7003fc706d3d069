// The kernel's BPF printf: bpf_bprintf_prepare (kernel/bpf/helpers.c), which checks a format and
// packs its arguments into a 512-byte binary buffer, then bstr_printf (lib/vsprintf.c), which
// formats them. bpf_trace_printk, bpf_snprintf and bpf_seq_printf share it, so they accept and
// reject the same formats: %d %i %u %x %X with flags [0+- ], a width and l/ll; %c; %s, %pks, %pus;
// %p %pK %px %ps %pS %pB; %pI4 %pi4 %pI6 %pi6; %%. Anything else is -EINVAL, running out of
// arguments is -EINVAL, a full binary buffer is -ENOSPC.
//
// Differences from the kernel, by necessity: %p and %pK print the address unhashed (like %px; the
// kernel prints a per-boot hash), and %ps %pS %pB print `0x<address>` (what the kernel prints for
// an address that is no kernel symbol).

export const MAX_BPRINTF_BIN_ARGS = 512;
export const MAX_BPRINTF_BUF = 1024;
export const MAX_BPRINTF_VARARGS = 12;
export const MAX_TRACE_PRINTK_VARARGS = 3;
const EINVAL = 22;
const ENOSPC = 28;
const EFAULT = 14;

/** Reading simulated memory: bytes at an address, or null when it is not readable. */
export interface StringSource {
  /** Up to `max` bytes of the NUL-terminated string at `addr` (without the NUL), and whether the
   * NUL was found within them; null when the first byte cannot be read. Bytes after a fault are
   * not returned (`complete` false, `fault` true). */
  readString(addr: bigint, max: number, space: 'kernel' | 'user'): { bytes: Uint8Array; complete: boolean; fault: boolean } | null;
  read(addr: bigint, len: number): Uint8Array | null;
}

/** One conversion's packed argument. */
type BinArg =
  | { kind: 'int'; value: bigint; size: 4 | 8 }
  | { kind: 'char'; value: number }
  | { kind: 'str'; bytes: Uint8Array }
  | { kind: 'ptr'; value: bigint };

export type PrepareResult = { ok: true; args: BinArg[] } | { ok: false; errno: number };

// The kernel's ctype (lib/ctype.c) is ISO 8859-1: 0xa0 is a space, 0xa1-0xbf, 0xd7 and 0xf7 are
// punctuation, the other bytes from 0xc0 up are letters.
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isAlnum = (c: number): boolean =>
  isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7);
const isSpace = (c: number): boolean => (c >= 9 && c <= 13) || c === 32 || c === 0xa0;
const isPunct = (c: number): boolean =>
  (c >= 0x21 && c <= 0x7e && !isAlnum(c)) || (c >= 0xa1 && c <= 0xbf) || c === 0xd7 || c === 0xf7;
const isPrint = (c: number): boolean => (c >= 0x20 && c <= 0x7e) || c >= 0xa0;
const ch = (s: string): number => s.charCodeAt(0);

/**
 * bpf_bprintf_prepare: check `fmt` (the bytes before its NUL) against `raw` (the u64 arguments,
 * as many as the helper passes) and pack the arguments the way bstr_printf will read them.
 */
export function bprintfPrepare(fmt: Uint8Array, raw: readonly bigint[], mem: StringSource): PrepareResult {
  const at = (k: number): number => (k < fmt.length ? fmt[k]! : 0);
  const args: BinArg[] = [];
  let used = 0; // bytes of the 512-byte binary buffer taken so far
  const noRoom = (): PrepareResult => ({ ok: false, errno: ENOSPC });
  const putNum = (size: 4 | 8, arg: BinArg): PrepareResult | null => {
    used = Math.ceil(used / 4) * 4;
    if (MAX_BPRINTF_BIN_ARGS - used < size) return noRoom();
    used += size;
    args.push(arg);
    return null;
  };
  let i = 0;
  for (; i < fmt.length; i++) {
    const c = fmt[i]!;
    // Measured on 6.18: bytes from 0x80 up pass (UTF-8 text); below, only printable characters
    // and white space.
    if (c < 0x80 && !isPrint(c) && !isSpace(c)) return { ok: false, errno: EINVAL };
    if (c !== ch('%')) continue;
    if (at(i + 1) === ch('%')) { i++; continue; }
    const n = args.length;
    if (n >= raw.length) return { ok: false, errno: EINVAL };
    const value = raw[n]!;
    i++;
    while (at(i) === ch('0') || at(i) === ch('+') || at(i) === ch('-') || at(i) === ch(' ')) i++;
    if (at(i) >= ch('1') && at(i) <= ch('9')) {
      i++;
      while (isDigit(at(i))) i++;
    }
    const f = at(i);
    if (f === ch('p')) {
      const next = at(i + 1);
      if ((next === ch('k') || next === ch('u')) && at(i + 2) === ch('s')) {
        i += 2;
        const e = putStr(next === ch('k') ? 'kernel' : 'user', value);
        if (e) return e;
        continue;
      }
      // "%p" followed by the end, a space or punctuation, and %pK %px %ps %pS: the character
      // after the p is skipped whatever it is (so "%p%d" takes one argument, not two).
      if (next === 0 || isSpace(next) || isPunct(next) || next === ch('K') || next === ch('x') || next === ch('s') || next === ch('S')) {
        i++;
        const e = putNum(8, { kind: 'ptr', value });
        if (e) return e;
        continue;
      }
      if (next === ch('B')) {
        // Pre-formatted into the buffer with snprintf("%pB"); the kernel does not check the room.
        const text = new TextEncoder().encode(`0x${value.toString(16)}`);
        const take = Math.max(0, Math.min(text.length, MAX_BPRINTF_BIN_ARGS - used - 1));
        args.push({ kind: 'str', bytes: text.subarray(0, take) });
        used += text.length + 1;
        i++;
        continue;
      }
      if ((next !== ch('i') && next !== ch('I')) || (at(i + 2) !== ch('4') && at(i + 2) !== ch('6'))) return { ok: false, errno: EINVAL };
      i += 2;
      const v6 = at(i) === ch('6');
      const size = v6 ? 16 : 4;
      if (MAX_BPRINTF_BIN_ARGS - used < size) return noRoom();
      const ip = (kernelAddressAllowed(value, size) ? mem.read(value, size) : null) ?? new Uint8Array(size);
      const text = new TextEncoder().encode(formatIp(ip, v6, at(i - 1) === ch('I')));
      const take = Math.min(text.length, MAX_BPRINTF_BIN_ARGS - used - 1);
      args.push({ kind: 'str', bytes: text.subarray(0, take) });
      used += take + 1;
      continue;
    }
    if (f === ch('s')) {
      const e = putStr('any', value);
      if (e) return e;
      continue;
    }
    if (f === ch('c')) {
      if (used === MAX_BPRINTF_BIN_ARGS) return noRoom();
      args.push({ kind: 'char', value: Number(value & 0xffn) });
      used++;
      continue;
    }
    let size: 4 | 8 = 4;
    if (at(i) === ch('l')) { size = 8; i++; }
    if (at(i) === ch('l')) { size = 8; i++; }
    const conv = at(i);
    if (conv !== ch('i') && conv !== ch('d') && conv !== ch('u') && conv !== ch('x') && conv !== ch('X')) return { ok: false, errno: EINVAL };
    const e = putNum(size, { kind: 'int', value, size });
    if (e) return e;
  }
  return { ok: true, args };

  // %s, %pks, %pus: the string is copied into the buffer (truncated to the room left); an
  // unreadable string becomes "".
  function putStr(space: 'kernel' | 'user' | 'any', value: bigint): PrepareResult | null {
    if (!(i + 1 >= fmt.length || isSpace(at(i + 1)) || isPunct(at(i + 1)))) return { ok: false, errno: EINVAL };
    if (used === MAX_BPRINTF_BIN_ARGS) return noRoom();
    const room = MAX_BPRINTF_BIN_ARGS - used;
    const s = copyString(mem, value, room, space === 'any' ? (value < TASK_SIZE ? 'user' : 'kernel') : space);
    const bytes = s.ok ? s.bytes : new Uint8Array(0);
    args.push({ kind: 'str', bytes });
    used += bytes.length + 1;
    return null;
  }
}

/** TASK_SIZE_MAX on x86-64 (4-level paging): user addresses lie below it. */
export const TASK_SIZE = 0x00007ffffffff000n;

/** x86-64's copy_from_kernel_nofault_allowed: no user addresses (nor the guard page after them),
 * not the vsyscall page, and canonical for 48-bit virtual addresses. Only the start is checked. */
export function kernelAddressAllowed(addr: bigint, _size: number): boolean {
  if (addr < TASK_SIZE + 4096n) return false;
  if (addr >> 12n === 0xffffffffff600n) return false;
  return addr >> 47n === (1n << 17n) - 1n;
}

/**
 * strncpy_from_{kernel,user}_nofault: the string at `addr` truncated to `count - 1` bytes; ok false
 * with the kernel's errno when it cannot be read (-ERANGE for a kernel read of a user address,
 * -EFAULT otherwise). The copy's length with its NUL is bytes.length + 1.
 */
export function copyString(mem: StringSource, addr: bigint, count: number, space: 'kernel' | 'user'):
  { ok: true; bytes: Uint8Array } | { ok: false; errno: number } {
  if (count <= 0) return { ok: true, bytes: new Uint8Array(0) };
  if (space === 'kernel' && !kernelAddressAllowed(addr, count)) return { ok: false, errno: 34 };
  if (space === 'user' && addr >= TASK_SIZE) return { ok: false, errno: EFAULT };
  const s = mem.readString(addr, count, space);
  if (!s) return { ok: false, errno: EFAULT };
  if (s.complete) return { ok: true, bytes: s.bytes };
  // Reached count bytes without a NUL: the last byte becomes the NUL. A fault before that fails.
  if (s.fault && s.bytes.length < count) return { ok: false, errno: EFAULT };
  return { ok: true, bytes: s.bytes.subarray(0, count - 1) };
}

function formatIp(b: Uint8Array, v6: boolean, upper: boolean): string {
  if (!v6) return [...b].map((x) => (upper ? String(x) : String(x).padStart(3, '0'))).join('.');
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0'));
  if (!upper) return hex.join('');
  const groups: string[] = [];
  for (let k = 0; k < 16; k += 2) groups.push(hex[k]! + hex[k + 1]!);
  return groups.join(':');
}

// ---------------------------------------------------------------------------------------------
// bstr_printf

interface Spec { left: boolean; plus: boolean; space: boolean; zero: boolean; width: number }

function pad(s: string, spec: Spec): string {
  if (s.length >= spec.width) return s;
  return spec.left ? s + ' '.repeat(spec.width - s.length) : ' '.repeat(spec.width - s.length) + s;
}

function number(v: bigint, signed: boolean, base: 10 | 16, upper: boolean, spec: Spec): string {
  let sign = '';
  let num = v;
  let width = spec.width;
  if (signed) {
    if (num < 0n) { sign = '-'; num = -num; width--; }
    else if (spec.plus) { sign = '+'; width--; }
    else if (spec.space) { sign = ' '; width--; }
  }
  let digits = num.toString(base);
  if (upper) digits = digits.toUpperCase();
  const zero = spec.zero && !spec.left;
  const fill = Math.max(0, width - digits.length);
  if (spec.left) return sign + digits + ' '.repeat(fill);
  return zero ? sign + '0'.repeat(fill) + digits : ' '.repeat(fill) + sign + digits;
}

/** bstr_printf: the whole formatted text (callers truncate it to their buffer). */
export function bstrPrintf(fmt: Uint8Array, args: readonly BinArg[]): Uint8Array {
  const out: number[] = [];
  const push = (s: string | Uint8Array): void => {
    if (typeof s === 'string') for (let k = 0; k < s.length; k++) out.push(s.charCodeAt(k) & 0xff);
    else for (const b of s) out.push(b);
  };
  const at = (k: number): number => (k < fmt.length ? fmt[k]! : 0);
  let a = 0;
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c !== ch('%')) { out.push(c); continue; }
    if (at(i + 1) === ch('%')) { out.push(c); i++; continue; }
    const spec: Spec = { left: false, plus: false, space: false, zero: false, width: 0 };
    i++;
    for (;; i++) {
      const f = at(i);
      if (f === ch('-')) spec.left = true;
      else if (f === ch('+')) spec.plus = true;
      else if (f === ch(' ')) spec.space = true;
      else if (f === ch('0')) spec.zero = true;
      else break;
    }
    while (isDigit(at(i))) { spec.width = spec.width * 10 + at(i) - 0x30; i++; }
    const arg = args[a++];
    if (!arg) break;
    const f = at(i);
    if (f === ch('p')) {
      const next = at(i + 1);
      // bstr_printf skips every letter and digit after the 'p' ("%pxyz" prints one pointer).
      let j = i + 1;
      while (isAlnum(at(j))) j++;
      i = j - 1;
      if (arg.kind === 'str') {
        // %pks %pus %pB %pI4 ...: text bpf_bprintf_prepare already made, copied without padding.
        push(arg.bytes);
        continue;
      }
      const value = arg.kind === 'ptr' ? arg.value : 0n;
      if (next === ch('s') || next === ch('S')) {
        push(pad(`0x${value.toString(16)}`, spec));
        continue;
      }
      // %p and %pK hash the pointer in the kernel; bpfiddle shows it as %px does (pointer_string:
      // 16 zero-padded digits unless a width is given).
      push(number(value, false, 16, false, spec.width === 0 ? { ...spec, zero: true, width: 16 } : spec));
      continue;
    }
    if (f === ch('s')) {
      push(pad(latin1(arg.kind === 'str' ? arg.bytes : new Uint8Array(0)), spec));
      continue;
    }
    if (f === ch('c')) {
      const s = String.fromCharCode(arg.kind === 'char' ? arg.value : 0);
      push(pad(s, spec));
      continue;
    }
    let size = 4;
    if (at(i) === ch('l')) { size = 8; i++; }
    if (at(i) === ch('l')) { size = 8; i++; }
    const conv = at(i);
    const raw = arg.kind === 'int' || arg.kind === 'ptr' ? arg.value : 0n;
    const signed = conv === ch('d') || conv === ch('i');
    const v = size === 8
      ? (signed ? BigInt.asIntN(64, raw) : BigInt.asUintN(64, raw))
      : (signed ? BigInt.asIntN(32, raw) : BigInt.asUintN(32, raw));
    push(number(v, signed, conv === ch('x') || conv === ch('X') ? 16 : 10, conv === ch('X'), spec));
  }
  return Uint8Array.from(out);
}

const latin1 = (b: Uint8Array): string => String.fromCharCode(...b);
