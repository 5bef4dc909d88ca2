// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: the forced-migration mode, a debug setting.
 *
 * A process put in it (/proc/hpc/debug/chaos) is sent to another node,
 * chosen at random among the up nodes of the map (home among them), at
 * random system calls: at one call in HPC_CHAOS_ONE_IN, once it has been
 * where it is for the node's gap (HPC_CHAOS_GAP_MS unless set). It moves
 * when the call returns, or, if the call blocks, when it is interrupted
 * as a signal would interrupt it. The mode is inherited by its children
 * and travels with it.
 *
 * A program must behave under it exactly as without it: the test suite
 * runs its programs, busybox and selftests of the base tree both ways.
 * A process that cannot move (threads, a lock...) is left alone.
 */
#include <linux/sched.h>
#include <linux/random.h>
#include <linux/jiffies.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>
#include <hpc/hooks.h>
#include <hpc/hpc.h>
#include <hpc/map.h>
#include <hpc/mig.h>

#define HPC_CHAOS_ONE_IN	4
#define HPC_CHAOS_GAP_MS	50
#define HPC_CHAOS_GAP_MAX_MS	60000

static atomic_long_t chaos_asked, chaos_marked;
static unsigned int chaos_gap_ms = HPC_CHAOS_GAP_MS;

/*
 * A random up node among the first 16 of the map other than this one, or
 * 0: enough for a test cluster, and no allocation on the way in.
 */
static int pick_node(void)
{
	u16 self = hpc_this_node(), node = 0, seen = 0, i, pick;
	const struct hpc_map *map;
	u16 cand[16];

	rcu_read_lock();
	map = hpc_map_get();
	if (map)
		node = hpc_map_next(map, 0);
	for (; node && seen < ARRAY_SIZE(cand); node = hpc_map_next(map, node))
		if (node != self)
			cand[seen++] = node;
	rcu_read_unlock();
	for (i = 0; i < seen; i++) {
		pick = cand[get_random_u32_below(seen)];
		if (!hpc_node_usable(pick))
			return pick;
	}
	return 0;
}

/**
 * hpc_chaos_syscall() - a system call of a process in the mode
 *
 * Called on the way in; the move, if one is asked, happens on the way out.
 */
void hpc_chaos_syscall(void)
{
	struct task_struct *t = current;
	unsigned long gap = msecs_to_jiffies(READ_ONCE(chaos_gap_ms));
	int node;

	if (READ_ONCE(t->hpc.want) ||
	    time_before(jiffies, READ_ONCE(t->hpc.arrived) + gap) ||
	    get_random_u32_below(HPC_CHAOS_ONE_IN) ||
	    test_bit(HPC_ST_DEPUTY, &t->hpc.state) || hpc_cantmove(t))
		return;
	node = pick_node();
	if (!node)
		return;
	/* A guest is sent home as node 0. */
	if (test_bit(HPC_ST_REMOTE, &t->hpc.state) && t->hpc.proc &&
	    node == t->hpc.proc->home)
		node = 0;
	/*
	 * The gap counts from this request too, so that a refused move is
	 * not asked again at the next call. That borrows the balancer's
	 * "arrived" stamp: a process in the mode looks newly arrived to its
	 * node's admission for a second, which only a debug kernel sees.
	 */
	WRITE_ONCE(t->hpc.arrived, jiffies);
	if (!hpc_mig_request(t, node))
		atomic_long_inc(&chaos_asked);
}

/**
 * hpc_chaos_mark() - put a process of this node in the mode
 * @t: the process
 *
 * Return: 0, or -EBUSY for one that runs elsewhere or is a guest here.
 */
int hpc_chaos_mark(struct task_struct *t)
{
	if (t->hpc.state & (BIT(HPC_ST_DEPUTY) | BIT(HPC_ST_REMOTE)))
		return -EBUSY;
	static_branch_enable(&hpc_syscall_key);
	set_bit(HPC_ST_CHAOS, &t->hpc.state);
	atomic_long_inc(&chaos_marked);
	return 0;
}

/**
 * hpc_chaos_set_gap() - the least time a process spends on this node
 * @ms: milliseconds, 1 to HPC_CHAOS_GAP_MAX_MS
 *
 * A longer gap spreads fewer moves over a run: a test of a long program
 * chooses how many moves it pays for, not where they fall.
 *
 * Return: 0, or -EINVAL out of range.
 */
int hpc_chaos_set_gap(unsigned int ms)
{
	if (!ms || ms > HPC_CHAOS_GAP_MAX_MS)
		return -EINVAL;
	WRITE_ONCE(chaos_gap_ms, ms);
	return 0;
}

/**
 * hpc_chaos_show() - the mode's counters, for /proc/hpc/debug/chaos
 * @m: where to print them
 */
void hpc_chaos_show(struct seq_file *m)
{
	seq_printf(m, "marked %ld\nasked %ld\ngap %u\n",
		   atomic_long_read(&chaos_marked),
		   atomic_long_read(&chaos_asked), READ_ONCE(chaos_gap_ms));
}
