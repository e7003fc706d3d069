// The errno values map operations return, with the kernel's numbers (x86-64 Linux) and names.
// Map operations return them negated, exactly like the kernel's helpers and bpf() internals;
// ENOTSUPP (524) is the kernel-internal code user space sees as "Unknown error 524".

export const EPERM = 1;
export const ENOENT = 2;
export const E2BIG = 7;
export const EBADF = 9;
export const EAGAIN = 11;
export const ENOMEM = 12;
export const EFAULT = 14;
export const EBUSY = 16;
export const EEXIST = 17;
export const EINVAL = 22;
export const ENOSPC = 28;
export const EOPNOTSUPP = 95;
export const ENOTSUPP = 524;

const NAMES: Readonly<Record<number, string>> = {
  [EPERM]: 'EPERM', [ENOENT]: 'ENOENT', [E2BIG]: 'E2BIG', [EBADF]: 'EBADF', [EAGAIN]: 'EAGAIN',
  [ENOMEM]: 'ENOMEM', [EFAULT]: 'EFAULT', [EBUSY]: 'EBUSY', [EEXIST]: 'EEXIST', [EINVAL]: 'EINVAL',
  [ENOSPC]: 'ENOSPC', [EOPNOTSUPP]: 'EOPNOTSUPP', [ENOTSUPP]: 'ENOTSUPP',
};

/** `ENOENT` for 2 or -2; `E<n>` for numbers this module does not know. */
export function errnoName(errno: number): string {
  const n = Math.abs(errno);
  return NAMES[n] ?? `E${n}`;
}
