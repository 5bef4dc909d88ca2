// SPDX-License-Identifier: GPL-2.0
/*
 * hpcsim: a discrete-event scale simulator of openMosix load balancing.
 *
 * N nodes run the kernel's own pure logic (hpc/smooth.c, hpc/gossip.c,
 * hpc/balance.c, hpc/wire.c, compiled in unchanged) around a model of
 * their CPUs, memory, links and CPU-bound jobs, and the simulator
 * reports what the gossip costs and how stale it is, how soon an idle
 * node gets work, how a burst spreads and how far news of a load change
 * travels. See README.md for what is modelled and what is not.
 *
 *   hpcsim [options]          one run per --nodes value, a text table
 *   hpcsim --json ...         the same as JSON
 *   hpcsim --check            a small scenario; exit 1 when it fails
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>
#include <sys/resource.h>
#include "sim.h"

struct sim *S;

/* What one run reports. */
struct sim_result {
	u32 nodes;
	u32 jobs;
	double sim_s, wall_s, rss_mb;
	double msgs, bytes, lost;		/* per node per second */
	double offers;				/* of them, offers of room */
	double asks;				/* and asks for room */
	double polls;				/* and polls for turns */
	double age50, age95;			/* ms */
	double known, up, window;
	double all_known_s;
	double each_knows_s;
	double seen[3][2];			/* 50/95/100%: median, p95 */
	u32 tracers;
	double idle50, idle95;
	u32 idle_n, idle_never;
	u64 idle_censored;
	double first50, first95;
	u32 first_n, first_never;
	double makespan, ideal;
	double migs_per_job;
	u64 moves, turns, refused, refused_busy, rounds;
	double slowdown50, slowdown95;
	u32 done;
};

static void defaults(struct sim_params *p)
{
	memset(p, 0, sizeof(*p));
	p->nodes = 8;
	p->seed = 1;
	p->duration_s = 60;
	p->workload = WL_BURST;
	p->cpus = 1;
	p->speed = HPC_SPEED_REF;
	p->mem = 512 * SIM_MB;
	p->base_mem = 64 * SIM_MB;
	p->latency_ms = 0.5;
	p->bandwidth = 12.5e6;
	p->move_ms = 200;
	p->info_interval = 1000;	/* hpc/hpcadmin.c */
	p->down_after = 5;
	p->balance_interval = 1000;
	p->mem_low = 100;
	p->slow_decay = 975;
	p->balance = true;
	p->admit = true;
	p->work_ms = 10000;
	p->work_spread = 0.5;
	p->rss = 2 * SIM_MB;
	p->mem_rss = 160 * SIM_MB;
	p->jobs_per_node = 2;
	p->burst_frac = 0.1;
	p->rate = 0.05;
	p->arrive_for_s = 30;
	p->burst_at_s = 10;
	p->warmup_s = 10;
	p->probe_at_s = 20;
	p->trace_every_s = 1;
	p->age_observers = 1000;
	p->trace_until_s = -1;
}

static u64 splitmix(u64 *x)
{
	u64 z = (*x += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static double job_work(void)
{
	double s = S->p.work_spread;

	return S->p.work_ms * (1 - s + 2 * s * rng_unit());
}

static u64 job_rss(bool *heavy)
{
	*heavy = S->p.mem_jobs > 0 && rng_unit() < S->p.mem_jobs;
	return *heavy ? S->p.mem_rss : S->p.rss;
}

/* The burst: the jobs, round robin over K nodes, all at burst_at. */
static void make_burst(void)
{
	struct sim_params *p = &S->p;
	u32 jobs = p->jobs ? p->jobs :
		   (u32)lround(p->jobs_per_node * p->nodes);
	u32 k = (u32)lround(p->burst_frac * p->nodes), i;
	u64 at = (u64)(p->burst_at_s * 1e6);

	k = min(max(k, 1u), p->nodes);
	for (i = 1; i <= p->nodes; i++)
		node_of(i)->started_empty = true;
	for (i = 0; i < jobs; i++) {
		u32 slot = i % k;
		u16 home = p->burst_first ? 1 + slot :
			   1 + (u32)((u64)slot * p->nodes / k);
		bool heavy;
		double work = job_work();
		u64 rss = job_rss(&heavy);
		u32 j = job_new(home, work, rss);

		S->jobs[j].heavy = heavy;
		node_of(home)->started_empty = false;
		ev_push(at, EV_JOB, j, 0);
	}
}

/* Poisson arrivals at random nodes: the next one. */
static void next_arrival(void)
{
	double rate = S->p.rate * S->p.nodes;	/* per second */
	double gap;

	if (rate <= 0)
		return;
	gap = -log(1 - rng_unit()) / rate;
	if (S->now + gap * 1e6 >= S->p.arrive_for_s * 1e6)
		return;
	ev_push(S->now + (u64)(gap * 1e6), EV_JOB, 0, 1);
}

static void poisson_job(void)
{
	u16 home = 1 + rng_u32() % S->p.nodes;
	double work = job_work();
	bool heavy;
	u64 rss = job_rss(&heavy);
	u32 j = job_new(home, work, rss);

	S->jobs[j].heavy = heavy;
	job_start(j);
	next_arrival();
}

/* The probe: K loaded nodes, picked at random, lose all their jobs. */
static void probe(void)
{
	u32 left = S->p.probes, tries = 0;

	if (S->p.probe_frac > 0)
		left = max(1u, (u32)lround(S->p.probe_frac * S->p.nodes));

	while (left && tries++ < 100 * S->p.nodes) {
		struct sim_node *n = node_of(1 + rng_u32() % S->p.nodes);

		if (!n->nr_running)
			continue;
		node_drop_jobs(n);
		left--;
	}
}

static void setup(const struct sim_params *p)
{
	u64 x = p->seed;
	u32 i;

	S = xcalloc(1, sizeof(*S));
	S->p = *p;
	for (i = 0; i < 4; i++)
		S->rng[i] = splitmix(&x);
	S->nodes = xcalloc(p->nodes + 1, sizeof(*S->nodes));
	S->all = xcalloc(p->nodes + 1, sizeof(*S->all));
	S->st.age_hist = xcalloc(SIM_AGE_BUCKETS, sizeof(*S->st.age_hist));
	S->st.first_known_all_s = -1;
	S->st.first_each_knows_s = -1;
	info_init();
	for (i = 1; i <= p->nodes; i++) {
		struct sim_node *n = node_of(i);

		n->id = i;
		n->cpus = p->cpus;
		n->speed = p->speed;
		n->tmem = p->mem;
		n->used = p->base_mem;
		n->decay_phase = rng_u32() % (1000 / SIM_BAL_SAMPLE_MS);
		S->all[i - 1] = i;
		/* Threads start at boot, at random phases. */
		ev_push(rng_u32() % (p->info_interval * 1000ull), EV_INFO,
			i, 0);
		ev_push(rng_u32() % (SIM_BAL_SAMPLE_MS * 1000ull), EV_SAMPLE,
			i, 0);
	}
	if (p->workload == WL_BURST)
		make_burst();
	else
		next_arrival();
	ev_push(1000000, EV_STATS, 0, 0);
	if (p->trace_every_s > 0)
		ev_push((u64)(p->warmup_s * 1e6), EV_TRACE, 0, 0);
	if (p->probes || p->probe_frac > 0)
		ev_push((u64)(p->probe_at_s * 1e6), EV_PROBE, 0, 0);
	S->end_us = (u64)(p->duration_s * 1e6);
	S->trace_until_us = (u64)((p->trace_until_s < 0 ? p->duration_s / 2 :
				   p->trace_until_s) * 1e6);
	if (p->until_done)
		S->end_us *= 20;	/* a bound, should it never end */
}

/* All the work there will be is done. */
static bool all_done(void)
{
	if (S->jobs_pending)
		return false;
	return S->p.workload == WL_BURST ||
	       S->now >= S->p.arrive_for_s * 1e6;
}

static void dispatch(const struct sim_event *e)
{
	u64 period;

	switch (e->type) {
	case EV_INFO:
		info_tick(e->a);
		period = (u64)S->p.info_interval * 1000;
		ev_push(S->now + period, EV_INFO, e->a, 0);
		break;
	case EV_SAMPLE:
		node_sample(e->a);
		ev_push(S->now + SIM_BAL_SAMPLE_MS * 1000, EV_SAMPLE, e->a, 0);
		break;
	case EV_MSG:
		info_recv(e->a);
		break;
	case EV_DONE:
		node_done_event(e->a, e->b);
		break;
	case EV_XFER:
		xfer_done(e->a, e->b);
		break;
	case EV_MIG:
		job_arrive(e->a);
		break;
	case EV_JOB:
		if (e->b)
			poisson_job();
		else
			job_start(e->a);
		break;
	case EV_STATS:
		stats_sample();
		if (S->p.balance && S->p.oracle)
			oracle_round();
		else if (S->p.balance && S->p.turn_oracle)
			turn_oracle();
		ev_push(S->now + 1000000, EV_STATS, 0, 0);
		break;
	case EV_TRACE:
		if (S->now > S->trace_until_us)
			break;
		tracer_start();
		period = max((u64)(S->p.trace_every_s * 1e6), 1000ull);
		ev_push(S->now + period, EV_TRACE, 0, 0);
		break;
	case EV_PROBE:
		probe();
		break;
	}
}

static void run(void)
{
	struct sim_event e;

	while (ev_pop(&e)) {
		if (e.t > S->end_us) {
			S->now = S->end_us;
			break;
		}
		S->now = e.t;
		dispatch(&e);
		if (S->p.until_done && all_done())
			break;
	}
}

static double wall_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double peak_rss_mb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss / 1024.0;
}

/* The ideal makespan: all the work over all the capacity, or the longest. */
static double ideal_makespan(void)
{
	double cap = (double)S->p.nodes * S->p.cpus * S->p.speed /
		     HPC_SPEED_REF;
	double one = (double)S->p.speed / HPC_SPEED_REF;
	double total = S->st.done_work;

	return fmax(total / cap, S->st.longest / one) / 1000;
}

static void tracer_results(struct sim_result *r)
{
	struct sim_series s[3] = { 0 };
	u32 i, k;

	for (i = 0; i < S->st.nr_tracers; i++) {
		const struct sim_tracer *t = &S->st.tracers[i];
		double v[3] = { t->t50, t->t95, t->t100 };

		for (k = 0; k < 3; k++) {
			if (v[k] < 0)
				series_add_inf(&s[k]);
			else
				series_add(&s[k], v[k]);
		}
	}
	for (k = 0; k < 3; k++) {
		r->seen[k][0] = series_pct(&s[k], 50);
		r->seen[k][1] = series_pct(&s[k], 95);
		free(s[k].v);
	}
	r->tracers = S->st.nr_tracers;
}

static void collect(struct sim_result *r, double wall)
{
	struct sim_stats *st = &S->st;
	double secs = S->now / 1e6, per = secs * S->p.nodes;
	u32 i;

	/* Waits still going on, nodes never reached: never. */
	for (i = 1; i <= S->p.nodes; i++) {
		struct sim_node *n = node_of(i);

		if (n->waiting)
			series_add_inf(&st->idle_wait);
		if (S->p.workload == WL_BURST && n->started_empty &&
		    !n->got_first)
			series_add_inf(&st->first_job);
	}
	memset(r, 0, sizeof(*r));
	r->nodes = S->p.nodes;
	r->jobs = st->jobs_total;
	r->done = st->jobs_done;
	r->sim_s = secs;
	r->wall_s = wall;
	r->rss_mb = peak_rss_mb();
	r->msgs = st->info_msgs / per;
	r->offers = st->offers / per;
	r->asks = st->asks / per;
	r->polls = st->polls / per;
	r->bytes = st->info_bytes / per;
	r->lost = st->info_lost / per;
	r->age50 = age_pct(50);
	r->age95 = age_pct(95);
	r->known = st->frac_samples ? st->known_sum / st->frac_samples : NAN;
	r->up = st->frac_samples ? st->up_sum / st->frac_samples : NAN;
	r->window = st->frac_samples ? st->window_sum / st->frac_samples :
		    NAN;
	r->all_known_s = st->first_known_all_s;
	r->each_knows_s = st->first_each_knows_s;
	tracer_results(r);
	r->idle50 = series_pct(&st->idle_wait, 50);
	r->idle95 = series_pct(&st->idle_wait, 95);
	r->idle_n = st->idle_wait.n;
	r->idle_never = st->idle_wait.inf;
	r->idle_censored = st->idle_censored;
	r->first50 = series_pct(&st->first_job, 50);
	r->first95 = series_pct(&st->first_job, 95);
	r->first_n = st->first_job.n;
	r->first_never = st->first_job.inf;
	r->ideal = ideal_makespan();
	r->makespan = S->jobs_pending ? INFINITY :
		      st->last_end_us / 1e6 - S->p.burst_at_s;
	r->migs_per_job = st->jobs_total ?
			  (double)st->migrations / st->jobs_total : 0;
	r->moves = st->moves;
	r->turns = st->moves_why[HPC_BAL_TURN];
	r->refused = st->refused;
	r->refused_busy = st->refused_busy;
	r->rounds = st->rounds;
	r->slowdown50 = series_pct(&st->slowdown, 50);
	r->slowdown95 = series_pct(&st->slowdown, 95);
}

/* --verbose: the jobs left at the end */
static void log_unfinished(void)
{
	static const char * const state[] = { "waiting", "running",
					       "moving", "done" };
	u32 i;

	for (i = 0; i < S->nr_jobs; i++) {
		const struct sim_job *j = &S->jobs[i];

		if (j->state == JOB_DONE)
			continue;
		fprintf(stderr, "left: job %u %s on %u (to %u, home %u), "
			"%.0f of %.0f ms to do, %u moves, rss %llu MB, "
			"%u running there since %.1f s\n", i, state[j->state],
			j->node, j->target, j->home, j->left, j->work,
			j->nmigs, (unsigned long long)(j->rss / SIM_MB),
			node_of(j->node)->nr_running, j->arrived_us / 1e6);
	}
}

static void teardown(void)
{
	u32 i;

	for (i = 1; i <= S->p.nodes; i++)
		node_free(node_of(i));
	free(S->nodes);
	free(S->all);
	free(S->jobs);
	free(S->waiters);
	free(S->st.age_hist);
	free(S->st.idle_wait.v);
	free(S->st.first_job.v);
	free(S->st.slowdown.v);
	free(S->st.tracers);
	info_free_all();
	ev_free_all();
	free(S);
	S = NULL;
}

static void simulate(const struct sim_params *p, struct sim_result *r)
{
	double t0 = wall_now();

	setup(p);
	run();
	node_verify();
	if (p->verbose)
		log_unfinished();
	collect(r, wall_now() - t0);
	teardown();
}

/* --- output ------------------------------------------------------------ */

static void cell(double v, const char *fmt)
{
	char buf[32];

	if (isnan(v))
		snprintf(buf, sizeof(buf), "-");
	else if (isinf(v))
		snprintf(buf, sizeof(buf), "never");
	else
		snprintf(buf, sizeof(buf), fmt, v);
	printf(" %11s", buf);
}

#define ROW(title, fmt, expr) do {					\
	printf("%-34s", title);						\
	for (i = 0; i < nr; i++) {					\
		const struct sim_result *x = &r[i];			\
		cell((expr), fmt);					\
	}								\
	printf("\n");							\
} while (0)

static void print_table(const struct sim_params *p,
			const struct sim_result *r, unsigned int nr)
{
	unsigned int i;

	if (p->workload == WL_BURST && p->jobs)
		printf("burst: %u jobs", p->jobs);
	else if (p->workload == WL_BURST)
		printf("burst: %g jobs/node", p->jobs_per_node);
	if (p->workload == WL_BURST)
		printf(" at %g s on %g%% of the nodes%s", p->burst_at_s,
		       p->burst_frac * 100,
		       p->burst_first ? " (the first ones)" : "");
	else
		printf("poisson: %g jobs/node/s for %g s", p->rate,
		       p->arrive_for_s);
	printf("; work %g ms +-%g%%, rss %g MB", p->work_ms,
	       p->work_spread * 100, (double)p->rss / SIM_MB);
	if (p->mem_jobs > 0)
		printf(" (%g%% of %g MB)", p->mem_jobs * 100,
		       (double)p->mem_rss / SIM_MB);
	printf("; seed %llu\n", (unsigned long long)p->seed);
	if (p->probe_frac > 0)
		printf("probe: %g%% of the nodes (at least one), loaded, lose "
		       "their jobs at %g s\n", p->probe_frac * 100,
		       p->probe_at_s);
	else if (p->probes)
		printf("probe: %u loaded nodes lose their jobs at %g s\n",
		       p->probes, p->probe_at_s);
	ROW("nodes", "%.0f", (double)x->nodes);
	ROW("jobs (done)", "%.0f", (double)x->jobs);
	ROW("", "(%.0f)", (double)x->done);
	ROW("simulated s", "%.1f", x->sim_s);
	ROW("wall s", "%.2f", x->wall_s);
	ROW("peak RSS MB (process)", "%.0f", x->rss_mb);
	ROW("info msgs /node/s", "%.3f", x->msgs);
	ROW("  of them offers of room", "%.3f", x->offers);
	ROW("  and asks for room", "%.3f", x->asks);
	ROW("  and polls for turns", "%.3f", x->polls);
	ROW("info bytes /node/s", "%.0f", x->bytes);
	ROW("info age median ms", "%.0f", x->age50);
	ROW("info age p95 ms", "%.0f", x->age95);
	ROW("pairs known %", "%.1f", 100 * x->known);
	ROW("pairs up (age <= down-after) %", "%.1f", 100 * x->up);
	ROW("balancer window, nodes", "%.1f", x->window);
	ROW("each node knows another at s", "%.1f",
	    x->each_knows_s < 0 ? NAN : x->each_knows_s);
	ROW("all pairs known at s", "%.0f",
	    x->all_known_s < 0 ? NAN : x->all_known_s);
	ROW("load change seen by 50%: med s", "%.1f", x->seen[0][0]);
	ROW("                         p95 s", "%.1f", x->seen[0][1]);
	ROW("load change seen by 95%: med s", "%.1f", x->seen[1][0]);
	ROW("                         p95 s", "%.1f", x->seen[1][1]);
	ROW("load change seen by all: med s", "%.1f", x->seen[2][0]);
	ROW("                         p95 s", "%.1f", x->seen[2][1]);
	ROW("  (tracers)", "%.0f", (double)x->tracers);
	ROW("idle node gets work: median s", "%.2f", x->idle50);
	ROW("                     p95 s", "%.2f", x->idle95);
	ROW("  (got work / never / moot)", "%.0f", (double)x->idle_n);
	ROW("", "/%.0f", (double)x->idle_never);
	ROW("", "/%.0f", (double)x->idle_censored);
	if (p->workload == WL_BURST) {
		ROW("empty node's first job: med s", "%.2f", x->first50);
		ROW("                        p95 s", "%.2f", x->first95);
		ROW("  (reached / never)", "%.0f", (double)x->first_n);
		ROW("", "/%.0f", (double)x->first_never);
		ROW("makespan s", "%.1f", x->makespan);
		ROW("ideal s", "%.1f", x->ideal);
		ROW("makespan / ideal", "%.2f", x->makespan / x->ideal);
	}
	ROW("job slowdown median", "%.2f", x->slowdown50);
	ROW("job slowdown p95", "%.2f", x->slowdown95);
	ROW("migrations per job", "%.2f", x->migs_per_job);
	ROW("moves planned", "%.0f", (double)x->moves);
	ROW("of them turns", "%.0f", (double)x->turns);
	ROW("moves refused (no room)", "%.0f", (double)x->refused);
	ROW("moves refused (target busy)", "%.0f", (double)x->refused_busy);
}

static void jnum(const char *key, double v, bool comma)
{
	if (isnan(v) || isinf(v))
		printf("\"%s\": null", key);
	else
		printf("\"%s\": %.6g", key, v);
	printf(comma ? ", " : "");
}

static void print_json(const struct sim_params *p,
		       const struct sim_result *r, unsigned int nr)
{
	unsigned int i;

	printf("{\"workload\": \"%s\", \"seed\": %llu, \"runs\": [\n",
	       p->workload == WL_BURST ? "burst" : "poisson",
	       (unsigned long long)p->seed);
	for (i = 0; i < nr; i++) {
		const struct sim_result *x = &r[i];

		printf("  {");
		jnum("nodes", x->nodes, true);
		jnum("jobs", x->jobs, true);
		jnum("jobs_done", x->done, true);
		jnum("sim_s", x->sim_s, true);
		jnum("wall_s", x->wall_s, true);
		jnum("peak_rss_mb", x->rss_mb, true);
		jnum("info_msgs_per_node_s", x->msgs, true);
		jnum("offers_per_node_s", x->offers, true);
		jnum("asks_per_node_s", x->asks, true);
		jnum("polls_per_node_s", x->polls, true);
		jnum("info_bytes_per_node_s", x->bytes, true);
		jnum("info_lost_per_node_s", x->lost, true);
		jnum("age_median_ms", x->age50, true);
		jnum("age_p95_ms", x->age95, true);
		jnum("known_frac", x->known, true);
		jnum("up_frac", x->up, true);
		jnum("window_nodes", x->window, true);
		jnum("each_knows_s", x->each_knows_s < 0 ? NAN :
		     x->each_knows_s, true);
		jnum("all_known_s", x->all_known_s < 0 ? NAN :
		     x->all_known_s, true);
		jnum("seen50_median_s", x->seen[0][0], true);
		jnum("seen50_p95_s", x->seen[0][1], true);
		jnum("seen95_median_s", x->seen[1][0], true);
		jnum("seen95_p95_s", x->seen[1][1], true);
		jnum("seen100_median_s", x->seen[2][0], true);
		jnum("seen100_p95_s", x->seen[2][1], true);
		jnum("tracers", x->tracers, true);
		jnum("idle_wait_median_s", x->idle50, true);
		jnum("idle_wait_p95_s", x->idle95, true);
		jnum("idle_waits", x->idle_n, true);
		jnum("idle_waits_never", x->idle_never, true);
		jnum("idle_waits_moot", x->idle_censored, true);
		jnum("first_job_median_s", x->first50, true);
		jnum("first_job_p95_s", x->first95, true);
		jnum("first_job_never", x->first_never, true);
		jnum("makespan_s", x->makespan, true);
		jnum("ideal_s", x->ideal, true);
		jnum("makespan_ratio", x->makespan / x->ideal, true);
		jnum("slowdown_median", x->slowdown50, true);
		jnum("slowdown_p95", x->slowdown95, true);
		jnum("migrations_per_job", x->migs_per_job, true);
		jnum("moves", x->moves, true);
		jnum("turns", x->turns, true);
		jnum("refused", x->refused, true);
		jnum("refused_busy", x->refused_busy, true);
		jnum("rounds", x->rounds, false);
		printf("}%s\n", i + 1 < nr ? "," : "");
	}
	printf("]}\n");
}

/* --- the self-check ---------------------------------------------------- */

#define CHECK_SEEDS	5

/*
 * 8 nodes, up 10 s when 16 equal jobs (10 s of CPU, 2 MB) start on node
 * 1. Over CHECK_SEEDS seeds from --seed: the mean makespan must stay
 * within 1.6 times the ideal and the mean migrations per job within 1.5
 * (a single run is one draw of a noisy figure), and in every run each
 * node must have heard of another within 10 s of boot. When every node
 * had heard of every other is shown, not checked.
 */
static int check(struct sim_params *p)
{
	double ratio = 0, migs = 0;
	u64 seed = p->seed;
	struct sim_result r;
	unsigned int i;
	int bad = 0;

	p->nodes = 8;
	p->workload = WL_BURST;
	p->jobs = 16;
	p->burst_frac = 0;		/* all on node 1 */
	p->burst_at_s = 10;
	p->work_ms = 10000;
	p->work_spread = 0;
	p->rss = 2 * SIM_MB;
	p->mem_jobs = 0;
	p->until_done = true;
	p->probes = 0;
	p->probe_frac = 0;
	printf("check: 8 nodes, 16 jobs of 10 s on node 1 at 10 s\n");
	for (i = 0; i < CHECK_SEEDS; i++) {
		p->seed = seed + i;
		simulate(p, &r);
		printf("  seed %llu: makespan %.1f s (ideal %.1f): %.2f, "
		       "%.2f migrations per job; each node knew another "
		       "at %.1f s, all at %.0f s\n",
		       (unsigned long long)p->seed, r.makespan, r.ideal,
		       r.makespan / r.ideal, r.migs_per_job, r.each_knows_s,
		       r.all_known_s);
		ratio += r.makespan / r.ideal / CHECK_SEEDS;
		migs += r.migs_per_job / CHECK_SEEDS;
		if (r.each_knows_s < 0 || r.each_knows_s > 10) {
			printf("  FAIL: a node heard of no other within "
			       "10 s\n");
			bad++;
		}
	}
	printf("  mean makespan / ideal %.2f (limit 1.60)\n", ratio);
	if (!(ratio <= 1.6)) {
		printf("  FAIL: makespan\n");
		bad++;
	}
	printf("  mean migrations per job %.2f (limit 1.50)\n", migs);
	if (!(migs <= 1.5)) {
		printf("  FAIL: migrations\n");
		bad++;
	}
	printf("check: %s\n", bad ? "FAILED" : "ok");
	return bad ? 1 : 0;
}

/* --- options ----------------------------------------------------------- */

enum {
	OPT_SEED = 256, OPT_CPUS, OPT_SPEED, OPT_MEM, OPT_BASE_MEM,
	OPT_LATENCY, OPT_BW, OPT_LOSS, OPT_MOVE_MS, OPT_INFO_INTERVAL,
	OPT_DOWN_AFTER, OPT_BAL_INTERVAL, OPT_MEM_LOW, OPT_NO_BALANCE, OPT_NO_ADMIT, OPT_ORACLE,
	OPT_ORACLE_BLIND, OPT_PERFECT_NEWS, OPT_TURN_ORACLE, OPT_TURN_ORACLE_SETTLED,
	OPT_WORK, OPT_SPREAD, OPT_RSS, OPT_MEM_JOBS, OPT_MEM_RSS,
	OPT_JOBS_PER_NODE, OPT_BURST_FRAC, OPT_BURST_FIRST, OPT_BURST_AT,
	OPT_RATE, OPT_ARRIVE_FOR, OPT_WARMUP, OPT_PROBES, OPT_PROBE_AT,
	OPT_TRACE_EVERY, OPT_TRACE_UNTIL, OPT_AGE_OBS, OPT_UNTIL_DONE,
	OPT_JSON, OPT_CHECK, OPT_VERBOSE,
};

static const struct option long_opts[] = {
	{ "nodes", required_argument, NULL, 'n' },
	{ "duration", required_argument, NULL, 'd' },
	{ "workload", required_argument, NULL, 'w' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "cpus", required_argument, NULL, OPT_CPUS },
	{ "speed", required_argument, NULL, OPT_SPEED },
	{ "mem", required_argument, NULL, OPT_MEM },
	{ "base-mem", required_argument, NULL, OPT_BASE_MEM },
	{ "latency", required_argument, NULL, OPT_LATENCY },
	{ "bandwidth", required_argument, NULL, OPT_BW },
	{ "loss", required_argument, NULL, OPT_LOSS },
	{ "move-ms", required_argument, NULL, OPT_MOVE_MS },
	{ "info-interval", required_argument, NULL, OPT_INFO_INTERVAL },
	{ "down-after", required_argument, NULL, OPT_DOWN_AFTER },
	{ "balance-interval", required_argument, NULL, OPT_BAL_INTERVAL },
	{ "mem-low", required_argument, NULL, OPT_MEM_LOW },
	{ "no-balance", no_argument, NULL, OPT_NO_BALANCE },
	{ "no-admit", no_argument, NULL, OPT_NO_ADMIT },
	{ "oracle", no_argument, NULL, OPT_ORACLE },
	{ "oracle-blind", no_argument, NULL, OPT_ORACLE_BLIND },
	{ "perfect-news", required_argument, NULL, OPT_PERFECT_NEWS },
	{ "turn-oracle", required_argument, NULL, OPT_TURN_ORACLE },
	{ "turn-oracle-settled", no_argument, NULL, OPT_TURN_ORACLE_SETTLED },
	{ "work", required_argument, NULL, OPT_WORK },
	{ "work-spread", required_argument, NULL, OPT_SPREAD },
	{ "rss", required_argument, NULL, OPT_RSS },
	{ "mem-jobs", required_argument, NULL, OPT_MEM_JOBS },
	{ "mem-rss", required_argument, NULL, OPT_MEM_RSS },
	{ "jobs-per-node", required_argument, NULL, OPT_JOBS_PER_NODE },
	{ "burst-frac", required_argument, NULL, OPT_BURST_FRAC },
	{ "burst-first", no_argument, NULL, OPT_BURST_FIRST },
	{ "burst-at", required_argument, NULL, OPT_BURST_AT },
	{ "rate", required_argument, NULL, OPT_RATE },
	{ "arrive-for", required_argument, NULL, OPT_ARRIVE_FOR },
	{ "warmup", required_argument, NULL, OPT_WARMUP },
	{ "probes", required_argument, NULL, OPT_PROBES },
	{ "probe-at", required_argument, NULL, OPT_PROBE_AT },
	{ "trace-every", required_argument, NULL, OPT_TRACE_EVERY },
	{ "trace-until", required_argument, NULL, OPT_TRACE_UNTIL },
	{ "age-observers", required_argument, NULL, OPT_AGE_OBS },
	{ "verbose", no_argument, NULL, OPT_VERBOSE },
	{ "until-done", no_argument, NULL, OPT_UNTIL_DONE },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ NULL, 0, NULL, 0 }
};

static void usage(FILE *f)
{
	fprintf(f,
"usage: hpcsim [options]            (see tools/hpc/sim/README.md)\n"
"  -n, --nodes N[,N...]   cluster sizes, one run each (8)\n"
"  -d, --duration S       simulated seconds (60)\n"
"      --until-done       run on until every job is done\n"
"  -w, --workload burst|poisson (burst)\n"
"      --seed S           random seed (1)\n"
"nodes:  --cpus C (1)  --speed S (10000)  --mem MB (512)  --base-mem MB (64)\n"
"link:   --latency MS (0.5)  --bandwidth MB/s (12.5, 10^6 bytes)\n"
"        --loss P (0, info messages)  --move-ms MS (200)\n"
"kernel: --info-interval MS (1000)  --down-after N (5)\n"
"        --balance-interval MS (1000)  --mem-low PERMILLE (100)\n"
"        --no-balance  --no-admit (targets take every move for load)\n"
"        --oracle (no node balances; a global round with perfect news)\n"
"        --oracle-blind (the same, not knowing the work left)\n"
"        --perfect-news K (windows of K random nodes' true loads)\n"
"        --turn-oracle K (turns made once a second from K true vectors)\n"
"        --turn-oracle-settled (of nodes no job arrived at for 1 s)\n"
"jobs:   --work MS (10000, CPU-ms at speed 10000)  --work-spread F (0.5)\n"
"        --rss MB (2)  --mem-jobs F (0)  --mem-rss MB (160)\n"
"burst:  -j, --jobs J  or  --jobs-per-node X (2)\n"
"        --burst-frac F (0.1: on a tenth of the nodes, at least one)\n"
"        --burst-first (on nodes 1..K, not spread out)  --burst-at S (10)\n"
"poisson: --rate R (0.05 jobs/node/s)  --arrive-for S (30)\n"
"probe:  --probes K or F%% (0)  --probe-at S (20)\n"
"measure: --warmup S (10)  --trace-every S (1)\n"
"        --trace-until S (half the run)  --age-observers K (1000)\n"
"        --verbose (each move to stderr)\n"
"output: --json; --check runs the self-check and exits 1 on failure\n");
}

static double num(const char *s, const char *what)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end || v < 0) {
		fprintf(stderr, "hpcsim: bad %s: %s\n", what, s);
		exit(2);
	}
	return v;
}

static unsigned int parse_nodes(const char *s, u32 *out, unsigned int max)
{
	unsigned int nr = 0;
	char *end;

	while (*s && nr < max) {
		unsigned long v = strtoul(s, &end, 10);

		if (end == s || v < 1 || v > 65535 || (*end && *end != ',')) {
			fprintf(stderr, "hpcsim: bad --nodes: %s\n", s);
			exit(2);
		}
		out[nr++] = v;
		s = *end ? end + 1 : end;
	}
	return nr;
}

static void option(struct sim_params *p, int c, const char *a)
{
	switch (c) {
	case 'd': p->duration_s = num(a, "duration"); break;
	case 'j': p->jobs = num(a, "jobs"); break;
	case 'w':
		if (!strcmp(a, "burst"))
			p->workload = WL_BURST;
		else if (!strcmp(a, "poisson"))
			p->workload = WL_POISSON;
		else
			num("", "workload");
		break;
	case OPT_SEED: p->seed = strtoull(a, NULL, 0); break;
	case OPT_CPUS: p->cpus = max(1.0, num(a, "cpus")); break;
	case OPT_SPEED: p->speed = max(1.0, num(a, "speed")); break;
	case OPT_MEM: p->mem = num(a, "mem") * SIM_MB; break;
	case OPT_BASE_MEM: p->base_mem = num(a, "base-mem") * SIM_MB; break;
	case OPT_LATENCY: p->latency_ms = num(a, "latency"); break;
	case OPT_BW: p->bandwidth = max(1.0, num(a, "bandwidth") * 1e6); break;
	case OPT_LOSS: p->loss = num(a, "loss"); break;
	case OPT_MOVE_MS: p->move_ms = num(a, "move-ms"); break;
	case OPT_INFO_INTERVAL:
		p->info_interval = max(1.0, num(a, "info-interval"));
		break;
	case OPT_DOWN_AFTER: p->down_after = num(a, "down-after"); break;
	case OPT_BAL_INTERVAL:
		p->balance_interval = num(a, "balance-interval");
		break;
	case OPT_MEM_LOW: p->mem_low = num(a, "mem-low"); break;
	case OPT_NO_BALANCE: p->balance = false; break;
	case OPT_NO_ADMIT: p->admit = false; break;
	case OPT_ORACLE: p->oracle = true; break;
	case OPT_ORACLE_BLIND: p->oracle = p->oracle_blind = true; break;
	case OPT_PERFECT_NEWS:
		p->perfect_news = min(num(a, "perfect-news"),
				      (double)SIM_BAL_MAX_NODES);
		break;
	case OPT_TURN_ORACLE:
		p->turn_oracle = num(a, "turn-oracle");
		break;
	case OPT_TURN_ORACLE_SETTLED: p->turn_oracle_settled = true; break;
	case OPT_WORK: p->work_ms = num(a, "work"); break;
	case OPT_SPREAD: p->work_spread = min(1.0, num(a, "work-spread"));
		break;
	case OPT_RSS: p->rss = num(a, "rss") * SIM_MB; break;
	case OPT_MEM_JOBS: p->mem_jobs = num(a, "mem-jobs"); break;
	case OPT_MEM_RSS: p->mem_rss = num(a, "mem-rss") * SIM_MB; break;
	case OPT_JOBS_PER_NODE:
		p->jobs_per_node = num(a, "jobs-per-node");
		break;
	case OPT_BURST_FRAC: p->burst_frac = num(a, "burst-frac"); break;
	case OPT_BURST_FIRST: p->burst_first = true; break;
	case OPT_BURST_AT: p->burst_at_s = num(a, "burst-at"); break;
	case OPT_RATE: p->rate = num(a, "rate"); break;
	case OPT_ARRIVE_FOR: p->arrive_for_s = num(a, "arrive-for"); break;
	case OPT_WARMUP: p->warmup_s = num(a, "warmup"); break;
	case OPT_PROBES:
		if (*a && a[strlen(a) - 1] == '%') {
			char f[32];

			snprintf(f, sizeof(f), "%.*s", (int)strlen(a) - 1, a);
			p->probe_frac = num(f, "probes") / 100;
			p->probes = 0;
		} else {
			p->probes = num(a, "probes");
			p->probe_frac = 0;
		}
		break;
	case OPT_PROBE_AT: p->probe_at_s = num(a, "probe-at"); break;
	case OPT_TRACE_EVERY: p->trace_every_s = num(a, "trace-every"); break;
	case OPT_AGE_OBS:
		p->age_observers = max(1.0, num(a, "age-observers"));
		break;
	case OPT_TRACE_UNTIL: p->trace_until_s = num(a, "trace-until"); break;
	case OPT_UNTIL_DONE: p->until_done = true; break;
	case OPT_VERBOSE: p->verbose = true; break;
	default:
		usage(stderr);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	u32 sizes[64] = { 8 };
	unsigned int nr = 1, i;
	struct sim_result *r;
	struct sim_params p;
	bool json = false, self_check = false;
	int c;

	defaults(&p);
	while ((c = getopt_long(argc, argv, "n:d:w:j:h", long_opts,
				NULL)) != -1) {
		switch (c) {
		case 'n':
			nr = parse_nodes(optarg, sizes, ARRAY_SIZE(sizes));
			break;
		case 'h':
			usage(stdout);
			return 0;
		case OPT_JSON:
			json = true;
			break;
		case OPT_CHECK:
			self_check = true;
			break;
		default:
			option(&p, c, optarg);
		}
	}
	if (optind < argc) {
		usage(stderr);
		return 2;
	}
	/* What a load vector can carry (hpc_load_decode() checks it). */
	if (p.cpus > 65535 || p.speed > 1000000) {
		fprintf(stderr, "hpcsim: at most 65535 cpus, speed 1000000\n");
		return 2;
	}
	/* Stamps are u32 ms in the packed table (until-done: 20 times). */
	if (p.duration_s > 100000 || (p.mem % SIM_PAGE) ||
	    (p.base_mem % SIM_PAGE) || (p.rss % SIM_PAGE) ||
	    (p.mem_rss % SIM_PAGE) || p.base_mem >= p.mem) {
		fprintf(stderr, "hpcsim: memory sizes must be whole pages, "
			"base-mem below mem, duration at most 100000 s\n");
		return 2;
	}
	if (self_check)
		return check(&p);
	r = xcalloc(nr, sizeof(*r));
	for (i = 0; i < nr; i++) {
		p.nodes = sizes[i];
		simulate(&p, &r[i]);
		if (!json)
			fprintf(stderr, "hpcsim: N=%u done in %.1f s\n",
				sizes[i], r[i].wall_s);
	}
	p.nodes = sizes[0];
	if (json)
		print_json(&p, r, nr);
	else
		print_table(&p, r, nr);
	free(r);
	return 0;
}
