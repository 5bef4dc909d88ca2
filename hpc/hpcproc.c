// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: the /proc/hpc tree.
 *
 *   /proc/hpc/admin/version	openMosix version
 *   /proc/hpc/admin/mospe	this node's number (0: none yet)
 *   /proc/hpc/admin/...	the map, the key and the tunables (hpcadmin.c)
 *   /proc/hpc/nodes/ID/...	what this node knows of every node of the map
 *   /proc/hpc/decay/...	the caller's statistics (decay.c)
 */
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/errno.h>
#include <hpc/hpc.h>
#include <hpc/load.h>

/* Nodes beyond this many in a map get no /proc/hpc/nodes entry. */
#define HPC_PROC_MAX_NODES	1024

static struct proc_dir_entry *hpc_root;

enum node_file {
	NF_STATUS, NF_LOAD, NF_SPEED, NF_CPUS, NF_MEM, NF_RMEM, NF_TMEM,
	NF_UTIL, NF_MAX
};

static const char * const node_files[NF_MAX] = {
	[NF_STATUS] = "status", [NF_LOAD] = "load", [NF_SPEED] = "speed",
	[NF_CPUS] = "cpus", [NF_MEM] = "mem", [NF_RMEM] = "rmem",
	[NF_TMEM] = "tmem", [NF_UTIL] = "util",
};

static int node_file_show(struct seq_file *m, void *unused)
{
	unsigned long priv = (unsigned long)m->private;
	u16 node = priv >> 8;
	struct hpc_load_vec v;
	u64 val;

	hpc_info_node(node, &v);
	switch (priv & 0xff) {
	case NF_STATUS:
		val = v.status;
		break;
	case NF_LOAD:
		val = v.load;
		break;
	case NF_SPEED:
		val = v.speed;
		break;
	case NF_CPUS:
		val = v.cpus;
		break;
	case NF_MEM:
		val = v.mem;
		break;
	case NF_RMEM:
		val = v.rmem;
		break;
	case NF_TMEM:
		val = v.tmem;
		break;
	default:
		val = v.util;
		break;
	}
	seq_printf(m, "%llu\n", val);
	return 0;
}

/**
 * hpc_nodes_refresh() - rebuild /proc/hpc/nodes after the map changed
 */
void hpc_nodes_refresh(void)
{
	const struct hpc_map *map;
	struct proc_dir_entry *dir, *d;
	u16 nodes[64], n = 0;
	unsigned int i, f, done = 0;
	char name[8];

	if (!hpc_root)
		return;
	remove_proc_subtree("nodes", hpc_root);
	dir = proc_mkdir("nodes", hpc_root);
	if (!dir)
		return;
	/* The map is walked under RCU a batch at a time: proc may sleep. */
	do {
		unsigned int nr = 0;

		rcu_read_lock();
		map = hpc_map_get();
		while (map && nr < ARRAY_SIZE(nodes) &&
		       (n = hpc_map_next(map, n)))
			nodes[nr++] = n;
		rcu_read_unlock();
		for (i = 0; i < nr && done < HPC_PROC_MAX_NODES; i++, done++) {
			snprintf(name, sizeof(name), "%u", nodes[i]);
			d = proc_mkdir(name, dir);
			for (f = 0; d && f < NF_MAX; f++)
				proc_create_single_data(node_files[f], 0444, d,
							node_file_show,
							(void *)(unsigned long)
							(nodes[i] << 8 | f));
		}
		if (nr < ARRAY_SIZE(nodes))
			break;
	} while (done < HPC_PROC_MAX_NODES);
}

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
	if (hpc_admin_init(admin))
		goto fail;
	if (!proc_mkdir("nodes", hpc_root))
		goto fail;
	if (hpc_decay_init(hpc_root))
		goto fail;
	return 0;
fail:
	proc_remove(hpc_root);
	hpc_root = NULL;
	return -ENOMEM;
}
