/*
 * Measures the running kernel's helper prototypes: for each program type (with whatever attach
 * settings it needs) and each helper id, loads `call id; r0 = 0; exit` and records what the
 * type's get_func_proto returned. An fexit program on every *_func_proto function in the kernel
 * copies the returned struct bpf_func_proto (plus the u32 BTF ids its pointers name) into a map,
 * stamped with a sequence number; the last one to return is the type's own answer.
 *
 * Output: one JSON object per (type, helper) on stdout:
 *   {"type":T,"attach":A,"flags":F,"id":N,"ok":B,"errno":E,"log":"last log line","proto":"HEX"}
 * proto is empty when the type's func_proto returned NULL. Needs root and BTF; build with
 *   gcc -O2 -o protos protos.c
 * Input (stdin): lines "TYPE ATTACH FLAGS BTF_ID" naming the program types to measure.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/bpf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_HELPER 211
#define VAL_SIZE 128

static long sys_bpf(int cmd, union bpf_attr *a) { return syscall(__NR_bpf, cmd, a, sizeof(*a)); }

#define INSN(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })
#define MOV64_REG(d, s) INSN(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define MOV64_IMM(d, i) INSN(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define ADD64_IMM(d, i) INSN(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define AND64_IMM(d, i) INSN(BPF_ALU64 | BPF_AND | BPF_K, d, 0, 0, i)
#define OR64_IMM(d, i) INSN(BPF_ALU64 | BPF_OR | BPF_K, d, 0, 0, i)
#define LDX64(d, s, o) INSN(BPF_LDX | BPF_MEM | BPF_DW, d, s, o, 0)
#define STX64(d, s, o) INSN(BPF_STX | BPF_MEM | BPF_DW, d, s, o, 0)
#define STX32(d, s, o) INSN(BPF_STX | BPF_MEM | BPF_W, d, s, o, 0)
#define ST64(d, o, i) INSN(BPF_ST | BPF_MEM | BPF_DW, d, 0, o, i)
#define CALL(i) INSN(BPF_JMP | BPF_CALL, 0, 0, 0, i)
#define EXIT() INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
#define JEQ_IMM(d, i, o) INSN(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, i)
#define LD_MAP(d, fd) INSN(BPF_LD | BPF_DW | BPF_IMM, d, BPF_PSEUDO_MAP_FD, 0, fd), INSN(0, 0, 0, 0, 0)
#define ATOMIC_ADD64(d, s, o) INSN(BPF_STX | BPF_ATOMIC | BPF_DW, d, s, o, BPF_ADD | BPF_FETCH)

static char log_buf[1 << 20];

static int map_create(uint32_t type, uint32_t ks, uint32_t vs, uint32_t max)
{
	union bpf_attr a;
	memset(&a, 0, sizeof(a));
	a.map_type = type; a.key_size = ks; a.value_size = vs; a.max_entries = max;
	return (int)sys_bpf(BPF_MAP_CREATE, &a);
}

static int prog_load(uint32_t type, const struct bpf_insn *insns, int n, uint32_t attach, uint32_t flags,
		     uint32_t btf_id, int log, int *err)
{
	union bpf_attr a;
	memset(&a, 0, sizeof(a));
	a.prog_type = type;
	a.insns = (uint64_t)(uintptr_t)insns;
	a.insn_cnt = n;
	a.license = (uint64_t)(uintptr_t)"GPL";
	a.expected_attach_type = attach;
	a.prog_flags = flags;
	a.attach_btf_id = btf_id;
	if (log) {
		log_buf[0] = 0;
		a.log_level = 1;
		a.log_buf = (uint64_t)(uintptr_t)log_buf;
		a.log_size = sizeof(log_buf);
	}
	int fd = (int)sys_bpf(BPF_PROG_LOAD, &a);
	*err = fd < 0 ? errno : 0;
	return fd;
}

/* BTF id of a FUNC in vmlinux, from `bpftool btf dump` output passed on the command line. */
int main(int argc, char **argv)
{
	int seq_fd = map_create(BPF_MAP_TYPE_ARRAY, 4, 8, 1);
	int out_fd = map_create(BPF_MAP_TYPE_HASH, 4, VAL_SIZE, 4096);
	if (seq_fd < 0 || out_fd < 0) { perror("map_create"); return 1; }
	/* argv: pairs of "tag:btf_id" for the *_func_proto functions to watch. */
	for (int k = 1; k < argc; k++) {
		int tag = atoi(argv[k]);
		uint32_t btf_id = (uint32_t)atoi(strchr(argv[k], ':') + 1);
		struct bpf_insn p[] = {
			MOV64_REG(6, 1),
			LDX64(7, 6, 16),                 /* the returned proto (NULL included) */
			LDX64(8, 6, 0),                  /* func_id */
			/* r9 = ++seq */
			ST64(10, -8, 0),
			MOV64_REG(2, 10), ADD64_IMM(2, -8),
			LD_MAP(1, seq_fd),
			CALL(BPF_FUNC_map_lookup_elem),
			JEQ_IMM(0, 0, 30),
			MOV64_IMM(9, 1),
			ATOMIC_ADD64(0, 9, 0),
			/* value at fp-136: proto (96), 6 btf ids (24), seq (8) */
			MOV64_REG(1, 10), ADD64_IMM(1, -136), MOV64_IMM(2, 96), MOV64_REG(3, 7),
			CALL(BPF_FUNC_probe_read_kernel),
#define BTF_READ(k, from) MOV64_REG(1, 10), ADD64_IMM(1, -136 + 96 + 4 * (k)), MOV64_IMM(2, 4), LDX64(3, 10, -136 + (from)), CALL(BPF_FUNC_probe_read_kernel)
			BTF_READ(0, 40), BTF_READ(1, 48), BTF_READ(2, 56), BTF_READ(3, 64), BTF_READ(4, 72), BTF_READ(5, 80),
			STX64(10, 9, -16),
			/* key = tag << 16 | func_id */
			AND64_IMM(8, 0xffff), OR64_IMM(8, tag << 16),
			STX32(10, 8, -140),
			LD_MAP(1, out_fd),
			MOV64_REG(2, 10), ADD64_IMM(2, -140),
			MOV64_REG(3, 10), ADD64_IMM(3, -136),
			MOV64_IMM(4, 0),
			CALL(BPF_FUNC_map_update_elem),
			MOV64_IMM(0, 0),
			EXIT(),
		};
		/* The jump skips to the final r0 = 0 when the seq lookup fails. */
		int n = (int)(sizeof(p) / sizeof(p[0]));
		for (int i = 0; i < n; i++) if (p[i].code == (BPF_JMP | BPF_JEQ | BPF_K)) p[i].off = (int16_t)(n - 2 - i - 1);
		int err;
		int fd = prog_load(BPF_PROG_TYPE_TRACING, p, n, BPF_TRACE_FEXIT, 0, btf_id, 1, &err);
		if (fd < 0) { fprintf(stderr, "fexit %s: %s\n%s\n", argv[k], strerror(err), log_buf); return 1; }
		union bpf_attr a;
		memset(&a, 0, sizeof(a));
		a.raw_tracepoint.prog_fd = (uint32_t)fd;
		if (sys_bpf(BPF_RAW_TRACEPOINT_OPEN, &a) < 0) { fprintf(stderr, "attach %s: %s\n", argv[k], strerror(errno)); return 1; }
	}
	char line[256];
	while (fgets(line, sizeof(line), stdin)) {
		uint32_t type, attach, flags, btf_id;
		if (sscanf(line, "%u %u %u %u", &type, &attach, &flags, &btf_id) != 4) continue;
		for (int id = 1; id <= MAX_HELPER; id++) {
			/* empty the output map */
			uint32_t key, next;
			union bpf_attr a;
			for (;;) {
				memset(&a, 0, sizeof(a));
				a.map_fd = (uint32_t)out_fd; a.key = 0; a.next_key = (uint64_t)(uintptr_t)&next;
				if (sys_bpf(BPF_MAP_GET_NEXT_KEY, &a)) break;
				memset(&a, 0, sizeof(a));
				a.map_fd = (uint32_t)out_fd; a.key = (uint64_t)(uintptr_t)&next;
				sys_bpf(BPF_MAP_DELETE_ELEM, &a);
			}
			struct bpf_insn prog[] = { CALL(id), MOV64_IMM(0, 0), EXIT() };
			int err;
			int fd = prog_load(type, prog, 3, attach, flags, btf_id, 1, &err);
			if (fd >= 0) close(fd);
			/* last non-empty log line */
			size_t len = strlen(log_buf);
			while (len && log_buf[len - 1] == '\n') log_buf[--len] = 0;
			char *last = strrchr(log_buf, '\n');
			last = last ? last + 1 : log_buf;
			uint8_t best[VAL_SIZE];
			uint64_t best_seq = 0;
			int have = 0;
			int has_key = 0;
			for (;;) {
				memset(&a, 0, sizeof(a));
				a.map_fd = (uint32_t)out_fd; a.key = has_key ? (uint64_t)(uintptr_t)&key : 0;
				a.next_key = (uint64_t)(uintptr_t)&next;
				if (sys_bpf(BPF_MAP_GET_NEXT_KEY, &a)) break;
				key = next; has_key = 1;
				if ((key & 0xffff) != (uint32_t)id) continue;
				uint8_t v[VAL_SIZE];
				memset(&a, 0, sizeof(a));
				a.map_fd = (uint32_t)out_fd; a.key = (uint64_t)(uintptr_t)&key; a.value = (uint64_t)(uintptr_t)v;
				if (sys_bpf(BPF_MAP_LOOKUP_ELEM, &a)) continue;
				uint64_t s;
				memcpy(&s, v + 120, 8);
				if (!have || s > best_seq) { memcpy(best, v, VAL_SIZE); best_seq = s; have = 1; }
			}
			printf("{\"type\":%u,\"attach\":%u,\"flags\":%u,\"id\":%d,\"ok\":%s,\"errno\":%d,\"log\":\"",
			       type, attach, flags, id, fd >= 0 ? "true" : "false", err);
			for (char *c = last; *c; c++) {
				if (*c == '"' || *c == '\\') putchar('\\');
				if ((unsigned char)*c >= 32) putchar(*c);
			}
			printf("\",\"proto\":\"");
			uint64_t func = 0;
			if (have) memcpy(&func, best, 8);
			if (have && func) for (int i = 0; i < 120; i++) printf("%02x", best[i]);
			printf("\"}\n");
			fflush(stdout);
		}
	}
	return 0;
}
