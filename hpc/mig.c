// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: moving a process from one node to another.
 *
 * A move is asked for (/proc/PID/goto, the migrate tool) and done by the
 * process itself at its next return to user mode, from a task_work: its
 * registers are then final and it holds no lock. The sender streams what
 * the process is (struct hpc_mig_image), its memory area by area and
 * page by page, its registers and FPU state; once the receiver has all
 * that, the process's clocks, read then. The receiver builds a new address
 * space, installs the state in a task and answers. Only after that answer
 * does the sender let go: a move that
 * fails anywhere leaves the process where it was, unharmed.
 *
 * The receiver is a new task on the target node (remote.c), or, for a
 * process coming home, its deputy (deputy.c).
 */
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/pagewalk.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/rt.h>
#include <linux/sched/deadline.h>
#include <linux/sched/task.h>
#include <linux/sched/task_stack.h>
#include <linux/sched/cputime.h>
#include <linux/task_work.h>
#include <linux/workqueue.h>
#include <linux/time_namespace.h>
#include <linux/nsproxy.h>
#include <linux/syscalls.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/personality.h>
#include <linux/ptrace.h>
#include <linux/uaccess.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/hugetlb.h>
#include <linux/rseq.h>
#include <linux/sched/coredump.h>
#include <asm/vdso.h>
#include <asm/proto.h>
#include <asm/prctl.h>
#include <asm/fsgsbase.h>
#include <asm/fpu/api.h>
#include <asm/syscall.h>
#include <asm/unistd.h>
#include <hpc/hpc.h>
#include <hpc/mig.h>
#include <hpc/load.h>

#define HPC_MIG_TIMEOUT		(60 * HZ)	/* no word from the peer */

static DECLARE_WAIT_QUEUE_HEAD(hpc_mig_wq);

/* --- asking for a move ------------------------------------------------ */

struct hpc_req {
	struct callback_head cb;
	struct delayed_work retry;	/* a signal was being delivered */
	struct task_struct *task;
	int node;			/* destination; 0: home */
	u32 load;			/* for load: the sender's load */
	u32 turn;			/* for a turn: what it leaves a CPU to */
	bool lock;			/* locked as it arrives */
};

static void req_free(struct hpc_req *req)
{
	put_task_struct(req->task);
	kfree(req);
}

static void req_retry(struct work_struct *w)
{
	struct hpc_req *req = container_of(to_delayed_work(w), struct hpc_req,
					   retry);

	init_task_work(&req->cb, hpc_mig_take);
	if (task_work_add(req->task, &req->cb, TWA_SIGNAL)) {
		hpc_mig_done(req->task, -ESRCH);
		req_free(req);
	}
}

/**
 * hpc_cantmove_relock() - why a process cannot move now, its lock aside
 * @t: the process
 * @relock: a move that locks it where it goes ("NODE lock"): one that
 *	    /proc/PID/lock does not forbid, since it stays locked
 *
 * Return: a reason, or NULL when it can.
 */
const char *hpc_cantmove_relock(struct task_struct *t, bool relock)
{
	const char *why = NULL;
	struct vm_area_struct *vma;
	struct mm_struct *mm;

	if (t->flags & (PF_KTHREAD | PF_USER_WORKER))
		return "kernel thread";
	if (is_global_init(t) || t->tgid == 1)
		return "init";
	if (t->flags & PF_EXITING)
		return "exiting";
	if (!relock && test_bit(HPC_ST_LOCK, &t->hpc.state))
		return "locked";
	if (get_nr_threads(t) > 1)
		return "threads sharing the address space";
	if (rt_task(t) || dl_task(t))
		return "real-time scheduling";
	if (t->ptrace)
		return "traced";
	if (t->vfork_done)
		return "vfork child";
	mm = get_task_mm(t);
	if (!mm)
		return "no address space";
	if (mmap_read_lock_killable(mm)) {
		mmput(mm);
		return "busy";
	}
#ifdef CONFIG_MODIFY_LDT_SYSCALL
	if (mm->context.ldt)
		why = "LDT in use";
#endif
	if (!why) {
		VMA_ITERATOR(vmi, mm, 0);
		unsigned long vdso = (unsigned long)mm->context.vdso;

		for_each_vma(vmi, vma) {
			if (vma->vm_flags & VM_LOCKED)
				why = "locked memory (mlock)";
			else if (is_vm_hugetlb_page(vma))
				why = "huge pages";
			else if ((vma->vm_flags & VM_SHARED) &&
				 (vma->vm_flags & VM_MAYWRITE) &&
				 (!vma->vm_file || (vma->vm_flags & VM_WRITE)))
				why = "writable shared mapping";
			else if ((vma->vm_flags & (VM_IO | VM_PFNMAP)) &&
				 vma->vm_end != vdso)
				why = "device mapping";
			if (why)
				break;
		}
		if (!why && mm->ioctx_table)
			why = "asynchronous I/O context";
	}
	mmap_read_unlock(mm);
	mmput(mm);
	return why;
}

/**
 * hpc_cantmove() - why a process cannot move now
 * @t: the process
 *
 * Return: a reason, or NULL when it can.
 */
const char *hpc_cantmove(struct task_struct *t)
{
	return hpc_cantmove_relock(t, false);
}

bool hpc_mig_pending(struct task_struct *t)
{
	return READ_ONCE(t->hpc.want) != 0;
}

/* The outcome of a request, for whoever waits in hpc_mig_wait(). */
void hpc_mig_done(struct task_struct *t, int err)
{
	/* A guest's move is awaited at home. */
	if (err && t == current && t->hpc.proc &&
	    test_bit(HPC_ST_REMOTE, &t->hpc.state))
		hpc_remote_stayed(t->hpc.proc, err);
	WRITE_ONCE(t->hpc.result, err);
	WRITE_ONCE(t->hpc.want, 0);
	wake_up_all(&hpc_mig_wq);
}

int hpc_mig_wait(struct task_struct *t, long timeout)
{
	long r = wait_event_interruptible_timeout(hpc_mig_wq,
				READ_ONCE(t->hpc.want) == 0 ||
				(t->flags & PF_EXITING), timeout);

	if (r < 0)
		return -EINTR;
	if (t->flags & PF_EXITING)
		return -ESRCH;
	if (!r)
		return -ETIMEDOUT;
	return READ_ONCE(t->hpc.result);
}

/*
 * Where the restart block of a call to restart is: home keeps its own in
 * the deputy, for wherever the process goes (HPC_IMG_RESTART); on another
 * node, hpc_restart_home() stands for home's. Another block made there
 * holds times of that node's clocks and does not travel.
 */
static bool restart_home(void)
{
	return test_bit(HPC_ST_REMOTE, &current->hpc.state) ?
	       current->restart_block.fn == hpc_restart_home :
	       current->restart_block.fn != do_no_restart_syscall;
}

/*
 * The caller's registers are final for user mode, except for a system
 * call to restart, which signal delivery would settle after the task
 * works: settle it here as it would, when no signal is to be delivered.
 *
 * A call that failed with EINTR and no signal to deliver was woken by
 * this move alone (epoll_wait() and others fail so on any wake-up that
 * asks them to look at signals, and a call a deputy ran at home is woken
 * so for a move): at home it would have gone on waiting, so it is made
 * again, where the process goes.
 *
 * A call to restart from its restart block restarts from it, where the
 * block is home's (restart_home()); one whose block was made here, on
 * another node, is made again whole.
 */
static bool settle_restart(struct pt_regs *regs)
{
	bool block;

	if (syscall_get_nr(current, regs) < 0)
		return true;
	switch (regs->ax) {
	case -EINTR:
	case -ERESTARTSYS:
	case -ERESTARTNOINTR:
	case -ERESTARTNOHAND:
	case -ERESTART_RESTARTBLOCK:
		if (signal_pending(current)) {
			hpc_timed_signalled();
			return false;	/* its handler decides */
		}
		/*
		 * No signal to deliver: the mask a call set for its wait
		 * (ppoll...) is put back now, not sent with the process.
		 */
		restore_saved_sigmask();
		/* A timed socket wait restarts to its end (timed.c). */
		if (regs->ax == -EINTR && hpc_sock_restart())
			regs->ax = -ERESTART_RESTARTBLOCK;
		block = regs->ax == -ERESTART_RESTARTBLOCK &&
			(restart_home() ||
			 !test_bit(HPC_ST_REMOTE, &current->hpc.state));
		regs->ax = block ? __NR_restart_syscall : regs->orig_ax;
		regs->ip -= 2;
	}
	return true;
}

/* The process takes itself away, at its return to user mode. */
void hpc_mig_take(struct callback_head *cb)
{
	struct hpc_req *req = container_of(cb, struct hpc_req, cb);
	bool lock, was_locked;
	int err, node;

	if (fatal_signal_pending(current)) {
		clear_bit(HPC_ST_GOLOCK, &current->hpc.state);
		hpc_mig_done(current, -EINTR);
		req_free(req);
		return;
	}
	if (!settle_restart(current_pt_regs())) {
		/* A signal is being delivered: try again after it. */
		INIT_DELAYED_WORK(&req->retry, req_retry);
		schedule_delayed_work(&req->retry, HZ / 50);
		return;
	}
	/* A lock asked with a move that redirected this one (own request). */
	lock = test_and_clear_bit(HPC_ST_GOLOCK, &current->hpc.state);
	node = READ_ONCE(current->hpc.want);
	node = node < 0 ? 0 : node;
	lock |= node == req->node && req->lock;
	if (hpc_cantmove_relock(current, lock)) {
		hpc_mig_done(current, -EBUSY);
		req_free(req);
		return;
	}
	/*
	 * The process's own request may have redirected a held-back one
	 * (hpc_mig_request_own()): elsewhere, it is no move for load.
	 */
	current->hpc.mig_load = node == req->node ? req->load : 0;
	current->hpc.mig_turn = node == req->node ? req->turn : 0;
	req_free(req);
	/* Locked as it leaves, so it arrives locked (HPC_IMG_LOCK). */
	was_locked = test_bit(HPC_ST_LOCK, &current->hpc.state);
	if (lock)
		set_bit(HPC_ST_LOCK, &current->hpc.state);
	err = hpc_mig_go(node);		/* may not return: the process left */
	if (err && lock && !was_locked)
		clear_bit(HPC_ST_LOCK, &current->hpc.state);
	if (err)
		hpc_mig_done(current, err);
}

static int mig_request(struct task_struct *t, int node, u32 load, u32 turn,
		       bool lock)
{
	struct hpc_req *req;
	int err;

	if (cmpxchg(&t->hpc.want, 0, node ? node : -1) != 0)
		return -EALREADY;
	req = kmalloc(sizeof(*req), GFP_KERNEL);
	if (!req) {
		WRITE_ONCE(t->hpc.want, 0);
		return -ENOMEM;
	}
	req->node = node;
	req->load = load;
	req->turn = turn;
	req->lock = lock;
	req->task = get_task_struct(t);
	WRITE_ONCE(t->hpc.result, -EINPROGRESS);
	init_task_work(&req->cb, hpc_mig_take);
	err = task_work_add(t, &req->cb, TWA_SIGNAL);
	if (err) {
		req_free(req);
		WRITE_ONCE(t->hpc.want, 0);
		return -ESRCH;
	}
	return 0;
}

/**
 * hpc_mig_request_load() - ask a process at home (or a guest here) to move
 * @t: the process; the caller holds a reference
 * @node: destination node, or 0 for home
 * @load: the balancer's move for load: this node's load as it planned
 *	  (the target may refuse, see hpc_mig_admit()); 0: a move asked for
 * @turn: the balancer's turn (HPC_BAL_TURN): the CPU ms of the process
 *	  it leaves a CPU to; 0: not a turn
 *
 * Return: 0 when asked (the outcome comes through hpc_mig_wait()), or a
 * negative errno.
 */
int hpc_mig_request_load(struct task_struct *t, int node, u32 load,
			 u32 turn)
{
	return mig_request(t, node, load, turn, false);
}

/**
 * hpc_mig_request_lock() - ask a process to move, and to arrive locked
 * @t: the process; the caller holds a reference
 * @node: destination node, or 0 for home
 * @lock: set /proc/PID/lock as it leaves, so that no balancer moves it
 *	  on before it can be locked there (a locked process may move so);
 *	  cleared again if it stays and was not locked before
 *
 * Return: 0 when asked, or a negative errno.
 */
int hpc_mig_request_lock(struct task_struct *t, int node, bool lock)
{
	return mig_request(t, node, 0, 0, lock);
}

/**
 * hpc_mig_request() - ask a process to move (see hpc_mig_request_load())
 * @t: the process; the caller holds a reference
 * @node: destination node, or 0 for home
 *
 * Return: 0 when asked, or a negative errno.
 */
int hpc_mig_request(struct task_struct *t, int node)
{
	return mig_request(t, node, 0, 0, false);
}

/**
 * hpc_mig_request_own() - the current process asks to move itself
 * @node: destination node, or 0 for home
 * @lock: arrive locked (hpc_mig_request_lock())
 *
 * A move the balancer or the forced-migration mode asked of it, and
 * that has not started, gives way: the process's own request goes in
 * its place (a program that writes /proc/self/goto does not fail for a
 * move it knows nothing of).
 *
 * Return: 0 when asked, or a negative errno.
 */
int hpc_mig_request_own(int node, bool lock)
{
	struct callback_head *cb;
	int err = hpc_mig_request_lock(current, node, lock);

	if (err != -EALREADY)
		return err;
	/* Queued by now, unless a signal delays it (req_retry()). */
	cb = task_work_cancel_func(current, hpc_mig_take);
	if (!cb) {
		/*
		 * Held back: it is this task's to take, at a return to user
		 * mode that has not come yet, so it can still be redirected
		 * (hpc_mig_take() reads the destination then), unless
		 * nothing is pending any more.
		 */
		if (!READ_ONCE(current->hpc.want))
			return hpc_mig_request_lock(current, node, lock);
		WRITE_ONCE(current->hpc.want, node ? node : -1);
		if (lock)
			set_bit(HPC_ST_GOLOCK, &current->hpc.state);
		return 0;
	}
	req_free(container_of(cb, struct hpc_req, cb));
	WRITE_ONCE(current->hpc.want, 0);
	return hpc_mig_request_lock(current, node, lock);
}

/* --- sending ----------------------------------------------------------- */

static u64 clock_view(clockid_t which)
{
	struct time_namespace *ns = current->nsproxy->time_ns;
	struct timespec64 off = which == CLOCK_BOOTTIME ?
				ns->offsets.boottime : ns->offsets.monotonic;
	u64 now = which == CLOCK_BOOTTIME ? ktime_get_boottime_ns() :
					    ktime_get_ns();

	return now + timespec64_to_ns(&off);
}

/*
 * The clocks go when the receiver has everything else: behind the pages
 * in the link's queue and socket buffers, they would lag by the tens of
 * milliseconds those take to drain, not by the link's latency.
 */
static int send_clocks(struct hpc_proc *p, struct hpc_mig_clock *c)
{
	s64 left;
	u32 nr;

	c->mono_ns = cpu_to_le64(clock_view(CLOCK_MONOTONIC));
	c->boot_ns = cpu_to_le64(clock_view(CLOCK_BOOTTIME));
	/* A wait it makes again: the time it has left goes with it. */
	left = hpc_timed_take(&nr);
	if (left >= 0) {
		c->timed_nr = cpu_to_le32(nr);
		c->timed_left_ns = cpu_to_le64(left);
	}
	return hpc_proc_send(p, HPC_POP_MIG_CLOCK, c, sizeof(*c));
}

/* The move failed: the process makes its wait again here. */
static void keep_timed(const struct hpc_mig_clock *c)
{
	if (c->timed_nr)
		hpc_timed_give(le32_to_cpu(c->timed_nr),
			       le64_to_cpu(c->timed_left_ns));
}

static u64 vma_hpc_flags(struct vm_area_struct *vma)
{
	u64 f = 0;

	if (vma->vm_flags & VM_READ)
		f |= HPC_VMA_READ;
	if (vma->vm_flags & VM_WRITE)
		f |= HPC_VMA_WRITE;
	if (vma->vm_flags & VM_EXEC)
		f |= HPC_VMA_EXEC;
	if (vma->vm_flags & VM_GROWSDOWN)
		f |= HPC_VMA_GROWSDOWN;
	return f;
}

/* An area to send and which of its pages have contents. */
struct mig_area {
	unsigned long start, end;
	u64 flags;
	unsigned long *pages;		/* bitmap; NULL: all of them */
};

static int mark_pte(pte_t *pte, unsigned long addr, unsigned long next,
		    struct mm_walk *walk)
{
	struct mig_area *a = walk->private;

	if (!pte_none(ptep_get(pte)))
		__set_bit((addr - a->start) >> PAGE_SHIFT, a->pages);
	return 0;
}

static const struct mm_walk_ops mark_ops = {
	.pte_entry = mark_pte,
	.walk_lock = PGWALK_RDLOCK,
};

static void free_areas(struct mig_area *a, int n)
{
	int i;

	for (i = 0; i < n; i++)
		kvfree(a[i].pages);
	kvfree(a);
}

/* The areas of the caller's memory, and their pages with contents. */
static int collect_areas(struct mig_area **out, int *nout)
{
	struct mm_struct *mm = current->mm;
	unsigned long vdso = (unsigned long)mm->context.vdso;
	const struct vdso_image *img = mm->context.vdso_image;
	unsigned long vvar = img ? vdso + img->sym_vvar_start : 0;
	struct vm_area_struct *vma;
	struct mig_area *a;
	int n = 0, err = 0;

	VMA_ITERATOR(vmi, mm, 0);
	if (mmap_read_lock_killable(mm))
		return -EINTR;
	a = kvcalloc(mm->map_count, sizeof(*a), GFP_KERNEL);
	if (!a) {
		mmap_read_unlock(mm);
		return -ENOMEM;
	}
	for_each_vma(vmi, vma) {
		unsigned long np = vma_pages(vma);

		if (vma->vm_start == vdso || vma->vm_start == vvar)
			continue;
		if (n >= mm->map_count) {
			err = -EAGAIN;
			break;
		}
		a[n].start = vma->vm_start;
		a[n].end = vma->vm_end;
		a[n].flags = vma_hpc_flags(vma);
		/* A readable file mapping is sent whole: the file stays. */
		if (!(vma->vm_file && (vma->vm_flags & VM_READ))) {
			a[n].pages = kvcalloc(BITS_TO_LONGS(np),
					      sizeof(long), GFP_KERNEL);
			if (!a[n].pages) {
				err = -ENOMEM;
				n++;
				break;
			}
			err = walk_page_range(mm, vma->vm_start, vma->vm_end,
					      &mark_ops, &a[n]);
			if (err) {
				n++;
				break;
			}
		}
		n++;
	}
	mmap_read_unlock(mm);
	if (err) {
		free_areas(a, n);
		return err;
	}
	*out = a;
	*nout = n;
	return 0;
}

struct mem_run {
	unsigned long addr;
	size_t len;
	bool readable;
};

/* Read a run of the caller's memory, even from unreadable areas. */
static int read_mem(void *dst, void *arg)
{
	const struct mem_run *r = arg;

	if (r->readable)
		return copy_from_user(dst, (void __user *)r->addr, r->len) ?
		       -EFAULT : 0;
	return access_process_vm(current, r->addr, dst, r->len, FOLL_FORCE) ==
	       r->len ? 0 : -EFAULT;
}

/* Send @count pages at @addr, read straight into the frame. */
static int send_run(struct hpc_proc *p, struct mig_area *a, unsigned long addr,
		    unsigned long count)
{
	struct mem_run r = {
		.addr = addr,
		.len = count << PAGE_SHIFT,
		.readable = a->flags & HPC_VMA_READ,
	};
	struct hpc_pages pg = {
		.addr = cpu_to_le64(addr),
		.count = cpu_to_le32(count),
	};
	unsigned long i;
	int err;

	err = hpc_proc_send_fill(p, HPC_POP_MIG_PAGES, &pg, sizeof(pg), r.len,
				 read_mem, &r);
	if (err != -EFAULT)
		return err;
	/* Part of it cannot be read (a file mapping past EOF). */
	if (count == 1)
		return 0;
	for (i = 0; i < count; i++) {
		err = send_run(p, a, addr + (i << PAGE_SHIFT), 1);
		if (err)
			return err;
	}
	return 0;
}

static int send_area(struct hpc_proc *p, struct mig_area *a)
{
	struct hpc_mig_vma v = {
		.start = cpu_to_le64(a->start),
		.end = cpu_to_le64(a->end),
		.flags = cpu_to_le64(a->flags),
	};
	unsigned long np = (a->end - a->start) >> PAGE_SHIFT, i = 0, run;
	int err;

	err = hpc_proc_send(p, HPC_POP_MIG_VMA, &v, sizeof(v));
	while (!err && i < np) {
		if (a->pages) {
			i = find_next_bit(a->pages, np, i);
			if (i >= np)
				break;
		}
		run = 1;
		while (i + run < np && run < HPC_PAGES_PER_MSG &&
		       (!a->pages || test_bit(i + run, a->pages)))
			run++;
		err = send_run(p, a, a->start + (i << PAGE_SHIFT), run);
		i += run;
		cond_resched();
	}
	return err;
}

static void fill_image(struct hpc_mig_image *im, int flags)
{
	struct mm_struct *mm = current->mm;
	const struct cred *c = current_cred();
	struct k_sigaction *ka;
	int i;

	im->version = cpu_to_le32(HPC_IMG_VERSION);
	im->flags = cpu_to_le32(flags);
	im->nmigs = cpu_to_le32(current->hpc.nmigs + 1);
	im->rss_pages = cpu_to_le32(min_t(unsigned long, get_mm_rss(mm),
					  U32_MAX));
	/* Only the move the balancer asked for carries its load. */
	im->for_load = cpu_to_le32(current->hpc.mig_load);
	im->turn_ms = cpu_to_le32(current->hpc.mig_turn);
	current->hpc.mig_load = 0;
	current->hpc.mig_turn = 0;
	im->served_ns = cpu_to_le64(hpc_served_ns(current));
	memcpy(im->comm, current->comm, sizeof(im->comm));
	im->personality = cpu_to_le32(current->personality);
	im->exit_signal = cpu_to_le32(current->exit_signal);
	im->start_code = cpu_to_le64(mm->start_code);
	im->end_code = cpu_to_le64(mm->end_code);
	im->start_data = cpu_to_le64(mm->start_data);
	im->end_data = cpu_to_le64(mm->end_data);
	im->start_brk = cpu_to_le64(mm->start_brk);
	im->brk = cpu_to_le64(mm->brk);
	im->start_stack = cpu_to_le64(mm->start_stack);
	im->arg_start = cpu_to_le64(mm->arg_start);
	im->arg_end = cpu_to_le64(mm->arg_end);
	im->env_start = cpu_to_le64(mm->env_start);
	im->env_end = cpu_to_le64(mm->env_end);
	im->mmap_base = cpu_to_le64(mm->mmap_base);
	im->mmap_legacy_base = cpu_to_le64(mm->mmap_legacy_base);
	im->vdso = cpu_to_le64((unsigned long)mm->context.vdso);
	BUILD_BUG_ON(ARRAY_SIZE(mm->saved_auxv) > HPC_MIG_NAUXV);
	for (i = 0; i < ARRAY_SIZE(mm->saved_auxv); i++)
		im->saved_auxv[i] = cpu_to_le64(mm->saved_auxv[i]);

	im->uid = cpu_to_le32(from_kuid(&init_user_ns, c->uid));
	im->gid = cpu_to_le32(from_kgid(&init_user_ns, c->gid));
	im->suid = cpu_to_le32(from_kuid(&init_user_ns, c->suid));
	im->sgid = cpu_to_le32(from_kgid(&init_user_ns, c->sgid));
	im->euid = cpu_to_le32(from_kuid(&init_user_ns, c->euid));
	im->egid = cpu_to_le32(from_kgid(&init_user_ns, c->egid));
	im->fsuid = cpu_to_le32(from_kuid(&init_user_ns, c->fsuid));
	im->fsgid = cpu_to_le32(from_kgid(&init_user_ns, c->fsgid));
	im->cap_inheritable = cpu_to_le64(c->cap_inheritable.val);
	im->cap_permitted = cpu_to_le64(c->cap_permitted.val);
	im->cap_effective = cpu_to_le64(c->cap_effective.val);
	im->cap_bset = cpu_to_le64(c->cap_bset.val);
	im->cap_ambient = cpu_to_le64(c->cap_ambient.val);
	im->securebits = cpu_to_le32(c->securebits);
	im->ngroups = cpu_to_le32(min_t(int, c->group_info->ngroups,
					HPC_MIG_NGROUPS));
	for (i = 0; i < le32_to_cpu(im->ngroups); i++)
		im->groups[i] = cpu_to_le32(from_kgid(&init_user_ns,
						      c->group_info->gid[i]));

	task_lock(current->group_leader);
	for (i = 0; i < RLIM_NLIMITS && i < 16; i++) {
		im->rlim_cur[i] = cpu_to_le64(current->signal->rlim[i].rlim_cur);
		im->rlim_max[i] = cpu_to_le64(current->signal->rlim[i].rlim_max);
	}
	task_unlock(current->group_leader);
	im->policy = cpu_to_le32(current->policy);
	im->nice = cpu_to_le32(task_nice(current));

	spin_lock_irq(&current->sighand->siglock);
	im->blocked = cpu_to_le64(current->blocked.sig[0]);
	for (i = 0; i < HPC_MIG_NSIG; i++) {
		ka = &current->sighand->action[i];
		im->sa_handler[i] = cpu_to_le64((unsigned long)ka->sa.sa_handler);
		im->sa_restorer[i] =
			cpu_to_le64((unsigned long)ka->sa.sa_restorer);
		im->sa_flags[i] = cpu_to_le64(ka->sa.sa_flags);
		im->sa_mask[i] = cpu_to_le64(ka->sa.sa_mask.sig[0]);
	}
	spin_unlock_irq(&current->sighand->siglock);
	im->sas_ss_sp = cpu_to_le64(current->sas_ss_sp);
	im->sas_ss_size = cpu_to_le64(current->sas_ss_size);
	im->sas_ss_flags = cpu_to_le32(current->sas_ss_flags);
#ifdef CONFIG_RSEQ
	im->rseq = cpu_to_le64((unsigned long)current->rseq);
	im->rseq_len = cpu_to_le64(current->rseq_len);
	im->rseq_sig = cpu_to_le64(current->rseq_sig);
#endif
#ifdef CONFIG_FUTEX
	im->robust_list = cpu_to_le64((unsigned long)current->robust_list);
#endif
	im->clear_child_tid = cpu_to_le64((unsigned long)current->clear_child_tid);
	im->xstate_size = cpu_to_le32(hpc_fpu_size());
}

static int send_cpu(struct hpc_proc *p)
{
	struct pt_regs *r = current_pt_regs();
	unsigned int xsize = hpc_fpu_size();
	struct hpc_mig_cpu *c;
	int err;

	c = kvzalloc(sizeof(*c) + xsize, GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	c->regs[0] = cpu_to_le64(r->r15);
	c->regs[1] = cpu_to_le64(r->r14);
	c->regs[2] = cpu_to_le64(r->r13);
	c->regs[3] = cpu_to_le64(r->r12);
	c->regs[4] = cpu_to_le64(r->bp);
	c->regs[5] = cpu_to_le64(r->bx);
	c->regs[6] = cpu_to_le64(r->r11);
	c->regs[7] = cpu_to_le64(r->r10);
	c->regs[8] = cpu_to_le64(r->r9);
	c->regs[9] = cpu_to_le64(r->r8);
	c->regs[10] = cpu_to_le64(r->ax);
	c->regs[11] = cpu_to_le64(r->cx);
	c->regs[12] = cpu_to_le64(r->dx);
	c->regs[13] = cpu_to_le64(r->si);
	c->regs[14] = cpu_to_le64(r->di);
	c->regs[15] = cpu_to_le64(r->orig_ax);
	c->regs[16] = cpu_to_le64(r->ip);
	c->regs[17] = cpu_to_le64(r->cs);
	c->regs[18] = cpu_to_le64(r->flags);
	c->regs[19] = cpu_to_le64(r->sp);
	c->regs[20] = cpu_to_le64(r->ss);
	c->fs_base = cpu_to_le64(x86_fsbase_read_task(current));
	c->gs_base = cpu_to_le64(x86_gsbase_read_task(current));
	c->xstate_size = cpu_to_le32(xsize);
	err = hpc_fpu_get(c + 1, xsize);
	if (!err)
		err = hpc_proc_send(p, HPC_POP_MIG_CPU, c, sizeof(*c) + xsize);
	kvfree(c);
	return err;
}

/* Take every pending signal off the caller, to carry them along. */
static int take_signals(kernel_siginfo_t *info, int max)
{
	enum pid_type type;
	sigset_t keep;
	int n = 0;

	/*
	 * dequeue_signal() takes what is not in the mask. SIGKILL stays: taken
	 * off, it could not be sent again (the group is on its way out, and
	 * it would be dropped); hpc_mig_send() gives up the move instead.
	 */
	sigemptyset(&keep);
	sigaddset(&keep, SIGKILL);
	spin_lock_irq(&current->sighand->siglock);
	while (n < max) {
		if (!dequeue_signal(&keep, &info[n], &type))
			break;
		n++;
	}
	spin_unlock_irq(&current->sighand->siglock);
	return n;
}

static void give_signals(kernel_siginfo_t *info, int n)
{
	int i;

	for (i = 0; i < n; i++)
		send_sig_info(info[i].si_signo, &info[i], current);
}

static int wait_ack(struct hpc_proc *p, struct hpc_pmsg_hdr *from)
{
	struct hpc_pmsg *m;
	int err;

	for (;;) {
		m = hpc_proc_recv(p, HPC_MIG_TIMEOUT, false);
		if (IS_ERR(m))
			return PTR_ERR(m);
		if (m->op == HPC_POP_MIG_ACK && m->len >= sizeof(struct hpc_err))
			break;
		if (m->op == HPC_POP_GONE) {
			hpc_pmsg_free(m);
			return -EHOSTUNREACH;
		}
		/* A remote keeps what its deputy says for after the move. */
		if (m->op == HPC_POP_SIGNAL)
			hpc_remote_signal(p, m);
		else
			hpc_pmsg_free(m);
	}
	err = -(int)le32_to_cpu(((struct hpc_err *)m->body)->err);
	if (from)
		*from = *(struct hpc_pmsg_hdr *)m->buf;
	hpc_pmsg_free(m);
	if (err > 0 || err < -MAX_ERRNO)
		err = -EPROTO;
	return err;
}

/**
 * hpc_mig_send() - send the caller to another node
 * @p: a channel to the target; its peer_id is 0 until the target answers
 * @home: the target is the process's deputy
 * @dep: the deputy to name in the image (a remote moving on), or NULL
 *
 * Return: 0 once the target runs the process (the caller must then let
 * go of it), or a negative errno with the caller unchanged.
 */
int hpc_mig_send(struct hpc_proc *p, bool home, struct hpc_proc *dep)
{
	struct hpc_mig_image *im;
	struct hpc_pmsg_hdr ack;
	struct mig_area *areas = NULL;
	kernel_siginfo_t *sigs;
	struct hpc_mig_end end = {};
	struct hpc_mig_clock clock = {};
	u64 ut, st;
	int err, nareas = 0, nsig = 0, i, nice = task_nice(current);

	im = kvzalloc(sizeof(*im), GFP_KERNEL);
	sigs = kcalloc(HPC_MIG_NPENDING, sizeof(*sigs), GFP_KERNEL);
	if (!im || !sigs) {
		err = -ENOMEM;
		goto out;
	}
	fill_image(im, (home ? HPC_IMG_HOME : 0) |
		   (test_bit(HPC_ST_CHAOS, &current->hpc.state) ?
		    HPC_IMG_CHAOS : 0) |
		   (restart_home() ? HPC_IMG_RESTART : 0) |
		   (test_bit(HPC_ST_LOCK, &current->hpc.state) ?
		    HPC_IMG_LOCK : 0));
	/*
	 * The process is stopped for its move: on a node busy enough to send
	 * it away, it would get but a share of the CPU to send itself. The
	 * image carries its own nice; this one lasts until it is gone.
	 */
	set_user_nice(current, MIN_NICE);
	if (dep) {
		im->home = cpu_to_le16(dep->home);
		im->home_pid = cpu_to_le32(dep->home_pid);
		im->deputy_id = cpu_to_le32(dep->dep_id);
		im->deputy_cookie = cpu_to_le32(dep->dep_cookie);
	} else {
		im->home = cpu_to_le16(hpc_this_node());
		im->home_pid = cpu_to_le32(task_tgid_nr(current));
		im->deputy_id = cpu_to_le32(p->id);
		im->deputy_cookie = cpu_to_le32(p->cookie);
	}
	err = hpc_proc_send(p, HPC_POP_MIG_BEGIN, im, sizeof(*im));
	if (err)
		goto out;
	err = wait_ack(p, &ack);
	if (err)
		goto out;
	p->peer_id = le32_to_cpu(ack.from);
	p->peer_cookie = le32_to_cpu(ack.from_cookie);

	err = collect_areas(&areas, &nareas);
	if (err)
		goto out;
	for (i = 0; i < nareas && !err; i++)
		err = send_area(p, &areas[i]);
	if (!err)
		err = send_cpu(p);
	if (err)
		goto out;
	nsig = take_signals(sigs, HPC_MIG_NPENDING);
	/* Killed on the way: it dies here, not elsewhere or never. */
	if (fatal_signal_pending(current)) {
		err = -EINTR;
		give_signals(sigs, nsig);
		goto out;
	}
	task_cputime(current, &ut, &st);
	if (dep) {
		/* CPU time not yet reported home */
		end.utime = cpu_to_le64(ut - dep->utime);
		end.stime = cpu_to_le64(st - dep->stime);
	}
	end.npending = cpu_to_le32(nsig);
	err = hpc_proc_send(p, HPC_POP_MIG_END, &end, sizeof(end));
	for (i = 0; i < nsig && !err; i++)
		err = hpc_proc_send(p, HPC_POP_SIGNAL, &sigs[i], sizeof(sigs[i]));
	if (!err)
		err = wait_ack(p, NULL);	/* all in */
	if (!err) {
		err = send_clocks(p, &clock);
		if (!err)
			err = wait_ack(p, NULL);	/* arrived */
		if (err)
			keep_timed(&clock);
	}
	if (err)
		give_signals(sigs, nsig);
out:
	if (areas)
		free_areas(areas, nareas);
	kfree(sigs);
	kvfree(im);
	set_user_nice(current, nice);
	return err;
}

/**
 * hpc_mig_go() - the caller moves to @node (0: home), from hpc_mig_take()
 * @node: destination
 *
 * Return: 0 when the process went and came back (or was home already),
 * or a negative errno with the process where it was.
 */
int hpc_mig_go(int node)
{
	struct hpc_proc *p;
	int err;

	if (test_bit(HPC_ST_REMOTE, &current->hpc.state))
		return hpc_remote_move(node);
	if (!node || node == hpc_this_node()) {
		hpc_mig_done(current, 0);
		return 0;
	}
	err = hpc_node_usable(node);
	if (err)
		return err;
	p = hpc_proc_new(node);
	if (!p)
		return -ENOMEM;
	p->task = get_task_struct(current);
	p->home = hpc_this_node();
	p->home_pid = task_tgid_nr(current);
	err = hpc_mig_send(p, false, NULL);
	if (err) {
		hpc_proc_close(p);
		hpc_proc_put(p);
		return err;
	}
	hpc_deputy_run(p);	/* until the process is home again, or ends */
	return 0;
}

/* --- receiving ---------------------------------------------------------- */

static int ack(struct hpc_proc *p, u16 to_node, u32 to, u32 to_cookie,
	       int err)
{
	struct hpc_err e = { .err = cpu_to_le32(-err) };

	return hpc_proc_send_to(to_node, to, to_cookie, p, HPC_POP_MIG_ACK,
				&e, sizeof(e));
}

/* A fresh, empty address space for the caller. */
int hpc_mm_fresh(void)
{
	struct mm_struct *mm = mm_alloc();
	struct file *exe;
	struct rlimit rlim;
	int err;

	if (!mm)
		return -ENOMEM;
	task_lock(current->group_leader);
	rlim = current->signal->rlim[RLIMIT_STACK];
	task_unlock(current->group_leader);
	mm->task_size = TASK_SIZE;
	arch_pick_mmap_layout(mm, &rlim);
	/*
	 * The program stays what it was: /proc/PID/exe, and /proc/self/exe
	 * opened by a forwarded call, name it at home as ever.
	 */
	exe = current->mm ? get_mm_exe_file(current->mm) : NULL;
	if (exe) {
		set_mm_exe_file(mm, exe);
		fput(exe);
	}
	err = hpc_exec_mmap(mm);
	if (err)
		mmput(mm);
	return err;
}

static int apply_vma(const struct hpc_mig_vma *v)
{
	unsigned long start = le64_to_cpu(v->start), end = le64_to_cpu(v->end);
	u64 f = le64_to_cpu(v->flags);
	unsigned long prot = 0, flags, r;

	if (!PAGE_ALIGNED(start) || !PAGE_ALIGNED(end) || start >= end ||
	    end > TASK_SIZE || (f & ~0xfULL))
		return -EINVAL;
	if (f & HPC_VMA_READ)
		prot |= PROT_READ;
	if (f & HPC_VMA_WRITE)
		prot |= PROT_WRITE;
	if (f & HPC_VMA_EXEC)
		prot |= PROT_EXEC;
	flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE;
	if (f & HPC_VMA_GROWSDOWN)
		flags |= MAP_GROWSDOWN;
	r = vm_mmap(NULL, start, end - start, prot, flags, 0);
	if (IS_ERR_VALUE(r))
		return (long)r;
	return r == start ? 0 : -EINVAL;
}

static int apply_pages(const struct hpc_pmsg *m)
{
	const struct hpc_pages *pg = m->body;
	unsigned long addr, len, count;
	struct vm_area_struct *vma;
	bool writable;

	if (m->len < sizeof(*pg))
		return -EINVAL;
	addr = le64_to_cpu(pg->addr);
	count = le32_to_cpu(pg->count);
	len = count << PAGE_SHIFT;
	if (!count || count > HPC_PAGES_PER_MSG || !PAGE_ALIGNED(addr) ||
	    m->len != sizeof(*pg) + len || addr + len > TASK_SIZE)
		return -EINVAL;
	if (mmap_read_lock_killable(current->mm))
		return -EINTR;
	vma = find_vma(current->mm, addr);
	writable = vma && vma->vm_start <= addr && addr + len <= vma->vm_end &&
		   (vma->vm_flags & VM_WRITE);
	if (!vma || vma->vm_start > addr || addr + len > vma->vm_end) {
		mmap_read_unlock(current->mm);
		return -EINVAL;
	}
	mmap_read_unlock(current->mm);
	if (writable) {
		/* One walk gets the pages, not a fault for each. */
		mm_populate(addr, len);
		return copy_to_user((void __user *)addr, pg + 1, len) ?
		       -EFAULT : 0;
	}
	return access_process_vm(current, addr, (void *)(pg + 1), len,
				 FOLL_FORCE | FOLL_WRITE) == len ? 0 : -EFAULT;
}

static int apply_cpu(const struct hpc_pmsg *m)
{
	const struct hpc_mig_cpu *c = m->body;
	struct pt_regs *r = current_pt_regs();
	unsigned long ip, sp, fs, gs;
	u32 xsize;
	int err;

	if (m->len < sizeof(*c))
		return -EINVAL;
	xsize = le32_to_cpu(c->xstate_size);
	if (xsize != hpc_fpu_size() || m->len != sizeof(*c) + xsize)
		return -EOPNOTSUPP;	/* another FPU: incompatible CPU */
	ip = le64_to_cpu(c->regs[16]);
	sp = le64_to_cpu(c->regs[19]);
	fs = le64_to_cpu(c->fs_base);
	gs = le64_to_cpu(c->gs_base);
	if (ip >= TASK_SIZE_MAX || sp >= TASK_SIZE_MAX ||
	    fs >= TASK_SIZE_MAX || gs >= TASK_SIZE_MAX)
		return -EINVAL;
	err = hpc_fpu_set(c + 1, xsize);
	if (err)
		return err;
	r->r15 = le64_to_cpu(c->regs[0]);
	r->r14 = le64_to_cpu(c->regs[1]);
	r->r13 = le64_to_cpu(c->regs[2]);
	r->r12 = le64_to_cpu(c->regs[3]);
	r->bp = le64_to_cpu(c->regs[4]);
	r->bx = le64_to_cpu(c->regs[5]);
	r->r11 = le64_to_cpu(c->regs[6]);
	r->r10 = le64_to_cpu(c->regs[7]);
	r->r9 = le64_to_cpu(c->regs[8]);
	r->r8 = le64_to_cpu(c->regs[9]);
	r->ax = le64_to_cpu(c->regs[10]);
	r->cx = le64_to_cpu(c->regs[11]);
	r->dx = le64_to_cpu(c->regs[12]);
	r->si = le64_to_cpu(c->regs[13]);
	r->di = le64_to_cpu(c->regs[14]);
	r->orig_ax = -1;
	r->ip = ip;
	r->cs = __USER_CS;
	/* The flags user mode may set, as sigreturn keeps them. */
	r->flags = (le64_to_cpu(c->regs[18]) &
		    (X86_EFLAGS_AC | X86_EFLAGS_OF | X86_EFLAGS_DF |
		     X86_EFLAGS_TF | X86_EFLAGS_SF | X86_EFLAGS_ZF |
		     X86_EFLAGS_AF | X86_EFLAGS_PF | X86_EFLAGS_CF |
		     X86_EFLAGS_ID | X86_EFLAGS_NT | X86_EFLAGS_RF)) |
		   X86_EFLAGS_IF | X86_EFLAGS_FIXED;
	r->sp = sp;
	r->ss = __USER_DS;
	do_arch_prctl_64(current, ARCH_SET_FS, fs);
	do_arch_prctl_64(current, ARCH_SET_GS, gs);
	return 0;
}

struct mig_clocks {
	struct hpc_mig_clock c;		/* as the sender read them */
	u64 mono, boot;			/* this node's, when they came */
};

/*
 * The last message of a move: the clocks, and when they came. That is
 * when the link's receiver took them, not when this process woke to
 * read them: its wake-up on a busy node would add to the clocks' lag.
 */
static int recv_clocks(struct hpc_proc *p, struct mig_clocks *k)
{
	struct hpc_pmsg *m;
	int err = 0;

	m = hpc_proc_recv(p, HPC_MIG_TIMEOUT, false);
	if (IS_ERR(m))
		return PTR_ERR(m);
	k->mono = m->rx_ns;
	k->boot = m->rx_ns + (ktime_get_boottime_ns() - ktime_get_ns());
	if (m->op == HPC_POP_GONE)
		err = -EHOSTUNREACH;
	else if (m->op != HPC_POP_MIG_CLOCK || m->len != sizeof(k->c))
		err = -EPROTO;
	else
		memcpy(&k->c, m->body, sizeof(k->c));
	/* Only a wait hpc/timed.c makes again, for no more than it could. */
	if (!err && k->c.timed_nr &&
	    !hpc_timed_ok(le32_to_cpu(k->c.timed_nr),
			  le64_to_cpu(k->c.timed_left_ns)))
		err = -EPROTO;
	hpc_pmsg_free(m);
	return err;
}

/*
 * Clocks continue where the process left them (a new time namespace):
 * from the sender's reading, as it came. They lag by the one-way
 * latency of the link, never lead: back home, where the process reads
 * the node's own clocks, they must not go backwards.
 */
static int apply_clocks(const struct mig_clocks *k)
{
	struct time_namespace *ns;
	s64 mono, boot;
	int err;

	err = ksys_unshare(CLONE_NEWTIME);
	if (err)
		return err;
	ns = current->nsproxy->time_ns_for_children;
	mono = le64_to_cpu(k->c.mono_ns) - k->mono;
	boot = le64_to_cpu(k->c.boot_ns) - k->boot;
	ns->offsets.monotonic = ns_to_timespec64(mono);
	ns->offsets.boottime = ns_to_timespec64(boot);
	return exec_task_namespaces();
}

static int apply_creds(const struct hpc_mig_image *im)
{
	struct user_struct *user;
	struct group_info *gi;
	struct cred *c;
	int i, n = le32_to_cpu(im->ngroups);

	if (n < 0 || n > HPC_MIG_NGROUPS)
		return -EINVAL;
	gi = groups_alloc(n);
	if (!gi)
		return -ENOMEM;
	for (i = 0; i < n; i++)
		gi->gid[i] = make_kgid(&init_user_ns,
				       le32_to_cpu(im->groups[i]));
	groups_sort(gi);
	c = prepare_creds();
	if (!c) {
		put_group_info(gi);
		return -ENOMEM;
	}
	c->uid = make_kuid(&init_user_ns, le32_to_cpu(im->uid));
	c->gid = make_kgid(&init_user_ns, le32_to_cpu(im->gid));
	c->suid = make_kuid(&init_user_ns, le32_to_cpu(im->suid));
	c->sgid = make_kgid(&init_user_ns, le32_to_cpu(im->sgid));
	c->euid = make_kuid(&init_user_ns, le32_to_cpu(im->euid));
	c->egid = make_kgid(&init_user_ns, le32_to_cpu(im->egid));
	c->fsuid = make_kuid(&init_user_ns, le32_to_cpu(im->fsuid));
	c->fsgid = make_kgid(&init_user_ns, le32_to_cpu(im->fsgid));
	c->cap_inheritable.val = le64_to_cpu(im->cap_inheritable) & CAP_VALID_MASK;
	c->cap_permitted.val = le64_to_cpu(im->cap_permitted) & CAP_VALID_MASK;
	c->cap_effective.val = le64_to_cpu(im->cap_effective) & CAP_VALID_MASK;
	c->cap_bset.val = le64_to_cpu(im->cap_bset) & CAP_VALID_MASK;
	c->cap_ambient.val = le64_to_cpu(im->cap_ambient) & CAP_VALID_MASK;
	c->securebits = le32_to_cpu(im->securebits);
	set_groups(c, gi);
	put_group_info(gi);
	/*
	 * The process counts against its own user's RLIMIT_NPROC, as
	 * setresuid() would make it: the user and ucounts follow the real
	 * uid, and commit_creds() moves the count from the spawner's.
	 */
	user = alloc_uid(c->uid);
	if (!user) {
		abort_creds(c);
		return -ENOMEM;
	}
	free_uid(c->user);
	c->user = user;
	if (set_cred_ucounts(c)) {
		abort_creds(c);
		return -ENOMEM;
	}
	commit_creds(c);
	return 0;
}

static int apply_image(const struct hpc_mig_image *im, bool home)
{
	struct mm_struct *mm = current->mm;
	struct k_sigaction ka;
	int i, err;

	if (!home) {
		err = apply_creds(im);
		if (err)
			return err;
	}
	mm->start_code = le64_to_cpu(im->start_code);
	mm->end_code = le64_to_cpu(im->end_code);
	mm->start_data = le64_to_cpu(im->start_data);
	mm->end_data = le64_to_cpu(im->end_data);
	mm->start_brk = le64_to_cpu(im->start_brk);
	mm->brk = le64_to_cpu(im->brk);
	mm->start_stack = le64_to_cpu(im->start_stack);
	mm->arg_start = le64_to_cpu(im->arg_start);
	mm->arg_end = le64_to_cpu(im->arg_end);
	mm->env_start = le64_to_cpu(im->env_start);
	mm->env_end = le64_to_cpu(im->env_end);
	for (i = 0; i < ARRAY_SIZE(mm->saved_auxv); i++)
		mm->saved_auxv[i] = le64_to_cpu(im->saved_auxv[i]);
	set_dumpable(mm, SUID_DUMP_USER);

	current->personality = le32_to_cpu(im->personality);
	__set_task_comm(current, im->comm, false);
	if (!home) {
		task_lock(current->group_leader);
		for (i = 0; i < RLIM_NLIMITS && i < 16; i++) {
			current->signal->rlim[i].rlim_cur =
				le64_to_cpu(im->rlim_cur[i]);
			current->signal->rlim[i].rlim_max =
				le64_to_cpu(im->rlim_max[i]);
		}
		task_unlock(current->group_leader);
		i = le32_to_cpu(im->policy);
		if (i == SCHED_BATCH || i == SCHED_IDLE) {
			struct sched_param sp = {};

			sched_setscheduler_nocheck(current, i, &sp);
		}
		set_user_nice(current, clamp_t(int, (s32)le32_to_cpu(im->nice),
					       MIN_NICE, MAX_NICE));
	}

	for (i = 1; i <= HPC_MIG_NSIG; i++) {
		if (i == SIGKILL || i == SIGSTOP)
			continue;
		memset(&ka, 0, sizeof(ka));
		ka.sa.sa_handler = (__sighandler_t)(unsigned long)
			le64_to_cpu(im->sa_handler[i - 1]);
		ka.sa.sa_restorer = (__sigrestore_t)(unsigned long)
			le64_to_cpu(im->sa_restorer[i - 1]);
		ka.sa.sa_flags = le64_to_cpu(im->sa_flags[i - 1]);
		ka.sa.sa_mask.sig[0] = le64_to_cpu(im->sa_mask[i - 1]);
		err = do_sigaction(i, &ka, NULL);
		if (err)
			return err;
	}
	{
		sigset_t b = { .sig = { le64_to_cpu(im->blocked) } };

		sigdelsetmask(&b, sigmask(SIGKILL) | sigmask(SIGSTOP));
		set_current_blocked(&b);
	}
	current->sas_ss_sp = le64_to_cpu(im->sas_ss_sp);
	current->sas_ss_size = le64_to_cpu(im->sas_ss_size);
	current->sas_ss_flags = le32_to_cpu(im->sas_ss_flags);
#ifdef CONFIG_RSEQ
	current->rseq = (void __user *)(unsigned long)le64_to_cpu(im->rseq);
	current->rseq_len = le64_to_cpu(im->rseq_len);
	current->rseq_sig = le64_to_cpu(im->rseq_sig);
	if (current->rseq)
		rseq_set_notify_resume(current);
#endif
#ifdef CONFIG_FUTEX
	current->robust_list = (void __user *)(unsigned long)
			       le64_to_cpu(im->robust_list);
#endif
	current->clear_child_tid = (void __user *)(unsigned long)
				   le64_to_cpu(im->clear_child_tid);
	/* Home's restart block stays in the deputy (settle_restart()). */
	if (!(le32_to_cpu(im->flags) & HPC_IMG_RESTART))
		current->restart_block.fn = do_no_restart_syscall;
	else if (!home)
		current->restart_block.fn = hpc_restart_home;
	current->hpc.nmigs = le32_to_cpu(im->nmigs);
	/* At home its CPU time is the deputy's, credited the remote's. */
	if (!home)
		current->hpc.served_ns = le64_to_cpu(im->served_ns);
	return 0;
}

/**
 * hpc_mig_receive() - build the arriving process in the caller
 * @p: the channel the process arrives on
 * @begin: its MIG_BEGIN message (consumed)
 *
 * The caller is a new task (remote.c) or the deputy (process coming
 * home). On success the caller returns to user mode as the process; on
 * failure the sender has been told and the caller's address space is
 * whatever was built (the caller discards it).
 *
 * Return: 0 or a negative errno.
 */
int hpc_mig_receive(struct hpc_proc *p, struct hpc_pmsg *begin)
{
	const struct hpc_pmsg_hdr *bh = begin->buf;
	u32 sender = le32_to_cpu(bh->from), scookie = le32_to_cpu(bh->from_cookie);
	struct hpc_mig_image *im = begin->body;
	struct hpc_mig_end end = {};
	struct mig_clocks clocks;
	bool home, have_cpu = false, arriving = false;
	struct hpc_pmsg *m, *n;
	LIST_HEAD(sigs);
	int err = 0, nsig = -1;
	u64 vdso;

	if (begin->len != sizeof(*im) ||
	    le32_to_cpu(im->version) != HPC_IMG_VERSION) {
		err = -EPROTO;
		goto nak;
	}
	if (le32_to_cpu(im->xstate_size) != hpc_fpu_size()) {
		err = -EOPNOTSUPP;
		goto nak;
	}
	/* No room for it: it stays where it is, the OOM killer stays idle. */
	if (!hpc_mig_room(le32_to_cpu(im->rss_pages))) {
		err = -ENOMEM;
		goto nak;
	}
	home = le32_to_cpu(im->flags) & HPC_IMG_HOME;
	/* Sent for load: welcome only where it finds less than it left. */
	if (!home) {
		if (!hpc_mig_admit(le32_to_cpu(im->for_load),
				   le32_to_cpu(im->turn_ms), begin->from)) {
			err = -EAGAIN;
			goto nak;
		}
		arriving = true;
	}
	/* Talk to the sender from now on. */
	p->peer = begin->from;
	p->peer_id = sender;
	p->peer_cookie = scookie;
	err = hpc_mm_fresh();
	if (err)
		goto nak;
	vdso = le64_to_cpu(im->vdso);
	if (vdso) {
		err = map_vdso_once(&vdso_image_64,
				    vdso + vdso_image_64.sym_vvar_start);
		if (!err && (unsigned long)current->mm->context.vdso != vdso)
			err = -EADDRINUSE;
		if (err)
			goto nak;
	}
	current->mm->mmap_base = le64_to_cpu(im->mmap_base);
	current->mm->mmap_legacy_base = le64_to_cpu(im->mmap_legacy_base);
	err = ack(p, p->peer, sender, scookie, 0);
	if (err)
		goto fail;

	while (nsig != 0) {
		m = hpc_proc_recv(p, HPC_MIG_TIMEOUT, false);
		if (IS_ERR(m)) {
			err = PTR_ERR(m);
			goto fail;
		}
		switch (m->op) {
		case HPC_POP_MIG_VMA:
			err = m->len == sizeof(struct hpc_mig_vma) ?
			      apply_vma(m->body) : -EINVAL;
			break;
		case HPC_POP_MIG_PAGES:
			err = apply_pages(m);
			break;
		case HPC_POP_MIG_CPU:
			err = apply_cpu(m);
			have_cpu = !err;
			break;
		case HPC_POP_MIG_END:
			if (m->len != sizeof(end) || !have_cpu) {
				err = -EPROTO;
				break;
			}
			memcpy(&end, m->body, sizeof(end));
			nsig = le32_to_cpu(end.npending);
			if (nsig > HPC_MIG_NPENDING)
				err = -EPROTO;
			break;
		case HPC_POP_SIGNAL:
			if (nsig < 0) {
				err = -EPROTO;
				break;
			}
			list_add_tail(&m->list, &sigs);
			m = NULL;
			nsig--;
			break;
		case HPC_POP_GONE:
			err = -EHOSTUNREACH;
			break;
		default:
			err = -EPROTO;
		}
		hpc_pmsg_free(m);
		if (err)
			goto nak;
	}
	/* All in: the sender reads the clocks now, behind nothing. */
	err = ack(p, p->peer, sender, scookie, 0);
	if (err)
		goto fail;
	err = recv_clocks(p, &clocks);
	/* The clocks first: a new namespace needs the privileges we drop. */
	if (!err && !home)
		err = apply_clocks(&clocks);
	if (!err)
		err = apply_image(im, home);
	if (err)
		goto nak;
	keep_timed(&clocks.c);
	/* Pending signals, once the handlers are the process's own. */
	list_for_each_entry_safe(m, n, &sigs, list) {
		list_del(&m->list);
		hpc_remote_signal(p, m);
	}
	err = ack(p, p->peer, sender, scookie, 0);
	if (err)
		goto fail;
	if (home)
		hpc_account_remote(le64_to_cpu(end.utime),
				   le64_to_cpu(end.stime));
	current->hpc.arrived = jiffies;
	current->hpc.fwd_share = 0;
	if (le32_to_cpu(im->flags) & HPC_IMG_CHAOS)
		set_bit(HPC_ST_CHAOS, &current->hpc.state);
	if (le32_to_cpu(im->flags) & HPC_IMG_LOCK)
		set_bit(HPC_ST_LOCK, &current->hpc.state);
	if (arriving)
		hpc_mig_arrived();
	hpc_pmsg_free(begin);
	return 0;
nak:
	ack(p, begin->from, sender, scookie, err);
fail:
	if (arriving)
		hpc_mig_arrived();
	list_for_each_entry_safe(m, n, &sigs, list) {
		list_del(&m->list);
		hpc_pmsg_free(m);
	}
	hpc_pmsg_free(begin);
	return err;
}

/* Can a process be sent to @node? (The node itself may still refuse.) */
int hpc_node_usable(int node)
{
	struct hpc_load_vec v;
	const struct hpc_map *map;
	bool known;

	if (node <= 0 || node > HPC_MAX_NODE)
		return -EINVAL;
	rcu_read_lock();
	map = hpc_map_get();
	known = map && hpc_map_addr(map, node);
	rcu_read_unlock();
	if (!known)
		return -ENOENT;
	if (hpc_info_node(node, &v) && !(v.status & HPC_NODE_UP))
		return -EHOSTDOWN;
	return 0;
}

/**
 * hpc_task_exit() - a task ends (do_exit); its halves elsewhere are told
 * @t: current
 * @code: its exit code
 */
void hpc_task_exit(struct task_struct *t, long code)
{
	struct hpc_proc *p = t->hpc.proc;

	if (test_bit(HPC_ST_REMOTE, &t->hpc.state)) {
		hpc_remote_exit(code);
	} else if (p && test_bit(HPC_ST_DEPUTY, &t->hpc.state)) {
		if (!p->ended)
			hpc_proc_send(p, HPC_POP_KILL, NULL, 0);
		clear_bit(HPC_ST_DEPUTY, &t->hpc.state);
		WRITE_ONCE(t->hpc.proc, NULL);
		hpc_proc_close(p);
		hpc_proc_put(p);
	}
	hpc_timed_exit(t);
	if (READ_ONCE(t->hpc.want))
		wake_up_all(&hpc_mig_wq);
}

/*
 * bring: every process of this node that runs elsewhere comes home;
 * expel: every guest here goes home. Both wait until done.
 */
static int move_all(int bit)
{
	struct task_struct *p, **list;
	int n = 0, max = 0, i, err = 0, e;

	rcu_read_lock();
	for_each_process(p)
		max++;
	rcu_read_unlock();
	list = kvcalloc(max + 1, sizeof(*list), GFP_KERNEL);
	if (!list)
		return -ENOMEM;
	rcu_read_lock();
	for_each_process(p) {
		if (n < max && test_bit(bit, &p->hpc.state))
			list[n++] = get_task_struct(p);
	}
	rcu_read_unlock();
	for (i = 0; i < n; i++) {
		if (bit == HPC_ST_DEPUTY)
			e = hpc_deputy_goto(list[i], 0, false);
		else
			e = hpc_mig_request(list[i], 0);
		if (!e)
			e = hpc_mig_wait(list[i], 300 * HZ);
		if (e == -ESRCH)	/* it ended, or left for good */
			e = 0;
		if (e && !err)
			err = e;
		put_task_struct(list[i]);
	}
	kvfree(list);
	return err;
}

int hpc_bring_all(void)
{
	return move_all(HPC_ST_DEPUTY);
}

int hpc_expel_all(void)
{
	return move_all(HPC_ST_REMOTE);
}
