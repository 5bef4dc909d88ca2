// SPDX-License-Identifier: GPL-2.0
/*
 * mps: busybox ps with the openMosix columns.
 *
 *   mps [-w] [-n NODE] [PID...]
 *
 *   PID...	only these processes (default: all)
 *   -n NODE	only the processes running on NODE now
 *   -w		after the command, in brackets, why a process cannot move
 *   -h		this help
 *
 *     PID USER     TIME  NODE L M COMMAND
 *       1 root      0:01    1 . x /sbin/init
 *
 * TIME is the CPU time (user + system), minutes:seconds. NODE is where
 * the process runs now (/proc/PID/where); L is 'L' when it is locked
 * where it is, '.' when not; M is 'x' when it cannot move now
 * (/proc/PID/cantmove says why), '.' when it can. Without openMosix
 * these files do not exist and the three columns show '-'. A process
 * without a command line (a kernel thread, a zombie) shows as [comm].
 *
 * Exit: 0; 1 when a PID asked for does not exist; 2 on a usage error.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "hpclib.h"
#include "procview.h"

static void __attribute__((noreturn)) usage(int status)
{
	fprintf(status ? stderr : stdout,
		"usage: mps [-w] [-n NODE] [PID...]\n"
		"  -n only processes running on NODE\n"
		"  -w show why a process cannot move\n");
	exit(status);
}

static void show(const struct pv_proc *p, int why)
{
	char tm[32], node[16];

	pv_time(p->ticks, tm, sizeof(tm));
	printf("%5d %-8.8s %5s %4s %c %c %s", p->pid, pv_user(p->uid), tm,
	       pv_node(p, node, sizeof(node)),
	       p->lock < 0 ? '-' : p->lock ? 'L' : '.',
	       p->cantmove < 0 ? '-' : p->cantmove ? 'x' : '.', p->cmd);
	if (why && p->cantmove > 0)
		printf(" [%s]", p->why);
	putchar('\n');
}

int main(int argc, char **argv)
{
	struct pv_list all = { 0 };
	struct pv_proc *p;
	long node = -1, v;
	int c, i, why = 0, npids, *pids, ret = 0;
	char *arg, *end;

	prog = "mps";
	opterr = 0;
	while ((c = getopt(argc, argv, ":n:wh")) != -1) {
		switch (c) {
		case 'n':
			node = strtol(optarg, &end, 10);
			if (*end || end == optarg || node < 0 || node > 65535) {
				fprintf(stderr, "mps: bad node '%s'\n", optarg);
				usage(2);
			}
			break;
		case 'w':
			why = 1;
			break;
		case 'h':
			usage(0);
		default:
			opt_complain(c);
			usage(2);
		}
	}

	npids = argc - optind;
	pids = calloc(npids + 1, sizeof(*pids));
	if (!pids)
		die("out of memory");
	for (i = 0; i < npids; i++) {
		arg = argv[optind + i];
		v = strtol(arg, &end, 10);
		if (*end || end == arg || v <= 0 || v > INT_MAX) {
			fprintf(stderr, "mps: bad PID '%s'\n", arg);
			usage(2);
		}
		pids[i] = v;
	}

	pv_scan(&all);
	printf("  PID USER     TIME  NODE L M COMMAND\n");
	if (!npids) {
		for (i = 0; i < all.n; i++)
			if (node < 0 || all.p[i].node == node)
				show(&all.p[i], why);
	}
	for (i = 0; i < npids; i++) {
		p = pv_find(&all, pids[i]);
		if (!p) {
			fprintf(stderr, "mps: %d: no such process\n", pids[i]);
			ret = 1;
		} else if (node < 0 || p->node == node) {
			show(p, why);
		}
	}
	pv_free(&all);
	free(pids);
	return ret;
}
