// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: this node's load.
 *
 * The load is the number of processes that want a CPU: the sum of the
 * demand the balancer samples for each user task four times a second
 * (hpc/balancer.c), so that kernel threads, and the noise they make on a
 * busy or virtual machine, do not count. The run-queue length of the
 * whole node, sampled every 40 ms, averaged each second and smoothed
 * (hpc_load_smooth(): up fast, down slowly), gives its unused capacity.
 * The load vector adds the node's speed and CPUs (the load is normalised
 * by both) and its memory.
 */
#include <linux/hrtimer.h>
#include <linux/sched/stat.h>
#include <linux/cpumask.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <hpc/hpc.h>
#include <hpc/load.h>

#define SAMPLE_NS	(40 * NSEC_PER_MSEC)
#define SAMPLES		25		/* one second */

static struct hrtimer hpc_sampler;
static unsigned long hpc_rq_sum;
static unsigned int hpc_rq_samples;
static u32 hpc_rq_smooth;		/* milli-processes */
static u32 hpc_demand;			/* milli-processes wanting a CPU */
static u32 hpc_served;			/* ms: hpc_bal_served() */

static enum hrtimer_restart hpc_sample(struct hrtimer *t)
{
	hpc_rq_sum += nr_running();
	if (++hpc_rq_samples == SAMPLES) {
		u32 avg = hpc_rq_sum * 1000 / SAMPLES;

		WRITE_ONCE(hpc_rq_smooth, hpc_load_smooth(hpc_rq_smooth, avg));
		hpc_rq_sum = 0;
		hpc_rq_samples = 0;
	}
	hrtimer_forward_now(t, ns_to_ktime(SAMPLE_NS));
	return HRTIMER_RESTART;
}

/**
 * hpc_load_own() - this node's load vector, as it would be sent now
 * @v: filled in; age 0
 */
void hpc_load_own(struct hpc_load_vec *v)
{
	u32 rq = READ_ONCE(hpc_rq_smooth);
	u32 speed = READ_ONCE(hpc_tun.speed);
	u32 cpus = num_online_cpus();
	long avail = si_mem_available();

	memset(v, 0, sizeof(*v));
	v->node = hpc_this_node();
	v->cpus = cpus;
	v->speed = speed;
	v->load = hpc_load_normalise(READ_ONCE(hpc_demand), speed, cpus);
	v->util = hpc_load_util(rq, cpus);
	v->tmem = (u64)totalram_pages() << PAGE_SHIFT;
	v->mem = min_t(u64, (u64)max(avail, 0L) << PAGE_SHIFT, v->tmem);
	v->rmem = min_t(u64, (u64)global_zone_page_state(NR_FREE_PAGES)
			<< PAGE_SHIFT, v->tmem);
	v->status = HPC_NODE_CONF | HPC_NODE_UP;
	v->served_ms = READ_ONCE(hpc_served);
	if (READ_ONCE(hpc_tun.block))
		v->status |= HPC_NODE_BLOCK;
	if (READ_ONCE(hpc_tun.stay))
		v->status |= HPC_NODE_STAY;
	if (READ_ONCE(hpc_tun.lstay))
		v->status |= HPC_NODE_LSTAY;
	if (READ_ONCE(hpc_tun.quiet))
		v->status |= HPC_NODE_QUIET;
}

/**
 * hpc_load_demand() - the balancer's sample of this node's user tasks
 * @sum: their demand: thousandths of a process wanting a CPU
 * @served: the CPU ms of the least served busy one (hpc_bal_served())
 */
void hpc_load_demand(u32 sum, u32 served)
{
	WRITE_ONCE(hpc_demand, sum);
	WRITE_ONCE(hpc_served, served);
}

void __init hpc_load_init(void)
{
	hrtimer_init(&hpc_sampler, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	hpc_sampler.function = hpc_sample;
	hrtimer_start(&hpc_sampler, ns_to_ktime(SAMPLE_NS), HRTIMER_MODE_REL);
}
