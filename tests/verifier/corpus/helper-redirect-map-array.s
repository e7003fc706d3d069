; bpf_redirect_map needs a devmap, cpumap or xskmap: an array map is refused.
; expect: reject cannot pass map_type 2 into func bpf_redirect_map#51
.prog xdp
.map a array key=4 value=4 max_entries=4
  r1 = a ll
  r2 = 0
  r3 = 0
  call bpf_redirect_map
  exit
