/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openMosix: hooks called by core kernel files. The one on the system
 * call entry costs nothing (a jump label, patched in) on a node that has
 * not yet run a guest nor a process in the forced-migration mode, and
 * then one test of a bit of the current task when the task has nothing
 * to do with migration.
 */
#ifndef _HPC_HOOKS_H
#define _HPC_HOOKS_H

#include <linux/jump_label.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <hpc/task.h>

struct pt_regs;

#ifdef CONFIG_HPC
/* /proc/PID/cmdline of a process that runs elsewhere (-ENOENT: not so) */
ssize_t hpc_pid_cmdline(struct task_struct *t, char __user *buf,
			size_t count, loff_t *pos);

/*
 * Timed waits woken by a move keep their end (timed.c): the end of a
 * wait of *@ts from now (a wait made again: *@ts becomes the time it has
 * left); a wait that failed with EINTR.
 */
ktime_t hpc_timed_rel(struct timespec64 *ts);
long hpc_timed_intr(ktime_t end);

/* On from the first guest, or process in the forced-migration mode. */
DECLARE_STATIC_KEY_FALSE(hpc_syscall_key);

/*
 * A system call of a process running away from home (or, in the debug
 * kernel, one moved at random system calls): one test of its state.
 */
static __always_inline bool hpc_syscall_hook(struct pt_regs *regs, int nr)
{
	if (static_branch_unlikely(&hpc_syscall_key) &&
	    unlikely(READ_ONCE(current->hpc.state) & HPC_ST_SYSCALL_MASK))
		return hpc_syscall(regs, nr);
	return false;
}
#else
static __always_inline bool hpc_syscall_hook(struct pt_regs *regs, int nr)
{
	return false;
}

static inline ktime_t hpc_timed_rel(struct timespec64 *ts)
{
	return KTIME_MAX;
}

static inline long hpc_timed_intr(ktime_t end)
{
	return -EINTR;
}
#endif

#endif /* _HPC_HOOKS_H */
