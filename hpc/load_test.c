// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for load smoothing, normalisation, decay and gossip
 * (hpc/smooth.c, hpc/gossip.c).
 */
#include <kunit/test.h>
#include <linux/string.h>
#include <hpc/load.h>

static void load_rises_fast_and_falls_slowly(struct kunit *test)
{
	u32 l = 0;
	int s;

	/* One busy process: near 1000 within 3 seconds. */
	for (s = 0; s < 3; s++)
		l = hpc_load_smooth(l, 1000);
	KUNIT_EXPECT_GE(test, l, 950);
	KUNIT_EXPECT_LE(test, l, 1000);
	/* It stops: still visible after a second, gone after twenty. */
	l = hpc_load_smooth(l, 0);
	KUNIT_EXPECT_GE(test, l, 700);
	for (s = 0; s < 19; s++)
		l = hpc_load_smooth(l, 0);
	KUNIT_EXPECT_LE(test, l, 20);
	/* Steady input is a fixed point; it converges all the way. */
	for (s = 0, l = 0; s < 60; s++)
		l = hpc_load_smooth(l, 2000);
	KUNIT_EXPECT_EQ(test, l, 2000);
	for (s = 0; s < 200; s++)
		l = hpc_load_smooth(l, 0);
	KUNIT_EXPECT_EQ(test, l, 0);
}

static void load_normalises_by_speed_and_cpus(struct kunit *test)
{
	/* 1 CPU, 1 busy process, reference speed: one reference CPU. */
	KUNIT_EXPECT_EQ(test, hpc_load_normalise(1000, 10000, 1), 1000);
	/* 2 CPUs, 2 busy processes: the same. */
	KUNIT_EXPECT_EQ(test, hpc_load_normalise(2000, 10000, 2), 1000);
	/* Twice as fast: half the load. */
	KUNIT_EXPECT_EQ(test, hpc_load_normalise(1000, 20000, 1), 500);
	KUNIT_EXPECT_EQ(test, hpc_load_normalise(1000, 5000, 1), 2000);
	KUNIT_EXPECT_EQ(test, hpc_load_normalise(1000, 0, 1), U32_MAX);
	KUNIT_EXPECT_EQ(test, hpc_load_normalise(U32_MAX, 1, 1), U32_MAX);
	KUNIT_EXPECT_EQ(test, hpc_load_util(0, 2), 1000);
	KUNIT_EXPECT_EQ(test, hpc_load_util(1000, 2), 500);
	KUNIT_EXPECT_EQ(test, hpc_load_util(3000, 2), 0);
}

/*
 * Demand is the share of a CPU a task would use with one to itself: a
 * poller running 2% of the time stays near 20 however long it waits
 * behind busy processes; busy processes sharing a CPU each want it all;
 * one that stops falls back.
 */
static void demand_is_cpu_wanted(struct kunit *test)
{
	const u64 ms = 1000000;
	u32 d = 0, e = 0;
	int i;

	for (i = 0; i < 40; i++) {
		d = hpc_demand_sample(d, 5 * ms, 0, 250 * ms);
		e = hpc_demand_sample(e, 5 * ms, 200 * ms, 250 * ms);
	}
	KUNIT_EXPECT_GE(test, d, 17);
	KUNIT_EXPECT_LE(test, d, 20);
	KUNIT_EXPECT_GE(test, e, 96);
	KUNIT_EXPECT_LE(test, e, 100);
	/* Three busy processes on one CPU. */
	for (i = 0; i < 40; i++)
		d = hpc_demand_sample(d, 83 * ms, 167 * ms, 250 * ms);
	KUNIT_EXPECT_GE(test, d, 990);
	/* Waiting all along, or more than the window (clocks read a moment
	 * apart), is wanting all of it.
	 */
	KUNIT_EXPECT_EQ(test, hpc_demand_sample(1000, 0, 250 * ms, 250 * ms),
			1000);
	KUNIT_EXPECT_EQ(test, hpc_demand_sample(1000, 300 * ms, 0, 250 * ms),
			1000);
	/* Three quarters kept: one sample from 0 shows a quarter. */
	KUNIT_EXPECT_EQ(test, hpc_demand_sample(0, 250 * ms, 0, 250 * ms), 250);
	KUNIT_EXPECT_EQ(test, hpc_demand_sample(1000, 0, 0, 250 * ms), 750);
	KUNIT_EXPECT_EQ(test, hpc_demand_sample(400, 0, 0, 0), 400);
	/* A first window of days does not overflow. */
	KUNIT_EXPECT_EQ(test, hpc_demand_sample(0, 43200000 * ms, 0,
						86400000 * ms), 125);
}

/*
 * A task's first window, from its start to the next sample, weighs as
 * long as it was: a start 10 ms before a sample adds a hundredth of the
 * share, not a quarter. hpc_demand_left() says what is yet to show.
 */
static void demand_first_window_weighs_its_length(struct kunit *test)
{
	const u64 ms = 1000000;
	u32 d;

	KUNIT_EXPECT_EQ(test, hpc_demand_sample(0, 10 * ms, 0, 10 * ms), 10);
	KUNIT_EXPECT_EQ(test, hpc_demand_sample(0, 125 * ms, 0, 125 * ms),
			125);
	KUNIT_EXPECT_EQ(test, hpc_demand_sample(1000, 0, 0, 125 * ms), 875);
	/* A busy job: 50 ms, then three whole periods, shows 600. */
	d = hpc_demand_sample(0, 50 * ms, 0, 50 * ms);
	d = hpc_demand_sample(d, 250 * ms, 0, 250 * ms);
	d = hpc_demand_sample(d, 250 * ms, 0, 250 * ms);
	d = hpc_demand_sample(d, 250 * ms, 0, 250 * ms);
	KUNIT_EXPECT_GE(test, d, 598);
	KUNIT_EXPECT_LE(test, d, 600);
	KUNIT_EXPECT_EQ(test, hpc_demand_left(0), 1000);
	KUNIT_EXPECT_EQ(test, hpc_demand_left(125), 875);
	KUNIT_EXPECT_EQ(test, hpc_demand_left(250), 750);
	KUNIT_EXPECT_EQ(test, hpc_demand_left(800), 400);
	KUNIT_EXPECT_LE(test, hpc_demand_left(60000), 10);
}

static void load_decays(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, hpc_decay(1000, 975), 975);
	KUNIT_EXPECT_EQ(test, hpc_decay(1000, 926), 926);
	KUNIT_EXPECT_EQ(test, hpc_decay(U64_MAX, 500), U64_MAX / 2);
	KUNIT_EXPECT_EQ(test, hpc_decay(12345, 1000), 12345);
	KUNIT_EXPECT_EQ(test, hpc_decay(1, 999), 0);
	/* A process statistic: the past fades, the present adds. */
	KUNIT_EXPECT_EQ(test, hpc_stat_decay(1000, 50, 975), 1025);
	KUNIT_EXPECT_EQ(test, hpc_stat_decay(1000, 0, 1000), 1000);
	KUNIT_EXPECT_EQ(test, hpc_stat_decay(U64_MAX, 10, 1000), U64_MAX);
}

static void gossip_merges_newest_and_ages(struct kunit *test)
{
	struct hpc_load_vec v = { .node = 2, .load = 100, .age_ms = 500 };
	struct hpc_known k = {};

	KUNIT_EXPECT_TRUE(test, hpc_known_merge(&k, &v, 10000));
	KUNIT_EXPECT_EQ(test, k.stamp_ms, 9500);
	/* Older news is ignored, newer taken. */
	v.load = 200;
	v.age_ms = 900;
	KUNIT_EXPECT_FALSE(test, hpc_known_merge(&k, &v, 10100));
	KUNIT_EXPECT_EQ(test, k.vec.load, 100);
	v.age_ms = 0;
	KUNIT_EXPECT_TRUE(test, hpc_known_merge(&k, &v, 10100));
	KUNIT_EXPECT_EQ(test, k.vec.load, 200);
	/* Up while news is younger than down_after intervals. */
	KUNIT_EXPECT_TRUE(test, hpc_known_up(&k, 15100, 1000, 5));
	KUNIT_EXPECT_FALSE(test, hpc_known_up(&k, 15101, 1000, 5));
	k.stamp_ms = 0;
	KUNIT_EXPECT_FALSE(test, hpc_known_up(&k, 1, 1000, 5));
	/*
	 * A cluster small enough that each frame tells of all waits for a
	 * turn of direct news, and a late tick, before a node is down.
	 */
	KUNIT_EXPECT_EQ(test, hpc_down_intervals(5, 2), 5);
	KUNIT_EXPECT_EQ(test, hpc_down_intervals(5, 4), 5);
	KUNIT_EXPECT_EQ(test, hpc_down_intervals(5, 7), 8);
	KUNIT_EXPECT_EQ(test, hpc_down_intervals(10, 7), 10);
	KUNIT_EXPECT_EQ(test, hpc_down_intervals(5, HPC_INFO_WINDOW), 5);
	KUNIT_EXPECT_EQ(test, hpc_down_intervals(2, 999), 2);
}

static void gossip_picks_up_nodes_mostly(struct kunit *test)
{
	static const u16 up[] = { 2, 3 };
	static const u16 all[] = { 2, 3, 4, 5 };
	unsigned int hits[6] = {}, r;

	for (r = 0; r < 8000; r++)
		hits[hpc_pick_target(up, 2, all, 4, r * 2654435761u, r)]++;
	/* Up nodes get the most, down ones a little, nothing else. */
	KUNIT_EXPECT_GT(test, hits[2], 3000);
	KUNIT_EXPECT_GT(test, hits[3], 3000);
	KUNIT_EXPECT_GT(test, hits[4], 100);
	KUNIT_EXPECT_GT(test, hits[5], 100);
	KUNIT_EXPECT_EQ(test, hits[0] + hits[1], 0);
	/* None up: any node; none at all: 0. */
	KUNIT_EXPECT_NE(test, hpc_pick_target(up, 0, all, 4, 8, 0), 0);
	KUNIT_EXPECT_EQ(test, hpc_pick_target(up, 0, all, 0, 8, 0), 0);
	/* In turn: every up node within nr_up intervals, whatever the luck. */
	memset(hits, 0, sizeof(hits));
	for (r = 7; r < 9; r++)
		hits[hpc_pick_target(up, 2, all, 4, 1, r)]++;
	KUNIT_EXPECT_EQ(test, hits[2], 1);
	KUNIT_EXPECT_EQ(test, hits[3], 1);
	/* All up: no draw displaces a turn, even at rnd % 8 == 0. */
	memset(hits, 0, sizeof(hits));
	for (r = 7; r < 11; r++)
		hits[hpc_pick_target(up, 2, up, 2, 0, r)]++;
	KUNIT_EXPECT_EQ(test, hits[2], 2);
	KUNIT_EXPECT_EQ(test, hits[3], 2);
}

static struct kunit_case hpc_load_cases[] = {
	KUNIT_CASE(load_rises_fast_and_falls_slowly),
	KUNIT_CASE(load_normalises_by_speed_and_cpus),
	KUNIT_CASE(demand_is_cpu_wanted),
	KUNIT_CASE(demand_first_window_weighs_its_length),
	KUNIT_CASE(load_decays),
	KUNIT_CASE(gossip_merges_newest_and_ages),
	KUNIT_CASE(gossip_picks_up_nodes_mostly),
	{}
};

static struct kunit_suite hpc_load_suite = {
	.name = "hpc_load",
	.test_cases = hpc_load_cases,
};

kunit_test_suite(hpc_load_suite);

MODULE_DESCRIPTION("KUnit tests for openMosix load and gossip");
MODULE_LICENSE("GPL");
