; bpf_sk_storage_get needs a socket storage map.
; expect: reject cannot pass map_type 1 into func bpf_sk_storage_get#107
.prog sched_cls
.map h hash key=4 value=8 max_entries=4
  r2 = *(u64 *)(r1 + 168)
  if r2 == 0 goto out
  r1 = h ll
  r3 = 0
  r4 = 0
  call bpf_sk_storage_get
out:
  r0 = 0
  exit
