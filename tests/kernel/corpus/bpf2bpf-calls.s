; bpf-to-bpf calls: arguments in r1-r5, result in r0, r6-r9 preserved across calls, each frame
; with its own stack, three levels deep.
.prog xdp
  r6 = 0x600
  r7 = 0x700
  r1 = 3
  r2 = 4
  r3 = 5
  r4 = 6
  r5 = 7
  *(u64 *)(r10 - 8) = r6
  call sum5
  r0 <<= 16
  r0 += r6
  r0 <<= 16
  r0 += r7
  r1 = *(u64 *)(r10 - 8)
  r0 ^= r1
  exit
sum5:
  r6 = r1
  r6 += r2
  r6 += r3
  r6 += r4
  r6 += r5
  *(u64 *)(r10 - 8) = r6
  r1 = r6
  call twice
  r1 = *(u64 *)(r10 - 8)
  r0 += r1
  exit
twice:
  r7 = r1
  r1 = r1
  call inc
  r0 += r7
  exit
inc:
  r0 = r1
  r0 += 1
  exit
