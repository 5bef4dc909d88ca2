/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openMosix: the per-process state kept in task_struct, and the hooks
 * the core kernel calls.
 */
#ifndef _HPC_TASK_H
#define _HPC_TASK_H

#include <linux/types.h>
#include <linux/bits.h>

/* struct hpc_task.flags, set by the process itself (/proc/hpc/decay) */
#define HPC_TASK_CPUJOB		0x01	/* hint: CPU-bound */
#define HPC_TASK_IOJOB		0x02	/* hint: I/O-bound */
#define HPC_TASK_FASTDECAY	0x04	/* statistics decay by fast-decay */
#define HPC_TASK_NODECAY	0x08	/* statistics do not decay */

/* struct hpc_task.state, bit numbers (atomic bitops; others write too) */
enum {
	HPC_ST_LOCK,		/* /proc/PID/lock: stays where it is */
	HPC_ST_DEPUTY,		/* the process runs elsewhere; this is home */
	HPC_ST_REMOTE,		/* a guest, running here for its home */
	HPC_ST_SERVING,		/* deputy running a forwarded call */
	HPC_ST_CHAOS,		/* debug: moved at random system calls */
	HPC_ST_GOLOCK,		/* its own move, redirected: arrive locked */
};

/* The state bits that send a system call through hpc_syscall_nr(). */
#define HPC_ST_SYSCALL_MASK	(BIT(HPC_ST_REMOTE) | BIT(HPC_ST_CHAOS))

struct hpc_proc;

struct hpc_task {
	u32 flags;
	u32 nmigs;		/* migrations so far */
	unsigned long state;
	u64 cpu_ns;		/* CPU time, decayed each decay-interval */
	u64 last_runtime;	/* sum_exec_runtime at the last decay */
	struct hpc_proc *proc;	/* while moved or moving; mig.c */
	int want;		/* requested move: node, -1 home, 0 none */
	int result;		/* outcome of the last request */
	u32 mig_load;		/* asked for load: this node's load then */
	u32 mig_turn;		/* asked for a turn (HPC_BAL_TURN): the CPU
				 * ms of the process it leaves a CPU to
				 */
	u64 served_ns;		/* CPU time it had before it arrived here */
	/* what the balancer learned of it (balancer.c) */
	unsigned long arrived;	/* jiffies: started or arrived here */
	u32 demand;		/* per mille of a CPU it wants */
	u64 run_ns, wait_ns;	/* its CPU time, its wait, at the last sample */
	u64 remote_ns;		/* CPU time its remote ran, credited here */
	u32 fwd_share;		/* per mille of its time in calls sent home */
	u64 fwd_ns;		/* time in calls sent home since the last look */
};

struct task_struct;
struct mm_struct;

#ifdef CONFIG_HPC
void hpc_task_fork(struct task_struct *p);
void hpc_task_exit(struct task_struct *p, long code);
int hpc_exec_mmap(struct mm_struct *mm);
int hpc_fpu_get(void *buf, unsigned int size);
int hpc_fpu_set(const void *buf, unsigned int size);
unsigned int hpc_fpu_size(void);
ssize_t hpc_pid_show(struct task_struct *t, const char *name, char *buf,
		     size_t size);
int hpc_pid_store(struct task_struct *t, const char *name, const char *buf,
		  size_t count);
#else
static inline void hpc_task_fork(struct task_struct *p)
{
}

static inline void hpc_task_exit(struct task_struct *p, long code)
{
}
#endif

#endif /* _HPC_TASK_H */
