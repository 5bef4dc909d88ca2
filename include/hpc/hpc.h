/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openMosix: interfaces shared between the files of hpc/.
 */
#ifndef _HPC_HPC_H
#define _HPC_HPC_H

#include <linux/types.h>

#define HPC_VERSION		"0.1.0"

/* Node numbers are 1..HPC_MAX_NODE; 0 means "no number yet". */
#define HPC_MAX_NODE		65535U

int hpc_parse_node(const char *s, u16 *node);
u16 hpc_this_node(void);

int hpc_proc_init(void);
struct proc_dir_entry *hpc_proc_root(void);

#ifdef CONFIG_HPC_DEBUG
int hpc_debug_init(void);
#else
static inline int hpc_debug_init(void)
{
	return 0;
}
#endif

#endif /* _HPC_HPC_H */
