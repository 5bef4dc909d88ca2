// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: who moves where - the balancer's decisions.
 *
 * Pure logic over plain structs (include/hpc/balance.h). One round looks
 * at this node, the nodes of its info window and its processes, and
 * plans at most a few moves, in this order:
 *
 *  1. memory ushering: below mem-low free memory, the movable processes
 *     that free the most go to the nodes with the most room;
 *  2. I/O-bound guests (many calls sent home) go home unless home is
 *     much busier;
 *  3. load: a CPU-bound process goes to the node where it finishes
 *     soonest, when that wins more than twice the cost of moving it (its
 *     memory over the link, and the time its calls would spend going
 *     home);
 *  4. turns: when nothing moved for load, a process that waits for a CPU
 *     here gets one of its own by sending the most served of its
 *     fellows to a node whose processes have all had clearly more CPU
 *     time than it (turn()). A node that waits also polls a few nodes
 *     each sample (hpc_bal_poll()) and plans the same turn to one that
 *     answers, as the answer comes (hpc_bal_turn_to()).
 *
 * Loads are normalised (1000 = one reference CPU's worth of work; one
 * process adds hpc_bal_unit() to its node). Each planned move updates
 * the plan's view of both nodes, so one round can spread a burst.
 *
 * What keeps processes from bouncing:
 *  - a move must leave the target, with the process, below this node
 *    by a margin (hysteresis);
 *  - a process moves again only after reside_ms where it is (one that
 *    never moved, after a twelfth of that; so may one that waits for a
 *    CPU, to a node with a CPU free);
 *  - only load that lasts counts: a process that never moved and is
 *    younger than reside_ms / 12 (a login, a shell loop of short
 *    commands) does not make this node look busy; nor, for a sender,
 *    what is not one of its processes that want a whole CPU (commands,
 *    daemons, deputies serving calls) and was not there at the last
 *    round already;
 *  - a node with no more CPU-bound processes than CPUs sends none away
 *    (moving a process that has a CPU to itself wins nothing) unless the
 *    target is much faster;
 *  - the caller adds the moves it made to its view of the targets until
 *    their own news shows them (the window is stale for a moment);
 *  - the target has the last word: a process sent for load arrives only
 *    if, counting what it has and what is still arriving, the target
 *    stays below the sender's load as the sender planned it; and a
 *    target running more processes than CPUs takes load from one
 *    sender at a time
 *    (hpc_bal_admit()). However old the news a sender planned from, no
 *    process lands where it would have to move on, and a node that
 *    looked idle to many is not flooded by them.
 */
#include <hpc/balance.h>

void hpc_bal_defaults(struct hpc_bal_params *bp)
{
	bp->reside_ms = 3000;
	bp->min_work_ms = 1000;
	bp->margin = 500;
	bp->hog = 500;
	bp->io_share = 250;
	bp->mem_low = 100;
	bp->link_bps = 12500000;
	bp->move_ms = 200;
	bp->max_moves = 8;
}

/**
 * hpc_bal_unit() - the normalised load one busy process adds to a node
 * @n: the node
 */
u32 hpc_bal_unit(const struct hpc_bal_node *n)
{
	u32 u = hpc_load_normalise(1000, n->speed, n->cpus);

	return u ? u : 1;
}

/**
 * hpc_bal_move_cost() - what moving a process costs, in milliseconds
 * @bp: the parameters (move_ms, link_bps)
 * @rss: its memory, bytes
 *
 * Return: the fixed cost of a move and its memory over the link.
 */
u64 hpc_bal_move_cost(const struct hpc_bal_params *bp, u64 rss)
{
	return bp->move_ms + (bp->link_bps ? rss * 1000 / bp->link_bps : 0);
}

const char *hpc_bal_why_name(int why)
{
	switch (why) {
	case HPC_BAL_LOAD:
		return "load";
	case HPC_BAL_MEM:
		return "memory";
	case HPC_BAL_HOME:
		return "home";
	case HPC_BAL_TURN:
		return "turn";
	}
	return "?";
}

static u32 next_rnd(u32 *s)
{
	u32 x = *s ? *s : 0x9e3779b9u;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*s = x;
	return x;
}

/*
 * The CPU, in thousandths of a reference CPU, that one process gets on
 * @n when the node's load with it is @load: a share of the CPUs, at most
 * one CPU of the node's speed.
 */
static u64 rate(const struct hpc_bal_node *n, u32 load)
{
	u64 one = (u64)n->speed * 1000 / HPC_SPEED_REF;
	u64 share = load ? 1000000ull / load : one;

	return min(share, one) ? min(share, one) : 1;
}

/* The speed a process gets on @n among @procs CPU-bound ones. */
static u64 share(const struct hpc_bal_node *n, unsigned int procs)
{
	if (procs < n->cpus)
		procs = n->cpus;
	return (u64)n->speed * n->cpus / procs;
}

static u64 low_mark(const struct hpc_bal_params *bp,
		    const struct hpc_bal_node *n)
{
	return n->tmem / 1000 * bp->mem_low;
}

/**
 * hpc_bal_mem_short() - is the node's free memory below the mem-low mark?
 * @bp: the parameters (mem_low, per mille of the node's memory)
 * @n: the node
 *
 * Below the mark the node ushers processes away (and the thread does not
 * wait for the next round to do it).
 */
bool hpc_bal_mem_short(const struct hpc_bal_params *bp,
		       const struct hpc_bal_node *n)
{
	return n->mem < low_mark(bp, n);
}

/* Is @t another node, up and open to processes? */
static bool open_target(const struct hpc_bal_node *self,
			const struct hpc_bal_node *t)
{
	return t->node != self->node && (t->status & HPC_NODE_UP) &&
	       !(t->status & HPC_NODE_BLOCK);
}

static bool can_take(const struct hpc_bal_params *bp,
		     const struct hpc_bal_node *self,
		     const struct hpc_bal_node *t, u64 rss)
{
	return open_target(self, t) && t->mem > rss + low_mark(bp, t);
}

static void apply(struct hpc_bal_node *self, struct hpc_bal_node *t,
		  struct hpc_bal_proc *p, bool busy)
{
	u32 us = hpc_bal_unit(self);

	if (busy) {
		self->load = self->load > us ? self->load - us : 0;
		t->load += hpc_bal_unit(t);
	}
	self->mem += p->rss;
	t->mem = t->mem > p->rss ? t->mem - p->rss : 0;
	p->flags |= HPC_BP_MOVED;
}

static unsigned int add_move(struct hpc_bal_move *out, unsigned int n,
			     const struct hpc_bal_proc *procs, unsigned int i,
			     const struct hpc_bal_node *t, int why)
{
	out[n].pid = procs[i].pid;
	out[n].proc = i;
	out[n].to = t->node;
	out[n].why = why;
	out[n].load = 0;
	out[n].there = t->load;
	out[n].turn_ms = 0;
	return n + 1;
}

/*
 * Would @t, with one process more, be clearly below a sender at @lself?
 * The plan asks it of the news it has. The target judges the move on its
 * own load with the plainer hpc_bal_admit(): below the sender, no margin.
 */
static bool clearly_below(const struct hpc_bal_params *bp,
			  const struct hpc_bal_node *t, u32 us, u32 lself)
{
	u32 ut = hpc_bal_unit(t);

	return (u64)t->load + ut + (u64)bp->margin * min(us, ut) / 1000 <
	       lself;
}

/* The load of @n with each of its CPUs busy with one process. */
static u32 full(const struct hpc_bal_node *n)
{
	u32 cpus = n->cpus ? n->cpus : 1;

	return hpc_load_normalise(1000 * cpus, n->speed, cpus);
}

/**
 * hpc_bal_room() - has this node a CPU free to offer?
 * @self: this node
 *
 * Return: true when one process more would still fit its CPUs and it
 * does not block arrivals.
 */
bool hpc_bal_room(const struct hpc_bal_node *self)
{
	u32 us = hpc_bal_unit(self);

	return self->load + us <= full(self) + us / 8 &&
	       !(self->status & HPC_NODE_BLOCK);
}

/**
 * hpc_bal_admit() - may a process sent here for load arrive?
 * @self: this node now; its load counts the processes still arriving
 *	  and those that arrived too lately to show (hpc_bal_settling())
 * @from_load: the sender's load when it planned the move
 *	       (struct hpc_bal_move.load); 0: not sent for load
 * @crowded: another node's process was admitted here for load less
 *	     than HPC_BAL_SETTLE_MS ago
 *
 * A sender plans from news that may be seconds old, and others may have
 * sent here meanwhile. The process is welcome only while the sender's
 * rule holds with this node's true load: with it, this node is still
 * below the sender. Senders that saw this node idle in the same news
 * would all send at once: once it runs more processes than it has CPUs,
 * it takes from the first of them only, until what that one sent has
 * settled. The others keep their processes for a node their next round
 * finds.
 *
 * Return: true when it may arrive.
 */
bool hpc_bal_admit(const struct hpc_bal_node *self, u32 from_load,
		   bool crowded)
{
	if (!from_load)
		return true;
	if (crowded && self->load > full(self) + hpc_bal_unit(self) / 8)
		return false;
	/* Not the sender's margin: only what the news got wrong. */
	return self->load + hpc_bal_unit(self) < from_load;
}

/* @n's load in whole processes, rounded. */
static u32 procs_on(const struct hpc_bal_node *n)
{
	u32 u = hpc_bal_unit(n);

	return (n->load + u / 2) / u;
}

/*
 * Turns (turn()). What the least served busy process of @t has had by
 * now: the news, and since then a CPU of its own when @t runs one
 * process a CPU, its share of one when more.
 */
static u64 now_served(const struct hpc_bal_node *t)
{
	u32 procs = procs_on(t);

	if (procs < t->cpus)
		procs = t->cpus;
	if (!t->served_ms || t->served_ms == HPC_BAL_UNSETTLED)
		return 0;
	if (!procs)
		return t->served_ms;
	return t->served_ms + (u64)t->age_ms * t->cpus / procs;
}

/* Is a process that had @had clearly ahead of one that had @waited? */
static bool ahead_of(u64 had, u64 waited)
{
	return had >= waited + had / HPC_BAL_TURN_SHARE;
}

/* Does @n run one busy process a CPU, none waiting, and tell its CPU? */
static bool one_a_cpu(const struct hpc_bal_node *n)
{
	return procs_on(n) == n->cpus && now_served(n);
}

/* Does @n run more busy processes than CPUs? */
static bool waits(const struct hpc_bal_node *n)
{
	return procs_on(n) > n->cpus && now_served(n);
}

/**
 * hpc_bal_admit_turn() - may a process sent here for a turn arrive?
 * @self: this node now, as for hpc_bal_admit(); served_ms its own
 *	  hpc_bal_served() now
 * @turn_ms: the CPU time of the process the sender leaves a CPU to
 *	     (struct hpc_bal_move.turn_ms)
 * @crowded: as for hpc_bal_admit()
 *
 * The sender saw this node with each CPU busy with one process, all of
 * them served clearly more than the one it leaves behind. Since then a
 * process may have arrived or started here, or ended: the turn is
 * welcome only while this node has no process more than CPUs and its
 * least served process has had more than @turn_ms, by half the sender's
 * share (the news was old; the sender's own process aged too).
 *
 * Return: true when it may arrive.
 */
bool hpc_bal_admit_turn(const struct hpc_bal_node *self, u32 turn_ms,
			bool crowded)
{
	if (crowded || !one_a_cpu(self))
		return false;
	return self->served_ms >= (u64)turn_ms +
	       self->served_ms / (2 * HPC_BAL_TURN_SHARE);
}

/**
 * hpc_bal_served() - what this node tells others of its processes' CPU
 * @bp: the parameters
 * @least: the value so far, for the processes seen before; 0 at first
 * @p: one more process (served_ms, demand, resident_ms, flags)
 *
 * Folded over this node's processes: the CPU time of the least served
 * of its busy ones, plus one; 0 when none is busy. Others send it a turn
 * (turn()) only when all of them have been served clearly more than the
 * process that gets a CPU by it. HPC_BAL_UNSETTLED while a process that
 * moved here is too new to show in this node's load: its news would
 * count one process a CPU where there are more.
 *
 * Return: the new value.
 */
u32 hpc_bal_served(const struct hpc_bal_params *bp, u32 least,
		   const struct hpc_bal_proc *p)
{
	u32 s = min(p->served_ms, HPC_BAL_UNSETTLED - 2) + 1;

	if (least == HPC_BAL_UNSETTLED ||
	    (!(p->flags & HPC_BP_NEW) && p->resident_ms < HPC_BAL_SETTLE_MS))
		return HPC_BAL_UNSETTLED;
	if (p->demand < bp->hog)
		return least;
	return least && least < s ? least : s;
}

/**
 * hpc_bal_least() - what a node that waits tells of its processes' CPU
 * @bp: the parameters
 * @least: the value so far; 0 at first
 * @p: one more process (served_ms, demand, resident_ms)
 *
 * Folded as hpc_bal_served(), without its mark for a process that moved
 * here lately, and with each demand seen unbiased: the CPU time of the
 * least served busy process, plus one. A node's polls (hpc_bal_poll())
 * tell it with a load that counts its arrivals busy, so the mark is not
 * needed there: their news does not count one process a CPU where there
 * are more.
 *
 * Return: the new value.
 */
u32 hpc_bal_least(const struct hpc_bal_params *bp, u32 least,
		  const struct hpc_bal_proc *p)
{
	u32 s = min(p->served_ms, HPC_BAL_UNSETTLED - 2) + 1;

	if (!hpc_bal_may_hog(bp, p))
		return least;
	return least && least < s ? least : s;
}

/**
 * hpc_bal_offer() - the node an underloaded node tells it has room
 * @bp: the parameters
 * @self: this node
 * @nodes: the up nodes it knows
 * @nr: their number
 * @rnd: a random number (ties)
 *
 * A node with a CPU free does not wait for the gossip to carry that
 * news: it tells the busiest node it knows that could send it a process
 * by the rule of spread() (this node, with one process more, clearly
 * below it), which then plans a round at once (hpc_bal_news()).
 *
 * Busiest is counted in whole processes; of the nodes running as many,
 * the one with the freshest news. As jobs end, many nodes run two and
 * their loads differ only by noise: the node whose news says so most
 * lately is the likeliest to run two still.
 *
 * Return: the index in @nodes of that node, or -1 when this node has no
 * CPU free or no node could send it one.
 */
/* Could @t send this node one of its processes, by the rule of spread()? */
static bool could_send(const struct hpc_bal_params *bp,
		       const struct hpc_bal_node *self,
		       const struct hpc_bal_node *t)
{
	return (t->status & HPC_NODE_UP) && t->node != self->node &&
	       clearly_below(bp, self, hpc_bal_unit(t), t->load);
}

/*
 * Could @self, running one process a CPU, give a turn to @t (turn(), run
 * by @t): does @t run more processes than CPUs, its least served clearly
 * behind every one of this node's?
 */
static bool could_turn(const struct hpc_bal_node *self,
		       const struct hpc_bal_node *t)
{
	return one_a_cpu(self) && !(self->status & HPC_NODE_BLOCK) &&
	       t->node != self->node && (t->status & HPC_NODE_UP) &&
	       waits(t) && ahead_of(self->served_ms, now_served(t));
}

/*
 * A node running one process a CPU, well served, offers a turn to the
 * node whose waiting process is the least served, if clearly less: its
 * news, fresh, lets that node's round send it one (turn()).
 */
static int offer_turn(const struct hpc_bal_node *self,
		      const struct hpc_bal_node *nodes, unsigned int nr)
{
	u64 least = 0;
	unsigned int i;
	int best = -1;

	for (i = 0; i < nr; i++) {
		const struct hpc_bal_node *t = &nodes[i];
		u64 w = now_served(t);

		if (!could_turn(self, t))
			continue;
		if (best < 0 || w < least ||
		    (w == least && t->age_ms < nodes[best].age_ms)) {
			best = i;
			least = w;
		}
	}
	return best;
}

int hpc_bal_offer(const struct hpc_bal_params *bp,
		  const struct hpc_bal_node *self,
		  const struct hpc_bal_node *nodes, unsigned int nr, u32 rnd)
{
	unsigned int i;
	int best = -1;

	if (!hpc_bal_room(self))
		return offer_turn(self, nodes, nr);
	for (i = 0; i < nr; i++) {
		const struct hpc_bal_node *t = &nodes[i];

		if (!could_send(bp, self, t))
			continue;
		if (best < 0 || procs_on(t) > procs_on(&nodes[best]))
			best = i;
		else if (procs_on(t) < procs_on(&nodes[best]))
			continue;
		else if (t->age_ms < nodes[best].age_ms ||
			 (t->age_ms == nodes[best].age_ms &&
			  (next_rnd(&rnd) & 1)))
			best = i;
	}
	return best;
}

/* Could this node, busy beyond its CPUs, send @t a process at all? */
static bool may_send_to(const struct hpc_bal_node *self,
			const struct hpc_bal_node *t)
{
	return self->load > full(self) && open_target(self, t);
}

/**
 * hpc_bal_news() - does news of another node call for a round now?
 * @bp: the parameters
 * @self: this node
 * @t: the node the news is of (its own vector, fresh)
 *
 * Return: true when this node runs more processes than it has CPUs and
 * @t, with one of them more, would be clearly below it, or runs one a
 * CPU while a process here waits and has had clearly more CPU time: the
 * balancer need not wait for its next round to send it one.
 */
bool hpc_bal_news(const struct hpc_bal_params *bp,
		  const struct hpc_bal_node *self,
		  const struct hpc_bal_node *t)
{
	if (!may_send_to(self, t))
		return false;
	if (waits(self) && one_a_cpu(t) &&
	    ahead_of(now_served(t), self->served_ms))
		return true;
	return clearly_below(bp, t, hpc_bal_unit(self), self->load);
}

/**
 * hpc_bal_load_news() - does news of a node call for a round for load?
 * @bp: the parameters
 * @self: this node
 * @t: the node the news is of (its own vector, fresh)
 *
 * hpc_bal_news() without its turns: for a node that polls, which plans
 * the turn to @t as the news comes (hpc_bal_turn_to()) and, when it
 * plans none, hears again at its next poll; a round would plan the same
 * turn from older news.
 *
 * Return: true when @t, with one of this node's processes more, would
 * be clearly below it.
 */
bool hpc_bal_load_news(const struct hpc_bal_params *bp,
		       const struct hpc_bal_node *self,
		       const struct hpc_bal_node *t)
{
	return may_send_to(self, t) &&
	       clearly_below(bp, t, hpc_bal_unit(self), self->load);
}

/**
 * hpc_bal_answer() - should this node offer its room to a node it heard?
 * @bp: the parameters
 * @self: this node
 * @t: the node heard (its own vector, fresh)
 *
 * A node busy beyond its CPUs that finds no node to send to asks nodes
 * at random (hpc_bal_ask()): news fresher than any gossip, of a node
 * that has work. A node with a CPU free that hears it answers with an
 * offer (hpc_bal_offer()'s rule, for that one node) without waiting for
 * its next sample. Gossip's news of idle nodes is seconds old, and many
 * senders chase the same ones; an offer is of this instant.
 *
 * A node with no CPU free answers so too when it would give the node a
 * turn (hpc_bal_offer()'s rule for turns): its processes clearly ahead
 * of the one that waits there. Those ahead are the nodes whose process
 * has run alone for a while, a few at any time among many; the gossip
 * finds few of them for a node that waits, and one offer a second finds
 * few of those that wait.
 *
 * Return: true when this node has a CPU free and @t could send it a
 * process by the rule of spread(), or this node could give @t a turn.
 */
bool hpc_bal_answer(const struct hpc_bal_params *bp,
		    const struct hpc_bal_node *self,
		    const struct hpc_bal_node *t)
{
	if (!hpc_bal_room(self))
		return could_turn(self, t);
	return could_send(bp, self, t);
}

/**
 * hpc_bal_ask() - should this node, after its round, ask for room?
 * @self: this node, as its round left it (the moves it planned taken out)
 * @known: the other nodes its window holds news of
 * @others: the other nodes of the cluster
 *
 * Return: true when it still runs more processes than it has CPUs and
 * its news do not cover the cluster: it tells a few nodes at random
 * (hpc_bal_answer()). A node that knows every other node fresh has
 * nothing to learn so.
 */
bool hpc_bal_ask(const struct hpc_bal_node *self, unsigned int known,
		 unsigned int others)
{
	return known < others &&
	       self->load > full(self) + hpc_bal_unit(self) / 8;
}

/**
 * hpc_bal_settling() - the load a process that just arrived will add
 * @self: this node
 * @demand: its demand so far (it starts at 0 where it arrives)
 *
 * Until its demand shows, a process sent for load counts as busy.
 *
 * Return: what to add to the node's load for it.
 */
u32 hpc_bal_settling(const struct hpc_bal_node *self, u32 demand)
{
	u32 d = hpc_load_normalise(demand, self->speed, self->cpus);
	u32 u = hpc_bal_unit(self);

	return u > d ? u - d : 0;
}

/* May the policy of this node let @p leave automatically? */
static bool may_leave(const struct hpc_bal_node *self,
		      const struct hpc_bal_proc *p)
{
	if (!(p->flags & HPC_BP_MOVABLE) || (p->flags & HPC_BP_MOVED))
		return false;
	if (self->status & HPC_NODE_STAY)
		return false;
	return !((self->status & HPC_NODE_LSTAY) && p->home == self->node);
}

/*
 * How long a process must have been where it is before it moves again.
 * One that never moved cannot bounce: it need only show it lasts, by
 * wanting a CPU for a sample or so (a shell loop's commands are gone by
 * then).
 */
static u32 reside(const struct hpc_bal_params *bp,
		  const struct hpc_bal_proc *p)
{
	return p->flags & HPC_BP_NEW ? bp->reside_ms / 12 : bp->reside_ms;
}

/*
 * Must @p, younger than reside(), stay? It may move as soon as a new one
 * would, but only off a node running more CPU-bound processes than CPUs
 * (@hogs) and, by spread(), only to a node with a CPU free: there it gets
 * the CPU it waits for here, and from there nothing sends it back (a node
 * with no more CPU-bound processes than CPUs sends none). After a burst,
 * nodes that took two processes from two senders at once pass one on to
 * an idle node in a quarter of a second instead of three.
 */
static bool must_stay(const struct hpc_bal_params *bp,
		      const struct hpc_bal_node *self,
		      const struct hpc_bal_proc *p, unsigned int hogs)
{
	return hogs <= self->cpus || p->resident_ms < bp->reside_ms / 12;
}

/**
 * hpc_bal_ripe_in() - when a round may first move a busy young process
 * @bp: the parameters
 * @p: the process
 *
 * A burst of jobs counts, and may move, from the moment the jobs have
 * shown they last; the round that spreads them need not wait for the
 * next balance-interval. The caller asks it of each process as its
 * demand is sampled, and of all of them in a round.
 *
 * Return: ms until @p, which never moved and has wanted a CPU, is old
 * enough to move, or 0 when it is not such a process. (The rounds come
 * at samples: the rest of a burst, started a moment later, is ripe by
 * the next.)
 */
u32 hpc_bal_ripe_in(const struct hpc_bal_params *bp,
		    const struct hpc_bal_proc *p)
{
	u32 age = reside(bp, p);

	if (!(p->flags & HPC_BP_NEW) || p->resident_ms >= age || !p->demand)
		return 0;
	return age - p->resident_ms;
}

/**
 * hpc_bal_next_ripe() - when the next busy young process may first move
 * @bp: the parameters
 * @procs: this node's processes
 * @nprocs: their number
 *
 * Return: the least hpc_bal_ripe_in() of @procs that is not 0, or 0.
 */
u32 hpc_bal_next_ripe(const struct hpc_bal_params *bp,
		      const struct hpc_bal_proc *procs, unsigned int nprocs)
{
	u32 ripe = 0, r;
	unsigned int i;

	for (i = 0; i < nprocs; i++) {
		r = hpc_bal_ripe_in(bp, &procs[i]);
		if (r && (!ripe || r < ripe))
			ripe = r;
	}
	return ripe;
}

static bool is_hog(const struct hpc_bal_params *bp,
		   const struct hpc_bal_proc *p)
{
	return p->demand >= bp->hog;
}

/*
 * The share of its time a process would spend in calls sent home. At
 * home it is judged by its system time, which for one that started a
 * moment ago is mostly its start (exec, its first page faults): until it
 * has run reside_ms, such a process is taken to send none.
 */
static u32 fwd_share(const struct hpc_bal_params *bp,
		     const struct hpc_bal_proc *p)
{
	if ((p->flags & HPC_BP_NEW) && p->resident_ms < bp->reside_ms)
		return 0;
	return p->fwd_share;
}

static bool io_bound(const struct hpc_bal_params *bp,
		     const struct hpc_bal_proc *p)
{
	if (p->flags & HPC_BP_CPUJOB)
		return false;
	return (p->flags & HPC_BP_IOJOB) || fwd_share(bp, p) >= bp->io_share;
}

/*
 * A demand sampled since 0 shows only part of what the process wants
 * (hpc_demand_left()): a burst of busy jobs half a second old would look
 * half as busy as it is, and be spread by halves, a round apart. Count a
 * process that has been sampled a whole period as what it wants. (Its
 * first window, its start, weighs only as long as it was: a command that
 * started and then slept is not taken for a busy job.)
 */
static u32 unbiased(u32 demand, u32 resident_ms)
{
	u32 left = hpc_demand_left(resident_ms);

	if (!demand || resident_ms < HPC_BAL_SAMPLE_MS || left <= 10)
		return demand;
	return min(1000U, demand * 1000 / (1000 - left));
}

/**
 * hpc_bal_may_hog() - may @p be CPU-bound, its demand seen unbiased?
 * @bp: the parameters
 * @p: the process (demand and resident_ms filled)
 *
 * The caller need fill the rest of the struct, and look at the process's
 * memory, only for such a process (or when memory is short).
 */
bool hpc_bal_may_hog(const struct hpc_bal_params *bp,
		     const struct hpc_bal_proc *p)
{
	return unbiased(p->demand, p->resident_ms) >= bp->hog;
}

static void unbias(struct hpc_bal_node *self, struct hpc_bal_proc *procs,
		   unsigned int nprocs)
{
	unsigned int i;

	for (i = 0; i < nprocs; i++) {
		struct hpc_bal_proc *p = &procs[i];
		u32 d = unbiased(p->demand, p->resident_ms);

		self->load += hpc_load_normalise(d, self->speed, self->cpus) -
			      hpc_load_normalise(p->demand, self->speed,
						 self->cpus);
		p->demand = d;
	}
}

/* Has @p shown it lasts: moved here, or old enough to move? */
static bool lasts(const struct hpc_bal_params *bp,
		  const struct hpc_bal_proc *p)
{
	return !(p->flags & HPC_BP_NEW) || (p->flags & HPC_BP_ASKED) ||
	       p->resident_ms >= reside(bp, p);
}

/*
 * Take out of this node's load what has not shown it lasts: the demand of
 * the processes that never moved and are younger than they must be to
 * move. A burst of short commands must not send a job off a balanced
 * node; a burst of long jobs counts from the round they may first move.
 */
static void lasting_load(const struct hpc_bal_params *bp,
			 struct hpc_bal_node *self,
			 const struct hpc_bal_proc *procs, unsigned int nprocs)
{
	unsigned int i;

	for (i = 0; i < nprocs; i++) {
		const struct hpc_bal_proc *p = &procs[i];
		u32 d;

		if (lasts(bp, p))
			continue;
		d = hpc_load_normalise(p->demand, self->speed, self->cpus);
		self->load -= min(self->load, d);
	}
}

/*
 * What is not one of its CPU-bound processes counts for a sender only as
 * far as it was there at the last round too: a command that outlived
 * reside_ms / 12 on a crowded CPU, or a poller's or a daemon's burst,
 * sends no job away. The processes that want a whole CPU count at once: a
 * burst of jobs spreads when ripe. (Wanting half of one, as a busy daemon
 * may for a moment, is not enough: its load would count at once as it
 * rose past that mark.)
 */
static void lasting_other(const struct hpc_bal_params *bp,
			  struct hpc_bal_node *self,
			  const struct hpc_bal_proc *procs, unsigned int nprocs)
{
	u32 busy = 0;
	unsigned int i;

	for (i = 0; i < nprocs; i++)
		if (procs[i].demand >= HPC_BAL_TURN_WANT &&
		    lasts(bp, &procs[i]))
			busy += hpc_load_normalise(procs[i].demand, self->speed,
						   self->cpus);
	self->other = self->load > busy ? self->load - busy : 0;
	if (self->had_other && self->other > self->other_was)
		self->load -= self->other - self->other_was;
}

/* The node with the most room that can take @rss, or -1. */
static int roomiest(const struct hpc_bal_params *bp,
		    const struct hpc_bal_node *self,
		    const struct hpc_bal_node *nodes, unsigned int nr, u64 rss)
{
	unsigned int j;
	int to = -1;

	for (j = 0; j < nr; j++) {
		if (!can_take(bp, self, &nodes[j], rss))
			continue;
		if (to < 0 || nodes[j].mem > nodes[to].mem)
			to = j;
	}
	return to;
}

/* 1. Memory: free the most with the fewest moves. */
static unsigned int usher(const struct hpc_bal_params *bp,
			  struct hpc_bal_node *self, struct hpc_bal_node *nodes,
			  unsigned int nr, struct hpc_bal_proc *procs,
			  unsigned int nprocs, struct hpc_bal_move *out,
			  unsigned int n, unsigned int max)
{
	while (n < max && hpc_bal_mem_short(bp, self)) {
		int best = -1, to = -1, j;
		unsigned int i;

		for (i = 0; i < nprocs; i++) {
			struct hpc_bal_proc *p = &procs[i];

			/* Moving a small one frees nothing worth the move. */
			if (!may_leave(self, p) ||
			    p->rss < self->tmem / HPC_BAL_USHER_MIN)
				continue;
			if (best >= 0 && p->rss <= procs[best].rss)
				continue;
			/* Room for it, and for it to grow a little. */
			j = roomiest(bp, self, nodes, nr, p->rss + p->rss / 8);
			if (j >= 0) {
				best = i;
				to = j;
			}
		}
		if (best < 0)
			break;
		n = add_move(out, n, procs, best, &nodes[to], HPC_BAL_MEM);
		apply(self, &nodes[to], &procs[best], is_hog(bp, &procs[best]));
	}
	return n;
}

/* 2. I/O-bound guests go home, if home has room and is no worse. */
static unsigned int send_home(const struct hpc_bal_params *bp,
			      struct hpc_bal_node *self,
			      struct hpc_bal_node *nodes, unsigned int nr,
			      struct hpc_bal_proc *procs, unsigned int nprocs,
			      struct hpc_bal_move *out, unsigned int n,
			      unsigned int max)
{
	unsigned int i, j;

	for (i = 0; i < nprocs && n < max; i++) {
		struct hpc_bal_proc *p = &procs[i];

		if (p->home == self->node || !may_leave(self, p) ||
		    !io_bound(bp, p) ||
		    (p->resident_ms < bp->reside_ms &&
		     !(p->flags & HPC_BP_ASKED)))
			continue;
		for (j = 0; j < nr; j++) {
			struct hpc_bal_node *h = &nodes[j];

			if (h->node != p->home || !(h->status & HPC_NODE_UP))
				continue;
			/*
			 * Home may look a process busier: part of its load
			 * is this process's deputy, serving its calls.
			 */
			if (h->load > self->load + hpc_bal_unit(self))
				break;
			/* Nor is home short of memory for it. */
			if (h->mem < p->rss + low_mark(bp, h))
				break;
			n = add_move(out, n, procs, i, h, HPC_BAL_HOME);
			apply(self, h, p, is_hog(bp, p));
			break;
		}
	}
	return n;
}

/* 3. Load: the move that wins the most over twice its cost. */
static unsigned int spread(const struct hpc_bal_params *bp,
			   struct hpc_bal_node *self, struct hpc_bal_node *nodes,
			   unsigned int nr, struct hpc_bal_proc *procs,
			   unsigned int nprocs, struct hpc_bal_move *out,
			   unsigned int n, unsigned int max)
{
	unsigned int i, j, hogs = 0;
	bool asked = false;

	for (i = 0; i < nprocs; i++) {
		if (is_hog(bp, &procs[i]) && !(procs[i].flags & HPC_BP_MOVED))
			hogs++;
		if (procs[i].flags & HPC_BP_ASKED)
			asked = true;
	}
	while (n < max) {
		u32 us = hpc_bal_unit(self);
		u32 lself = max(self->load, us);
		s64 best_score = 0;
		int best = -1, to = -1;

		for (i = 0; i < nprocs; i++) {
			struct hpc_bal_proc *p = &procs[i];
			u64 work, cost;
			bool young;

			if (!may_leave(self, p) || io_bound(bp, p))
				continue;
			if (asked != !!(p->flags & HPC_BP_ASKED))
				continue;
			if (!asked && !is_hog(bp, p))
				continue;
			young = !asked && p->resident_ms < reside(bp, p);
			if (young && must_stay(bp, self, p, hogs))
				continue;
			/*
			 * What it has left to compute: about what it has
			 * computed (one that ran long runs long); asked, at
			 * least reside_ms.
			 */
			work = max(p->cpu_ms, (u64)p->resident_ms * p->demand /
				   1000);
			work = max(work, (u64)(asked ? bp->reside_ms :
					       bp->min_work_ms));
			/* Its memory over the link; its calls sent home. */
			cost = hpc_bal_move_cost(bp, p->rss) +
			       work * fwd_share(bp, p) / 1000;
			for (j = 0; j < nr; j++) {
				struct hpc_bal_node *t = &nodes[j];
				u32 ut = hpc_bal_unit(t);
				u64 r_here = rate(self, lself);
				u64 r_there = rate(t, t->load + ut);
				s64 gain, score;

				if (!can_take(bp, self, t, p->rss))
					continue;
				/* Hysteresis: clearly better there. */
				if (!clearly_below(bp, t, us, lself))
					continue;
				/* A young one only to a CPU of its own. */
				if (young && !hpc_bal_room(t))
					continue;
				/* A process with a CPU to itself stays. */
				if (hogs <= self->cpus &&
				    r_there * 2 <= r_here * 3)
					continue;
				if (r_there <= r_here)
					continue;
				gain = (s64)(work * 1000 / r_here) -
				       (s64)(work * 1000 / r_there);
				score = gain - 2 * (s64)cost;
				/*
				 * Of equal targets, the one with the freshest
				 * news: an idle node others also heard of
				 * long ago has likely been sent to already.
				 */
				if (score > best_score ||
				    (score == best_score && best >= 0 &&
				     (int)j != to && t->age_ms < nodes[to].age_ms)) {
					best_score = score;
					best = i;
					to = j;
				}
			}
		}
		if (best < 0)
			break;
		n = add_move(out, n, procs, best, &nodes[to], HPC_BAL_LOAD);
		out[n - 1].load = lself;
		apply(self, &nodes[to], &procs[best], true);
		if (hogs)
			hogs--;
	}
	return n;
}

/*
 * Has @p, the least served busy process here, waited for a CPU, or is it
 * a moment's work (a command, a daemon woken by one)? It must have been
 * here a whole sample, so that its demand is seen unbiased, and want
 * nearly a whole CPU: a process busy for a moment wants less than
 * HPC_BAL_TURN_WANT, however young it is. (A process that just arrived
 * and waits is no moment's work: its node's polls find it a turn.)
 */
static bool waited(const struct hpc_bal_proc *p)
{
	return p->resident_ms >= HPC_BAL_SAMPLE_MS &&
	       p->demand >= HPC_BAL_TURN_WANT;
}

/*
 * A turn. Loads even, this node may still run more CPU-bound processes
 * than CPUs beside a node that runs one a CPU: which processes wait is
 * then an accident of where they were placed, and the ones that wait
 * fall behind for as long as it lasts. When nothing moves for load, the
 * least served process here gets a CPU of its own: the most served of
 * the others goes to a node whose busy processes have all had more CPU
 * time than the one left here, by 1/HPC_BAL_TURN_SHARE of theirs and by
 * HPC_BAL_TURN_COST times what the move costs. The sent one runs there
 * at the share it has here; the target's processes give up the CPU time
 * they had ahead. As one cluster-wide scheduler would, turns keep CPU
 * time even across nodes; a process that ran for an hour waits minutes
 * for one, so long-running work moves seldom.
 */
static unsigned int turn(const struct hpc_bal_params *bp,
			 struct hpc_bal_node *self, struct hpc_bal_node *nodes,
			 unsigned int nr, struct hpc_bal_proc *procs,
			 unsigned int nprocs, struct hpc_bal_move *out,
			 unsigned int n, unsigned int max)
{
	u32 lself = max(self->load, hpc_bal_unit(self));
	unsigned int i, hogs = 0;
	int stay = -1, go = -1, to = -1;
	u64 cost, best = 0;

	if (n >= max)
		return n;
	for (i = 0; i < nprocs; i++) {
		if (!is_hog(bp, &procs[i]) || (procs[i].flags & HPC_BP_MOVED))
			continue;
		hogs++;
		if (stay < 0 || procs[i].served_ms < procs[stay].served_ms)
			stay = i;
	}
	if (hogs <= self->cpus || !waited(&procs[stay]))
		return n;
	for (i = 0; i < nprocs; i++) {
		struct hpc_bal_proc *p = &procs[i];

		if ((int)i == stay || !is_hog(bp, p) || !may_leave(self, p) ||
		    io_bound(bp, p) || p->resident_ms < bp->reside_ms / 12)
			continue;
		if (go < 0 || p->served_ms > procs[go].served_ms)
			go = i;
	}
	if (go < 0)
		return n;
	cost = hpc_bal_move_cost(bp, procs[go].rss);
	for (i = 0; i < nr; i++) {
		struct hpc_bal_node *t = &nodes[i];
		u64 had = now_served(t);
		u64 ahead = HPC_BAL_TURN_COST * cost;

		if (!can_take(bp, self, t, procs[go].rss) || !one_a_cpu(t) ||
		    !ahead_of(had, procs[stay].served_ms) ||
		    had < (u64)procs[stay].served_ms + ahead)
			continue;
		/*
		 * It runs there about as fast as here: its share of a CPU
		 * there, one process more, against here, counted in
		 * processes (a load still rising with an arrival would
		 * make this node look less busy than it is).
		 */
		if (share(t, procs_on(t) + 1) * HPC_BAL_TURN_SHARE <
		    share(self, hogs) * (HPC_BAL_TURN_SHARE - 1))
			continue;
		/* The freshest news: others sent to the older likelier. */
		if (to < 0 || t->age_ms < nodes[to].age_ms ||
		    (t->age_ms == nodes[to].age_ms && had > best)) {
			best = had;
			to = i;
		}
	}
	if (to < 0)
		return n;
	n = add_move(out, n, procs, go, &nodes[to], HPC_BAL_TURN);
	out[n - 1].load = lself;
	out[n - 1].turn_ms = max(procs[stay].served_ms, 1U);
	apply(self, &nodes[to], &procs[go], true);
	return n;
}

/**
 * hpc_bal_poll() - should this node poll for a turn, telling what load?
 * @self: this node, its load counting what arrived and is arriving busy
 *	  (as hpc_mig_admit() counts it)
 * @busy: its busy processes, their demand seen unbiased (those
 *	  hpc_bal_least() folds)
 *
 * A node that runs more processes than CPUs tells HPC_BAL_POLL nodes
 * drawn at random, each sample, of its load and of the CPU time its
 * least served process has had (hpc_bal_least()). Those with a CPU free
 * or a turn to give answer at once (hpc_bal_answer()), and this node
 * acts on the answer as it comes (hpc_bal_turn_to()). Gossip's news of
 * the nodes whose process runs alone is seconds old, and turns need it
 * true now: which processes wait changes with every move. The load it
 * tells is at least its busy processes' (the demand of one that started
 * a moment ago has not risen whole yet).
 *
 * Return: the load to tell, or 0 when it should not poll.
 */
u32 hpc_bal_poll(const struct hpc_bal_node *self, unsigned int busy)
{
	struct hpc_bal_node n = *self;

	n.load = max(self->load, busy * hpc_bal_unit(self));
	return procs_on(&n) > n.cpus ? n.load : 0;
}

/**
 * hpc_bal_may_turn_to() - could news of a node bring a turn to it?
 * @self: this node
 * @t: the node heard (its own vector, fresh)
 *
 * Only a node up, open to processes and running one busy process a CPU
 * takes a turn (turn()): news of any other needs no look at this node's
 * processes (hpc_bal_turn_to() would plan none).
 *
 * Return: true when hpc_bal_turn_to() could plan a turn to @t.
 */
bool hpc_bal_may_turn_to(const struct hpc_bal_node *self,
			 const struct hpc_bal_node *t)
{
	return open_target(self, t) && one_a_cpu(t);
}

/**
 * hpc_bal_turn_to() - plan a turn to a node just heard from
 * @bp: the parameters
 * @self: this node, as for hpc_balance()
 * @t: the node, its own vector fresh (an answer to a poll, or its gossip)
 * @procs: this node's processes, as for hpc_balance()
 * @nprocs: their number
 * @out: room for one move
 *
 * The turn a round would plan (turn()) with @t as the only node it knows,
 * planned as the news comes rather than at the next round.
 *
 * Return: 1 when a turn to @t is planned, else 0.
 */
unsigned int hpc_bal_turn_to(const struct hpc_bal_params *bp,
			     struct hpc_bal_node *self,
			     struct hpc_bal_node *t,
			     struct hpc_bal_proc *procs, unsigned int nprocs,
			     struct hpc_bal_move *out)
{
	unbias(self, procs, nprocs);
	lasting_load(bp, self, procs, nprocs);
	return turn(bp, self, t, 1, procs, nprocs, out, 0, 1);
}

/**
 * hpc_balance() - plan one round of moves
 * @bp: the parameters (hpc_bal_defaults())
 * @self: this node; its load and mem change as moves are planned (and
 *	  its load loses the demand of the processes too young to count,
 *	  and what else rose since the last round: @self->other_was, when
 *	  @self->had_other; @self->other is the caller's to keep for the
 *	  next)
 * @nodes: the other nodes it knows (down ones are skipped); updated too
 * @nr: their number
 * @procs: this node's processes, movable or not (the unmovable ones count
 *	   in how busy the node is); planned ones get HPC_BP_MOVED, and the
 *	   demand of the young ones is corrected for its start at 0
 * @nprocs: their number
 * @out: the planned moves
 * @max: room in @out
 *
 * When a process carries HPC_BP_ASKED, only such processes are
 * considered for a load move, whatever their age or CPU use.
 *
 * Return: the number of moves planned.
 */
unsigned int hpc_balance(const struct hpc_bal_params *bp,
			 struct hpc_bal_node *self,
			 struct hpc_bal_node *nodes, unsigned int nr,
			 struct hpc_bal_proc *procs, unsigned int nprocs,
			 struct hpc_bal_move *out, unsigned int max)
{
	unsigned int n = 0;

	max = min(max, bp->max_moves);
	unbias(self, procs, nprocs);
	lasting_load(bp, self, procs, nprocs);
	lasting_other(bp, self, procs, nprocs);
	n = usher(bp, self, nodes, nr, procs, nprocs, out, n, max);
	n = send_home(bp, self, nodes, nr, procs, nprocs, out, n, max);
	n = spread(bp, self, nodes, nr, procs, nprocs, out, n, max);
	if (n)
		return n;
	return turn(bp, self, nodes, nr, procs, nprocs, out, n, max);
}
