// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: debug-only files that provoke kernel reports on purpose.
 *
 *   /proc/hpc/debug/warn	writing "1" raises a WARN
 *
 * They exist so that the test suite can prove its gate catches such
 * reports; CONFIG_HPC_DEBUG is off in production kernels.
 */
#include <linux/proc_fs.h>
#include <linux/uaccess.h>
#include <linux/capability.h>
#include <linux/kstrtox.h>
#include <linux/bug.h>
#include <hpc/hpc.h>

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

int __init hpc_debug_init(void)
{
	struct proc_dir_entry *dir;

	dir = proc_mkdir("debug", hpc_proc_root());
	if (!dir)
		return -ENOMEM;
	if (!proc_create("warn", 0200, dir, &warn_proc_ops)) {
		proc_remove(dir);
		return -ENOMEM;
	}
	return 0;
}
