// SPDX-License-Identifier: GPL-2.0
/*
 * migtest: programs whose output must not change when they are moved.
 *
 *   migtest TEST [NODE...]
 *
 * Each test works in phases and, between phases, moves itself to the
 * next NODE of the list (by writing /proc/self/goto; "home" brings it
 * back). Run once with no NODE and once with some: the output and the
 * exit status must be the same. Nothing printed depends on the node.
 *
 *   mem MB      anonymous, heap, stack, private file mapping, TLS, a
 *               working set of MB megabytes written on every node
 *   fpu N       AVX and SSE arithmetic, bit-exact (N: loop length)
 *   files DIR   file calls on the home node's DIR
 *   pipe        a pipe and a socketpair to a child that stays home
 *   signals     handlers, masks, alarm, sigaltstack, kill, SIGCHLD
 *   intr        SIGINT from home while blocked in a forwarded read of a
 *               pipe, with and without SA_RESTART
 *   tcp PORT    a TCP connection to a server at home; select and epoll
 *   tcp3 PORT IP  the same to a server on another node (migtest tcpd)
 *   tcpd PORT   that server: echoes one connection with a prefix
 *   blocked FIFO  waits in epoll_wait, poll, select, a relative
 *               nanosleep and read for what comes on FIFO, a byte a
 *               call (and a 1 s sleep): moved from outside while
 *               blocked, no call may fail or end early
 *   twait MS    times out in epoll_wait, epoll_pwait and epoll_pwait2 on
 *               a pipe that stays empty, in semtimedop on a semaphore
 *               at 0, in sigtimedwait for a signal that does not come,
 *               in recv and send on sockets with SO_RCVTIMEO and
 *               SO_SNDTIMEO, each waiting MS ms: moved from outside while
 *               waiting, each ends when its timeout does, not early and
 *               not a whole timeout later
 *   smask       pselect, ppoll and epoll_pwait with a mask that lets
 *               through a SIGALRM the process blocks: one that came as
 *               it computed, before the call (the call fails at once),
 *               and one that comes during the call; each handled under
 *               the call's mask, then the mask put back
 *   fork        fork + wait, execve, exit codes
 *   ids         getpid, getppid, gettid, credentials
 *   clock       CLOCK_MONOTONIC never goes back across moves; times()
 *   segv        dies of SIGSEGV after the moves
 *   exit N      exits with status N after the moves
 *   spin SECS   computes for SECS seconds, prints a checksum; its only
 *               clock is the vDSO's: no system call, it stays CPU-bound
 *               wherever it runs
 *   pingpong N A B  computes while moving N times between A and B
 *
 * and, for measurements (they print numbers):
 *   hold MB     touches MB megabytes, then waits for SIGTERM
 *
 * and, for the balancer's scenarios:
 *   lock MB     locks MB megabytes in memory (it cannot move), waits
 *   grow MB     grows to MB megabytes, 4 at a time, writing each page;
 *               then checks every page and prints a checksum
 *   io SECS     for SECS seconds, small writes to a file at home with
 *               short sleeps: I/O-bound, it sends many calls home
 *   work N      N units of computation; prints the wall time in ms
 *   nullcall N  N forwarded calls doing nothing (getppid); ns per call
 *   watch NODES MIN MAX SECS PID...
 *               at real-time priority (a watcher at nice 0, or even -20,
 *               among busy processes and moves in flight lags by
 *               seconds), polls /proc/PID/where every 0.1 s until each of
 *               nodes 1..NODES runs MIN..MAX of the PIDs, for at most
 *               SECS; prints the seconds since $T0 (an uptime; default
 *               now) and the count on each node; exit 1 on timeout
 *   rt CMD ARG...  runs CMD at real-time priority: the harness's look at
 *               a node full of busy processes ends in its own CPU time,
 *               too soon to count in the node's load
 *   rttd PORT   TCP echo server for rtt
 *   rtt IP PORT N  N one-byte TCP round trips; ns per round trip
 *   timed PORT  tells CLOCK_REALTIME to one connection, on each byte
 *   clocksync IP PORT  sets CLOCK_REALTIME to a timed server's; prints
 *               the step and the round trip it was judged over
 *   sink PORT   TCP receiver for source
 *   source IP PORT MB  sends MB megabytes; prints MB/s
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <sched.h>

static char **moves;
static int nmoves, moved;

static void step(void)
{
	const char *to;
	int fd;

	fflush(stdout);
	if (moved >= nmoves)
		return;
	to = moves[moved++];
	fd = open("/proc/self/goto", O_WRONLY);
	if (fd < 0 || write(fd, to, strlen(to)) != (ssize_t)strlen(to)) {
		fprintf(stderr, "migtest: move to %s: %s\n", to, strerror(errno));
		exit(100);
	}
	close(fd);
}

static void rest(void)
{
	while (moved < nmoves)
		step();
}

static uint64_t fnv(const void *p, size_t n, uint64_t h)
{
	const unsigned char *c = p;

	while (n--)
		h = (h ^ *c++) * 0x100000001b3ULL;
	return h;
}

static __thread int tls_var = 7;

static int t_mem(int mb)
{
	size_t len = (size_t)mb << 20, i;
	unsigned char *a = mmap(NULL, len, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *heap = malloc(100000);
	volatile char stack[20000];
	int fd = open("/proc/self/exe", O_RDONLY);
	unsigned char *file;
	uint64_t fh;
	int round;

	if (a == MAP_FAILED || !heap || fd < 0)
		return 1;
	file = mmap(NULL, 65536, PROT_READ, MAP_PRIVATE, fd, 0);
	if (file == MAP_FAILED)
		return 1;
	fh = fnv(file, 65536, 1);
	for (i = 0; i < len; i += 4096)
		a[i] = (unsigned char)(i >> 12);
	memset(heap, 'h', 100000);
	for (i = 0; i < sizeof(stack); i++)
		stack[i] = (char)i;
	for (round = 0; round < 4; round++) {
		for (i = (size_t)round * 64; i < len; i += 4096 * 3)
			a[i] += (unsigned char)round;
		heap[round * 100] = (char)round;
		stack[round] = (char)(round + 50);
		tls_var += round;
		printf("round %d: anon %016llx heap %016llx stack %016llx tls %d file %d\n",
		       round, (unsigned long long)fnv(a, len, 1),
		       (unsigned long long)fnv(heap, 100000, 1),
		       (unsigned long long)fnv((void *)stack, sizeof(stack), 1),
		       tls_var, fnv(file, 65536, 1) == fh);
		step();
	}
	return 0;
}

/*
 * Long AVX and x87-free SSE computations whose registers stay live for
 * seconds: moved from outside meanwhile, they must give the same bits.
 */
static int t_fpu(long iters)
{
	float f[8] __attribute__((aligned(32)));
	double d = 1.0;
	int i, round;

	for (i = 0; i < 8; i++)
		f[i] = 1.0f + (float)i / 1000.0f;
	for (round = 0; round < 4; round++) {
		long n = iters;

		__asm__ volatile("vmovaps %0, %%ymm3\n\t"
				 "vmovaps %0, %%ymm4\n"
				 "1:\n\t"
				 "vmulps %%ymm4, %%ymm3, %%ymm3\n\t"
				 "vaddps %%ymm4, %%ymm3, %%ymm3\n\t"
				 "vmulps %%ymm4, %%ymm3, %%ymm3\n\t"
				 "vsqrtps %%ymm3, %%ymm3\n\t"
				 "dec %1\n\t"
				 "jnz 1b\n\t"
				 "vmovaps %%ymm3, %0"
				 : "+m"(f), "+r"(n) : : "xmm3", "xmm4", "cc");
		for (i = 0; i < 1000000; i++)
			d = d * 1.0000001 + 1e-9 / (i + 1);
		printf("round %d: %a %a %a\n", round, d, (double)f[1],
		       (double)f[7]);
		step();
	}
	return 0;
}

static int t_files(const char *dir)
{
	char path[256], path2[256], buf[64];
	struct iovec iov[2];
	struct stat st;
	DIR *dp;
	struct dirent *de;
	int fd, n = 0;

	snprintf(path, sizeof(path), "%s/f1", dir);
	snprintf(path2, sizeof(path2), "%s/f2", dir);
	step();
	fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0640);
	if (fd < 0 || write(fd, "hello world\n", 12) != 12)
		return 1;
	step();
	if (pwrite(fd, "HELLO", 5, 0) != 5 || lseek(fd, 0, SEEK_SET) != 0)
		return 2;
	memset(buf, 0, sizeof(buf));
	if (read(fd, buf, 12) != 12)
		return 3;
	printf("read: %s", buf);
	iov[0].iov_base = "ab";
	iov[0].iov_len = 2;
	iov[1].iov_base = "cd\n";
	iov[1].iov_len = 3;
	step();
	if (writev(fd, iov, 2) != 5 || fstat(fd, &st))
		return 4;
	printf("size %lld mode %o\n", (long long)st.st_size, st.st_mode & 0777);
	if (flock(fd, LOCK_EX) || fsync(fd) || fcntl(fd, F_SETFL, O_APPEND))
		return 5;
	if (write(fd, "tail\n", 5) != 5 || pread(fd, buf, 5, 12) != 5)
		return 6;
	buf[5] = 0;
	printf("pread: %s", buf);
	close(fd);
	step();
	if (rename(path, path2) || mkdir(path, 0700) || stat(path2, &st))
		return 7;
	dp = opendir(dir);
	while (dp && (de = readdir(dp)))
		n += de->d_name[0] != '.';
	if (dp)
		closedir(dp);
	printf("entries %d size %lld\n", n, (long long)st.st_size);
	rest();
	return 0;
}

static int t_pipe(void)
{
	int p[2], q[2], sv[2], i;
	char buf[64];
	pid_t pid;

	if (pipe(p) || pipe(q) || socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return 1;
	pid = fork();
	if (!pid) {
		/* stays home: echoes, upper-cased */
		close(p[1]);
		close(q[0]);
		close(sv[0]);
		for (;;) {
			ssize_t n = read(p[0], buf, sizeof(buf));

			if (n <= 0)
				_exit(0);
			for (i = 0; i < n; i++)
				buf[i] = buf[i] >= 'a' && buf[i] <= 'z' ?
					 buf[i] - 32 : buf[i];
			if (write(q[1], buf, n) != n ||
			    write(sv[1], buf, n) != n)
				_exit(1);
		}
	}
	close(p[0]);
	close(q[1]);
	close(sv[1]);
	for (i = 0; i < 4; i++) {
		struct pollfd pf[2] = { { q[0], POLLIN, 0 }, { sv[0], POLLIN, 0 } };
		char msg[32];
		ssize_t n;

		step();
		snprintf(msg, sizeof(msg), "message %d", i);
		if (write(p[1], msg, strlen(msg)) != (ssize_t)strlen(msg))
			return 2;
		if (poll(pf, 2, 10000) < 1)
			return 3;
		n = read(q[0], buf, sizeof(buf) - 1);
		if (n <= 0)
			return 4;
		buf[n] = 0;
		printf("pipe: %s\n", buf);
		n = recv(sv[0], buf, sizeof(buf) - 1, 0);
		if (n <= 0)
			return 5;
		buf[n] = 0;
		printf("socket: %s\n", buf);
	}
	close(p[1]);
	waitpid(pid, &i, 0);
	printf("child status %d\n", i);
	return 0;
}

static volatile sig_atomic_t got_usr1, got_alrm, got_chld, on_alt;
static char altstack[65536];

static void h_usr1(int s)
{
	(void)s;
	got_usr1++;
}

static void h_alrm(int s)
{
	int local;

	(void)s;
	got_alrm++;
	on_alt = (char *)&local >= altstack &&
		 (char *)&local < altstack + sizeof(altstack);
}

static void h_chld(int s)
{
	(void)s;
	got_chld++;
}

static int t_signals(void)
{
	struct sigaction sa = { 0 };
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
	sigset_t set;
	pid_t pid;
	int st;

	sa.sa_handler = h_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = h_alrm;
	sa.sa_flags = SA_ONSTACK;
	sigaltstack(&ss, NULL);
	sigaction(SIGALRM, &sa, NULL);
	sa.sa_handler = h_chld;
	sa.sa_flags = 0;
	sigaction(SIGCHLD, &sa, NULL);
	step();
	kill(getpid(), SIGUSR1);
	printf("usr1 after kill: %d\n", got_usr1);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGUSR1);
	step();
	printf("usr1 while blocked: %d\n", got_usr1);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	printf("usr1 after unblock: %d\n", got_usr1);
	alarm(1);
	step();
	while (!got_alrm)
		pause();
	printf("alarm: %d on altstack %d\n", got_alrm, on_alt);
	pid = fork();
	if (!pid)
		_exit(3);
	step();
	while (!got_chld)
		usleep(1000);
	waitpid(pid, &st, 0);
	printf("sigchld %d child exit %d\n", got_chld, WEXITSTATUS(st));
	rest();
	return 0;
}

static volatile sig_atomic_t got_int;

static void h_int(int s)
{
	(void)s;
	got_int++;
}

/*
 * SIGINT from a process at home while blocked in a forwarded read of a
 * pipe: without SA_RESTART the read fails with EINTR after the handler
 * ran; with it, the read goes on and returns what comes later.
 */
static int t_intr(void)
{
	struct sigaction sa = { .sa_handler = h_int };
	int fd[2], st;
	char buf[16];
	ssize_t n;
	pid_t pid;

	if (pipe(fd))
		return 1;
	sigaction(SIGINT, &sa, NULL);
	pid = fork();
	if (!pid) {
		/* stays home: interrupts twice, then writes */
		close(fd[0]);
		sleep(2);
		kill(getppid(), SIGINT);
		sleep(2);
		kill(getppid(), SIGINT);
		sleep(1);
		if (write(fd[1], "late", 4) != 4)
			_exit(1);
		_exit(0);
	}
	close(fd[1]);
	step();
	n = read(fd[0], buf, sizeof(buf));
	printf("read without restart: %zd %s, handler ran %d\n", n,
	       n < 0 && errno == EINTR ? "EINTR" : "?", got_int);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGINT, &sa, NULL);
	step();
	n = read(fd[0], buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	printf("read with restart: %zd '%s', handler ran %d\n", n, buf,
	       got_int);
	waitpid(pid, &st, 0);
	printf("child exit %d\n", WEXITSTATUS(st));
	rest();
	return 0;
}

static int t_fork(char *self)
{
	int st, i;
	pid_t pid;

	for (i = 0; i < 4; i++) {
		step();
		pid = fork();
		if (!pid)
			_exit(i * 40);
		waitpid(pid, &st, 0);
		printf("child %d: exit %d\n", i, WEXITSTATUS(st));
	}
	pid = fork();
	if (!pid) {
		execl(self, self, "exit", "42", (char *)NULL);
		_exit(99);
	}
	waitpid(pid, &st, 0);
	printf("exec child: exit %d\n", WEXITSTATUS(st));
	return 0;
}

static int t_ids(const char *dir)
{
	pid_t pid = getpid(), ppid = getppid();
	long tid = syscall(SYS_gettid);
	uid_t uid = getuid(), euid = geteuid();
	char path[256], exe[256] = "", now[256];
	struct stat st;
	int fd, i, ok = 1, prog = 1;
	ssize_t n;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0)
		exe[n] = 0;
	for (i = 0; i < 4; i++) {
		step();
		ok &= getpid() == pid && getppid() == ppid &&
		      syscall(SYS_gettid) == tid && getuid() == uid &&
		      geteuid() == euid;
		/* Run at home, then here: its user's count goes with it. */
		ok &= setuid(uid) == 0 && getuid() == uid;
		/* Its program, as a forwarded call reads it at home. */
		n = readlink("/proc/self/exe", now, sizeof(now) - 1);
		if (n > 0)
			now[n] = 0;
		prog &= n > 0 && !strcmp(now, exe);
	}
	snprintf(path, sizeof(path), "%s/owned", dir);
	fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
	if (fd < 0 || fstat(fd, &st))
		return 1;
	close(fd);
	printf("ids unchanged %d, program unchanged %d, file owner is me %d\n",
	       ok, prog && *exe, st.st_uid == euid);
	return 0;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static int t_clock(void)
{
	uint64_t last = now_ns(), t, maxjump = 0;
	struct tms tm;
	volatile double x = 0;
	int i, back = 0;
	long n;

	for (i = 0; i < 4; i++) {
		for (n = 0; n < 3000000; n++) {
			x += n * 0.5;
			if (!(n & 1023)) {
				t = now_ns();
				back |= t < last;
				if (t - last > maxjump && i == 0)
					maxjump = t - last;
				last = t;
			}
		}
		step();
		t = now_ns();
		back |= t < last;
		last = t;
	}
	times(&tm);
	printf("monotonic never back %d, cpu time counted %d\n", !back,
	       tm.tms_utime + tm.tms_stime > 0);
	return 0;
}

static int t_spin(int secs)
{
	struct timespec a, b;
	uint64_t h = 1;
	long n = 0;

	clock_gettime(CLOCK_MONOTONIC, &a);
	do {
		for (int i = 0; i < 100000; i++)
			h = (h ^ (uint64_t)n++) * 0x100000001b3ULL;
		clock_gettime(CLOCK_MONOTONIC, &b);
	} while (b.tv_sec - a.tv_sec < secs);
	printf("spun %s\n", n > 0 && h ? "ok" : "bad");
	return 0;
}

static int t_pingpong(long n, char *a, char *b)
{
	char *two[2] = { a, b };
	uint64_t h = 1;
	long i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < 20000; j++)
			h = (h ^ (uint64_t)(i * 20000 + j)) * 0x100000001b3ULL;
		moves = two + (i & 1);
		nmoves = 1;
		moved = 0;
		step();
	}
	printf("pingpong %ld: %016llx\n", n, (unsigned long long)h);
	return 0;
}

static uint64_t wall_ns(void)
{
	return now_ns();
}

static int t_hold(int mb)
{
	size_t len = (size_t)mb << 20, i;
	unsigned char *a = mmap(NULL, len, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (a == MAP_FAILED)
		return 1;
	for (i = 0; i < len; i += 4096)
		a[i] = (unsigned char)i | 1;
	printf("ready\n");
	fflush(stdout);
	for (;;)
		pause();
}

static int t_lock(int mb)
{
	size_t len = (size_t)mb << 20;
	unsigned char *a = mmap(NULL, len, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (a == MAP_FAILED || mlock(a, len))
		return 1;
	memset(a, 0x5a, len);
	printf("ready\n");
	fflush(stdout);
	for (;;)
		pause();
}

static int t_grow(int mb)
{
	const size_t step4 = 4 << 20;
	unsigned char *a = mmap(NULL, (size_t)mb << 20, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t h = 0xcbf29ce484222325ULL;
	struct timespec pause_ts = { 0, 100000000 };
	size_t len = (size_t)mb << 20, i, j;

	if (a == MAP_FAILED)
		return 1;
	for (i = 0; i < len; i += step4) {
		for (j = i; j < i + step4 && j < len; j += 4096)
			memset(a + j, (int)((j >> 12) * 7 + 1), 4096);
		nanosleep(&pause_ts, NULL);
	}
	for (j = 0; j < len; j += 4096) {
		if (a[j] != (unsigned char)((j >> 12) * 7 + 1) ||
		    a[j + 4095] != a[j]) {
			printf("grow: page %zu wrong\n", j >> 12);
			return 1;
		}
		h = fnv(a + j, 4096, h);
	}
	printf("grew %d MB: %016llx\n", mb, (unsigned long long)h);
	return 0;
}

static int t_io(int secs)
{
	struct timespec nap = { 0, 2000000 };
	uint64_t end = wall_ns() + (uint64_t)secs * 1000000000ULL;
	int fd = open("/tmp/migtest.io", O_CREAT | O_TRUNC | O_WRONLY, 0644);
	long n = 0;

	if (fd < 0)
		return 1;
	while (wall_ns() < end) {
		if (pwrite(fd, &n, sizeof(n), 0) != sizeof(n))
			return 2;
		n++;
		nanosleep(&nap, NULL);
	}
	close(fd);
	printf("io %s\n", n > 0 ? "ok" : "bad");
	return 0;
}

static int t_work(long n)
{
	uint64_t t = wall_ns(), h = 1;
	long i;

	for (i = 0; i < n * 1000000L; i++)
		h = (h ^ (uint64_t)i) * 0x100000001b3ULL;
	printf("%llu %d\n", (unsigned long long)(wall_ns() - t) / 1000000,
	       (int)(h & 1));
	return 0;
}

static int t_nullcall(long n)
{
	uint64_t t;
	long i;

	rest();
	t = wall_ns();
	for (i = 0; i < n; i++)
		getppid();
	printf("%llu\n", (unsigned long long)(wall_ns() - t) / n);
	return 0;
}

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

/* Listen on @port, say ready, and take one connection. */
static int accept_one(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons(port) };
	int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;

	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(s, (void *)&a, sizeof(a)) || listen(s, 1))
		return -1;
	printf("ready\n");
	fflush(stdout);
	return accept(s, NULL, NULL);
}

/* Connect to @ip:@port. */
static int connect_to(const char *ip, int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons(port) };
	int s = socket(AF_INET, SOCK_STREAM, 0);

	inet_pton(AF_INET, ip, &a.sin_addr);
	return connect(s, (void *)&a, sizeof(a)) ? -1 : s;
}

static int t_rttd(int port)
{
	int c = accept_one(port), one = 1;
	char b;

	if (c < 0)
		return 1;
	setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	while (read(c, &b, 1) == 1)
		if (write(c, &b, 1) != 1)
			break;
	return 0;
}

static int t_rtt(const char *ip, int port, long n)
{
	int s = connect_to(ip, port), one = 1;
	uint64_t t;
	char b = 'x';
	long i;

	if (s < 0)
		return 1;
	setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	t = wall_ns();
	for (i = 0; i < n; i++)
		if (write(s, &b, 1) != 1 || read(s, &b, 1) != 1)
			return 2;
	printf("%llu\n", (unsigned long long)(wall_ns() - t) / n);
	return 0;
}

static uint64_t real_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static int t_timed(int port)
{
	int c = accept_one(port), one = 1;
	uint64_t now;
	char b;

	if (c < 0)
		return 1;
	setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	while (read(c, &b, 1) == 1) {
		now = real_ns();
		if (write(c, &now, sizeof(now)) != sizeof(now))
			break;
	}
	return 0;
}

/*
 * The test cluster's nodes set their wall clocks from the RTC at boot, a
 * second apart at worst; a cluster runs a time service for that. Of 20
 * round trips to the server, the shortest tells the most: the server
 * read its clock within it, taken to be at its middle.
 */
static int t_clocksync(const char *ip, int port)
{
	int s = connect_to(ip, port), one = 1, i;
	uint64_t t0, t2, there, best = UINT64_MAX, now;
	int64_t off = 0;
	struct timespec ts;
	char b = 't';

	if (s < 0)
		return 1;
	setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	for (i = 0; i < 20; i++) {
		t0 = real_ns();
		if (write(s, &b, 1) != 1 ||
		    recv(s, &there, sizeof(there), MSG_WAITALL) != sizeof(there))
			return 2;
		t2 = real_ns();
		if (t2 - t0 < best) {
			best = t2 - t0;
			off = (int64_t)(there - (t0 + (t2 - t0) / 2));
		}
	}
	now = real_ns() + off;
	ts.tv_sec = now / 1000000000ULL;
	ts.tv_nsec = now % 1000000000ULL;
	if (clock_settime(CLOCK_REALTIME, &ts)) {
		perror("migtest: clock_settime");
		return 1;
	}
	printf("step %lld us, round trip %llu us\n", (long long)off / 1000,
	       (unsigned long long)best / 1000);
	return 0;
}

#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/ipc.h>
#include <sys/sem.h>

/* Echo what comes on one connection of @port, with a prefix. */
static int t_tcpd(int port)
{
	int c = accept_one(port);
	char buf[64];

	if (c < 0)
		return 1;
	for (;;) {
		ssize_t n = read(c, buf + 5, sizeof(buf) - 5);

		if (n <= 0)
			return 0;
		memcpy(buf, "echo ", 5);
		if (write(c, buf, n + 5) != n + 5)
			return 1;
	}
}

/* Time read, in ms, for the sleep phase of t_blocked(). */
static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* What a call of t_blocked() returned, and the byte that woke it. */
static void woke(const char *call, int r, int fd)
{
	char c = '?';
	ssize_t n;

	if (r < 0) {
		printf("%s: %s\n", call, strerror(errno));
	} else {
		n = read(fd, &c, 1);
		printf("%s %d, read %zd %c\n", call, r, n, c);
	}
	fflush(stdout);
}

/*
 * Blocked in a call when a move is asked from outside: at home the call
 * is woken as if by a signal, with none to deliver; on another node its
 * deputy is. Either way the call must go on where the process goes, not
 * fail with EINTR. Each call waits for the next byte a writer (the
 * harness, between its moves) puts in @fifo.
 */
static int t_blocked(const char *fifo)
{
	struct epoll_event ev = { .events = EPOLLIN };
	struct timespec nap = { .tv_sec = 1 };
	struct pollfd pfd;
	long long t0;
	int fd, ep, r;
	fd_set rd;
	char c = '?';

	/* Read and write: the open does not wait for a writer, no EOF. */
	fd = open(fifo, O_RDWR);
	ep = epoll_create1(0);
	ev.data.fd = fd;
	if (fd < 0 || ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev))
		return 1;
	printf("ready\n");
	fflush(stdout);
	woke("epoll_wait", epoll_wait(ep, &ev, 1, 60000), fd);
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
	woke("poll", poll(&pfd, 1, 60000), fd);
	FD_ZERO(&rd);
	FD_SET(fd, &rd);
	woke("select", select(fd + 1, &rd, NULL, NULL, NULL), fd);
	t0 = mono_ms();
	r = nanosleep(&nap, NULL);
	printf("nanosleep %d, %s\n", r, r ? strerror(errno) :
	       mono_ms() - t0 >= 990 ? "slept 1 s" : "woke early");
	printf("ready to read\n");
	fflush(stdout);
	r = read(fd, &c, 1);
	if (r < 0)
		printf("read: %s\n", strerror(errno));
	else
		printf("read %d %c\n", r, c);
	return 0;
}

/*
 * A timed wait, moved while it waits, ends when its timeout does: not
 * early, and not later by more than @ms / 5 (made again from its start
 * where it went, it would be later by what it had waited before).
 */
static int t_twait(long ms)
{
	static const char * const name[] = {
		"epoll_wait", "epoll_pwait", "epoll_pwait2", "semtimedop",
		"sigtimedwait", "recv", "send"
	};
	struct epoll_event ev = { .events = EPOLLIN };
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };
	struct timeval tv = { ms / 1000, ms % 1000 * 1000 };
	struct sembuf down = { .sem_num = 0, .sem_op = -1 };
	long long t0, took;
	sigset_t none, usr1;
	int p[2], sv[2], ep, sem, i, r = 0;
	char c = 0;

	ep = epoll_create1(0);
	sem = semget(IPC_PRIVATE, 1, 0600);
	if (pipe(p) || ep < 0 || sem < 0 ||
	    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) ||
	    socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) ||
	    setsockopt(sv[1], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) ||
	    setsockopt(sv[1], SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)))
		return 1;
	/*
	 * Nothing comes to sv[1], and it sends until its peer's queue is
	 * full: its recv and its next send wait.
	 */
	while (send(sv[1], &c, 1, MSG_DONTWAIT) == 1)
		;
	sigemptyset(&none);
	/* Blocked, so that it is waited for, not delivered; none comes. */
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	for (i = 0; i < 7; i++) {
		printf("waiting in %s\n", name[i]);
		fflush(stdout);
		t0 = mono_ms();
		if (i == 0)
			r = epoll_wait(ep, &ev, 1, ms);
		else if (i == 1)
			r = epoll_pwait(ep, &ev, 1, ms, &none);
		else if (i == 2)
			r = syscall(__NR_epoll_pwait2, ep, &ev, 1, &ts, &none,
				    8);
		else if (i == 3)
			r = semtimedop(sem, &down, 1, &ts);
		else if (i == 4)
			r = sigtimedwait(&usr1, NULL, &ts);
		else if (i == 5)
			r = recv(sv[1], &c, 1, 0) < 0 ? -1 : 1;
		else
			r = send(sv[1], &c, 1, 0) < 0 ? -1 : 1;
		took = mono_ms() - t0;
		/* The last four time out with EAGAIN: that is their 0. */
		if (i >= 3 && r < 0 && errno == EAGAIN)
			r = 0;
		if (r < 0)
			printf("%s: %s\n", name[i], strerror(errno));
		else
			printf("%s %d, %s\n", name[i], r,
			       took < ms - 20 ? "early" :
			       took > ms + ms / 5 ? "late" : "on time");
		fflush(stdout);
	}
	semctl(sem, 0, IPC_RMID);
	return 0;
}

static volatile sig_atomic_t alrm_hits;

static void on_alrm(int sig)
{
	(void)sig;
	alrm_hits++;
}

/*
 * A signal blocked but for the mask of the call that waits for it (the
 * race-free way to wait for one): the call wakes for it, its handler
 * runs, and the mask is the process's again after.
 */
static int t_smask(void)
{
	static const char * const name[] = { "pselect", "ppoll",
					      "epoll_pwait" };
	struct sigaction sa = { .sa_handler = on_alrm };
	struct epoll_event ev = { .events = EPOLLIN };
	struct timespec ts = { 5, 0 };
	long long t0, took;
	sigset_t alrm, none, now;
	int p[2], ep, i, k, r, e;

	sigemptyset(&none);
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	sigaction(SIGALRM, &sa, NULL);
	sigprocmask(SIG_BLOCK, &alrm, NULL);
	ep = epoll_create1(0);
	if (pipe(p) || ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev))
		return 1;
	for (k = 0; k < 2; k++) {
		for (i = 0; i < 3; i++) {
			struct pollfd pfd = { .fd = p[0], .events = POLLIN };

			if (!k && i != 1)
				step();
			if (k && i == 2)
				step();
			alrm_hits = 0;
			alarm(1);
			/* Before: it comes as the process computes. */
			t0 = mono_ms();
			while (!k && mono_ms() - t0 < 1500)
				;
			t0 = mono_ms();
			if (i == 0)
				r = pselect(0, NULL, NULL, NULL, &ts, &none);
			else if (i == 1)
				r = ppoll(&pfd, 1, &ts, &none);
			else
				r = epoll_pwait(ep, &ev, 1, 5000, &none);
			e = errno;
			took = mono_ms() - t0;
			sigprocmask(SIG_BLOCK, NULL, &now);
			printf("%s, signal %s: %d %s, handler %d, %s, %s\n",
			       name[i], k ? "during" : "before", r,
			       r < 0 ? strerror(e) : "", (int)alrm_hits,
			       took < (k ? 2500 : 500) ? "in time" : "late",
			       sigismember(&now, SIGALRM) ? "blocked again" :
			       "unblocked");
		}
	}
	rest();
	return 0;
}

/* A TCP client of a server at home (@ip NULL: forked) or at @ip. */
static int t_tcp(int port, const char *ip)
{
	int s, ep, i, one = 1;
	struct epoll_event ev = { .events = EPOLLIN };
	char buf[64];
	pid_t pid = 0;

	if (!ip) {
		pid = fork();
		if (!pid)
			_exit(t_tcpd(port));	/* stays home */
	}
	for (i = 0; i < 50; i++) {
		s = connect_to(ip ? ip : "127.0.0.1", port);
		if (s >= 0)
			break;
		usleep(100000);
	}
	if (s < 0)
		return 1;
	setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	ep = epoll_create1(0);
	ev.data.fd = s;
	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev))
		return 2;
	for (i = 0; i < 4; i++) {
		fd_set rd;
		ssize_t n;

		step();
		snprintf(buf, sizeof(buf), "line %d", i);
		if (write(s, buf, strlen(buf)) != (ssize_t)strlen(buf))
			return 3;
		if (i & 1) {
			FD_ZERO(&rd);
			FD_SET(s, &rd);
			if (select(s + 1, &rd, NULL, NULL, NULL) != 1)
				return 4;
		} else if (epoll_wait(ep, &ev, 1, 10000) != 1) {
			return 5;
		}
		usleep(100000);	/* the whole answer */
		n = read(s, buf, sizeof(buf) - 1);
		if (n <= 0)
			return 6;
		buf[n] = 0;
		printf("%s: %s\n", i & 1 ? "select" : "epoll", buf);
	}
	close(s);
	if (pid) {
		waitpid(pid, &i, 0);
		printf("server status %d\n", i);
	}
	return 0;
}

static int t_sink(int port)
{
	static char buf[1 << 16];
	int c = accept_one(port);

	if (c < 0)
		return 1;
	while (read(c, buf, sizeof(buf)) > 0)
		;
	return 0;
}

static int t_source(const char *ip, int port, long mb)
{
	int s = connect_to(ip, port);
	static char buf[1 << 16];
	uint64_t t;
	long i;

	if (s < 0)
		return 1;
	t = wall_ns();
	for (i = 0; i < mb * 16; i++)
		if (write(s, buf, sizeof(buf)) != sizeof(buf))
			return 2;
	shutdown(s, SHUT_WR);
	while (read(s, buf, sizeof(buf)) > 0)
		;
	printf("%.1f\n", mb * 1e9 / (double)(wall_ns() - t));
	return 0;
}

static double uptime_s(void)
{
	double up = 0;
	FILE *f = fopen("/proc/uptime", "r");

	if (f) {
		if (fscanf(f, "%lf", &up) != 1)
			up = 0;
		fclose(f);
	}
	return up;
}

static int t_watch(int argc, char **argv)
{
	struct sched_param sp = { .sched_priority = 10 };
	int nodes, min, max, i, n, c[65], ok = 0;
	const char *t0s = getenv("T0");
	double t0, end;

	if (argc < 7)
		return 2;
	nodes = atoi(argv[2]);
	min = atoi(argv[3]);
	max = atoi(argv[4]);
	if (nodes < 1 || nodes > 64)
		return 2;
	/* Only the watcher: what it starts is ordinary again. */
	if (sched_setscheduler(0, SCHED_FIFO | SCHED_RESET_ON_FORK, &sp))
		perror("migtest: sched_setscheduler");
	t0 = t0s && *t0s ? atof(t0s) : uptime_s();
	end = uptime_s() + atof(argv[5]);
	do {
		memset(c, 0, sizeof(c));
		for (i = 6; i < argc; i++) {
			char path[64];
			FILE *f;

			snprintf(path, sizeof(path), "/proc/%s/where", argv[i]);
			f = fopen(path, "r");
			if (!f)
				continue;
			if (fscanf(f, "%d", &n) == 1 && n >= 1 && n <= nodes)
				c[n]++;
			fclose(f);
		}
		for (ok = 1, i = 1; i <= nodes; i++)
			if (c[i] < min || c[i] > max)
				ok = 0;
		if (!ok)
			usleep(100000);
	} while (!ok && uptime_s() < end);
	printf("%.1f", uptime_s() - t0);
	for (i = 1; i <= nodes; i++)
		printf(" %d", c[i]);
	printf("\n");
	return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
	const char *t = argc > 1 ? argv[1] : "";
	int arg = argc > 2 ? atoi(argv[2]) : 0;
	int first = 2;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(t, "mem") || !strcmp(t, "files") || !strcmp(t, "ids") ||
	    !strcmp(t, "exit") || !strcmp(t, "spin") ||
	    !strcmp(t, "nullcall") || !strcmp(t, "fpu") ||
	    !strcmp(t, "tcp"))
		first = 3;
	if (!strcmp(t, "tcp3"))
		first = 4;
	if (!strcmp(t, "pingpong"))
		first = argc;
	if (argc > first) {
		moves = argv + first;
		nmoves = argc - first;
	}
	if (!strcmp(t, "mem"))
		return t_mem(arg);
	if (!strcmp(t, "fpu"))
		return t_fpu(arg);
	if (!strcmp(t, "files"))
		return t_files(argv[2]);
	if (!strcmp(t, "pipe"))
		return t_pipe();
	if (!strcmp(t, "signals"))
		return t_signals();
	if (!strcmp(t, "fork"))
		return t_fork(argv[0]);
	if (!strcmp(t, "ids"))
		return t_ids(argv[2]);
	if (!strcmp(t, "clock"))
		return t_clock();
	if (!strcmp(t, "spin"))
		return t_spin(arg);
	if (!strcmp(t, "tcp"))
		return t_tcp(arg, NULL);
	if (!strcmp(t, "tcp3") && argc > 3)
		return t_tcp(arg, argv[3]);
	if (!strcmp(t, "tcpd"))
		return t_tcpd(arg);
	if (!strcmp(t, "intr"))
		return t_intr();
	if (!strcmp(t, "blocked") && argc > 2)
		return t_blocked(argv[2]);
	if (!strcmp(t, "twait"))
		return t_twait(arg);
	if (!strcmp(t, "smask"))
		return t_smask();
	if (!strcmp(t, "pingpong") && argc > 4)
		return t_pingpong(arg, argv[3], argv[4]);
	if (!strcmp(t, "hold"))
		return t_hold(arg);
	if (!strcmp(t, "work"))
		return t_work(arg);
	if (!strcmp(t, "lock"))
		return t_lock(arg);
	if (!strcmp(t, "grow"))
		return t_grow(arg);
	if (!strcmp(t, "io"))
		return t_io(arg);
	if (!strcmp(t, "nullcall"))
		return t_nullcall(arg);
	if (!strcmp(t, "watch"))
		return t_watch(argc, argv);
	if (!strcmp(t, "rt") && argc > 2) {
		struct sched_param sp = { .sched_priority = 10 };

		if (sched_setscheduler(0, SCHED_FIFO, &sp))
			perror("migtest: sched_setscheduler");
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		return 127;
	}
	if (!strcmp(t, "rttd"))
		return t_rttd(arg);
	if (!strcmp(t, "rtt") && argc > 4)
		return t_rtt(argv[2], atoi(argv[3]), atol(argv[4]));
	if (!strcmp(t, "timed"))
		return t_timed(arg);
	if (!strcmp(t, "clocksync") && argc > 3)
		return t_clocksync(argv[2], atoi(argv[3]));
	if (!strcmp(t, "sink"))
		return t_sink(arg);
	if (!strcmp(t, "source") && argc > 4)
		return t_source(argv[2], atoi(argv[3]), atol(argv[4]));
	if (!strcmp(t, "segv")) {
		volatile int *volatile bad = NULL;

		rest();
		*bad = 1;
		return 0;
	}
	if (!strcmp(t, "exit")) {
		rest();
		return arg;
	}
	fprintf(stderr, "usage: migtest TEST [ARG] [NODE...]\n");
	return 2;
}
