; A tracepoint program's r0 at exit must be initialised like any other.
; expect: reject R0 !read_ok
.prog tracepoint
  exit
