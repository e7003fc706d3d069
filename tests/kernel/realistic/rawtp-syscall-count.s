; Raw tracepoint on raw_syscalls/sys_enter: args[1] is the system call number; counts calls per
; number in a hash map (BPF_NOEXIST insert, then atomic adds) and returns 0.
; Inputs: execve (59), openat (257, already counted 10 times), read (0).
.prog raw_tracepoint
.map calls hash key=4 value=8 max_entries=512
; run: --ctx args[0]=0xffffc90000123f58 --ctx args[1]=59
; run: --ctx args[1]=257 --map calls=257:u32=10:u64
; run: --ctx args[1]=0
  r6 = *(u64 *)(r1 + 8)
  *(u32 *)(r10 - 4) = r6
  r1 = calls ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto insert
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
  goto out
insert:
  r1 = 1
  *(u64 *)(r10 - 16) = r1
  r1 = calls ll
  r2 = r10
  r2 += -4
  r3 = r10
  r3 += -16
  r4 = 1
  call bpf_map_update_elem
out:
  r0 = 0
  exit
