// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: load arithmetic and decay.
 *
 * Pure logic. Loads are kept in thousandths of a runnable process
 * ("milli") until normalised; a normalised load is in thousandths of one
 * reference CPU, so that 1000 means "one reference CPU's worth of work".
 */
#include <hpc/load.h>

/**
 * hpc_load_smooth() - one second of smoothing
 * @prev: the smoothed run-queue length so far (milli)
 * @sample: this second's average run-queue length (milli)
 *
 * A rise is taken quickly (HPC_LOAD_RISE per mille of the gap each
 * second), a fall slowly (HPC_LOAD_FALL), so that a node that just got
 * busy stops attracting work at once while a short lull does not make it
 * look idle.
 *
 * Return: the new smoothed value.
 */
u32 hpc_load_smooth(u32 prev, u32 sample)
{
	u64 gap;

	if (sample >= prev) {
		gap = sample - prev;
		return prev + (u32)((gap * HPC_LOAD_RISE + 999) / 1000);
	}
	gap = prev - sample;
	return prev - (u32)((gap * HPC_LOAD_FALL + 999) / 1000);
}

/**
 * hpc_demand_sample() - one sample of how much of a CPU a task wants
 * @prev: its demand so far (per mille)
 * @run_ns: the time it ran since the last sample
 * @wait_ns: the time it waited for a CPU since the last sample
 * @window_ns: the time since the last sample (or since it began, if
 *	       later)
 *
 * The share of a CPU it would use if it had one to itself: the time it
 * ran, over the time it did not spend waiting for one. Busy processes
 * sharing a CPU each want all of it; a task that wakes often for a moment
 * (a poller, a shell loop) wants what it uses, however long it waits
 * behind them and however its wake-ups line up with the samples. A
 * quarter of the new share is taken each sample, so a task sampled k
 * times since it began shows (1 - (3/4)^k) of it.
 *
 * A task's first window, from its start to the next sample, is shorter
 * than HPC_DEMAND_SAMPLE_MS and is taken in proportion: it is mostly the
 * start (fork, exec, the first page faults), which on its own would make
 * a command that then sleeps look busy. So a task sampled from 0 for k
 * whole sample periods and a fraction f of one shows
 * (1 - (1 - f / 4) (3/4)^k) of its share (hpc_demand_left()).
 *
 * Return: the new demand, per mille of one CPU.
 */
u32 hpc_demand_sample(u32 prev, u64 run_ns, u64 wait_ns, u64 window_ns)
{
	const u64 full = HPC_DEMAND_SAMPLE_MS * 1000000ULL;
	u64 share = 1000;

	if (!window_ns)
		return prev;
	if (wait_ns < window_ns && run_ns < window_ns - wait_ns)
		share = run_ns * 1000 / (window_ns - wait_ns);
	prev = min(prev, 1000U);
	if (window_ns >= full)
		return (u32)((3 * (u64)prev + share) / 4);
	return (u32)((prev * (4 * full - window_ns) + share * window_ns) /
		     (4 * full));
}

/**
 * hpc_demand_left() - what a demand sampled from 0 has yet to show
 * @ms: how long the task has been sampled (since it began or arrived)
 *
 * Return: per mille of its share that a demand sampled by
 * hpc_demand_sample() from 0 for @ms does not show yet: 1000 at 0, 750
 * after one sample, 421 after three.
 */
u32 hpc_demand_left(u32 ms)
{
	u32 k = ms / HPC_DEMAND_SAMPLE_MS, left = 1000;

	while (k-- && left > 10)
		left = left * 3 / 4;
	ms %= HPC_DEMAND_SAMPLE_MS;
	return left - left * ms / (4 * HPC_DEMAND_SAMPLE_MS);
}

/**
 * hpc_load_normalise() - load in thousandths of a reference CPU
 * @rq_milli: smoothed run-queue length (milli)
 * @speed: the node's speed, HPC_SPEED_REF for the reference CPU
 * @cpus: the node's CPUs
 *
 * A 2-CPU node running 2 busy processes shows the load of a 1-CPU node
 * running 1; a node twice as fast shows half.
 *
 * Return: the normalised load, saturated at U32_MAX.
 */
u32 hpc_load_normalise(u32 rq_milli, u32 speed, u32 cpus)
{
	u64 v;

	if (!speed || !cpus)
		return 0xffffffffu;
	v = (u64)rq_milli * HPC_SPEED_REF / ((u64)speed * cpus);
	return v > 0xffffffffu ? 0xffffffffu : (u32)v;
}

/**
 * hpc_load_util() - share of the node's CPUs left unused, per mille
 * @rq_milli: smoothed run-queue length (milli)
 * @cpus: the node's CPUs
 */
u32 hpc_load_util(u32 rq_milli, u32 cpus)
{
	u64 cap = (u64)cpus * 1000;

	if (!cpus || rq_milli >= cap)
		return 0;
	return (u32)((cap - rq_milli) * 1000 / cap);
}

/**
 * hpc_decay() - age a statistic by one decay-interval
 * @value: the statistic
 * @keep_per_mille: what is kept (slow-decay or fast-decay)
 */
u64 hpc_decay(u64 value, u32 keep_per_mille)
{
	if (keep_per_mille >= 1000)
		return value;
	return value / 1000 * keep_per_mille +
	       value % 1000 * keep_per_mille / 1000;
}

/**
 * hpc_stat_decay() - one decay-interval of a process statistic
 * @stat: the statistic so far
 * @delta: what the process added during the interval
 * @keep_per_mille: what is kept of the past
 *
 * Return: the aged statistic plus the new part, saturated.
 */
u64 hpc_stat_decay(u64 stat, u64 delta, u32 keep_per_mille)
{
	u64 old = hpc_decay(stat, keep_per_mille);

	return old + delta < old ? ~0ULL : old + delta;
}
