// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: per-process statistics and their decay.
 *
 * Each process carries its CPU use, aged every decay-interval by
 * slow-decay (or fast-decay, or not at all, as the process chose), so
 * that its recent past weighs more than its old one. A process marks
 * itself through /proc/hpc/decay, whose files act on the caller:
 *
 *   clear     write 1: forget the statistics
 *   cpujob    write 1: hint CPU-bound (read: 1 when set)
 *   iojob     write 1: hint I/O-bound (read: 1 when set)
 *   slow      write 1: decay by slow-decay (read: 1 when so)
 *   fast      write 1: decay by fast-decay (read: 1 when so)
 *   nodecay   write 1: no decay (read: 1 when so)
 *   stats     read: the caller's decayed CPU use and flags
 */
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <linux/jiffies.h>
#include <hpc/hpc.h>
#include <hpc/load.h>
#include <hpc/task.h>

void hpc_task_fork(struct task_struct *p)
{
	/* Hints and decay mode are inherited (mosrun relies on it). */
	p->hpc.cpu_ns = 0;
	p->hpc.last_runtime = 0;
	/*
	 * lock and the forced-migration mode are inherited; where a process
	 * runs and moves is its own.
	 */
	p->hpc.state &= BIT(HPC_ST_LOCK) | BIT(HPC_ST_CHAOS);
	p->hpc.proc = NULL;
	p->hpc.nmigs = 0;
	p->hpc.want = 0;
	p->hpc.result = 0;
	p->hpc.mig_load = 0;
	p->hpc.mig_turn = 0;
	p->hpc.served_ns = 0;
	p->hpc.arrived = jiffies;
	p->hpc.demand = 0;
	p->hpc.run_ns = 0;
	p->hpc.wait_ns = 0;
	p->hpc.remote_ns = 0;
	p->hpc.fwd_share = 0;
	p->hpc.fwd_ns = 0;
}

static void decay_all(void)
{
	u32 slow = READ_ONCE(hpc_tun.slow_decay);
	u32 fast = READ_ONCE(hpc_tun.fast_decay);
	struct task_struct *g, *t;

	rcu_read_lock();
	for_each_process_thread(g, t) {
		u32 flags = READ_ONCE(t->hpc.flags), keep;
		u64 rt = READ_ONCE(t->se.sum_exec_runtime);
		u64 last = t->hpc.last_runtime;

		if (t->flags & PF_KTHREAD)
			continue;
		keep = flags & HPC_TASK_NODECAY ? 1000 :
		       flags & HPC_TASK_FASTDECAY ? fast : slow;
		WRITE_ONCE(t->hpc.cpu_ns,
			   hpc_stat_decay(READ_ONCE(t->hpc.cpu_ns),
					  rt > last ? rt - last : 0, keep));
		t->hpc.last_runtime = rt;
	}
	rcu_read_unlock();
}

static int hpc_decay_thread(void *unused)
{
	unsigned long last = jiffies;

	/* One-second naps, so that a new decay-interval takes effect. */
	while (!kthread_should_stop()) {
		unsigned int s = READ_ONCE(hpc_tun.decay_interval);

		schedule_timeout_interruptible(HZ);
		if (time_before(jiffies, last + s * HZ))
			continue;
		last = jiffies;
		decay_all();
	}
	return 0;
}

/*
 * Every process may write these files: each acts on its writer alone,
 * like /proc/self, so being writable by all exposes nothing.
 */
#define DECAY_FILE_MODE		(0644 | 0022)

enum decay_file {
	DF_CLEAR, DF_CPUJOB, DF_IOJOB, DF_SLOW, DF_FAST, DF_NODECAY,
};

static const char * const decay_files[] = {
	[DF_CLEAR] = "clear", [DF_CPUJOB] = "cpujob", [DF_IOJOB] = "iojob",
	[DF_SLOW] = "slow", [DF_FAST] = "fast", [DF_NODECAY] = "nodecay",
};

static int decay_show(struct seq_file *m, void *v)
{
	u32 flags = READ_ONCE(current->hpc.flags);
	bool on;

	switch ((unsigned long)m->private) {
	case DF_CPUJOB:
		on = flags & HPC_TASK_CPUJOB;
		break;
	case DF_IOJOB:
		on = flags & HPC_TASK_IOJOB;
		break;
	case DF_SLOW:
		on = !(flags & (HPC_TASK_FASTDECAY | HPC_TASK_NODECAY));
		break;
	case DF_FAST:
		on = flags & HPC_TASK_FASTDECAY;
		break;
	case DF_NODECAY:
		on = flags & HPC_TASK_NODECAY;
		break;
	default:
		on = !READ_ONCE(current->hpc.cpu_ns);
		break;
	}
	seq_printf(m, "%d\n", on);
	return 0;
}

static int decay_open(struct inode *inode, struct file *file)
{
	return single_open(file, decay_show, pde_data(inode));
}

static ssize_t decay_write(struct file *file, const char __user *buf,
			   size_t count, loff_t *ppos)
{
	unsigned long which = (unsigned long)pde_data(file_inode(file));
	u32 flags = READ_ONCE(current->hpc.flags);
	unsigned int v;

	if (*ppos || count > 8 || kstrtouint_from_user(buf, count, 10, &v) ||
	    v != 1)
		return -EINVAL;
	switch (which) {
	case DF_CLEAR:
		WRITE_ONCE(current->hpc.cpu_ns, 0);
		break;
	case DF_CPUJOB:
		flags = (flags & ~HPC_TASK_IOJOB) | HPC_TASK_CPUJOB;
		break;
	case DF_IOJOB:
		flags = (flags & ~HPC_TASK_CPUJOB) | HPC_TASK_IOJOB;
		break;
	case DF_SLOW:
		flags &= ~(HPC_TASK_FASTDECAY | HPC_TASK_NODECAY);
		break;
	case DF_FAST:
		flags = (flags & ~HPC_TASK_NODECAY) | HPC_TASK_FASTDECAY;
		break;
	case DF_NODECAY:
		flags = (flags & ~HPC_TASK_FASTDECAY) | HPC_TASK_NODECAY;
		break;
	}
	WRITE_ONCE(current->hpc.flags, flags);
	return count;
}

static const struct proc_ops decay_ops = {
	.proc_open	= decay_open,
	.proc_read	= seq_read,
	.proc_lseek	= seq_lseek,
	.proc_release	= single_release,
	.proc_write	= decay_write,
};

static int stats_show(struct seq_file *m, void *v)
{
	u32 flags = READ_ONCE(current->hpc.flags);

	seq_printf(m, "cpu_ms %llu\nhint %s\ndecay %s\n",
		   READ_ONCE(current->hpc.cpu_ns) / NSEC_PER_MSEC,
		   flags & HPC_TASK_CPUJOB ? "cpujob" :
		   flags & HPC_TASK_IOJOB ? "iojob" : "none",
		   flags & HPC_TASK_NODECAY ? "none" :
		   flags & HPC_TASK_FASTDECAY ? "fast" : "slow");
	return 0;
}

int __init hpc_decay_init(struct proc_dir_entry *root)
{
	struct proc_dir_entry *dir = proc_mkdir("decay", root);
	struct task_struct *t;
	unsigned long i;

	if (!dir)
		return -ENOMEM;
	for (i = 0; i < ARRAY_SIZE(decay_files); i++)
		if (!proc_create_data(decay_files[i], DECAY_FILE_MODE, dir,
				      &decay_ops, (void *)i))
			return -ENOMEM;
	if (!proc_create_single("stats", 0444, dir, stats_show))
		return -ENOMEM;
	t = kthread_run(hpc_decay_thread, NULL, "hpc_decay");
	return PTR_ERR_OR_ZERO(t);
}
