// SPDX-License-Identifier: GPL-2.0
/*
 * The processes of /proc as mps and mtop see them: the usual stat, status
 * and cmdline, and on an openMosix kernel the per-process files
 * where, lock and cantmove (the fields are -1 when they do not exist).
 */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "hpclib.h"
#include "procview.h"

/* /proc/PID/NAME into buf, NUL-terminated: its length, or -1. */
static int pid_file(int pid, const char *name, char *buf, size_t size)
{
	char path[64];
	ssize_t r;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	r = read(fd, buf, size - 1);
	close(fd);
	if (r < 0)
		return -1;
	buf[r] = 0;
	return r;
}

/* A number from /proc/PID/NAME, or -1 without one. */
static int pid_num(int pid, const char *name)
{
	char buf[32], *end;
	long v;

	if (pid_file(pid, name, buf, sizeof(buf)) <= 0)
		return -1;
	v = strtol(buf, &end, 10);
	return end == buf || v < 0 ? -1 : (int)v;
}

/* The command line, its NULs as spaces; [comm] when it is empty. */
static char *command(int pid, const char *comm)
{
	char path[64], *s, *t;
	size_t len = 0, i;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	s = read_all(path, &len);
	while (s && len && !s[len - 1])
		len--;
	if (!s || !len) {
		free(s);
		t = malloc(strlen(comm) + 3);
		if (!t)
			die("out of memory");
		sprintf(t, "[%s]", comm);
		return t;
	}
	s[len] = 0;
	for (i = 0; i < len; i++)
		if (!s[i])
			s[i] = ' ';
		else if ((unsigned char)s[i] < ' ' || s[i] == 0x7f)
			s[i] = '?';
	return s;
}

/* From the state on: ppid (4), utime (14), stime (15), starttime (22) */
static const char stat_fmt[] =
	" %*c%d%*d%*d%*d%*d%*u%*u%*u%*u%*u%llu%llu%*d%*d%*d%*d%*d%*d%llu";

/* One process: 0, or -1 if it is gone (p->cmd is to be freed). */
int pv_read(int pid, struct pv_proc *p)
{
	unsigned long long ut, st;
	char buf[1024], *l, *r;
	unsigned int uid;
	size_t n;

	memset(p, 0, sizeof(*p));
	p->pid = pid;
	if (pid_file(pid, "stat", buf, sizeof(buf)) <= 0)
		return -1;
	/* PID (COMM) S PPID ...: COMM may hold spaces and parentheses */
	l = strchr(buf, '(');
	r = strrchr(buf, ')');
	if (!l || !r || r < l)
		return -1;
	n = r - l - 1;
	n = n < sizeof(p->comm) ? n : sizeof(p->comm) - 1;
	memcpy(p->comm, l + 1, n);
	if (sscanf(r + 1, stat_fmt, &p->ppid, &ut, &st, &p->start) != 4)
		return -1;
	p->ticks = ut + st;

	if (pid_file(pid, "status", buf, sizeof(buf)) > 0) {
		l = strstr(buf, "\nUid:");
		if (l && sscanf(l + 5, "%*u %u", &uid) == 1)
			p->uid = uid;
	}

	p->node = pid_num(pid, "where");
	p->lock = pid_num(pid, "lock");
	p->cantmove = pid_file(pid, "cantmove", p->why, sizeof(p->why));
	if (p->cantmove > 0) {
		p->why[strcspn(p->why, "\n")] = 0;
		p->cantmove = !!p->why[0];
	}
	p->cmd = command(pid, p->comm);
	return 0;
}

static int by_pid(const void *a, const void *b)
{
	const struct pv_proc *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* All processes into l (emptied first), by PID: how many. */
int pv_scan(struct pv_list *l)
{
	struct dirent *de;
	char *end;
	long pid;
	DIR *d;
	int i;

	for (i = 0; i < l->n; i++)
		free(l->p[i].cmd);
	l->n = 0;
	d = opendir("/proc");
	if (!d)
		die("/proc: cannot read");
	while ((de = readdir(d))) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		pid = strtol(de->d_name, &end, 10);
		if (*end || pid <= 0)
			continue;
		if (l->n == l->cap) {
			l->cap = l->cap ? 2 * l->cap : 256;
			l->p = realloc(l->p, l->cap * sizeof(*l->p));
			if (!l->p)
				die("out of memory");
		}
		if (!pv_read(pid, &l->p[l->n]))
			l->n++;
	}
	closedir(d);
	qsort(l->p, l->n, sizeof(*l->p), by_pid);
	return l->n;
}

void pv_free(struct pv_list *l)
{
	int i;

	for (i = 0; i < l->n; i++)
		free(l->p[i].cmd);
	free(l->p);
	memset(l, 0, sizeof(*l));
}

/* The process PID of a list by PID, or NULL. */
struct pv_proc *pv_find(const struct pv_list *l, int pid)
{
	struct pv_proc key = { .pid = pid };

	if (!l->n)
		return NULL;
	return bsearch(&key, l->p, l->n, sizeof(*l->p), by_pid);
}

/*
 * The name of a user from /etc/passwd (no NSS: the tools are static),
 * else the number, in a buffer the next call may overwrite.
 */
const char *pv_user(unsigned int uid)
{
	static struct user {
		unsigned int uid;
		char name[33];
	} *users;
	static int nr_users = -1;
	static char num[16];
	char line[512], *name, *s, *end;
	unsigned long u;
	struct user *nu;
	FILE *f;
	int i;

	if (nr_users < 0) {
		nr_users = 0;
		f = fopen("/etc/passwd", "r");
		while (f && fgets(line, sizeof(line), f)) {
			/* name:password:uid:... */
			name = line;
			s = strchr(line, ':');
			s = s ? strchr(s + 1, ':') : NULL;
			if (!s)
				continue;
			*strchr(line, ':') = 0;
			u = strtoul(++s, &end, 10);
			if (*end != ':' || end == s)
				continue;
			nu = realloc(users, (nr_users + 1) * sizeof(*users));
			if (!nu)
				break;
			users = nu;
			users[nr_users].uid = u;
			snprintf(users[nr_users].name,
				 sizeof(users[nr_users].name), "%.32s", name);
			nr_users++;
		}
		if (f)
			fclose(f);
	}
	for (i = 0; i < nr_users; i++)
		if (users[i].uid == uid)
			return users[i].name;
	snprintf(num, sizeof(num), "%u", uid);
	return num;
}

long pv_hz(void)
{
	static long hz;

	if (!hz)
		hz = sysconf(_SC_CLK_TCK);
	if (hz <= 0)
		hz = 100;
	return hz;
}

/* The node a process runs on, "-" when unknown. */
const char *pv_node(const struct pv_proc *p, char *buf, size_t size)
{
	if (p->node < 0)
		return "-";
	snprintf(buf, size, "%d", p->node);
	return buf;
}

/* CPU time as busybox ps prints it: minutes:seconds. */
void pv_time(unsigned long long ticks, char *buf, size_t size)
{
	unsigned long long s = ticks / pv_hz();

	snprintf(buf, size, "%2llu:%02llu", s / 60, s % 60);
}
