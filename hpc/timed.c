// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: a timed wait interrupted by a move ends when it would have.
 *
 * A move asked of a process that waits in a call wakes the call as a
 * signal would: at home the process itself, elsewhere its deputy. Most
 * calls then go on by themselves: they restart to the same end (poll,
 * nanosleep, futex: their restart block), or wait with no time limit.
 * Some fail with EINTR instead, as Linux has them do when a stopped
 * process is continued: epoll_wait() and its kin, semtimedop(),
 * rt_sigtimedwait(). Made again where the process goes, they would wait
 * their whole timeout once more. Hooks in them keep the end instead.
 *
 * Their wait ends at a time of this node's monotonic clock. The EINTR of
 * a move becomes:
 *
 *  - for the calls that run at home (the epoll waits and semtimedop are
 *    sent home by a process away), a restart from a block that waits
 *    until that end: wherever the process goes, home keeps its restart
 *    block and runs the restart (in the deputy, or in the process back
 *    home, or still home when the move failed), on the same clock;
 *
 *  - for rt_sigtimedwait(), which runs where the process does (its
 *    signals are there), the call made again by the process itself,
 *    wherever it lands: the time it has left goes with it, in the last
 *    message of the move, and ends its wait there.
 *
 * A socket's own timeout (SO_RCVTIMEO, SO_SNDTIMEO) is read at the start
 * of each of its waits, by sock_rcvtimeo() and sock_sndtimeo(), and the
 * call fails with EINTR when a move wakes it: made again, it would wait
 * its whole timeout once more. The socket is home's, and so is each of
 * its waits, in the process at home or in its deputy: home keeps the end
 * of the last timed socket wait of each task, with the call that made
 * it. The move's EINTR of that call becomes a restart from a block kept
 * at home, as for the epoll waits, which makes the call again with the
 * record live: each timeout the call reads then is the time left to the
 * end. Outside that restart, no record changes a timeout.
 *
 * The data is kept here, by PID: restart_block has no member for it.
 */
#include <linux/compat.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/ptrace.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include <asm/syscall.h>
#include <asm/unistd.h>
#include <hpc/hooks.h>
#include <hpc/mig.h>
#include <hpc/sock.h>

struct timed_wait {
	unsigned int nr;	/* the call */
	bool again;		/* restart_timed() makes it again now */
	bool here;		/* made again by the process, not restarted */
	ktime_t end;		/* CLOCK_MONOTONIC */
};

static DEFINE_XARRAY(timed_waits);	/* by PID */

struct sock_wait {
	unsigned int nr;	/* the call */
	bool live;		/* made again by restart_sock(): to @end */
	unsigned long fd;	/* its first argument */
	unsigned long end;	/* jiffies */
};

static DEFINE_XARRAY(sock_waits);	/* by PID */

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

static bool is_epoll(unsigned int nr)
{
	return nr == __NR_epoll_wait || nr == __NR_epoll_pwait ||
	       nr == __NR_epoll_pwait2;
}

static struct timed_wait *lookup(void)
{
	if (xa_empty(&timed_waits))
		return NULL;
	return xa_load(&timed_waits, task_pid_nr(current));
}

static void forget(pid_t pid)
{
	kfree(xa_erase(&timed_waits, pid));
}

/* The caller's entry of @xa, made (zeroed, of @size) if it has none. */
static void *pid_entry(struct xarray *xa, size_t size, gfp_t gfp)
{
	pid_t pid = task_pid_nr(current);
	void *e = xa_load(xa, pid);

	if (e)
		return e;
	e = kzalloc(size, gfp);
	if (e && xa_err(xa_store(xa, pid, e, gfp))) {
		kfree(e);
		e = NULL;
	}
	return e;
}

static struct timed_wait *keep(unsigned int nr, ktime_t end, bool here)
{
	struct timed_wait *w = pid_entry(&timed_waits, sizeof(*w),
					 GFP_KERNEL);

	if (!w)
		return NULL;
	w->nr = nr;
	w->end = end;
	w->here = here;
	w->again = false;
	return w;
}

static ktime_t time_left(ktime_t end)
{
	ktime_t left = ktime_sub(end, ktime_get());

	return left > 0 ? left : 0;
}

/* restart_syscall(): the wait again, for the time it has left. */
static long restart_timed(struct restart_block *rb)
{
	pid_t pid = task_pid_nr(current);
	struct timed_wait *w = xa_load(&timed_waits, pid);
	unsigned long a[6];
	unsigned int nr;
	long ret;

	rb->fn = do_no_restart_syscall;
	if (!w)
		return -EINTR;
	/* Its registers are the call's own: only the number was changed. */
	this_call(a);
	nr = w->nr;
	if (is_epoll(nr)) {
		/* epoll_pwait2()'s timeout becomes epoll_pwait()'s, in ms. */
		a[3] = min_t(u64, DIV_ROUND_UP_ULL(time_left(w->end),
						   NSEC_PER_MSEC), INT_MAX);
		if (nr == __NR_epoll_pwait2)
			nr = __NR_epoll_pwait;
	} else {
		/* Its timeout is read again: hpc_timed_rel() gives the rest. */
		w->again = true;
	}
	ret = hpc_call_syscall(nr, a);
	/* Moved again meanwhile: hpc_timed_intr() has set the block again. */
	if (current->restart_block.fn != restart_timed)
		forget(pid);
	return ret;
}

/**
 * hpc_timed_rel() - a wait of a relative timeout begins
 * @ts: the timeout; NULL: none
 *
 * A wait made again after a move keeps the end of the first: @ts becomes
 * the time it has left.
 *
 * Return: the end of the wait (CLOCK_MONOTONIC), or KTIME_MAX when it
 * has none (or @ts is not a valid time: the call fails on it).
 */
ktime_t hpc_timed_rel(struct timespec64 *ts)
{
	struct timed_wait *w;
	unsigned long a[6];
	ktime_t end;

	if (!ts || !timespec64_valid(ts))
		return KTIME_MAX;
	w = lookup();
	if (w && (w->again || (w->here && this_call(a) == w->nr))) {
		end = w->end;
		*ts = ktime_to_timespec64(time_left(end));
		/* Used once; a restart forgets its own when it returns. */
		if (w->here)
			forget(task_pid_nr(current));
		else
			w->again = false;
		return end;
	}
	return ktime_add_safe(ktime_get(), timespec64_to_ktime(*ts));
}

/**
 * hpc_timed_intr() - a timed wait failed with EINTR
 * @end: the end of its wait (CLOCK_MONOTONIC); KTIME_MAX: none
 *
 * Return: -ERESTART_RESTARTBLOCK when only a move of the process woke a
 * wait that runs at home (a restart waits until @end); otherwise -EINTR,
 * and a wait that runs where the process does, woken by a move, is made
 * again to @end (hpc_timed_take()).
 */
long hpc_timed_intr(ktime_t end)
{
	struct timed_wait *w = lookup();
	unsigned long a[6];
	unsigned int nr;

	/* A signal's EINTR is the program's to see. */
	if (end == KTIME_MAX || !READ_ONCE(current->hpc.want) ||
	    task_sigpending(current) || in_compat_syscall() ||
	    (current->flags & PF_KTHREAD))
		return -EINTR;
	nr = this_call(a);
	/* Made again by restart_timed(): still the call it was. */
	if (nr == __NR_restart_syscall && w && !w->here)
		nr = w->nr;
	if (nr == __NR_rt_sigtimedwait) {
		keep(nr, end, true);
		return -EINTR;
	}
	if (!is_epoll(nr) && nr != __NR_semtimedop)
		return -EINTR;
	if (!keep(nr, end, false))
		return -EINTR;
	return set_restart_fn(&current->restart_block, restart_timed);
}

/**
 * hpc_timed_signalled() - a signal came before a woken wait was made again
 *
 * The call's EINTR is then the program's (its handler runs instead of
 * the move), and the wait is not made again: what was kept for it goes,
 * or the program's next such wait would end at the old end.
 */
void hpc_timed_signalled(void)
{
	struct timed_wait *w = lookup();

	if (w && w->here)
		forget(task_pid_nr(current));
}

/**
 * hpc_timed_take() - the wait the process leaving makes again, if any
 * @nr: set to its call
 *
 * Return: the time it has left, in ns, or -1 when it has none.
 */
s64 hpc_timed_take(u32 *nr)
{
	struct timed_wait *w = lookup();
	s64 left;

	if (!w || !w->here)
		return -1;
	*nr = w->nr;
	left = ktime_to_ns(time_left(w->end));
	forget(task_pid_nr(current));
	return left;
}

/**
 * hpc_timed_ok() - may a process arrive with this wait to make again?
 * @nr: its call
 * @left: the time it has left, in ns
 *
 * Return: true for a call made again so, with a time it could have left.
 */
bool hpc_timed_ok(u32 nr, u64 left)
{
	return nr == __NR_rt_sigtimedwait && left <= KTIME_MAX / 2;
}

/**
 * hpc_timed_give() - the process makes a wait again here
 * @nr: its call (hpc_timed_take())
 * @left: the time it had left when it was taken, in ns
 *
 * Return: 0, or -EINVAL when !hpc_timed_ok().
 */
int hpc_timed_give(u32 nr, u64 left)
{
	if (!hpc_timed_ok(nr, left))
		return -EINVAL;
	/* Without memory, the wait is made again whole: later, not wrong. */
	keep(nr, ktime_add_ns(ktime_get(), left), true);
	return 0;
}

static struct sock_wait *sock_lookup(void)
{
	if (xa_empty(&sock_waits))
		return NULL;
	return xa_load(&sock_waits, task_pid_nr(current));
}

/**
 * hpc_sock_timeo() - a socket wait of a finite timeout begins
 * @timeo: the socket's timeout, jiffies
 *
 * Called from sock_rcvtimeo() and sock_sndtimeo(), in the context of the
 * call that waits: in the process at home, or in its deputy.
 *
 * Return: @timeo, or in a call that restart_sock() makes again, the time
 * left to the end of its first wait (0 when none: it times out at once).
 */
long hpc_sock_timeo(long timeo)
{
	const gfp_t gfp = GFP_NOWAIT | __GFP_NOWARN;
	pid_t pid = task_pid_nr(current);
	struct sock_wait *w;
	unsigned long a[6];
	unsigned int nr;

	/* Kernel sockets; a timeout too far to wrap the end. */
	if (!in_task() || (current->flags & PF_KTHREAD) || timeo <= 0 ||
	    timeo > LONG_MAX / 4)
		return timeo;
	nr = this_call(a);
	w = xa_load(&sock_waits, pid);
	if (w && w->live) {
		/*
		 * Each read of the call restart_sock() makes again (its
		 * number here is restart_syscall's), to the same end.
		 */
		if (w->fd == a[0])
			return time_after(w->end, jiffies) ?
			       w->end - jiffies : 0;
		return timeo;
	}
	/* Without memory, a wait made again waits whole: late. */
	if (!w)
		w = pid_entry(&sock_waits, sizeof(*w), gfp);
	if (!w)
		return timeo;
	w->nr = nr;
	w->fd = a[0];
	w->end = jiffies + timeo;
	return timeo;
}
EXPORT_SYMBOL_GPL(hpc_sock_timeo);

/* restart_syscall(): the socket call again, until the end of its wait. */
static long restart_sock(struct restart_block *rb)
{
	struct sock_wait *w = sock_lookup();
	unsigned long a[6];
	long ret;

	rb->fn = do_no_restart_syscall;
	if (!w)
		return -EINTR;
	/* Its registers are the call's own: only the number was changed. */
	this_call(a);
	w->live = true;
	ret = hpc_call_syscall(w->nr, a);
	w->live = false;
	/* Woken by a move again: restart again, to the same end. */
	if (ret == -EINTR && READ_ONCE(current->hpc.want) &&
	    !task_sigpending(current))
		return set_restart_fn(rb, restart_sock);
	return ret;
}

/**
 * hpc_sock_restart() - a call woken by a move alone failed with EINTR
 *
 * Called at home, where the call ran (the process, or its deputy serving
 * it), when only a move woke it. A socket call fails so when its socket
 * has a timeout: the one whose wait this task began last is made again
 * by restart_sock(), from a block kept at home, until its end.
 *
 * Return: true when the call is that one: the restart block is set, and
 * the call is to end with -ERESTART_RESTARTBLOCK.
 */
bool hpc_sock_restart(void)
{
	struct sock_wait *w = sock_lookup();
	unsigned long a[6];

	if (!w || in_compat_syscall() || this_call(a) != w->nr ||
	    a[0] != w->fd)
		return false;
	set_restart_fn(&current->restart_block, restart_sock);
	return true;
}

/**
 * hpc_timed_exit() - a task ends: its wait data goes
 * @t: current
 */
void hpc_timed_exit(struct task_struct *t)
{
	if (!xa_empty(&timed_waits))
		forget(task_pid_nr(t));
	if (!xa_empty(&sock_waits))
		kfree(xa_erase(&sock_waits, task_pid_nr(t)));
}
