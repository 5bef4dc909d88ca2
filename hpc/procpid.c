// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: the per-process files in /proc/PID (fs/proc/base.c calls
 * in here):
 *
 *   where     the node the process runs on
 *   goto      write a node number or "home": move it (the write returns
 *             once it is done, or with the reason it failed); "NODE lock":
 *             move it and lock it there, as it arrives, even when it is
 *             locked already (on failure it stays where it was, as it
 *             was); "balance": let the balancer choose now
 *   lock      1: it stays where it is (write 0 or 1)
 *   nmigs     how many times it moved
 *   cantmove  why it cannot move now, or nothing
 */
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/fs.h>
#include <hpc/hpc.h>
#include <hpc/mig.h>
#include <hpc/hooks.h>

#define HPC_GOTO_TIMEOUT	(300 * HZ)

static u16 where(struct task_struct *t)
{
	struct hpc_proc *p;
	u16 node = hpc_this_node();

	rcu_read_lock();
	p = READ_ONCE(t->hpc.proc);
	if (p && test_bit(HPC_ST_DEPUTY, &t->hpc.state))
		node = READ_ONCE(p->peer);
	rcu_read_unlock();
	return node;
}

ssize_t hpc_pid_show(struct task_struct *t, const char *name, char *buf,
		     size_t size)
{
	const char *why;

	if (!strcmp(name, "where"))
		return scnprintf(buf, size, "%u\n", where(t));
	if (!strcmp(name, "lock"))
		return scnprintf(buf, size, "%d\n",
				 test_bit(HPC_ST_LOCK, &t->hpc.state));
	if (!strcmp(name, "nmigs"))
		return scnprintf(buf, size, "%u\n", READ_ONCE(t->hpc.nmigs));
	if (!strcmp(name, "goto")) {
		int want = READ_ONCE(t->hpc.want);

		if (!want)
			return 0;
		return want < 0 ? scnprintf(buf, size, "home\n") :
				  scnprintf(buf, size, "%d\n", want);
	}
	if (!strcmp(name, "cantmove")) {
		/* Where it runs knows the rest; its lock is known here too. */
		if (test_bit(HPC_ST_DEPUTY, &t->hpc.state))
			return test_bit(HPC_ST_LOCK, &t->hpc.state) ?
			       scnprintf(buf, size, "locked\n") : 0;
		why = hpc_cantmove(t);
		return why ? scnprintf(buf, size, "%s\n", why) : 0;
	}
	return -EINVAL;
}

/* /proc/PID/cmdline of a deputy; -ENOENT: ask its address space. */
ssize_t hpc_pid_cmdline(struct task_struct *t, char __user *buf,
			size_t count, loff_t *pos)
{
	struct hpc_proc *p;
	ssize_t ret = -ENOENT;

	if (!test_bit(HPC_ST_DEPUTY, &t->hpc.state))
		return -ENOENT;
	p = hpc_proc_of(t);
	if (!p)
		return -ENOENT;
	if (p->cmdline)
		ret = simple_read_from_buffer(buf, count, pos, p->cmdline,
					      p->cmdline_len);
	hpc_proc_put(p);
	return ret;
}

/* Root may act on any process, others on their own. */
static bool may_control(struct task_struct *t)
{
	bool ok;

	if (capable(CAP_SYS_ADMIN))
		return true;
	rcu_read_lock();
	ok = uid_eq(current_euid(), __task_cred(t)->uid) ||
	     uid_eq(current_uid(), __task_cred(t)->uid);
	rcu_read_unlock();
	return ok;
}

/* "NODE", "home" or "balance", then optionally " lock". */
static int parse_goto(const char *buf, unsigned int *node, bool *lock)
{
	char word[12];
	size_t len = strcspn(buf, " ");

	*lock = buf[len] == ' ';
	if (*lock && !sysfs_streq(buf + len + 1, "lock"))
		return -EINVAL;
	if (len >= sizeof(word))
		return -EINVAL;
	memcpy(word, buf, len);
	word[len] = 0;
	if (sysfs_streq(word, "home"))
		*node = 0;
	else if (sysfs_streq(word, "balance") && !*lock)
		*node = HPC_GOTO_BALANCE;
	else if (kstrtouint(word, 10, node) || !*node || *node > HPC_MAX_NODE)
		return -EINVAL;
	return 0;
}

static int do_goto(struct task_struct *t, const char *buf)
{
	unsigned int node;
	bool lock, deputy;
	int err;

	if (parse_goto(buf, &node, &lock))
		return -EINVAL;
	if (!hpc_this_node())
		return -ENOENT;		/* not in a cluster */
	deputy = test_bit(HPC_ST_DEPUTY, &t->hpc.state);
	if (deputy) {
		if (node == hpc_this_node())
			node = 0;
		err = hpc_deputy_goto(t, node, lock);
		if (err == 1) {		/* it is there already */
			if (!lock)
				return 0;
			set_bit(HPC_ST_LOCK, &t->hpc.state);
			return hpc_deputy_lock(t, true);
		}
	} else if (node == HPC_GOTO_BALANCE) {
		err = hpc_balance_one(t);
		/* On its way already (a round of the balancer's own)? */
		if (err == 1 && hpc_mig_pending(t))
			err = 0;	/* where it lands is the answer */
		else if (err == 1)
			return 0;	/* best where it is */
	} else {
		if (!node || node == hpc_this_node()) {
			/* It is here: locked here, if asked. */
			if (lock)
				set_bit(HPC_ST_LOCK, &t->hpc.state);
			return 0;
		}
		err = hpc_node_usable(node);
		if (!err && hpc_cantmove_relock(t, lock))
			err = -EBUSY;
		if (!err)
			err = t == current ? hpc_mig_request_own(node, lock) :
					     hpc_mig_request_lock(t, node,
								  lock);
	}
	if (err)
		return err;
	/* A process moving itself goes when this write returns. */
	if (same_thread_group(t, current))
		return 0;
	return hpc_mig_wait(t, HPC_GOTO_TIMEOUT);
}

int hpc_pid_store(struct task_struct *t, const char *name, const char *buf,
		  size_t count)
{
	bool on;

	if (!may_control(t))
		return -EPERM;
	if (!strcmp(name, "goto"))
		return do_goto(t, buf);
	if (!strcmp(name, "lock")) {
		if (kstrtobool(buf, &on))
			return -EINVAL;
		assign_bit(HPC_ST_LOCK, &t->hpc.state, on);
		/* Moved away: where it runs must know too. */
		if (test_bit(HPC_ST_DEPUTY, &t->hpc.state))
			hpc_deputy_lock(t, on);
		return 0;
	}
	return -EINVAL;
}
