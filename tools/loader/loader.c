/*
 * bpfiddle's kernel oracle: loads eBPF programs into the running kernel with raw bpf() syscalls
 * and runs them with BPF_PROG_TEST_RUN, answering one JSON line per job. No libbpf, so only gcc
 * and the uapi header are needed. Differential tests (VM vs kernel, verifier vs kernel) drive it
 * through tools/kernel.ts, many thousands of jobs per process.
 *
 * Protocol (stdin, one job per line, space-separated key=value tokens, hex without 0x):
 *   id=N            echoed back
 *   type=N          enum bpf_prog_type                      attach=N   expected_attach_type
 *   flags=N         prog_flags                              log=N      log_level (0, 1, 2, 4 and ORs)
 *   logsize=N       first log buffer size (default 16 MiB; grown to log_true_size on ENOSPC)
 *   license=S       default GPL                             run=0|1    test-run after a good load (default 1)
 *   prog=HEX        instruction bytes
 *   map=T,KS,VS,MAX,FLAGS   one map to create; the n-th map= is map index n (maps with
 *                           BPF_F_RDONLY_PROG are frozen after their entries are stored, so
 *                           programs may use their values as constant strings)
 *   entry=IDX,KEYHEX,VALHEX initial element of map IDX (BPF_ANY)
 *   data=HEX  ctx=HEX  repeat=N   BPF_PROG_TEST_RUN inputs (ctx_out is requested only with ctx=)
 *   ctxout=0        do not ask for ctx_out even with ctx= (raw_tracepoint test runs refuse it, and
 *                   a non-zero repeat: send repeat=0 with them)
 * ld_imm64 with src BPF_PSEUDO_MAP_FD or BPF_PSEUDO_MAP_VALUE has its imm (a map index) replaced
 * by the map's fd; fd_array holds the fds too, so BPF_PSEUDO_MAP_IDX(_VALUE) work unchanged.
 *
 * Answer (stdout, one JSON object per job):
 *   {"id":N,"load":{"ok":B,"errno":E},"log":"...","logTrueSize":N,
 *    "run":{"ok":B,"errno":E,"retval":U32,"duration":NS,"data":"HEX","ctx":"HEX"},
 *    "maps":[[["KEYHEX","VALHEX"],...],...]}
 * or {"id":N,"error":"...","errno":E} when the job itself could not be set up (bad line, map create).
 * Map contents are read back after the run (or after the load when run=0) by GET_NEXT_KEY/LOOKUP.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/bpf.h>
#include <linux/btf.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_MAPS 64
#define MAX_ENTRIES 4096
#define DEFAULT_LOG_SIZE (16u << 20)
#define MAX_LOG_SIZE ((uint32_t)UINT32_MAX >> 2) /* the kernel's limit on log_size */
#define DATA_OUT_SIZE (1u << 20)
#define CTX_OUT_SIZE 4096

/* log_true_size (Linux 6.4) follows core_relo_rec_size; Debian's 6.1 header lacks it. */
#define LOG_TRUE_SIZE_OFF (offsetof(union bpf_attr, core_relo_rec_size) + sizeof(__u32))
#define PROG_LOAD_ATTR_SIZE (LOG_TRUE_SIZE_OFF + sizeof(__u32))

struct map_spec { uint32_t type, ks, vs, max, flags; };
struct entry { uint32_t map; uint8_t *key, *val; size_t klen, vlen; };

struct job {
	long long id;
	uint32_t type, attach, flags, log_level, log_size, repeat;
	int run;
	const char *license;
	uint8_t *prog; size_t prog_len;
	uint8_t *data; size_t data_len;
	uint8_t *ctx; size_t ctx_len;
	int has_ctx;
	int no_ctx_out;
	struct map_spec maps[MAX_MAPS]; int nmaps;
	struct entry entries[MAX_ENTRIES]; int nentries;
};

static char *log_buf;
static uint32_t log_cap;
static uint8_t *data_out, *ctx_out;
static FILE *out;

static long sys_bpf(int cmd, void *attr, unsigned int size)
{
	return syscall(__NR_bpf, cmd, attr, size);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* Decodes hex of length n into a fresh buffer; -1 on bad input. */
static int unhex(const char *s, size_t n, uint8_t **buf, size_t *len)
{
	if (n % 2) return -1;
	uint8_t *b = malloc(n / 2 + 1);
	if (!b) return -1;
	for (size_t i = 0; i < n / 2; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);
		if (hi < 0 || lo < 0) { free(b); return -1; }
		b[i] = (uint8_t)(hi << 4 | lo);
	}
	*buf = b;
	*len = n / 2;
	return 0;
}

static void put_hex(const uint8_t *b, size_t n)
{
	static const char d[] = "0123456789abcdef";
	fputc('"', out);
	for (size_t i = 0; i < n; i++) {
		fputc(d[b[i] >> 4], out);
		fputc(d[b[i] & 15], out);
	}
	fputc('"', out);
}

static void put_str(const char *s, size_t n)
{
	fputc('"', out);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') { fputc('\\', out); fputc(c, out); }
		else if (c == '\n') fputs("\\n", out);
		else if (c == '\t') fputs("\\t", out);
		else if (c < 0x20 || c == 0x7f) fprintf(out, "\\u%04x", c);
		else fputc(c, out);
	}
	fputc('"', out);
}

static void free_job(struct job *j)
{
	free(j->prog); free(j->data); free(j->ctx);
	for (int i = 0; i < j->nentries; i++) { free(j->entries[i].key); free(j->entries[i].val); }
}

static int parse_u32(const char *s, uint32_t *v)
{
	char *end;
	errno = 0;
	unsigned long long x = strtoull(s, &end, 0);
	if (errno || *end || x > UINT32_MAX) return -1;
	*v = (uint32_t)x;
	return 0;
}

/* Parses one job line in place; returns NULL or a message. */
static const char *parse_job(char *line, struct job *j)
{
	memset(j, 0, sizeof(*j));
	j->log_size = DEFAULT_LOG_SIZE;
	j->repeat = 1;
	j->run = 1;
	j->license = "GPL";
	for (char *save = NULL, *tok = strtok_r(line, " \t\r\n", &save); tok; tok = strtok_r(NULL, " \t\r\n", &save)) {
		char *eq = strchr(tok, '=');
		if (!eq) return "token without '='";
		*eq = 0;
		const char *k = tok, *v = eq + 1;
		uint32_t u;
		if (!strcmp(k, "id")) j->id = strtoll(v, NULL, 10);
		else if (!strcmp(k, "type")) { if (parse_u32(v, &j->type)) return "bad type"; }
		else if (!strcmp(k, "attach")) { if (parse_u32(v, &j->attach)) return "bad attach"; }
		else if (!strcmp(k, "flags")) { if (parse_u32(v, &j->flags)) return "bad flags"; }
		else if (!strcmp(k, "log")) { if (parse_u32(v, &j->log_level)) return "bad log"; }
		else if (!strcmp(k, "logsize")) { if (parse_u32(v, &j->log_size) || j->log_size < 128) return "bad logsize"; }
		else if (!strcmp(k, "repeat")) { if (parse_u32(v, &j->repeat)) return "bad repeat"; }
		else if (!strcmp(k, "run")) { if (parse_u32(v, &u)) return "bad run"; j->run = u != 0; }
		else if (!strcmp(k, "ctxout")) { if (parse_u32(v, &u)) return "bad ctxout"; j->no_ctx_out = u == 0; }
		else if (!strcmp(k, "license")) j->license = v;
		else if (!strcmp(k, "prog")) { free(j->prog); if (unhex(v, strlen(v), &j->prog, &j->prog_len)) return "bad prog hex"; }
		else if (!strcmp(k, "data")) { free(j->data); if (unhex(v, strlen(v), &j->data, &j->data_len)) return "bad data hex"; }
		else if (!strcmp(k, "ctx")) { free(j->ctx); if (unhex(v, strlen(v), &j->ctx, &j->ctx_len)) return "bad ctx hex"; j->has_ctx = 1; }
		else if (!strcmp(k, "map")) {
			if (j->nmaps == MAX_MAPS) return "too many maps";
			struct map_spec *m = &j->maps[j->nmaps++];
			if (sscanf(v, "%u,%u,%u,%u,%u", &m->type, &m->ks, &m->vs, &m->max, &m->flags) != 5) return "bad map";
		} else if (!strcmp(k, "entry")) {
			if (j->nentries == MAX_ENTRIES) return "too many entries";
			struct entry *e = &j->entries[j->nentries];
			char *c1 = strchr(v, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
			if (!c2) return "bad entry";
			*c1 = 0;
			if (parse_u32(v, &e->map)) return "bad entry map";
			if (unhex(c1 + 1, (size_t)(c2 - c1 - 1), &e->key, &e->klen)) return "bad entry key";
			if (unhex(c2 + 1, strlen(c2 + 1), &e->val, &e->vlen)) { free(e->key); return "bad entry value"; }
			j->nentries++;
		} else return "unknown key";
	}
	if (!j->prog_len || j->prog_len % 8) return "prog missing or not a multiple of 8 bytes";
	return NULL;
}

static int map_create(const struct map_spec *m)
{
	union bpf_attr a;
	memset(&a, 0, sizeof(a));
	a.map_type = m->type;
	a.key_size = m->ks;
	a.value_size = m->vs;
	a.max_entries = m->max;
	a.map_flags = m->flags;
	return (int)sys_bpf(BPF_MAP_CREATE, &a, sizeof(a));
}

static int map_update(int fd, const void *key, const void *val)
{
	union bpf_attr a;
	memset(&a, 0, sizeof(a));
	a.map_fd = (uint32_t)fd;
	a.key = (uint64_t)(uintptr_t)key;
	a.value = (uint64_t)(uintptr_t)val;
	a.flags = BPF_ANY;
	return (int)sys_bpf(BPF_MAP_UPDATE_ELEM, &a, sizeof(a));
}

static int possible_cpus(void)
{
	static int n;
	if (n) return n;
	/* Per-CPU map values span every possible CPU, which sysconf may not count. */
	FILE *f = fopen("/sys/devices/system/cpu/possible", "r");
	int lo, hi;
	n = 1;
	if (f) {
		if (fscanf(f, "%d-%d", &lo, &hi) == 2) n = hi + 1;
		fclose(f);
	}
	return n;
}

static int is_percpu(uint32_t t)
{
	return t == BPF_MAP_TYPE_PERCPU_ARRAY || t == BPF_MAP_TYPE_PERCPU_HASH || t == BPF_MAP_TYPE_LRU_PERCPU_HASH ||
	       t == BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE;
}

/* Only maps whose elements user space can iterate and read are dumped; others print []. */
static int is_dumpable(const struct map_spec *m)
{
	switch (m->type) {
	case BPF_MAP_TYPE_HASH: case BPF_MAP_TYPE_ARRAY: case BPF_MAP_TYPE_PERCPU_HASH:
	case BPF_MAP_TYPE_PERCPU_ARRAY: case BPF_MAP_TYPE_LRU_HASH: case BPF_MAP_TYPE_LRU_PERCPU_HASH:
	case BPF_MAP_TYPE_LPM_TRIE:
		return m->ks > 0;
	default:
		return 0;
	}
}

static void dump_map(int fd, const struct map_spec *m)
{
	fputc('[', out);
	if (!is_dumpable(m)) { fputc(']', out); return; }
	size_t vlen = is_percpu(m->type) ? ((m->vs + 7) & ~7u) * (size_t)possible_cpus() : m->vs;
	uint8_t *key = calloc(1, m->ks), *next = calloc(1, m->ks), *val = calloc(1, vlen);
	union bpf_attr a;
	int first = 1, have_key = 0;
	for (uint32_t guard = 0; guard <= m->max; guard++) {
		memset(&a, 0, sizeof(a));
		a.map_fd = (uint32_t)fd;
		a.key = have_key ? (uint64_t)(uintptr_t)key : 0;
		a.next_key = (uint64_t)(uintptr_t)next;
		if (sys_bpf(BPF_MAP_GET_NEXT_KEY, &a, sizeof(a))) break;
		memset(&a, 0, sizeof(a));
		a.map_fd = (uint32_t)fd;
		a.key = (uint64_t)(uintptr_t)next;
		a.value = (uint64_t)(uintptr_t)val;
		if (sys_bpf(BPF_MAP_LOOKUP_ELEM, &a, sizeof(a)) == 0) {
			if (!first) fputc(',', out);
			first = 0;
			fputc('[', out);
			put_hex(next, m->ks);
			fputc(',', out);
			put_hex(val, vlen);
			fputc(']', out);
		}
		memcpy(key, next, m->ks);
		have_key = 1;
	}
	free(key); free(next); free(val);
	fputc(']', out);
}

/* Replaces map indices in ld_imm64 map references by fds; the index stays when out of range so
 * that the kernel reports the bad reference itself. */
static void patch_map_fds(struct bpf_insn *insns, size_t n, const int *fds, int nmaps)
{
	for (size_t i = 0; i + 1 < n; i++) {
		if (insns[i].code != (BPF_LD | BPF_IMM | BPF_DW)) continue;
		if (insns[i].src_reg == BPF_PSEUDO_MAP_FD || insns[i].src_reg == BPF_PSEUDO_MAP_VALUE) {
			if (insns[i].imm >= 0 && insns[i].imm < nmaps) insns[i].imm = fds[insns[i].imm];
		}
		i++;
	}
}

/*
 * Helper callbacks (bpf_loop, bpf_for_each_map_elem, ...) are loaded with ld_imm64
 * BPF_PSEUDO_FUNC, which the kernel accepts only with BTF func_info for every function. For such
 * programs this synthesizes the smallest BTF that satisfies it: `int f(void)` as a static FUNC for
 * each function start (the main program and every call or function-reference target).
 */
#define MAX_FUNCS 256
struct func_info_rec { uint32_t insn_off, type_id; };

static int func_starts(const struct bpf_insn *insns, size_t n, uint32_t *starts)
{
	int have_func_ref = 0, nstarts = 1;
	starts[0] = 0;
	for (size_t i = 0; i < n; i++) {
		int is_call = insns[i].code == (BPF_JMP | BPF_CALL) && insns[i].src_reg == BPF_PSEUDO_CALL;
		int is_ref = insns[i].code == (BPF_LD | BPF_IMM | BPF_DW) && insns[i].src_reg == BPF_PSEUDO_FUNC;
		if (is_ref)
			have_func_ref = 1;
		if (is_call || is_ref) {
			long t = (long)i + 1 + insns[i].imm;
			int seen = 0;
			for (int k = 0; k < nstarts; k++)
				seen |= starts[k] == (uint32_t)t;
			if (!seen && t > 0 && (size_t)t < n && nstarts < MAX_FUNCS)
				starts[nstarts++] = (uint32_t)t;
		}
		if (insns[i].code == (BPF_LD | BPF_IMM | BPF_DW))
			i++;
	}
	if (!have_func_ref)
		return 0;
	for (int a = 1; a < nstarts; a++)
		for (int b = a; b > 0 && starts[b - 1] > starts[b]; b--) {
			uint32_t t = starts[b]; starts[b] = starts[b - 1]; starts[b - 1] = t;
		}
	return nstarts;
}

static int load_func_btf(void)
{
	static int fd = -1;
	if (fd >= 0)
		return fd;
	/* [1] int, [2] int (void), [3] FUNC f static -> [2] */
	static const char strs[] = "\0int\0f";
	uint32_t types[] = {
		1, (uint32_t)BTF_KIND_INT << 24, 4, (1u << 24) | 32,
		0, (uint32_t)BTF_KIND_FUNC_PROTO << 24, 1,
		5, (uint32_t)BTF_KIND_FUNC << 24, 2,
	};
	uint8_t blob[24 + sizeof(types) + sizeof(strs)];
	uint32_t hdr[6] = { 0xeB9F | (1u << 16), 24, 0, sizeof(types), sizeof(types), sizeof(strs) };
	memcpy(blob, hdr, 24);
	memcpy(blob + 24, types, sizeof(types));
	memcpy(blob + 24 + sizeof(types), strs, sizeof(strs));
	union bpf_attr a;
	memset(&a, 0, sizeof(a));
	a.btf = (uint64_t)(uintptr_t)blob;
	a.btf_size = sizeof(blob);
	fd = (int)sys_bpf(BPF_BTF_LOAD, &a, sizeof(a));
	return fd;
}

static int prog_load(const struct job *j, const int *fds, uint32_t *true_size, int *err)
{
	uint32_t starts[MAX_FUNCS];
	struct func_info_rec finfo[MAX_FUNCS];
	int nfuncs = func_starts((const struct bpf_insn *)j->prog, j->prog_len / 8, starts);
	int btf_fd = nfuncs ? load_func_btf() : -1;
	for (int k = 0; k < nfuncs; k++) {
		finfo[k].insn_off = starts[k];
		finfo[k].type_id = 3;
	}
	union { union bpf_attr a; uint8_t raw[PROG_LOAD_ATTR_SIZE]; } u;
	uint32_t size = j->log_level ? j->log_size : 0;
	for (;;) {
		if (size > log_cap) {
			free(log_buf);
			log_buf = malloc(size);
			if (!log_buf) { log_cap = 0; *err = ENOMEM; return -1; }
			log_cap = size;
		}
		memset(&u, 0, sizeof(u));
		u.a.prog_type = j->type;
		u.a.insn_cnt = (uint32_t)(j->prog_len / 8);
		u.a.insns = (uint64_t)(uintptr_t)j->prog;
		u.a.license = (uint64_t)(uintptr_t)j->license;
		u.a.log_level = j->log_level;
		u.a.log_size = size;
		u.a.log_buf = size ? (uint64_t)(uintptr_t)log_buf : 0;
		u.a.prog_flags = j->flags;
		u.a.expected_attach_type = j->attach;
		u.a.fd_array = j->nmaps ? (uint64_t)(uintptr_t)fds : 0;
		if (nfuncs && btf_fd >= 0) {
			u.a.prog_btf_fd = (uint32_t)btf_fd;
			u.a.func_info = (uint64_t)(uintptr_t)finfo;
			u.a.func_info_cnt = (uint32_t)nfuncs;
			u.a.func_info_rec_size = sizeof(finfo[0]);
		}
		memcpy(u.a.prog_name, "bpfiddle", 9);
		if (size) log_buf[0] = 0;
		int fd = (int)sys_bpf(BPF_PROG_LOAD, &u, sizeof(u));
		*err = fd < 0 ? errno : 0;
		memcpy(true_size, u.raw + LOG_TRUE_SIZE_OFF, sizeof(*true_size));
		/* ENOSPC with a log means the log was cut short: retry with the size the kernel asked for. */
		if (fd < 0 && *err == ENOSPC && size && *true_size > size && *true_size <= MAX_LOG_SIZE) {
			size = *true_size;
			continue;
		}
		return fd;
	}
}

static void run_job(struct job *j)
{
	int fds[MAX_MAPS];
	int nfds = 0;
	for (; nfds < j->nmaps; nfds++) {
		fds[nfds] = map_create(&j->maps[nfds]);
		if (fds[nfds] < 0) {
			int e = errno;
			fprintf(out, "{\"id\":%lld,\"error\":\"map %d create failed\",\"errno\":%d}\n", j->id, nfds, e);
			goto close_maps;
		}
	}
	for (int i = 0; i < j->nentries; i++) {
		struct entry *e = &j->entries[i];
		if (e->map >= (uint32_t)j->nmaps || e->klen != j->maps[e->map].ks ||
		    map_update(fds[e->map], e->key, e->val)) {
			int err = e->map < (uint32_t)j->nmaps && e->klen == j->maps[e->map].ks ? errno : EINVAL;
			fprintf(out, "{\"id\":%lld,\"error\":\"entry %d rejected\",\"errno\":%d}\n", j->id, i, err);
			goto close_maps;
		}
	}
	for (int i = 0; i < j->nmaps; i++) {
		if (!(j->maps[i].flags & BPF_F_RDONLY_PROG))
			continue;
		union bpf_attr fa;
		memset(&fa, 0, sizeof(fa));
		fa.map_fd = (uint32_t)fds[i];
		if (sys_bpf(BPF_MAP_FREEZE, &fa, sizeof(fa))) {
			fprintf(out, "{\"id\":%lld,\"error\":\"map %d freeze failed\",\"errno\":%d}\n", j->id, i, errno);
			goto close_maps;
		}
	}
	patch_map_fds((struct bpf_insn *)j->prog, j->prog_len / 8, fds, j->nmaps);

	uint32_t true_size = 0;
	int err = 0;
	int pfd = prog_load(j, fds, &true_size, &err);
	fprintf(out, "{\"id\":%lld,\"load\":{\"ok\":%s,\"errno\":%d},\"log\":", j->id, pfd >= 0 ? "true" : "false", err);
	if (j->log_level && log_cap) put_str(log_buf, strnlen(log_buf, log_cap));
	else fputs("\"\"", out);
	fprintf(out, ",\"logTrueSize\":%u", true_size);

	if (pfd >= 0 && j->run) {
		union bpf_attr a;
		memset(&a, 0, sizeof(a));
		a.test.prog_fd = (uint32_t)pfd;
		a.test.data_in = (uint64_t)(uintptr_t)j->data;
		a.test.data_size_in = (uint32_t)j->data_len;
		a.test.data_out = j->data_len ? (uint64_t)(uintptr_t)data_out : 0;
		a.test.data_size_out = j->data_len ? DATA_OUT_SIZE : 0;
		a.test.repeat = j->repeat;
		if (j->has_ctx) {
			a.test.ctx_in = (uint64_t)(uintptr_t)j->ctx;
			a.test.ctx_size_in = (uint32_t)j->ctx_len;
			if (!j->no_ctx_out) {
				a.test.ctx_out = (uint64_t)(uintptr_t)ctx_out;
				a.test.ctx_size_out = CTX_OUT_SIZE;
			}
		}
		int r = (int)sys_bpf(BPF_PROG_TEST_RUN, &a, sizeof(a));
		int rerr = r ? errno : 0;
		fprintf(out, ",\"run\":{\"ok\":%s,\"errno\":%d,\"retval\":%u,\"duration\":%u,\"data\":",
			r ? "false" : "true", rerr, a.test.retval, a.test.duration);
		put_hex(data_out, r || !j->data_len ? 0 : a.test.data_size_out);
		fputs(",\"ctx\":", out);
		put_hex(ctx_out, r || !j->has_ctx || j->no_ctx_out ? 0 : a.test.ctx_size_out);
		fputc('}', out);
	}
	fputs(",\"maps\":[", out);
	for (int i = 0; i < j->nmaps; i++) {
		if (i) fputc(',', out);
		dump_map(fds[i], &j->maps[i]);
	}
	fputs("]}\n", out);
	if (pfd >= 0) close(pfd);
close_maps:
	for (int i = 0; i < nfds; i++) close(fds[i]);
}

int main(int argc, char **argv)
{
	(void)argc; (void)argv;
	out = stdout;
	data_out = malloc(DATA_OUT_SIZE);
	ctx_out = malloc(CTX_OUT_SIZE);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	static struct job j;
	while ((n = getline(&line, &cap, stdin)) > 0) {
		if (n == 1 && line[0] == '\n') continue;
		const char *bad = parse_job(line, &j);
		if (bad) fprintf(out, "{\"id\":%lld,\"error\":\"%s\",\"errno\":%d}\n", j.id, bad, EINVAL);
		else run_job(&j);
		free_job(&j);
		fflush(out);
	}
	free(line);
	return 0;
}
