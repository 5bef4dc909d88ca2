/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openMosix: hooks called by core kernel files. The one on the system
 * call entry costs a NOP (a jump label, patched in) on a node that has
 * not yet run a guest nor a process in the forced-migration mode, and
 * then a call and one test of a bit of the current task when the task
 * has nothing to do with migration.
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

int hpc_syscall_nr(struct pt_regs *regs, int nr);

/*
 * The system call do_syscall_64() is to run: @nr, or -1 when it was
 * served here (a call of a process running away from home or, in the
 * debug kernel, one moved at random system calls). All but the jump
 * label is out of line: the entry keeps no more registers live than
 * without CONFIG_HPC, so a node that never ran a guest pays one NOP.
 */
static __always_inline int hpc_syscall_hook(struct pt_regs *regs, int nr)
{
	if (static_branch_unlikely(&hpc_syscall_key))
		return hpc_syscall_nr(regs, nr);
	return nr;
}
#else
static __always_inline int hpc_syscall_hook(struct pt_regs *regs, int nr)
{
	return nr;
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
