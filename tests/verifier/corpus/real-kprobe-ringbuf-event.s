; Realistic kprobe: send an event (pid, timestamp, first argument, comm) through a ring buffer.
; expect: accept
.prog kprobe
.map events ringbuf key=0 value=0 max_entries=4096
  r6 = *(u64 *)(r1 + 112)
  r1 = events ll
  r2 = 40
  r3 = 0
  call bpf_ringbuf_reserve
  if r0 == 0 goto out
  r7 = r0
  call bpf_get_current_pid_tgid
  *(u64 *)(r7 + 0) = r0
  call bpf_ktime_get_ns
  *(u64 *)(r7 + 8) = r0
  *(u64 *)(r7 + 16) = r6
  r1 = r7
  r1 += 24
  r2 = 16
  call bpf_get_current_comm
  r1 = r7
  r2 = 0
  call bpf_ringbuf_submit
out:
  r0 = 0
  exit
