// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: /proc/hpc/admin, the node's policy and tunables.
 *
 * Every tunable is one line of admin_table: its file name, where it
 * lives and the values it takes. A write is root-only and must be one
 * decimal number in range (a newline may follow); anything else gets
 * EINVAL and changes nothing.
 *
 * The node map (config) and the cluster key (key) have files of their
 * own below the table.
 */
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <linux/capability.h>
#include <linux/kstrtox.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <hpc/hpc.h>
#include <hpc/auth.h>
#include <hpc/comm.h>
#include <hpc/mig.h>

struct hpc_tunables hpc_tun = {
	.speed		= 10000,
	.decay_interval	= 1,
	.slow_decay	= 975,
	.fast_decay	= 926,
	.info_interval	= 1000,
	.down_after	= 5,
	.balance_interval = 1000,
	.mem_low	= 100,
	.balance	= 1,
};

struct admin_def {
	const char *name;
	unsigned int *val;
	unsigned int min, max;
};

static const struct admin_def admin_table[] = {
	{ "block",		&hpc_tun.block,		 0, 1 },
	{ "stay",		&hpc_tun.stay,		 0, 1 },
	{ "lstay",		&hpc_tun.lstay,		 0, 1 },
	{ "quiet",		&hpc_tun.quiet,		 0, 1 },
	{ "speed",		&hpc_tun.speed,		 1, 1000000 },
	{ "decay-interval",	&hpc_tun.decay_interval, 1, 3600 },
	{ "slow-decay",		&hpc_tun.slow_decay,	 1, 999 },
	{ "fast-decay",		&hpc_tun.fast_decay,	 1, 999 },
	{ "info-interval",	&hpc_tun.info_interval,	 100, 60000 },
	{ "down-after",		&hpc_tun.down_after,	 2, 1000 },
	{ "balance-interval",	&hpc_tun.balance_interval, 200, 60000 },
	{ "mem-low",		&hpc_tun.mem_low,	 0, 900 },
	{ "balance",		&hpc_tun.balance,	 0, 1 },
};

static int tunable_show(struct seq_file *m, void *v)
{
	const struct admin_def *d = m->private;

	seq_printf(m, "%u\n", READ_ONCE(*d->val));
	return 0;
}

static int tunable_open(struct inode *inode, struct file *file)
{
	return single_open(file, tunable_show, pde_data(inode));
}

static ssize_t tunable_write(struct file *file, const char __user *buf,
			     size_t count, loff_t *ppos)
{
	const struct admin_def *d = pde_data(file_inode(file));
	unsigned int v;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (*ppos || !count || count > 16)
		return -EINVAL;
	if (kstrtouint_from_user(buf, count, 10, &v) || v < d->min || v > d->max)
		return -EINVAL;
	WRITE_ONCE(*d->val, v);
	return count;
}

static const struct proc_ops tunable_ops = {
	.proc_open	= tunable_open,
	.proc_read	= seq_read,
	.proc_lseek	= seq_lseek,
	.proc_release	= single_release,
	.proc_write	= tunable_write,
};

/* config: the node map, read back as loaded */
static int config_show(struct seq_file *m, void *v)
{
	const struct hpc_map *map;
	char *buf;
	int len;

	buf = kvmalloc(HPC_MAP_MAX_RANGES * 32, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	rcu_read_lock();
	map = hpc_map_get();
	len = map ? hpc_map_format(map, buf, HPC_MAP_MAX_RANGES * 32) : 0;
	rcu_read_unlock();
	seq_write(m, buf, len);
	kvfree(buf);
	return 0;
}

static int config_open(struct inode *inode, struct file *file)
{
	return single_open_size(file, config_show, NULL,
				HPC_MAP_MAX_RANGES * 32);
}

static ssize_t config_write(struct file *file, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	char *text;
	int err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	/* The whole map in one write: a part of a map is no map. */
	if (*ppos || !count || count > HPC_MAP_MAX_TEXT)
		return -EINVAL;
	text = memdup_user(ubuf, count);
	if (IS_ERR(text))
		return PTR_ERR(text);
	err = hpc_config_load(text, count);
	kfree(text);
	return err ? err : count;
}

static const struct proc_ops config_ops = {
	.proc_open	= config_open,
	.proc_read	= seq_read,
	.proc_lseek	= seq_lseek,
	.proc_release	= single_release,
	.proc_write	= config_write,
};

/*
 * key: the cluster key, write-only: the 32 bytes themselves (the form of
 * /etc/openmosix.key) or 64 hex digits, a newline allowed after them.
 */
static ssize_t key_write(struct file *file, const char __user *ubuf,
			 size_t count, loff_t *ppos)
{
	char text[HPC_KEY_SIZE * 2 + 1];
	u8 key[HPC_KEY_SIZE];
	int err = -EINVAL;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (*ppos || count > sizeof(text))
		return -EINVAL;
	if (copy_from_user(text, ubuf, count))
		return -EFAULT;
	if (count == HPC_KEY_SIZE) {
		memcpy(key, text, HPC_KEY_SIZE);
		err = 0;
	} else if (count == HPC_KEY_SIZE * 2 ||
		   (count == HPC_KEY_SIZE * 2 + 1 && text[count - 1] == '\n')) {
		err = hex2bin(key, text, HPC_KEY_SIZE) ? -EINVAL : 0;
	}
	if (!err)
		err = hpc_key_set(key);
	memzero_explicit(key, sizeof(key));
	memzero_explicit(text, sizeof(text));
	return err ? err : count;
}

/* bring, expel: write 1; the write returns when every process moved */
static ssize_t move_write(struct file *file, const char __user *buf,
			  size_t count, loff_t *ppos)
{
	bool bring = pde_data(file_inode(file));
	unsigned int v;
	int err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (*ppos || !count || count > 16 ||
	    kstrtouint_from_user(buf, count, 10, &v) || v != 1)
		return -EINVAL;
	err = bring ? hpc_bring_all() : hpc_expel_all();
	return err ? err : count;
}

static const struct proc_ops move_ops = {
	.proc_write	= move_write,
	.proc_lseek	= noop_llseek,
};

static const struct proc_ops key_ops = {
	.proc_write	= key_write,
	.proc_lseek	= noop_llseek,
};

/* keyid: a fingerprint of the key in force, to compare nodes */
static int keyid_show(struct seq_file *m, void *v)
{
	u8 id[8];

	if (hpc_key_id(id))
		seq_puts(m, "none\n");
	else
		seq_printf(m, "%8phN\n", id);
	return 0;
}

/* traffic: frames and bytes over the links since boot */
static int traffic_show(struct seq_file *m, void *v)
{
	hpc_comm_show(m);
	return 0;
}

int __init hpc_admin_init(struct proc_dir_entry *admin)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(admin_table); i++)
		if (!proc_create_data(admin_table[i].name, 0644, admin,
				      &tunable_ops, (void *)&admin_table[i]))
			return -ENOMEM;
	if (!proc_create("config", 0644, admin, &config_ops) ||
	    !proc_create("key", 0200, admin, &key_ops) ||
	    !proc_create_single("keyid", 0444, admin, keyid_show) ||
	    !proc_create_single("traffic", 0444, admin, traffic_show) ||
	    !proc_create_data("bring", 0200, admin, &move_ops, (void *)1) ||
	    !proc_create_data("expel", 0200, admin, &move_ops, NULL))
		return -ENOMEM;
	return 0;
}
