// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: what a node knows of the others, and whom it tells.
 *
 * Pure logic of the info daemon (info.c): merging received vectors by
 * their age, deciding that a node is down when all news of it is too old,
 * and choosing the one node to send to each interval.
 */
#include <hpc/load.h>

/**
 * hpc_known_merge() - take a received vector if it is newer
 * @k: what is known of the vector's node
 * @v: the vector received, with the age it had when sent
 * @now_ms: the local clock
 *
 * Return: true when @k was updated.
 */
bool hpc_known_merge(struct hpc_known *k, const struct hpc_load_vec *v,
		     u64 now_ms)
{
	u64 stamp = now_ms > v->age_ms ? now_ms - v->age_ms : 0;

	if (k->stamp_ms && stamp <= k->stamp_ms)
		return false;
	k->vec = *v;
	k->vec.age_ms = 0;
	k->stamp_ms = stamp;
	return true;
}

/**
 * hpc_known_up() - is a node up, by the age of the newest news of it
 * @k: what is known of it
 * @now_ms: the local clock
 * @interval_ms: the info interval
 * @down_after: intervals of silence after which it is down
 */
bool hpc_known_up(const struct hpc_known *k, u64 now_ms, u32 interval_ms,
		  u32 down_after)
{
	if (!k->stamp_ms)
		return false;
	return now_ms - k->stamp_ms <= (u64)interval_ms * down_after;
}

/**
 * hpc_down_intervals() - intervals of silence after which a node is down
 * @down_after: the tunable
 * @others: the other nodes of the map
 *
 * While all are up, each node sends to every other in turn
 * (hpc_pick_target()), so each hears from every other directly at least
 * every @others intervals; relays bring news sooner, but not surely. In
 * a cluster whose every frame carries news of all nodes (fewer others
 * than HPC_INFO_WINDOW), a node is down only after that, and an interval
 * more for a late tick, if @down_after is less. A larger cluster learns
 * of most nodes by relays alone: @down_after as set.
 *
 * Return: the intervals.
 */
u32 hpc_down_intervals(u32 down_after, unsigned int others)
{
	if (others < HPC_INFO_WINDOW && down_after < others + 1)
		return others + 1;
	return down_after;
}

/**
 * hpc_pick_target() - the node to send this interval's vector to
 * @up: nodes believed up, this node excluded
 * @nr_up: how many
 * @all: every node of the map, this node excluded
 * @nr_all: how many
 * @rnd: a random number
 * @turn: this node's interval count (started at random)
 *
 * The up nodes in turn, so that each hears from this one directly at
 * least every @nr_up intervals. While every node of the map is up that is
 * all, and none is ever shown down by the luck of a draw: a small
 * cluster waits that long (hpc_down_intervals()). While some are not up,
 * one time in eight (or always, when none is up) any node of the map at
 * random instead, so that a node coming back is found.
 *
 * Return: the node, or 0 when there is none.
 */
u16 hpc_pick_target(const u16 *up, unsigned int nr_up, const u16 *all,
		    unsigned int nr_all, u32 rnd, u32 turn)
{
	if (nr_up && (nr_up == nr_all || (rnd & 7)))
		return up[turn % nr_up];
	if (nr_all)
		return all[(rnd >> 3) % nr_all];
	return 0;
}
