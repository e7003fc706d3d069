; Raw tracepoint on sched/sched_switch (args: preempt, prev task, next task, prev_state):
; counts involuntary switches (preempt set) and voluntary ones by prev_state in an array map,
; and remembers the last next-task pointer. Returns 0.
; Inputs: a preemption, a voluntary sleep (state 1), a voluntary switch with state 2.
.prog raw_tracepoint
.map switches array key=4 value=8 max_entries=4
; run: --ctx args[0]=1 --ctx args[1]=0xffff888100a00000 --ctx args[2]=0xffff888100b00000 --ctx args[3]=0
; run: --ctx args[0]=0 --ctx args[1]=0xffff888100a00000 --ctx args[2]=0xffff888100c00000 --ctx args[3]=1
; run: --ctx args[2]=0xffff888100d00000 --ctx args[3]=2 --map switches=2:u32=5:u64
  r6 = r1
  r7 = *(u64 *)(r6 + 0)
  r8 = 0
  if r7 != 0 goto count
  r8 = *(u64 *)(r6 + 24)
  r8 &= 1
  r8 += 1
count:
  *(u32 *)(r10 - 4) = r8
  r1 = switches ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
  r1 = 3
  *(u32 *)(r10 - 4) = r1
  r1 = switches ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r1 = *(u64 *)(r6 + 16)
  *(u64 *)(r0 + 0) = r1
out:
  r0 = 0
  exit
