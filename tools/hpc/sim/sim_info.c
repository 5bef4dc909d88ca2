// SPDX-License-Identifier: GPL-2.0
/*
 * hpcsim: the info daemon of every node, as hpc/info.c runs it.
 *
 * Each info-interval a node sends its own vector and the newest
 * HPC_INFO_WINDOW - 1 vectors it holds of up nodes, with their ages,
 * to the node hpc_pick_target() chooses; a receiver merges them with
 * hpc_known_merge(). Vectors cross the "wire" encoded by hpc/wire.c and
 * are checked by hpc_load_decode() on arrival, as in the kernel.
 *
 * What differs, for speed only (the outcome is the same):
 *  - the kernel scans every node of the map for the up ones; here each
 *    node keeps the list of the nodes merged recently ("fresh"), which
 *    holds every up node, and drops from it those found down (a node
 *    comes up again only through a merge, which lists it again);
 *  - @all for hpc_pick_target() is 1..N with this node swapped to the
 *    end: another order, the same uniform draw;
 *  - ties of stamps among the newest are broken by node number (the
 *    kernel's sort() leaves them in any order).
 */
#include <stdlib.h>
#include "sim.h"

struct sim_msg {
	u16 from, to;
	u32 len;
	u8 payload[HPC_INFO_WINDOW * HPC_LOAD_VEC_SIZE];
};

static struct sim_msg *msgs;
static u32 nr_msgs, cap_msgs;
static u32 *free_msgs;
static u32 nr_free, cap_free;
static u16 *up_buf;		/* N entries, scratch for one tick */

static u32 slot_of(u16 node, u32 cap)
{
	return (node * 2654435761u) & (cap - 1);
}

/* What @obs holds of @node, or NULL when it never heard of it. */
struct sim_known *known_find(const struct sim_node *obs, u16 node)
{
	u32 i;

	if (!obs->known_cap)
		return NULL;
	for (i = slot_of(node, obs->known_cap); obs->known[i].node;
	     i = (i + 1) & (obs->known_cap - 1))
		if (obs->known[i].node == node)
			return &obs->known[i];
	return NULL;
}

static void known_grow(struct sim_node *obs)
{
	struct sim_known *old = obs->known;
	u32 cap = obs->known_cap, i, j;

	obs->known_cap = cap ? 2 * cap : 16;
	obs->known = xcalloc(obs->known_cap, sizeof(*obs->known));
	for (i = 0; i < cap; i++) {
		if (!old[i].node)
			continue;
		for (j = slot_of(old[i].node, obs->known_cap);
		     obs->known[j].node; j = (j + 1) & (obs->known_cap - 1))
			;
		obs->known[j] = old[i];
	}
	free(old);
}

/* known_get() of hpc/info.c: the entry, made when there is none */
static struct sim_known *known_get(struct sim_node *obs, u16 node)
{
	struct sim_known *p = known_find(obs, node);
	u32 i;

	if (p)
		return p;
	if (2 * (obs->known_nr + 1) > obs->known_cap)
		known_grow(obs);
	for (i = slot_of(node, obs->known_cap); obs->known[i].node;
	     i = (i + 1) & (obs->known_cap - 1))
		;
	obs->known_nr++;
	obs->known[i].node = node;
	return &obs->known[i];
}

/* struct hpc_known of @node as @obs holds it (all zero: never heard of) */
void known_load(const struct sim_node *obs, u16 node, struct hpc_known *k)
{
	const struct sim_known *p = known_find(obs, node);
	const struct sim_node *src = node_of(node);

	memset(k, 0, sizeof(*k));
	if (!p || !p->stamp)
		return;
	k->vec.node = node;
	k->vec.cpus = src->cpus;
	k->vec.speed = src->speed;
	k->vec.tmem = src->tmem;
	k->vec.load = p->load;
	k->vec.util = p->util;
	k->vec.status = p->status;
	k->vec.mem = (u64)p->mem * SIM_PAGE;
	k->vec.rmem = (u64)p->rmem * SIM_PAGE;
	k->vec.served_ms = p->served;
	k->stamp_ms = p->stamp;
}

static struct sim_known *known_store(struct sim_node *obs, u16 node,
				     const struct hpc_known *k)
{
	const struct sim_node *src = node_of(node);
	struct sim_known *p;

	/* Packing must lose nothing the simulated nodes send. */
	if (k->vec.node != node || k->vec.cpus != src->cpus ||
	    k->vec.speed != src->speed || k->vec.tmem != src->tmem ||
	    k->vec.mem % SIM_PAGE || k->vec.rmem % SIM_PAGE ||
	    k->vec.mem / SIM_PAGE > 0xffffffffull ||
	    k->vec.rmem / SIM_PAGE > 0xffffffffull ||
	    k->vec.status > 0xff || k->stamp_ms > 0xffffffffull) {
		fprintf(stderr, "hpcsim: vector of node %u cannot be packed\n",
			node);
		exit(2);
	}
	p = known_get(obs, node);
	p->stamp = k->stamp_ms;
	p->load = k->vec.load;
	p->util = k->vec.util;
	p->status = k->vec.status;
	p->mem = k->vec.mem / SIM_PAGE;
	p->rmem = k->vec.rmem / SIM_PAGE;
	p->served = k->vec.served_ms;
	return p;
}

static bool is_up(u32 stamp, u64 now)
{
	struct hpc_known k = { .stamp_ms = stamp };

	return hpc_known_up(&k, now, S->p.info_interval,
			    hpc_down_intervals(S->p.down_after,
					       S->p.nodes - 1));
}

/* Keep n->fresh sorted by node number: mostly sorted already. */
static void sort_fresh(struct sim_node *n)
{
	u32 i, j;

	for (i = 1; i < n->nr_fresh; i++) {
		struct sim_fresh x = n->fresh[i];

		for (j = i; j && n->fresh[j - 1].node > x.node; j--)
			n->fresh[j] = n->fresh[j - 1];
		n->fresh[j] = x;
	}
}

/**
 * info_up_nodes() - the nodes @n believes up, by node number
 * @n: the observer
 * @up: filled, room for the node count; or NULL
 *
 * Return: how many; n->fresh holds them (and their stamps).
 */
unsigned int info_up_nodes(struct sim_node *n, u16 *up)
{
	u64 now = sim_ms();
	u32 i, nr = 0;

	for (i = 0; i < n->nr_fresh; i++) {
		if (is_up(n->fresh[i].stamp, now))
			n->fresh[nr++] = n->fresh[i];
		else
			known_find(n, n->fresh[i].node)->listed = 0;
	}
	n->nr_fresh = nr;
	sort_fresh(n);
	for (i = 0; up && i < nr; i++)
		up[i] = n->fresh[i].node;
	return nr;
}

/*
 * --perfect-news: the window is @max nodes drawn at random (repeats
 * possible), each with its true vector of this instant. What the
 * balancer's decisions reach when the news is as good as it can be.
 */
static unsigned int perfect_window(struct sim_node *n,
				   struct hpc_load_vec *out, unsigned int max)
{
	unsigned int i;
	u16 v;

	for (i = 0; i < max; i++) {
		do
			v = 1 + rng_u32() % S->p.nodes;
		while (v == n->id);
		node_load_own(node_of(v), &out[i]);
		out[i].node = v;
		out[i].age_ms = 0;
		out[i].status |= HPC_NODE_CONF | HPC_NODE_UP;
	}
	return max;
}

/* hpc_info_window(): the first @max up nodes in node order, with ages */
unsigned int info_window(struct sim_node *n, struct hpc_load_vec *out,
			 unsigned int max)
{
	unsigned int nr = info_up_nodes(n, NULL), i;
	u64 now = sim_ms();
	struct hpc_known k;

	if (S->p.perfect_news && S->p.nodes > 1)
		return perfect_window(n, out, min(max, S->p.perfect_news));
	nr = min(nr, max);
	for (i = 0; i < nr; i++) {
		u16 node = n->fresh[i].node;

		known_load(n, node, &k);
		out[i] = k.vec;
		out[i].node = node;
		out[i].age_ms = min(now - k.stamp_ms, (u64)0xffffffffu);
		out[i].status |= HPC_NODE_CONF | HPC_NODE_UP;
	}
	return nr;
}

/* The newest @max of the up nodes (n->fresh), newest first. */
static unsigned int newest(const struct sim_node *n, u16 *best,
			   unsigned int max)
{
	u32 stamps[HPC_INFO_WINDOW];
	unsigned int i, j, nr = 0;

	for (i = 0; i < n->nr_fresh; i++) {
		u32 s = n->fresh[i].stamp;

		if (nr == max && s <= stamps[nr - 1])
			continue;
		j = nr < max ? nr++ : nr - 1;
		for (; j && stamps[j - 1] < s; j--) {
			best[j] = best[j - 1];
			stamps[j] = stamps[j - 1];
		}
		best[j] = n->fresh[i].node;
		stamps[j] = s;
	}
	return nr;
}

static u32 msg_alloc(void)
{
	if (nr_free)
		return free_msgs[--nr_free];
	GROW(msgs, nr_msgs, cap_msgs);
	return nr_msgs++;
}

static void msg_free(u32 m)
{
	GROW(free_msgs, nr_free, cap_free);
	free_msgs[nr_free++] = m;
}

static void send_load(u16 from, u16 to, const u8 *payload, u32 len)
{
	u32 bytes = HPC_HDR_SIZE + len + HPC_WIRE_TAG_SIZE;
	double us = S->p.latency_ms * 1000 + bytes * 1e6 / S->p.bandwidth;
	struct sim_msg *m;
	u32 i;

	S->st.info_msgs++;
	S->st.info_bytes += bytes;
	if (S->p.loss > 0 && rng_unit() < S->p.loss) {
		S->st.info_lost++;
		return;
	}
	i = msg_alloc();
	m = &msgs[i];
	m->from = from;
	m->to = to;
	m->len = len;
	memcpy(m->payload, payload, len);
	ev_push(S->now + (u64)(us + 0.5), EV_MSG, i, 0);
}

/* info_tick() of hpc/info.c */
void info_tick(u16 id)
{
	struct sim_node *n = node_of(id);
	u8 payload[HPC_INFO_WINDOW * HPC_LOAD_VEC_SIZE];
	u16 best[HPC_INFO_WINDOW - 1], target;
	unsigned int nr_up, nr_best, i;
	u32 nr_all = S->p.nodes - 1;
	struct hpc_load_vec v;
	struct hpc_known k;
	u64 now = sim_ms();

	nr_up = info_up_nodes(n, up_buf);
	nr_best = newest(n, best, HPC_INFO_WINDOW - 1);
	node_load_own(n, &v);
	hpc_load_encode(payload, &v);
	for (i = 0; i < nr_best; i++) {
		known_load(n, best[i], &k);
		v = k.vec;
		v.age_ms = min(now - k.stamp_ms, (u64)HPC_MAX_AGE_MS);
		hpc_load_encode(payload + (i + 1) * HPC_LOAD_VEC_SIZE, &v);
	}
	if (!n->turn)
		n->turn = rng_u32() | 1;
	/* This node to the end of 1..N: the others are all[0 .. N - 2]. */
	S->all[id - 1] = S->p.nodes;
	S->all[nr_all] = id;
	target = hpc_pick_target(up_buf, nr_up, S->all, nr_all, rng_u32(),
				 n->turn++);
	S->all[id - 1] = id;
	S->all[nr_all] = S->p.nodes;
	if (target)
		send_load(id, target, payload, (i + 1) * HPC_LOAD_VEC_SIZE);
}

/* hpc_info_ask() of hpc/info.c, to one node: @v, out of turn, to @to */
void info_send_vec(u16 from, u16 to, const struct hpc_load_vec *v)
{
	u8 payload[HPC_LOAD_VEC_SIZE];

	hpc_load_encode(payload, v);
	send_load(from, to, payload, sizeof(payload));
}

/* hpc_info_offer() of hpc/info.c: this node's own vector, to @to */
void info_offer(u16 from, u16 to)
{
	struct hpc_load_vec v;

	node_load_own(node_of(from), &v);
	info_send_vec(from, to, &v);
}

static void merge_one(struct sim_node *n, const struct hpc_load_vec *v)
{
	struct sim_known *p;
	struct hpc_known k;
	u32 old, i;

	known_load(n, v->node, &k);
	old = k.stamp_ms;
	if (!hpc_known_merge(&k, v, sim_ms()))
		return;
	p = known_store(n, v->node, &k);
	if (!old && k.stamp_ms) {
		S->known_pairs++;
		if (!n->nr_known++ && ++S->nodes_knowing == S->p.nodes)
			S->st.first_each_knows_s = S->now / 1e6;
	}
	tracer_seen(v->node, old, k.stamp_ms);
	if (p->listed) {
		for (i = 0; n->fresh[i].node != v->node; i++)
			;
		n->fresh[i].stamp = p->stamp;
		return;
	}
	p->listed = 1;
	GROW(n->fresh, n->nr_fresh, n->cap_fresh);
	n->fresh[n->nr_fresh++] = (struct sim_fresh){ p->stamp, v->node };
}

/* hpc_info_recv() of hpc/info.c */
void info_recv(u32 i)
{
	struct sim_msg *m = &msgs[i];
	struct sim_node *n = node_of(m->to);
	const u8 *p = m->payload;
	u32 len = m->len, off;
	struct hpc_load_vec v;

	if (!len || len % HPC_LOAD_VEC_SIZE ||
	    len / HPC_LOAD_VEC_SIZE > HPC_INFO_WINDOW)
		goto out;
	/* The first vector is the sender's own, fresh. */
	if (hpc_load_decode(p, len, &v) || v.node != m->from || v.age_ms)
		goto out;
	if (S->p.balance && !S->p.oracle)
		bal_news(n, &v);
	for (off = 0; off < len; off += HPC_LOAD_VEC_SIZE) {
		if (hpc_load_decode(p + off, len - off, &v))
			break;
		if (v.node == n->id || v.node > S->p.nodes)
			continue;
		merge_one(n, &v);
	}
out:
	msg_free(i);
}

void info_init(void)
{
	up_buf = xcalloc(S->p.nodes + 1, sizeof(*up_buf));
}

void info_free_all(void)
{
	free(msgs);
	free(free_msgs);
	free(up_buf);
	msgs = NULL;
	free_msgs = NULL;
	up_buf = NULL;
	nr_msgs = cap_msgs = nr_free = cap_free = 0;
}
