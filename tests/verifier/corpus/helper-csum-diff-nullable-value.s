; bpf_csum_diff's "from" may be NULL, so a map lookup result that may be NULL is accepted as it;
; a size (64) larger than the value (16) is then reported as a memory access, not a map value one
; (found by the helper-call fuzzer, calls-2026-224, minimized).
; expect: reject invalid access to memory, mem_size=16 off=0 size=64
.prog sched_act
.map a array key=4 value=16 max_entries=4
  r2 = r10
  r2 += -8
  r1 = a ll
  call bpf_map_lookup_elem
  r1 = r0
  r2 = 64
  r3 = 0
  r4 = 0
  r5 = 0
  call bpf_csum_diff
  r0 = 0
  exit
