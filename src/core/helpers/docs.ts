// C signatures (from the kernel's include/uapi/linux/bpf.h) and a paragraph on each helper in
// bpfiddle's own words, for hover docs and completion. Keyed by helper name.

export interface HelperDoc {
  /** `long bpf_map_update_elem(struct bpf_map *map, const void *key, const void *value, u64 flags)` */
  signature: string;
  doc: string;
}

export const DOCS: Readonly<Record<string, HelperDoc>> = {
  bpf_map_lookup_elem: {
    signature: "void *bpf_map_lookup_elem(struct bpf_map *map, const void *key)",
    doc: "Looks up the element with key *key* in *map*. Returns a pointer to the value, which the program may read and (unless the map is read-only for programs) write in place, or NULL when there is no such element; the verifier insists on a NULL check before use.",
  },
  bpf_map_update_elem: {
    signature: "long bpf_map_update_elem(struct bpf_map *map, const void *key, const void *value, u64 flags)",
    doc: "Creates or replaces the element with key *key* in *map*, copying *value*. *flags* is BPF_ANY (create or replace), BPF_NOEXIST (only create) or BPF_EXIST (only replace). Returns 0, or a negative errno: -EEXIST or -ENOENT when the flag's condition fails, -E2BIG when a hash map is full or an array index is out of range, -EINVAL for unknown flags.",
  },
  bpf_map_delete_elem: {
    signature: "long bpf_map_delete_elem(struct bpf_map *map, const void *key)",
    doc: "Deletes the element with key *key* from *map*. Returns 0, -ENOENT when there is no such element, or -EINVAL for array maps, whose elements always exist.",
  },
  bpf_probe_read: {
    signature: "long bpf_probe_read(void *dst, u32 size, const void *unsafe_ptr)",
    doc: "The original probe-read helper: copies *size* bytes from *unsafe_ptr* to *dst*, reading user memory for user addresses and kernel memory otherwise (x86-64). Returns 0 or a negative errno, with *dst* zeroed on failure. New programs should use bpf_probe_read_kernel or bpf_probe_read_user.",
  },
  bpf_ktime_get_ns: {
    signature: "u64 bpf_ktime_get_ns(void)",
    doc: "Returns the time since boot in nanoseconds, not counting time spent suspended (CLOCK_MONOTONIC). In bpfiddle the clock starts at the environment's monotonicNs and advances by nsPerInsn per executed instruction.",
  },
  bpf_trace_printk: {
    signature: "long bpf_trace_printk(const char *fmt, u32 fmt_size, ...)",
    doc: "Formats up to three arguments with the printk-style *fmt* (of *fmt_size* bytes, NUL included) and writes the line to the kernel trace pipe. Accepts %d %i %u %x %X with l/ll, width and [0+- ] flags, %c, %s, %p variants (%pK %px %ps %pS %pB %pI4 %pi4 %pI6 %pi6 %pks %pus) and %%. Returns the length of the text, or -EINVAL for a bad format. Debugging only: slow and shared by everything on the system.",
  },
  bpf_get_prandom_u32: {
    signature: "u32 bpf_get_prandom_u32(void)",
    doc: "Returns a pseudo-random 32-bit number (not cryptographically secure). bpfiddle uses the kernel's generator (prandom_u32_state) seeded from the environment's seed, so runs are reproducible.",
  },
  bpf_get_smp_processor_id: {
    signature: "u32 bpf_get_smp_processor_id(void)",
    doc: "Returns the id of the CPU the program runs on. Programs cannot migrate while running, so the value is stable for the whole run; it selects which value of a per-CPU map the program sees.",
  },
  bpf_skb_store_bytes: {
    signature: "long bpf_skb_store_bytes(struct sk_buff *skb, u32 offset, const void *from, u32 len, u64 flags)",
    doc: "Writes *len* bytes from *from* into the packet at *offset*. *flags* may combine BPF_F_RECOMPUTE_CSUM (update skb->csum) and BPF_F_INVALIDATE_HASH (clear skb->hash). Returns 0, -EFAULT when the range is outside the packet, -EINVAL for unknown flags. Invalidates all packet pointers the program holds.",
  },
  bpf_l3_csum_replace: {
    signature: "long bpf_l3_csum_replace(struct sk_buff *skb, u32 offset, u64 from, u64 to, u64 size)",
    doc: "Incrementally updates the 16-bit IP checksum at packet offset *offset* after a field changed from *from* to *to*. The low bits of *flags* give the field size (2 or 4), or 0 to add a precomputed difference passed in *to* (from bpf_csum_diff). Returns 0, -EFAULT for a bad offset, -EINVAL for bad flags.",
  },
  bpf_l4_csum_replace: {
    signature: "long bpf_l4_csum_replace(struct sk_buff *skb, u32 offset, u64 from, u64 to, u64 flags)",
    doc: "Incrementally updates a TCP/UDP checksum at *offset* after a field changed from *from* to *to*; like bpf_l3_csum_replace, plus BPF_F_PSEUDO_HDR (the field is part of the pseudo-header), BPF_F_MARK_MANGLED_0 and BPF_F_MARK_ENFORCE (UDP's zero checksum), and BPF_F_IPV6. Returns 0 or a negative errno.",
  },
  bpf_tail_call: {
    signature: "long bpf_tail_call(void *ctx, struct bpf_map *prog_array_map, u32 index)",
    doc: "Jumps into the program stored at *index* of the BPF_MAP_TYPE_PROG_ARRAY *prog_array_map*, reusing the current stack frame and context; it does not return. If the slot is empty, the index is out of range or 33 tail calls (MAX_TAIL_CALL_CNT) were already made, execution simply continues after the call.",
  },
  bpf_clone_redirect: {
    signature: "long bpf_clone_redirect(struct sk_buff *skb, u32 ifindex, u64 flags)",
    doc: "Clones the packet and sends the clone to the interface *ifindex*: to its egress, or to its ingress with BPF_F_INGRESS. The original packet continues through the program. Returns 0 or a negative errno.",
  },
  bpf_get_current_pid_tgid: {
    signature: "u64 bpf_get_current_pid_tgid(void)",
    doc: "Returns the current task's thread-group id (what user space calls the process id) in the upper 32 bits and its thread id (the kernel's pid) in the lower 32 bits. bpfiddle answers from the environment's tgid and pid.",
  },
  bpf_get_current_uid_gid: {
    signature: "u64 bpf_get_current_uid_gid(void)",
    doc: "Returns the current task's group id in the upper 32 bits and user id in the lower 32 bits, as seen from the initial user namespace.",
  },
  bpf_get_current_comm: {
    signature: "long bpf_get_current_comm(void *buf, u32 size_of_buf)",
    doc: "Copies the current task's name (comm, at most 15 characters) into *buf* of *size_of_buf* bytes, NUL-terminated and zero-padded; returns 0.",
  },
  bpf_get_cgroup_classid: {
    signature: "u32 bpf_get_cgroup_classid(struct sk_buff *skb)",
    doc: "Returns the net_cls cgroup class id of the socket or task the packet belongs to, or 0 when there is none (cgroup v1 net_cls only).",
  },
  bpf_skb_vlan_push: {
    signature: "long bpf_skb_vlan_push(struct sk_buff *skb, __be16 vlan_proto, u16 vlan_tci)",
    doc: "Pushes a VLAN tag with *vlan_proto* (ETH_P_8021Q or ETH_P_8021AD in network byte order; anything else means 802.1Q) and *vlan_tci* onto the packet. The tag goes into the skb's metadata (vlan_present, vlan_tci and vlan_proto show it; the packet bytes and len stay as they are); if a tag is already there, that one first moves into the packet after the MAC addresses (4 bytes longer, protocol becomes its protocol). Returns 0 or a negative errno; packet pointers become invalid.",
  },
  bpf_skb_vlan_pop: {
    signature: "long bpf_skb_vlan_pop(struct sk_buff *skb)",
    doc: "Removes the outermost VLAN tag: the one in the skb's metadata (vlan_present) if there is one, otherwise the one in the packet after the MAC addresses (4 bytes shorter, protocol becomes the inner protocol). If the packet is then still tagged, its next tag moves into the metadata. Untagged packets are left alone. Returns 0, or -ENOMEM when a tagged packet is shorter than 18 bytes; packet pointers become invalid.",
  },
  bpf_skb_get_tunnel_key: {
    signature: "long bpf_skb_get_tunnel_key(struct sk_buff *skb, struct bpf_tunnel_key *key, u32 size, u64 flags)",
    doc: "Copies the tunnel metadata (remote address, tunnel id, TOS, TTL, label) of a packet received on a collect-metadata tunnel device into *key* of *size* bytes. BPF_F_TUNINFO_IPV6 asks for an IPv6 tunnel. Returns 0 or a negative errno, zeroing *key* on failure.",
  },
  bpf_skb_set_tunnel_key: {
    signature: "long bpf_skb_set_tunnel_key(struct sk_buff *skb, struct bpf_tunnel_key *key, u32 size, u64 flags)",
    doc: "Attaches tunnel metadata from *key* to the packet so that a collect-metadata tunnel device encapsulates it accordingly; typically followed by bpf_redirect to that device. Returns 0 or a negative errno.",
  },
  bpf_perf_event_read: {
    signature: "u64 bpf_perf_event_read(struct bpf_map *map, u64 flags)",
    doc: "Reads the value of the perf event counter stored at the index in *flags* (or BPF_F_CURRENT_CPU) of a BPF_MAP_TYPE_PERF_EVENT_ARRAY. Returns the counter, or a negative errno (indistinguishable from some counter values; prefer bpf_perf_event_read_value).",
  },
  bpf_redirect: {
    signature: "long bpf_redirect(u32 ifindex, u64 flags)",
    doc: "Redirects the packet to interface *ifindex* once the program returns. For tc: returns TC_ACT_REDIRECT, or TC_ACT_SHOT for flags other than BPF_F_INGRESS. For XDP: returns XDP_REDIRECT, or XDP_ABORTED for any flags. The program must return that value for the redirect to happen.",
  },
  bpf_get_route_realm: {
    signature: "u32 bpf_get_route_realm(struct sk_buff *skb)",
    doc: "Returns the routing realm (tclassid) of the packet's route, or 0 without one.",
  },
  bpf_perf_event_output: {
    signature: "long bpf_perf_event_output(void *ctx, struct bpf_map *map, u64 flags, void *data, u64 size)",
    doc: "Sends *size* bytes of *data* as a raw sample to the perf event at the index in *flags* (usually BPF_F_CURRENT_CPU) of a BPF_MAP_TYPE_PERF_EVENT_ARRAY, for a user-space perf buffer reader. Networking programs may append the first (flags >> 32) & 0xfffff bytes of the packet. Returns 0 or a negative errno (-ENOENT for an empty slot, -E2BIG for an index out of range, -EINVAL for bad flags).",
  },
  bpf_skb_load_bytes: {
    signature: "long bpf_skb_load_bytes(const void *skb, u32 offset, void *to, u32 len)",
    doc: "Copies *len* bytes from packet offset *offset* into *to*; works for data the program cannot reach directly (non-linear parts, socket filters). Returns 0, or -EFAULT with *to* zeroed when the range is outside the packet.",
  },
  bpf_get_stackid: {
    signature: "long bpf_get_stackid(void *ctx, struct bpf_map *map, u64 flags)",
    doc: "Walks the current kernel (or with BPF_F_USER_STACK user) stack, stores it in the BPF_MAP_TYPE_STACK_TRACE *map* and returns its id. The low 8 bits of *flags* skip frames; BPF_F_FAST_STACK_CMP and BPF_F_REUSE_STACKID decide what happens on a hash collision. Returns the id or a negative errno. bpfiddle's stack is the chain of BPF call sites.",
  },
  bpf_csum_diff: {
    signature: "s64 bpf_csum_diff(__be32 *from, u32 from_size, __be32 *to, u32 to_size, __wsum seed)",
    doc: "Computes a one's-complement checksum difference: the sum of *to* (of *to_size* bytes) minus the sum of *from*, added to *seed*, folded to 16 bits. With only *to* it pushes data into a checksum, with only *from* it pulls data out. The result feeds bpf_l3/l4_csum_replace or bpf_csum_update.",
  },
  bpf_skb_get_tunnel_opt: {
    signature: "long bpf_skb_get_tunnel_opt(struct sk_buff *skb, void *opt, u32 size)",
    doc: "Copies the tunnel options (e.g. Geneve TLVs) of the packet's tunnel metadata into *opt* of *size* bytes. Returns their length or a negative errno.",
  },
  bpf_skb_set_tunnel_opt: {
    signature: "long bpf_skb_set_tunnel_opt(struct sk_buff *skb, void *opt, u32 size)",
    doc: "Sets tunnel options from *opt* (*size* bytes, a multiple of 4) on tunnel metadata set before with bpf_skb_set_tunnel_key. Returns 0 or a negative errno.",
  },
  bpf_skb_change_proto: {
    signature: "long bpf_skb_change_proto(struct sk_buff *skb, __be16 proto, u64 flags)",
    doc: "Changes the packet's L3 protocol between IPv4 and IPv6 (*proto* ETH_P_IP or ETH_P_IPV6), making or removing room for the larger or smaller header; the program then writes the new header. Returns 0 or a negative errno; packet pointers become invalid.",
  },
  bpf_skb_change_type: {
    signature: "long bpf_skb_change_type(struct sk_buff *skb, u32 type)",
    doc: "Changes the packet's pkt_type (PACKET_HOST, PACKET_BROADCAST, PACKET_MULTICAST or PACKET_OTHERHOST). Returns 0 or -EINVAL.",
  },
  bpf_skb_under_cgroup: {
    signature: "long bpf_skb_under_cgroup(struct sk_buff *skb, struct bpf_map *map, u32 index)",
    doc: "Checks whether the packet's socket belongs to the cgroup stored at *index* of a BPF_MAP_TYPE_CGROUP_ARRAY. Returns 1 if it does, 0 if not, or a negative errno.",
  },
  bpf_get_hash_recalc: {
    signature: "u32 bpf_get_hash_recalc(struct sk_buff *skb)",
    doc: "Returns the packet's flow hash, computing it first if it was invalidated.",
  },
  bpf_get_current_task: {
    signature: "u64 bpf_get_current_task(void)",
    doc: "Returns the address of the current task_struct as a plain number (read its fields with bpf_probe_read_kernel). bpfiddle returns the environment's opaque taskAddress.",
  },
  bpf_probe_write_user: {
    signature: "long bpf_probe_write_user(void *dst, const void *src, u32 len)",
    doc: "Writes *len* bytes from *src* into user memory at *dst* of the current task. Meant for debugging and experiments; loading a program that uses it logs a warning. Returns 0 or a negative errno.",
  },
  bpf_current_task_under_cgroup: {
    signature: "long bpf_current_task_under_cgroup(struct bpf_map *map, u32 index)",
    doc: "Checks whether the current task belongs to the cgroup at *index* of a BPF_MAP_TYPE_CGROUP_ARRAY. Returns 1, 0 or a negative errno.",
  },
  bpf_skb_change_tail: {
    signature: "long bpf_skb_change_tail(struct sk_buff *skb, u32 len, u64 flags)",
    doc: "Grows (with zeros) or trims the packet to *len* bytes; a GSO packet stops being one. *flags* must be 0. Returns 0, or -EINVAL for flags, or *len* below 14 (the Ethernet header) or above 16064 (SKB_MAX_ALLOC); packet pointers become invalid.",
  },
  bpf_skb_pull_data: {
    signature: "long bpf_skb_pull_data(struct sk_buff *skb, u32 len)",
    doc: "Makes the first *len* bytes of the packet (all linear data for 0) directly readable and writable, pulling non-linear data in and un-cloning the packet. Returns 0 or a negative errno; packet pointers become invalid.",
  },
  bpf_csum_update: {
    signature: "s64 bpf_csum_update(struct sk_buff *skb, __wsum csum)",
    doc: "Adds *csum* (a difference from bpf_csum_diff) to the packet's CHECKSUM_COMPLETE checksum after direct packet writes. Returns the new checksum, or -ENOTSUPP when the packet has no such checksum.",
  },
  bpf_set_hash_invalid: {
    signature: "void bpf_set_hash_invalid(struct sk_buff *skb)",
    doc: "Marks the packet's flow hash invalid so that the next reader recomputes it, e.g. after rewriting headers.",
  },
  bpf_get_numa_node_id: {
    signature: "long bpf_get_numa_node_id(void)",
    doc: "Returns the NUMA node the program runs on.",
  },
  bpf_skb_change_head: {
    signature: "long bpf_skb_change_head(struct sk_buff *skb, u32 len, u64 flags)",
    doc: "Adds *len* bytes of headroom in front of the packet (for pushing an L2 header onto an L3 packet). Returns 0 or a negative errno; packet pointers become invalid.",
  },
  bpf_xdp_adjust_head: {
    signature: "long bpf_xdp_adjust_head(struct xdp_buff *xdp_md, int delta)",
    doc: "Moves the start of the XDP packet by *delta* bytes: negative to make room for a new header, positive to strip one. Metadata moves along. Returns 0, or -EINVAL when the new start would leave the headroom (past the xdp_frame) or leave fewer than 14 bytes. Packet pointers become invalid.",
  },
  bpf_probe_read_str: {
    signature: "long bpf_probe_read_str(void *dst, u32 size, const void *unsafe_ptr)",
    doc: "The original string probe-read helper: copies a NUL-terminated string of at most *size* bytes (NUL included) from *unsafe_ptr* to *dst*, from user or kernel memory depending on the address. Returns the length including the NUL, or a negative errno. Prefer the _kernel_str and _user_str variants.",
  },
  bpf_get_socket_cookie: {
    signature: "u64 bpf_get_socket_cookie(struct sk_buff *skb)",
    doc: "Returns the socket cookie (a unique 64-bit id, generated on first use) of the packet's socket, or 0 without one. Other program types pass their context or a socket pointer instead of a packet.",
  },
  bpf_get_socket_uid: {
    signature: "u32 bpf_get_socket_uid(struct sk_buff *skb)",
    doc: "Returns the owner uid of the packet's socket, or the overflow uid (65534) when the packet has no full socket.",
  },
  bpf_set_hash: {
    signature: "long bpf_set_hash(struct sk_buff *skb, u32 hash)",
    doc: "Sets the packet's flow hash to *hash* (as a software, L4 hash). Returns 0.",
  },
  bpf_setsockopt: {
    signature: "long bpf_setsockopt(void *bpf_socket, int level, int optname, void *optval, int optlen)",
    doc: "Sets a socket option like setsockopt(2) on the socket of the program's context (sock_ops, sock_addr, sockopt, tracing programs); only a subset of SOL_SOCKET, SOL_IP, SOL_IPV6 and SOL_TCP options is supported. Returns 0 or a negative errno.",
  },
  bpf_skb_adjust_room: {
    signature: "long bpf_skb_adjust_room(struct sk_buff *skb, s32 len_diff, u32 mode, u64 flags)",
    doc: "Grows or shrinks the room between the L2 and L3 headers (BPF_ADJ_ROOM_MAC) or after the L3 header (BPF_ADJ_ROOM_NET) by *len_diff* bytes, for encapsulation and decapsulation; *flags* describe the tunnel being built. Returns 0 or a negative errno; packet pointers become invalid.",
  },
  bpf_redirect_map: {
    signature: "long bpf_redirect_map(struct bpf_map *map, u32 key, u64 flags)",
    doc: "Redirects the XDP packet to the target at *key* of a DEVMAP, DEVMAP_HASH, CPUMAP or XSKMAP. Returns XDP_REDIRECT, or when the lookup fails the action in the low two bits of *flags* (XDP_ABORTED by default); BPF_F_BROADCAST sends to every device of a devmap. bpfiddle does not model those map types yet and treats any existing element as the target.",
  },
  bpf_sk_redirect_map: {
    signature: "long bpf_sk_redirect_map(struct sk_buff *skb, struct bpf_map *map, u32 key, u64 flags)",
    doc: "For sk_skb programs: redirects the packet to the socket at *key* of a BPF_MAP_TYPE_SOCKMAP, to its ingress with BPF_F_INGRESS. Returns SK_PASS on success, SK_DROP otherwise.",
  },
  bpf_sock_map_update: {
    signature: "long bpf_sock_map_update(struct bpf_sock_ops *skops, struct bpf_map *map, void *key, u64 flags)",
    doc: "Adds the socket of a sock_ops context to a BPF_MAP_TYPE_SOCKMAP at *key* with update *flags*. Returns 0 or a negative errno.",
  },
  bpf_xdp_adjust_meta: {
    signature: "long bpf_xdp_adjust_meta(struct xdp_buff *xdp_md, int delta)",
    doc: "Grows (negative *delta*) or shrinks the XDP metadata area in front of the packet, which later programs (tc, AF_XDP) can read. The size must be a multiple of 4 and at most 255 bytes (-EACCES otherwise); the area cannot reach into the xdp_frame or past the packet start (-EINVAL).",
  },
  bpf_perf_event_read_value: {
    signature: "long bpf_perf_event_read_value(struct bpf_map *map, u64 flags, struct bpf_perf_event_value *buf, u32 buf_size)",
    doc: "Reads the perf event at the index in *flags* of a BPF_MAP_TYPE_PERF_EVENT_ARRAY into *buf* (struct bpf_perf_event_value: counter, time enabled, time running; *buf_size* must match). Returns 0 or a negative errno, zeroing *buf* on failure.",
  },
  bpf_perf_prog_read_value: {
    signature: "long bpf_perf_prog_read_value(struct bpf_perf_event_data *ctx, struct bpf_perf_event_value *buf, u32 buf_size)",
    doc: "For perf_event programs: reads the counter of the event that triggered the program into *buf* (struct bpf_perf_event_value). Returns 0 or a negative errno.",
  },
  bpf_getsockopt: {
    signature: "long bpf_getsockopt(void *bpf_socket, int level, int optname, void *optval, int optlen)",
    doc: "Reads a socket option like getsockopt(2) from the socket of the program's context into *optval* of *optlen* bytes; only a subset of options is supported. Returns 0 or a negative errno, zeroing *optval* on failure.",
  },
  bpf_override_return: {
    signature: "long bpf_override_return(struct pt_regs *regs, u64 rc)",
    doc: "For kprobe programs on functions marked for error injection: makes the probed function return *rc* without running. Needs CONFIG_BPF_KPROBE_OVERRIDE. Returns 0.",
  },
  bpf_sock_ops_cb_flags_set: {
    signature: "long bpf_sock_ops_cb_flags_set(struct bpf_sock_ops *bpf_sock, int argval)",
    doc: "Sets which sock_ops callbacks (BPF_SOCK_OPS_*_CB_FLAG) the program wants for the current TCP connection. Returns 0, or the bits of *argval* that are not supported.",
  },
  bpf_msg_redirect_map: {
    signature: "long bpf_msg_redirect_map(struct sk_msg_buff *msg, struct bpf_map *map, u32 key, u64 flags)",
    doc: "For sk_msg programs: redirects the message to the socket at *key* of a BPF_MAP_TYPE_SOCKMAP (to its ingress with BPF_F_INGRESS). Returns SK_PASS or SK_DROP.",
  },
  bpf_msg_apply_bytes: {
    signature: "long bpf_msg_apply_bytes(struct sk_msg_buff *msg, u32 bytes)",
    doc: "For sk_msg programs: applies the program's verdict to the next *bytes* bytes of the message stream instead of each message.",
  },
  bpf_msg_cork_bytes: {
    signature: "long bpf_msg_cork_bytes(struct sk_msg_buff *msg, u32 bytes)",
    doc: "For sk_msg programs: holds the message back until *bytes* bytes have accumulated, so the program can decide on a whole record.",
  },
  bpf_msg_pull_data: {
    signature: "long bpf_msg_pull_data(struct sk_msg_buff *msg, u32 start, u32 end, u64 flags)",
    doc: "For sk_msg programs: makes message bytes *start* to *end* directly accessible between data and data_end, copying them into one buffer if needed. Returns 0 or a negative errno.",
  },
  bpf_bind: {
    signature: "long bpf_bind(struct bpf_sock_addr *ctx, struct sockaddr *addr, int addr_len)",
    doc: "For cgroup connect programs: binds the socket to *addr* (*addr_len* bytes) before the connect proceeds; port 0 binds only the address. Returns 0 or a negative errno.",
  },
  bpf_xdp_adjust_tail: {
    signature: "long bpf_xdp_adjust_tail(struct xdp_buff *xdp_md, int delta)",
    doc: "Moves the end of the XDP packet by *delta* bytes: negative to trim, positive to grow into the tailroom (new bytes are zeroed). Returns 0, or -EINVAL when the end would pass the buffer's end or leave fewer than 14 bytes.",
  },
  bpf_skb_get_xfrm_state: {
    signature: "long bpf_skb_get_xfrm_state(struct sk_buff *skb, u32 index, struct bpf_xfrm_state *xfrm_state, u32 size, u64 flags)",
    doc: "Copies the IPsec (xfrm) state at *index* of the packet's security path into *xfrm_state* (struct bpf_xfrm_state). Returns 0 or -EINVAL, zeroing the buffer on failure.",
  },
  bpf_get_stack: {
    signature: "long bpf_get_stack(void *ctx, void *buf, u32 size, u64 flags)",
    doc: "Copies the current kernel (or with BPF_F_USER_STACK user) stack into *buf* of *size* bytes, as instruction pointers or, with BPF_F_USER_BUILD_ID, build ids; the low 8 bits of *flags* skip frames. Returns the number of bytes written or a negative errno.",
  },
  bpf_skb_load_bytes_relative: {
    signature: "long bpf_skb_load_bytes_relative(const void *skb, u32 offset, void *to, u32 len, u32 start_header)",
    doc: "Like bpf_skb_load_bytes, with *offset* relative to the start of the MAC header (BPF_HDR_START_MAC) or of the network header (BPF_HDR_START_NET). Returns 0 or -EFAULT with *to* zeroed.",
  },
  bpf_fib_lookup: {
    signature: "long bpf_fib_lookup(void *ctx, struct bpf_fib_lookup *params, int plen, u32 flags)",
    doc: "Looks up the kernel's FIB (routing table, then neighbour table) for the flow described in *params* (struct bpf_fib_lookup of *plen* bytes) and fills in the egress interface, MAC addresses and, with BPF_FIB_LOOKUP_OUTPUT/DIRECT/... flags, more. Returns 0 (BPF_FIB_LKUP_RET_SUCCESS), a positive BPF_FIB_LKUP_RET_* reason, or a negative errno.",
  },
  bpf_sock_hash_update: {
    signature: "long bpf_sock_hash_update(struct bpf_sock_ops *skops, struct bpf_map *map, void *key, u64 flags)",
    doc: "Adds the socket of a sock_ops context to a BPF_MAP_TYPE_SOCKHASH under *key* with update *flags*. Returns 0 or a negative errno.",
  },
  bpf_msg_redirect_hash: {
    signature: "long bpf_msg_redirect_hash(struct sk_msg_buff *msg, struct bpf_map *map, void *key, u64 flags)",
    doc: "For sk_msg programs: redirects the message to the socket under *key* in a BPF_MAP_TYPE_SOCKHASH. Returns SK_PASS or SK_DROP.",
  },
  bpf_sk_redirect_hash: {
    signature: "long bpf_sk_redirect_hash(struct sk_buff *skb, struct bpf_map *map, void *key, u64 flags)",
    doc: "For sk_skb programs: redirects the packet to the socket under *key* in a BPF_MAP_TYPE_SOCKHASH. Returns SK_PASS or SK_DROP.",
  },
  bpf_lwt_push_encap: {
    signature: "long bpf_lwt_push_encap(struct sk_buff *skb, u32 type, void *hdr, u32 len)",
    doc: "For lightweight-tunnel programs: pushes the encapsulation header *hdr* of *len* bytes (BPF_LWT_ENCAP_SEG6, _SEG6_INLINE or _IP as *type*) onto the packet. Returns 0 or a negative errno.",
  },
  bpf_lwt_seg6_store_bytes: {
    signature: "long bpf_lwt_seg6_store_bytes(struct sk_buff *skb, u32 offset, const void *from, u32 len)",
    doc: "For seg6local programs: writes *len* bytes from *from* into the editable parts of the packet's Segment Routing header. Returns 0 or a negative errno.",
  },
  bpf_lwt_seg6_adjust_srh: {
    signature: "long bpf_lwt_seg6_adjust_srh(struct sk_buff *skb, u32 offset, s32 delta)",
    doc: "For seg6local programs: grows or shrinks the TLV area of the Segment Routing header at *offset* by *delta* bytes. Returns 0 or a negative errno.",
  },
  bpf_lwt_seg6_action: {
    signature: "long bpf_lwt_seg6_action(struct sk_buff *skb, u32 action, void *param, u32 param_len)",
    doc: "For seg6local programs: applies the SRv6 action *action* (End.X, End.T, End.B6, ...) with its parameter *param*. Returns 0 or a negative errno.",
  },
  bpf_rc_repeat: {
    signature: "long bpf_rc_repeat(void *ctx)",
    doc: "For lirc_mode2 programs (IR decoders): reports a repeat of the last decoded key to the input subsystem. Returns 0.",
  },
  bpf_rc_keydown: {
    signature: "long bpf_rc_keydown(void *ctx, u32 protocol, u64 scancode, u32 toggle)",
    doc: "For lirc_mode2 programs: reports a decoded key press with *protocol*, *scancode* and *toggle* to the input subsystem. Returns 0.",
  },
  bpf_skb_cgroup_id: {
    signature: "u64 bpf_skb_cgroup_id(struct sk_buff *skb)",
    doc: "Returns the cgroup v2 id of the packet's socket, or 0 without a full socket.",
  },
  bpf_get_current_cgroup_id: {
    signature: "u64 bpf_get_current_cgroup_id(void)",
    doc: "Returns the cgroup v2 id of the cgroup the current task belongs to.",
  },
  bpf_get_local_storage: {
    signature: "void *bpf_get_local_storage(void *map, u64 flags)",
    doc: "Returns a pointer to the cgroup-local storage (BPF_MAP_TYPE_CGROUP_STORAGE or PERCPU_CGROUP_STORAGE) of the cgroup the program is attached to; *flags* must be 0. Never NULL.",
  },
  bpf_sk_select_reuseport: {
    signature: "long bpf_sk_select_reuseport(struct sk_reuseport_md *reuse, struct bpf_map *map, void *key, u64 flags)",
    doc: "For sk_reuseport programs: selects the socket at *key* of a REUSEPORT_SOCKARRAY, SOCKMAP or SOCKHASH to receive the incoming packet or connection. Returns 0 or a negative errno.",
  },
  bpf_skb_ancestor_cgroup_id: {
    signature: "u64 bpf_skb_ancestor_cgroup_id(struct sk_buff *skb, int ancestor_level)",
    doc: "Returns the id of the cgroup v2 ancestor at *ancestor_level* (0 is the root) of the packet's socket cgroup, or 0.",
  },
  bpf_sk_lookup_tcp: {
    signature: "struct bpf_sock *bpf_sk_lookup_tcp(void *ctx, struct bpf_sock_tuple *tuple, u32 tuple_size, u64 netns, u64 flags)",
    doc: "Looks up a full TCP socket matching *tuple* (struct bpf_sock_tuple; *tuple_size* picks IPv4 or IPv6) in network namespace *netns* (BPF_F_CURRENT_NETNS for the packet's). Returns a referenced socket that must be released with bpf_sk_release, or NULL.",
  },
  bpf_sk_lookup_udp: {
    signature: "struct bpf_sock *bpf_sk_lookup_udp(void *ctx, struct bpf_sock_tuple *tuple, u32 tuple_size, u64 netns, u64 flags)",
    doc: "Looks up a UDP socket matching *tuple*, like bpf_sk_lookup_tcp. Returns a referenced socket to release with bpf_sk_release, or NULL.",
  },
  bpf_sk_release: {
    signature: "long bpf_sk_release(void *sock)",
    doc: "Releases the reference to a socket returned by bpf_sk_lookup_tcp, bpf_sk_lookup_udp or bpf_skc_lookup_tcp. Returns 0.",
  },
  bpf_map_push_elem: {
    signature: "long bpf_map_push_elem(struct bpf_map *map, const void *value, u64 flags)",
    doc: "Pushes *value* onto a BPF_MAP_TYPE_QUEUE (at the back) or STACK (on top). With BPF_EXIST a full map drops its oldest element to make room; otherwise a full map returns -E2BIG. Returns 0 or a negative errno.",
  },
  bpf_map_pop_elem: {
    signature: "long bpf_map_pop_elem(struct bpf_map *map, void *value)",
    doc: "Removes the front element of a queue or the top of a stack and copies it into *value*. Returns 0, or -ENOENT when the map is empty (and *value* is zeroed).",
  },
  bpf_map_peek_elem: {
    signature: "long bpf_map_peek_elem(struct bpf_map *map, void *value)",
    doc: "Copies the front element of a queue or the top of a stack into *value* without removing it. Returns 0, or -ENOENT when empty (and *value* is zeroed).",
  },
  bpf_msg_push_data: {
    signature: "long bpf_msg_push_data(struct sk_msg_buff *msg, u32 start, u32 len, u64 flags)",
    doc: "For sk_msg programs: inserts *len* bytes of room at *start* in the message. Returns 0 or a negative errno.",
  },
  bpf_msg_pop_data: {
    signature: "long bpf_msg_pop_data(struct sk_msg_buff *msg, u32 start, u32 len, u64 flags)",
    doc: "For sk_msg programs: removes *len* bytes at *start* from the message. Returns 0 or a negative errno.",
  },
  bpf_rc_pointer_rel: {
    signature: "long bpf_rc_pointer_rel(void *ctx, s32 rel_x, s32 rel_y)",
    doc: "For lirc_mode2 programs: reports a relative pointer (mouse) movement *rel_x*, *rel_y*. Returns 0.",
  },
  bpf_spin_lock: {
    signature: "long bpf_spin_lock(struct bpf_spin_lock *lock)",
    doc: "Takes the bpf_spin_lock embedded in a map value (the map needs BTF describing it). Only a few instructions and no helper calls are allowed until the matching bpf_spin_unlock. Returns 0.",
  },
  bpf_spin_unlock: {
    signature: "long bpf_spin_unlock(struct bpf_spin_lock *lock)",
    doc: "Releases a bpf_spin_lock taken with bpf_spin_lock. Returns 0.",
  },
  bpf_sk_fullsock: {
    signature: "struct bpf_sock *bpf_sk_fullsock(struct bpf_sock *sk)",
    doc: "Returns the full socket (struct bpf_sock) for a socket pointer that may be a request or timewait socket, or NULL when it is not a full socket.",
  },
  bpf_tcp_sock: {
    signature: "struct bpf_tcp_sock *bpf_tcp_sock(struct bpf_sock *sk)",
    doc: "Returns the TCP view (struct bpf_tcp_sock) of a socket, or NULL when it is not a full TCP socket.",
  },
  bpf_skb_ecn_set_ce: {
    signature: "long bpf_skb_ecn_set_ce(struct sk_buff *skb)",
    doc: "Sets the ECN Congestion Experienced codepoint in the packet's IPv4 or IPv6 header when the packet is ECN-capable. Returns 1 when it was set, 0 otherwise.",
  },
  bpf_get_listener_sock: {
    signature: "struct bpf_sock *bpf_get_listener_sock(struct bpf_sock *sk)",
    doc: "Returns the listening socket a request socket belongs to (or the socket itself when listening), or NULL.",
  },
  bpf_skc_lookup_tcp: {
    signature: "struct bpf_sock *bpf_skc_lookup_tcp(void *ctx, struct bpf_sock_tuple *tuple, u32 tuple_size, u64 netns, u64 flags)",
    doc: "Like bpf_sk_lookup_tcp, but may also return request and timewait sockets (struct sock_common). The reference must be released with bpf_sk_release.",
  },
  bpf_tcp_check_syncookie: {
    signature: "long bpf_tcp_check_syncookie(void *sk, void *iph, u32 iph_len, struct tcphdr *th, u32 th_len)",
    doc: "Checks whether the ACK in *th* (with IP header *iph*) carries a valid SYN cookie for the listening socket *sk*. Returns 0 when valid, a negative errno otherwise.",
  },
  bpf_sysctl_get_name: {
    signature: "long bpf_sysctl_get_name(struct bpf_sysctl *ctx, char *buf, size_t buf_len, u64 flags)",
    doc: "For cgroup sysctl programs: copies the sysctl's name (with BPF_F_SYSCTL_BASE_NAME only the last component) into *buf* of *buf_len* bytes. Returns the length or -E2BIG when truncated.",
  },
  bpf_sysctl_get_current_value: {
    signature: "long bpf_sysctl_get_current_value(struct bpf_sysctl *ctx, char *buf, size_t buf_len)",
    doc: "For cgroup sysctl programs: copies the sysctl's current value as text into *buf*. Returns the length, -E2BIG when truncated, or -EINVAL.",
  },
  bpf_sysctl_get_new_value: {
    signature: "long bpf_sysctl_get_new_value(struct bpf_sysctl *ctx, char *buf, size_t buf_len)",
    doc: "For cgroup sysctl programs: copies the value being written (for writes) into *buf*. Returns the length, -E2BIG when truncated, or -EINVAL for reads.",
  },
  bpf_sysctl_set_new_value: {
    signature: "long bpf_sysctl_set_new_value(struct bpf_sysctl *ctx, const char *buf, size_t buf_len)",
    doc: "For cgroup sysctl programs: replaces the value being written with *buf* of *buf_len* bytes. Returns 0 or a negative errno.",
  },
  bpf_strtol: {
    signature: "long bpf_strtol(const char *buf, size_t buf_len, u64 flags, long *res)",
    doc: "Parses a signed integer from the text *buf* of *buf_len* bytes (base 0, 8, 10 or 16 in the low bits of *flags*) into *res*. Returns the number of characters consumed, or a negative errno.",
  },
  bpf_strtoul: {
    signature: "long bpf_strtoul(const char *buf, size_t buf_len, u64 flags, unsigned long *res)",
    doc: "Parses an unsigned integer from *buf* like bpf_strtol. Returns the number of characters consumed, or a negative errno.",
  },
  bpf_sk_storage_get: {
    signature: "void *bpf_sk_storage_get(struct bpf_map *map, void *sk, void *value, u64 flags)",
    doc: "Returns the socket-local storage of socket *sk* in the BPF_MAP_TYPE_SK_STORAGE *map*, creating it from *value* (or zeros) with BPF_SK_STORAGE_GET_F_CREATE. Returns a pointer or NULL.",
  },
  bpf_sk_storage_delete: {
    signature: "long bpf_sk_storage_delete(struct bpf_map *map, void *sk)",
    doc: "Deletes the socket-local storage of *sk* in *map*. Returns 0 or -ENOENT.",
  },
  bpf_send_signal: {
    signature: "long bpf_send_signal(u32 sig)",
    doc: "Sends signal *sig* to the current process (thread group). Returns 0 or a negative errno.",
  },
  bpf_tcp_gen_syncookie: {
    signature: "s64 bpf_tcp_gen_syncookie(void *sk, void *iph, u32 iph_len, struct tcphdr *th, u32 th_len)",
    doc: "Generates a SYN cookie for the SYN in *th* (with IP header *iph*) on the listening socket *sk*. Returns the cookie in the low 32 bits and the MSS in the next 16, or a negative errno.",
  },
  bpf_skb_output: {
    signature: "long bpf_skb_output(void *ctx, struct bpf_map *map, u64 flags, void *data, u64 size)",
    doc: "For tracing programs: like bpf_perf_event_output, with the context a struct sk_buff pointer; (flags >> 32) bytes of the packet are appended to *data*.",
  },
  bpf_probe_read_user: {
    signature: "long bpf_probe_read_user(void *dst, u32 size, const void *unsafe_ptr)",
    doc: "Copies *size* bytes from user-space address *unsafe_ptr* of the current task into *dst*. Returns 0, or a negative errno with *dst* zeroed. bpfiddle's simulated task has no user memory: reads fail with -EFAULT.",
  },
  bpf_probe_read_kernel: {
    signature: "long bpf_probe_read_kernel(void *dst, u32 size, const void *unsafe_ptr)",
    doc: "Copies *size* bytes from kernel address *unsafe_ptr* into *dst*. Returns 0, -ERANGE for user or non-canonical addresses, -EFAULT for unmapped memory, zeroing *dst* on failure. In bpfiddle every VM region (stack, context, packet, maps) is kernel memory.",
  },
  bpf_probe_read_user_str: {
    signature: "long bpf_probe_read_user_str(void *dst, u32 size, const void *unsafe_ptr)",
    doc: "Copies a NUL-terminated string from user memory into *dst* of *size* bytes (truncating, always NUL-terminated). Returns the length including the NUL, or a negative errno with *dst* zeroed.",
  },
  bpf_probe_read_kernel_str: {
    signature: "long bpf_probe_read_kernel_str(void *dst, u32 size, const void *unsafe_ptr)",
    doc: "Copies a NUL-terminated string from kernel memory into *dst* of *size* bytes, truncating and NUL-terminating. Returns the length including the NUL (*size* when truncated), or -ERANGE/-EFAULT with *dst* zeroed.",
  },
  bpf_tcp_send_ack: {
    signature: "long bpf_tcp_send_ack(void *tp, u32 rcv_nxt)",
    doc: "For TCP congestion-control struct_ops programs: sends an ACK acknowledging up to *rcv_nxt* on the TCP socket *tp*. Returns 0 or a negative errno.",
  },
  bpf_send_signal_thread: {
    signature: "long bpf_send_signal_thread(u32 sig)",
    doc: "Sends signal *sig* to the current thread only. Returns 0 or a negative errno.",
  },
  bpf_jiffies64: {
    signature: "u64 bpf_jiffies64(void)",
    doc: "Returns the 64-bit jiffies counter (timer ticks since boot, starting at INITIAL_JIFFIES). bpfiddle derives it from the simulated monotonic clock and the environment's hz.",
  },
  bpf_read_branch_records: {
    signature: "long bpf_read_branch_records(struct bpf_perf_event_data *ctx, void *buf, u32 size, u64 flags)",
    doc: "For perf_event programs: copies the hardware branch records (LBR) of the sample into *buf* of *size* bytes; with BPF_F_GET_BRANCH_RECORDS_SIZE returns the size needed. Returns the bytes copied or a negative errno.",
  },
  bpf_get_ns_current_pid_tgid: {
    signature: "long bpf_get_ns_current_pid_tgid(u64 dev, u64 ino, struct bpf_pidns_info *nsdata, u32 size)",
    doc: "Fills *nsdata* (struct bpf_pidns_info) with the current task's pid and tgid as seen in the pid namespace identified by device *dev* and inode *ino*. Returns 0 or a negative errno.",
  },
  bpf_xdp_output: {
    signature: "long bpf_xdp_output(void *ctx, struct bpf_map *map, u64 flags, void *data, u64 size)",
    doc: "For tracing programs: like bpf_perf_event_output, with the context a struct xdp_buff pointer; (flags >> 32) bytes of the packet are appended.",
  },
  bpf_get_netns_cookie: {
    signature: "u64 bpf_get_netns_cookie(void *ctx)",
    doc: "Returns the cookie (unique 64-bit id) of the network namespace of the context's socket, or of the initial namespace for a NULL context.",
  },
  bpf_get_current_ancestor_cgroup_id: {
    signature: "u64 bpf_get_current_ancestor_cgroup_id(int ancestor_level)",
    doc: "Returns the id of the cgroup v2 ancestor at *ancestor_level* of the current task's cgroup, or 0.",
  },
  bpf_sk_assign: {
    signature: "long bpf_sk_assign(struct sk_buff *skb, void *sk, u64 flags)",
    doc: "At tc ingress: assigns the socket *sk* (from a lookup) to the packet, steering it to that socket; for sk_lookup programs, selects the socket. Returns 0 or a negative errno.",
  },
  bpf_ktime_get_boot_ns: {
    signature: "u64 bpf_ktime_get_boot_ns(void)",
    doc: "Returns the time since boot in nanoseconds including time spent suspended (CLOCK_BOOTTIME). bpfiddle: the simulated monotonic clock plus the environment's suspendNs.",
  },
  bpf_seq_printf: {
    signature: "long bpf_seq_printf(struct seq_file *m, const char *fmt, u32 fmt_size, const void *data, u32 data_len)",
    doc: "For BPF iterator programs: prints *fmt* with the u64 arguments in *data* (*data_len* bytes) into the iterator's seq_file, with bpf_snprintf's formats. Returns 0 or a negative errno (-EOVERFLOW when the buffer is full).",
  },
  bpf_seq_write: {
    signature: "long bpf_seq_write(struct seq_file *m, const void *data, u32 len)",
    doc: "For BPF iterator programs: writes *len* raw bytes from *data* into the seq_file. Returns 0 or -EOVERFLOW.",
  },
  bpf_sk_cgroup_id: {
    signature: "u64 bpf_sk_cgroup_id(void *sk)",
    doc: "Returns the cgroup v2 id of socket *sk*, or 0.",
  },
  bpf_sk_ancestor_cgroup_id: {
    signature: "u64 bpf_sk_ancestor_cgroup_id(void *sk, int ancestor_level)",
    doc: "Returns the id of the cgroup v2 ancestor at *ancestor_level* of socket *sk*'s cgroup, or 0.",
  },
  bpf_ringbuf_output: {
    signature: "long bpf_ringbuf_output(void *ringbuf, void *data, u64 size, u64 flags)",
    doc: "Copies *size* bytes of *data* into a new record of the BPF_MAP_TYPE_RINGBUF *ringbuf* and submits it. *flags* may be BPF_RB_NO_WAKEUP or BPF_RB_FORCE_WAKEUP. Returns 0, -EAGAIN when the ring is full, or -EINVAL.",
  },
  bpf_ringbuf_reserve: {
    signature: "void *bpf_ringbuf_reserve(void *ringbuf, u64 size, u64 flags)",
    doc: "Reserves a record of *size* bytes in the ring buffer and returns a pointer to fill in, or NULL when the ring is full (or *flags* is not 0). The record must be passed to bpf_ringbuf_submit or bpf_ringbuf_discard on every path.",
  },
  bpf_ringbuf_submit: {
    signature: "void bpf_ringbuf_submit(void *data, u64 flags)",
    doc: "Makes a record obtained from bpf_ringbuf_reserve visible to readers. After it the pointer is gone.",
  },
  bpf_ringbuf_discard: {
    signature: "void bpf_ringbuf_discard(void *data, u64 flags)",
    doc: "Drops a record obtained from bpf_ringbuf_reserve; readers skip it. After it the pointer is gone.",
  },
  bpf_ringbuf_query: {
    signature: "u64 bpf_ringbuf_query(void *ringbuf, u64 flags)",
    doc: "Returns a property of the ring buffer: BPF_RB_AVAIL_DATA (unconsumed bytes), BPF_RB_RING_SIZE, BPF_RB_CONS_POS or BPF_RB_PROD_POS; 0 for anything else.",
  },
  bpf_csum_level: {
    signature: "long bpf_csum_level(struct sk_buff *skb, u64 level)",
    doc: "Adjusts or queries the packet's CHECKSUM_UNNECESSARY level (BPF_CSUM_LEVEL_INC, _DEC, _RESET, _QUERY), e.g. after adding or removing an encapsulation. Returns 0, the level for _QUERY, or a negative errno.",
  },
  bpf_skc_to_tcp6_sock: {
    signature: "struct tcp6_sock *bpf_skc_to_tcp6_sock(void *sk)",
    doc: "Casts a socket pointer to struct tcp6_sock when it is an IPv6 TCP socket, else NULL.",
  },
  bpf_skc_to_tcp_sock: {
    signature: "struct tcp_sock *bpf_skc_to_tcp_sock(void *sk)",
    doc: "Casts a socket pointer to struct tcp_sock when it is a full TCP socket, else NULL.",
  },
  bpf_skc_to_tcp_timewait_sock: {
    signature: "struct tcp_timewait_sock *bpf_skc_to_tcp_timewait_sock(void *sk)",
    doc: "Casts a socket pointer to struct tcp_timewait_sock when it is a TCP socket in TIME_WAIT, else NULL.",
  },
  bpf_skc_to_tcp_request_sock: {
    signature: "struct tcp_request_sock *bpf_skc_to_tcp_request_sock(void *sk)",
    doc: "Casts a socket pointer to struct tcp_request_sock when it is a TCP request (SYN_RECV) socket, else NULL.",
  },
  bpf_skc_to_udp6_sock: {
    signature: "struct udp6_sock *bpf_skc_to_udp6_sock(void *sk)",
    doc: "Casts a socket pointer to struct udp6_sock when it is an IPv6 UDP socket, else NULL.",
  },
  bpf_get_task_stack: {
    signature: "long bpf_get_task_stack(struct task_struct *task, void *buf, u32 size, u64 flags)",
    doc: "Like bpf_get_stack for the kernel stack of another task *task* (a BTF task pointer): copies it into *buf* of *size* bytes. Returns the bytes written or a negative errno.",
  },
  bpf_load_hdr_opt: {
    signature: "long bpf_load_hdr_opt(struct bpf_sock_ops *skops, void *searchby_res, u32 len, u64 flags)",
    doc: "For sock_ops programs: searches the TCP header options of the current packet (or with BPF_LOAD_HDR_OPT_TCP_SYN of the saved SYN) for the option whose kind (and experimental magic) is in *searchby_res*, copying it there. Returns its length or a negative errno.",
  },
  bpf_store_hdr_opt: {
    signature: "long bpf_store_hdr_opt(struct bpf_sock_ops *skops, const void *from, u32 len, u64 flags)",
    doc: "For sock_ops programs in BPF_SOCK_OPS_WRITE_HDR_OPT_CB: appends the TCP option in *from* (*len* bytes) to the outgoing header, in space reserved before. Returns 0 or a negative errno.",
  },
  bpf_reserve_hdr_opt: {
    signature: "long bpf_reserve_hdr_opt(struct bpf_sock_ops *skops, u32 len, u64 flags)",
    doc: "For sock_ops programs in BPF_SOCK_OPS_HDR_OPT_LEN_CB: reserves *len* bytes of TCP option space for bpf_store_hdr_opt. Returns 0 or a negative errno.",
  },
  bpf_inode_storage_get: {
    signature: "void *bpf_inode_storage_get(struct bpf_map *map, void *inode, void *value, u64 flags)",
    doc: "For LSM programs: returns the inode-local storage of *inode* in a BPF_MAP_TYPE_INODE_STORAGE map, creating it with BPF_LOCAL_STORAGE_GET_F_CREATE. Returns a pointer or NULL.",
  },
  bpf_inode_storage_delete: {
    signature: "int bpf_inode_storage_delete(struct bpf_map *map, void *inode)",
    doc: "For LSM programs: deletes the inode-local storage of *inode* in *map*. Returns 0 or -ENOENT.",
  },
  bpf_d_path: {
    signature: "long bpf_d_path(struct path *path, char *buf, u32 sz)",
    doc: "For some tracing and LSM hooks: writes the full path of *path* into *buf* of *sz* bytes. Returns the length including the NUL, or a negative errno.",
  },
  bpf_copy_from_user: {
    signature: "long bpf_copy_from_user(void *dst, u32 size, const void *user_ptr)",
    doc: "For sleepable programs: copies *size* bytes from user address *user_ptr* of the current task into *dst*, faulting pages in if needed. Returns 0 or a negative errno with *dst* zeroed.",
  },
  bpf_snprintf_btf: {
    signature: "long bpf_snprintf_btf(char *str, u32 str_size, struct btf_ptr *ptr, u32 btf_ptr_size, u64 flags)",
    doc: "Prints the kernel object *ptr->ptr* of BTF type *ptr->type_id* (struct btf_ptr of *btf_ptr_size* bytes) as text into *str* of *str_size* bytes; *flags* select compact, no-names, raw-pointer and zero-field output. Returns the length the whole text needs, or a negative errno.",
  },
  bpf_seq_printf_btf: {
    signature: "long bpf_seq_printf_btf(struct seq_file *m, struct btf_ptr *ptr, u32 ptr_size, u64 flags)",
    doc: "For BPF iterator programs: prints a BTF-typed kernel object into the seq_file like bpf_snprintf_btf. Returns 0 or a negative errno.",
  },
  bpf_skb_cgroup_classid: {
    signature: "u64 bpf_skb_cgroup_classid(struct sk_buff *skb)",
    doc: "Returns the net_cls class id of the packet's socket (cgroup v1), or 0.",
  },
  bpf_redirect_neigh: {
    signature: "long bpf_redirect_neigh(u32 ifindex, struct bpf_redir_neigh *params, int plen, u64 flags)",
    doc: "For tc programs: redirects the packet to interface *ifindex*, filling in the L2 header from the neighbour table for the next hop (from the FIB, or *params* of *plen* bytes). Returns TC_ACT_REDIRECT, or TC_ACT_SHOT for bad arguments.",
  },
  bpf_per_cpu_ptr: {
    signature: "void *bpf_per_cpu_ptr(const void *percpu_ptr, u32 cpu)",
    doc: "Returns a pointer to CPU *cpu*'s copy of the per-CPU kernel variable *percpu_ptr* (a BTF ksym), or NULL when *cpu* is out of range.",
  },
  bpf_this_cpu_ptr: {
    signature: "void *bpf_this_cpu_ptr(const void *percpu_ptr)",
    doc: "Returns a pointer to the running CPU's copy of the per-CPU kernel variable *percpu_ptr*.",
  },
  bpf_redirect_peer: {
    signature: "long bpf_redirect_peer(u32 ifindex, u64 flags)",
    doc: "For tc ingress programs: redirects the packet to the peer of the veth/netkit device *ifindex* in another network namespace, without going through the backlog. Returns TC_ACT_REDIRECT, or TC_ACT_SHOT for flags.",
  },
  bpf_task_storage_get: {
    signature: "void *bpf_task_storage_get(struct bpf_map *map, struct task_struct *task, void *value, u64 flags)",
    doc: "Returns the task-local storage of *task* in a BPF_MAP_TYPE_TASK_STORAGE map, creating it with BPF_LOCAL_STORAGE_GET_F_CREATE. Returns a pointer or NULL.",
  },
  bpf_task_storage_delete: {
    signature: "long bpf_task_storage_delete(struct bpf_map *map, struct task_struct *task)",
    doc: "Deletes the task-local storage of *task* in *map*. Returns 0 or -ENOENT.",
  },
  bpf_get_current_task_btf: {
    signature: "struct task_struct *bpf_get_current_task_btf(void)",
    doc: "Returns the current task as a trusted BTF pointer (struct task_struct *) whose fields the program can read directly.",
  },
  bpf_bprm_opts_set: {
    signature: "long bpf_bprm_opts_set(struct linux_binprm *bprm, u64 flags)",
    doc: "For LSM programs on exec: sets options of the new program's binprm; BPF_F_BPRM_SECUREEXEC requests secure-exec (AT_SECURE). Returns 0 or -EINVAL.",
  },
  bpf_ktime_get_coarse_ns: {
    signature: "u64 bpf_ktime_get_coarse_ns(void)",
    doc: "Returns CLOCK_MONOTONIC at the last timer tick, in nanoseconds: cheaper and coarser than bpf_ktime_get_ns. bpfiddle rounds the simulated clock down to a tick of 1/hz seconds.",
  },
  bpf_ima_inode_hash: {
    signature: "long bpf_ima_inode_hash(struct inode *inode, void *dst, u32 size)",
    doc: "For sleepable LSM programs: copies the IMA hash of *inode* into *dst* of *size* bytes. Returns the hash algorithm or a negative errno.",
  },
  bpf_sock_from_file: {
    signature: "struct socket *bpf_sock_from_file(struct file *file)",
    doc: "Returns the socket behind *file* when it is a socket file, else NULL.",
  },
  bpf_check_mtu: {
    signature: "long bpf_check_mtu(void *ctx, u32 ifindex, u32 *mtu_len, s32 len_diff, u64 flags)",
    doc: "Checks whether the packet, grown by *len_diff* bytes (or a packet of **mtu_len* bytes), fits the MTU of interface *ifindex* (0 for the current one), and stores that MTU in **mtu_len*. Returns BPF_MTU_CHK_RET_SUCCESS, _FRAG_NEEDED, _SEGS_TOOBIG or a negative errno.",
  },
  bpf_for_each_map_elem: {
    signature: "long bpf_for_each_map_elem(struct bpf_map *map, void *callback_fn, void *callback_ctx, u64 flags)",
    doc: "Calls *callback_fn*(map, key, value, *callback_ctx*) for each element of an array, per-CPU array or hash map until the callback returns 1 (0 continues). *flags* must be 0. Returns the number of elements visited, or -EINVAL.",
  },
  bpf_snprintf: {
    signature: "long bpf_snprintf(char *str, u32 str_size, const char *fmt, u64 *data, u32 data_len)",
    doc: "Formats *fmt* (a constant string in a read-only map) with the u64 arguments in *data* (*data_len* bytes, at most 12 arguments) into *str* of *str_size* bytes, always NUL-terminated, using the same conversions as bpf_trace_printk. The verifier checks the format at load time. Returns the length the whole text needs, including the NUL.",
  },
  bpf_sys_bpf: {
    signature: "long bpf_sys_bpf(u32 cmd, void *attr, u32 attr_size)",
    doc: "For syscall programs: runs the bpf() command *cmd* with *attr* of *attr_size* bytes, so a loader program can create maps and load programs. Returns what bpf() returns.",
  },
  bpf_btf_find_by_name_kind: {
    signature: "long bpf_btf_find_by_name_kind(char *name, int name_sz, u32 kind, int flags)",
    doc: "Finds the BTF type called *name* (*name_sz* bytes) of kind *kind* in vmlinux or module BTF. Returns the type id (with the BTF object fd in the upper 32 bits for modules) or a negative errno.",
  },
  bpf_sys_close: {
    signature: "long bpf_sys_close(u32 fd)",
    doc: "For syscall programs: closes file descriptor *fd*. Returns 0 or a negative errno.",
  },
  bpf_timer_init: {
    signature: "long bpf_timer_init(struct bpf_timer *timer, struct bpf_map *map, u64 flags)",
    doc: "Initializes the bpf_timer embedded in a map value of *map*, with *flags* the clock (CLOCK_MONOTONIC, CLOCK_REALTIME or CLOCK_BOOTTIME). Returns 0, -EBUSY when already initialized, or a negative errno.",
  },
  bpf_timer_set_callback: {
    signature: "long bpf_timer_set_callback(struct bpf_timer *timer, void *callback_fn)",
    doc: "Sets the function the bpf_timer calls when it fires: callback(map, key, value). Returns 0 or a negative errno.",
  },
  bpf_timer_start: {
    signature: "long bpf_timer_start(struct bpf_timer *timer, u64 nsecs, u64 flags)",
    doc: "Starts the bpf_timer to fire after *nsecs* nanoseconds (absolute with BPF_F_TIMER_ABS, pinned to this CPU with BPF_F_TIMER_CPU_PIN). Returns 0 or a negative errno.",
  },
  bpf_timer_cancel: {
    signature: "long bpf_timer_cancel(struct bpf_timer *timer)",
    doc: "Cancels the bpf_timer, waiting for a running callback to finish. Returns 1 if it was active, 0 if not, or a negative errno (-EDEADLK from its own callback).",
  },
  bpf_get_func_ip: {
    signature: "u64 bpf_get_func_ip(void *ctx)",
    doc: "Returns the address of the traced function: for kprobes the probed address, for fentry/fexit the function's entry. bpfiddle returns the environment's funcIp.",
  },
  bpf_get_attach_cookie: {
    signature: "u64 bpf_get_attach_cookie(void *ctx)",
    doc: "Returns the 64-bit cookie given when the program was attached (kprobe, uprobe, tracepoint, perf_event, fentry links), or 0.",
  },
  bpf_task_pt_regs: {
    signature: "long bpf_task_pt_regs(struct task_struct *task)",
    doc: "Returns a BTF pointer to the user-space registers (struct pt_regs) saved for *task*.",
  },
  bpf_get_branch_snapshot: {
    signature: "long bpf_get_branch_snapshot(void *entries, u32 size, u64 flags)",
    doc: "Copies a snapshot of the hardware last-branch records taken at the start of the program into *entries* of *size* bytes. Returns the bytes copied or a negative errno.",
  },
  bpf_trace_vprintk: {
    signature: "long bpf_trace_vprintk(const char *fmt, u32 fmt_size, const void *data, u32 data_len)",
    doc: "Like bpf_trace_printk with the arguments passed as an array of u64 in *data* (*data_len* bytes, up to 12 arguments). Returns the length printed or a negative errno.",
  },
  bpf_skc_to_unix_sock: {
    signature: "struct unix_sock *bpf_skc_to_unix_sock(void *sk)",
    doc: "Casts a socket pointer to struct unix_sock when it is a Unix domain socket, else NULL.",
  },
  bpf_kallsyms_lookup_name: {
    signature: "long bpf_kallsyms_lookup_name(const char *name, int name_sz, int flags, u64 *res)",
    doc: "For syscall programs: looks up the address of kernel symbol *name* (*name_sz* bytes) and stores it in **res*. Returns 0 or -ENOENT.",
  },
  bpf_find_vma: {
    signature: "long bpf_find_vma(struct task_struct *task, u64 addr, void *callback_fn, void *callback_ctx, u64 flags)",
    doc: "Finds the memory mapping of *task* containing *addr* and calls *callback_fn*(task, vma, *callback_ctx*) with it. *flags* must be 0. Returns 0, -ENOENT when there is none, or -EBUSY.",
  },
  bpf_loop: {
    signature: "long bpf_loop(u32 nr_loops, void *callback_fn, void *callback_ctx, u64 flags)",
    doc: "Calls *callback_fn*(index, *callback_ctx*) for index 0 to *nr_loops* - 1 (at most 8M) until it returns 1 (0 continues). Returns the number of calls made, -EINVAL for non-zero *flags*, -E2BIG for too many loops. The verifier usually inlines the call; the inlined code returns -E2BIG as a 32-bit value.",
  },
  bpf_strncmp: {
    signature: "long bpf_strncmp(const char *s1, u32 s1_sz, const char *s2)",
    doc: "Compares at most *s1_sz* bytes of *s1* with the constant string *s2* (in a read-only map), stopping at a NUL. Returns -1, 0 or 1 in bpfiddle and on x86-64 (negative, zero or positive in general).",
  },
  bpf_get_func_arg: {
    signature: "long bpf_get_func_arg(void *ctx, u32 n, u64 *value)",
    doc: "For fentry/fexit/fmod_ret programs: stores argument *n* of the traced function in **value*. Returns 0, or -EINVAL when the function has fewer arguments.",
  },
  bpf_get_func_ret: {
    signature: "long bpf_get_func_ret(void *ctx, u64 *value)",
    doc: "For fexit/fmod_ret programs: stores the traced function's return value in **value*. Returns 0 or -EOPNOTSUPP.",
  },
  bpf_get_func_arg_cnt: {
    signature: "long bpf_get_func_arg_cnt(void *ctx)",
    doc: "For fentry/fexit/fmod_ret programs: returns how many arguments the traced function takes.",
  },
  bpf_get_retval: {
    signature: "int bpf_get_retval(void)",
    doc: "For cgroup programs: returns the return value the syscall will give (set by earlier programs or with bpf_set_retval).",
  },
  bpf_set_retval: {
    signature: "int bpf_set_retval(int retval)",
    doc: "For cgroup programs: sets the return value the syscall will give (an errno to fail it with). Returns 0 or -EINVAL.",
  },
  bpf_xdp_get_buff_len: {
    signature: "u64 bpf_xdp_get_buff_len(struct xdp_buff *xdp_md)",
    doc: "Returns the total length of the XDP packet, fragments included (data_end - data for a linear packet).",
  },
  bpf_xdp_load_bytes: {
    signature: "long bpf_xdp_load_bytes(struct xdp_buff *xdp_md, u32 offset, void *buf, u32 len)",
    doc: "Copies *len* bytes at *offset* of the XDP packet, fragments included, into *buf*. Returns 0 or a negative errno.",
  },
  bpf_xdp_store_bytes: {
    signature: "long bpf_xdp_store_bytes(struct xdp_buff *xdp_md, u32 offset, void *buf, u32 len)",
    doc: "Writes *len* bytes from *buf* into the XDP packet at *offset*, fragments included. Returns 0 or a negative errno.",
  },
  bpf_copy_from_user_task: {
    signature: "long bpf_copy_from_user_task(void *dst, u32 size, const void *user_ptr, struct task_struct *tsk, u64 flags)",
    doc: "For sleepable programs: copies *size* bytes from user address *user_ptr* of task *tsk* into *dst*. *flags* must be 0. Returns 0 or a negative errno with *dst* zeroed.",
  },
  bpf_skb_set_tstamp: {
    signature: "long bpf_skb_set_tstamp(struct sk_buff *skb, u64 tstamp, u32 tstamp_type)",
    doc: "Sets the packet's delivery time *tstamp* with *tstamp_type* (BPF_SKB_TSTAMP_DELIVERY_MONO, or BPF_SKB_TSTAMP_UNSPEC with 0 to clear it). Returns 0 or a negative errno.",
  },
  bpf_ima_file_hash: {
    signature: "long bpf_ima_file_hash(struct file *file, void *dst, u32 size)",
    doc: "For sleepable LSM programs: copies the IMA hash of *file* into *dst* of *size* bytes, computing it if needed. Returns the hash algorithm or a negative errno.",
  },
  bpf_kptr_xchg: {
    signature: "void *bpf_kptr_xchg(void *map_value, void *ptr)",
    doc: "Atomically stores *ptr* (a referenced kernel object, or NULL) in the kptr field *map_value* of a map value and returns the old pointer, whose reference the program now owns.",
  },
  bpf_map_lookup_percpu_elem: {
    signature: "void *bpf_map_lookup_percpu_elem(struct bpf_map *map, const void *key, u32 cpu)",
    doc: "Like bpf_map_lookup_elem for per-CPU maps, returning CPU *cpu*'s value instead of the running CPU's; NULL when *cpu* is out of range or there is no element.",
  },
  bpf_skc_to_mptcp_sock: {
    signature: "struct mptcp_sock *bpf_skc_to_mptcp_sock(void *sk)",
    doc: "Returns the MPTCP socket (struct mptcp_sock) a TCP subflow socket belongs to, or NULL.",
  },
  bpf_dynptr_from_mem: {
    signature: "long bpf_dynptr_from_mem(void *data, u32 size, u64 flags, struct bpf_dynptr *ptr)",
    doc: "Initializes the dynptr *ptr* to describe *size* bytes of the map value at *data* (the verifier refuses any other memory). *flags* must be 0. Returns 0 or a negative errno (the dynptr is then NULL).",
  },
  bpf_ringbuf_reserve_dynptr: {
    signature: "long bpf_ringbuf_reserve_dynptr(void *ringbuf, u32 size, u64 flags, struct bpf_dynptr *ptr)",
    doc: "Reserves a ring buffer record of *size* bytes and describes it with the dynptr *ptr*, which must then be submitted or discarded (even on failure). Returns 0 or a negative errno.",
  },
  bpf_ringbuf_submit_dynptr: {
    signature: "void bpf_ringbuf_submit_dynptr(struct bpf_dynptr *ptr, u64 flags)",
    doc: "Submits the ring buffer record behind the dynptr *ptr*, making it visible to readers.",
  },
  bpf_ringbuf_discard_dynptr: {
    signature: "void bpf_ringbuf_discard_dynptr(struct bpf_dynptr *ptr, u64 flags)",
    doc: "Discards the ring buffer record behind the dynptr *ptr*.",
  },
  bpf_dynptr_read: {
    signature: "long bpf_dynptr_read(void *dst, u32 len, struct bpf_dynptr *src, u32 offset, u64 flags)",
    doc: "Copies *len* bytes at *offset* of the memory a dynptr describes into *dst*. *flags* must be 0. Returns 0, -E2BIG when out of range, or -EINVAL.",
  },
  bpf_dynptr_write: {
    signature: "long bpf_dynptr_write(struct bpf_dynptr *dst, u32 offset, void *src, u32 len, u64 flags)",
    doc: "Writes *len* bytes from *src* at *offset* of the memory a dynptr describes. Returns 0, -E2BIG when out of range, or -EINVAL for read-only dynptrs.",
  },
  bpf_dynptr_data: {
    signature: "void *bpf_dynptr_data(struct bpf_dynptr *ptr, u32 offset, u32 len)",
    doc: "Returns a direct pointer to *len* bytes at *offset* of the memory a (local or ring buffer) dynptr describes, or NULL when out of range or read-only.",
  },
  bpf_tcp_raw_gen_syncookie_ipv4: {
    signature: "s64 bpf_tcp_raw_gen_syncookie_ipv4(struct iphdr *iph, struct tcphdr *th, u32 th_len)",
    doc: "Generates a SYN cookie for the IPv4 SYN with headers *iph* and *th* (*th_len* bytes) without needing a listening socket. Returns the cookie in the low 32 bits and the MSS in the next 16, or a negative errno.",
  },
  bpf_tcp_raw_gen_syncookie_ipv6: {
    signature: "s64 bpf_tcp_raw_gen_syncookie_ipv6(struct ipv6hdr *iph, struct tcphdr *th, u32 th_len)",
    doc: "Generates a SYN cookie for an IPv6 SYN like bpf_tcp_raw_gen_syncookie_ipv4.",
  },
  bpf_tcp_raw_check_syncookie_ipv4: {
    signature: "long bpf_tcp_raw_check_syncookie_ipv4(struct iphdr *iph, struct tcphdr *th)",
    doc: "Checks whether the IPv4 ACK with headers *iph* and *th* carries a valid SYN cookie. Returns 0 when valid, -EACCES otherwise.",
  },
  bpf_tcp_raw_check_syncookie_ipv6: {
    signature: "long bpf_tcp_raw_check_syncookie_ipv6(struct ipv6hdr *iph, struct tcphdr *th)",
    doc: "Checks the SYN cookie in an IPv6 ACK like bpf_tcp_raw_check_syncookie_ipv4.",
  },
  bpf_ktime_get_tai_ns: {
    signature: "u64 bpf_ktime_get_tai_ns(void)",
    doc: "Returns CLOCK_TAI (international atomic time) in nanoseconds. bpfiddle: the simulated monotonic clock plus the environment's taiOffsetNs.",
  },
  bpf_user_ringbuf_drain: {
    signature: "long bpf_user_ringbuf_drain(struct bpf_map *map, void *callback_fn, void *ctx, u64 flags)",
    doc: "Calls *callback_fn*(dynptr, *ctx*) for each sample user space wrote into the BPF_MAP_TYPE_USER_RINGBUF *map*, until it is empty or the callback returns 1. Returns the number of samples drained or a negative errno.",
  },
  bpf_cgrp_storage_get: {
    signature: "void *bpf_cgrp_storage_get(struct bpf_map *map, struct cgroup *cgroup, void *value, u64 flags)",
    doc: "Returns the cgroup-local storage of *cgroup* in a BPF_MAP_TYPE_CGRP_STORAGE map, creating it with BPF_LOCAL_STORAGE_GET_F_CREATE. Returns a pointer or NULL.",
  },
  bpf_cgrp_storage_delete: {
    signature: "long bpf_cgrp_storage_delete(struct bpf_map *map, struct cgroup *cgroup)",
    doc: "Deletes the cgroup-local storage of *cgroup* in *map*. Returns 0 or -ENOENT.",
  },
};
