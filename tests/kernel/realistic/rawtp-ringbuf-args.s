; Raw tracepoint event logger: copies the first four u64 arguments into a ring buffer record
; with bpf_ringbuf_output and keeps the helper's result and a record count in an array map.
; Returns the number of non-zero arguments (ignored by the kernel).
; Inputs: four arguments, two arguments, none.
.prog raw_tracepoint
.map log ringbuf key=0 value=0 max_entries=4096
.map stats array key=4 value=8 max_entries=2
; run: --ctx args[0]=1 --ctx args[1]=2 --ctx args[2]=3 --ctx args[3]=0xffffffffffffffff
; run: --ctx args[0]=0xdead --ctx args[2]=0xbeef --map stats=1:u32=9:u64
; run: --ctx args[5]=0
  r6 = r1
  r9 = 0
  r1 = *(u64 *)(r6 + 0)
  *(u64 *)(r10 - 32) = r1
  if r1 == 0 goto a1
  r9 += 1
a1:
  r1 = *(u64 *)(r6 + 8)
  *(u64 *)(r10 - 24) = r1
  if r1 == 0 goto a2
  r9 += 1
a2:
  r1 = *(u64 *)(r6 + 16)
  *(u64 *)(r10 - 16) = r1
  if r1 == 0 goto a3
  r9 += 1
a3:
  r1 = *(u64 *)(r6 + 24)
  *(u64 *)(r10 - 8) = r1
  if r1 == 0 goto send
  r9 += 1
send:
  r1 = log ll
  r2 = r10
  r2 += -32
  r3 = 32
  r4 = 0
  call bpf_ringbuf_output
  r7 = r0
  r1 = 0
  *(u32 *)(r10 - 36) = r1
  r1 = stats ll
  r2 = r10
  r2 += -36
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  *(u64 *)(r0 + 0) = r7
  r1 = 1
  *(u32 *)(r10 - 36) = r1
  r1 = stats ll
  r2 = r10
  r2 += -36
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
out:
  r0 = r9
  exit
