// SPDX-License-Identifier: GPL-2.0
/*
 * mosrun: run a program where, and as, openMosix should treat it.
 *
 *   mosrun [OPTIONS] PROGRAM [ARGS...]
 *
 *   -h        start and stay home (-L, at home)
 *   -NODE     start on node NODE (e.g. -2)
 *   -jLIST    start on a node chosen at random among those of LIST
 *             (2,3,5-7) seen up and taking guests
 *   -F        with -NODE or -j: run at home when the node cannot take it
 *             (without -F that is an error)
 *   -l        unlocked: automatic balancing may move it
 *   -L        locked: automatic balancing leaves it where it starts
 *   -c, -i    hint: CPU-bound, I/O-bound
 *   -s, -f, -n  slow, fast, no decay of its statistics
 *
 * Letters group (-Lc); of options that clash the last one counts. The
 * first word not an option is PROGRAM ("--" ends the options too).
 * Called (through a link) as nomig, runhome, cpujob, iojob, nodecay,
 * slowdecay or fastdecay, mosrun takes -L, -h, -c, -i, -n, -s or -f
 * first; as "runon NODE ..." it takes -NODE.
 *
 * PROGRAM replaces mosrun: same PID, same parent. The hints, the decay
 * mode and the lock are set on mosrun before the exec, which keeps them.
 * A move cannot be, since an exec brings a process home: mosrun checks
 * the node is up and takes guests, leaves a helper (a grandchild, so no
 * child of PROGRAM) that waits for the exec and then writes "NODE lock" to
 * /proc/PID/goto. Until then mosrun, and PROGRAM, are locked, so that no
 * balancer sends them elsewhere first; the move locks PROGRAM as it
 * arrives, so that none sends it on; unless -L, the helper then unlocks
 * it. Should that move fail, PROGRAM runs on at home, with a warning
 * unless -F.
 *
 * Without openMosix (no /proc/hpc) the only node is home: -h, -l, -L
 * and the hints have nothing to act on and are ignored; -NODE and -j
 * fail, or with -F run PROGRAM at home. HPC_PROC in the environment
 * names another /proc/hpc tree (for tests).
 *
 * Exit: PROGRAM's; 1 when it cannot start where asked, 2 on a usage
 * error, 126 when PROGRAM cannot be run, 127 when it is not found.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/random.h>
#include <sys/wait.h>
#include "hpclib.h"

#define HPC_NODE_UP	0x02
#define HPC_NODE_BLOCK	0x04
#define MAX_NODE	65535

enum where { ANYWHERE, HOME, NODE, LIST };

struct opts {
	enum where where;
	unsigned int node;	/* NODE */
	const char *list;	/* LIST, as given */
	int lock;		/* 0, 1, or -1: as inherited */
	bool fallback;		/* -F */
	const char *hint;	/* /proc/hpc/decay file, or NULL */
	const char *decay;	/* same */
};

static const struct {
	const char *name;
	char opt;
} shortcuts[] = {
	{ "nomig", 'L' },	{ "runhome", 'h' },
	{ "cpujob", 'c' },	{ "iojob", 'i' },
	{ "nodecay", 'n' },	{ "slowdecay", 's' },
	{ "fastdecay", 'f' },
};

static const char *hpc;		/* /proc/hpc, or $HPC_PROC */
static unsigned char listed[MAX_NODE / 8 + 1];
static unsigned short cands[MAX_NODE];

static void usage(const char *why, const char *arg)
{
	if (why)
		fprintf(stderr, "%s: %s%s%s\n", prog, why, arg ? " " : "",
			arg ? arg : "");
	fprintf(stderr, "usage: %s [-h|-NODE|-jLIST] [-F] [-l|-L] [-c|-i] [-s|-f|-n] PROGRAM [ARGS...]\n",
		prog);
	exit(2);
}

static int parse_node(const char *s, unsigned int *node)
{
	unsigned long n;
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	n = strtoul(s, &end, 10);
	if (*end || !n || n > MAX_NODE)
		return -1;
	*node = n;
	return 0;
}

/* "2,3,5-7" into listed[]. */
static int parse_list(const char *s)
{
	unsigned long a, b;
	char *end;

	memset(listed, 0, sizeof(listed));
	do {
		if (*s < '0' || *s > '9')
			return -1;
		a = b = strtoul(s, &end, 10);
		if (*end == '-') {
			s = end + 1;
			if (*s < '0' || *s > '9')
				return -1;
			b = strtoul(s, &end, 10);
		}
		if (!a || a > b || b > MAX_NODE)
			return -1;
		for (; a <= b; a++)
			listed[a / 8] |= 1 << (a % 8);
		s = end;
	} while (*s++ == ',');
	return s[-1] ? -1 : 0;
}

static bool flag(struct opts *o, char c)
{
	switch (c) {
	case 'h':
		o->where = HOME;
		o->lock = 1;
		break;
	case 'F':
		o->fallback = true;
		break;
	case 'l':
	case 'L':
		o->lock = c == 'L';
		break;
	case 'c':
		o->hint = "cpujob";
		break;
	case 'i':
		o->hint = "iojob";
		break;
	case 's':
		o->decay = "slow";
		break;
	case 'f':
		o->decay = "fast";
		break;
	case 'n':
		o->decay = "nodecay";
		break;
	default:
		return false;
	}
	return true;
}

/* The options from argv[i] on; returns the index of PROGRAM. */
static int parse_opts(int argc, char **argv, int i, struct opts *o)
{
	const char *s;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--"))
			return i + 1;
		for (s = argv[i] + 1; *s; s++) {
			if (*s >= '0' && *s <= '9') {
				if (parse_node(s, &o->node))
					usage("bad node number:", argv[i]);
				o->where = NODE;
				break;
			}
			if (*s == 'j') {
				if (parse_list(s + 1))
					usage("bad node list:", argv[i]);
				o->where = LIST;
				o->list = s + 1;
				break;
			}
			if (!flag(o, *s))
				usage("unknown option:", argv[i]);
		}
	}
	return i;
}

/* NULL when @node can take the process now, else why not. */
static const char *unusable(unsigned int node, unsigned int here)
{
	char path[256];
	unsigned int st;

	if (node == here)
		return NULL;
	snprintf(path, sizeof(path), "%s/nodes/%u/status", hpc, node);
	if (read_proc_uint(path, &st))
		return "node is not in the cluster map";
	if (!(st & HPC_NODE_UP))
		return "node is down or unreachable";
	if (st & HPC_NODE_BLOCK)
		return "node takes no guests";
	return NULL;
}

/* Where to start: a node, or 0 for home. Dies unless -F if nowhere. */
static unsigned int choose(const struct opts *o, bool cluster)
{
	const char *why = NULL;
	unsigned int here = 0, n, nc = 0, seed;
	char path[256], what[64], none[300];

	if (o->where == NODE)
		snprintf(what, sizeof(what), "node %u", o->node);
	else
		snprintf(what, sizeof(what), "any of nodes %.50s", o->list);
	snprintf(path, sizeof(path), "%s/admin/mospe", hpc);
	snprintf(none, sizeof(none), "not an openMosix kernel (no %s)", hpc);
	if (!cluster)
		why = none;
	else if (read_proc_uint(path, &here) || !here)
		why = "this node has no number (no map loaded)";
	else if (o->where == NODE)
		why = unusable(o->node, here);
	if (!why && o->where == NODE)
		return o->node == here ? 0 : o->node;
	if (!why) {
		for (n = 1; n <= MAX_NODE; n++)
			if (listed[n / 8] & 1 << (n % 8) && !unusable(n, here))
				cands[nc++] = n;
		if (nc) {
			if (getrandom(&seed, sizeof(seed), GRND_NONBLOCK) !=
			    sizeof(seed))
				seed = time(NULL) ^ getpid() << 16;
			n = cands[seed % nc];
			return n == here ? 0 : n;
		}
		why = "none is up and taking guests";
	}
	if (!o->fallback)
		die("cannot start on %s: %s", what, why);
	return 0;
}

static void hpc_write(const char *file, const char *what)
{
	char path[256];
	int err;

	snprintf(path, sizeof(path), "%s/decay/%s", hpc, file);
	err = write_all_once(path, "1", 1);
	if (err)
		die("cannot set %s: %s", what, strerror(-err));
}

static void set_lock(const char *path, int on)
{
	int err = write_all_once(path, on ? "1" : "0", 1);

	if (err)
		die("cannot %slock: %s", on ? "" : "un", strerror(-err));
}

/* PROGRAM ended already (or is ending: a zombie moves nowhere). */
static bool gone(pid_t pid)
{
	char path[64], *s, *st;
	size_t len;
	bool ended;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	s = read_all(path, &len);
	st = s ? strrchr(s, ')') : NULL;
	ended = !st || st[1] != ' ' || st[2] == 'Z' || st[2] == 'X';
	free(s);
	return ended;
}

/*
 * The helper, a grandchild of mosrun: waits for the exec (EOF on the
 * pipe; a byte means it failed), then moves PROGRAM to @node.
 */
static void __attribute__((noreturn))
helper(int rfd, pid_t pid, unsigned int node, const struct opts *o,
       bool lock, const char *what)
{
	char path[64], buf[16], cant[128] = "busy", *s;
	const char *why;
	int fd, null, err;
	ssize_t r;
	size_t len;
	char c;

	/* Hold nothing of PROGRAM's open but stderr, for the warnings. */
	fd = fcntl(rfd, F_DUPFD, 3);
	null = open("/dev/null", O_RDWR);
	if (fd < 0 || null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0)
		_exit(1);
	if (fd > 3)
		close_range(3, fd - 1, 0);
	close_range(fd + 1, ~0U, 0);
	if (chdir("/")) {
		/* no matter */
	}
	do
		r = read(fd, &c, 1);
	while (r < 0 && errno == EINTR);
	if (r)
		_exit(0);
	/* Locked as it arrives: no balancer may move it on meanwhile. */
	snprintf(path, sizeof(path), "/proc/%d/goto", (int)pid);
	snprintf(buf, sizeof(buf), "%u lock", node);
	err = -write_all_once(path, buf, strlen(buf));
	if (err && gone(pid))
		_exit(0);
	if (err && !o->fallback) {
		switch (err) {
		case ENOENT:
			why = "node is not in the cluster map";
			break;
		case ECONNREFUSED:
			why = "node takes no guests";
			break;
		case EHOSTDOWN:
		case EHOSTUNREACH:
		case ENETUNREACH:
		case ETIMEDOUT:
			why = "node is down or unreachable";
			break;
		case EBUSY:
			snprintf(path, sizeof(path), "/proc/%d/cantmove",
				 (int)pid);
			s = read_all(path, &len);
			if (s && len) {
				snprintf(cant, sizeof(cant), "%s", s);
				cant[strcspn(cant, "\n")] = 0;
			}
			free(s);
			why = cant;
			break;
		default:
			why = strerror(err);
		}
		fprintf(stderr, "%s: warning: %s (pid %d) stays home: cannot move to node %u: %s\n",
			prog, what, (int)pid, node, why);
	}
	/* Locked until now, where it went or stayed: as asked from now on. */
	snprintf(path, sizeof(path), "/proc/%d/lock", (int)pid);
	if (!lock && (err = -write_all_once(path, "0", 1)) && !gone(pid))
		fprintf(stderr, "%s: warning: %s (pid %d) stays locked: %s\n",
			prog, what, (int)pid, strerror(err));
	_exit(0);
}

/* Leaves the helper; returns the pipe's write end, closed by the exec. */
static int start_helper(unsigned int node, const struct opts *o, bool lock,
			const char *what)
{
	pid_t pid = getpid(), c;
	int fds[2], st = 0;

	if (pipe2(fds, O_CLOEXEC))
		die("pipe: %s", strerror(errno));
	fflush(NULL);
	c = fork();
	if (c < 0)
		die("fork: %s", strerror(errno));
	if (!c) {
		close(fds[1]);
		c = fork();
		if (!c)
			helper(fds[0], pid, node, o, lock, what);
		_exit(c < 0);
	}
	close(fds[0]);
	while (waitpid(c, &st, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(st) && WEXITSTATUS(st))
		die("cannot start the helper that moves %s", what);
	return fds[1];
}

int main(int argc, char **argv)
{
	struct opts o = { .where = ANYWHERE, .lock = -1 };
	const char *name = argc ? argv[0] : "mosrun", *slash;
	unsigned int node = 0, held = 0, i;
	bool cluster;
	int wfd = -1, err, p = 1;

	prog = "mosrun";
	hpc = getenv("HPC_PROC");
	if (!hpc || !*hpc)
		hpc = HPC_PROC;
	slash = strrchr(name, '/');
	if (slash)
		name = slash + 1;
	if (!strcmp(name, "runon")) {
		if (argc < 2)
			usage("runon: no node number", NULL);
		if (parse_node(argv[1], &o.node))
			usage("runon: bad node number:", argv[1]);
		o.where = NODE;
		p = 2;
	}
	for (i = 0; i < sizeof(shortcuts) / sizeof(shortcuts[0]); i++)
		if (!strcmp(name, shortcuts[i].name))
			flag(&o, shortcuts[i].opt);
	p = parse_opts(argc, argv, p, &o);
	if (p >= argc)
		usage("no program", NULL);

	cluster = !access(hpc, F_OK);
	if (o.where == NODE || o.where == LIST)
		node = choose(&o, cluster);
	if (cluster) {
		if (o.hint)
			hpc_write(o.hint, !strcmp(o.hint, "cpujob") ?
				  "the CPU-bound hint" : "the I/O-bound hint");
		if (o.decay)
			hpc_write(o.decay, "the decay mode");
		if (read_proc_uint("/proc/self/lock", &held))
			held = 0;
		if (o.lock < 0)
			o.lock = held;
		/* Held here until the helper sends it (locked, see above). */
		if (node && !held)
			set_lock("/proc/self/lock", 1);
		else if (!node && (int)held != o.lock)
			set_lock("/proc/self/lock", o.lock);
	}
	if (node)
		wfd = start_helper(node, &o, o.lock == 1, argv[p]);
	execvp(argv[p], argv + p);
	err = errno;
	if (wfd >= 0 && write(wfd, "x", 1) != 1)
		fprintf(stderr, "%s: cannot stop the helper\n", prog);
	fprintf(stderr, "%s: %s: %s\n", prog, argv[p], strerror(err));
	return err == ENOENT ? 127 : 126;
}
