// SPDX-License-Identifier: GPL-2.0
/*
 * hpcsim: the oracle, a bound for the balancer.
 *
 * With --oracle no node balances by itself. Once a second one global
 * round, which sees every node's true state at once, moves jobs from the
 * nodes running the most (arrivals on their way counted) to those
 * running the fewest, while the two differ by two jobs or more: the job
 * with the most work left first. Its moves cost what the balancer's do
 * (the links, move-ms, the latency).
 *
 * With --oracle-blind it does not know the work left, as no node does:
 * it moves the running job that has run the least there, the newest.
 * That is the bound for a balancer that knows everything of the cluster
 * now but nothing of a job's future.
 *
 * Its makespan is about what balancing in rounds can reach with perfect
 * news at that cost. After a burst no balancer reaches the ideal (all
 * the work spread over all the CPUs from the first instant): the jobs
 * wait for their round, travel, and run two to a CPU where the work
 * does not divide evenly. The report gives the balancer's makespan
 * against both.
 *
 * With --turn-oracle K the nodes balance as ever, and once a second the
 * turns are also made for them, from true news of K nodes: a bound for
 * turns (hpc/balance.c, turn()) pulled from a sample, as asks pull them.
 * Each node running more jobs than CPUs, in random order, looks at K
 * nodes drawn at random and sends its most served job to the one, of
 * those running one job and taking none, whose job has had the most CPU
 * time, if that is ahead of its own least served job by the balancer's
 * lead (HPC_BAL_TURN_COST times what the move costs). A node takes one
 * such turn a second. --turn-oracle-settled leaves out, as the news
 * does, the nodes a job arrived at less than HPC_BAL_SETTLE_MS ago.
 */
#include <stdlib.h>
#include "sim.h"

/* Running and arriving jobs of @n, what the oracle evens out. */
static u32 count(const struct sim_node *n)
{
	return n->nr_running + n->nr_incoming;
}

/*
 * The running job of @n with the most work left (blind: the one that has
 * used the least CPU), or -1.
 */
static long longest(struct sim_node *n)
{
	long best = -1;
	u32 i;

	node_advance(n);
	for (i = 0; i < n->nr_tasks; i++) {
		const struct sim_job *job = &S->jobs[n->tasks[i]];

		if (job->state != JOB_RUN)
			continue;
		if (best < 0 ||
		    (S->p.oracle_blind ? job->cpu_ns < S->jobs[best].cpu_ns :
		     job->left > S->jobs[best].left))
			best = n->tasks[i];
	}
	return best;
}

/* Nodes by count: bucket c holds the nodes running c jobs. */
struct buckets {
	u16 **b;
	u32 *nr;
	u32 top;
};

static void put(struct buckets *q, u32 c, u16 id)
{
	q->b[c][q->nr[c]++] = id;
}

static u16 take(struct buckets *q, u32 c)
{
	return q->b[c][--q->nr[c]];
}

void oracle_round(void)
{
	struct buckets q;
	u32 i, lo = 0, hi, c;

	q.top = 0;
	for (i = 1; i <= S->p.nodes; i++)
		q.top = max(q.top, count(node_of(i)));
	if (q.top < 2)
		return;
	q.b = calloc(q.top + 1, sizeof(*q.b));
	q.nr = calloc(q.top + 1, sizeof(*q.nr));
	if (!q.b || !q.nr)
		goto out;
	for (c = 0; c <= q.top; c++) {
		q.b[c] = malloc(S->p.nodes * sizeof(**q.b));
		if (!q.b[c])
			goto out;
	}
	for (i = 1; i <= S->p.nodes; i++)
		put(&q, count(node_of(i)), i);
	hi = q.top;
	for (;;) {
		u16 from, to;
		long j;

		while (lo <= q.top && !q.nr[lo])
			lo++;
		while (hi > 0 && !q.nr[hi])
			hi--;
		if (lo > q.top || hi < lo + 2)
			break;
		from = take(&q, hi);
		to = take(&q, lo);
		j = longest(node_of(from));
		if (j < 0) {
			/* All it runs is on its way: it is done with. */
			put(&q, lo, to);
			continue;
		}
		job_migrate(j, to, 0, 0);
		if (S->jobs[j].state != JOB_FLIGHT) {
			/* No room there: leave both out of this round. */
			continue;
		}
		S->st.moves++;
		S->st.moves_why[HPC_BAL_LOAD]++;
		put(&q, hi - 1, from);
		put(&q, lo + 1, to);
	}
out:
	if (q.b)
		for (c = 0; c <= q.top; c++)
			free(q.b[c]);
	free(q.b);
	free(q.nr);
}

/* A node of the turn oracle's second: its least and most served jobs. */
struct turn_node {
	long least, most;	/* jobs, or -1 */
	bool out;		/* no turn this second: a job is arriving, the
				 * node is unsettled, or it took one */
};

static bool settled(const struct sim_node *n)
{
	return !S->p.turn_oracle_settled || n->served_ms != HPC_BAL_UNSETTLED;
}

static void turn_look(struct sim_node *n, struct turn_node *tn)
{
	u32 i;

	tn->least = -1;
	tn->most = -1;
	tn->out = n->nr_incoming || !settled(n);
	node_advance(n);
	for (i = 0; i < n->nr_tasks; i++) {
		long j = n->tasks[i];
		u32 s = job_served_ms(&S->jobs[j]);

		if (S->jobs[j].state != JOB_RUN)
			continue;
		if (tn->least < 0 || s < job_served_ms(&S->jobs[tn->least]))
			tn->least = j;
		if (tn->most < 0 || s > job_served_ms(&S->jobs[tn->most]))
			tn->most = j;
	}
}

/* Of @k nodes drawn at random, the one @j should turn to, or 0. */
static u16 turn_pick(const struct turn_node *tn, long stay, long j, u32 k)
{
	struct hpc_bal_params bp;
	u64 lead, best = 0;
	u16 to = 0;

	bal_params(&bp);
	lead = HPC_BAL_TURN_COST * hpc_bal_move_cost(&bp, S->jobs[j].rss);
	while (k--) {
		u16 c = 1 + rng_u32() % S->p.nodes;
		const struct sim_node *n = node_of(c);
		u64 had;

		if (n->nr_running != n->cpus || tn[c].out || tn[c].least < 0)
			continue;
		had = job_served_ms(&S->jobs[tn[c].least]);
		if (had < job_served_ms(&S->jobs[stay]) + lead || had <= best)
			continue;
		best = had;
		to = c;
	}
	return to;
}

void turn_oracle(void)
{
	struct turn_node *tn = calloc(S->p.nodes + 1, sizeof(*tn));
	u16 *order = calloc(S->p.nodes, sizeof(*order));
	u32 i, nw = 0;

	if (!tn || !order)
		goto out;
	for (i = 1; i <= S->p.nodes; i++) {
		struct sim_node *n = node_of(i);

		turn_look(n, &tn[i]);
		if (n->nr_running > n->cpus && !tn[i].out &&
		    tn[i].least != tn[i].most)
			order[nw++] = i;
	}
	for (i = nw; i > 1; i--) {
		u32 r = rng_u32() % i;
		u16 x = order[i - 1];

		order[i - 1] = order[r];
		order[r] = x;
	}
	for (i = 0; i < nw; i++) {
		struct turn_node *w = &tn[order[i]];
		u16 to = turn_pick(tn, w->least, w->most, S->p.turn_oracle);

		if (!to)
			continue;
		job_migrate(w->most, to, 0, 0);
		if (S->jobs[w->most].state != JOB_FLIGHT)
			continue;
		tn[to].out = true;
		S->st.moves++;
		S->st.moves_why[HPC_BAL_TURN]++;
	}
out:
	free(tn);
	free(order);
}
