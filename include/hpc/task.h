/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openMosix: the per-process state kept in task_struct.
 */
#ifndef _HPC_TASK_H
#define _HPC_TASK_H

#include <linux/types.h>

/* struct hpc_task.flags, set by the process itself (/proc/hpc/decay) */
#define HPC_TASK_CPUJOB		0x01	/* hint: CPU-bound */
#define HPC_TASK_IOJOB		0x02	/* hint: I/O-bound */
#define HPC_TASK_FASTDECAY	0x04	/* statistics decay by fast-decay */
#define HPC_TASK_NODECAY	0x08	/* statistics do not decay */

struct hpc_task {
	u32 flags;
	u64 cpu_ns;		/* CPU time, decayed each decay-interval */
	u64 last_runtime;	/* sum_exec_runtime at the last decay */
};

struct task_struct;

#ifdef CONFIG_HPC
void hpc_task_fork(struct task_struct *p);
#else
static inline void hpc_task_fork(struct task_struct *p)
{
}
#endif

#endif /* _HPC_TASK_H */
