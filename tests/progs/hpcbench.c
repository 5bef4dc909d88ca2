// SPDX-License-Identifier: GPL-2.0
/*
 * hpcbench: the guest side of make bench (tests/bench/run). Every time
 * is taken inside the guest, with CLOCK_MONOTONIC, which a moved
 * process keeps continuous across nodes (frozen while it travels), except
 * the stop of a move, which hold measures on the home node's clock.
 *
 *   hold MB            touches MB megabytes, prints "ready", then sleeps
 *                      20 ms at a time and keeps the longest gap, on the
 *                      home node's clock, between two wake-ups: the time
 *                      it was stopped by a move (10 ms resolution, plus
 *                      a forwarded read when it runs away from home).
 *                      SIGUSR1 prints "gap MS" (and starts over).
 *   time CMD ARG...    runs CMD, prints "US STATUS" (its wall time)
 *   calls N [NODE]     (moved to NODE first) N getppid() and N one-byte
 *                      reads of /dev/zero, each in 20 chunks: "NULL_NS
 *                      READ_NS NULL_BEST READ_BEST", ns per call on
 *                      average and in the fastest chunk
 *   fileio FILE BLOCK KB [NODE]
 *                      (moved to NODE first) writes KB kilobytes to FILE
 *                      in BLOCK-byte writes, then reads them back:
 *                      "WRITE_MBPS READ_MBPS" (10^6 bytes a second)
 *   work N [NODE]      (moved to NODE first) N million rounds of a
 *                      multiply-xor loop: "MS BIT NMIGS", BIT a bit of
 *                      the result, NMIGS the moves it made (its
 *                      /proc/self/nmigs at the end)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* Move the caller to @node ("home" or a number); exit 100 on failure. */
static void go(const char *node)
{
	int fd;

	if (!node)
		return;
	fd = open("/proc/self/goto", O_WRONLY);
	if (fd < 0 || write(fd, node, strlen(node)) != (ssize_t)strlen(node)) {
		fprintf(stderr, "hpcbench: move to %s: %s\n", node,
			strerror(errno));
		exit(100);
	}
	close(fd);
}

static volatile sig_atomic_t report;

static void on_usr1(int sig)
{
	(void)sig;
	report = 1;
}

/*
 * The home node's uptime in ms. The file was opened at home, so a moved
 * process reads it through its deputy: one clock for every node it runs
 * on (its own CLOCK_MONOTONIC is frozen while it is on its way).
 */
static long long home_ms(int fd)
{
	char b[64];
	ssize_t n = pread(fd, b, sizeof(b) - 1, 0);
	unsigned long s, cs;

	if (n <= 0)
		return -1;
	b[n] = 0;
	if (sscanf(b, "%lu.%lu", &s, &cs) != 2)
		return -1;
	return s * 1000LL + cs * 10;
}

static int b_hold(long mb)
{
	size_t len = (size_t)mb << 20, i;
	struct timespec nap = { 0, 20000000 };
	struct sigaction sa = { .sa_handler = on_usr1 };
	unsigned char *a = mmap(NULL, len, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fd = open("/proc/uptime", O_RDONLY);
	long long last, now, gap = 0;

	if (a == MAP_FAILED || fd < 0)
		return 1;
	for (i = 0; i < len; i += 4096)
		a[i] = (unsigned char)(i >> 12) | 1;
	sigaction(SIGUSR1, &sa, NULL);
	printf("ready\n");
	fflush(stdout);
	last = home_ms(fd);
	for (;;) {
		nanosleep(&nap, NULL);
		now = home_ms(fd);
		if (now < 0)
			return 1;
		if (now - last > gap)
			gap = now - last;
		last = now;
		if (report) {
			report = 0;
			printf("gap %lld\n", gap);
			fflush(stdout);
			gap = 0;
			last = home_ms(fd);
		}
	}
}

static int b_time(char **argv)
{
	uint64_t t = mono_ns();
	pid_t pid = fork();
	int st;

	if (pid < 0)
		return 1;
	if (!pid) {
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) < 0)
		return 1;
	st = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	printf("%llu %d\n", (unsigned long long)(mono_ns() - t) / 1000, st);
	return st;
}

#define CHUNKS 20

/*
 * N calls in CHUNKS chunks: the mean ns per call, and that of the
 * fastest chunk, which a host that takes the CPU away now and then
 * (TCG) spoils least.
 */
static int time_calls(long n, int fd, uint64_t *mean, uint64_t *best)
{
	long per = n / CHUNKS > 0 ? n / CHUNKS : 1, i, k;
	uint64_t t0 = mono_ns(), t, d;
	char c;

	*best = UINT64_MAX;
	for (k = 0; k < CHUNKS; k++) {
		t = mono_ns();
		for (i = 0; i < per; i++) {
			if (fd < 0)
				getppid();
			else if (read(fd, &c, 1) != 1)
				return 1;
		}
		d = (mono_ns() - t) / per;
		if (d < *best)
			*best = d;
	}
	*mean = (mono_ns() - t0) / (per * CHUNKS);
	return 0;
}

static int b_calls(long n, const char *node)
{
	uint64_t null_ns, null_best, read_ns, read_best;
	int fd = open("/dev/zero", O_RDONLY);

	if (fd < 0 || n <= 0)
		return 1;
	go(node);
	if (time_calls(n, -1, &null_ns, &null_best) ||
	    time_calls(n, fd, &read_ns, &read_best))
		return 1;
	printf("%llu %llu %llu %llu\n", (unsigned long long)null_ns,
	       (unsigned long long)read_ns, (unsigned long long)null_best,
	       (unsigned long long)read_best);
	return 0;
}

static int b_fileio(const char *file, long block, long kb, const char *node)
{
	long long total = kb * 1024LL, done;
	uint64_t t, w;
	char *buf = malloc(block);
	ssize_t r;
	int fd;

	if (!buf || block <= 0 || total < block)
		return 1;
	memset(buf, 0x5a, block);
	go(node);
	fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return 1;
	t = mono_ns();
	for (done = 0; done < total; done += block)
		if (write(fd, buf, block) != block)
			return 2;
	w = mono_ns() - t;
	if (lseek(fd, 0, SEEK_SET))
		return 1;
	t = mono_ns();
	for (done = 0; done < total; done += r) {
		r = read(fd, buf, block);
		if (r <= 0)
			return 3;
	}
	t = mono_ns() - t;
	close(fd);
	unlink(file);
	printf("%.2f %.2f\n", total * 1e3 / w, total * 1e3 / t);
	return 0;
}

/* The moves this process made, or 0 when it cannot tell. */
static int nmigs(void)
{
	FILE *f = fopen("/proc/self/nmigs", "r");
	int n = 0;

	if (f) {
		if (fscanf(f, "%d", &n) != 1)
			n = 0;
		fclose(f);
	}
	return n;
}

static int b_work(long n, const char *node)
{
	uint64_t t, h = 1;
	long i;

	go(node);
	t = mono_ns();
	for (i = 0; i < n * 1000000L; i++)
		h = (h ^ (uint64_t)i) * 0x100000001b3ULL;
	t = mono_ns() - t;
	printf("%llu %d %d\n", (unsigned long long)t / 1000000, (int)(h & 1),
	       nmigs());
	return 0;
}

int main(int argc, char **argv)
{
	const char *t = argc > 1 ? argv[1] : "";

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(t, "hold") && argc == 3)
		return b_hold(atol(argv[2]));
	if (!strcmp(t, "time") && argc > 2)
		return b_time(argv + 2);
	if (!strcmp(t, "calls") && (argc == 3 || argc == 4))
		return b_calls(atol(argv[2]), argv[3]);
	if (!strcmp(t, "fileio") && (argc == 5 || argc == 6))
		return b_fileio(argv[2], atol(argv[3]), atol(argv[4]), argv[5]);
	if (!strcmp(t, "work") && (argc == 3 || argc == 4))
		return b_work(atol(argv[2]), argv[3]);
	fprintf(stderr, "usage: hpcbench hold MB | time CMD... | calls N [NODE] |\n"
		"       fileio FILE BLOCK KB [NODE] | work N [NODE]\n");
	return 2;
}
