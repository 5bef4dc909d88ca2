/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openMosix: the balancer's decisions (hpc/balance.c).
 *
 * Pure functions over plain structs: no locking, no kernel state. The
 * kernel (hpc/balancer.c) fills them from its info window and its
 * processes; KUnit and the userspace simulator fill them by hand.
 */
#ifndef _HPC_BALANCE_H
#define _HPC_BALANCE_H

#include <hpc/load.h>

/* A node as the balancer sees it; the plan updates load and mem. */
struct hpc_bal_node {
	u16 node;
	u16 cpus;
	u32 speed;		/* HPC_SPEED_REF = the reference CPU */
	u32 load;		/* normalised: per mille of a reference CPU */
	u32 status;		/* HPC_NODE_* */
	u64 mem;		/* free bytes */
	u64 tmem;		/* total bytes */
	u32 age_ms;		/* how old the news of it is */
	u32 served_ms;		/* CPU time its least served busy process
				 * has had, plus one; 0: none busy
				 * (hpc_bal_served())
				 */
	/* self only: see hpc_balance() */
	u32 other;		/* out: its load besides its busy processes */
	u32 other_was;		/* in: the same, at the last round */
	bool had_other;		/* in: other_was is known */
};

/*
 * A process's demand is sampled this often from 0 where it starts or
 * arrives: d = (3d + s) / 4 each whole period, the first, shorter window
 * weighing its length (hpc_demand_sample(), hpc/balancer.c).
 */
#define HPC_BAL_SAMPLE_MS	HPC_DEMAND_SAMPLE_MS

/* Nodes a node busy beyond its CPUs asks for room (hpc_bal_ask()). */
#define HPC_BAL_ASK		8

/* Nodes a node with more processes than CPUs polls a sample (hpc_bal_poll()). */
#define HPC_BAL_POLL		2

/* An arrival shows in its new node's load after this. */
#define HPC_BAL_SETTLE_MS	1000
/*
 * ... and wholly after this: a busy process's demand, sampled from 0
 * where it arrives, is then past HPC_BAL_TURN_WANT (eight samples show
 * 90% of it, hpc_demand_sample()). Until then a node deciding whether to
 * admit a move counts it busy (hpc_bal_settling(), hpc_mig_admit()).
 */
#define HPC_BAL_SHOW_MS		2000

/*
 * A turn (HPC_BAL_TURN) gives a process that waits for a CPU one of its
 * own, on a node whose busy processes have all had at least 1/12 more
 * CPU time than it, and at least twice what the move costs.
 */
#define HPC_BAL_TURN_SHARE	12
#define HPC_BAL_TURN_COST	2
/*
 * ... and only for a process that wants a CPU: its demand this high
 * (per mille) shows it wanted a whole one for about two seconds. Only
 * such processes count in a sender's load at once (the rest, as far as
 * they were there at its last round too).
 */
#define HPC_BAL_TURN_WANT	900

/* struct hpc_bal_node.served_ms: a process arrived too lately to show */
#define HPC_BAL_UNSETTLED	U32_MAX

/* Ushering skips a process smaller than 1/64 of its node's memory. */
#define HPC_BAL_USHER_MIN	64

/* struct hpc_bal_proc.flags */
#define HPC_BP_MOVABLE		0x01	/* may move now (cantmove empty) */
#define HPC_BP_ASKED		0x02	/* "migrate PID balance": decide now */
#define HPC_BP_CPUJOB		0x04	/* hint: CPU-bound */
#define HPC_BP_IOJOB		0x08	/* hint: I/O-bound */
#define HPC_BP_MOVED		0x10	/* planned in this round */
#define HPC_BP_NEW		0x20	/* never moved: reside_ms / 12 will do */

/* A process of this node (at home, or a guest) as the balancer sees it. */
struct hpc_bal_proc {
	u32 pid;
	u16 home;		/* its home node; the node itself when own */
	u16 flags;		/* HPC_BP_* */
	u32 demand;		/* per mille of the time it wanted a CPU */
	u32 fwd_share;		/* per mille of its time in calls sent home
				 * (at home: its system time share)
				 */
	u32 resident_ms;	/* since it started or arrived here */
	u64 cpu_ms;		/* CPU it used (decayed): its expected future */
	u32 served_ms;		/* CPU time it has had, wherever it ran */
	u64 rss;		/* bytes a move sends */
};

struct hpc_bal_params {
	u32 reside_ms;		/* no automatic move before this */
	u32 min_work_ms;	/* the least work left a CPU-bound one is given */
	u32 margin;		/* per mille of one process a move must win */
	u32 hog;		/* demand from which a process is CPU-bound */
	u32 io_share;		/* fwd_share from which it is better at home */
	u32 mem_low;		/* per mille of memory: usher below this */
	u64 link_bps;		/* link bytes a second, for the cost */
	u32 move_ms;		/* fixed cost of a move */
	u32 max_moves;		/* per round */
};

enum hpc_bal_why {
	HPC_BAL_LOAD = 1,	/* to a less loaded node */
	HPC_BAL_MEM,		/* memory ushering */
	HPC_BAL_HOME,		/* I/O-bound guest goes home */
	HPC_BAL_TURN,		/* its place to one that waited longer */
};

struct hpc_bal_move {
	u32 pid;
	u16 to;			/* a node; the process's home means home */
	u8 why;			/* enum hpc_bal_why */
	u32 proc;		/* index in the process array */
	u32 load;		/* for load: the sender's load as planned */
	u32 there;		/* the target's load as the plan saw it */
	u32 turn_ms;		/* a turn: the CPU time of the process it
				 * leaves the CPU to; 0: not a turn
				 */
};

void hpc_bal_defaults(struct hpc_bal_params *bp);
u32 hpc_bal_unit(const struct hpc_bal_node *n);
u64 hpc_bal_move_cost(const struct hpc_bal_params *bp, u64 rss);
bool hpc_bal_mem_short(const struct hpc_bal_params *bp,
		       const struct hpc_bal_node *n);
unsigned int hpc_balance(const struct hpc_bal_params *bp,
			 struct hpc_bal_node *self,
			 struct hpc_bal_node *nodes, unsigned int nr,
			 struct hpc_bal_proc *procs, unsigned int nprocs,
			 struct hpc_bal_move *out, unsigned int max);
bool hpc_bal_admit(const struct hpc_bal_node *self, u32 from_load,
		   bool crowded);
bool hpc_bal_admit_turn(const struct hpc_bal_node *self, u32 turn_ms,
			bool crowded);
u32 hpc_bal_served(const struct hpc_bal_params *bp, u32 least,
		   const struct hpc_bal_proc *p);
u32 hpc_bal_settling(const struct hpc_bal_node *self, u32 demand);
bool hpc_bal_room(const struct hpc_bal_node *self);
int hpc_bal_offer(const struct hpc_bal_params *bp,
		  const struct hpc_bal_node *self,
		  const struct hpc_bal_node *nodes, unsigned int nr, u32 rnd);
bool hpc_bal_news(const struct hpc_bal_params *bp,
		  const struct hpc_bal_node *self,
		  const struct hpc_bal_node *t);
bool hpc_bal_load_news(const struct hpc_bal_params *bp,
		       const struct hpc_bal_node *self,
		       const struct hpc_bal_node *t);
bool hpc_bal_answer(const struct hpc_bal_params *bp,
		    const struct hpc_bal_node *self,
		    const struct hpc_bal_node *t);
u32 hpc_bal_least(const struct hpc_bal_params *bp, u32 least,
		  const struct hpc_bal_proc *p);
u32 hpc_bal_poll(const struct hpc_bal_node *self, unsigned int busy);
bool hpc_bal_may_turn_to(const struct hpc_bal_node *self,
			 const struct hpc_bal_node *t);
unsigned int hpc_bal_turn_to(const struct hpc_bal_params *bp,
			     struct hpc_bal_node *self,
			     struct hpc_bal_node *t,
			     struct hpc_bal_proc *procs, unsigned int nprocs,
			     struct hpc_bal_move *out);
bool hpc_bal_ask(const struct hpc_bal_node *self, unsigned int known,
		 unsigned int others);
bool hpc_bal_may_hog(const struct hpc_bal_params *bp,
		     const struct hpc_bal_proc *p);
u32 hpc_bal_ripe_in(const struct hpc_bal_params *bp,
		    const struct hpc_bal_proc *p);
u32 hpc_bal_next_ripe(const struct hpc_bal_params *bp,
		      const struct hpc_bal_proc *procs, unsigned int nprocs);
const char *hpc_bal_why_name(int why);

#endif /* _HPC_BALANCE_H */
