// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: the remote, the half of a moved process that runs it.
 *
 * A process arriving on this node gets a new task, started from the
 * link's receiver as a user-mode thread; the thread builds the process
 * in itself (mig.c) and returns to user mode as it. Its system calls
 * go through hpc_remote_syscall(): the policy table (syscalls.c) says
 * which run here, which go to the deputy at home (their user memory is
 * served from here, page by page, while the deputy runs them), and which
 * need the process at home. Signals sent at home arrive as messages and
 * are queued here; the process's end is reported home.
 */
#include <linux/compat.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/sched/cputime.h>
#include <linux/task_work.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/slab.h>
#include <asm/syscall.h>
#include <asm/unistd.h>
#include <hpc/hooks.h>
#include <hpc/hpc.h>
#include <hpc/mig.h>

atomic_t hpc_nr_remotes = ATOMIC_INIT(0);
DEFINE_STATIC_KEY_FALSE(hpc_syscall_key);

/* CPU time used here since last reported home. */
static void cputime_delta(struct hpc_proc *p, u64 *ut, u64 *st)
{
	u64 u, s;

	task_cputime(current, &u, &s);
	*ut = u > p->utime ? u - p->utime : 0;
	*st = s > p->stime ? s - p->stime : 0;
	p->utime = max(u, p->utime);
	p->stime = max(s, p->stime);
}

void hpc_remote_signal(struct hpc_proc *p, struct hpc_pmsg *m)
{
	kernel_siginfo_t info;
	bool poke;

	if (m->len == sizeof(info) && p->task) {
		memcpy(&info, m->body, sizeof(info));
		if (!valid_signal(info.si_signo) || info.si_signo <= 0)
			goto out;
		send_sig_info(info.si_signo, &info, p->task);
		/*
		 * A call waiting at home that the signal would wake there:
		 * the process, waiting for its result, asks the deputy to
		 * (forward()). The locks order this with its start: it
		 * sees the signal pending, or this sees it waiting.
		 */
		spin_lock(&p->lock);
		poke = p->in_call &&
		       !sigismember(&p->call_blocked, info.si_signo);
		if (poke)
			p->poke = true;
		spin_unlock(&p->lock);
		if (poke)
			wake_up(&p->wq);
	}
out:
	hpc_pmsg_free(m);
}

/*
 * The signal mask a call sent home runs under, when it has its own:
 * ppoll, pselect6, epoll_pwait and epoll_pwait2 wait with it in force.
 * Return: the mask's address in the process (NULL: none), *@set filled.
 */
static const sigset_t __user *call_mask(int nr, const unsigned long *a,
					sigset_t *set)
{
	const sigset_t __user *um = NULL;
	unsigned long pack[2];
	size_t size = 0;

	if (in_compat_syscall())
		return NULL;
	switch (nr) {
	case __NR_ppoll:
		um = (const sigset_t __user *)a[3];
		size = a[4];
		break;
	case __NR_pselect6:
		if (!a[5] || copy_from_user(pack, (void __user *)a[5],
					    sizeof(pack)))
			return NULL;
		um = (const sigset_t __user *)pack[0];
		size = pack[1];
		break;
	case __NR_epoll_pwait:
	case __NR_epoll_pwait2:
		um = (const sigset_t __user *)a[4];
		size = a[5];
		break;
	}
	/* A bad one fails the call at home, as it would have. */
	if (!um || size != sizeof(*set) || copy_from_user(set, um, size))
		return NULL;
	sigdelsetmask(set, sigmask(SIGKILL) | sigmask(SIGSTOP));
	return um;
}

/* Is a signal pending here that @blocked lets through? */
static bool pending_through(const sigset_t *blocked)
{
	sigset_t s;

	spin_lock_irq(&current->sighand->siglock);
	sigorsets(&s, &current->pending.signal,
		  &current->signal->shared_pending.signal);
	spin_unlock_irq(&current->sighand->siglock);
	sigandnsets(&s, &s, blocked);
	return !sigisemptyset(&s);
}

/* Messages a running remote acts on at once (receiver thread). */
void hpc_remote_async(struct hpc_proc *p, struct hpc_pmsg *m)
{
	struct hpc_err e = { .err = cpu_to_le32(EINVAL) };
	const struct hpc_goto *g;
	int node, err;

	switch (m->op) {
	case HPC_POP_SIGNAL:
		hpc_remote_signal(p, m);
		return;
	case HPC_POP_KILL:
	case HPC_POP_GONE:
		p->ended = true;
		send_sig(SIGKILL, p->task, 1);
		break;
	case HPC_POP_GOTO:
		if (m->len != sizeof(struct hpc_goto))
			break;
		g = m->body;
		node = le32_to_cpu(g->node);
		if (node == HPC_GOTO_LOCK || node == HPC_GOTO_UNLOCK) {
			assign_bit(HPC_ST_LOCK, &p->task->hpc.state,
				   node == HPC_GOTO_LOCK);
			break;
		}
		if (node == HPC_GOTO_BALANCE) {
			err = hpc_balance_one(p->task);
			if (err == 1) {		/* best where it is */
				e.err = 0;
				hpc_proc_send(p, HPC_POP_STAYED, &e, sizeof(e));
				break;
			}
		} else if (node < 0 || node > HPC_MAX_NODE) {
			err = -EINVAL;
		} else {
			err = hpc_mig_request_lock(p->task,
						   node == p->home ? 0 : node,
						   le32_to_cpu(g->flags) &
						   HPC_GOTO_F_LOCK);
		}
		if (err) {
			e.err = cpu_to_le32(-err);
			hpc_proc_send(p, HPC_POP_STAYED, &e, sizeof(e));
		}
		break;
	}
	hpc_pmsg_free(m);
}

/*
 * Up to @count whole pages of this process's memory from @addr, in a new
 * buffer (*@buf, kvfree()). Return: how many could be read, from the
 * first; 0 with nothing in *@buf when none could.
 */
static unsigned int copy_pages(unsigned long addr, unsigned int count,
			       void **buf)
{
	unsigned int n;
	void *b;

	*buf = NULL;
	if (!PAGE_ALIGNED(addr) || addr >= TASK_SIZE)
		return 0;
	count = min_t(unsigned long, count, (TASK_SIZE - addr) >> PAGE_SHIFT);
	b = count ? kvmalloc((size_t)count << PAGE_SHIFT, GFP_KERNEL) : NULL;
	if (!b)
		return 0;
	for (n = 0; n < count; n++)
		if (copy_from_user(b + ((size_t)n << PAGE_SHIFT),
				   (void __user *)addr + ((size_t)n << PAGE_SHIFT),
				   PAGE_SIZE))
			break;
	if (!n)
		kvfree(b);
	else
		*buf = b;
	return n;
}

/* The deputy reads our memory while it runs a call for us. */
static void serve_pages(struct hpc_proc *p, struct hpc_pmsg *m)
{
	const struct hpc_pages *req = m->body;
	struct hpc_pages ans = {};
	unsigned int n;
	void *buf;

	if (m->len != sizeof(*req))
		return;
	n = copy_pages(le64_to_cpu(req->addr),
		       min_t(u32, le32_to_cpu(req->count), HPC_PAGES_PER_MSG),
		       &buf);
	ans.addr = req->addr;
	ans.count = cpu_to_le32(n);
	if (!n)
		ans.err = cpu_to_le32(EFAULT);
	hpc_proc_send2(p, HPC_POP_PAGE_DATA, &ans, sizeof(ans), buf,
		       n << PAGE_SHIFT);
	kvfree(buf);
}

static void take_pages(struct hpc_pmsg *m)
{
	const struct hpc_pages *put = m->body;
	unsigned long addr, len;

	if (m->len < sizeof(*put))
		return;
	addr = le64_to_cpu(put->addr);
	len = (unsigned long)le32_to_cpu(put->count) << PAGE_SHIFT;
	if (m->len != sizeof(*put) + len || !PAGE_ALIGNED(addr) ||
	    addr + len > TASK_SIZE || addr + len < addr)
		return;
	if (copy_to_user((void __user *)addr, put + 1, len))
		pr_warn_ratelimited("hpc: pid %d: memory written at home could not be stored\n",
				    task_pid_nr(current));
}

static bool is_restart(long ret)
{
	return ret == -ERESTARTSYS || ret == -ERESTARTNOINTR ||
	       ret == -ERESTARTNOHAND || ret == -ERESTART_RESTARTBLOCK;
}

/*
 * The pages of the memory the call names (struct hpc_sc_def.buf), read
 * ahead: sent with the call, they spare the deputy the round trip of its
 * first fault. Return: how many, in *@buf (kvfree()).
 */
static unsigned int read_ahead(int nr, const unsigned long *args,
			       unsigned long *addr, void **buf)
{
	const struct hpc_sc_def *d = &hpc_sc_table[nr];
	unsigned long start, end, len;

	if (!d->buf)
		return 0;
	start = args[d->buf - 1];
	len = d->len ? args[d->len - 1] : d->size;
	if (!len || start >= TASK_SIZE || len > TASK_SIZE - start)
		return 0;
	end = min(PAGE_ALIGN(start + len),
		  (start & PAGE_MASK) + (HPC_AHEAD_PAGES << PAGE_SHIFT));
	*addr = start & PAGE_MASK;
	return copy_pages(*addr, (end - *addr) >> PAGE_SHIFT, buf);
}

/**
 * hpc_restart_home() - the restart block of a call that ran at home
 * @rb: the process's restart block
 *
 * A call forwarded home that is to be restarted from its restart block
 * left that block in the deputy: restart_syscall() goes home for it
 * (hpc_sc_class()), and this, standing in for it here, never runs.
 *
 * Return: -EINTR, as for a restart with no block.
 */
long hpc_restart_home(struct restart_block *rb)
{
	rb->fn = do_no_restart_syscall;
	return -EINTR;
}

/* Run a call at home and wait for its result, serving its memory. */
static long forward(struct hpc_proc *p, int nr, const unsigned long *args)
{
	struct hpc_syscall_ahead a = { .sc.nr = cpu_to_le32(nr) };
	struct hpc_syscall *sc = &a.sc;
	struct hpc_pmsg *m;
	u64 ut, st, t0 = ktime_get_ns(), took, served = 0;
	unsigned long addr = 0;
	struct hpc_intr in = {};
	const sigset_t __user *um;
	unsigned int ahead;
	void *pages = NULL;
	bool asked = false;
	sigset_t mask;
	u32 call;
	long ret;
	int i, err;

	for (i = 0; i < 6; i++)
		sc->args[i] = cpu_to_le64(args[i]);
	sc->blocked = cpu_to_le64(current->blocked.sig[0]);
	um = call_mask(nr, args, &mask);
	cputime_delta(p, &ut, &st);
	sc->utime = cpu_to_le64(ut);
	sc->stime = cpu_to_le64(st);
	ahead = read_ahead(nr, args, &addr, &pages);
	if (ahead) {
		a.pages.addr = cpu_to_le64(addr);
		a.pages.count = cpu_to_le32(ahead);
		err = hpc_proc_send2(p, HPC_POP_SYSCALL, &a, sizeof(a), pages,
				     ahead << PAGE_SHIFT);
		kvfree(pages);
	} else {
		err = hpc_proc_send(p, HPC_POP_SYSCALL, sc, sizeof(*sc));
	}
	if (err)
		goto lost;
	/*
	 * Signals are passed on to where the process runs. One that is
	 * here as this call waits at home (passed on as it went, or before,
	 * blocked but for the call's own mask) would not wake it there:
	 * the deputy is asked to interrupt it, as the signal would at home.
	 * Only this task asks, so the request goes before anything it sends
	 * after the call.
	 */
	call = hpc_proc_next_call(p);
	spin_lock(&p->lock);
	p->call_blocked = um ? mask : current->blocked;
	p->in_call = call;
	spin_unlock(&p->lock);
	for (;;) {
		if (!asked && pending_through(&p->call_blocked)) {
			in.call = cpu_to_le32(call);
			asked = !hpc_proc_send(p, HPC_POP_INTR, &in,
					       sizeof(in));
		}
		m = hpc_proc_recv(p, MAX_SCHEDULE_TIMEOUT, false);
		if (m == ERR_PTR(-EAGAIN))
			continue;	/* a signal came */
		if (IS_ERR(m))
			break;
		if (m->op == HPC_POP_SYSRET)
			break;
		if (m->op == HPC_POP_PAGE_REQ)
			serve_pages(p, m);
		else if (m->op == HPC_POP_PAGE_PUT)
			take_pages(m);
		hpc_pmsg_free(m);
	}
	spin_lock(&p->lock);
	p->in_call = 0;
	p->poke = false;
	spin_unlock(&p->lock);
	if (IS_ERR(m)) {
		if (PTR_ERR(m) == -EINTR)
			return -EINTR;	/* killed */
		goto lost;
	}
	ret = -EIO;
	if (m->len == sizeof(struct hpc_sysret)) {
		const struct hpc_sysret *r = m->body;

		ret = (long)le64_to_cpu(r->ret);
		served = le64_to_cpu(r->served_ns);
	}
	hpc_pmsg_free(m);
	/*
	 * For the balancer (which takes it with xchg): the time this call
	 * lost to being away, the round trips. Not what it would have
	 * spent at home as well, sleeping or waiting for a disk.
	 */
	took = ktime_get_ns() - t0;
	WRITE_ONCE(current->hpc.fwd_ns,
		   current->hpc.fwd_ns + took - min(took, served));
	/*
	 * Interrupted, a call with its own mask has the signals delivered
	 * under that mask, which is then put back, as at home; the deputy
	 * passed on what it let through.
	 */
	if (um && (ret == -EINTR || ret == -ERESTARTNOHAND) &&
	    pending_through(&mask)) {
		current->saved_sigmask = current->blocked;
		set_current_blocked(&mask);
		set_restore_sigmask();
	}
	/* Restart (or fail with EINTR) as signal delivery decides. */
	if (is_restart(ret))
		set_notify_signal(current);
	current->restart_block.fn = ret == -ERESTART_RESTARTBLOCK ?
				    hpc_restart_home : do_no_restart_syscall;
	return ret;
lost:
	/* Home is gone: so is the process. */
	p->ended = true;
	send_sig(SIGKILL, current, 1);
	return -EIO;
}

/* Rewind the call so that it runs again once the process is home. */
static bool call_at_home(struct pt_regs *regs)
{
	int err;

	regs->ax = regs->orig_ax;
	regs->ip -= 2;
	err = hpc_remote_move(0);	/* returns only if the move failed */
	regs->ip += 2;
	regs->ax = err;
	return true;
}

/* A system call of a guest process, by the policy table. */
static bool remote_syscall(struct pt_regs *regs, int nr)
{
	struct hpc_proc *p = current->hpc.proc;
	unsigned long args[6] = { regs->di, regs->si, regs->dx,
				  regs->r10, regs->r8, regs->r9 };
	long ret;

	if (nr < 0 || !p)
		return false;
	if (nr == __NR_getpid || nr == __NR_gettid) {
		regs->ax = p->home_pid;
		return true;
	}
	switch (hpc_sc_class(nr, args)) {
	case HPC_SC_FORWARD:
		regs->ax = forward(p, nr, args);
		return true;
	case HPC_SC_BOTH:
		ret = forward(p, nr, args);
		if (ret >= 0)
			return false;
		regs->ax = ret;
		return true;
	case HPC_SC_HOME:
		return call_at_home(regs);
	case HPC_SC_REFUSE:
		regs->ax = -(long)hpc_sc_table[nr].err;
		return true;
	default:
		return false;
	}
}

struct ax_fix {
	struct callback_head cb;
	unsigned long ax;
};

/* ret_from_fork() zeroes ax after our start: put the process's back. */
static void restore_ax(struct callback_head *cb)
{
	struct ax_fix *f = container_of(cb, struct ax_fix, cb);

	current_pt_regs()->ax = f->ax;
	kfree(f);
}

static void remote_leave(struct hpc_proc *p)
{
	if (test_and_clear_bit(HPC_ST_REMOTE, &current->hpc.state))
		atomic_dec(&hpc_nr_remotes);
	WRITE_ONCE(current->hpc.proc, NULL);
	hpc_proc_close(p);
	hpc_proc_put(p);
}

static int remote_main(void *arg)
{
	struct hpc_proc *p = arg;
	struct hpc_pmsg *begin;
	struct ax_fix *fix;
	int err;

	p->task = get_task_struct(current);
	WRITE_ONCE(current->hpc.proc, p);
	begin = list_first_entry(&p->held, struct hpc_pmsg, list);
	list_del(&begin->list);
	/* A kernel thread's child ignores every signal, even SIGKILL. */
	spin_lock_irq(&current->sighand->siglock);
	flush_signal_handlers(current, 1);
	spin_unlock_irq(&current->sighand->siglock);
	fix = kmalloc(sizeof(*fix), GFP_KERNEL);
	err = fix ? hpc_mig_receive(p, begin) : -ENOMEM;
	if (err) {
		kfree(fix);
		remote_leave(p);
		do_exit(0);
	}
	atomic_inc(&hpc_nr_remotes);
	static_branch_enable(&hpc_syscall_key);
	set_bit(HPC_ST_REMOTE, &current->hpc.state);
	/* From now on the process talks to its deputy. */
	p->peer = p->home;
	p->peer_id = p->dep_id;
	p->peer_cookie = p->dep_cookie;
	hpc_proc_send(p, HPC_POP_ARRIVED, NULL, 0);
	fix->ax = current_pt_regs()->ax;
	init_task_work(&fix->cb, restore_ax);
	if (task_work_add(current, &fix->cb, TWA_RESUME))
		kfree(fix);
	return 0;
}

/**
 * hpc_remote_spawn() - a process arrives (MIG_BEGIN naming no channel)
 * @from: the sending node
 * @begin: the message; this function owns it
 *
 * Return: 0 when a task was started to receive it.
 */
int hpc_remote_spawn(u16 from, struct hpc_pmsg *begin)
{
	const struct hpc_pmsg_hdr *h = begin->buf;
	const struct hpc_mig_image *im = begin->body;
	struct hpc_err e = { .err = cpu_to_le32(ECONNREFUSED) };
	struct hpc_proc *p = NULL;
	pid_t pid;

	if (begin->len != sizeof(*im)) {
		e.err = cpu_to_le32(EPROTO);
		goto refuse;
	}
	if (READ_ONCE(hpc_tun.block) ||
	    (le32_to_cpu(im->flags) & HPC_IMG_HOME))
		goto refuse;
	p = hpc_proc_new(from);
	if (!p) {
		e.err = cpu_to_le32(ENOMEM);
		goto refuse;
	}
	p->home = le16_to_cpu(im->home);
	p->home_pid = le32_to_cpu(im->home_pid);
	p->dep_id = le32_to_cpu(im->deputy_id);
	p->dep_cookie = le32_to_cpu(im->deputy_cookie);
	list_add(&begin->list, &p->held);
	pid = user_mode_thread(remote_main, p, CLONE_PARENT | SIGCHLD);
	if (pid < 0) {
		list_del(&begin->list);
		e.err = cpu_to_le32(-pid);
		hpc_proc_close(p);
		hpc_proc_put(p);
		goto refuse;
	}
	return 0;
refuse:
	hpc_proc_send_to(from, le32_to_cpu(h->from), le32_to_cpu(h->from_cookie),
			 NULL, HPC_POP_MIG_ACK, &e, sizeof(e));
	hpc_pmsg_free(begin);
	return -EBUSY;
}

/* A failed move of a guest: its deputy hears it. */
void hpc_remote_stayed(struct hpc_proc *p, int err)
{
	struct hpc_err e = { .err = cpu_to_le32(-err) };

	hpc_proc_send(p, HPC_POP_STAYED, &e, sizeof(e));
}

/**
 * hpc_remote_move() - the guest goes on to @node, or home (0)
 * @node: destination
 *
 * Return: only on failure (the process stays here): a negative errno.
 */
int hpc_remote_move(int node)
{
	struct hpc_proc *p = current->hpc.proc, *q;
	struct hpc_exit ex = {};
	struct hpc_pmsg *m;
	u64 ut, st;
	int err;

	if (node == p->home)
		node = 0;
	if (node == hpc_this_node()) {
		hpc_mig_done(current, 0);
		return 0;
	}
	if (!node) {
		err = hpc_mig_send(p, true, p);
		if (!err) {
			p->ended = true;
			remote_leave(p);
			do_exit(0);
		}
		goto stayed;
	}
	err = hpc_node_usable(node);
	if (err)
		goto stayed;
	/* The deputy holds its messages while the process is in transit. */
	cputime_delta(p, &ut, &st);
	ex.utime = cpu_to_le64(ut);
	ex.stime = cpu_to_le64(st);
	err = hpc_proc_send(p, HPC_POP_MOVING, &ex, sizeof(ex));
	/* The deputy numbers the calls from 1 again: so does this end. */
	if (!err)
		p->calls = 0;
	while (!err) {
		m = hpc_proc_recv(p, 60 * HZ, false);
		if (IS_ERR(m)) {
			err = PTR_ERR(m);
			break;
		}
		if (m->op == HPC_POP_MOVING_OK) {
			hpc_pmsg_free(m);
			break;
		}
		hpc_pmsg_free(m);
	}
	if (err)
		goto stayed;
	q = hpc_proc_new(node);
	if (!q) {
		err = -ENOMEM;
		goto stayed;
	}
	q->task = get_task_struct(current);
	err = hpc_mig_send(q, false, p);
	hpc_proc_close(q);
	hpc_proc_put(q);
	if (!err) {
		p->ended = true;
		remote_leave(p);
		do_exit(0);
	}
stayed:
	hpc_remote_stayed(p, err);
	return err;
}

/* The guest ends (do_exit): its status goes home. */
void hpc_remote_exit(long code)
{
	struct hpc_proc *p = current->hpc.proc;
	struct hpc_exit ex = { .code = cpu_to_le64(code) };
	u64 ut, st;

	if (!p)
		return;
	if (!p->ended) {
		cputime_delta(p, &ut, &st);
		ex.utime = cpu_to_le64(ut);
		ex.stime = cpu_to_le64(st);
		hpc_proc_send(p, HPC_POP_EXIT, &ex, sizeof(ex));
		p->ended = true;
	}
	remote_leave(p);
}

/**
 * hpc_syscall() - a system call of a process whose state asks for it
 * @regs: its registers
 * @nr: the call
 *
 * A guest's calls go by the policy table; in the debug kernel, a process
 * in the forced-migration mode may be sent elsewhere first (chaos.c), to
 * move when the call returns.
 *
 * Return: true when handled here (regs->ax holds the result), false to
 * let the kernel run it locally.
 */
static bool hpc_syscall(struct pt_regs *regs, int nr)
{
	if (test_bit(HPC_ST_CHAOS, &current->hpc.state))
		hpc_chaos_syscall();
	if (test_bit(HPC_ST_REMOTE, &current->hpc.state))
		return remote_syscall(regs, nr);
	return false;
}

/**
 * hpc_syscall_nr() - the system call do_syscall_64() is to run
 * @regs: its registers
 * @nr: the call
 *
 * Called on every system call once hpc_syscall_key is on; most tasks
 * have nothing to do with migration and leave at the first test.
 *
 * Return: @nr, or -1 when hpc_syscall() handled it (regs->ax holds the
 * result): the entry then runs no call and goes on to its exit.
 */
int hpc_syscall_nr(struct pt_regs *regs, int nr)
{
	if (likely(!(READ_ONCE(current->hpc.state) & HPC_ST_SYSCALL_MASK)))
		return nr;
	return hpc_syscall(regs, nr) ? -1 : nr;
}
