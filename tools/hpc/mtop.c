// SPDX-License-Identifier: GPL-2.0
/*
 * mtop: top with the openMosix node column.
 *
 *   mtop [-b] [-d SECONDS] [-n FRAMES]
 *
 *   -b		batch: frames one after another, separated by a blank line,
 *		without escapes (the default when stdout is no terminal)
 *   -d SECONDS	time between frames (default 1, fractions too)
 *   -n FRAMES	exit after so many frames
 *   -h		this help
 *
 * Each frame: the time, the number of processes and /proc/loadavg; the
 * nodes of the cluster with their load (1.00 = one busy reference CPU,
 * '*' marks this node) from /proc/hpc/nodes, when there is one; then
 *
 *     PID USER     NODE  %CPU  TIME COMMAND
 *
 * by %CPU, the share of one CPU the process took since the frame before
 * (the first frame comes after one delay). NODE is where the process
 * runs now, '-' without openMosix. On a terminal mtop redraws in place,
 * fits its size and quits on 'q'. $HPC_PROC replaces /proc/hpc.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "hpclib.h"
#include "procview.h"
#include "term.h"

#define HPC_NODE_UP	0x02

static const char *proc = HPC_PROC;
static int tty, rows = 24, cols = 80, used;

static void __attribute__((noreturn)) usage(int status)
{
	fprintf(status ? stderr : stdout,
		"usage: mtop [-b] [-d SECONDS] [-n FRAMES]\n"
		"  -b batch output, -d seconds between frames (1),\n"
		"  -n exit after FRAMES; key q quits\n");
	exit(status);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One line of a frame: on a terminal cut to its width, none past its end. */
static void __attribute__((format(printf, 2, 3)))
emit(int rev, const char *fmt, ...)
{
	char buf[4096];
	va_list ap;
	int n, max;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	n = n < (int)sizeof(buf) ? n : (int)sizeof(buf) - 1;
	if (!tty) {
		printf("%s\n", buf);
		return;
	}
	if (used >= rows)
		return;
	/* Nothing in the last column of the last row: it would scroll */
	max = used == rows - 1 ? cols - 1 : cols;
	n = n < max ? n : max;
	printf("%s%.*s", rev ? "\033[7m" : "", n, buf);
	if (rev)
		printf("%*s\033[m", max - n, "");
	else if (n < cols)
		fputs("\033[K", stdout);
	if (++used < rows)
		putchar('\n');
}

static int by_id(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a;
	unsigned long y = *(const unsigned long *)b;

	return (x > y) - (x < y);
}

/* "nodes: 1*:0.52 2:1.03 3:down" from HPC_PROC/nodes, or "". */
static void nodes_line(char *buf, size_t size)
{
	static unsigned long *ids;
	static int cap;
	unsigned int self, status, load;
	const char *star;
	char path[512], *end;
	struct dirent *de;
	size_t len = 0;
	int i, n = 0;
	DIR *d;

	buf[0] = 0;
	snprintf(path, sizeof(path), "%s/nodes", proc);
	d = opendir(path);
	if (!d)
		return;
	while ((de = readdir(d))) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			ids = realloc(ids, cap * sizeof(*ids));
			if (!ids)
				die("out of memory");
		}
		ids[n] = strtoul(de->d_name, &end, 10);
		n += !*end;
	}
	closedir(d);
	qsort(ids, n, sizeof(*ids), by_id);
	snprintf(path, sizeof(path), "%s/admin/mospe", proc);
	if (read_proc_uint(path, &self))
		self = 0;
	len = snprintf(buf, size, "nodes:");
	for (i = 0; i < n && len < size; i++) {
		/* No status: the node left the map meanwhile */
		snprintf(path, sizeof(path), "%s/nodes/%lu/status", proc,
			 ids[i]);
		if (read_proc_uint(path, &status))
			continue;
		snprintf(path, sizeof(path), "%s/nodes/%lu/load", proc, ids[i]);
		star = ids[i] == self ? "*" : "";
		if (!(status & HPC_NODE_UP) || read_proc_uint(path, &load))
			len += snprintf(buf + len, size - len, " %lu%s:down",
					ids[i], star);
		else	/* 1000: one busy reference CPU */
			len += snprintf(buf + len, size - len, " %lu%s:%u.%02u",
					ids[i], star, (load + 5) / 1000,
					(load + 5) / 10 % 100);
	}
}

static const struct pv_proc **view;	/* the last frame's, by %CPU */
static int nview;

static int by_cpu(const void *a, const void *b)
{
	const struct pv_proc *x = *(const struct pv_proc **)a;
	const struct pv_proc *y = *(const struct pv_proc **)b;

	if (x->cpu != y->cpu)
		return x->cpu < y->cpu ? 1 : -1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* Each process's share of a CPU between two scans; the view of cur. */
static void rate(struct pv_list *cur, const struct pv_list *prev,
		 double secs)
{
	const struct pv_proc *o;
	unsigned long long d;
	int i;

	view = realloc(view, (cur->n + 1) * sizeof(*view));
	if (!view)
		die("out of memory");
	for (i = 0; i < cur->n; i++) {
		o = pv_find(prev, cur->p[i].pid);
		d = cur->p[i].ticks;
		if (o && o->start == cur->p[i].start && o->ticks <= d)
			d -= o->ticks;
		cur->p[i].cpu = 100.0 * d / pv_hz() / secs;
		view[i] = &cur->p[i];
	}
	nview = cur->n;
	qsort(view, nview, sizeof(*view), by_cpu);
}

static void draw(const char *nodes)
{
	char buf[256], tm[32], node[16];
	const struct pv_proc *p;
	time_t t = time(NULL);
	size_t len;
	char *s;
	int i;

	used = 0;
	if (tty)
		fputs("\033[H", stdout);
	strftime(tm, sizeof(tm), "%H:%M:%S", localtime(&t));
	s = read_all("/proc/loadavg", &len);
	if (s)
		s[strcspn(s, "\n")] = 0;
	emit(0, "mtop - %s  %d processes  load: %s", tm, nview, s ? s : "?");
	free(s);
	if (*nodes)
		emit(0, "%s", nodes);
	emit(0, "%s", "");
	emit(1, "%s", "  PID USER     NODE  %CPU  TIME COMMAND");
	for (i = 0; i < nview && (!tty || used < rows); i++) {
		p = view[i];
		pv_time(p->ticks, tm, sizeof(tm));
		snprintf(buf, sizeof(buf), "%5d %-8.8s %4s %5.1f %5s ", p->pid,
			 pv_user(p->uid), pv_node(p, node, sizeof(node)),
			 p->cpu, tm);
		emit(0, "%s%s", buf, p->cmd);
	}
	if (tty && used < rows)
		fputs("\033[J", stdout);
	fflush(stdout);
}

static void get_size(void)
{
	term_size(&rows, &cols);
}

/* Sleep until the deadline, taking keys and redrawing after a resize. */
static void wait_until(double end, const char *nodes)
{
	char in[64];
	double left;
	int i, r;

	while (!term_quit && (left = end - now()) > 0) {
		r = term_keys(in, sizeof(in), left);
		if (term_resized) {
			term_resized = 0;
			get_size();
			if (view)
				draw(nodes);
		}
		for (i = 0; i < r; i++)
			if (in[i] == 'q' || in[i] == 'Q')
				term_quit = 1;
	}
}

int main(int argc, char **argv)
{
	struct pv_list a = { 0 }, b = { 0 }, *cur = &a, *prev = &b, *tmp;
	unsigned long frames = 0, nframes = 0;
	const char *e = getenv("HPC_PROC");
	int c, batch = 0;
	double delay = 1, t0, t1;
	char nodes[2048];

	prog = "mtop";
	if (e && *e)
		proc = e;
	opterr = 0;
	while ((c = getopt(argc, argv, ":bd:n:h")) != -1) {
		switch (c) {
		case 'b':
			batch = 1;
			break;
		case 'd':
			delay = opt_seconds(optarg);
			break;
		case 'n':
			nframes = opt_count(optarg);
			break;
		case 'h':
			usage(0);
		default:
			opt_complain(c);
			usage(2);
		}
	}
	if (optind != argc) {
		fprintf(stderr, "mtop: unexpected '%s'\n", argv[optind]);
		usage(2);
	}
	tty = !batch && isatty(1);
	if (tty)
		term_setup("\033[?25l\033[2J", "\033[?25h\n");

	nodes[0] = 0;
	t0 = now();
	pv_scan(prev);
	while (!term_quit) {
		wait_until(t0 + delay, nodes);
		if (term_quit)
			break;
		t1 = now();
		pv_scan(cur);
		rate(cur, prev, t1 - t0);
		nodes_line(nodes, sizeof(nodes));
		if (!tty && frames)
			putchar('\n');
		draw(nodes);
		if (++frames == nframes)
			break;
		tmp = prev;
		prev = cur;
		cur = tmp;
		t0 = t1;
	}
	pv_free(&a);
	pv_free(&b);
	free(view);
	return 0;
}
