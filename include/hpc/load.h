/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openMosix: load arithmetic, decay and the gossip of load vectors.
 *
 * Pure functions over plain values (hpc/smooth.c, hpc/gossip.c), shared
 * by the kernel, KUnit and the userspace simulator.
 */
#ifndef _HPC_LOAD_H
#define _HPC_LOAD_H

#include <hpc/pure.h>
#include <hpc/wire.h>

#define HPC_SPEED_REF		10000	/* speed of the reference CPU */
#define HPC_LOAD_RISE		700	/* per mille of a rise taken each second */
#define HPC_LOAD_FALL		200	/* per mille of a fall taken each second */
#define HPC_DEMAND_SAMPLE_MS	250	/* a task's demand is sampled this often */

/* Node status bits (/proc/hpc/nodes/ID/status) */
#define HPC_NODE_CONF		0x01	/* in the map */
#define HPC_NODE_UP		0x02	/* heard from recently */
#define HPC_NODE_BLOCK		0x04	/* takes no guests */
#define HPC_NODE_STAY		0x08	/* sends no process away */
#define HPC_NODE_LSTAY		0x10	/* keeps its own processes */
#define HPC_NODE_QUIET		0x20	/* sends no load information */

u32 hpc_load_smooth(u32 prev, u32 sample);
u32 hpc_load_normalise(u32 rq_milli, u32 speed, u32 cpus);
u32 hpc_load_util(u32 rq_milli, u32 cpus);
u32 hpc_demand_sample(u32 prev, u64 run_ns, u64 wait_ns, u64 window_ns);
u32 hpc_demand_left(u32 ms);
u64 hpc_decay(u64 value, u32 keep_per_mille);
u64 hpc_stat_decay(u64 stat, u64 delta, u32 keep_per_mille);

/* What a node knows of another: the newest vector and when it was true. */
struct hpc_known {
	struct hpc_load_vec vec;
	u64 stamp_ms;		/* when the vector was current, local clock */
};

bool hpc_known_merge(struct hpc_known *k, const struct hpc_load_vec *v,
		     u64 now_ms);
bool hpc_known_up(const struct hpc_known *k, u64 now_ms, u32 interval_ms,
		  u32 down_after);
u32 hpc_down_intervals(u32 down_after, unsigned int others);
u16 hpc_pick_target(const u16 *up, unsigned int nr_up, const u16 *all,
		    unsigned int nr_all, u32 rnd, u32 turn);

#endif /* _HPC_LOAD_H */
