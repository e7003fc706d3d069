/*
 * bpfiddle's map oracle: applies map operations to real kernel maps with raw bpf() syscalls so that
 * tests/maps can compare src/core/maps against the running kernel. No libbpf; gcc and the uapi
 * header only. Driven line by line by tests/maps/kernel-maps.ts.
 *
 * Protocol: one command per line on stdin, one answer line per command on stdout.
 * Hex strings have no 0x; "-" means an empty buffer or a NULL pointer. Wherever FD appears, @N
 * names the map the N-th create command (counting from 0, failed ones included) made.
 *   create TYPE KS VS MAX FLAGS      -> ok FD | err ERRNO
 *   update FD KEY VALUE FLAGS        -> ok | err ERRNO
 *   lookup FD KEY FLAGS              -> ok VALUE | err ERRNO        (value as bpf_map_value_size())
 *   lookupdel FD KEY FLAGS           -> ok VALUE | err ERRNO
 *   delete FD KEY                    -> ok | err ERRNO
 *   next FD KEY                      -> ok NEXTKEY | err ERRNO       (KEY "-" asks for the first key)
 *   dump FD                          -> ok KEY:VALUE...               (GET_NEXT_KEY from NULL, then
 *                                       LOOKUP of each key; keys whose lookup fails are left out)
 *   close FD                         -> ok
 *   cpu N                            -> ok | err ERRNO               (pins this process to CPU N)
 *   prog FD INSNS                    -> ok RETVAL | err ERRNO        (socket filter; ld_imm64 map
 *                                       references get FD; test-run once on a 64-byte packet)
 *   rbstate FD                       -> ok CONS PROD REC...          (REC = LEN/B|D|C/PGOFF/HEX; stops at
 *                                       the first busy record; B busy, D discarded, C committed)
 *   rbconsume FD                     -> ok CONS                      (consumes committed records)
 * On a failed prog load the verifier log goes to stderr.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/bpf.h>
#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_FD 4096
#define MAX_LINE (1u << 22)
#define RB_BUSY (1u << 31)
#define RB_DISCARD (1u << 30)

struct map_info { uint32_t type, ks, vs, max, flags; int used; };
static struct map_info maps[MAX_FD];
#define MAX_CREATES 4096
static int created[MAX_CREATES];
static int ncreated;

static long sys_bpf(int cmd, union bpf_attr *a)
{
	return syscall(__NR_bpf, cmd, a, sizeof(*a));
}

static int possible_cpus(void)
{
	static int n;
	if (n) return n;
	FILE *f = fopen("/sys/devices/system/cpu/possible", "r");
	int lo, hi;
	n = 1;
	if (f) {
		if (fscanf(f, "%d-%d", &lo, &hi) == 2) n = hi + 1;
		fclose(f);
	}
	return n;
}

/* Mirrors the kernel's bpf_map_value_size(). */
static size_t value_size(const struct map_info *m)
{
	switch (m->type) {
	case BPF_MAP_TYPE_PERCPU_ARRAY: case BPF_MAP_TYPE_PERCPU_HASH: case BPF_MAP_TYPE_LRU_PERCPU_HASH:
		return ((m->vs + 7) & ~7u) * (size_t)possible_cpus();
	case BPF_MAP_TYPE_PROG_ARRAY: case BPF_MAP_TYPE_PERF_EVENT_ARRAY:
		return 4;
	default:
		return m->vs;
	}
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* Returns a malloc'ed buffer (NULL for "-") and its length in *len; *bad set on malformed input. */
static uint8_t *parse_hex(const char *s, size_t *len, int *bad)
{
	*len = 0;
	if (!s) { *bad = 1; return NULL; }
	if (!strcmp(s, "-")) return NULL;
	size_t n = strlen(s);
	if (n % 2) { *bad = 1; return NULL; }
	uint8_t *b = calloc(1, n / 2 + 1);
	for (size_t i = 0; i < n / 2; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);
		if (hi < 0 || lo < 0) { *bad = 1; free(b); return NULL; }
		b[i] = (uint8_t)(hi << 4 | lo);
	}
	*len = n / 2;
	return b;
}

static void put_hex(const uint8_t *b, size_t n)
{
	if (!n) { fputc('-', stdout); return; }
	for (size_t i = 0; i < n; i++) printf("%02x", b[i]);
}

static struct map_info *map_of(const char *s, int *fd)
{
	if (!s) return NULL;
	if (s[0] == '@') {
		int i = atoi(s + 1);
		*fd = i >= 0 && i < ncreated ? created[i] : -1;
	} else {
		*fd = atoi(s);
	}
	if (*fd < 0 || *fd >= MAX_FD || !maps[*fd].used) return NULL;
	return &maps[*fd];
}

/* Buffers are padded so that a short key from the test never makes the kernel read past them. */
static uint8_t *padded(uint8_t *b, size_t len, size_t want)
{
	uint8_t *p = calloc(1, (want > len ? want : len) + 8);
	if (b) memcpy(p, b, len);
	free(b);
	return p;
}

static void cmd_create(char **tok)
{
	union bpf_attr a;
	memset(&a, 0, sizeof(a));
	if (!tok[1] || !tok[2] || !tok[3] || !tok[4] || !tok[5]) { puts("err 22"); return; }
	a.map_type = (uint32_t)strtoul(tok[1], NULL, 0);
	a.key_size = (uint32_t)strtoul(tok[2], NULL, 0);
	a.value_size = (uint32_t)strtoul(tok[3], NULL, 0);
	a.max_entries = (uint32_t)strtoul(tok[4], NULL, 0);
	a.map_flags = (uint32_t)strtoul(tok[5], NULL, 0);
	int fd = (int)sys_bpf(BPF_MAP_CREATE, &a);
	int e = errno;
	if (ncreated < MAX_CREATES) created[ncreated++] = fd >= 0 && fd < MAX_FD ? fd : -1;
	if (fd < 0) { printf("err %d\n", e); return; }
	if (fd >= MAX_FD) { close(fd); puts("err 24"); return; }
	maps[fd] = (struct map_info){ a.map_type, a.key_size, a.value_size, a.max_entries, a.map_flags, 1 };
	printf("ok %d\n", fd);
}

static void cmd_elem(char **tok)
{
	const char *cmd = tok[0];
	int fd, bad = 0;
	struct map_info *m = map_of(tok[1], &fd);
	if (!m) { puts("err 9"); return; }
	size_t klen, vlen = 0, vsz = value_size(m);
	uint8_t *key = parse_hex(tok[2], &klen, &bad);
	int keynull = tok[2] && !strcmp(tok[2], "-");
	union bpf_attr a;
	memset(&a, 0, sizeof(a));
	a.map_fd = (uint32_t)fd;
	uint8_t *val = NULL, *next = NULL;
	long r;
	if (!strcmp(cmd, "update")) {
		val = parse_hex(tok[3], &vlen, &bad);
		if (bad || !tok[4]) { puts("err 22"); goto out; }
		key = padded(key, klen, m->ks);
		val = padded(val, vlen, vsz);
		a.key = keynull ? 0 : (uint64_t)(uintptr_t)key;
		a.value = (uint64_t)(uintptr_t)val;
		a.flags = strtoull(tok[4], NULL, 0);
		r = sys_bpf(BPF_MAP_UPDATE_ELEM, &a);
		if (r) printf("err %d\n", errno); else puts("ok");
	} else if (!strcmp(cmd, "lookup") || !strcmp(cmd, "lookupdel")) {
		if (bad || !tok[3]) { puts("err 22"); goto out; }
		key = padded(key, klen, m->ks);
		val = calloc(1, vsz + 8);
		a.key = keynull ? 0 : (uint64_t)(uintptr_t)key;
		a.value = (uint64_t)(uintptr_t)val;
		a.flags = strtoull(tok[3], NULL, 0);
		r = sys_bpf(!strcmp(cmd, "lookup") ? BPF_MAP_LOOKUP_ELEM : BPF_MAP_LOOKUP_AND_DELETE_ELEM, &a);
		if (r) { printf("err %d\n", errno); goto out; }
		fputs("ok ", stdout);
		put_hex(val, vsz);
		fputc('\n', stdout);
	} else if (!strcmp(cmd, "delete")) {
		if (bad) { puts("err 22"); goto out; }
		key = padded(key, klen, m->ks);
		a.key = keynull ? 0 : (uint64_t)(uintptr_t)key;
		r = sys_bpf(BPF_MAP_DELETE_ELEM, &a);
		if (r) printf("err %d\n", errno); else puts("ok");
	} else { /* next */
		if (bad) { puts("err 22"); goto out; }
		key = padded(key, klen, m->ks);
		next = calloc(1, m->ks + 8);
		a.key = keynull ? 0 : (uint64_t)(uintptr_t)key;
		a.next_key = (uint64_t)(uintptr_t)next;
		r = sys_bpf(BPF_MAP_GET_NEXT_KEY, &a);
		if (r) { printf("err %d\n", errno); goto out; }
		fputs("ok ", stdout);
		put_hex(next, m->ks);
		fputc('\n', stdout);
	}
out:
	free(key); free(val); free(next);
}

static void cmd_dump(char **tok)
{
	int fd;
	struct map_info *m = map_of(tok[1], &fd);
	if (!m) { puts("err 9"); return; }
	size_t vsz = value_size(m);
	uint8_t *key = calloc(1, m->ks + 8), *next = calloc(1, m->ks + 8), *val = calloc(1, vsz + 8);
	union bpf_attr a;
	int have_key = 0;
	fputs("ok", stdout);
	/* a guard against a kernel that keeps answering: no map here holds more than a million keys */
	for (long guard = 0; guard < (1l << 20); guard++) {
		memset(&a, 0, sizeof(a));
		a.map_fd = (uint32_t)fd;
		a.key = have_key ? (uint64_t)(uintptr_t)key : 0;
		a.next_key = (uint64_t)(uintptr_t)next;
		if (sys_bpf(BPF_MAP_GET_NEXT_KEY, &a)) break;
		memset(&a, 0, sizeof(a));
		a.map_fd = (uint32_t)fd;
		a.key = (uint64_t)(uintptr_t)next;
		a.value = (uint64_t)(uintptr_t)val;
		if (sys_bpf(BPF_MAP_LOOKUP_ELEM, &a) == 0) {
			fputc(' ', stdout);
			put_hex(next, m->ks);
			fputc(':', stdout);
			put_hex(val, vsz);
		}
		memcpy(key, next, m->ks);
		have_key = 1;
	}
	fputc('\n', stdout);
	free(key); free(next); free(val);
}

static void cmd_prog(char **tok)
{
	int fd, bad = 0;
	struct map_info *m = map_of(tok[1], &fd);
	if (!m) { puts("err 9"); return; }
	size_t len;
	uint8_t *code = parse_hex(tok[2], &len, &bad);
	if (bad || !code || len % 8) { free(code); puts("err 22"); return; }
	struct bpf_insn *insns = (struct bpf_insn *)code;
	size_t n = len / 8;
	for (size_t i = 0; i + 1 < n; i++)
		if (insns[i].code == (BPF_LD | BPF_DW | BPF_IMM) && insns[i].src_reg == BPF_PSEUDO_MAP_FD) {
			insns[i].imm = fd;
			i++;
		}
	static char log[1 << 20];
	union bpf_attr a;
	memset(&a, 0, sizeof(a));
	a.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	a.insns = (uint64_t)(uintptr_t)insns;
	a.insn_cnt = (uint32_t)n;
	a.license = (uint64_t)(uintptr_t)"GPL";
	a.log_buf = (uint64_t)(uintptr_t)log;
	a.log_size = sizeof(log);
	a.log_level = 1;
	log[0] = 0;
	int pfd = (int)sys_bpf(BPF_PROG_LOAD, &a);
	free(code);
	if (pfd < 0) {
		int e = errno;
		fprintf(stderr, "prog load failed (%d):\n%s\n", e, log);
		printf("err %d\n", e);
		return;
	}
	uint8_t pkt[64] = { 0 }, out[128];
	memset(&a, 0, sizeof(a));
	a.test.prog_fd = (uint32_t)pfd;
	a.test.data_in = (uint64_t)(uintptr_t)pkt;
	a.test.data_size_in = sizeof(pkt);
	a.test.data_out = (uint64_t)(uintptr_t)out;
	a.test.data_size_out = sizeof(out);
	a.test.repeat = 1;
	long r = sys_bpf(BPF_PROG_TEST_RUN, &a);
	int e = errno;
	close(pfd);
	if (r) { printf("err %d\n", e); return; }
	printf("ok %u\n", a.test.retval);
}

struct rb_view { volatile unsigned long *cons; volatile unsigned long *prod; uint8_t *data; size_t size, cons_len, prod_len; };

static int rb_map(int fd, struct map_info *m, struct rb_view *v)
{
	long page = sysconf(_SC_PAGESIZE);
	v->size = m->max;
	v->cons_len = (size_t)page;
	v->prod_len = (size_t)page + 2 * v->size;
	void *c = mmap(NULL, v->cons_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (c == MAP_FAILED) return -1;
	void *p = mmap(NULL, v->prod_len, PROT_READ, MAP_SHARED, fd, page);
	if (p == MAP_FAILED) { munmap(c, v->cons_len); return -1; }
	v->cons = c;
	v->prod = p;
	v->data = (uint8_t *)p + page;
	return 0;
}

static void rb_unmap(struct rb_view *v)
{
	munmap((void *)v->cons, v->cons_len);
	munmap((void *)v->prod, v->prod_len);
}

static void cmd_rb(char **tok)
{
	int fd;
	struct map_info *m = map_of(tok[1], &fd);
	if (!m || m->type != BPF_MAP_TYPE_RINGBUF) { puts("err 9"); return; }
	struct rb_view v;
	if (rb_map(fd, m, &v)) { printf("err %d\n", errno); return; }
	unsigned long cons = *v.cons, prod = *v.prod, mask = v.size - 1;
	if (!strcmp(tok[0], "rbstate")) {
		printf("ok %lu %lu", cons, prod);
		for (unsigned long pos = cons; pos < prod;) {
			uint32_t len = *(volatile uint32_t *)(v.data + (pos & mask));
			uint32_t pgoff = *(volatile uint32_t *)(v.data + (pos & mask) + 4);
			uint32_t sz = len & ~(RB_BUSY | RB_DISCARD);
			printf(" %u/%c/%u/", sz, len & RB_BUSY ? 'B' : len & RB_DISCARD ? 'D' : 'C', pgoff);
			if (len & RB_BUSY) { fputc('-', stdout); break; }
			/* data pages are mapped twice, so a record that wraps reads contiguously */
			put_hex(v.data + (pos & mask) + 8, sz);
			pos += (sz + 8 + 7) & ~7ul;
		}
		fputc('\n', stdout);
	} else {
		while (cons < prod) {
			uint32_t len = *(volatile uint32_t *)(v.data + (cons & mask));
			if (len & RB_BUSY) break;
			cons += ((len & ~(RB_BUSY | RB_DISCARD)) + 8 + 7) & ~7ul;
		}
		*v.cons = cons;
		printf("ok %lu\n", cons);
	}
	rb_unmap(&v);
}

int main(void)
{
	static char line[MAX_LINE];
	char *tok[16];
	setvbuf(stdout, NULL, _IOLBF, 0);
	while (fgets(line, sizeof(line), stdin)) {
		int nt = 0;
		for (char *s = strtok(line, " \t\r\n"); s && nt < 15; s = strtok(NULL, " \t\r\n")) tok[nt++] = s;
		tok[nt] = NULL;
		if (!nt) { puts("err 22"); continue; }
		if (!strcmp(tok[0], "create")) cmd_create(tok);
		else if (!strcmp(tok[0], "update") || !strcmp(tok[0], "lookup") || !strcmp(tok[0], "lookupdel") ||
			 !strcmp(tok[0], "delete") || !strcmp(tok[0], "next")) cmd_elem(tok);
		else if (!strcmp(tok[0], "dump")) cmd_dump(tok);
		else if (!strcmp(tok[0], "close")) {
			int fd;
			if (map_of(tok[1], &fd)) { close(fd); maps[fd].used = 0; }
			puts("ok");
		} else if (!strcmp(tok[0], "cpu")) {
			cpu_set_t set;
			CPU_ZERO(&set);
			CPU_SET(tok[1] ? atoi(tok[1]) : 0, &set);
			if (sched_setaffinity(0, sizeof(set), &set)) printf("err %d\n", errno); else puts("ok");
		} else if (!strcmp(tok[0], "prog")) cmd_prog(tok);
		else if (!strcmp(tok[0], "rbstate") || !strcmp(tok[0], "rbconsume")) cmd_rb(tok);
		else puts("err 22");
	}
	return 0;
}
