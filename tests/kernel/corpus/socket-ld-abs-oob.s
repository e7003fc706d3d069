; Socket filter: an LD_ABS/LD_IND past the end of the packet ends the program at once with r0 = 0
; (the loads before it, and r0's earlier value, do not matter).
.prog socket_filter
; run: data=ffffffffffff020000000001080045000014000100004011f9c80a0000010a000002
  r6 = r1
  r0 = *(u32 *)skb[0]
  r9 = r0
  r0 = *(u8 *)skb[19]
  r9 += r0
  r7 = 18
  r0 = *(u16 *)skb[r7 + 0]
  r9 += r0
  r0 = *(u32 *)skb[r7 + 0]
  r0 = 77
  exit
