// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the balancer's decisions (hpc/balance.c), on crafted
 * load windows.
 */
#include <kunit/test.h>
#include <hpc/balance.h>

#define MB		(1024ull * 1024)
#define UP		(HPC_NODE_CONF | HPC_NODE_UP)

static void node(struct hpc_bal_node *n, u16 nr, u32 load)
{
	*n = (struct hpc_bal_node) {
		.node = nr, .cpus = 1, .speed = HPC_SPEED_REF, .load = load,
		.status = UP, .mem = 400 * MB, .tmem = 512 * MB,
	};
}

/* A long-running CPU-bound process of @home, movable. */
static void hog(struct hpc_bal_proc *p, u32 pid, u16 home)
{
	*p = (struct hpc_bal_proc) {
		.pid = pid, .home = home, .flags = HPC_BP_MOVABLE,
		.demand = 1000, .resident_ms = 10000, .cpu_ms = 8000,
		.rss = 4 * MB,
	};
}

static unsigned int plan(struct hpc_bal_node *self, struct hpc_bal_node *nodes,
			 unsigned int nr, struct hpc_bal_proc *procs,
			 unsigned int np, struct hpc_bal_move *out)
{
	struct hpc_bal_params bp;

	hpc_bal_defaults(&bp);
	return hpc_balance(&bp, self, nodes, nr, procs, np, out, 8);
}

static void balance_balanced_stays(struct kunit *test)
{
	struct hpc_bal_node self, n[3];
	struct hpc_bal_proc p[2];
	struct hpc_bal_move m[8];

	node(&self, 1, 2000);
	node(&n[0], 2, 2000);
	node(&n[1], 3, 2000);
	node(&n[2], 4, 1500);
	hog(&p[0], 100, 1);
	hog(&p[1], 101, 1);
	KUNIT_EXPECT_EQ(test, plan(&self, n, 3, p, 2, m), 0);
	/* One process more than the others is no reason to move either. */
	node(&self, 1, 2000);
	node(&n[0], 2, 1000);
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 2, m), 0);
}

/*
 * Two jobs and a burst of something else (a command, a poller): the burst
 * sends a job away only if it was there at the last round too.
 */
static void balance_passing_load_stays(struct kunit *test)
{
	struct hpc_bal_node self, n[1];
	struct hpc_bal_proc p[2];
	struct hpc_bal_move m[8];

	hog(&p[0], 100, 1);
	hog(&p[1], 101, 1);
	node(&self, 1, 3600);
	node(&n[0], 2, 2000);
	self.had_other = true;
	self.other_was = 500;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 2, m), 0);
	KUNIT_EXPECT_EQ(test, self.other, 1600);
	KUNIT_EXPECT_EQ(test, self.load, 2500);
	/* It lasted: it counts. */
	node(&self, 1, 3600);
	node(&n[0], 2, 2000);
	self.had_other = true;
	self.other_was = 1600;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 2, m), 1);
	/* The first round has nothing to compare with. */
	hog(&p[0], 100, 1);
	hog(&p[1], 101, 1);
	node(&self, 1, 3600);
	node(&n[0], 2, 2000);
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 2, m), 1);
}

/*
 * Two jobs and a daemon that serves commands, at 420 the last round and
 * 595 now: past the mark of a candidate, but not a process that wants a
 * whole CPU. Its rise counts only when it lasts, like a command's.
 */
static void balance_busy_daemon_counts_when_it_lasts(struct kunit *test)
{
	struct hpc_bal_node self, n[1];
	struct hpc_bal_proc p[3];
	struct hpc_bal_move m[8];

	hog(&p[0], 100, 1);
	hog(&p[1], 101, 1);
	p[0].demand = 995;
	p[1].demand = 996;
	hog(&p[2], 70, 1);
	p[2].flags = HPC_BP_NEW;
	p[2].demand = 595;
	node(&self, 1, 2586);
	node(&n[0], 2, 1007);
	self.had_other = true;
	self.other_was = 420;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 3, m), 0);
	KUNIT_EXPECT_EQ(test, self.other, 595);
	KUNIT_EXPECT_EQ(test, self.load, 2411);
	/* Still there a round later: a job leaves for load. */
	node(&self, 1, 2586);
	node(&n[0], 2, 1007);
	self.had_other = true;
	self.other_was = 595;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 3, m), 1);
}

static void balance_hot_node_sends_one_to_coldest(struct kunit *test)
{
	struct hpc_bal_node self, n[3];
	struct hpc_bal_proc p[3];
	struct hpc_bal_move m[8];

	node(&self, 1, 3000);
	node(&n[0], 2, 1000);
	node(&n[1], 3, 0);
	node(&n[2], 4, 1000);
	hog(&p[0], 100, 1);
	hog(&p[1], 101, 1);
	hog(&p[2], 102, 1);
	p[0].fwd_share = 300;		/* its calls would go home: not it */
	KUNIT_ASSERT_EQ(test, plan(&self, n, 3, p, 3, m), 1);
	KUNIT_EXPECT_NE(test, m[0].pid, 100);
	KUNIT_EXPECT_EQ(test, m[0].to, 3);
	KUNIT_EXPECT_EQ(test, m[0].why, HPC_BAL_LOAD);
	KUNIT_EXPECT_TRUE(test, p[m[0].proc].flags & HPC_BP_MOVED);
	KUNIT_EXPECT_EQ(test, self.load, 2000);
	KUNIT_EXPECT_EQ(test, n[1].load, 1000);
}

/*
 * Of targets equally good, the one with the freshest news: an idle node
 * heard of long ago has likely been sent to by others since.
 */
static void balance_freshest_of_equals(struct kunit *test)
{
	struct hpc_bal_node self, n[3];
	struct hpc_bal_proc p[3];
	struct hpc_bal_move m[8];
	unsigned int i;

	node(&self, 1, 3000);
	node(&n[0], 2, 0);
	node(&n[1], 3, 0);
	node(&n[2], 4, 0);
	n[0].age_ms = 3000;
	n[1].age_ms = 200;
	n[2].age_ms = 1500;
	hog(&p[0], 100, 1);
	hog(&p[1], 101, 1);
	hog(&p[2], 102, 1);
	/* Two go: to the freshest, then to the next. */
	KUNIT_ASSERT_EQ(test, plan(&self, n, 3, p, 3, m), 2);
	KUNIT_EXPECT_EQ(test, m[0].to, 3);
	KUNIT_EXPECT_EQ(test, m[1].to, 4);
	/* A less loaded one still wins, however old its news. */
	node(&self, 1, 3000);
	node(&n[1], 3, 500);
	node(&n[2], 4, 0);
	n[0].age_ms = 3000;
	n[1].age_ms = 0;
	n[2].age_ms = 1500;
	for (i = 0; i < 3; i++)
		p[i].flags &= ~HPC_BP_MOVED;
	KUNIT_ASSERT_EQ(test, plan(&self, n, 3, p, 3, m), 2);
	KUNIT_EXPECT_EQ(test, m[0].to, 4);
	KUNIT_EXPECT_EQ(test, m[1].to, 2);
}

/*
 * A node busy beyond its CPUs that does not know every other node asks
 * nodes at random; one with a CPU free that hears it offers its room.
 */
static void balance_ask_and_answer(struct kunit *test)
{
	struct hpc_bal_node self, t;
	struct hpc_bal_params bp;

	hpc_bal_defaults(&bp);
	node(&self, 1, 2000);
	KUNIT_EXPECT_TRUE(test, hpc_bal_ask(&self, 63, 999));
	/* It knows them all: nothing to learn by asking. */
	KUNIT_EXPECT_FALSE(test, hpc_bal_ask(&self, 7, 7));
	/* Its round left it within its CPUs. */
	node(&self, 1, 1000);
	KUNIT_EXPECT_FALSE(test, hpc_bal_ask(&self, 63, 999));
	/* Two CPUs, two processes (the load is per CPU): within them. */
	self.cpus = 2;
	KUNIT_EXPECT_FALSE(test, hpc_bal_ask(&self, 63, 999));

	/* The answer: a CPU free here, and the asker clearly above. */
	node(&self, 1, 0);
	node(&t, 2, 2000);
	KUNIT_EXPECT_TRUE(test, hpc_bal_answer(&bp, &self, &t));
	node(&t, 2, 1000);
	KUNIT_EXPECT_FALSE(test, hpc_bal_answer(&bp, &self, &t));
	node(&self, 1, 1000);
	node(&t, 2, 3000);
	KUNIT_EXPECT_FALSE(test, hpc_bal_answer(&bp, &self, &t));
	node(&self, 1, 0);
	self.status |= HPC_NODE_BLOCK;
	KUNIT_EXPECT_FALSE(test, hpc_bal_answer(&bp, &self, &t));
	node(&self, 1, 0);
	t.status &= ~HPC_NODE_UP;
	KUNIT_EXPECT_FALSE(test, hpc_bal_answer(&bp, &self, &t));
	node(&t, 1, 3000);
	KUNIT_EXPECT_FALSE(test, hpc_bal_answer(&bp, &self, &t));

	/*
	 * No CPU free here, but a turn to give: one process, served well
	 * ahead of the least served of an asker that runs two.
	 */
	node(&self, 1, 1000);
	self.served_ms = 20001;
	node(&t, 2, 2000);
	t.served_ms = 12001;
	KUNIT_EXPECT_TRUE(test, hpc_bal_answer(&bp, &self, &t));
	/* Not clearly ahead (by 1/12 of its own). */
	t.served_ms = 19001;
	KUNIT_EXPECT_FALSE(test, hpc_bal_answer(&bp, &self, &t));
	/* The asker does not wait: it runs one a CPU. */
	node(&t, 2, 1000);
	t.served_ms = 12001;
	KUNIT_EXPECT_FALSE(test, hpc_bal_answer(&bp, &self, &t));
	/* Two here: neither room nor a turn. */
	node(&t, 2, 3000);
	t.served_ms = 12001;
	self.load = 2000;
	KUNIT_EXPECT_FALSE(test, hpc_bal_answer(&bp, &self, &t));
	/* Blocked, or its own process just arrived. */
	node(&self, 1, 1000);
	self.served_ms = 20001;
	self.status |= HPC_NODE_BLOCK;
	KUNIT_EXPECT_FALSE(test, hpc_bal_answer(&bp, &self, &t));
	node(&self, 1, 1000);
	self.served_ms = HPC_BAL_UNSETTLED;
	KUNIT_EXPECT_FALSE(test, hpc_bal_answer(&bp, &self, &t));
}

static void balance_burst_spreads_in_one_round(struct kunit *test)
{
	struct hpc_bal_node self, n[2];
	struct hpc_bal_proc p[6];
	struct hpc_bal_move m[8];
	unsigned int i, got, to[5] = {};

	node(&self, 1, 6000);
	node(&n[0], 2, 0);
	node(&n[1], 3, 0);
	for (i = 0; i < 6; i++) {
		hog(&p[i], 100 + i, 1);
		/* Started 1.5 s ago: never moved, they need not wait more. */
		p[i].flags |= HPC_BP_NEW;
		p[i].resident_ms = 1500;
	}
	got = plan(&self, n, 2, p, 6, m);
	KUNIT_EXPECT_EQ(test, got, 4);
	for (i = 0; i < got; i++)
		to[m[i].to]++;
	KUNIT_EXPECT_EQ(test, to[2], 2);
	KUNIT_EXPECT_EQ(test, to[3], 2);
}

/*
 * A balanced node where a burst of commands just started: they have not
 * shown they last, and send no job away. A second later they count.
 */
static void balance_young_burst_counts_later(struct kunit *test)
{
	struct hpc_bal_params bp;
	struct hpc_bal_node self, n[2];
	struct hpc_bal_proc p[5];
	struct hpc_bal_move m[8];
	unsigned int i;

	node(&self, 1, 5000);
	node(&n[0], 2, 2000);
	node(&n[1], 3, 2000);
	for (i = 0; i < 5; i++)
		hog(&p[i], 100 + i, 1);
	for (i = 2; i < 5; i++) {
		p[i].flags |= HPC_BP_NEW;
		p[i].resident_ms = 200;
		p[i].cpu_ms = 150;
	}
	KUNIT_EXPECT_EQ(test, plan(&self, n, 2, p, 5, m), 0);
	KUNIT_EXPECT_EQ(test, self.load, 2000);
	/* The round that may move them comes when they are old enough. */
	hpc_bal_defaults(&bp);
	KUNIT_EXPECT_EQ(test, hpc_bal_next_ripe(&bp, p, 5), 50);
	KUNIT_EXPECT_EQ(test, hpc_bal_ripe_in(&bp, &p[2]), 50);
	KUNIT_EXPECT_EQ(test, hpc_bal_ripe_in(&bp, &p[0]), 0);
	node(&self, 1, 5000);
	for (i = 2; i < 5; i++)
		p[i].resident_ms = 1500;
	KUNIT_EXPECT_EQ(test, hpc_bal_next_ripe(&bp, p, 5), 0);
	KUNIT_EXPECT_GE(test, plan(&self, n, 2, p, 5, m), 1);
}

/*
 * The target has the last word on a move for load: it takes the process
 * only while, with it, it stays below the sender's load as planned.
 */
static void balance_target_admits_only_below(struct kunit *test)
{
	struct hpc_bal_node self, t, n[1];
	struct hpc_bal_proc p[3];
	struct hpc_bal_move m[8];
	unsigned int i;

	node(&t, 2, 1000);
	KUNIT_EXPECT_TRUE(test, hpc_bal_admit(&t, 0, false));
	KUNIT_EXPECT_TRUE(test, hpc_bal_admit(&t, 3000, false));
	KUNIT_EXPECT_FALSE(test, hpc_bal_admit(&t, 2000, false));
	/*
	 * Running more than it has CPUs, it takes load from one sender at
	 * a time; by hand or for memory, always. Else from any sender.
	 */
	node(&t, 2, 2000);
	KUNIT_EXPECT_TRUE(test, hpc_bal_admit(&t, 4000, false));
	KUNIT_EXPECT_FALSE(test, hpc_bal_admit(&t, 4000, true));
	KUNIT_EXPECT_TRUE(test, hpc_bal_admit(&t, 0, true));
	node(&t, 2, 1000);
	KUNIT_EXPECT_TRUE(test, hpc_bal_admit(&t, 3000, true));
	/* One that just arrived counts busy until its demand shows. */
	node(&t, 2, 200);
	KUNIT_EXPECT_EQ(test, hpc_bal_settling(&t, 0), 1000);
	KUNIT_EXPECT_EQ(test, hpc_bal_settling(&t, 700), 300);
	KUNIT_EXPECT_EQ(test, hpc_bal_settling(&t, 1000), 0);
	t.load += hpc_bal_settling(&t, 200);
	KUNIT_EXPECT_FALSE(test, hpc_bal_admit(&t, 2000, false));
	/* A planned move carries the load it was planned at. */
	node(&self, 1, 3000);
	node(&n[0], 2, 0);
	for (i = 0; i < 3; i++)
		hog(&p[i], 100 + i, 1);
	KUNIT_ASSERT_EQ(test, plan(&self, n, 1, p, 3, m), 1);
	KUNIT_EXPECT_EQ(test, m[0].load, 3000);
	KUNIT_EXPECT_TRUE(test, hpc_bal_admit(&n[0], m[0].load, false));
}

/*
 * Eight jobs 0.8 s old, sampled from 0 for 50 ms and three whole periods:
 * their demand reads 600 each, 4.8 jobs in all. Corrected for that start
 * they count as eight, and one round sends four to the idle node, not
 * two.
 */
static void balance_young_demand_unbiased(struct kunit *test)
{
	struct hpc_bal_node self, n[1];
	struct hpc_bal_proc p[8];
	struct hpc_bal_move m[8];
	unsigned int i;

	node(&self, 1, 8 * 600);
	node(&n[0], 2, 0);
	for (i = 0; i < 8; i++) {
		hog(&p[i], 100 + i, 1);
		p[i].flags |= HPC_BP_NEW;
		p[i].demand = 600;
		p[i].resident_ms = 800;
		p[i].cpu_ms = 100;
		p[i].rss = MB;
	}
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 8, m), 4);
	KUNIT_EXPECT_EQ(test, p[0].demand, 1000);
}

/*
 * A command that started 34 ms before a sample and slept after it: its
 * start, a whole CPU for 34 ms, is no sign of a busy job 284 ms on. A
 * job that ran on through the same two samples is one.
 */
static void balance_started_then_slept_no_hog(struct kunit *test)
{
	const u64 ms = 1000000;
	struct hpc_bal_params bp;
	struct hpc_bal_proc cmd, job;

	hpc_bal_defaults(&bp);
	hog(&cmd, 100, 1);
	cmd.flags |= HPC_BP_NEW;
	cmd.resident_ms = 284;
	job = cmd;
	cmd.demand = hpc_demand_sample(0, 34 * ms, 0, 34 * ms);
	cmd.demand = hpc_demand_sample(cmd.demand, 12 * ms, 0, 250 * ms);
	KUNIT_EXPECT_FALSE(test, hpc_bal_may_hog(&bp, &cmd));
	job.demand = hpc_demand_sample(0, 34 * ms, 0, 34 * ms);
	job.demand = hpc_demand_sample(job.demand, 250 * ms, 0, 250 * ms);
	KUNIT_EXPECT_TRUE(test, hpc_bal_may_hog(&bp, &job));
}

/*
 * Sampled once from 0, a job's demand reads 250: it is a candidate for
 * the round from then on, not from its third sample, when it reads 578.
 * A process that has wanted a quarter of a CPU for long is none.
 */
static void balance_young_may_hog(struct kunit *test)
{
	struct hpc_bal_params bp;
	struct hpc_bal_proc p;

	hpc_bal_defaults(&bp);
	hog(&p, 100, 1);
	p.flags |= HPC_BP_NEW;
	p.demand = 250;
	p.resident_ms = 260;
	KUNIT_EXPECT_TRUE(test, hpc_bal_may_hog(&bp, &p));
	KUNIT_EXPECT_EQ(test, hpc_bal_ripe_in(&bp, &p), 0);
	p.resident_ms = 5000;
	KUNIT_EXPECT_FALSE(test, hpc_bal_may_hog(&bp, &p));
	p.demand = 600;
	KUNIT_EXPECT_TRUE(test, hpc_bal_may_hog(&bp, &p));
}

static void balance_lone_hog_stays(struct kunit *test)
{
	struct hpc_bal_node self, n[2];
	struct hpc_bal_proc p[2];
	struct hpc_bal_move m[8];

	/* It has a CPU to itself: moving wins nothing. */
	node(&self, 1, 1000);
	node(&n[0], 2, 0);
	hog(&p[0], 100, 1);
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 1, m), 0);
	/* A young process, or one that hardly wants a CPU, stays too. */
	node(&self, 1, 3000);
	hog(&p[0], 100, 1);
	hog(&p[1], 101, 1);
	p[0].resident_ms = 1000;
	p[1].demand = 200;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 2, m), 0);
	/* An idle node three times as fast is worth it. */
	node(&self, 1, 1000);
	node(&n[0], 2, 0);
	n[0].speed = 3 * HPC_SPEED_REF;
	hog(&p[0], 100, 1);
	KUNIT_ASSERT_EQ(test, plan(&self, n, 1, p, 1, m), 1);
	KUNIT_EXPECT_EQ(test, m[0].to, 2);
}

/* Node 1 at @load, with a guest from node 4 and one from node 5. */
static void landed(struct hpc_bal_node *self, u32 load,
		   struct hpc_bal_proc *p, u32 resident_ms)
{
	node(self, 1, load);
	hog(&p[0], 100, 4);
	hog(&p[1], 101, 5);
	p[0].resident_ms = resident_ms;
	p[1].resident_ms = resident_ms;
}

/*
 * Two senders each sent node 1 a process at once. Half a second later
 * one of them goes on to an idle node, not three seconds later; but not
 * to a node already busy, nor off a node with a CPU for each.
 */
static void balance_double_landing_passes_on(struct kunit *test)
{
	struct hpc_bal_node self, n[2];
	struct hpc_bal_proc p[2];
	struct hpc_bal_move m[8];

	node(&n[0], 2, 1000);
	node(&n[1], 3, 0);
	landed(&self, 2000, p, 500);
	KUNIT_ASSERT_EQ(test, plan(&self, n, 2, p, 2, m), 1);
	KUNIT_EXPECT_EQ(test, m[0].to, 3);
	/* The idle node gone: the busy one is no CPU of its own. */
	landed(&self, 3000, p, 500);
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 2, m), 0);
	/* Not before a new one could move. */
	landed(&self, 2000, p, 200);
	KUNIT_EXPECT_EQ(test, plan(&self, n, 2, p, 2, m), 0);
	/* One CPU-bound process here (the other sleeps): it stays. */
	landed(&self, 1200, p, 500);
	p[1].demand = 200;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 2, p, 2, m), 0);
}

/*
 * Ten nodes running five jobs hear at once that node 12 is idle. Each
 * plans its round from the same stale window and sends it two; node 12
 * takes the first sender's two and refuses the others: they keep
 * theirs. By the senders' loads alone it would have taken four.
 */
static void balance_stale_news_no_flood(struct kunit *test)
{
	struct hpc_bal_node self, t, n[10];
	struct hpc_bal_proc p[5];
	struct hpc_bal_move m[8];
	unsigned int s, i, j, got, planned = 0, took = 0;
	u16 from = 0;

	node(&t, 12, 0);
	for (s = 0; s < 10; s++) {
		node(&self, 2 + s, 5000);
		for (i = 0; i < 9; i++)
			node(&n[i], 2 + (s + 1 + i) % 10, 2000);
		node(&n[9], 12, 0);
		for (i = 0; i < 5; i++)
			hog(&p[i], 100 + i, self.node);
		got = plan(&self, n, 10, p, 5, m);
		for (j = 0; j < got; j++) {
			if (m[j].to != 12)
				continue;
			planned++;
			if (!hpc_bal_admit(&t, m[j].load,
					   from && from != 2 + s))
				continue;
			took++;
			from = 2 + s;
			t.load += hpc_bal_settling(&t, 0);
		}
	}
	KUNIT_EXPECT_EQ(test, planned, 20);
	KUNIT_EXPECT_EQ(test, took, 2);
	KUNIT_EXPECT_EQ(test, from, 2);
}

static void balance_memory_ushers_right_process(struct kunit *test)
{
	struct hpc_bal_node self, n[2];
	struct hpc_bal_proc p[4];
	struct hpc_bal_move m[8];
	unsigned int i;

	node(&self, 1, 1000);
	self.mem = 20 * MB;
	node(&n[0], 2, 0);
	n[0].mem = 300 * MB;
	node(&n[1], 3, 0);
	n[1].mem = 100 * MB;
	for (i = 0; i < 4; i++) {
		hog(&p[i], 100 + i, 1);
		p[i].demand = 100;
		p[i].resident_ms = 500;
	}
	p[0].rss = 300 * MB;		/* the biggest, but cannot move */
	p[0].flags = 0;
	p[1].rss = 200 * MB;		/* the one to move */
	p[2].rss = 50 * MB;
	p[3].rss = 600 * MB;		/* fits nowhere */
	KUNIT_ASSERT_EQ(test, plan(&self, n, 2, p, 4, m), 1);
	KUNIT_EXPECT_EQ(test, m[0].pid, 101);
	KUNIT_EXPECT_EQ(test, m[0].to, 2);
	KUNIT_EXPECT_EQ(test, m[0].why, HPC_BAL_MEM);
	/* Short, but only of small ones: moving them frees nothing. */
	node(&self, 1, 1000);
	self.mem = 20 * MB;
	for (i = 0; i < 4; i++) {
		p[i].flags = HPC_BP_MOVABLE;
		p[i].rss = 4 * MB;
		p[i].demand = 100;	/* a plan corrects it in place */
	}
	KUNIT_EXPECT_EQ(test, plan(&self, n, 2, p, 4, m), 0);
	/* Enough memory: nothing moves for memory. */
	p[1].rss = 200 * MB;
	node(&self, 1, 1000);
	for (i = 0; i < 4; i++) {
		p[i].flags &= ~HPC_BP_MOVED;
		p[i].demand = 100;
	}
	KUNIT_EXPECT_EQ(test, plan(&self, n, 2, p, 4, m), 0);
}

static void balance_io_guest_goes_home(struct kunit *test)
{
	struct hpc_bal_node self, n[1];
	struct hpc_bal_proc p[3];
	struct hpc_bal_move m[8];

	node(&self, 2, 2000);
	node(&n[0], 1, 1000);
	hog(&p[0], 100, 1);
	p[0].demand = 50;
	p[0].fwd_share = 600;
	hog(&p[1], 101, 1);		/* CPU-bound guest: stays */
	hog(&p[2], 102, 1);		/* says it computes: stays */
	p[2].fwd_share = 600;
	p[2].flags |= HPC_BP_CPUJOB;
	KUNIT_ASSERT_EQ(test, plan(&self, n, 1, p, 3, m), 1);
	KUNIT_EXPECT_EQ(test, m[0].pid, 100);
	KUNIT_EXPECT_EQ(test, m[0].to, 1);
	KUNIT_EXPECT_EQ(test, m[0].why, HPC_BAL_HOME);
	/* Home much busier: it stays for now. */
	node(&self, 2, 2000);
	node(&n[0], 1, 4000);
	p[0].flags &= ~HPC_BP_MOVED;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 1, m), 0);
	/* Home idle but short of memory for it: it stays. */
	node(&self, 2, 2000);
	node(&n[0], 1, 0);
	n[0].mem = 60 * MB;
	p[0].rss = 40 * MB;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 1, m), 0);
	p[0].rss = 4 * MB;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 1, m), 1);
}

static void balance_respects_node_policy(struct kunit *test)
{
	struct hpc_bal_node self, n[3];
	struct hpc_bal_proc p[3];
	struct hpc_bal_move m[8];
	unsigned int i, got;

	/* stay: nothing leaves. */
	node(&self, 1, 3000);
	self.status |= HPC_NODE_STAY;
	node(&n[0], 2, 0);
	for (i = 0; i < 3; i++)
		hog(&p[i], 100 + i, 1);
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 3, m), 0);
	/* lstay: own processes stay, guests may go. */
	node(&self, 1, 3000);
	self.status |= HPC_NODE_LSTAY;
	p[2].home = 3;
	KUNIT_ASSERT_EQ(test, plan(&self, n, 1, p, 3, m), 1);
	KUNIT_EXPECT_EQ(test, m[0].pid, 102);
	/* Blocked or down targets get nothing; the open one does. */
	node(&self, 1, 3000);
	node(&n[0], 2, 0);
	n[0].status |= HPC_NODE_BLOCK;
	node(&n[1], 3, 0);
	n[1].status = HPC_NODE_CONF;
	node(&n[2], 4, 2000);
	for (i = 0; i < 3; i++)
		hog(&p[i], 100 + i, 1);
	got = plan(&self, n, 3, p, 3, m);
	KUNIT_ASSERT_EQ(test, got, 0);
	n[2].load = 0;
	got = plan(&self, n, 3, p, 3, m);
	KUNIT_ASSERT_GE(test, got, 1);
	for (i = 0; i < got; i++)
		KUNIT_EXPECT_EQ(test, m[i].to, 4);
	/* Locked (not movable) processes stay. */
	node(&self, 1, 3000);
	node(&n[0], 2, 0);
	for (i = 0; i < 3; i++) {
		hog(&p[i], 100 + i, 1);
		p[i].flags = 0;
	}
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 3, m), 0);
}

static void balance_slow_node_sheds(struct kunit *test)
{
	struct hpc_bal_node self, n[1];
	struct hpc_bal_proc p[1];
	struct hpc_bal_move m[8];

	/* Half speed: one process is load 2000 here; an idle node wins. */
	node(&self, 1, 2000);
	self.speed = HPC_SPEED_REF / 2;
	node(&n[0], 2, 0);
	hog(&p[0], 100, 1);
	KUNIT_ASSERT_EQ(test, plan(&self, n, 1, p, 1, m), 1);
	KUNIT_EXPECT_EQ(test, m[0].to, 2);
	/* Two CPUs: two processes are at home there. */
	KUNIT_EXPECT_EQ(test, hpc_bal_unit(&(struct hpc_bal_node) {
			.cpus = 2, .speed = HPC_SPEED_REF }), 500);
}

static void balance_asked_decides_now(struct kunit *test)
{
	struct hpc_bal_node self, n[1];
	struct hpc_bal_proc p[3];
	struct hpc_bal_move m[8];

	node(&self, 1, 3000);
	node(&n[0], 2, 0);
	hog(&p[0], 100, 1);
	hog(&p[1], 101, 1);
	hog(&p[2], 102, 1);
	p[2].flags |= HPC_BP_ASKED;
	p[2].resident_ms = 0;
	p[2].cpu_ms = 0;
	KUNIT_ASSERT_EQ(test, plan(&self, n, 1, p, 3, m), 1);
	KUNIT_EXPECT_EQ(test, m[0].pid, 102);
	/* Asked on a quiet cluster: it stays. */
	node(&self, 1, 1000);
	node(&n[0], 2, 1000);
	p[0].flags |= HPC_BP_ASKED;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 1, m), 0);
}

/* A node blocking guests takes none: all go to the one that takes. */
static void balance_blocked_node_takes_no_share(struct kunit *test)
{
	struct hpc_bal_node self, n[2];
	struct hpc_bal_proc p[8];
	struct hpc_bal_move m[8];
	unsigned int i, got;

	node(&self, 1, 8000);
	node(&n[0], 2, 0);
	node(&n[1], 3, 0);
	n[1].status |= HPC_NODE_BLOCK;
	for (i = 0; i < 8; i++)
		hog(&p[i], 100 + i, 1);
	got = plan(&self, n, 2, p, 8, m);
	KUNIT_EXPECT_EQ(test, got, 4);
	for (i = 0; i < got; i++)
		KUNIT_EXPECT_EQ(test, m[i].to, 2);
}

/*
 * What a process sent home in its first seconds is its start (exec, the
 * first page faults), not its nature: a young one is no I/O job yet and
 * may be spread. An old one sending as much is one, and stays home.
 */
static void balance_young_start_is_not_io(struct kunit *test)
{
	struct hpc_bal_node self, n[1];
	struct hpc_bal_proc p[2];
	struct hpc_bal_move m[8];

	node(&self, 1, 2000);
	node(&n[0], 2, 0);
	hog(&p[0], 100, 1);
	hog(&p[1], 101, 1);
	p[0].flags |= HPC_BP_NEW;
	p[0].resident_ms = 1500;
	p[0].fwd_share = 400;
	p[1].fwd_share = 400;
	KUNIT_ASSERT_EQ(test, plan(&self, n, 1, p, 2, m), 1);
	KUNIT_EXPECT_EQ(test, m[0].pid, 100);

	node(&self, 1, 2000);
	node(&n[0], 2, 0);
	hog(&p[0], 100, 1);
	p[0].flags |= HPC_BP_NEW;
	p[0].resident_ms = 4000;
	p[0].fwd_share = 400;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 2, m), 0);
}

/*
 * A node with a CPU free tells the busiest node that could send it a
 * process; that node, over its CPUs, plans a round on the news.
 */
static void balance_free_cpu_is_offered(struct kunit *test)
{
	struct hpc_bal_node self, n[5];
	struct hpc_bal_params bp;
	unsigned int hits[5] = {}, r;

	hpc_bal_defaults(&bp);
	node(&self, 1, 0);
	node(&n[0], 2, 1000);
	node(&n[1], 3, 3000);
	node(&n[2], 4, 2000);
	node(&n[3], 5, 3000);
	node(&n[4], 6, 9000);
	n[4].status &= ~HPC_NODE_UP;
	for (r = 0; r < 200; r++)
		hits[hpc_bal_offer(&bp, &self, n, 5, r * 2654435761u)]++;
	/* The busiest up ones, either of the two. */
	KUNIT_EXPECT_EQ(test, hits[1] + hits[3], 200);
	KUNIT_EXPECT_GT(test, hits[1], 50);
	KUNIT_EXPECT_GT(test, hits[3], 50);
	/* Of nodes running as many, the freshest news; then the most. */
	n[1].age_ms = 2000;
	n[3].age_ms = 100;
	n[3].load = 2600;
	KUNIT_EXPECT_EQ(test, hpc_bal_offer(&bp, &self, n, 5, 1), 3);
	n[2].load = 4000;
	n[2].age_ms = 4000;
	KUNIT_EXPECT_EQ(test, hpc_bal_offer(&bp, &self, n, 5, 1), 2);
	node(&n[2], 4, 2000);
	node(&n[3], 5, 3000);
	/* One process more here must be clearly below the sender. */
	KUNIT_EXPECT_EQ(test, hpc_bal_offer(&bp, &self, n, 1, 1), -1);
	KUNIT_EXPECT_EQ(test, hpc_bal_offer(&bp, &self, &n[2], 1, 1), 0);
	/* No CPU free, or blocked: no offer. */
	node(&self, 1, 1000);
	KUNIT_EXPECT_FALSE(test, hpc_bal_room(&self));
	KUNIT_EXPECT_EQ(test, hpc_bal_offer(&bp, &self, n, 4, 1), -1);
	node(&self, 1, 0);
	KUNIT_EXPECT_TRUE(test, hpc_bal_room(&self));
	self.status |= HPC_NODE_BLOCK;
	KUNIT_EXPECT_FALSE(test, hpc_bal_room(&self));
	KUNIT_EXPECT_EQ(test, hpc_bal_offer(&bp, &self, n, 4, 1), -1);
	/* Two CPUs, one busy: one free. */
	node(&self, 1, 500);
	self.cpus = 2;
	KUNIT_EXPECT_TRUE(test, hpc_bal_room(&self));
	KUNIT_EXPECT_EQ(test, hpc_bal_offer(&bp, &self, &n[2], 1, 1), 0);

	/* The news: only over its CPUs, and of a node clearly below. */
	node(&self, 1, 2000);
	node(&n[0], 2, 0);
	KUNIT_EXPECT_TRUE(test, hpc_bal_news(&bp, &self, &n[0]));
	node(&n[0], 2, 1000);
	KUNIT_EXPECT_FALSE(test, hpc_bal_news(&bp, &self, &n[0]));
	node(&self, 1, 1000);
	node(&n[0], 2, 0);
	KUNIT_EXPECT_FALSE(test, hpc_bal_news(&bp, &self, &n[0]));
	node(&self, 1, 3000);
	n[0].status |= HPC_NODE_BLOCK;
	KUNIT_EXPECT_FALSE(test, hpc_bal_news(&bp, &self, &n[0]));
}

/*
 * The start of each turn case: node 1 runs two busy jobs, node 2 one that
 * has had 20 s of CPU time; none planned to move yet.
 */
static void turn_fresh(struct hpc_bal_node *self, struct hpc_bal_node *n,
		       struct hpc_bal_proc *p)
{
	node(self, 1, 2000);
	node(&n[0], 2, 1000);
	n[0].served_ms = 20001;
	p[0].flags = HPC_BP_MOVABLE;
	p[1].flags = HPC_BP_MOVABLE;
}

/*
 * Turns: two jobs here, one a CPU there, the jobs there served clearly
 * more than the one that waits here. The most served job here goes; the
 * least served keeps the CPU.
 */
static void balance_turn_to_more_served(struct kunit *test)
{
	struct hpc_bal_node self, n[2];
	struct hpc_bal_proc p[2];
	struct hpc_bal_move m[8];

	hog(&p[0], 100, 1);
	hog(&p[1], 101, 1);
	turn_fresh(&self, n, p);
	p[0].served_ms = 2000;
	p[1].served_ms = 9000;
	KUNIT_ASSERT_EQ(test, plan(&self, n, 1, p, 2, m), 1);
	KUNIT_EXPECT_EQ(test, m[0].why, HPC_BAL_TURN);
	KUNIT_EXPECT_EQ(test, m[0].proc, 1);
	KUNIT_EXPECT_EQ(test, m[0].to, 2);
	KUNIT_EXPECT_EQ(test, m[0].turn_ms, 2000);
	KUNIT_EXPECT_EQ(test, m[0].load, 2000);
	KUNIT_EXPECT_STREQ(test, hpc_bal_why_name(m[0].why), "turn");

	/* Old news counts the CPU time had since: 1.5 s, 10 s ago. */
	turn_fresh(&self, n, p);
	n[0].served_ms = 1501;
	n[0].age_ms = 10000;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 2, m), 1);

	/* Not clearly ahead (by 1/12 and twice the move): none. */
	turn_fresh(&self, n, p);
	n[0].served_ms = 2101;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 2, m), 0);
	n[0].served_ms = 2900;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 2, m), 0);

	/* A process just arrived there, or none busy: no news to trust. */
	n[0].served_ms = HPC_BAL_UNSETTLED;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 2, m), 0);
	n[0].served_ms = 0;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 2, m), 0);

	/* Two there too, or one a CPU here: none. */
	node(&n[0], 2, 2000);
	n[0].served_ms = 20001;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 2, m), 0);
	node(&n[0], 2, 1000);
	n[0].served_ms = 20001;
	self.cpus = 2;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 2, m), 0);

	/*
	 * The one that waits is a moment's work (a command that started
	 * just now, a daemon busy for a moment): none.
	 */
	node(&self, 1, 2000);
	p[0].resident_ms = 200;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 2, m), 0);
	/* A whole sample here is enough to tell. */
	turn_fresh(&self, n, p);
	p[0].resident_ms = 300;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 2, m), 1);
	turn_fresh(&self, n, p);
	p[0].resident_ms = 10000;
	turn_fresh(&self, n, p);
	p[0].resident_ms = 10000;
	p[0].demand = 700;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 2, m), 0);
	/* ... and so it is, once it has: a turn. */
	turn_fresh(&self, n, p);
	p[0].demand = 1000;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 2, m), 1);
	turn_fresh(&self, n, p);

	/* The one that would go arrived just now: none. */
	p[1].resident_ms = 100;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 2, m), 0);
	p[1].resident_ms = 10000;

	/* A slower node: the job would run there slower. */
	n[0].speed = HPC_SPEED_REF / 2;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 2, m), 0);
	n[0].speed = HPC_SPEED_REF;
	/*
	 * Counted in processes: this node's load still rising with an
	 * arrival does not make it look faster than the target.
	 */
	turn_fresh(&self, n, p);
	self.load = 1600;
	n[0].load = 1100;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 2, m), 1);
	turn_fresh(&self, n, p);

	/* Of two, the freshest news. */
	node(&n[1], 3, 1000);
	n[1].served_ms = 30001;
	n[0].age_ms = 3000;
	n[1].age_ms = 1000;
	KUNIT_ASSERT_EQ(test, plan(&self, n, 2, p, 2, m), 1);
	KUNIT_EXPECT_EQ(test, m[0].to, 3);
}

/* The target takes a turn only as the sender saw it, news or no news. */
static void balance_turn_admitted_as_seen(struct kunit *test)
{
	struct hpc_bal_node t;

	node(&t, 2, 1000);
	t.served_ms = 20001;
	KUNIT_EXPECT_TRUE(test, hpc_bal_admit_turn(&t, 2000, false));
	KUNIT_EXPECT_FALSE(test, hpc_bal_admit_turn(&t, 2000, true));
	KUNIT_EXPECT_FALSE(test, hpc_bal_admit_turn(&t, 19500, false));
	/* One more process started here since. */
	t.load = 2000;
	KUNIT_EXPECT_FALSE(test, hpc_bal_admit_turn(&t, 2000, false));
	/* Or none busy, or one just arrived. */
	node(&t, 2, 1000);
	KUNIT_EXPECT_FALSE(test, hpc_bal_admit_turn(&t, 2000, false));
	t.served_ms = HPC_BAL_UNSETTLED;
	KUNIT_EXPECT_FALSE(test, hpc_bal_admit_turn(&t, 2000, false));
}

/* What a node tells of its least served busy process. */
static void balance_served_fold(struct kunit *test)
{
	struct hpc_bal_params bp;
	struct hpc_bal_proc p;
	u32 s;

	hpc_bal_defaults(&bp);
	hog(&p, 100, 1);
	p.served_ms = 5000;
	s = hpc_bal_served(&bp, 0, &p);
	KUNIT_EXPECT_EQ(test, s, 5001);
	p.served_ms = 3000;
	s = hpc_bal_served(&bp, s, &p);
	KUNIT_EXPECT_EQ(test, s, 3001);
	p.served_ms = 4000;
	s = hpc_bal_served(&bp, s, &p);
	KUNIT_EXPECT_EQ(test, s, 3001);
	/* Idle ones do not count; one just started does. */
	p.served_ms = 10;
	p.demand = 100;
	KUNIT_EXPECT_EQ(test, hpc_bal_served(&bp, s, &p), 3001);
	KUNIT_EXPECT_EQ(test, hpc_bal_served(&bp, 0, &p), 0);
	p.demand = 1000;
	p.flags |= HPC_BP_NEW;
	p.resident_ms = 100;
	KUNIT_EXPECT_EQ(test, hpc_bal_served(&bp, s, &p), 11);
	/* One that moved here 0.5 s ago, busy or not: unsettled. */
	p.flags = HPC_BP_MOVABLE;
	p.resident_ms = 500;
	p.demand = 0;
	s = hpc_bal_served(&bp, s, &p);
	KUNIT_EXPECT_EQ(test, s, HPC_BAL_UNSETTLED);
	hog(&p, 101, 1);
	KUNIT_EXPECT_EQ(test, hpc_bal_served(&bp, s, &p), HPC_BAL_UNSETTLED);
	/* Never 0 or unsettled for a busy one that had it all. */
	p.served_ms = U32_MAX;
	KUNIT_EXPECT_EQ(test, hpc_bal_served(&bp, 0, &p), U32_MAX - 1);
}

/* What a node that polls tells: its least served busy process, settled or not. */
static void balance_least_fold(struct kunit *test)
{
	struct hpc_bal_params bp;
	struct hpc_bal_proc p;
	u32 s;

	hpc_bal_defaults(&bp);
	hog(&p, 100, 1);
	p.served_ms = 5000;
	s = hpc_bal_least(&bp, 0, &p);
	KUNIT_EXPECT_EQ(test, s, 5001);
	/* One that moved here 0.5 s ago counts, with what it had. */
	p.served_ms = 3000;
	p.resident_ms = 500;
	s = hpc_bal_least(&bp, s, &p);
	KUNIT_EXPECT_EQ(test, s, 3001);
	/* Its demand seen unbiased: half a sample's start is busy. */
	p.served_ms = 2000;
	p.resident_ms = 400;
	p.demand = 450;
	KUNIT_EXPECT_EQ(test, hpc_bal_least(&bp, s, &p), 2001);
	/* Idle ones do not count. */
	p.resident_ms = 10000;
	p.demand = 100;
	KUNIT_EXPECT_EQ(test, hpc_bal_least(&bp, s, &p), 3001);
	KUNIT_EXPECT_EQ(test, hpc_bal_least(&bp, 0, &p), 0);
}

/*
 * Polls for a turn: a node running more processes than CPUs, its
 * arrivals counted busy, polls; a node that could give it a turn
 * answers; the answer, planned on at once, is the turn a round would
 * plan with that node alone.
 */
static void balance_poll_and_turn_to(struct kunit *test)
{
	struct hpc_bal_params bp;
	struct hpc_bal_node self, t, n[1];
	struct hpc_bal_proc p[2];
	struct hpc_bal_move m;

	hpc_bal_defaults(&bp);
	node(&self, 1, 1000);
	KUNIT_EXPECT_EQ(test, hpc_bal_poll(&self, 1), 0);
	self.load = 1600;
	KUNIT_EXPECT_EQ(test, hpc_bal_poll(&self, 1), 1600);
	/* Two busy, their demand still rising: it tells two. */
	self.load = 900;
	KUNIT_EXPECT_EQ(test, hpc_bal_poll(&self, 2), 2000);
	/* Two CPUs, two processes (a process is half its load). */
	self.cpus = 2;
	self.load = 1000;
	KUNIT_EXPECT_EQ(test, hpc_bal_poll(&self, 2), 0);
	self.load = 1600;
	KUNIT_EXPECT_EQ(test, hpc_bal_poll(&self, 2), 1600);

	/* The answer: its job served clearly more than the one waiting. */
	node(&self, 1, 2000);
	self.served_ms = 2001;
	node(&t, 2, 1000);
	t.served_ms = 20001;
	KUNIT_EXPECT_TRUE(test, hpc_bal_answer(&bp, &t, &self));
	/* Its news may bring a turn; its own news or a blocked node's not. */
	KUNIT_EXPECT_TRUE(test, hpc_bal_may_turn_to(&self, &t));
	KUNIT_EXPECT_FALSE(test, hpc_bal_may_turn_to(&self, &self));
	t.status |= HPC_NODE_BLOCK;
	KUNIT_EXPECT_FALSE(test, hpc_bal_may_turn_to(&self, &t));
	t.status &= ~HPC_NODE_BLOCK;

	hog(&p[0], 100, 1);
	hog(&p[1], 101, 1);
	p[0].served_ms = 2000;
	p[1].served_ms = 9000;
	KUNIT_ASSERT_EQ(test, hpc_bal_turn_to(&bp, &self, &t, p, 2, &m), 1);
	KUNIT_EXPECT_EQ(test, m.why, HPC_BAL_TURN);
	KUNIT_EXPECT_EQ(test, m.proc, 1);
	KUNIT_EXPECT_EQ(test, m.to, 2);
	KUNIT_EXPECT_EQ(test, m.turn_ms, 2000);

	/* As a round with that node alone would, no more, no less. */
	node(&self, 1, 2000);
	node(&n[0], 2, 1000);
	n[0].served_ms = 20001;
	hog(&p[0], 100, 1);
	hog(&p[1], 101, 1);
	p[0].served_ms = 2000;
	p[1].served_ms = 9000;
	KUNIT_EXPECT_EQ(test, plan(&self, n, 1, p, 2, &m), 1);

	/* Not ahead, or running two too: none. */
	node(&self, 1, 2000);
	hog(&p[0], 100, 1);
	hog(&p[1], 101, 1);
	p[0].served_ms = 2000;
	p[1].served_ms = 9000;
	t.served_ms = 2500;
	KUNIT_EXPECT_EQ(test, hpc_bal_turn_to(&bp, &self, &t, p, 2, &m), 0);
	node(&t, 2, 2000);
	t.served_ms = 20001;
	KUNIT_EXPECT_FALSE(test, hpc_bal_may_turn_to(&self, &t));
	KUNIT_EXPECT_EQ(test, hpc_bal_turn_to(&bp, &self, &t, p, 2, &m), 0);
	/* One a CPU here: none. */
	node(&t, 2, 1000);
	t.served_ms = 20001;
	node(&self, 1, 1000);
	KUNIT_EXPECT_EQ(test, hpc_bal_turn_to(&bp, &self, &t, p, 1, &m), 0);
}

/*
 * A node running one a CPU, served well, offers a turn to the node whose
 * waiting process was served least; and a node with one waiting takes
 * such news as a reason for a round.
 */
static void balance_turn_is_offered(struct kunit *test)
{
	struct hpc_bal_node self, n[4];
	struct hpc_bal_params bp;

	hpc_bal_defaults(&bp);
	node(&self, 1, 1000);
	self.served_ms = 20001;
	node(&n[0], 2, 2000);
	n[0].served_ms = 3001;
	node(&n[1], 3, 3000);
	n[1].served_ms = 1001;
	node(&n[2], 4, 2000);
	n[2].served_ms = 19000;
	node(&n[3], 5, 1000);
	n[3].served_ms = 1;
	KUNIT_EXPECT_EQ(test, hpc_bal_offer(&bp, &self, n, 4, 1), 1);
	n[1].status &= ~HPC_NODE_UP;
	KUNIT_EXPECT_EQ(test, hpc_bal_offer(&bp, &self, n, 4, 1), 0);
	/* Not ahead of any, waiting itself, or blocked: none. */
	KUNIT_EXPECT_EQ(test, hpc_bal_offer(&bp, &self, &n[2], 2, 1), -1);
	self.load = 2000;
	KUNIT_EXPECT_EQ(test, hpc_bal_offer(&bp, &self, n, 4, 1), -1);
	self.load = 1000;
	self.status |= HPC_NODE_BLOCK;
	KUNIT_EXPECT_EQ(test, hpc_bal_offer(&bp, &self, n, 4, 1), -1);

	/* The news that brings a round on the node with one waiting. */
	node(&self, 1, 2000);
	self.served_ms = 2001;
	node(&n[0], 2, 1000);
	n[0].served_ms = 20001;
	KUNIT_EXPECT_TRUE(test, hpc_bal_news(&bp, &self, &n[0]));
	/* Not for load: a node that polls waits for its next answers. */
	KUNIT_EXPECT_FALSE(test, hpc_bal_load_news(&bp, &self, &n[0]));
	n[0].served_ms = 2101;
	KUNIT_EXPECT_FALSE(test, hpc_bal_news(&bp, &self, &n[0]));
	/* Running three, it sends one for load to a node running one. */
	self.load = 3000;
	KUNIT_EXPECT_TRUE(test, hpc_bal_load_news(&bp, &self, &n[0]));
	KUNIT_EXPECT_TRUE(test, hpc_bal_news(&bp, &self, &n[0]));
	n[0].status |= HPC_NODE_BLOCK;
	KUNIT_EXPECT_FALSE(test, hpc_bal_load_news(&bp, &self, &n[0]));
}

static struct kunit_case hpc_balance_cases[] = {
	KUNIT_CASE(balance_balanced_stays),
	KUNIT_CASE(balance_passing_load_stays),
	KUNIT_CASE(balance_busy_daemon_counts_when_it_lasts),
	KUNIT_CASE(balance_hot_node_sends_one_to_coldest),
	KUNIT_CASE(balance_burst_spreads_in_one_round),
	KUNIT_CASE(balance_young_burst_counts_later),
	KUNIT_CASE(balance_target_admits_only_below),
	KUNIT_CASE(balance_young_demand_unbiased),
	KUNIT_CASE(balance_started_then_slept_no_hog),
	KUNIT_CASE(balance_young_may_hog),
	KUNIT_CASE(balance_lone_hog_stays),
	KUNIT_CASE(balance_stale_news_no_flood),
	KUNIT_CASE(balance_double_landing_passes_on),
	KUNIT_CASE(balance_memory_ushers_right_process),
	KUNIT_CASE(balance_io_guest_goes_home),
	KUNIT_CASE(balance_respects_node_policy),
	KUNIT_CASE(balance_slow_node_sheds),
	KUNIT_CASE(balance_asked_decides_now),
	KUNIT_CASE(balance_blocked_node_takes_no_share),
	KUNIT_CASE(balance_young_start_is_not_io),
	KUNIT_CASE(balance_free_cpu_is_offered),
	KUNIT_CASE(balance_freshest_of_equals),
	KUNIT_CASE(balance_ask_and_answer),
	KUNIT_CASE(balance_turn_to_more_served),
	KUNIT_CASE(balance_turn_admitted_as_seen),
	KUNIT_CASE(balance_served_fold),
	KUNIT_CASE(balance_least_fold),
	KUNIT_CASE(balance_poll_and_turn_to),
	KUNIT_CASE(balance_turn_is_offered),
	{}
};

static struct kunit_suite hpc_balance_suite = {
	.name = "hpc_balance",
	.test_cases = hpc_balance_cases,
};

kunit_test_suite(hpc_balance_suite);

MODULE_DESCRIPTION("KUnit tests for the openMosix balancer");
MODULE_LICENSE("GPL");
