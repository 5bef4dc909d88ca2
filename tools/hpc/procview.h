/* SPDX-License-Identifier: GPL-2.0 */
/* The processes of /proc as mps and mtop see them. */
#ifndef PROCVIEW_H
#define PROCVIEW_H

#include <stddef.h>

struct pv_proc {
	int pid, ppid;
	unsigned int uid;		/* effective */
	unsigned long long ticks;	/* utime + stime */
	unsigned long long start;	/* starttime, tells reused PIDs apart */
	int node;			/* where it runs now; -1: unknown */
	int lock;			/* 1 locked, 0 not; -1: unknown */
	int cantmove;			/* 1 cannot move, 0 can; -1: unknown */
	char why[128];			/* ... and why not */
	char comm[64];
	char *cmd;			/* command line, or [comm] */
	double cpu;			/* for mtop: per cent of a CPU */
};

struct pv_list {
	struct pv_proc *p;
	int n, cap;
};

int pv_read(int pid, struct pv_proc *p);
int pv_scan(struct pv_list *l);
void pv_free(struct pv_list *l);
struct pv_proc *pv_find(const struct pv_list *l, int pid);
const char *pv_user(unsigned int uid);
const char *pv_node(const struct pv_proc *p, char *buf, size_t size);
void pv_time(unsigned long long ticks, char *buf, size_t size);
long pv_hz(void);

#endif
