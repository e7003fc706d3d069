; cgroup egress policy with congestion notification (attach type cgroup_inet_egress, so the
; program may return 0..3): SMTP (TCP to 25) is dropped (0), UDP datagrams longer than 100
; bytes pass with congestion signalled (3), small ones just pass (1), and TCP to port 9 is dropped
; with congestion signalled (2). Counts verdicts in an array map.
; Inputs: SMTP, a large UDP datagram, a small one, TCP to the discard port.
.prog cgroup_skb
.map verdicts array key=4 value=8 max_entries=4
; run: --attach cgroup_inet_egress --packet eth/ipv4/tcp(dport=25)
; run: --attach cgroup_inet_egress --packet eth/ipv4/udp/payload(hex=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f)
; run: --attach cgroup_inet_egress --packet eth/ipv4/udp/payload(text=small)
; run: --attach cgroup_inet_egress --packet eth/ipv4/tcp(dport=9) --map verdicts=2:u32=7:u64
  r6 = r1
  r7 = 1
  r2 = *(u32 *)(r1 + 76)
  r3 = *(u32 *)(r1 + 80)
  r4 = r2
  r4 += 24
  if r4 > r3 goto done
  r5 = *(u8 *)(r2 + 0)
  if r5 != 0x45 goto done
  r5 = *(u8 *)(r2 + 9)
  if r5 == 17 goto udp
  if r5 != 6 goto done
  r5 = *(u16 *)(r2 + 22)
  if r5 == 0x1900 goto smtp
  if r5 != 0x0900 goto done
  r7 = 2
  goto done
smtp:
  r7 = 0
  goto done
udp:
  r5 = *(u32 *)(r6 + 0)
  if r5 <= 100 goto done
  r7 = 3
done:
  *(u32 *)(r10 - 4) = r7
  r1 = verdicts ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
out:
  r0 = r7
  r0 &= 3
  exit
