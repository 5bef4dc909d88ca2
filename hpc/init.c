// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: start-up of the cluster subsystem.
 */
#include <linux/init.h>
#include <linux/printk.h>
#include <hpc/hpc.h>
#include <hpc/auth.h>
#include <hpc/comm.h>

static int __init hpc_init(void)
{
	int err;

	err = hpc_proc_init();
	if (err) {
		pr_err("hpc: cannot create /proc/hpc: %d\n", err);
		return err;
	}
	err = hpc_debug_init();
	if (err)
		pr_warn("hpc: debug interface unavailable: %d\n", err);
	hpc_load_init();
	hpc_tag_pick();
	err = hpc_comm_init();
	if (err)
		pr_err("hpc: cannot listen on port %u: %d\n", HPC_PORT, err);
	err = hpc_info_init();
	if (err)
		pr_err("hpc: cannot start the info daemon: %d\n", err);
	err = hpc_balancer_init();
	if (err)
		pr_err("hpc: cannot start the balancer: %d\n", err);

	if (hpc_this_node())
		pr_info("hpc: openMosix %s, node %u\n", HPC_VERSION,
			hpc_this_node());
	else
		pr_info("hpc: openMosix %s, no node number yet\n", HPC_VERSION);
	return 0;
}
late_initcall(hpc_init);
