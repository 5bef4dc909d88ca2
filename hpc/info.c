// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: the info daemon.
 *
 * Every info-interval a kernel thread sends this node's load vector, and
 * the newest vectors it knows of others, to one node: those believed up
 * in turn, now and then (while some are not up) any node at random
 * (hpc_pick_target()). What it receives is merged by age, so news of
 * every node spreads through the cluster without broadcasts and at a
 * constant cost per node. A node of which all news is older than
 * down-after intervals, or in a small cluster a turn of direct news
 * (hpc_down_intervals()), is shown down.
 */
#include <linux/kthread.h>
#include <linux/xarray.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/sort.h>
#include <linux/random.h>
#include <linux/jiffies.h>
#include <hpc/hpc.h>
#include <hpc/load.h>
#include <hpc/comm.h>
#include <hpc/auth.h>

static DEFINE_XARRAY(hpc_known);	/* node -> struct hpc_known */
static DEFINE_MUTEX(hpc_known_lock);

static u64 now_ms(void)
{
	return jiffies64_to_msecs(get_jiffies_64());
}

static bool in_map(u16 node)
{
	const struct hpc_map *map;
	bool ret;

	rcu_read_lock();
	map = hpc_map_get();
	ret = map && hpc_map_addr(map, node);
	rcu_read_unlock();
	return ret;
}

/* With hpc_known_lock held. */
static struct hpc_known *known_get(u16 node)
{
	struct hpc_known *k = xa_load(&hpc_known, node);

	if (k)
		return k;
	k = kzalloc(sizeof(*k), GFP_KERNEL);
	if (k && xa_err(xa_store(&hpc_known, node, k, GFP_KERNEL))) {
		kfree(k);
		k = NULL;
	}
	return k;
}

/* Intervals of silence after which a node is down, in this cluster. */
static u32 down_after(void)
{
	return hpc_down_intervals(READ_ONCE(hpc_tun.down_after),
				  hpc_info_others());
}

/**
 * hpc_info_node() - what this node knows of a node of the map
 * @node: the node
 * @v: its vector (this node's own, live); status has HPC_NODE_UP when up
 *
 * Return: true when anything is known.
 */
bool hpc_info_node(u16 node, struct hpc_load_vec *v)
{
	struct hpc_known *k;
	bool ret = false;
	u32 down;

	if (node == hpc_this_node()) {
		hpc_load_own(v);
		return true;
	}
	memset(v, 0, sizeof(*v));
	v->node = node;
	v->status = HPC_NODE_CONF;
	down = down_after();
	mutex_lock(&hpc_known_lock);
	k = xa_load(&hpc_known, node);
	if (k && k->stamp_ms) {
		*v = k->vec;
		v->age_ms = min_t(u64, now_ms() - k->stamp_ms, U32_MAX);
		v->status &= ~HPC_NODE_UP;
		v->status |= HPC_NODE_CONF;
		if (hpc_known_up(k, now_ms(), READ_ONCE(hpc_tun.info_interval),
				 down))
			v->status |= HPC_NODE_UP;
		ret = true;
	}
	mutex_unlock(&hpc_known_lock);
	return ret;
}

/**
 * hpc_info_window() - the nodes this node knows to be up, and their load
 * @out: filled with up to @max vectors (age set)
 * @max: room in @out
 *
 * Return: the number filled.
 */
unsigned int hpc_info_window(struct hpc_load_vec *out, unsigned int max)
{
	u32 interval = READ_ONCE(hpc_tun.info_interval);
	u32 down = down_after();
	struct hpc_known *k;
	unsigned long node;
	unsigned int n = 0;
	u64 now = now_ms();

	mutex_lock(&hpc_known_lock);
	xa_for_each(&hpc_known, node, k) {
		if (n == max)
			break;
		if (!k->stamp_ms || !hpc_known_up(k, now, interval, down) ||
		    !in_map(node))
			continue;
		out[n] = k->vec;
		out[n].node = node;
		out[n].age_ms = min_t(u64, now - k->stamp_ms, U32_MAX);
		out[n].status |= HPC_NODE_CONF | HPC_NODE_UP;
		n++;
	}
	mutex_unlock(&hpc_known_lock);
	return n;
}

void hpc_info_recv(u16 from, const u8 *p, u32 len)
{
	u16 self = hpc_this_node();
	struct hpc_load_vec v;
	struct hpc_known *k;
	u32 off;

	if (!len || len % HPC_LOAD_VEC_SIZE ||
	    len / HPC_LOAD_VEC_SIZE > HPC_INFO_WINDOW)
		return;
	/* The first vector is the sender's own, fresh. */
	if (hpc_load_decode(p, len, &v) || v.node != from || v.age_ms)
		return;
	if (in_map(v.node))
		hpc_balancer_news(&v);
	mutex_lock(&hpc_known_lock);
	for (off = 0; off < len; off += HPC_LOAD_VEC_SIZE) {
		if (hpc_load_decode(p + off, len - off, &v))
			break;
		if (v.node == self || !in_map(v.node))
			continue;
		k = known_get(v.node);
		if (k)
			hpc_known_merge(k, &v, now_ms());
	}
	mutex_unlock(&hpc_known_lock);
}

/* @v, this node's, alone and out of turn, to @node. */
static void send_alone(u16 node, const struct hpc_load_vec *v)
{
	u8 payload[HPC_LOAD_VEC_SIZE];

	if (READ_ONCE(hpc_tun.quiet) || !hpc_key_loaded())
		return;
	hpc_load_encode(payload, v);
	hpc_comm_send(node, HPC_MSG_LOAD, payload, sizeof(payload));
}

/**
 * hpc_info_offer() - tell a node at once that this one has room
 * @node: the node (hpc_bal_offer() chose it)
 *
 * Only this node's own vector, out of turn: the receiver merges it as
 * any news (hpc_info_recv()), and its balancer may plan a round at once.
 */
void hpc_info_offer(u16 node)
{
	struct hpc_load_vec v;

	hpc_load_own(&v);
	send_alone(node, &v);
}

/* The nodes of the map but this one, into @all (room for @max). */
static unsigned int map_others(u16 *all, unsigned int max)
{
	const struct hpc_map *map;
	u16 self = hpc_this_node(), n;
	unsigned int nr = 0;

	rcu_read_lock();
	map = hpc_map_get();
	for (n = map ? hpc_map_next(map, 0) : 0; n && nr < max;
	     n = hpc_map_next(map, n))
		if (n != self)
			all[nr++] = n;
	rcu_read_unlock();
	return nr;
}

static unsigned int map_size(void)
{
	const struct hpc_map *map;
	unsigned int nodes;

	rcu_read_lock();
	map = hpc_map_get();
	nodes = map ? hpc_map_nodes(map) : 0;
	rcu_read_unlock();
	return nodes;
}

/**
 * hpc_info_others() - how many other nodes the cluster has
 *
 * Return: the nodes of the map, this one apart.
 */
unsigned int hpc_info_others(void)
{
	unsigned int nodes = map_size();

	return nodes && in_map(hpc_this_node()) ? nodes - 1 : nodes;
}

/**
 * hpc_info_ask() - tell nodes drawn at random of this node's load
 * @v: this node's vector as it tells it; NULL: its own (hpc_load_own())
 * @nr: how many (a node may be drawn twice)
 *
 * The vector alone, out of turn, as hpc_info_offer() sends it: a node
 * busy beyond its CPUs asks so for room (hpc_bal_ask()), or polls for a
 * turn (hpc_bal_poll(): its load counting its arrivals busy), and those
 * with a CPU free, or a turn to give, answer with an offer
 * (hpc_bal_answer()).
 */
void hpc_info_ask(const struct hpc_load_vec *v, unsigned int nr)
{
	unsigned int nodes = map_size(), nr_all, i;
	struct hpc_load_vec own;
	u16 *all;

	if (!nodes)
		return;
	if (!v) {
		hpc_load_own(&own);
		v = &own;
	}
	all = kvmalloc_array(nodes, sizeof(*all), GFP_KERNEL);
	if (!all)
		return;
	nr_all = map_others(all, nodes);
	for (i = 0; i < nr && nr_all; i++)
		send_alone(all[get_random_u32_below(nr_all)], v);
	kvfree(all);
}

static int newest_first(const void *a, const void *b)
{
	const struct hpc_known *x = *(const struct hpc_known * const *)a;
	const struct hpc_known *y = *(const struct hpc_known * const *)b;

	return x->stamp_ms < y->stamp_ms ? 1 : x->stamp_ms > y->stamp_ms ? -1 : 0;
}

static void info_tick(void)
{
	static u32 turn;		/* the info thread's alone */
	u32 interval = READ_ONCE(hpc_tun.info_interval);
	u32 down = down_after();
	struct hpc_known **fresh = NULL, *k;
	unsigned int nr_all = 0, nr_up = 0, nr_fresh = 0, i;
	u8 payload[HPC_INFO_WINDOW * HPC_LOAD_VEC_SIZE];
	u16 *all = NULL, *up = NULL, target;
	struct hpc_load_vec v;
	u64 now = now_ms();
	unsigned int nodes = map_size();

	if (!nodes)
		return;
	all = kvmalloc_array(nodes, sizeof(*all), GFP_KERNEL);
	up = kvmalloc_array(nodes, sizeof(*up), GFP_KERNEL);
	fresh = kvmalloc_array(nodes, sizeof(*fresh), GFP_KERNEL);
	if (!all || !up || !fresh)
		goto out;
	nr_all = map_others(all, nodes);

	mutex_lock(&hpc_known_lock);
	for (i = 0; i < nr_all; i++) {
		k = xa_load(&hpc_known, all[i]);
		if (k && hpc_known_up(k, now, interval, down)) {
			up[nr_up++] = all[i];
			fresh[nr_fresh++] = k;
		}
	}
	sort(fresh, nr_fresh, sizeof(*fresh), newest_first, NULL);
	hpc_load_own(&v);
	hpc_load_encode(payload, &v);
	for (i = 0; i < nr_fresh && i + 1 < HPC_INFO_WINDOW; i++) {
		v = fresh[i]->vec;
		v.age_ms = min_t(u64, now - fresh[i]->stamp_ms, HPC_MAX_AGE_MS);
		hpc_load_encode(payload + (i + 1) * HPC_LOAD_VEC_SIZE, &v);
	}
	mutex_unlock(&hpc_known_lock);

	if (!turn)
		turn = get_random_u32() | 1;
	target = hpc_pick_target(up, nr_up, all, nr_all, get_random_u32(),
				 turn++);
	if (target && !READ_ONCE(hpc_tun.quiet))
		hpc_comm_send(target, HPC_MSG_LOAD, payload,
			      (i + 1) * HPC_LOAD_VEC_SIZE);
out:
	kvfree(all);
	kvfree(up);
	kvfree(fresh);
}

static int hpc_info_thread(void *unused)
{
	unsigned long last = jiffies;
	bool told = false;

	/* Short naps, so that a new info-interval takes effect at once. */
	while (!kthread_should_stop()) {
		unsigned int ms = READ_ONCE(hpc_tun.info_interval);

		schedule_timeout_interruptible(HZ / 10);
		if (time_before(jiffies, last + msecs_to_jiffies(ms)))
			continue;
		last = jiffies;
		rcu_read_lock();
		if (!hpc_map_get()) {
			rcu_read_unlock();
			continue;
		}
		rcu_read_unlock();
		if (!hpc_key_loaded()) {
			if (!told)
				pr_warn("hpc: no cluster key loaded (/proc/hpc/admin/key): this node does not join the cluster\n");
			told = true;
			continue;
		}
		told = false;
		info_tick();
	}
	return 0;
}

/**
 * hpc_info_forget() - drop what is known of nodes (the map changed)
 */
void hpc_info_forget(void)
{
	struct hpc_known *k;
	unsigned long i;

	mutex_lock(&hpc_known_lock);
	xa_for_each(&hpc_known, i, k) {
		xa_erase(&hpc_known, i);
		kfree(k);
	}
	mutex_unlock(&hpc_known_lock);
}

int __init hpc_info_init(void)
{
	struct task_struct *t = kthread_run(hpc_info_thread, NULL, "hpc_info");

	return PTR_ERR_OR_ZERO(t);
}
