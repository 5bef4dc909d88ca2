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
