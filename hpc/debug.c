// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: debug-only files that provoke kernel reports on purpose.
 *
 *   /proc/hpc/debug/warn	writing "1" raises a WARN
 *   /proc/hpc/debug/move	writing "PID NODE LOAD" asks a move for load,
 *				as the balancer would, with LOAD as the
 *				sender's; it returns when the move is done
 *				or refused (EAGAIN: the target judged
 *				itself no better off, hpc_mig_admit())
 *   /proc/hpc/debug/chaos	writing "PID" puts a process of this node, and
 *				the children it will have, in the
 *				forced-migration mode (chaos.c); writing
 *				"gap MS" sets the least time a process in
 *				it stays on this node; reading gives the
 *				mode's counters and gap
 *   /proc/hpc/debug/forge	writing "PID OP LEN SEED" makes the channel of
 *				process PID here (its deputy, or the process
 *				itself where it runs) send its peer a message
 *				of operation OP whose LEN bytes of body are
 *				drawn from SEED: an authenticated peer's
 *				malformed messages, on demand
 *
 * They exist so that the test suite can prove its gate catches such
 * reports and can reach what only a race of balancers would; CONFIG_HPC_DEBUG
 * is off in production kernels.
 */
#include <linux/proc_fs.h>
#include <linux/uaccess.h>
#include <linux/capability.h>
#include <linux/kstrtox.h>
#include <linux/bug.h>
#include <linux/sched/task.h>
#include <linux/seq_file.h>
#include <hpc/hpc.h>
#include <hpc/mig.h>

static ssize_t warn_write(struct file *file, const char __user *buf,
			  size_t count, loff_t *ppos)
{
	unsigned int v;
	int err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	err = kstrtouint_from_user(buf, count, 10, &v);
	if (err || v != 1)
		return -EINVAL;
	WARN(1, "hpc: test warning requested through /proc/hpc/debug/warn\n");
	return count;
}

static const struct proc_ops warn_proc_ops = {
	.proc_write	= warn_write,
	.proc_lseek	= noop_llseek,
};

/* The task of @pid, with a reference, or ERR_PTR(-ESRCH). */
static struct task_struct *get_task(unsigned int pid)
{
	struct task_struct *t;

	rcu_read_lock();
	t = find_task_by_vpid(pid);
	if (t)
		get_task_struct(t);
	rcu_read_unlock();
	return t ? t : ERR_PTR(-ESRCH);
}

/* A root's write of one short line, into @buf as a string. */
static int read_line(const char __user *ubuf, size_t count, char *buf,
		     size_t size)
{
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (count >= size)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = 0;
	return 0;
}

static ssize_t move_write(struct file *file, const char __user *ubuf,
			  size_t count, loff_t *ppos)
{
	unsigned int pid, node, load;
	struct task_struct *t;
	char buf[48];
	int err;

	err = read_line(ubuf, count, buf, sizeof(buf));
	if (err)
		return err;
	if (sscanf(buf, "%u %u %u", &pid, &node, &load) != 3 || !load ||
	    !node || node > HPC_MAX_NODE || node == hpc_this_node())
		return -EINVAL;
	t = get_task(pid);
	if (IS_ERR(t))
		return PTR_ERR(t);
	err = hpc_node_usable(node);
	if (!err && (hpc_cantmove(t) || !thread_group_leader(t) ||
		     test_bit(HPC_ST_DEPUTY, &t->hpc.state)))
		err = -EBUSY;
	if (!err)
		err = hpc_mig_request_load(t, node, load, 0);
	if (!err)
		err = hpc_mig_wait(t, 300 * HZ);
	put_task_struct(t);
	return err ? err : count;
}

static const struct proc_ops move_proc_ops = {
	.proc_write	= move_write,
	.proc_lseek	= noop_llseek,
};

#define FORGE_MAX	(64 << 10)

static ssize_t forge_write(struct file *file, const char __user *ubuf,
			   size_t count, loff_t *ppos)
{
	unsigned int pid, op, len, seed, i;
	struct task_struct *t;
	struct hpc_proc *p;
	char buf[64];
	u8 *body;
	int err;

	err = read_line(ubuf, count, buf, sizeof(buf));
	if (err)
		return err;
	if (sscanf(buf, "%u %u %u %u", &pid, &op, &len, &seed) != 4 ||
	    !op || op > U16_MAX || len > FORGE_MAX)
		return -EINVAL;
	t = get_task(pid);
	if (IS_ERR(t))
		return PTR_ERR(t);
	p = hpc_proc_of(t);
	put_task_struct(t);
	if (!p)
		return -ENOENT;		/* not moved: no peer */
	body = kvmalloc(len ? len : 1, GFP_KERNEL);
	err = body ? 0 : -ENOMEM;
	for (i = 0; body && i < len; i++) {
		seed ^= seed << 13;
		seed ^= seed >> 17;
		seed ^= seed << 5;
		body[i] = seed >> 8;
	}
	if (!err)
		err = hpc_proc_send(p, op, body, len);
	kvfree(body);
	hpc_proc_put(p);
	return err ? err : count;
}

static const struct proc_ops forge_proc_ops = {
	.proc_write	= forge_write,
	.proc_lseek	= noop_llseek,
};

static struct task_struct *task_of(const char __user *ubuf, size_t count)
{
	unsigned int pid;
	int err;

	err = kstrtouint_from_user(ubuf, count, 10, &pid);
	return err ? ERR_PTR(err) : get_task(pid);
}

static ssize_t chaos_write(struct file *file, const char __user *ubuf,
			   size_t count, loff_t *ppos)
{
	struct task_struct *t;
	int err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (count > 4 && count < 16) {
		char buf[16];
		unsigned int ms;

		if (copy_from_user(buf, ubuf, count))
			return -EFAULT;
		buf[count] = 0;
		if (!strncmp(buf, "gap ", 4)) {
			err = kstrtouint(buf + 4, 10, &ms);
			if (!err)
				err = hpc_chaos_set_gap(ms);
			return err ? err : count;
		}
	}
	t = task_of(ubuf, count);
	if (IS_ERR(t))
		return PTR_ERR(t);
	err = (t->flags & PF_KTHREAD) || is_global_init(t) ? -EINVAL :
	      hpc_chaos_mark(t);
	put_task_struct(t);
	return err ? err : count;
}

static int chaos_show(struct seq_file *m, void *v)
{
	hpc_chaos_show(m);
	return 0;
}

static int chaos_open(struct inode *inode, struct file *file)
{
	return single_open(file, chaos_show, NULL);
}

static const struct proc_ops chaos_proc_ops = {
	.proc_open	= chaos_open,
	.proc_read	= seq_read,
	.proc_lseek	= seq_lseek,
	.proc_release	= single_release,
	.proc_write	= chaos_write,
};

int __init hpc_debug_init(void)
{
	struct proc_dir_entry *dir;

	dir = proc_mkdir("debug", hpc_proc_root());
	if (!dir)
		return -ENOMEM;
	if (!proc_create("warn", 0200, dir, &warn_proc_ops) ||
	    !proc_create("move", 0200, dir, &move_proc_ops) ||
	    !proc_create("chaos", 0600, dir, &chaos_proc_ops) ||
	    !proc_create("forge", 0200, dir, &forge_proc_ops)) {
		proc_remove(dir);
		return -ENOMEM;
	}
	return 0;
}
