// SPDX-License-Identifier: GPL-2.0
/*
 * mosmon: a live monitor of the openMosix cluster, one bar per node.
 *
 *   mosmon [-l|-s|-m|-u] [-d SECONDS] [-n FRAMES]
 *
 *   -l		load, 1.00 = one busy reference CPU (the default)
 *   -s		speed, 10000 = the reference CPU
 *   -m		memory used ('#') and free ('.') against the biggest node's
 *		total
 *   -u		utilisation
 *   -d SECONDS	time between redraws (default 1)
 *   -n FRAMES	exit after so many frames
 *
 * Keys: l, s, m, u show load, speed, memory, utilisation; q quits.
 *
 * Under each bar is its node number, written downwards digit by digit
 * when the bars are narrow; '*' under a bar marks this node, DOWN in it
 * a node not heard from lately. When standard output is not a terminal,
 * frames of $COLUMNS x $LINES (80x24) are printed one after another,
 * without escapes, and the terminal is left alone. Without a map, mosmon
 * says so and waits for one on a terminal, exits 1 elsewhere.
 * $HPC_PROC replaces /proc/hpc.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <hpc/load.h>
#include "hpclib.h"
#include "term.h"

#define SCALEW	7	/* the scale: six characters of value and a '|' */

enum mode { M_LOAD, M_SPEED, M_MEM, M_UTIL };
static const char mode_keys[] = "lsmu";	/* in that order */

static const char *const mode_name[] = {
	[M_LOAD] = "load (1.00 = one busy reference CPU)",
	[M_SPEED] = "speed (10000 = the reference CPU)",
	[M_MEM] = "memory: # used, . free",
	[M_UTIL] = "utilisation",
};

enum { F_STATUS, F_LOAD, F_SPEED, F_MEM, F_TMEM, F_UTIL, NF };
static const char *const field[NF] = {
	"status", "load", "speed", "mem", "tmem", "util"
};

struct node {
	unsigned int id;
	unsigned long long f[NF];
};

static const char *proc = HPC_PROC;
static struct node *nodes;
static int nr_nodes, cap_nodes;
static unsigned int self;

static int tty;			/* drawing on a terminal */
static int alt;			/* on its alternate screen */

static int rows, cols;
static char *scr;		/* rows x cols characters */
static char *att;		/* ... and their attributes: */
enum { A_NONE, A_REV, A_BOLD };

static void __attribute__((noreturn)) usage(int status)
{
	fprintf(status ? stderr : stdout,
		"usage: mosmon [-l|-s|-m|-u] [-d SECONDS] [-n FRAMES]\n"
		"  -l load, -s speed, -m memory, -u utilisation\n"
		"  -d seconds between redraws (1), -n exit after FRAMES\n"
		"  keys: l s m u switch, q quits\n");
	exit(status);
}

/* HPC_PROC/nodes/ID/FILE: 0, or -1 if it cannot be read. */
static int node_val(unsigned int id, const char *file, unsigned long long *v)
{
	char path[512], *s, *end;
	size_t len;
	int err;

	snprintf(path, sizeof(path), "%s/nodes/%u/%s", proc, id, file);
	s = read_all(path, &len);
	if (!s)
		return -1;
	*v = strtoull(s, &end, 10);
	err = end == s ? -1 : 0;
	free(s);
	return err;
}

static int by_id(const void *a, const void *b)
{
	const struct node *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* Read the cluster map from HPC_PROC/nodes: 0, or -1 if there is none. */
static int load_nodes(void)
{
	char path[512], *end;
	struct dirent *de;
	struct node *n;
	unsigned long id;
	DIR *d;
	int i;

	nr_nodes = 0;
	snprintf(path, sizeof(path), "%s/nodes", proc);
	d = opendir(path);
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		id = strtoul(de->d_name, &end, 10);
		if (!isdigit((unsigned char)de->d_name[0]) || *end || !id ||
		    id > 65535)
			continue;
		if (nr_nodes == cap_nodes) {
			cap_nodes = cap_nodes ? 2 * cap_nodes : 64;
			nodes = realloc(nodes, cap_nodes * sizeof(*nodes));
			if (!nodes)
				die("out of memory");
		}
		n = &nodes[nr_nodes];
		n->id = id;
		/* No status: the node left the map meanwhile */
		if (node_val(id, field[F_STATUS], &n->f[F_STATUS]))
			continue;
		for (i = F_LOAD; i < NF; i++)
			if (node_val(id, field[i], &n->f[i]))
				n->f[i] = 0;
		nr_nodes++;
	}
	closedir(d);
	qsort(nodes, nr_nodes, sizeof(*nodes), by_id);
	snprintf(path, sizeof(path), "%s/admin/mospe", proc);
	if (read_proc_uint(path, &self))
		self = 0;
	return nr_nodes ? 0 : -1;
}

static unsigned long long value(const struct node *n, enum mode m)
{
	if (m == M_MEM)
		return n->f[F_TMEM] > n->f[F_MEM] ?
		       n->f[F_TMEM] - n->f[F_MEM] : 0;
	if (m == M_UTIL)
		return n->f[F_UTIL] > 1000 ? 1000 : n->f[F_UTIL];
	return n->f[m == M_LOAD ? F_LOAD : F_SPEED];
}

/* At most six characters, for the scale and the summary. */
static void fmt(enum mode m, unsigned long long v, char *buf, size_t size)
{
	static const char unit[] = "BKMGTPE";
	double d = v;
	int u = 0;

	switch (m) {
	case M_LOAD:
		v = (v + 5) / 10;
		snprintf(buf, size, v < 100000 ? "%llu.%02llu" : "%llu",
			 v / 100, v % 100);
		break;
	case M_SPEED:
		snprintf(buf, size, v < 1000000 ? "%llu" : "%lluk",
			 v < 1000000 ? v : v / 1000);
		break;
	case M_MEM:
		while (d >= 1000 && unit[u + 1]) {
			d /= 1024;
			u++;
		}
		snprintf(buf, size, d < 10 && u ? "%.1f%c" : "%.0f%c", d,
			 unit[u]);
		break;
	default:
		snprintf(buf, size, "%llu%%", (v + 5) / 10);
	}
}

/* The least 1, 2, 2.5 or 5 times a power of ten >= v; ticks that fit. */
static unsigned long long nice_up(unsigned long long v, int *ticks)
{
	unsigned long long p = 1;

	while (p <= v / 10)
		p *= 10;
	*ticks = 4;
	if (v <= p)
		return p;
	if (v <= 2 * p)
		return 2 * p;
	*ticks = 5;
	if (p >= 10 && v <= p / 2 * 5)
		return p / 2 * 5;
	return v <= 5 * p ? 5 * p : 10 * p;
}

static void cell(int y, int x, char c, char a)
{
	if (y < 0 || y >= rows || x < 0 || x >= cols)
		return;
	scr[y * cols + x] = c;
	att[y * cols + x] = a;
}

static void put(int y, int x, const char *s, char a)
{
	while (*s)
		cell(y, x++, *s++, a);
}

static void get_size(void)
{
	const char *s;

	rows = 24;
	cols = 80;
	if (!tty || term_size(&rows, &cols)) {
		s = getenv("COLUMNS");
		if (s && atoi(s) > 0)
			cols = atoi(s);
		s = getenv("LINES");
		if (s && atoi(s) > 0)
			rows = atoi(s);
	}
	rows = rows > 1000 ? 1000 : rows;
	cols = cols > 1000 ? 1000 : cols;
	scr = realloc(scr, rows * cols);
	att = realloc(att, rows * cols);
	if (!scr || !att)
		die("out of memory");
}

/* The layout of a frame, see draw() */
static int shown, slot, gap, w, h, base, labrows;
static unsigned long long top;

static void draw_node(const struct node *n, enum mode m, int x)
{
	char a = n->id == self ? A_REV : A_NONE, num[32];
	unsigned long long v = value(n, m);
	int k, y, len, tot, c = x + (w - 1) / 2;

	if (!(n->f[F_STATUS] & HPC_NODE_UP)) {
		if (w >= 4) {
			put(base - 1, x + (w - 4) / 2, "DOWN", A_BOLD);
		} else {
			len = h < 4 ? h : 4;
			for (k = 0; k < len; k++)
				cell(base - len + k, c, "DOWN"[k], A_BOLD);
		}
	}
	len = (v * h + top / 2) / top;
	tot = m == M_MEM ? (n->f[F_TMEM] * h + top / 2) / top : 0;
	for (k = 0; k < w; k++) {
		cell(base, x + k, a ? '*' : n->f[F_STATUS] & HPC_NODE_UP ?
		     '-' : 'x', a);
		if (!(n->f[F_STATUS] & HPC_NODE_UP))
			continue;
		for (y = 1; y <= h && (y <= len || y <= tot); y++)
			cell(base - y, x + k, y <= len ? '#' : '.', A_NONE);
		if (!len && v && m != M_MEM)
			cell(base - 1, x + k, '_', A_NONE);
	}

	/* The value on the bar, where it fits */
	fmt(m, v, num, sizeof(num));
	if (m == M_MEM) {
		k = strlen(num);
		num[k++] = '/';
		fmt(m, n->f[F_TMEM], num + k, sizeof(num) - k);
		if ((int)strlen(num) > w)
			num[k - 1] = 0;
	}
	y = len > tot ? len : tot;
	if (labrows == 1 && (int)strlen(num) <= w &&
	    n->f[F_STATUS] & HPC_NODE_UP)
		put(y < h ? base - y - 1 : 1, x + (w - strlen(num)) / 2, num,
		    y < h ? A_NONE : A_REV);

	/* The node number: across, or downwards digit by digit */
	snprintf(num, sizeof(num), "%u", n->id);
	len = strlen(num);
	if (labrows == 1)
		put(base + 1, x + (w >= len ? (w - len) / 2 : w - len), num, a);
	else
		for (k = 0; k < len; k++)
			cell(base + 1 + labrows - len + k, c, num[k], a);
}

/*
 * Row 0 is the title, rows 1..h the bars, h + 1 the baseline, then the
 * node numbers (one row, or one row per digit) and the summary line.
 * The scale takes the first SCALEW columns, each node a slot of the
 * rest: a gap, then its bar.
 */
static void draw(enum mode m, int loaded)
{
	unsigned long long v, sum = 0, tsum = 0;
	int i, k, x, len, digits, ticks = 4, up = 0;
	char buf[256], num[32];
	const struct node *n;

	memset(scr, ' ', rows * cols);
	memset(att, A_NONE, rows * cols);
	for (x = 0; x < cols; x++)
		cell(0, x, ' ', A_REV);
	len = snprintf(buf, sizeof(buf), "mosmon: %s", mode_name[m]);
	put(0, 0, buf, A_REV);
	if (cols - len >= 30)
		put(0, cols - 28, "l s m u: switch   q: quit", A_REV);
	if (!loaded) {
		len = snprintf(buf, sizeof(buf),
			       "no cluster map loaded (%s/nodes)", proc);
		put(rows / 2, len < cols ? (cols - len) / 2 : 0, buf, A_BOLD);
		return;
	}
	shown = cols - SCALEW < nr_nodes ? cols - SCALEW : nr_nodes;
	if (shown < 1) {
		put(rows > 1, 0, "terminal too small", A_BOLD);
		return;
	}
	digits = snprintf(num, sizeof(num), "%u", nodes[shown - 1].id);
	slot = (cols - SCALEW) / shown;
	labrows = slot > digits ? 1 : digits;
	gap = slot < 2 ? 0 : slot < 6 ? 1 : slot / 4;
	w = slot - gap;
	h = rows - 3 - labrows;
	base = h + 1;
	if (h < 2) {
		put(rows > 1, 0, "terminal too small", A_BOLD);
		return;
	}

	/* The scale: whole reference CPUs, the biggest memory, or 100% */
	for (i = 0, top = 0; i < nr_nodes; i++) {
		n = &nodes[i];
		if (!(n->f[F_STATUS] & HPC_NODE_UP))
			continue;
		v = m == M_MEM ? n->f[F_TMEM] : value(n, m);
		if (i < shown && v > top)
			top = v;
		sum += value(n, m);
		tsum += n->f[F_TMEM];
		up++;
	}
	if (m == M_LOAD)
		top = nice_up(top > 1000 ? top : 1000, &ticks);
	else if (m == M_SPEED)
		top = nice_up(top > HPC_SPEED_REF ? top : HPC_SPEED_REF,
			      &ticks);
	else if (m == M_UTIL)
		top = 1000;
	top = top ? top : 1;
	while (ticks > 1 && h < 2 * ticks)
		ticks = ticks % 2 ? 1 : ticks / 2;
	for (i = 1; i <= h; i++)
		cell(base - i, SCALEW - 1, '|', A_NONE);
	put(base, SCALEW - 2, "0+", A_NONE);
	for (k = 1; k <= ticks; k++) {
		fmt(m, top * k / ticks, num, sizeof(num));
		num[SCALEW - 1] = 0;
		put(base - (k * h + ticks / 2) / ticks,
		    SCALEW - 1 - strlen(num), num, A_NONE);
	}

	for (x = SCALEW; x < SCALEW + shown * slot; x++)
		cell(base, x, '-', A_NONE);
	for (i = 0; i < shown; i++)
		draw_node(&nodes[i], m, SCALEW + i * slot + gap);

	len = snprintf(buf, sizeof(buf), "%d node%s, %d down", nr_nodes,
		       nr_nodes == 1 ? "" : "s", nr_nodes - up);
	if (self)
		len += snprintf(buf + len, sizeof(buf) - len,
				", this is %u (*)", self);
	fmt(m, m == M_UTIL && up ? sum / up : sum, num, sizeof(num));
	len += snprintf(buf + len, sizeof(buf) - len, "; %s %s",
			m == M_UTIL ? "average" : "total", num);
	if (m == M_MEM) {
		fmt(m, tsum, num, sizeof(num));
		len += snprintf(buf + len, sizeof(buf) - len, " of %s", num);
	}
	if (shown < nr_nodes)
		snprintf(buf + len, sizeof(buf) - len, "; %u-%u shown",
			 nodes[0].id, nodes[shown - 1].id);
	put(rows - 1, 0, buf, A_NONE);
}

static void show(void)
{
	static const char *const esc[] = { "\033[m", "\033[7m", "\033[1m" };
	int y, x, n;
	char a;

	if (tty)
		fputs("\033[H", stdout);
	for (y = 0; y < rows; y++) {
		const char *s = scr + y * cols;

		/* Trailing spaces, and the last cell that would scroll */
		n = tty && y == rows - 1 ? cols - 1 : cols;
		while (n > 0 && s[n - 1] == ' ' &&
		       (!tty || !att[y * cols + n - 1]))
			n--;
		a = A_NONE;
		for (x = 0; x < n; x++) {
			if (tty && att[y * cols + x] != a) {
				a = att[y * cols + x];
				fputs(esc[(int)a], stdout);
			}
			putchar(s[x]);
		}
		if (tty)
			fputs(n < cols ? "\033[m\033[K" : "\033[m", stdout);
		if (!tty || y < rows - 1)
			putchar('\n');
	}
	fflush(stdout);
}

int main(int argc, char **argv)
{
	enum mode mode = M_LOAD;
	unsigned long frames = 0, nframes = 0;
	const char *e = getenv("HPC_PROC");
	char in[64];
	double delay = 1;
	int c, i, r, loaded;

	prog = "mosmon";
	if (e && *e)
		proc = e;
	opterr = 0;
	while ((c = getopt(argc, argv, ":lsmud:n:h")) != -1) {
		switch (c) {
		case 'l':
		case 's':
		case 'm':
		case 'u':
			mode = strchr(mode_keys, c) - mode_keys;
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
		fprintf(stderr, "mosmon: unexpected '%s'\n", argv[optind]);
		usage(2);
	}
	tty = isatty(1);
	alt = !nframes;		/* leave the last of a count of frames seen */
	if (tty)
		term_setup(alt ? "\033[?1049h\033[?25l\033[2J" :
			   "\033[?25l\033[2J",
			   alt ? "\033[m\033[?25h\033[?1049l" : "\033[m\033[?25h\n");
	get_size();
	while (!term_quit) {
		if (term_resized) {
			term_resized = 0;
			get_size();
			fputs("\033[2J", stdout);
		}
		loaded = !load_nodes();
		if (!loaded && !tty)
			die("no cluster map loaded (%s/nodes)", proc);
		draw(mode, loaded);
		show();
		if (nframes && ++frames >= nframes)
			break;
		r = term_keys(in, sizeof(in), delay);
		for (i = 0; i < r; i++) {
			if (in[i] == 'q' || in[i] == 'Q')
				term_quit = 1;
			else if (in[i] && strchr(mode_keys, in[i]))
				mode = strchr(mode_keys, in[i]) - mode_keys;
		}
	}
	return 0;
}
