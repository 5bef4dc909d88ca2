// SPDX-License-Identifier: GPL-2.0
/*
 * hpcsim: the machines and the jobs.
 *
 * A node's running jobs share its CPUs (processor sharing: each gets
 * min(1, cpus / running) of a CPU of the node's speed). A node's tasks
 * are its running jobs and the ones leaving it (in flight); a job that
 * left its home leaves a deputy there, a sleeping task whose demand
 * starts at 0 (as in the kernel: hpc_deputy_run()).
 *
 * Mirrored from the kernel:
 *  - sample_demand() of hpc/balancer.c, every 250 ms, by its
 *    hpc_demand_sample(): a running job wants all of a CPU, whatever
 *    share of one it gets, its first window from its start or arrival
 *    to the sample; their sum is the node's load (hpc/load.c:
 *    hpc_load_demand(), hpc_load_own());
 *  - once a second, the run-queue average smoothed by hpc_load_smooth()
 *    (hpc/load.c) and each task's CPU use aged by hpc_stat_decay()
 *    (hpc/decay.c);
 *  - a migrated job arrives as a new task (demand 0, CPU use 0, nmigs
 *    carried over); one coming home is its deputy again.
 *
 * A migration sends the job's rss over the sender's and the receiver's
 * links, then takes move_ms (the fixed cost) and the latency; meanwhile
 * the job makes no progress and is not runnable. Transfers share links:
 * each gets bandwidth / max(transfers leaving its sender, transfers
 * reaching its receiver), recomputed as transfers start and end.
 * hpc_mig_room() is asked at once: a refused job stays.
 */
#include <math.h>
#include <stdlib.h>
#include "sim.h"

static void task_add(struct sim_node *n, u32 j)
{
	GROW(n->tasks, n->nr_tasks, n->cap_tasks);
	S->jobs[j].idx = n->nr_tasks;
	n->tasks[n->nr_tasks++] = j;
}

static void task_del(struct sim_node *n, u32 j)
{
	u32 i = S->jobs[j].idx, last = n->tasks[--n->nr_tasks];

	n->tasks[i] = last;
	S->jobs[last].idx = i;
}

u32 job_served_ms(const struct sim_job *job)
{
	return job->runtime_ns / 1e6 < U32_MAX ?
	       (u32)(job->runtime_ns / 1e6) : U32_MAX;
}

static u32 deputy_take(struct sim_node *n, u32 j)
{
	u32 i, d;

	for (i = 0; i < n->nr_deps; i++) {
		if (n->deps[i].job != j)
			continue;
		d = n->deps[i].demand;
		n->deps[i] = n->deps[--n->nr_deps];
		return d;
	}
	return 0;
}

static void deputy_add(struct sim_node *n, u32 j, u32 demand)
{
	GROW(n->deps, n->nr_deps, n->cap_deps);
	n->deps[n->nr_deps++] = (struct sim_deputy){ j, demand };
}

/* Each running job's share of a CPU, and its progress in reference ms. */
static double share_of(const struct sim_node *n)
{
	return n->nr_running > n->cpus ? (double)n->cpus / n->nr_running : 1;
}

static double rate_of(const struct sim_node *n)
{
	return share_of(n) * n->speed / HPC_SPEED_REF;
}

/* Bring the node's jobs up to now. */
void node_advance(struct sim_node *n)
{
	double dt = (S->now - n->last_us) / 1000.0;	/* ms */
	double rate, share;
	u32 i;

	n->last_us = S->now;
	if (dt <= 0 || !n->nr_running)
		return;
	rate = rate_of(n);
	share = share_of(n);
	n->rq_ms += n->nr_running * dt;
	for (i = 0; i < n->nr_tasks; i++) {
		struct sim_job *job = &S->jobs[n->tasks[i]];

		if (job->state != JOB_RUN)
			continue;
		job->left -= rate * dt;
		job->runtime_ns += share * dt * 1e6;
	}
}

/* The next completion on the node, after a change in its running set. */
void node_reschedule(struct sim_node *n)
{
	double least = -1, rate = rate_of(n);
	u32 i;

	n->epoch++;
	if (!n->nr_running)
		return;
	for (i = 0; i < n->nr_tasks; i++) {
		struct sim_job *job = &S->jobs[n->tasks[i]];

		if (job->state == JOB_RUN && (least < 0 || job->left < least))
			least = job->left;
	}
	if (least < 0) {
		fprintf(stderr, "hpcsim: node %u runs %u jobs it has not\n",
			n->id, n->nr_running);
		exit(2);
	}
	least = least > 0 ? ceil(least / rate * 1000) : 0;
	ev_push(S->now + (u64)least, EV_DONE, n->id, n->epoch);
}

static void job_end(u32 j, bool dropped)
{
	struct sim_job *job = &S->jobs[j];
	struct sim_node *n = node_of(job->node);
	u32 was = n->nr_running;

	task_del(n, j);
	n->nr_running--;
	n->used -= job->rss;
	if (job->node != job->home)
		deputy_take(node_of(job->home), j);
	job->state = JOB_DONE;
	job->end_us = S->now;
	S->jobs_pending--;
	S->st.jobs_done++;
	if (dropped) {
		S->st.dropped_work += job->left > 0 ? job->left : 0;
		S->st.done_work += job->work - (job->left > 0 ? job->left : 0);
	} else {
		S->st.done_work += job->work;
		S->st.longest = fmax(S->st.longest, job->work);
		S->st.last_end_us = S->now;
		if (job->work > 0)
			series_add(&S->st.slowdown,
				   (job->end_us - job->start_us) / 1000.0 /
				   job->work);
	}
	stats_node_changed(n, was);
}

void node_done_event(u16 id, u32 epoch)
{
	struct sim_node *n = node_of(id);
	u32 i;

	if (epoch != n->epoch)
		return;
	node_advance(n);
	for (i = 0; i < n->nr_tasks; ) {
		u32 j = n->tasks[i];

		if (S->jobs[j].state == JOB_RUN && S->jobs[j].left <= 1e-6)
			job_end(j, false);	/* moves another into i */
		else
			i++;
	}
	node_reschedule(n);
}

/* The probe: every job running on @n ends now. */
void node_drop_jobs(struct sim_node *n)
{
	u32 i;

	node_advance(n);
	for (i = 0; i < n->nr_tasks; ) {
		u32 j = n->tasks[i];

		if (S->jobs[j].state == JOB_RUN)
			job_end(j, true);
		else
			i++;
	}
	node_reschedule(n);
}

/* hpc_load_own() of hpc/load.c */
void node_load_own(const struct sim_node *n, struct hpc_load_vec *v)
{
	u64 avail = n->tmem > n->used ? n->tmem - n->used : 0;

	memset(v, 0, sizeof(*v));
	v->node = n->id;
	v->cpus = n->cpus;
	v->speed = n->speed;
	v->load = hpc_load_normalise(n->demand, n->speed, n->cpus);
	v->util = hpc_load_util(n->rq_smooth, n->cpus);
	v->tmem = n->tmem;
	v->mem = min(avail, v->tmem);
	v->rmem = v->mem;
	v->status = HPC_NODE_CONF | HPC_NODE_UP;
	v->served_ms = n->served_ms;
}

u32 job_new(u16 home, double work, u64 rss)
{
	struct sim_job *job;

	GROW(S->jobs, S->nr_jobs, S->cap_jobs);
	job = &S->jobs[S->nr_jobs];
	memset(job, 0, sizeof(*job));
	job->home = home;
	job->node = home;
	job->state = JOB_WAIT;
	job->work = work;
	job->left = work;
	job->rss = rss;
	S->jobs_pending++;
	S->st.jobs_total++;
	return S->nr_jobs++;
}

void job_start(u32 j)
{
	struct sim_job *job = &S->jobs[j];
	struct sim_node *n = node_of(job->home);
	u32 was = n->nr_running;

	node_advance(n);
	job->state = JOB_RUN;
	job->start_us = S->now;
	job->arrived_us = S->now;
	task_add(n, j);
	n->nr_running++;
	n->used += job->rss;
	node_reschedule(n);
	stats_node_changed(n, was);
}

/* hpc_mig_room() of hpc/balancer.c, on the receiver */
static bool mig_room(const struct sim_node *t, u64 rss)
{
	u64 used = t->used + t->incoming;
	u64 avail = t->tmem > used ? (t->tmem - used) / SIM_PAGE : 0;
	u64 low = t->tmem / SIM_PAGE * S->p.mem_low / 2000;

	return avail > 0 && avail > rss / SIM_PAGE + low;
}

/* --- links -------------------------------------------------------------- */

static void xfer_progress(struct sim_job *job)
{
	job->xfer_left -= job->xfer_rate * (S->now - job->xfer_last);
	job->xfer_last = S->now;
}

/* A transfer's share, and when it ends at that share. */
static void xfer_rate(u32 j)
{
	struct sim_job *job = &S->jobs[j];
	const struct sim_node *from = node_of(job->node);
	const struct sim_node *to = node_of(job->target);
	u32 k = max(from->nr_xout, to->nr_xin);
	double us;

	xfer_progress(job);
	job->xfer_rate = S->p.bandwidth / 1e6 / max(k, 1u);
	us = job->xfer_left > 0 ? ceil(job->xfer_left / job->xfer_rate) : 0;
	ev_push(S->now + (u64)us, EV_XFER, j, ++job->xfer_epoch);
}

/* The transfers on @n's links changed: new shares for them all. */
static void xfer_reshare(const struct sim_node *n)
{
	u32 i;

	for (i = 0; i < n->nr_xout; i++)
		xfer_rate(n->xout[i]);
	for (i = 0; i < n->nr_xin; i++)
		xfer_rate(n->xin[i]);
}

static void xfer_start(u32 j)
{
	struct sim_job *job = &S->jobs[j];
	struct sim_node *from = node_of(job->node), *to = node_of(job->target);

	job->xfer_left = job->rss;
	job->xfer_rate = 0;
	job->xfer_last = S->now;
	GROW(from->xout, from->nr_xout, from->cap_xout);
	job->out_idx = from->nr_xout;
	from->xout[from->nr_xout++] = j;
	GROW(to->xin, to->nr_xin, to->cap_xin);
	job->in_idx = to->nr_xin;
	to->xin[to->nr_xin++] = j;
	xfer_reshare(from);
	xfer_reshare(to);
}

void xfer_done(u32 j, u32 epoch)
{
	struct sim_job *job = &S->jobs[j];
	struct sim_node *from = node_of(job->node), *to = node_of(job->target);
	u32 last;

	if (epoch != job->xfer_epoch)
		return;
	last = from->xout[--from->nr_xout];
	from->xout[job->out_idx] = last;
	S->jobs[last].out_idx = job->out_idx;
	last = to->xin[--to->nr_xin];
	to->xin[job->in_idx] = last;
	S->jobs[last].in_idx = job->in_idx;
	job->xfer_epoch++;
	xfer_reshare(from);
	xfer_reshare(to);
	ev_push(S->now + (u64)((S->p.move_ms + S->p.latency_ms) * 1000),
		EV_MIG, j, 0);
}

/*
 * committed_load() of hpc/balancer.c, and the arrivals on their way
 * (hpc_mig_admit()): @t's load with what arrived too lately to show
 * whole and what is arriving counted busy.
 */
void node_committed(const struct sim_node *t, struct hpc_bal_node *self)
{
	struct hpc_load_vec v;
	u32 i;

	node_load_own(t, &v);
	memset(self, 0, sizeof(*self));
	self->node = v.node;
	self->cpus = v.cpus;
	self->speed = v.speed;
	self->status = v.status;
	self->mem = v.mem;
	self->tmem = v.tmem;
	self->load = v.load + t->nr_incoming * hpc_bal_unit(self);
	for (i = 0; i < t->nr_tasks; i++) {
		const struct sim_job *job = &S->jobs[t->tasks[i]];

		if (job->nmigs && job->state == JOB_RUN &&
		    S->now - job->arrived_us < HPC_BAL_SHOW_MS * 1000)
			self->load += hpc_bal_settling(self, job->demand);
	}
}

/*
 * hpc_mig_admit() of hpc/balancer.c, on the receiver: its load, with the
 * arrivals on their way and those too recent to show whole counted busy;
 * crowded when another node's job was admitted for load within the
 * settle time.
 */
static bool mig_admit(struct sim_node *t, u32 from_load, u32 turn_ms,
		      u16 from)
{
	struct hpc_bal_node self;
	bool crowded;

	if (!from_load)
		return true;
	node_committed(t, &self);
	crowded = t->adm_us && t->adm_from != from &&
		  S->now - t->adm_us < HPC_BAL_SETTLE_MS * 1000;
	self.served_ms = t->served_ms;
	if (turn_ms ? !hpc_bal_admit_turn(&self, turn_ms, crowded) :
	    !hpc_bal_admit(&self, from_load, crowded))
		return false;
	t->adm_from = from;
	t->adm_us = S->now;
	return true;
}

/*
 * gave_up() of hpc/balancer.c: the sender's next sample finds the job
 * still there and runs a round (the refusal is known at once here, one
 * round trip later in the kernel: within the same sample).
 */
static void gave_up(struct sim_node *n)
{
	n->ripe_ms = sim_ms();
}

/* The job was asked to move to @to (hpc_mig_request()) and goes. */
void job_migrate(u32 j, u16 to, u32 from_load, u32 turn_ms)
{
	struct sim_job *job = &S->jobs[j];
	struct sim_node *n = node_of(job->node), *t = node_of(to);
	u32 was = n->nr_running;

	if (!mig_room(t, job->rss)) {
		S->st.refused++;
		gave_up(n);
		return;
	}
	if (S->p.admit && !mig_admit(t, from_load, turn_ms, n->id)) {
		S->st.refused_busy++;
		gave_up(n);
		return;
	}
	node_advance(n);
	job->state = JOB_FLIGHT;
	job->target = to;
	n->nr_running--;
	node_reschedule(n);
	t->incoming += job->rss;
	t->nr_incoming++;
	xfer_start(j);
	stats_node_changed(n, was);
}

static void arrive_at(struct sim_job *job, u32 j, struct sim_node *t)
{
	u32 was = t->nr_running;
	u64 away;

	node_advance(t);
	t->incoming -= job->rss;
	t->nr_incoming--;
	if (t->id == job->home) {
		/* Its deputy is the process again, with its past. */
		job->demand = deputy_take(t, j);
		away = (S->now - job->left_home_us) / 1000000;
		job->cpu_ns = job->home_cpu_ns;
		while (away--)
			job->cpu_ns = hpc_decay(job->cpu_ns, S->p.slow_decay);
	} else {
		job->demand = 0;
		job->cpu_ns = 0;
	}
	job->last_runtime_ns = job->runtime_ns;
	job->nmigs++;
	job->arrived_us = S->now;
	job->node = t->id;
	job->state = JOB_RUN;
	task_add(t, j);
	t->nr_running++;
	t->used += job->rss;
	node_reschedule(t);
	S->st.migrations++;
	if (t->started_empty && !t->got_first) {
		t->got_first = true;
		series_add(&S->st.first_job, (S->now / 1e6) - S->p.burst_at_s);
	}
	stats_node_changed(t, was);
}

void job_arrive(u32 j)
{
	struct sim_job *job = &S->jobs[j];
	struct sim_node *from = node_of(job->node);

	/* The sender: the task left; at home, its deputy stays. */
	task_del(from, j);
	from->used -= job->rss;
	if (from->id == job->home) {
		deputy_add(from, j, 0);
		job->home_cpu_ns = job->cpu_ns;
		job->left_home_us = S->now;
	}
	arrive_at(job, j, node_of(job->target));
	stats_node_changed(from, from->nr_running);
}

/*
 * sample_demand() of hpc/balancer.c, and once a second what hpc/load.c
 * and hpc/decay.c do each second.
 */
static void sample_demand(struct sim_node *n)
{
	const u64 window = HPC_BAL_SAMPLE_MS * 1000000ull;
	struct hpc_bal_params bp;
	u32 i, sum = 0, ripe = 0, r, served = 0, least = 0, busy = 0;

	bal_params(&bp);
	node_advance(n);
	for (i = 0; i < n->nr_tasks; i++) {
		struct sim_job *job = &S->jobs[n->tasks[i]];
		/* From its start or arrival, if later than the last sample. */
		u64 w = min(window, (S->now - job->arrived_us) * 1000ull);
		u64 run = job->state == JOB_RUN ? w : 0;
		struct hpc_bal_proc p;

		job->demand = hpc_demand_sample(job->demand, run, 0, w);
		sum += job->demand;
		if (job->state != JOB_RUN)
			continue;
		p = (struct hpc_bal_proc) {
			.demand = job->demand,
			.served_ms = job_served_ms(job),
			.resident_ms = (S->now - job->arrived_us) / 1000,
			.flags = job->nmigs ? 0 : HPC_BP_NEW,
		};
		served = hpc_bal_served(&bp, served, &p);
		least = hpc_bal_least(&bp, least, &p);
		if (hpc_bal_may_hog(&bp, &p))
			busy++;
		/* ripe_in() of hpc/balancer.c */
		if (job->nmigs)
			continue;
		r = hpc_bal_ripe_in(&bp, &p);
		if (r && (!ripe || r < ripe))
			ripe = r;
	}
	n->served_ms = served;
	n->least_ms = least;
	n->nr_busy = busy;
	if (ripe && (!n->ripe_ms || sim_ms() + ripe < n->ripe_ms))
		n->ripe_ms = sim_ms() + ripe;
	for (i = 0; i < n->nr_deps; ) {
		struct sim_deputy *d = &n->deps[i];

		d->demand = 3 * d->demand / 4;
		sum += d->demand;
		if (!d->demand)
			*d = n->deps[--n->nr_deps];
		else
			i++;
	}
	n->demand = sum;
}

static void each_second(struct sim_node *n)
{
	u32 i;

	n->rq_smooth = hpc_load_smooth(n->rq_smooth, (u32)n->rq_ms);
	n->rq_ms = 0;
	for (i = 0; i < n->nr_tasks; i++) {
		struct sim_job *job = &S->jobs[n->tasks[i]];
		double delta = job->runtime_ns - job->last_runtime_ns;

		job->cpu_ns = hpc_stat_decay(job->cpu_ns,
					     delta > 0 ? (u64)delta : 0,
					     S->p.slow_decay);
		job->last_runtime_ns = job->runtime_ns;
	}
}

/* hpc_balancer_thread(): one wake-up */
void node_sample(u16 id)
{
	struct sim_node *n = node_of(id);
	u64 now = sim_ms();

	node_advance(n);
	sample_demand(n);
	if (++n->samples % (1000 / SIM_BAL_SAMPLE_MS) == n->decay_phase)
		each_second(n);
	if (!S->p.balance || S->p.oracle)
		return;
	bal_offer(n);
	bal_poll(n);
	if (now < n->next_round_ms && !bal_mem_short(n) &&
	    (!n->ripe_ms || now < n->ripe_ms))
		return;
	n->next_round_ms = now + S->p.balance_interval;
	bal_round(n);
}

void node_free(struct sim_node *n)
{
	free(n->tasks);
	free(n->deps);
	free(n->known);
	free(n->fresh);
	free(n->xout);
	free(n->xin);
	free(n->tracers);
}

/* The books of every node must balance; exit 3 when they do not. */
void node_verify(void)
{
	u64 *incoming = xcalloc(S->p.nodes + 1, sizeof(*incoming));
	u32 id, i, bad = 0;

	for (i = 0; i < S->nr_jobs; i++)
		if (S->jobs[i].state == JOB_FLIGHT)
			incoming[S->jobs[i].target] += S->jobs[i].rss;
	for (id = 1; id <= S->p.nodes; id++) {
		struct sim_node *n = node_of(id);
		u64 used = S->p.base_mem;
		u32 running = 0;

		for (i = 0; i < n->nr_tasks; i++) {
			struct sim_job *job = &S->jobs[n->tasks[i]];

			running += job->state == JOB_RUN;
			used += job->rss;
			if (job->node != id || job->idx != i ||
			    (job->state != JOB_RUN && job->state != JOB_FLIGHT))
				bad++;
		}
		if (running != n->nr_running || used != n->used ||
		    incoming[id] != n->incoming)
			bad++;
	}
	free(incoming);
	if (bad) {
		fprintf(stderr, "hpcsim: %u inconsistencies in the nodes\n",
			bad);
		exit(3);
	}
}
