// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: this node's identity.
 *
 * Until a node map is loaded, a node learns its number from the kernel
 * command line: hpc.node=N, with 1 <= N <= 65535.
 */
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/kstrtox.h>
#include <linux/errno.h>
#include <linux/sysfs.h>
#include <hpc/hpc.h>

#undef MODULE_PARAM_PREFIX
#define MODULE_PARAM_PREFIX "hpc."

static u16 hpc_boot_node;

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
 * Return: the node number, or 0 when the node has none.
 */
u16 hpc_this_node(void)
{
	return READ_ONCE(hpc_boot_node);
}
