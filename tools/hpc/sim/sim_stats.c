// SPDX-License-Identifier: GPL-2.0
/*
 * hpcsim: what is measured.
 *
 *  - the age of what nodes know of each other, sampled each second after
 *    the warm-up over every (observer, observed) pair the observer has
 *    heard of (a subset of observers for large clusters);
 *  - idle waits: a node whose last running job ends while another node
 *    runs more jobs than it has CPUs waits until a job arrives; the wait
 *    is dropped when no node runs too many jobs any more and none is on
 *    its way to it, and counted as never ending when the run ends first;
 *  - load-change tracers: at a random node, a change at time t0 is seen
 *    by an observer once it holds a vector of that node stamped t0 or
 *    later (merging is by stamp alone, so any change spreads alike).
 */
#include <math.h>
#include <stdlib.h>
#include "sim.h"

void series_add(struct sim_series *s, double v)
{
	GROW(s->v, s->n, s->cap);
	s->v[s->n++] = v;
}

void series_add_inf(struct sim_series *s)
{
	s->inf++;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Nearest rank; INFINITY when it falls among the censored, NAN if none. */
double series_pct(struct sim_series *s, double pct)
{
	u64 total = (u64)s->n + s->inf, rank;

	if (!total)
		return NAN;
	if (s->n)
		qsort(s->v, s->n, sizeof(*s->v), cmp_double);
	rank = (u64)ceil(pct / 100 * total);
	rank = rank ? rank - 1 : 0;
	return rank < s->n ? s->v[rank] : INFINITY;
}

double age_pct(double pct)
{
	u64 rank, seen = 0;
	u32 i;

	if (!S->st.age_pairs)
		return NAN;
	rank = (u64)ceil(pct / 100 * S->st.age_pairs);
	rank = rank ? rank : 1;
	for (i = 0; i < SIM_AGE_BUCKETS; i++) {
		seen += S->st.age_hist[i];
		if (seen >= rank)
			return i;
	}
	return SIM_AGE_BUCKETS;
}

/* Every second: the ages, and what fraction of the pairs is known, up. */
void stats_sample(void)
{
	u32 nodes = S->p.nodes, obs, step, i, observers = 0;
	u64 now = sim_ms(), known = 0, up = 0, window = 0;

	if (S->st.first_known_all_s < 0 &&
	    S->known_pairs == (u64)nodes * (nodes - 1))
		S->st.first_known_all_s = S->now / 1e6;
	if (S->now < S->p.warmup_s * 1e6 || nodes < 2)
		return;
	step = nodes > S->p.age_observers ?
	       (nodes + S->p.age_observers - 1) / S->p.age_observers : 1;
	for (obs = 1; obs <= nodes; obs += step) {
		const struct sim_node *n = node_of(obs);
		u32 nup = 0;

		observers++;
		for (i = 0; i < n->known_cap; i++) {
			struct hpc_known k = { .stamp_ms = n->known[i].stamp };
			u64 age;

			if (!n->known[i].node || !k.stamp_ms)
				continue;
			age = now - k.stamp_ms;
			known++;
			if (hpc_known_up(&k, now, S->p.info_interval,
					 hpc_down_intervals(S->p.down_after,
							    S->p.nodes - 1)))
				nup++;
			S->st.age_hist[min(age, (u64)SIM_AGE_BUCKETS - 1)]++;
		}
		up += nup;
		window += min(nup, (u32)SIM_BAL_MAX_NODES);
	}
	S->st.age_pairs += known;
	S->st.age_samples++;
	S->st.known_sum += (double)known / ((double)observers * (nodes - 1));
	S->st.up_sum += (double)up / ((double)observers * (nodes - 1));
	S->st.window_sum += (double)window / observers;
	S->st.frac_samples++;
}

static void wait_start(struct sim_node *n)
{
	n->waiting = true;
	n->idle_since_us = S->now;
	GROW(S->waiters, S->nr_waiters, S->cap_waiters);
	n->wait_idx = S->nr_waiters;
	S->waiters[S->nr_waiters++] = n->id;
}

static void wait_stop(struct sim_node *n)
{
	u16 last = S->waiters[--S->nr_waiters];

	S->waiters[n->wait_idx] = last;
	node_of(last)->wait_idx = n->wait_idx;
	n->waiting = false;
}

/*
 * No node has more running jobs than CPUs: the waits of nodes with no job
 * on its way to them are not the balancer's to end.
 */
static void waits_censor(void)
{
	u32 i;

	for (i = 0; i < S->nr_waiters; ) {
		struct sim_node *n = node_of(S->waiters[i]);

		if (n->nr_incoming) {
			i++;
			continue;
		}
		S->st.idle_censored++;
		wait_stop(n);		/* moves the last one into i */
	}
}

/* @n's tasks or running jobs changed; @was: running jobs before. */
void stats_node_changed(struct sim_node *n, u32 was)
{
	bool over = n->nr_running > n->cpus;

	if (was && !n->nr_running && S->n_over && !n->waiting) {
		wait_start(n);
	} else if (!was && n->nr_running && n->waiting) {
		series_add(&S->st.idle_wait,
			   (S->now - n->idle_since_us) / 1e6);
		wait_stop(n);
	}
	if (over != n->over) {
		n->over = over;
		if (over)
			S->n_over++;
		else if (!--S->n_over)
			waits_censor();
	}
}

void tracer_start(void)
{
	struct sim_tracer *t;
	struct sim_node *n;
	u32 id;

	if (S->p.nodes < 2)
		return;
	n = node_of(1 + rng_u32() % S->p.nodes);
	GROW(S->st.tracers, S->st.nr_tracers, S->st.cap_tracers);
	id = S->st.nr_tracers++;
	t = &S->st.tracers[id];
	memset(t, 0, sizeof(*t));
	t->node = n->id;
	t->t0_ms = sim_ms() + 1;	/* news stamped later than now */
	t->t0_us = S->now;
	t->t50 = t->t95 = t->t100 = -1;
	GROW(n->tracers, n->nr_tracers, n->cap_tracers);
	n->tracers[n->nr_tracers++] = id;
}

/* A node merged news of @node: stamped @old_stamp before, @new_stamp now. */
void tracer_seen(u16 node, u32 old_stamp, u32 new_stamp)
{
	struct sim_node *n = node_of(node);
	u32 need = S->p.nodes - 1, i;

	for (i = 0; i < n->nr_tracers; ) {
		struct sim_tracer *t = &S->st.tracers[n->tracers[i]];
		double dt = (S->now - t->t0_us) / 1e6;

		if (old_stamp >= t->t0_ms || new_stamp < t->t0_ms) {
			i++;
			continue;
		}
		t->seen++;
		if (t->t50 < 0 && 2 * t->seen >= need)
			t->t50 = dt;
		if (t->t95 < 0 && 100 * t->seen >= 95 * need)
			t->t95 = dt;
		if (t->seen < need) {
			i++;
			continue;
		}
		t->t100 = dt;
		n->tracers[i] = n->tracers[--n->nr_tracers];
	}
}
