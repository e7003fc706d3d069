; tc redirector: VXLAN traffic (UDP to port 4789) is redirected to interface 1 with
; bpf_redirect, whose return value (TC_ACT_REDIRECT) becomes the verdict; everything else gets
; TC_ACT_OK. Redirects are counted.
; Inputs: VXLAN, plain UDP, TCP to 4789.
.prog sched_cls
.map redirected array key=4 value=8 max_entries=1
; run: --packet eth/ipv4/udp(dport=4789)/payload(hex=0800000000006400)
; run: --packet eth/ipv4/udp(dport=53)
; run: --packet eth/ipv4/tcp(dport=4789)
  r2 = *(u32 *)(r1 + 76)
  r3 = *(u32 *)(r1 + 80)
  r4 = r2
  r4 += 42
  if r4 > r3 goto ok
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x0008 goto ok
  r5 = *(u8 *)(r2 + 23)
  if r5 != 17 goto ok
  r5 = *(u16 *)(r2 + 36)
  if r5 != 0xb512 goto ok
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r1 = redirected ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto go
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
go:
  r1 = 1
  r2 = 0
  call bpf_redirect
  exit
ok:
  r0 = 0
  exit
