; bpf_current_task_under_cgroup needs a cgroup array; an array map is refused (found by the
; helper-call fuzzer, calls-2026-7573, minimized).
; expect: reject cannot pass map_type 2 into func bpf_current_task_under_cgroup#37
.prog socket_filter
.map a array key=4 value=16 max_entries=4
  r1 = a ll
  r2 = 0
  call bpf_current_task_under_cgroup
  r0 = 0
  exit
