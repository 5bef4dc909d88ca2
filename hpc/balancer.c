// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: the load balancer's thread.
 *
 * Four times a second it samples how much of a CPU each process wants
 * (its demand) and, when free memory is short, runs a round at once, as it
 * does when young busy processes become old enough to move (each is seen
 * as its demand is sampled: hpc_bal_ripe_in()); every balance-interval it
 * fills the structs of
 * hpc/balance.c
 * from this node's load, its info window and its processes, and asks the
 * processes chosen there to move (hpc_mig_request(): they go by
 * themselves at their next return to user mode, as for any request).
 *
 * The info window is stale for a moment after a move: a move made here
 * counts in the target's load until the target's own news shows it: while
 * the process is on its way, then until news measured HPC_BAL_SETTLE_MS
 * after its arrival (at most HPC_BAL_REMEMBER_MS in all). A process asked
 * to move and not yet gone no longer counts in this node's load, nor its
 * memory as used.
 *
 * A move for load carries the load this node had when it was planned;
 * the target takes it only if it would still be below that, counting the
 * arrivals on their way and those too recent to show in its load
 * (hpc_mig_admit(), hpc_bal_admit()). Otherwise the process stays, and
 * the next sample that finds it so runs a round (gave_up()).
 *
 * A node with a CPU free tells the busiest node it knows that could send
 * it a process (offer(), hpc_bal_offer()); a node over its CPUs that
 * hears of such a node plans a round at its next sample
 * (hpc_balancer_news(), hpc_bal_news()).
 *
 * A node running more processes than CPUs polls HPC_BAL_POLL nodes each
 * sample for a turn (poll()); news that comes while it does wakes the
 * thread, which plans a turn to that node at once (turn_on_news()).
 *
 * /proc/hpc/balance: rounds (and of them those taken on news of room or
 * on a move given up),
 * offers and moves by reason, the last moves, and the tasks that make
 * most of this node's load ("busy PID KIND COMM DEMAND").
 */
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/pid_namespace.h>
#include <linux/sched/mm.h>
#include <linux/sched/cputime.h>
#include <linux/sched/clock.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/random.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <hpc/hpc.h>
#include <hpc/load.h>
#include <hpc/wire.h>
#include <hpc/balance.h>
#include <hpc/mig.h>

#define HPC_BAL_REMEMBER_MS	15000	/* at most, however slow the move */
#define HPC_BAL_MAX_PROCS	256
#define HPC_BAL_MAX_NODES	64
#define HPC_BAL_RECENT		16

struct bal_recent {
	u64 stamp_ms;
	u64 done_ms;			/* arrived, or gave up; 0: on its way */
	u32 pid;
	u16 to;
	u8 why;
	u32 load, there;		/* this node's, the target's as seen */
	u64 rss;
};

static DEFINE_MUTEX(bal_lock);		/* one round at a time; recent */
static struct bal_recent recent[HPC_BAL_RECENT];
static unsigned int recent_next;
static unsigned long bal_rounds, bal_moves[HPC_BAL_TURN + 1];
static atomic_long_t bal_offers;	/* the balancer's and the news' */
static unsigned long bal_on_news;	/* rounds taken on news of room */
static unsigned long bal_on_refusal;	/* rounds taken as a move failed */
static unsigned long bal_asks;		/* asks for room (nodes told) */
static unsigned long offered;		/* jiffies | 1: the last offer */
static bool news;			/* a node could take one: round now */
static bool polling;			/* it polled at its last sample */
static u32 least_ms;			/* hpc_bal_least(), last sample */
static unsigned int nr_busy;		/* of those it folds, last sample */
static unsigned long bal_polls;		/* polls for turns (nodes told) */
static unsigned long bal_turns_on_news;	/* turns asked for as news came */
static DECLARE_WAIT_QUEUE_HEAD(turn_wait);	/* the thread, between samples */
static DEFINE_SPINLOCK(turn_lock);	/* heard, for a turn now: */
static struct hpc_load_vec turn_news;
static bool turn_pending;
static u64 last_look_ns;		/* when gather() last took fwd_ns */
static unsigned long ripe_at;		/* jiffies: a round then; 0: none */
static u32 other_was;			/* struct hpc_bal_node.other, last */
static bool had_other;

static u64 now_ms(void)
{
	return jiffies64_to_msecs(get_jiffies_64());
}

static bool user_task(struct task_struct *t)
{
	return !(t->flags & (PF_KTHREAD | PF_EXITING)) && t->mm;
}

/*
 * The time @t has run (less the CPU time of its remote, which its deputy
 * is credited with) and the time it has waited for a CPU, the wait it is
 * in now included, since it began.
 */
static void cpu_times(struct task_struct *t, u64 *run, u64 *wait)
{
	u64 queued = READ_ONCE(t->sched_info.last_queued);
	u64 now = sched_clock_cpu(task_cpu(t));

	*run = READ_ONCE(t->se.sum_exec_runtime);
	*run -= min(*run, READ_ONCE(t->hpc.remote_ns));
	*wait = READ_ONCE(t->sched_info.run_delay);
	if (queued && now > queued)
		*wait += now - queued;
}

/**
 * hpc_served_ns() - the CPU time a process has had, wherever it ran
 * @t: the task
 *
 * At home the deputy is credited what its remote runs; a guest adds what
 * it brought (struct hpc_task.served_ns).
 */
u64 hpc_served_ns(struct task_struct *t)
{
	return READ_ONCE(t->hpc.served_ns) + READ_ONCE(t->se.sum_exec_runtime);
}

static u32 served_ms(struct task_struct *t)
{
	return min_t(u64, div_u64(hpc_served_ns(t), NSEC_PER_MSEC), U32_MAX);
}

/*
 * When a round may first move @t, busy and young (hpc_bal_ripe_in()), or
 * 0: a burst of jobs is spread as soon as it may be, not at the next
 * round, which would then be the first to see it.
 */
static u32 ripe_in(const struct hpc_bal_params *bp, struct task_struct *t,
		   u32 demand)
{
	struct hpc_bal_proc p = { .demand = demand, .flags = HPC_BP_NEW };

	if (!demand || READ_ONCE(t->hpc.nmigs) ||
	    test_bit(HPC_ST_DEPUTY, &t->hpc.state))
		return 0;
	p.resident_ms = jiffies_to_msecs(jiffies - READ_ONCE(t->hpc.arrived));
	return hpc_bal_ripe_in(bp, &p);
}

/*
 * Demand: the share of a CPU each task wants, smoothed; their sum is this
 * node's load (hpc/load.c).
 */
static void sample_demand(void)
{
	static u64 last_ns;
	u64 now = ktime_get_ns();
	struct task_struct *g, *t;
	struct hpc_bal_params bp;
	u32 sum = 0, ripe = 0, r, served = 0, least = 0;
	unsigned int busy = 0;
	unsigned long at;

	hpc_bal_defaults(&bp);

	rcu_read_lock();
	for_each_process_thread(g, t) {
		struct hpc_bal_proc p = {};
		u64 run, wait, run0, wait0, from;
		u32 d;

		if (!user_task(t))
			continue;
		cpu_times(t, &run, &wait);
		run0 = READ_ONCE(t->hpc.run_ns);
		wait0 = READ_ONCE(t->hpc.wait_ns);
		from = max(last_ns, READ_ONCE(t->start_time));
		d = hpc_demand_sample(READ_ONCE(t->hpc.demand),
				      run > run0 ? run - run0 : 0,
				      wait > wait0 ? wait - wait0 : 0,
				      now > from ? now - from : 0);
		WRITE_ONCE(t->hpc.run_ns, run);
		WRITE_ONCE(t->hpc.wait_ns, wait);
		WRITE_ONCE(t->hpc.demand, d);
		sum += d;
		/* What it tells others of its processes (turn()). */
		if (!test_bit(HPC_ST_DEPUTY, &t->hpc.state) &&
		    get_nr_threads(t) == 1) {
			p.demand = d;
			p.served_ms = served_ms(t);
			p.resident_ms = jiffies_to_msecs(jiffies -
							 READ_ONCE(t->hpc.arrived));
			p.flags = READ_ONCE(t->hpc.nmigs) ? 0 : HPC_BP_NEW;
			served = hpc_bal_served(&bp, served, &p);
			least = hpc_bal_least(&bp, least, &p);
			if (hpc_bal_may_hog(&bp, &p))
				busy++;
		}
		r = ripe_in(&bp, t, d);
		if (r && (!ripe || r < ripe))
			ripe = r;
	}
	rcu_read_unlock();
	last_ns = now;
	hpc_load_demand(sum, served);
	WRITE_ONCE(least_ms, least);
	WRITE_ONCE(nr_busy, busy);
	if (!ripe)
		return;
	at = (jiffies + msecs_to_jiffies(ripe)) | 1;
	if (!READ_ONCE(ripe_at) || time_before(at, READ_ONCE(ripe_at)))
		WRITE_ONCE(ripe_at, at);
}

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

/*
 * This node and the up nodes of its window (@vec and @nodes have room for
 * HPC_BAL_MAX_NODES), as hpc/balance.c takes them. Return: their number.
 */
static unsigned int look(struct hpc_bal_node *self, struct hpc_load_vec *vec,
			 struct hpc_bal_node *nodes)
{
	struct hpc_load_vec own;
	unsigned int nr, i;

	hpc_load_own(&own);
	fill_node(self, &own);
	nr = hpc_info_window(vec, HPC_BAL_MAX_NODES);
	for (i = 0; i < nr; i++)
		fill_node(&nodes[i], &vec[i]);
	return nr;
}

/* A process asked to move, not yet arrived nor given up. */
static bool on_its_way(u32 pid)
{
	struct task_struct *t;
	bool ret;

	rcu_read_lock();
	t = find_task_by_pid_ns(pid, &init_pid_ns);
	ret = t && READ_ONCE(t->hpc.want);
	rcu_read_unlock();
	return ret;
}

/*
 * Moves made here that the window may not show yet. (This node's own
 * load is right: gather() takes out the processes still on their way.)
 */
static void remember_moves(const struct hpc_load_vec *vec,
			   struct hpc_bal_node *nodes, unsigned int nr)
{
	u64 now = now_ms();
	unsigned int i, j;

	for (i = 0; i < HPC_BAL_RECENT; i++) {
		struct bal_recent *r = &recent[i];

		if (!r->stamp_ms || now - r->stamp_ms > HPC_BAL_REMEMBER_MS)
			continue;
		if (!r->done_ms && !on_its_way(r->pid))
			r->done_ms = now;
		for (j = 0; j < nr; j++) {
			if (nodes[j].node != r->to)
				continue;
			/* Its news was taken after the arrival had settled. */
			if (r->done_ms &&
			    now - min_t(u64, vec[j].age_ms, now) >
			    r->done_ms + HPC_BAL_SETTLE_MS)
				continue;
			nodes[j].load += hpc_bal_unit(&nodes[j]);
			nodes[j].mem -= min(nodes[j].mem, r->rss);
		}
	}
}

/* Is the process of a move that ended still here, as it was? */
static bool stayed(u32 pid)
{
	struct task_struct *t;
	bool ret;

	rcu_read_lock();
	t = find_task_by_pid_ns(pid, &init_pid_ns);
	ret = t && !test_bit(HPC_ST_DEPUTY, &t->hpc.state);
	rcu_read_unlock();
	return ret;
}

/*
 * Has a move this node asked for ended, since the last look, with the
 * process still here: refused by its target (hpc_mig_admit()), or failed?
 * The round that planned it found no better target then; the next one
 * remembers the target as busy and may have news since. It need not wait
 * a balance-interval for it.
 */
static bool gave_up(void)
{
	u64 now = now_ms();
	bool ret = false;
	unsigned int i;

	mutex_lock(&bal_lock);
	for (i = 0; i < HPC_BAL_RECENT; i++) {
		struct bal_recent *r = &recent[i];

		if (!r->stamp_ms || r->done_ms ||
		    now - r->stamp_ms > HPC_BAL_REMEMBER_MS ||
		    on_its_way(r->pid))
			continue;
		r->done_ms = now;
		if (stayed(r->pid))
			ret = true;
	}
	mutex_unlock(&bal_lock);
	return ret;
}

static u16 home_of(struct task_struct *t)
{
	struct hpc_proc *p;
	u16 home = hpc_this_node();

	if (test_bit(HPC_ST_REMOTE, &t->hpc.state)) {
		p = hpc_proc_of(t);
		if (p) {
			home = p->home;
			hpc_proc_put(p);
		}
	}
	return home;
}

/* This node's processes that could move, with what the plan needs. */
static unsigned int gather(struct hpc_bal_node *self,
			   struct hpc_bal_proc *procs,
			   struct task_struct **tasks, unsigned int max,
			   struct task_struct *asked, u64 elapsed_us,
			   bool mem_short, const struct hpc_bal_params *bp)
{
	unsigned int n = 0, i;
	struct task_struct *t;

	rcu_read_lock();
	for_each_process(t) {
		if (n == max)
			break;
		if (!user_task(t) || test_bit(HPC_ST_DEPUTY, &t->hpc.state) ||
		    get_nr_threads(t) > 1)
			continue;
		tasks[n++] = get_task_struct(t);
	}
	rcu_read_unlock();

	for (i = 0; i < n; i++) {
		struct hpc_bal_proc *p = &procs[i];
		struct mm_struct *mm;
		u64 share, ut, st;
		bool leaving;
		u32 fl;

		t = tasks[i];
		memset(p, 0, sizeof(*p));
		p->pid = task_tgid_nr(t);
		p->home = home_of(t);
		p->demand = READ_ONCE(t->hpc.demand);
		if (test_bit(HPC_ST_REMOTE, &t->hpc.state)) {
			share = div64_u64(xchg(&t->hpc.fwd_ns, 0), elapsed_us);
			p->fwd_share = (READ_ONCE(t->hpc.fwd_share) +
					min_t(u64, share, 1000)) / 2;
			WRITE_ONCE(t->hpc.fwd_share, p->fwd_share);
		} else {
			/* At home: the share its system calls would take. */
			task_cputime(t, &ut, &st);
			p->fwd_share = ut + st ? div64_u64(st * 1000, ut + st) : 0;
		}
		p->resident_ms = jiffies_to_msecs(jiffies -
						  READ_ONCE(t->hpc.arrived));
		p->cpu_ms = div_u64(READ_ONCE(t->hpc.cpu_ns), NSEC_PER_MSEC);
		p->served_ms = served_ms(t);
		fl = READ_ONCE(t->hpc.flags);
		if (fl & HPC_TASK_CPUJOB)
			p->flags |= HPC_BP_CPUJOB;
		if (fl & HPC_TASK_IOJOB)
			p->flags |= HPC_BP_IOJOB;
		if (t == asked)
			p->flags |= HPC_BP_ASKED;
		if (!READ_ONCE(t->hpc.nmigs))
			p->flags |= HPC_BP_NEW;
		leaving = READ_ONCE(t->hpc.want);
		/* Only a possible candidate is worth the look at its areas. */
		if (t != asked && !mem_short && !leaving &&
		    !hpc_bal_may_hog(bp, p) && p->home == hpc_this_node())
			continue;
		mm = get_task_mm(t);
		if (mm) {
			p->rss = (u64)get_mm_rss(mm) << PAGE_SHIFT;
			mmput(mm);
		}
		if (leaving) {
			/* On its way out already: count it gone. */
			self->load -= min(self->load,
					  hpc_load_normalise(p->demand, self->speed,
							     self->cpus));
			self->mem = min(self->mem + p->rss, self->tmem);
			p->demand = 0;
			continue;
		}
		if (!hpc_cantmove(t))
			p->flags |= HPC_BP_MOVABLE;
	}
	return n;
}

/* The time since gather() last took fwd_ns, in us; with bal_lock held. */
static u64 since_look(void)
{
	u64 now = ktime_get_ns();
	u64 us = max_t(u64, div_u64(now - last_look_ns, NSEC_PER_USEC), 1);

	last_look_ns = now;
	return us;
}

static void record(const struct hpc_bal_move *m, u64 rss)
{
	struct bal_recent *r = &recent[recent_next++ % HPC_BAL_RECENT];

	r->stamp_ms = now_ms();
	r->done_ms = 0;
	r->pid = m->pid;
	r->to = m->to;
	r->why = m->why;
	r->load = m->load;
	r->there = m->there;
	r->rss = rss;
	bal_moves[m->why]++;
}

/*
 * Still busy beyond its CPUs after its round, and not knowing every other
 * node, this node tells HPC_BAL_ASK nodes drawn at random of its load:
 * those with a CPU free, or with a turn to give, answer with offers. At
 * most once an info-interval, and not while it polls each sample
 * (poll()); with bal_lock held.
 */
static void ask(const struct hpc_bal_node *self, unsigned int known)
{
	u32 interval = READ_ONCE(hpc_tun.info_interval);
	static unsigned long asked;

	if (asked && time_before(jiffies, asked + msecs_to_jiffies(interval)))
		return;
	if (READ_ONCE(polling) ||
	    !hpc_bal_ask(self, known, hpc_info_others()))
		return;
	asked = jiffies | 1;
	bal_asks += HPC_BAL_ASK;
	hpc_info_ask(NULL, HPC_BAL_ASK);
}

/*
 * One round. With @asked, only that process may be moved for its load.
 * Return: the moves requested; with @asked, 1 when it was asked to move.
 */
static int bal_round(struct task_struct *asked)
{
	struct hpc_bal_params bp;
	struct hpc_bal_node self, *nodes = NULL;
	struct hpc_bal_proc *procs = NULL;
	struct hpc_bal_move moves[8];
	struct task_struct **tasks = NULL;
	struct hpc_load_vec *vec = NULL;
	unsigned int nr, np = 0, nm = 0, i;
	u32 ripe;
	int done = 0;

	if (!hpc_this_node())
		return 0;
	hpc_bal_defaults(&bp);
	bp.mem_low = READ_ONCE(hpc_tun.mem_low);
	vec = kcalloc(HPC_BAL_MAX_NODES, sizeof(*vec), GFP_KERNEL);
	nodes = kcalloc(HPC_BAL_MAX_NODES, sizeof(*nodes), GFP_KERNEL);
	procs = kcalloc(HPC_BAL_MAX_PROCS, sizeof(*procs), GFP_KERNEL);
	tasks = kcalloc(HPC_BAL_MAX_PROCS, sizeof(*tasks), GFP_KERNEL);
	if (!vec || !nodes || !procs || !tasks)
		goto out;

	nr = look(&self, vec, nodes);

	mutex_lock(&bal_lock);
	bal_rounds++;
	remember_moves(vec, nodes, nr);
	np = gather(&self, procs, tasks, HPC_BAL_MAX_PROCS, asked,
		    since_look(), hpc_bal_mem_short(&bp, &self), &bp);
	ripe = hpc_bal_next_ripe(&bp, procs, np);
	WRITE_ONCE(ripe_at, ripe ? (jiffies + msecs_to_jiffies(ripe)) | 1 : 0);
	self.other_was = other_was;
	self.had_other = had_other;
	nm = hpc_balance(&bp, &self, nodes, nr, procs, np, moves,
			 ARRAY_SIZE(moves));
	other_was = self.other;
	had_other = true;
	for (i = 0; i < nm; i++) {
		struct hpc_bal_proc *p = &procs[moves[i].proc];
		struct task_struct *t = tasks[moves[i].proc];

		if (hpc_mig_request_load(t, moves[i].to == p->home ? 0 :
					 moves[i].to, moves[i].load,
					 moves[i].turn_ms))
			continue;
		record(&moves[i], p->rss);
		if (!asked || t == asked)
			done++;
	}
	if (!asked)
		ask(&self, nr);
	mutex_unlock(&bal_lock);
	for (i = 0; i < np; i++)
		put_task_struct(tasks[i]);
out:
	kfree(tasks);
	kfree(procs);
	kfree(nodes);
	kfree(vec);
	return done;
}

/**
 * hpc_balance_one() - "migrate PID balance": decide for one process now
 * @t: a process running on this node; the caller holds a reference
 *
 * Return: 0 when asked to move (the outcome comes through
 * hpc_mig_wait()), 1 when it is best where it is, or an errno.
 */
int hpc_balance_one(struct task_struct *t)
{
	if (hpc_cantmove(t))
		return -EBUSY;
	return bal_round(t) ? 0 : 1;
}

/* Free memory below mem-low: usher now, not at the next round. */
static bool mem_short(void)
{
	struct hpc_bal_params bp;
	struct hpc_load_vec own;
	struct hpc_bal_node self;

	hpc_bal_defaults(&bp);
	bp.mem_low = READ_ONCE(hpc_tun.mem_low);
	hpc_load_own(&own);
	fill_node(&self, &own);
	return hpc_bal_mem_short(&bp, &self);
}

/**
 * hpc_mig_room() - may a process of @pages resident pages arrive here?
 * @pages: its resident pages, as its sender counted them
 *
 * Yes while it leaves at least half the mem-low mark free: an arrival
 * must not bring the OOM killer, nor one that is ushered out at once.
 */
bool hpc_mig_room(u32 pages)
{
	u64 low = (u64)totalram_pages() * READ_ONCE(hpc_tun.mem_low) / 2000;

	return si_mem_available() > 0 &&
	       (u64)si_mem_available() > pages + low;
}

/*
 * Arrivals admitted and still on their way in, and the node and time of
 * the last one admitted for load (hpc_mig_admit()); the moves refused
 * here, for load and for a turn.
 */
static DEFINE_SPINLOCK(admit_lock);
static unsigned int nr_arriving;
static u16 last_from;
static unsigned long last_at;
static unsigned long refused_load, refused_turn;

/*
 * This node's load with what is arriving counted busy, and what arrived
 * as busy as it will show (HPC_BAL_SHOW_MS).
 */
static void committed_load(struct hpc_bal_node *self)
{
	unsigned long show = msecs_to_jiffies(HPC_BAL_SHOW_MS);
	struct hpc_load_vec own;
	struct task_struct *t;

	hpc_load_own(&own);
	fill_node(self, &own);
	rcu_read_lock();
	for_each_process(t) {
		if (test_bit(HPC_ST_REMOTE, &t->hpc.state) &&
		    time_before(jiffies, READ_ONCE(t->hpc.arrived) + show))
			self->load += hpc_bal_settling(self,
						       READ_ONCE(t->hpc.demand));
	}
	rcu_read_unlock();
}

/**
 * hpc_mig_admit() - may a process arrive here (other than home)?
 * @from_load: the sender's load when its balancer planned the move; 0
 *	       for a move asked for by hand or for memory
 * @turn_ms: for a turn, the CPU ms of the process the sender leaves a
 *	     CPU to; 0: not a turn
 * @from: the sender's node
 *
 * A balancer plans from news that may be seconds old, and others may
 * have sent work here since: a move for load is refused when this node,
 * with what it runs, what is arriving and what arrived too lately to
 * show its demand whole, would be no less loaded than the sender; or
 * when it runs more processes than it has CPUs and another node's
 * process was admitted for load less than HPC_BAL_SETTLE_MS ago
 * (hpc_bal_admit()). A turn is refused unless this node still runs one
 * process a CPU, all served clearly more than the one the sender leaves
 * a CPU to (hpc_bal_admit_turn()).
 * On true, hpc_mig_arrived() must follow.
 *
 * Return: true when it may arrive.
 */
bool hpc_mig_admit(u32 from_load, u32 turn_ms, u16 from)
{
	unsigned long settle = msecs_to_jiffies(HPC_BAL_SETTLE_MS);
	struct hpc_bal_node self = {};
	bool ok, crowded;

	/* Only a move for load is judged, and worth the walk. */
	if (from_load || turn_ms)
		committed_load(&self);
	spin_lock(&admit_lock);
	self.load += nr_arriving * hpc_bal_unit(&self);
	crowded = last_at && last_from != from &&
		  time_before(jiffies, last_at + settle);
	ok = turn_ms ? hpc_bal_admit_turn(&self, turn_ms, crowded) :
		       hpc_bal_admit(&self, from_load, crowded);
	if (ok)
		nr_arriving++;
	if (ok && (from_load || turn_ms)) {
		last_from = from;
		last_at = jiffies | 1;
	}
	if (!ok && turn_ms)
		WRITE_ONCE(refused_turn, refused_turn + 1);
	else if (!ok)
		WRITE_ONCE(refused_load, refused_load + 1);
	spin_unlock(&admit_lock);
	return ok;
}

/* An admitted arrival is in, or gave up. */
void hpc_mig_arrived(void)
{
	spin_lock(&admit_lock);
	nr_arriving--;
	spin_unlock(&admit_lock);
}

/*
 * The offer of room this node may send, seen last at @last: this context
 * takes it, or another (the balancer's, the news') took it meanwhile.
 */
static bool take_offer(unsigned long last)
{
	if (cmpxchg(&offered, last, jiffies | 1) != last)
		return false;
	atomic_long_inc(&bal_offers);
	return true;
}

/*
 * A CPU free here: tell the busiest node that could send a process (at
 * most once an info-interval), rather than wait for the gossip to carry
 * the news. Not while arrivals are on their way: they may fill it.
 */
static void offer(void)
{
	u32 interval = READ_ONCE(hpc_tun.info_interval);
	unsigned long last = READ_ONCE(offered);
	struct hpc_bal_node self, *nodes = NULL;
	struct hpc_load_vec *vec = NULL;
	struct hpc_load_vec own;
	struct hpc_bal_params bp;
	unsigned int nr;
	int to;

	if (READ_ONCE(nr_arriving) ||
	    (last && time_before(jiffies, last + msecs_to_jiffies(interval))))
		return;
	hpc_load_own(&own);
	fill_node(&self, &own);
	if (!hpc_bal_room(&self))
		return;
	hpc_bal_defaults(&bp);
	vec = kcalloc(HPC_BAL_MAX_NODES, sizeof(*vec), GFP_KERNEL);
	nodes = kcalloc(HPC_BAL_MAX_NODES, sizeof(*nodes), GFP_KERNEL);
	if (!vec || !nodes)
		goto out;
	nr = look(&self, vec, nodes);
	to = hpc_bal_offer(&bp, &self, nodes, nr, get_random_u32());
	if (to >= 0 && take_offer(last))
		hpc_info_offer(nodes[to].node);
out:
	kfree(nodes);
	kfree(vec);
}

/*
 * Each sample: a node running more processes than CPUs, nothing
 * arriving, polls HPC_BAL_POLL nodes drawn at random for a turn. It tells
 * them its load with its arrivals counted busy, and its least served
 * process's CPU time (hpc_bal_poll(), hpc_bal_least()); a node that can
 * give a turn answers at once (hpc_balancer_news()), and this node takes
 * it as the answer comes (turn_on_news()).
 */
static void poll(void)
{
	struct hpc_bal_node self = {};
	struct hpc_load_vec v;
	u32 load;

	WRITE_ONCE(polling, false);
	if (READ_ONCE(nr_arriving) || !hpc_info_others())
		return;
	committed_load(&self);
	load = hpc_bal_poll(&self, READ_ONCE(nr_busy));
	if (!load)
		return;
	WRITE_ONCE(polling, true);
	hpc_load_own(&v);
	v.load = load;
	v.served_ms = READ_ONCE(least_ms);
	WRITE_ONCE(bal_polls, bal_polls + HPC_BAL_POLL);
	hpc_info_ask(&v, HPC_BAL_POLL);
}

/*
 * News came while this node polled (poll()) of a node that could take a
 * turn: a turn to it now, by the rule of a round (hpc_bal_turn_to());
 * else a round at the next sample if it could take load
 * (hpc_bal_load_news()): the turn waits for the next poll's answers,
 * fresher than a round's news. In the balancer's thread, woken for it.
 */
static void turn_on_news(void)
{
	struct task_struct **tasks = NULL;
	struct hpc_bal_proc *procs = NULL;
	struct hpc_bal_node self, t;
	struct hpc_bal_params bp;
	struct hpc_load_vec own, v;
	struct hpc_bal_move m;
	unsigned int np = 0, i;

	spin_lock(&turn_lock);
	if (!turn_pending) {
		spin_unlock(&turn_lock);
		return;
	}
	v = turn_news;
	WRITE_ONCE(turn_pending, false);
	spin_unlock(&turn_lock);

	hpc_bal_defaults(&bp);
	bp.mem_low = READ_ONCE(hpc_tun.mem_low);
	hpc_load_own(&own);
	fill_node(&self, &own);
	fill_node(&t, &v);
	procs = kcalloc(HPC_BAL_MAX_PROCS, sizeof(*procs), GFP_KERNEL);
	tasks = kcalloc(HPC_BAL_MAX_PROCS, sizeof(*tasks), GFP_KERNEL);
	if (!procs || !tasks)
		goto out;
	mutex_lock(&bal_lock);
	np = gather(&self, procs, tasks, HPC_BAL_MAX_PROCS, NULL,
		    since_look(), false, &bp);
	if (!READ_ONCE(nr_arriving) &&
	    hpc_bal_turn_to(&bp, &self, &t, procs, np, &m) &&
	    !hpc_mig_request_load(tasks[m.proc],
				  m.to == procs[m.proc].home ? 0 : m.to,
				  m.load, m.turn_ms)) {
		record(&m, procs[m.proc].rss);
		bal_turns_on_news++;
	} else {
		hpc_load_own(&own);
		fill_node(&self, &own);
		if (hpc_bal_load_news(&bp, &self, &t))
			WRITE_ONCE(news, true);
	}
	mutex_unlock(&bal_lock);
	for (i = 0; i < np; i++)
		put_task_struct(tasks[i]);
out:
	kfree(tasks);
	kfree(procs);
}

/**
 * hpc_balancer_news() - news of a node's load has come
 * @v: its own vector, fresh
 *
 * When this node has a CPU free and the node could send it a process,
 * or this node could give a process of that node a turn, this node
 * offers it its room at once (hpc_bal_answer()). When this node polled
 * at its last sample (poll()) and the node could take a turn
 * (hpc_bal_may_turn_to()), its thread is woken to plan a turn to that
 * node at once (turn_on_news()). Otherwise, when this node runs
 * more than its CPUs and the node could take one of its processes, the
 * balancer plans a round at its next sample instead of at its next
 * balance-interval.
 */
void hpc_balancer_news(const struct hpc_load_vec *v)
{
	struct hpc_bal_params bp;
	struct hpc_bal_node self, t;
	struct hpc_load_vec own;
	unsigned long last;

	if (!READ_ONCE(hpc_tun.balance))
		return;
	hpc_bal_defaults(&bp);
	hpc_load_own(&own);
	fill_node(&self, &own);
	fill_node(&t, v);
	/* A node with work heard: answer with an offer of room at once. */
	last = READ_ONCE(offered);
	if (!READ_ONCE(nr_arriving) && hpc_bal_answer(&bp, &self, &t)) {
		if (take_offer(last))
			hpc_info_offer(t.node);
		return;
	}
	/*
	 * This node polled and the node could take a turn: its thread
	 * plans it now (or a round, for load).
	 */
	if (READ_ONCE(polling) && !READ_ONCE(nr_arriving) &&
	    hpc_bal_may_turn_to(&self, &t)) {
		spin_lock(&turn_lock);
		turn_news = *v;
		WRITE_ONCE(turn_pending, true);
		spin_unlock(&turn_lock);
		wake_up(&turn_wait);
		return;
	}
	if (!hpc_bal_news(&bp, &self, &t))
		return;
	/* Apart from ripe_at, which a round in flight may overwrite. */
	WRITE_ONCE(news, true);
}

static bool woken(void)
{
	return READ_ONCE(turn_pending) || kthread_should_stop();
}

static int hpc_balancer_thread(void *unused)
{
	unsigned long nap = msecs_to_jiffies(HPC_BAL_SAMPLE_MS);
	unsigned long next = jiffies, sample = jiffies + nap;

	while (!kthread_should_stop()) {
		unsigned long ripe;
		bool on_news, refused;

		/* Woken early by news for a turn (turn_on_news()). */
		if (time_before(jiffies, sample))
			wait_event_interruptible_timeout(turn_wait, woken(),
							 sample - jiffies);
		turn_on_news();
		if (time_before(jiffies, sample))
			continue;
		sample = jiffies + nap;
		sample_demand();
		/* Off: the load is still sampled; "balance" still answers. */
		if (!READ_ONCE(hpc_tun.balance)) {
			WRITE_ONCE(polling, false);
			continue;
		}
		offer();
		poll();
		refused = gave_up();
		/* A burst that has shown it lasts is spread at once. */
		ripe = READ_ONCE(ripe_at);
		on_news = READ_ONCE(news);
		if (time_before(jiffies, next) && !mem_short() && !on_news &&
		    !refused && (!ripe || time_before(jiffies, ripe)))
			continue;
		/* News that comes while the round runs waits for the next. */
		if (on_news) {
			WRITE_ONCE(news, false);
			bal_on_news++;
		} else if (refused) {
			bal_on_refusal++;
		}
		next = jiffies +
		       msecs_to_jiffies(READ_ONCE(hpc_tun.balance_interval));
		bal_round(NULL);
	}
	return 0;
}

#define HPC_BAL_SHOW_BUSY	6

/* The tasks that make up most of this node's load, busiest first. */
static void show_busy(struct seq_file *m)
{
	struct {
		u32 pid, demand;
		char comm[TASK_COMM_LEN];
		const char *kind;
	} top[HPC_BAL_SHOW_BUSY] = {};
	struct task_struct *g, *t;
	int i;

	rcu_read_lock();
	for_each_process_thread(g, t) {
		u32 d = READ_ONCE(t->hpc.demand);

		if (!user_task(t) || d < 10 ||
		    d <= top[HPC_BAL_SHOW_BUSY - 1].demand)
			continue;
		for (i = HPC_BAL_SHOW_BUSY - 1; i && top[i - 1].demand < d; i--)
			top[i] = top[i - 1];
		top[i].pid = task_pid_nr(t);
		top[i].demand = d;
		get_task_comm(top[i].comm, t);
		top[i].kind = test_bit(HPC_ST_DEPUTY, &t->hpc.state) ? "deputy" :
			      test_bit(HPC_ST_REMOTE, &t->hpc.state) ? "guest" :
			      "local";
	}
	rcu_read_unlock();
	for (i = 0; i < HPC_BAL_SHOW_BUSY && top[i].demand; i++)
		seq_printf(m, "busy %u %s %s %u\n", top[i].pid, top[i].kind,
			   top[i].comm, top[i].demand);
}

static int balance_show(struct seq_file *m, void *v)
{
	u64 now = now_ms();
	unsigned int i;

	mutex_lock(&bal_lock);
	seq_printf(m, "rounds %lu\n", bal_rounds);
	seq_printf(m, "offers %lu\n", atomic_long_read(&bal_offers));
	seq_printf(m, "asks %lu\n", bal_asks);
	seq_printf(m, "polls %lu\n", READ_ONCE(bal_polls));
	seq_printf(m, "turns-on-news %lu\n", bal_turns_on_news);
	seq_printf(m, "rounds-on-news %lu\n", bal_on_news);
	seq_printf(m, "rounds-on-refusal %lu\n", bal_on_refusal);
	seq_printf(m, "refused-load %lu\nrefused-turn %lu\n",
		   READ_ONCE(refused_load), READ_ONCE(refused_turn));
	seq_printf(m, "guests %d\n", atomic_read(&hpc_nr_remotes));
	for (i = HPC_BAL_LOAD; i <= HPC_BAL_TURN; i++)
		seq_printf(m, "moves-%s %lu\n", hpc_bal_why_name(i),
			   bal_moves[i]);
	for (i = 0; i < HPC_BAL_RECENT; i++) {
		struct bal_recent *r = &recent[(recent_next + i) %
					       HPC_BAL_RECENT];

		if (r->stamp_ms)
			seq_printf(m, "moved %u to %u for %s %llu ms ago (load %u, there %u)\n",
				   r->pid, r->to, hpc_bal_why_name(r->why),
				   now - r->stamp_ms, r->load, r->there);
	}
	mutex_unlock(&bal_lock);
	show_busy(m);
	return 0;
}

int __init hpc_balancer_init(void)
{
	struct task_struct *k;

	if (!proc_create_single("balance", 0444, hpc_proc_root(),
				balance_show))
		return -ENOMEM;
	k = kthread_run(hpc_balancer_thread, NULL, "hpc_balance");
	return PTR_ERR_OR_ZERO(k);
}
