; bpf_cgrp_storage_get needs a cgroup storage map; a hash map is refused (found by the helper-call
; fuzzer, calls-2026-2632, minimized).
; expect: reject cannot pass map_type 1 into func bpf_cgrp_storage_get#210
.prog perf_event
.map h hash key=4 value=16 max_entries=8
  r1 = h ll
  r2 = 0
  r3 = 0
  r4 = 0
  call bpf_cgrp_storage_get
  r0 = 0
  exit
