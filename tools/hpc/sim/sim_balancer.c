// SPDX-License-Identifier: GPL-2.0
/*
 * hpcsim: the balancer's round, as bal_round() of hpc/balancer.c runs it.
 *
 * It fills the structs of hpc/balance.h from the node's own vector, its
 * info window (at most SIM_BAL_MAX_NODES up nodes, the lowest-numbered
 * first, as hpc_info_window() walks the xarray) and its tasks, adds the
 * moves it made in the last HPC_BAL_REMEMBER_MS to their targets, takes
 * the tasks in flight out of its own load, and lets hpc_balance() plan.
 *
 * A round in which no task may move, or no other node is known up, is
 * skipped: hpc_balance() plans nothing then (every kind of move needs a
 * movable process and a node of the window).
 */
#include "sim.h"

static void fill_node(struct hpc_bal_node *n, const struct hpc_load_vec *v)
{
	n->node = v->node;
	n->cpus = v->cpus ? v->cpus : 1;
	n->speed = v->speed ? v->speed : HPC_SPEED_REF;
	n->load = v->load;
	n->status = v->status;
	n->mem = v->mem;
	n->tmem = v->tmem;
	n->age_ms = v->age_ms;
	n->served_ms = v->served_ms;
}

/* look() of hpc/balancer.c: this node and the up nodes of its window */
static unsigned int look(struct sim_node *me, struct hpc_bal_node *self,
			 struct hpc_load_vec *vec, struct hpc_bal_node *nodes)
{
	struct hpc_load_vec own;
	unsigned int nr, i;

	node_load_own(me, &own);
	fill_node(self, &own);
	nr = info_window(me, vec, SIM_BAL_MAX_NODES);
	for (i = 0; i < nr; i++)
		fill_node(&nodes[i], &vec[i]);
	return nr;
}

void bal_params(struct hpc_bal_params *bp)
{
	hpc_bal_defaults(bp);
	bp->mem_low = S->p.mem_low;
}

/* mem_short() of hpc/balancer.c */
bool bal_mem_short(const struct sim_node *n)
{
	struct hpc_bal_params bp;
	struct hpc_load_vec own;
	struct hpc_bal_node self;

	bal_params(&bp);
	node_load_own(n, &own);
	fill_node(&self, &own);
	return hpc_bal_mem_short(&bp, &self);
}

static void remember_moves(struct sim_node *me, struct hpc_bal_node *nodes,
			   unsigned int nr)
{
	u64 now = sim_ms();
	unsigned int i, j;

	for (i = 0; i < SIM_BAL_RECENT; i++) {
		struct sim_recent *r = &me->recent[i];

		if (!r->stamp_ms || now - r->stamp_ms > SIM_BAL_REMEMBER_MS)
			continue;
		for (j = 0; j < nr; j++) {
			if (nodes[j].node != r->to)
				continue;
			nodes[j].load += hpc_bal_unit(&nodes[j]);
			nodes[j].mem -= min(nodes[j].mem, r->rss);
		}
	}
}

/* gather() of hpc/balancer.c; @movable: any process may move */
static unsigned int gather(struct sim_node *me, struct hpc_bal_node *self,
			   struct hpc_bal_proc *procs, u32 *tasks,
			   unsigned int max, bool mem_short,
			   const struct hpc_bal_params *bp, bool *movable)
{
	unsigned int n = 0, i;

	*movable = false;
	for (i = 0; i < me->nr_tasks && n < max; i++)
		tasks[n++] = me->tasks[i];
	for (i = 0; i < n; i++) {
		struct hpc_bal_proc *p = &procs[i];
		struct sim_job *job = &S->jobs[tasks[i]];
		bool leaving = job->state == JOB_FLIGHT;

		memset(p, 0, sizeof(*p));
		p->pid = tasks[i] + 1;
		p->home = job->home;
		p->demand = job->demand;
		p->fwd_share = 0;	/* CPU-bound: no calls home */
		p->resident_ms = (S->now - job->arrived_us) / 1000;
		p->cpu_ms = job->cpu_ns / 1000000;
		p->served_ms = job_served_ms(job);
		if (!job->nmigs)
			p->flags |= HPC_BP_NEW;
		if (!mem_short && !leaving && !hpc_bal_may_hog(bp, p) &&
		    p->home == me->id)
			continue;
		p->rss = job->rss;
		if (leaving) {
			/* On its way out already: count it gone. */
			self->load -= min(self->load,
					  hpc_load_normalise(p->demand,
							     self->speed,
							     self->cpus));
			self->mem = min(self->mem + p->rss, self->tmem);
			continue;
		}
		p->flags |= HPC_BP_MOVABLE;
		*movable = true;
	}
	return n;
}

static void record(struct sim_node *me, const struct hpc_bal_move *m,
		   u64 rss)
{
	struct sim_recent *r = &me->recent[me->recent_next++ % SIM_BAL_RECENT];

	r->stamp_ms = sim_ms();
	r->to = m->to;
	r->rss = rss;
	S->st.moves++;
	S->st.moves_why[m->why]++;
}

/* --verbose: a move, with the loads it was planned from */
static void log_move(const struct sim_node *me,
		     const struct hpc_bal_node *self,
		     const struct hpc_bal_node *nodes, unsigned int nr,
		     const struct hpc_bal_move *m, const struct hpc_bal_proc *p)
{
	unsigned int i;

	fprintf(stderr, "%9.3f move job %u %u->%u (%s) demand %u res %u "
		"cpu %llu; self load %u (running %u); window before",
		S->now / 1e6, p->pid - 1, me->id, m->to,
		hpc_bal_why_name(m->why), p->demand, p->resident_ms,
		(unsigned long long)p->cpu_ms, self->load, me->nr_running);
	for (i = 0; i < nr && i < 16; i++)
		fprintf(stderr, " %u:%u", nodes[i].node, nodes[i].load);
	fprintf(stderr, "%s\n", nr > 16 ? " ..." : "");
}

/*
 * ask() of hpc/balancer.c: still busy beyond its CPUs, the node tells
 * HPC_BAL_ASK nodes drawn at random of its load, at most once an
 * info-interval (hpc_info_ask()).
 */
static void ask(struct sim_node *me)
{
	u64 now = sim_ms();
	unsigned int i;
	u16 to;

	if (S->p.nodes < 2 ||
	    (me->ask_ms && now - me->ask_ms < S->p.info_interval))
		return;
	me->ask_ms = now;
	for (i = 0; i < HPC_BAL_ASK; i++) {
		S->st.asks++;
		do
			to = 1 + rng_u32() % S->p.nodes;
		while (to == me->id);
		info_offer(me->id, to);
	}
}

void bal_round(struct sim_node *me)
{
	static struct hpc_load_vec vec[SIM_BAL_MAX_NODES];
	static struct hpc_bal_node nodes[SIM_BAL_MAX_NODES];
	static struct hpc_bal_proc procs[SIM_BAL_MAX_PROCS];
	static u32 tasks[SIM_BAL_MAX_PROCS];
	static struct hpc_bal_node seen[SIM_BAL_MAX_NODES], before;
	struct hpc_bal_move moves[8];
	struct hpc_bal_params bp;
	struct hpc_bal_node self;
	unsigned int nr, np, nm, i;
	bool movable;
	u32 ripe;

	bal_params(&bp);
	nr = look(me, &self, vec, nodes);
	S->st.rounds++;
	remember_moves(me, nodes, nr);
	np = gather(me, &self, procs, tasks, SIM_BAL_MAX_PROCS,
		    hpc_bal_mem_short(&bp, &self), &bp, &movable);
	ripe = hpc_bal_next_ripe(&bp, procs, np);
	me->ripe_ms = ripe ? sim_ms() + ripe : 0;
	if (!movable || !nr)
		return;
	if (S->p.verbose) {
		before = self;
		memcpy(seen, nodes, nr * sizeof(*nodes));
	}
	self.other_was = me->other_was;
	self.had_other = me->had_other;
	nm = hpc_balance(&bp, &self, nodes, nr, procs, np, moves,
			 ARRAY_SIZE(moves));
	me->other_was = self.other;
	me->had_other = true;
	for (i = 0; i < nm; i++) {
		struct hpc_bal_proc *p = &procs[moves[i].proc];

		record(me, &moves[i], p->rss);
		if (S->p.verbose)
			log_move(me, &before, seen, nr, &moves[i], p);
		job_migrate(tasks[moves[i].proc], moves[i].to, moves[i].load,
			    moves[i].turn_ms);
	}
	if (!me->polling && hpc_bal_ask(&self, nr, S->p.nodes - 1))
		ask(me);
}

/* offer() of hpc/balancer.c: a node with a CPU free says so */
void bal_offer(struct sim_node *me)
{
	static struct hpc_load_vec vec[SIM_BAL_MAX_NODES];
	static struct hpc_bal_node nodes[SIM_BAL_MAX_NODES];
	struct hpc_bal_params bp;
	struct hpc_bal_node self;
	unsigned int nr;
	u64 now = sim_ms();
	int to;

	if (me->nr_incoming ||
	    (me->offer_ms && now - me->offer_ms < S->p.info_interval))
		return;
	bal_params(&bp);
	nr = look(me, &self, vec, nodes);
	to = hpc_bal_offer(&bp, &self, nodes, nr, rng_u32());
	if (to < 0)
		return;
	me->offer_ms = now;
	S->st.offers++;
	info_offer(me->id, nodes[to].node);
}

/*
 * poll() of hpc/balancer.c, each sample: more processes here than CPUs,
 * nothing arriving: HPC_BAL_POLL nodes drawn at random are told this
 * node's load, its arrivals counted busy, and its least served
 * process's CPU time (hpc_bal_poll(), hpc_bal_least()).
 */
void bal_poll(struct sim_node *me)
{
	struct hpc_bal_node self;
	struct hpc_load_vec v;
	unsigned int i;
	u32 load;
	u16 to;

	me->polling = false;
	if (S->p.nodes < 2 || me->nr_incoming)
		return;
	node_committed(me, &self);
	load = hpc_bal_poll(&self, me->nr_busy);
	if (!load)
		return;
	me->polling = true;
	node_load_own(me, &v);
	v.load = load;
	v.served_ms = me->least_ms;
	for (i = 0; i < HPC_BAL_POLL; i++) {
		S->st.polls++;
		do
			to = 1 + rng_u32() % S->p.nodes;
		while (to == me->id);
		info_send_vec(me->id, to, &v);
	}
}

/*
 * turn_on_news() of hpc/balancer.c: a node that polled hears of a node
 * (an answer, or its gossip) and plans a turn to it at once
 * (hpc_bal_turn_to()). The kernel's thread wakes for it; here it is
 * done as the news comes. Return: true when a turn was asked for.
 */
static bool turn_on_news(struct sim_node *me, const struct hpc_load_vec *v)
{
	static struct hpc_bal_proc procs[SIM_BAL_MAX_PROCS];
	static u32 tasks[SIM_BAL_MAX_PROCS];
	struct hpc_bal_params bp;
	struct hpc_bal_node self, t;
	struct hpc_load_vec own;
	struct hpc_bal_move m;
	unsigned int np;
	bool movable;

	bal_params(&bp);
	node_load_own(me, &own);
	fill_node(&self, &own);
	fill_node(&t, v);
	np = gather(me, &self, procs, tasks, SIM_BAL_MAX_PROCS, false, &bp,
		    &movable);
	if (!movable || !hpc_bal_turn_to(&bp, &self, &t, procs, np, &m))
		return false;
	record(me, &m, procs[m.proc].rss);
	if (S->p.verbose)
		log_move(me, &self, &t, 1, &m, &procs[m.proc]);
	job_migrate(tasks[m.proc], m.to, m.load, m.turn_ms);
	return true;
}

/*
 * hpc_balancer_news() of hpc/balancer.c: an answer; a turn now, if this
 * node polled and the node could take one; or a round at the next sample?
 */
void bal_news(struct sim_node *me, const struct hpc_load_vec *v)
{
	struct hpc_bal_params bp;
	struct hpc_bal_node self, t;
	struct hpc_load_vec own;
	u64 now = sim_ms();

	bal_params(&bp);
	node_load_own(me, &own);
	fill_node(&self, &own);
	fill_node(&t, v);
	/* A node with work heard: answer with an offer of room at once. */
	if (!me->nr_incoming && hpc_bal_answer(&bp, &self, &t)) {
		me->offer_ms = now;
		S->st.offers++;
		info_offer(me->id, t.node);
		return;
	}
	if (me->polling && !me->nr_incoming &&
	    hpc_bal_may_turn_to(&self, &t)) {
		if (turn_on_news(me, v) || !hpc_bal_load_news(&bp, &self, &t))
			return;
	} else if (!hpc_bal_news(&bp, &self, &t)) {
		return;
	}
	if (!me->ripe_ms || me->ripe_ms > now)
		me->ripe_ms = now;
}
