// SPDX-License-Identifier: GPL-2.0
/*
 * migrate: move a process to another node, or home.
 *
 *   migrate PID NODE      move it to NODE
 *   migrate PID home      bring it home
 *   migrate PID balance   let the load balancer choose now
 *   migrate -l PID NODE   move it to NODE (or home) and lock it there: it
 *                         arrives locked, so no balancer moves it on
 *
 * The move is requested through /proc/PID/goto; the write returns once
 * the process runs on its new node (or failed), and migrate says which.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "hpclib.h"

static void usage(void)
{
	fprintf(stderr, "usage: migrate PID {NODE|home|balance}\n"
		"       migrate -l PID {NODE|home}\n");
	exit(2);
}

int main(int argc, char **argv)
{
	char path[64], why[256] = "", req[32], *end;
	const char *to;
	int lock = 0;
	unsigned int node = 0;
	long pid;
	size_t len;
	char *s;
	int err;

	prog = "migrate";
	if (argc == 4 && !strcmp(argv[1], "-l")) {
		lock = 1;
		argv++;
		argc--;
	}
	if (argc != 3)
		usage();
	pid = strtol(argv[1], &end, 10);
	if (*end || pid <= 0)
		usage();
	to = argv[2];
	if (lock && !strcmp(to, "balance"))
		usage();
	if (strcmp(to, "home") && strcmp(to, "balance")) {
		node = strtoul(to, &end, 10);
		if (*end || !node || node > 65535)
			usage();
	}
	snprintf(path, sizeof(path), "/proc/%ld/goto", pid);
	snprintf(req, sizeof(req), "%s%s", to, lock ? " lock" : "");
	err = -write_all_once(path, req, strlen(req));
	if (!err) {
		snprintf(path, sizeof(path), "/proc/%ld/where", pid);
		s = read_all(path, &len);
		printf("%ld: on node %s", pid, s ? s : "?\n");
		free(s);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/%ld", pid);
	if (access(path, F_OK))
		die("%ld: no such process", pid);
	if (err == EBUSY) {
		snprintf(path, sizeof(path), "/proc/%ld/cantmove", pid);
		s = read_all(path, &len);
		if (s) {
			snprintf(why, sizeof(why), "%s", s);
			why[strcspn(why, "\n")] = 0;
			free(s);
		}
	}
	switch (err) {
	case EPERM:
		die("%ld: not allowed to move another user's process", pid);
	case EBUSY:
		die("%ld: cannot move: %s", pid, *why ? why : "busy");
	case ECONNREFUSED:
		die("%ld: node %s takes no guests (block)", pid, to);
	case ENOENT:
		die("%ld: node %s is not in the cluster map", pid, to);
	case EHOSTDOWN:
	case EHOSTUNREACH:
		die("%ld: node %s is down or unreachable", pid, to);
	case ENOMEM:
		die("%ld: node %s has no memory for it", pid, to);
	case EAGAIN:
		/* "balance": the target the balancer chose said no. */
		die("%ld: the target has become as busy as this node: it stays",
		    pid);
	case EINVAL:
		die("%ld: cannot move to '%s'", pid, to);
	default:
		die("%ld: move to %s failed: %s", pid, to, strerror(err));
	}
}
