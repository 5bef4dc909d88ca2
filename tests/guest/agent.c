// SPDX-License-Identifier: GPL-2.0
/*
 * hpc-agent: runs the host's commands on a cluster node.
 *
 * The host and the node share a control folder over 9p (DIR, /mnt/ctl on
 * the node). To run a command the host writes its argv, NUL-terminated
 * strings, to DIR/req/ID (by renaming a finished file into place), and
 * optionally its standard input to DIR/in/ID. The agent claims the request
 * by renaming it to DIR/run/ID, runs it in a session of its own with
 * stdout and stderr going to DIR/out/ID.1 and DIR/out/ID.2, and when it
 * ends writes its status (the exit code, or 128 + the signal) to
 * DIR/out/ID.rc, again by rename, so the host never reads a partial file.
 * DIR/kill/ID asks for the command's process group to be killed.
 * DIR/ready is written once the agent runs.
 *
 * The host rings a doorbell after each request: a byte on the
 * virtio-serial port named hpc.bell. The agent sleeps on it, so an idle
 * node spends nothing on the harness and a request is seen at once.
 * Without the port it polls the folder instead.
 *
 * The agent locks itself on its node (/proc/self/lock), so that the
 * balancer never moves the harness; the commands it runs are unlocked,
 * as from a login shell.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_JOBS	256
#define MAX_ARGS	4096
#define MAX_REQ		(1 << 20)

struct job {
	pid_t pid;
	char id[128];
};

static struct job jobs[MAX_JOBS];
static const char *dir;

static void path(char *buf, size_t len, const char *sub, const char *id,
		 const char *suffix)
{
	snprintf(buf, len, "%s/%s/%s%s", dir, sub, id, suffix);
}

static int write_file_atomic(const char *sub, const char *id,
			     const char *suffix, const char *text)
{
	char tmp[512], dst[512];
	int fd;
	ssize_t n = strlen(text);

	path(tmp, sizeof(tmp), sub, id, ".tmp");
	path(dst, sizeof(dst), sub, id, suffix);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	if (write(fd, text, n) != n) {
		close(fd);
		return -1;
	}
	close(fd);
	return rename(tmp, dst);
}

/* /proc/self/lock; without openMosix there is nothing to lock. */
static void set_lock(int on)
{
	int fd = open("/proc/self/lock", O_WRONLY);

	if (fd < 0)
		return;
	if (write(fd, on ? "1" : "0", 1) != 1)
		fprintf(stderr, "hpc-agent: cannot %slock: %s\n",
			on ? "" : "un", strerror(errno));
	close(fd);
}

static void run_child(const char *id, char *req, size_t len)
{
	char *argv[MAX_ARGS + 1];
	sigset_t empty;
	char p[512];
	size_t off = 0;
	int argc = 0, fd;

	while (off < len && argc < MAX_ARGS) {
		argv[argc++] = req + off;
		off += strlen(req + off) + 1;
	}
	argv[argc] = NULL;

	sigemptyset(&empty);
	setsid();
	path(p, sizeof(p), "in", id, "");
	fd = open(p, O_RDONLY);
	if (fd < 0)
		fd = open("/dev/null", O_RDONLY);
	dup2(fd, 0);
	path(p, sizeof(p), "out", id, ".1");
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	dup2(fd, 1);
	path(p, sizeof(p), "out", id, ".2");
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	dup2(fd, 2);
	for (fd = 3; fd < 1024; fd++)
		close(fd);
	signal(SIGPIPE, SIG_DFL);
	sigprocmask(SIG_SETMASK, &empty, NULL);
	set_lock(0);
	if (chdir("/root") < 0 && chdir("/") < 0)
		_exit(127);
	if (!argc) {
		fprintf(stderr, "hpc-agent: empty command\n");
		_exit(127);
	}
	execvp(argv[0], argv);
	fprintf(stderr, "hpc-agent: %s: %s\n", argv[0], strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

static void start(const char *id)
{
	char src[512], dst[512];
	static char req[MAX_REQ];
	ssize_t len;
	int fd, slot;
	pid_t pid;

	for (slot = 0; slot < MAX_JOBS && jobs[slot].pid; slot++)
		;
	if (slot == MAX_JOBS)
		return;	/* retried once a job ends */
	path(src, sizeof(src), "req", id, "");
	path(dst, sizeof(dst), "run", id, "");
	if (rename(src, dst) < 0)
		return;
	fd = open(dst, O_RDONLY);
	if (fd < 0)
		return;
	len = read(fd, req, sizeof(req) - 1);
	close(fd);
	if (len < 0)
		len = 0;
	req[len] = 0;

	pid = fork();
	if (pid < 0) {
		write_file_atomic("out", id, ".rc", "127\n");
		return;
	}
	if (!pid)
		run_child(id, req, len);
	jobs[slot].pid = pid;
	snprintf(jobs[slot].id, sizeof(jobs[slot].id), "%s", id);
}

static void reap(void)
{
	char text[32], p[512];
	int status, i;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 0; i < MAX_JOBS; i++) {
			if (jobs[i].pid != pid)
				continue;
			if (WIFEXITED(status))
				snprintf(text, sizeof(text), "%d\n",
					 WEXITSTATUS(status));
			else
				snprintf(text, sizeof(text), "%d\n",
					 128 + WTERMSIG(status));
			path(p, sizeof(p), "run", jobs[i].id, "");
			unlink(p);
			path(p, sizeof(p), "in", jobs[i].id, "");
			unlink(p);
			write_file_atomic("out", jobs[i].id, ".rc", text);
			jobs[i].pid = 0;
		}
	}
}

struct seen {
	struct timespec mtime;
	unsigned int polls;
};

/*
 * Open and read the folder only when it changed: a stat is one 9p round
 * trip, a listing three or more. Read it anyway now and then, in case a
 * change kept the time of the last one.
 */
static int changed(const char *p, struct seen *s)
{
	struct stat st;

	if (stat(p, &st) < 0)
		return 1;
	if (++s->polls < 8 && st.st_mtim.tv_sec == s->mtime.tv_sec &&
	    st.st_mtim.tv_nsec == s->mtime.tv_nsec)
		return 0;
	s->polls = 0;
	s->mtime = st.st_mtim;
	return 1;
}

static int scan(const char *sub, struct seen *s, void (*fn)(const char *id),
		int rung)
{
	char p[512];
	struct dirent *d;
	DIR *dp;
	int n = 0;

	snprintf(p, sizeof(p), "%s/%s", dir, sub);
	if (!changed(p, s) && !rung)
		return 0;
	dp = opendir(p);
	if (!dp)
		return 0;
	while ((d = readdir(dp))) {
		size_t l = strlen(d->d_name);

		if (d->d_name[0] == '.' || (l > 4 && !strcmp(d->d_name + l - 4, ".tmp")))
			continue;
		if (l >= sizeof(jobs[0].id))
			continue;
		fn(d->d_name);
		n++;
	}
	closedir(dp);
	/* What was there may not all be gone: look again next time. */
	if (n)
		s->mtime.tv_sec = s->mtime.tv_nsec = 0;
	return n;
}

static void kill_job(const char *id)
{
	char p[512];
	int i;

	for (i = 0; i < MAX_JOBS; i++)
		if (jobs[i].pid && !strcmp(jobs[i].id, id))
			kill(-jobs[i].pid, SIGKILL);
	path(p, sizeof(p), "kill", id, "");
	unlink(p);
}

/* The doorbell port, found by its name; -1 without one. */
static int bell_open(void)
{
	char p[512], name[32];
	struct dirent *d;
	int fd = -1, nfd;
	DIR *dp;

	dp = opendir("/sys/class/virtio-ports");
	if (!dp)
		return -1;
	while (fd < 0 && (d = readdir(dp))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "/sys/class/virtio-ports/%s/name",
			 d->d_name);
		nfd = open(p, O_RDONLY);
		if (nfd < 0)
			continue;
		memset(name, 0, sizeof(name));
		if (read(nfd, name, sizeof(name) - 1) > 0 &&
		    !strncmp(name, "hpc.bell", 8) &&
		    (name[8] == '\n' || !name[8])) {
			snprintf(p, sizeof(p), "/dev/%s", d->d_name);
			fd = open(p, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		}
		close(nfd);
	}
	closedir(dp);
	return fd;
}

/* Wait for the bell, a job's end or the timeout. Return: rung. */
static int wait_bell(int *bell, const struct timespec *timeout,
		     const sigset_t *mask)
{
	struct pollfd pfd = { .fd = *bell, .events = POLLIN };
	char buf[256];

	if (ppoll(&pfd, *bell >= 0, timeout, mask) <= 0)
		return 0;
	if (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) {
		/* The host side is gone: poll the folder from now on. */
		close(*bell);
		*bell = -1;
		return 1;
	}
	while (read(*bell, buf, sizeof(buf)) > 0)
		;
	return 1;
}

static void on_chld(int sig)
{
	(void)sig;
}

int main(int argc, char **argv)
{
	static const char * const subs[] = { "req", "run", "in", "out", "kill" };
	struct timespec idle = { 0, 250 * 1000 * 1000 };
	struct timespec busy = { 0, 10 * 1000 * 1000 };
	struct timespec rung_not = { 2, 0 };
	struct sigaction sa = { .sa_handler = on_chld };
	char p[512], text[128];
	static struct seen seen_req, seen_kill;
	unsigned int quiet = 0;
	int bell, rung = 1;
	struct stat st;
	sigset_t chld, open_mask;
	size_t i;

	if (argc != 2) {
		fprintf(stderr, "usage: hpc-agent DIR\n");
		return 2;
	}
	dir = argv[1];
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "hpc-agent: %s is not a folder\n", dir);
		sleep(5);
		return 1;
	}
	for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, subs[i]);
		mkdir(p, 0755);
	}
	signal(SIGPIPE, SIG_IGN);
	set_lock(1);
	/*
	 * SIGCHLD stays blocked but while the loop waits, so that an ending
	 * job wakes it at once.
	 */
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &open_mask);
	sigdelset(&open_mask, SIGCHLD);
	bell = bell_open();
	snprintf(text, sizeof(text), "%d\n", (int)getpid());
	write_file_atomic("", "ready", "", text);

	/*
	 * With the bell, look when it rings, and every 2 s in case a ring
	 * was lost. Without, poll fast for half a second after any request,
	 * slowly after. Slowly means four times a second: each poll is a few
	 * 9p round trips, and on a node full of busy processes a faster poll
	 * keeps the agent runnable all the time, which the node's load would
	 * count as one more busy process.
	 */
	for (;;) {
		int n = scan("req", &seen_req, start, rung);

		n += scan("kill", &seen_kill, kill_job, rung);
		quiet = n ? 0 : quiet + 1;
		rung = wait_bell(&bell, bell >= 0 ? &rung_not :
				 quiet > 50 ? &idle : &busy, &open_mask);
		reap();
	}
}
