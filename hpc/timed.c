// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: an epoll wait interrupted by a move ends when it would have.
 *
 * A move asked of a process that waits in a call wakes the call as a
 * signal would: at home the process itself, elsewhere its deputy. Most
 * calls then go on by themselves: they restart to the same end (poll,
 * nanosleep, futex: their restart block), or wait with no time limit.
 * epoll_wait() and its kin fail with EINTR instead, as Linux has them
 * do when a stopped process is continued; made again where the process
 * goes, they would wait their whole timeout once more.
 *
 * Their wait ends at a time of this node's monotonic clock. The hook in
 * do_epoll_wait() turns the EINTR of a move into a restart from a block
 * that waits until that end: wherever the process goes, home keeps its
 * restart block and runs the restart (in the deputy, or in the process
 * back home, or still home when the move failed), on the same clock.
 * The block's data is kept here, by PID: restart_block has no member
 * for it.
 */
#include <linux/compat.h>
#include <linux/errno.h>
#include <linux/ktime.h>
#include <linux/ptrace.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include <asm/syscall.h>
#include <asm/unistd.h>
#include <hpc/hooks.h>
#include <hpc/mig.h>

struct timed_wait {
	unsigned int nr;	/* epoll_wait, epoll_pwait or epoll_pwait2 */
	ktime_t end;		/* CLOCK_MONOTONIC */
};

static DEFINE_XARRAY(timed_waits);	/* by PID */

/* The call this task is in, and its arguments: a deputy's, the one served. */
static unsigned int this_call(unsigned long *a)
{
	struct hpc_proc *p = current->hpc.proc;
	struct pt_regs *regs = current_pt_regs();

	if (p && test_bit(HPC_ST_SERVING, &current->hpc.state)) {
		memcpy(a, p->sc_args, sizeof(p->sc_args));
		return p->sc_nr;
	}
	syscall_get_arguments(current, regs, a);
	return syscall_get_nr(current, regs);
}

static void forget(pid_t pid)
{
	kfree(xa_erase(&timed_waits, pid));
}

/* restart_syscall(): the wait again, for the time it has left. */
static long restart_timed(struct restart_block *rb)
{
	pid_t pid = task_pid_nr(current);
	struct timed_wait *w = xa_load(&timed_waits, pid);
	unsigned long a[6];
	s64 left;
	long ret;

	rb->fn = do_no_restart_syscall;
	if (!w)
		return -EINTR;
	/* Its registers are the call's own: only the number was changed. */
	this_call(a);
	left = ktime_to_ns(ktime_sub(w->end, ktime_get()));
	a[3] = left > 0 ? min_t(u64, DIV_ROUND_UP_ULL(left, NSEC_PER_MSEC),
				INT_MAX) : 0;
	/* epoll_pwait2()'s timeout becomes epoll_pwait()'s, in ms. */
	ret = hpc_call_syscall(w->nr == __NR_epoll_wait ? __NR_epoll_wait :
			       __NR_epoll_pwait, a);
	/* Moved again meanwhile: hpc_timed_intr() has set the block again. */
	if (current->restart_block.fn != restart_timed)
		forget(pid);
	return ret;
}

/**
 * hpc_timed_intr() - an epoll wait failed with EINTR
 * @end: the end of its wait (CLOCK_MONOTONIC)
 *
 * Return: -ERESTART_RESTARTBLOCK when only a move of the process woke it
 * (a restart waits until @end), else -EINTR.
 */
long hpc_timed_intr(const struct timespec64 *end)
{
	pid_t pid = task_pid_nr(current);
	struct timed_wait *w;
	unsigned long a[6];
	unsigned int nr;

	/* A signal's EINTR is the program's to see. */
	if (!READ_ONCE(current->hpc.want) || task_sigpending(current) ||
	    in_compat_syscall() || (current->flags & PF_KTHREAD))
		return -EINTR;
	w = xa_load(&timed_waits, pid);
	nr = this_call(a);
	/* Made again by restart_timed(): still the call it was. */
	if (nr == __NR_restart_syscall && w)
		nr = w->nr;
	if (nr != __NR_epoll_wait && nr != __NR_epoll_pwait &&
	    nr != __NR_epoll_pwait2)
		return -EINTR;
	if (!w) {
		w = kzalloc(sizeof(*w), GFP_KERNEL);
		if (!w)
			return -EINTR;
		if (xa_err(xa_store(&timed_waits, pid, w, GFP_KERNEL))) {
			kfree(w);
			return -EINTR;
		}
	}
	w->nr = nr;
	w->end = timespec64_to_ktime(*end);
	return set_restart_fn(&current->restart_block, restart_timed);
}

/**
 * hpc_timed_exit() - a task ends: its restart data goes
 * @t: current
 */
void hpc_timed_exit(struct task_struct *t)
{
	if (!xa_empty(&timed_waits))
		forget(task_pid_nr(t));
}
