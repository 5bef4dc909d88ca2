// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: the /proc/hpc tree.
 *
 *   /proc/hpc/admin/version	openMosix version
 *   /proc/hpc/admin/mospe	this node's number (0: none yet)
 */
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/errno.h>
#include <hpc/hpc.h>

static struct proc_dir_entry *hpc_root;

static int version_show(struct seq_file *m, void *v)
{
	seq_printf(m, "openMosix %s\n", HPC_VERSION);
	return 0;
}

static int mospe_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%u\n", hpc_this_node());
	return 0;
}

/**
 * hpc_proc_root() - the /proc/hpc directory, for the files of other parts
 *
 * Return: the directory entry, or NULL before hpc_proc_init().
 */
struct proc_dir_entry *hpc_proc_root(void)
{
	return hpc_root;
}

int __init hpc_proc_init(void)
{
	struct proc_dir_entry *admin;

	hpc_root = proc_mkdir("hpc", NULL);
	if (!hpc_root)
		return -ENOMEM;
	admin = proc_mkdir("admin", hpc_root);
	if (!admin)
		goto fail;
	if (!proc_create_single("version", 0444, admin, version_show))
		goto fail;
	if (!proc_create_single("mospe", 0444, admin, mospe_show))
		goto fail;
	return 0;
fail:
	proc_remove(hpc_root);
	hpc_root = NULL;
	return -ENOMEM;
}
