// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: this node's identity and the node map in force.
 *
 * Before a map is loaded a node takes its number from the command line
 * (hpc.node=N). Writing /proc/hpc/admin/config loads a map (see
 * include/hpc/map.h for its form): it is parsed and checked whole, must
 * hold one of this node's addresses, and replaces the map in force at
 * once; on any error the old map stays. Writing "off" leaves the
 * cluster. Readers take the map under RCU.
 */
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/kstrtox.h>
#include <linux/errno.h>
#include <linux/sysfs.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/uaccess.h>
#include <linux/inetdevice.h>
#include <linux/netdevice.h>
#include <net/net_namespace.h>
#include <hpc/hpc.h>
#include <hpc/comm.h>

#undef MODULE_PARAM_PREFIX
#define MODULE_PARAM_PREFIX "hpc."

static u16 hpc_boot_node;

struct hpc_config {
	struct rcu_head rcu;
	u16 self;		/* this node's number in the map */
	struct hpc_map map;
};

static struct hpc_config __rcu *hpc_config;
static DEFINE_MUTEX(hpc_config_lock);

/**
 * hpc_parse_node() - parse a node number
 * @s: decimal text, optionally followed by one newline
 * @node: where the number goes on success
 *
 * Return: 0, or -EINVAL for anything but a number in 1..HPC_MAX_NODE.
 * @node is left untouched on error.
 */
int hpc_parse_node(const char *s, u16 *node)
{
	unsigned int v;

	if (!s || *s < '0' || *s > '9')
		return -EINVAL;
	if (kstrtouint(s, 10, &v) || v < 1 || v > HPC_MAX_NODE)
		return -EINVAL;
	*node = v;
	return 0;
}

static int hpc_node_param_set(const char *val, const struct kernel_param *kp)
{
	u16 node;

	if (hpc_parse_node(val, &node)) {
		pr_err("hpc: ignoring invalid hpc.node=%s (want 1..%u)\n",
		       val ? val : "", HPC_MAX_NODE);
		return -EINVAL;
	}
	*(u16 *)kp->arg = node;
	return 0;
}

static int hpc_node_param_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%u\n", *(u16 *)kp->arg);
}

static const struct kernel_param_ops hpc_node_param_ops = {
	.set = hpc_node_param_set,
	.get = hpc_node_param_get,
};

module_param_cb(node, &hpc_node_param_ops, &hpc_boot_node, 0444);
MODULE_PARM_DESC(node, "This node's number (1..65535) until a map is loaded");

/**
 * hpc_this_node() - this node's number
 *
 * Return: the number the map in force gives this node, else the one from
 * the command line, else 0.
 */
u16 hpc_this_node(void)
{
	struct hpc_config *c;
	u16 node;

	rcu_read_lock();
	c = rcu_dereference(hpc_config);
	node = c ? c->self : READ_ONCE(hpc_boot_node);
	rcu_read_unlock();
	return node;
}

/**
 * hpc_map_get() - the map in force, under rcu_read_lock()
 *
 * Return: the map, or NULL when none is loaded.
 */
const struct hpc_map *hpc_map_get(void)
{
	struct hpc_config *c = rcu_dereference(hpc_config);

	return c ? &c->map : NULL;
}

/* The node number one of this host's IPv4 addresses has in @map. */
static u16 find_self(const struct hpc_map *map)
{
	struct net_device *dev;
	u16 node = 0;

	rcu_read_lock();
	for_each_netdev_rcu(&init_net, dev) {
		struct in_device *in_dev = __in_dev_get_rcu(dev);
		const struct in_ifaddr *ifa;

		if (!in_dev)
			continue;
		in_dev_for_each_ifa_rcu(ifa, in_dev) {
			node = hpc_map_node(map, ntohl(ifa->ifa_local));
			if (node)
				goto out;
		}
	}
out:
	rcu_read_unlock();
	return node;
}

static void hpc_config_publish(struct hpc_config *new)
{
	struct hpc_config *old;

	old = rcu_replace_pointer(hpc_config, new,
				  lockdep_is_held(&hpc_config_lock));
	if (old)
		kfree_rcu(old, rcu);
	/* Links and news belong to the old map: start afresh. */
	hpc_comm_close_all();
	hpc_info_forget();
	hpc_nodes_refresh();
}

/**
 * hpc_config_load() - check a map text and put it in force
 * @text: the text, as written to /proc/hpc/admin/config
 * @len: its length
 *
 * Return: 0, or -EINVAL with the map in force untouched.
 */
int hpc_config_load(const char *text, size_t len)
{
	struct hpc_config *c;
	unsigned int line;
	int err;

	if (len == 4 && !memcmp(text, "off\n", 4)) {
		mutex_lock(&hpc_config_lock);
		hpc_config_publish(NULL);
		mutex_unlock(&hpc_config_lock);
		pr_info("hpc: node map unloaded; this node left the cluster\n");
		return 0;
	}
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	err = hpc_map_parse(text, len, &c->map, &line);
	if (err) {
		pr_info_ratelimited("hpc: map refused, line %u: %s\n", line,
				    hpc_map_strerror(err));
		kfree(c);
		return -EINVAL;
	}
	c->self = find_self(&c->map);
	if (!c->self) {
		pr_info_ratelimited("hpc: map refused: none of this node's addresses is in it\n");
		kfree(c);
		return -EINVAL;
	}
	mutex_lock(&hpc_config_lock);
	hpc_config_publish(c);
	mutex_unlock(&hpc_config_lock);
	pr_info("hpc: node map loaded: %u nodes, this is node %u\n",
		hpc_map_nodes(&c->map), c->self);
	return 0;
}
