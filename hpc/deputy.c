// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: the deputy, the half of a moved process that stays home.
 *
 * Once its process has moved, the original task does not return to user
 * mode: it stays in the kernel, in hpc_deputy_run(), with an empty
 * address space, and keeps everything that belongs to home: the PID,
 * the parent and children, open files, cwd, sockets, terminal, timers.
 * It runs the system calls the remote forwards, as the process would
 * have run them, passes the signals sent to the PID on to the remote,
 * and ends as the process ends.
 *
 * A forwarded call touches the process's memory through the usual
 * user-access primitives, or pins it (direct I/O, 9p). The deputy's
 * address space is one window whose fault handler borrows each page
 * touched from the remote: two pages at the first fault of a call, twice
 * as many at each next one, up to a message's worth, so a small buffer
 * costs one small round trip and a large one few. After the call, the
 * pages it changed go back to the remote, runs of them in one message,
 * and every borrowed page is dropped: the remote's memory stays the only
 * copy.
 */
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/sched/mm.h>
#include <linux/kernel_stat.h>
#include <linux/task_work.h>
#include <linux/syscalls.h>
#include <linux/nospec.h>
#include <linux/uaccess.h>
#include <linux/slab.h>
#include <linux/anon_inodes.h>
#include <linux/highmem.h>
#include <asm/syscall.h>
#include <hpc/hpc.h>
#include <hpc/mig.h>

#define HPC_FETCH_FIRST		2	/* borrowed at a call's first fault */
#define HPC_CPUTIME_MAX		(3600ULL * NSEC_PER_SEC)

struct hpc_borrowed {
	struct list_head list;
	unsigned long addr;
	unsigned int count;
	u64 touched;			/* pages the call faulted in */
	void *orig;			/* contents as borrowed */
};

/**
 * hpc_call_syscall() - run a system call with these arguments
 * @nr: its number (x86_64)
 * @a: its six arguments
 *
 * Return: what it returns.
 */
long hpc_call_syscall(unsigned int nr, const unsigned long *a)
{
	struct pt_regs regs = {
		.di = a[0], .si = a[1], .dx = a[2],
		.r10 = a[3], .r8 = a[4], .r9 = a[5],
		.orig_ax = nr,
	};

	return x64_sys_call(&regs, array_index_nospec(nr, NR_syscalls));
}

/* The remote's answer to the request for the pages at @addr. */
static int wait_pages(struct hpc_proc *p, unsigned long addr,
		      struct hpc_pmsg **out)
{
	const struct hpc_pages *ans;
	struct hpc_pmsg *m;

	for (;;) {
		m = hpc_proc_recv(p, 60 * HZ, false);
		if (IS_ERR(m))
			return PTR_ERR(m);
		ans = m->body;
		if (m->op == HPC_POP_PAGE_DATA &&
		    le64_to_cpu(ans->addr) == addr)
			break;
		/* Only that answer comes while a call runs. */
		hpc_pmsg_free(m);
	}
	*out = m;
	return 0;
}

/*
 * A borrowed run of pages: what the remote sent for one request, as it
 * was, and which of them the call actually touched.
 */
static struct hpc_borrowed *find_borrowed(struct hpc_proc *p,
					  unsigned long addr)
{
	struct hpc_borrowed *b;

	list_for_each_entry(b, &p->fetched, list)
		if (addr >= b->addr &&
		    addr < b->addr + ((unsigned long)b->count << PAGE_SHIFT))
			return b;
	return NULL;
}

/* Keep @count pages at @addr, as the remote sent them, for the call. */
static struct hpc_borrowed *lend(struct hpc_proc *p, unsigned long addr,
				 unsigned int count, const void *data)
{
	size_t len = (size_t)count << PAGE_SHIFT;
	struct hpc_borrowed *b;

	b = kmalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return NULL;
	b->orig = kvmalloc(len, GFP_KERNEL);
	if (!b->orig) {
		kfree(b);
		return NULL;
	}
	memcpy(b->orig, data, len);
	b->addr = addr;
	b->count = count;
	b->touched = 0;
	list_add_tail(&b->list, &p->fetched);
	return b;
}

static struct hpc_borrowed *borrow(struct hpc_proc *p, unsigned long addr)
{
	struct hpc_pages req = {}, *ans;
	struct hpc_borrowed *b = NULL;
	struct hpc_pmsg *m;
	unsigned int count, want = p->fetch_next;
	u64 t0 = ktime_get_ns();
	size_t len;
	int err;

	BUILD_BUG_ON(HPC_PAGES_PER_MSG > 64);	/* b->touched */
	p->fetch_next = min(2 * want, HPC_PAGES_PER_MSG);
	req.addr = cpu_to_le64(addr);
	req.count = cpu_to_le32(want);
	err = hpc_proc_send(p, HPC_POP_PAGE_REQ, &req, sizeof(req)) ?:
	      wait_pages(p, addr, &m);
	p->fetch_ns += ktime_get_ns() - t0;
	if (err)
		return NULL;
	ans = m->body;
	count = m->len >= sizeof(*ans) ? le32_to_cpu(ans->count) : 0;
	len = (size_t)count << PAGE_SHIFT;
	if (count && count <= want && !ans->err &&
	    le64_to_cpu(ans->addr) == addr && m->len == sizeof(*ans) + len)
		b = lend(p, addr, count, ans + 1);
	hpc_pmsg_free(m);
	return b;
}

/*
 * The deputy's address space is one window over the whole user range,
 * backed by this fault handler: any page a forwarded call touches, by
 * copy_{from,to}_user or by pinning it, is the remote's page, borrowed.
 * A page the remote does not have is a bad address, as it would be at
 * home.
 */
static vm_fault_t window_fault(struct vm_fault *vmf)
{
	struct hpc_proc *p = vmf->vma->vm_file->private_data;
	unsigned long addr = vmf->address & PAGE_MASK;
	struct hpc_borrowed *b;
	struct page *page;
	unsigned int i;

	/* Only the deputy, and only for the call it runs. */
	if (current != p->task ||
	    !test_bit(HPC_ST_SERVING, &current->hpc.state))
		return VM_FAULT_SIGBUS;
	b = find_borrowed(p, addr);
	if (!b)
		b = borrow(p, addr);
	if (!b)
		return VM_FAULT_SIGBUS;
	page = alloc_page(GFP_HIGHUSER);
	if (!page)
		return VM_FAULT_OOM;
	i = (addr - b->addr) >> PAGE_SHIFT;
	memcpy_to_page(page, 0, b->orig + ((size_t)i << PAGE_SHIFT), PAGE_SIZE);
	b->touched |= 1ULL << i;
	vmf->page = page;
	return 0;
}

static const struct vm_operations_struct window_vm_ops = {
	.fault = window_fault,
};

static int window_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &window_vm_ops;
	vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
	return 0;
}

static int window_release(struct inode *inode, struct file *file)
{
	hpc_proc_put(file->private_data);
	return 0;
}

static const struct file_operations window_fops = {
	.mmap		= window_mmap,
	.release	= window_release,
};

#define HPC_WINDOW_START	(64UL << 10)

/* Open the window in the (fresh, empty) address space of the deputy. */
static int window_open(struct hpc_proc *p)
{
	unsigned long r, len = TASK_SIZE - HPC_WINDOW_START;
	struct file *f;

	refcount_inc(&p->ref);
	f = anon_inode_getfile("[hpc-deputy]", &window_fops, p, O_RDWR);
	if (IS_ERR(f)) {
		hpc_proc_put(p);
		return PTR_ERR(f);
	}
	r = vm_mmap(f, HPC_WINDOW_START, len, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_FIXED | MAP_NORESERVE, 0);
	fput(f);
	return IS_ERR_VALUE(r) ? (int)r : 0;
}

/* Send the run of changed pages gathered in @buf, if any. */
static int put_run(struct hpc_proc *p, unsigned long addr, unsigned int n,
		   void *buf)
{
	struct hpc_pages put = {
		.addr = cpu_to_le64(addr),
		.count = cpu_to_le32(n),
	};

	return n ? hpc_proc_send2(p, HPC_POP_PAGE_PUT, &put, sizeof(put), buf,
				   (size_t)n << PAGE_SHIFT) : 0;
}

/* After a call: what it wrote goes back; nothing borrowed stays. */
static int return_pages(struct hpc_proc *p)
{
	unsigned long run_addr = 0, addr;
	struct hpc_borrowed *b, *n;
	unsigned int i, run = 0;
	int err = 0;
	u8 *buf, *now;

	if (list_empty(&p->fetched))
		return 0;
	buf = kvmalloc(HPC_PAGES_PER_MSG << PAGE_SHIFT, GFP_KERNEL);
	if (!buf)
		err = -ENOMEM;
	list_for_each_entry_safe(b, n, &p->fetched, list) {
		for (i = 0; !err && i < b->count; i++) {
			if (!(b->touched & (1ULL << i)))
				continue;
			addr = b->addr + ((unsigned long)i << PAGE_SHIFT);
			if (run && (addr != run_addr + ((unsigned long)run << PAGE_SHIFT) ||
				    run == HPC_PAGES_PER_MSG)) {
				err = put_run(p, run_addr, run, buf);
				run = 0;
			}
			now = buf + ((size_t)run << PAGE_SHIFT);
			if (err || copy_from_user(now, (void __user *)addr,
						  PAGE_SIZE)) {
				err = err ?: -EFAULT;
				break;
			}
			if (!memcmp(now, b->orig + ((size_t)i << PAGE_SHIFT),
				    PAGE_SIZE))
				continue;
			if (!run)
				run_addr = addr;
			run++;
		}
		do_madvise(current->mm, b->addr,
			   (size_t)b->count << PAGE_SHIFT, MADV_DONTNEED);
		list_del(&b->list);
		kvfree(b->orig);
		kfree(b);
	}
	if (!err)
		err = put_run(p, run_addr, run, buf);
	kvfree(buf);
	return err;
}

/* Pass the signals pending here, and not in @mask, to the remote. */
static void forward_signals(struct hpc_proc *p, sigset_t *mask)
{
	kernel_siginfo_t info;
	enum pid_type type;
	sigset_t keep = *mask;
	int sig;

	/*
	 * SIGKILL stays pending, for the loop to end the deputy: taken off
	 * and sent again, it would be dropped, the group being on its way
	 * out already, and the process would live on unkillable.
	 */
	sigaddsetmask(&keep, sigmask(SIGKILL));
	for (;;) {
		spin_lock_irq(&current->sighand->siglock);
		sig = dequeue_signal(&keep, &info, &type);
		spin_unlock_irq(&current->sighand->siglock);
		if (!sig)
			break;
		hpc_proc_send(p, HPC_POP_SIGNAL, &info, sizeof(info));
	}
}

/**
 * hpc_account_remote() - CPU time the process used elsewhere is its own
 * @ut: user time, ns
 * @st: system time, ns
 *
 * Counted as if the deputy had run (times, getrusage, /proc/PID/stat,
 * the parent's rusage after wait).
 */
void hpc_account_remote(u64 ut, u64 st)
{
	unsigned long flags;

	if (ut > HPC_CPUTIME_MAX || st > HPC_CPUTIME_MAX)
		return;
	if (ut)
		account_user_time(current, ut);
	if (st)
		account_system_index_time(current, st, CPUTIME_SYSTEM);
	/* The reported times are scaled to the runtime: count it too. */
	local_irq_save(flags);
	WRITE_ONCE(current->se.sum_exec_runtime,
		   READ_ONCE(current->se.sum_exec_runtime) + ut + st);
	local_irq_restore(flags);
	/* Not time it wanted a CPU here (balancer.c). */
	WRITE_ONCE(current->hpc.remote_ns, current->hpc.remote_ns + ut + st);
}

/*
 * Pages the remote sent with the call (struct hpc_syscall_ahead): borrowed
 * before the call faults on them (short of memory, the call borrows them
 * as ever). Return: false when the message is malformed.
 */
static bool lend_ahead(struct hpc_proc *p, const struct hpc_pmsg *m)
{
	const struct hpc_syscall_ahead *a = m->body;
	unsigned long addr;
	unsigned int count;
	size_t len;

	if (m->len < sizeof(*a))
		return false;
	count = le32_to_cpu(a->pages.count);
	addr = le64_to_cpu(a->pages.addr);
	len = (size_t)count << PAGE_SHIFT;
	if (!count || count > HPC_AHEAD_PAGES ||
	    m->len != sizeof(*a) + len || !PAGE_ALIGNED(addr) ||
	    addr < HPC_WINDOW_START || addr > TASK_SIZE - len)
		return false;
	lend(p, addr, count, a + 1);
	return true;
}

static void serve(struct hpc_proc *p, struct hpc_pmsg *m)
{
	const struct hpc_syscall *sc = m->body;
	struct hpc_sysret r = {};
	unsigned long args[6];
	sigset_t mask, none;
	unsigned int nr;
	u64 t0, took;
	u32 call;
	long ret;
	int i;

	/* Numbered as the remote numbered it, malformed or not. */
	call = hpc_proc_next_call(p);
	/* A malformed call is not run, nor answered. */
	if (m->len != sizeof(*sc) && !lend_ahead(p, m))
		return;
	nr = le32_to_cpu(sc->nr);
	for (i = 0; i < 6; i++)
		args[i] = le64_to_cpu(sc->args[i]);
	hpc_account_remote(le64_to_cpu(sc->utime), le64_to_cpu(sc->stime));

	sigemptyset(&mask);
	mask.sig[0] = le64_to_cpu(sc->blocked);
	sigdelsetmask(&mask, sigmask(SIGKILL) | sigmask(SIGSTOP));
	set_current_blocked(&mask);
	p->fetch_ns = 0;
	p->fetch_next = HPC_FETCH_FIRST;
	t0 = ktime_get_ns();
	if (hpc_sc_home_ok(nr)) {
		set_bit(HPC_ST_SERVING, &current->hpc.state);
		p->sc_nr = nr;
		memcpy(p->sc_args, args, sizeof(args));
		WRITE_ONCE(p->in_call, call);
		/* Pairs with hpc_deputy_intr()'s: one sees the other. */
		smp_mb();
		if (READ_ONCE(p->intr) == call)
			set_notify_signal(current);
		ret = hpc_call_syscall(nr, args);
		/* A timed socket wait woken by a move restarts to its end. */
		if (ret == -EINTR && READ_ONCE(current->hpc.want) &&
		    !task_sigpending(current) && hpc_sock_restart())
			ret = -ERESTART_RESTARTBLOCK;
		WRITE_ONCE(p->in_call, 0);
		clear_bit(HPC_ST_SERVING, &current->hpc.state);
		/* A restart block is kept only for the restart it announces. */
		if (ret != -ERESTART_RESTARTBLOCK)
			current->restart_block.fn = do_no_restart_syscall;
	} else {
		ret = -EPERM;		/* not a call to run at home */
	}
	/* What the call would have taken at home too (a sleep, a disk). */
	took = ktime_get_ns() - t0;
	r.served_ns = cpu_to_le64(took - min(took, p->fetch_ns));
	if (return_pages(p) && ret >= 0)
		ret = -EFAULT;
	if (task_work_pending(current))
		task_work_run();
	/*
	 * Signals that interrupted the call reach the remote before it:
	 * those the process's mask lets through, or the call's own (ppoll
	 * and the like leave it in force, to deliver them under it).
	 */
	forward_signals(p, test_restore_sigmask() ? &current->blocked : &mask);
	clear_restore_sigmask();
	sigemptyset(&none);
	set_current_blocked(&none);
	r.ret = cpu_to_le64(ret);
	hpc_proc_send(p, HPC_POP_SYSRET, &r, sizeof(r));
}

/**
 * hpc_deputy_intr() - the remote has a signal for the call being run here
 * @p: the deputy's channel
 * @m: HPC_POP_INTR (freed here)
 *
 * Called by the receiver thread. A signal this deputy passed on as the
 * remote sent a call crosses that call on the way: at home the call
 * would not have blocked, or would have been woken. It is woken now (or
 * at its start, when it has not started yet), as a signal wakes a call:
 * it ends or restarts as the remote's signal delivery decides.
 */
void hpc_deputy_intr(struct hpc_proc *p, struct hpc_pmsg *m)
{
	const struct hpc_intr *in = m->body;
	u32 call = le32_to_cpu(in->call);

	if (p->task && test_bit(HPC_ST_DEPUTY, &p->task->hpc.state) &&
	    call) {
		WRITE_ONCE(p->intr, call);
		/* Pairs with serve()'s: one of the two sees the other. */
		smp_mb();
		if (READ_ONCE(p->in_call) == call)
			set_notify_signal(p->task);
	}
	hpc_pmsg_free(m);
}

/**
 * hpc_deputy_goto() - move a process that runs elsewhere
 * @t: the deputy
 * @node: destination, 0 for home
 * @lock: lock it as it arrives there
 *
 * Return: 0 when asked (outcome through hpc_mig_wait()), 1 when it runs
 * on @node already, or a negative errno.
 */
int hpc_deputy_goto(struct task_struct *t, int node, bool lock)
{
	struct hpc_goto g = {
		.node = cpu_to_le32(node),
		.flags = cpu_to_le32(lock ? HPC_GOTO_F_LOCK : 0),
	};
	struct hpc_proc *p;
	int err;

	p = hpc_proc_of(t);
	if (!p)
		return -ESRCH;
	if (node && node == p->peer) {
		hpc_proc_put(p);
		return 1;
	}
	if (cmpxchg(&t->hpc.want, 0, node ? node : -1) != 0) {
		hpc_proc_put(p);
		return -EALREADY;
	}
	WRITE_ONCE(t->hpc.result, -EINPROGRESS);
	/* Home shows the lock from the arrival on (hpc_deputy_run()). */
	WRITE_ONCE(p->lock_asked, lock);
	err = hpc_proc_send(p, HPC_POP_GOTO, &g, sizeof(g));
	if (err) {
		WRITE_ONCE(p->lock_asked, false);
		WRITE_ONCE(t->hpc.want, 0);
	} else {
		set_notify_signal(t);	/* a call it runs for it restarts */
	}
	hpc_proc_put(p);
	return err;
}

/**
 * hpc_deputy_lock() - /proc/PID/lock written at home: tell the remote
 * @t: the deputy
 * @on: locked or not
 *
 * The remote's balancer decides by the remote's own bit, so it must
 * know. No answer is awaited: the remote applies it at once.
 */
int hpc_deputy_lock(struct task_struct *t, bool on)
{
	struct hpc_goto g = {
		.node = cpu_to_le32(on ? HPC_GOTO_LOCK : HPC_GOTO_UNLOCK),
	};
	struct hpc_proc *p;
	int err;

	p = hpc_proc_of(t);
	if (!p)
		return -ESRCH;
	err = hpc_proc_send(p, HPC_POP_GOTO, &g, sizeof(g));
	hpc_proc_put(p);
	return err;
}

#define HPC_CMDLINE_MAX		4096

static void keep_cmdline(struct hpc_proc *p)
{
	struct mm_struct *mm = current->mm;
	size_t len = min(mm->arg_end - mm->arg_start, HPC_CMDLINE_MAX);
	char *s = kmalloc(len + 1, GFP_KERNEL);

	if (s && len && !copy_from_user(s, (void __user *)mm->arg_start, len)) {
		p->cmdline = s;
		p->cmdline_len = len;
	} else {
		kfree(s);
	}
}

static void deputy_end(struct hpc_proc *p)
{
	clear_bit(HPC_ST_DEPUTY, &current->hpc.state);
	WRITE_ONCE(current->hpc.proc, NULL);
	hpc_proc_close(p);
	hpc_proc_put(p);
}

/**
 * hpc_deputy_run() - be the deputy of the caller, which just moved
 * @p: the channel to the remote (the caller's reference is taken over)
 *
 * Returns when the process is home again (the caller goes back to user
 * mode as the process) or must die (a fatal signal is pending).
 */
void hpc_deputy_run(struct hpc_proc *p)
{
	struct hpc_pmsg *m;
	sigset_t none;
	bool home = false;
	int err;

	WRITE_ONCE(current->hpc.proc, p);
	set_bit(HPC_ST_DEPUTY, &current->hpc.state);
	/*
	 * The process's demand went with it: left here, it would count in
	 * this node's load for a second as it decays, and the balancer,
	 * seeing itself as busy as before the move, would send one more.
	 * The deputy's own demand, serving calls, counts from now on.
	 */
	WRITE_ONCE(current->hpc.demand, 0);
	current->hpc.nmigs++;
	hpc_mig_done(current, 0);
	/* ps shows the command line of a process wherever it runs. */
	keep_cmdline(p);
	/* The memory went with the process: give it back here. */
	if (hpc_mm_fresh() || window_open(p))
		pr_warn_ratelimited("hpc: deputy %d: no memory window\n",
				    task_pid_nr(current));
	sigemptyset(&none);
	set_current_blocked(&none);

	while (!home) {
		if (fatal_signal_pending(current)) {
			if (!p->ended)
				hpc_proc_send(p, HPC_POP_KILL, NULL, 0);
			p->ended = true;
			break;
		}
		if (test_thread_flag(TIF_NOTIFY_SIGNAL))
			clear_notify_signal();
		if (task_work_pending(current))
			task_work_run();
		if (!p->moving)
			forward_signals(p, &none);
		m = hpc_proc_recv(p, MAX_SCHEDULE_TIMEOUT, !p->moving);
		if (IS_ERR(m)) {
			if (PTR_ERR(m) == -EINTR)
				continue;
			/* Where it ran is gone: so is the process. */
			p->ended = true;
			send_sig(SIGKILL, current, 1);
			continue;
		}
		switch (m->op) {
		case HPC_POP_SYSCALL:
			serve(p, m);
			break;
		case HPC_POP_EXIT:
			if (m->len == sizeof(struct hpc_exit)) {
				const struct hpc_exit *e = m->body;
				long code = le64_to_cpu(e->code);

				hpc_account_remote(le64_to_cpu(e->utime),
						   le64_to_cpu(e->stime));
				hpc_pmsg_free(m);
				p->ended = true;
				deputy_end(p);
				do_group_exit(code & 0xffff);
			}
			break;
		case HPC_POP_MIG_BEGIN:
			/* coming home */
			err = hpc_mig_receive(p, m);
			m = NULL;
			if (!err) {
				home = true;	/* nmigs came with the image */
			} else if (hpc_mm_fresh() || window_open(p)) {
				pr_warn_ratelimited("hpc: deputy %d: no memory window\n",
						    task_pid_nr(current));
			}
			break;
		case HPC_POP_MOVING:
			if (m->len == sizeof(struct hpc_exit)) {
				const struct hpc_exit *e = m->body;

				hpc_account_remote(le64_to_cpu(e->utime),
						   le64_to_cpu(e->stime));
			}
			p->moving = true;
			/*
			 * The calls are numbered from 1 again, by the next
			 * remote or by this one if it stays. What it asked
			 * to interrupt is all in: it asked before it sent
			 * this, and the receiver thread took it then.
			 */
			p->calls = 0;
			WRITE_ONCE(p->intr, 0);
			hpc_proc_send(p, HPC_POP_MOVING_OK, NULL, 0);
			break;
		case HPC_POP_ARRIVED:
			/* prequest.c switched the channel over already */
			if (p->moving) {
				p->moving = false;
				current->hpc.nmigs++;
				/* Locked as it left (HPC_IMG_LOCK). */
				if (xchg(&p->lock_asked, false))
					set_bit(HPC_ST_LOCK,
						&current->hpc.state);
				hpc_mig_done(current, 0);
			}
			break;
		case HPC_POP_STAYED:
			p->moving = false;
			WRITE_ONCE(p->lock_asked, false);
			hpc_mig_done(current, m->len == sizeof(struct hpc_err) ?
				     -(int)le32_to_cpu(((struct hpc_err *)
							m->body)->err) :
				     -EIO);
			break;
		case HPC_POP_GONE:
			p->ended = true;
			send_sig(SIGKILL, current, 1);
			break;
		}
		hpc_pmsg_free(m);
	}
	deputy_end(p);
	if (home)
		hpc_mig_done(current, 0);
}
