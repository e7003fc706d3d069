; Every path must end in exit: a conditional jump whose fall-through runs off the end
; (last instruction patched to a conditional jump back).
; expect: reject
; patch: 2 code=0x15 dst=0 imm=1 off=-3
.prog socket_filter
  r0 = 0
  r0 += 1
  exit
