/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hpcsim: a discrete-event scale simulator of openMosix load balancing.
 *
 * The decisions are the kernel's own: hpc/smooth.c, hpc/gossip.c,
 * hpc/balance.c and hpc/wire.c are compiled in unchanged. What the
 * kernel does around them (hpc/info.c, hpc/balancer.c, hpc/load.c,
 * hpc/decay.c) is mirrored in sim_info.c, sim_balancer.c and sim_node.c;
 * the machines, the network and the jobs are modelled here.
 *
 * Time is simulated in microseconds; a node's local clock, in ms, reads
 * SIM_CLOCK_BASE_MS at time 0, so that no stamp is ever 0 (0 is "never
 * heard of", as in struct hpc_known).
 */
#ifndef _HPCSIM_H
#define _HPCSIM_H

#include <hpc/pure.h>
#include <hpc/load.h>
#include <hpc/wire.h>
#include <hpc/balance.h>

#define SIM_CLOCK_BASE_MS	1000000ull
#define SIM_PAGE		4096ull
#define SIM_MB			(1024ull * 1024)

/* As in hpc/balancer.c */
#define SIM_BAL_SAMPLE_MS	HPC_BAL_SAMPLE_MS
#define SIM_BAL_REMEMBER_MS	4000
#define SIM_BAL_MAX_PROCS	256
#define SIM_BAL_MAX_NODES	64
#define SIM_BAL_RECENT		16

/* --- parameters -------------------------------------------------------- */

enum sim_workload { WL_BURST, WL_POISSON };

struct sim_params {
	u32 nodes;
	u64 seed;
	double duration_s;	/* stop here (or when done, with until_done) */
	bool until_done;
	enum sim_workload workload;
	/* nodes */
	u32 cpus;
	u32 speed;
	u64 mem;		/* bytes per node */
	u64 base_mem;		/* bytes the system itself uses */
	/* link */
	double latency_ms;
	double bandwidth;	/* bytes per second, per node link */
	double loss;		/* probability an info message is lost */
	double move_ms;		/* fixed cost of a migration */
	/* kernel tunables (hpc/hpcadmin.c defaults) */
	u32 info_interval;
	u32 down_after;
	u32 balance_interval;
	u32 mem_low;
	u32 slow_decay;
	bool balance;
	bool admit;		/* targets check a move for load */
	bool oracle;		/* one global round instead (sim_oracle.c) */
	bool oracle_blind;	/* not knowing the work left */
	u32 perfect_news;	/* windows of so many true vectors; 0: gossip */
	u32 turn_oracle;	/* turns made from so many true vectors; 0: off */
	bool turn_oracle_settled; /* of settled nodes only */
	/* jobs */
	double work_ms;		/* mean CPU-ms at reference speed */
	double work_spread;	/* uniform in work * [1 - s, 1 + s] */
	u64 rss;		/* bytes */
	double mem_jobs;	/* fraction of memory-heavy jobs */
	u64 mem_rss;		/* their rss */
	/* burst */
	u32 jobs;		/* 0: jobs_per_node * nodes */
	double jobs_per_node;
	double burst_frac;	/* fraction of nodes the burst starts on */
	bool burst_first;	/* on nodes 1..K rather than spread out */
	double burst_at_s;
	/* poisson */
	double rate;		/* jobs per node per second */
	double arrive_for_s;	/* arrivals during this long */
	/* measurement */
	double warmup_s;	/* before it, no information-age samples */
	u32 probes;		/* nodes whose jobs end at once at probe_at */
	double probe_frac;	/* or this fraction of the nodes (> 0) */
	double probe_at_s;
	double trace_every_s;	/* a load-change tracer every so often */
	u32 age_observers;	/* most observers sampled for ages */
	double trace_until_s;	/* no tracer after (< 0: half the run) */
	bool verbose;		/* log each move to stderr */
};

/* --- events ------------------------------------------------------------ */

enum sim_ev {
	EV_INFO,		/* a node's info tick */
	EV_SAMPLE,		/* a node's balancer thread wakes (250 ms) */
	EV_MSG,			/* an info message arrives */
	EV_DONE,		/* a node's next job completion (epoch in b) */
	EV_XFER,		/* a job's memory is across (epoch in b) */
	EV_MIG,			/* a migrating job arrives */
	EV_JOB,			/* job a starts; b = 1: the next poisson one */
	EV_STATS,		/* once a second: sample information ages */
	EV_TRACE,		/* a load change to follow */
	EV_PROBE,		/* the idle-node probe */
};

struct sim_event {
	u64 t;			/* us */
	u64 seq;		/* order of scheduling, for ties */
	u32 type;
	u32 a;
	u32 b;
};

void ev_push(u64 t, u32 type, u32 a, u32 b);
bool ev_pop(struct sim_event *e);
void ev_free_all(void);

/* --- what a node knows of another -------------------------------------- */

/*
 * struct hpc_known, stored packed in a per-node hash of the nodes heard
 * of (as the kernel's xarray holds only those): 24 bytes a pair instead
 * of 64 plus the xarray's. The vector's cpus, speed and tmem are the
 * sender's constants (kept in struct sim_node); mem and rmem are whole
 * pages. Packing is lossless for what the simulator sends (sim_info.c
 * checks it): known_load() and known_store() convert, and
 * hpc_known_merge() and hpc_known_up() work on the real struct.
 */
struct sim_known {
	u32 stamp;		/* local ms */
	u32 load;
	u32 mem;		/* pages */
	u32 rmem;		/* pages */
	u32 served;		/* ms */
	u16 node;		/* 0: a free slot */
	u16 util;
	u8 status;
	u8 listed;		/* in the observer's fresh list */
};

/* A node merged lately, and its stamp (a copy, for a faster scan). */
struct sim_fresh {
	u32 stamp;
	u16 node;
};

/* --- jobs and nodes ---------------------------------------------------- */

enum job_state { JOB_WAIT, JOB_RUN, JOB_FLIGHT, JOB_DONE };

struct sim_job {
	u16 home;
	u16 node;		/* where it is (the sender while in flight) */
	u16 target;		/* in flight: where to */
	u8 state;
	bool heavy;
	double work;		/* CPU-ms at reference speed */
	double left;
	u64 rss;
	u64 start_us, end_us;
	u64 arrived_us;		/* t->hpc.arrived */
	u32 nmigs;
	u32 demand;		/* t->hpc.demand */
	double runtime_ns;	/* se.sum_exec_runtime */
	double last_runtime_ns;
	u64 cpu_ns;		/* t->hpc.cpu_ns: decayed CPU use */
	u64 home_cpu_ns;	/* the home task's, while away */
	u64 left_home_us;
	u32 idx;		/* in its node's task array */
	/* its memory on the way (in flight) */
	double xfer_left;	/* bytes */
	double xfer_rate;	/* bytes per us */
	u64 xfer_last;		/* us */
	u32 xfer_epoch;
	u32 out_idx, in_idx;	/* in the links' arrays */
};

struct sim_deputy {
	u32 job;
	u32 demand;		/* decays: a deputy sleeps */
};

struct sim_recent {
	u64 stamp_ms;
	u64 rss;
	u16 to;
};

struct sim_node {
	u16 id;
	u16 cpus;
	u32 speed;
	u64 tmem;
	u64 used;		/* bytes: base + rss of its tasks */
	/* tasks: running and leaving jobs */
	u32 *tasks;
	u32 nr_tasks, cap_tasks;
	u32 nr_running;
	struct sim_deputy *deps;
	u32 nr_deps, cap_deps;
	/* processor sharing */
	u64 last_us;
	u32 epoch;
	double rq_ms;		/* integral of the run queue this second */
	/* load (hpc/load.c) */
	u32 demand;
	u32 served_ms;		/* hpc_bal_served() at the last sample */
	u32 least_ms;		/* hpc_bal_least() at the last sample */
	u32 nr_busy;		/* the jobs it folds */
	bool polling;		/* it polled at its last sample */
	u32 rq_smooth;
	/* threads */
	u32 turn;		/* info thread */
	u32 samples;
	u32 decay_phase;
	u64 next_round_ms;
	u64 ripe_ms;		/* a round then too (hpc_bal_next_ripe()) */
	u64 offer_ms;		/* the last offer of room */
	u64 ask_ms;		/* the last ask for room */
	u16 adm_from;		/* the last arrival admitted for load: from */
	u64 adm_us;		/* and when */
	u32 other_was;		/* struct hpc_bal_node.other, last round */
	bool had_other;
	struct sim_recent recent[SIM_BAL_RECENT];
	u32 recent_next;
	/* hpc_known, and the nodes that may be up */
	struct sim_known *known;	/* open addressing */
	u32 known_nr, known_cap;
	struct sim_fresh *fresh;	/* sorted by node */
	u32 nr_fresh, cap_fresh;
	/* link: the transfers going out and coming in */
	u32 *xout, *xin;
	u32 nr_xout, cap_xout, nr_xin, cap_xin;
	u64 incoming;		/* bytes of arrivals on their way */
	u32 nr_incoming;	/* and how many */
	/* measurement */
	bool over;		/* more running jobs than CPUs */
	bool waiting;		/* became idle with work elsewhere */
	u32 wait_idx;		/* in S->waiters */
	u64 idle_since_us;
	bool started_empty;	/* burst: no job of its own */
	bool got_first;
	u32 *tracers;
	u32 nr_tracers, cap_tracers;
	u32 nr_known;		/* nodes it has heard of */
};

/* --- measurement ------------------------------------------------------- */

struct sim_series {		/* samples; censored ones are +infinity */
	double *v;
	u32 n, cap;
	u32 inf;
};

struct sim_tracer {
	u16 node;
	u32 t0_ms;
	u64 t0_us;
	u32 seen;
	double t50, t95, t100;	/* seconds, < 0: not yet */
};

#define SIM_AGE_BUCKETS		(1u << 21)	/* ms */

struct sim_stats {
	u64 info_msgs, info_bytes, info_lost;
	u64 rounds, offers, asks, polls, moves, refused, refused_busy;
	u64 moves_why[HPC_BAL_TURN + 1];
	u64 migrations;		/* completed */
	u64 *age_hist;
	u64 age_pairs, age_samples;
	double known_sum, up_sum, window_sum;
	u32 frac_samples;
	double first_known_all_s;	/* every pair known, or < 0 */
	double first_each_knows_s;	/* every node knows another, or < 0 */
	struct sim_series idle_wait;
	u64 idle_censored;	/* dropped: no node ran too many jobs */
	struct sim_series first_job;
	struct sim_series slowdown;
	struct sim_tracer *tracers;
	u32 nr_tracers, cap_tracers;
	double done_work, dropped_work, longest;
	u64 last_end_us;
	u32 jobs_done, jobs_total;
};

/* --- the simulator ----------------------------------------------------- */

struct sim {
	struct sim_params p;
	u64 now;		/* us */
	u64 end_us;
	u64 trace_until_us;
	u64 rng[4];
	struct sim_node *nodes;	/* [1..nodes] */
	u16 *all;		/* 1..N, for hpc_pick_target() */
	struct sim_job *jobs;
	u32 nr_jobs, cap_jobs;
	u32 jobs_pending;	/* created and not done */
	u32 n_over;		/* nodes with more running jobs than CPUs */
	u16 *waiters;		/* nodes with an idle wait going on */
	u32 nr_waiters, cap_waiters;
	u64 known_pairs;	/* pairs (observer, observed) ever heard of */
	u32 nodes_knowing;	/* nodes that heard of another */
	struct sim_stats st;
};

extern struct sim *S;

static inline u64 sim_ms(void)
{
	return SIM_CLOCK_BASE_MS + S->now / 1000;
}

static inline struct sim_node *node_of(u16 id)
{
	return &S->nodes[id];
}

u64 rng_next(void);
u32 rng_u32(void);
double rng_unit(void);
void *xrealloc(void *p, size_t size);
void *xcalloc(size_t n, size_t size);
#define GROW(arr, nr, cap) do {						\
	if ((nr) == (cap)) {						\
		(cap) = (cap) ? 2 * (cap) : 8;				\
		(arr) = xrealloc((arr), (cap) * sizeof(*(arr)));	\
	}								\
} while (0)

/* sim_node.c: machines and jobs */
void node_advance(struct sim_node *n);
void node_reschedule(struct sim_node *n);
void node_done_event(u16 id, u32 epoch);
void node_sample(u16 id);
void node_load_own(const struct sim_node *n, struct hpc_load_vec *v);
void node_committed(const struct sim_node *t, struct hpc_bal_node *self);
u32 job_new(u16 home, double work, u64 rss);
void job_start(u32 j);
void job_migrate(u32 j, u16 to, u32 from_load, u32 turn_ms);
u32 job_served_ms(const struct sim_job *job);
void job_arrive(u32 j);
void xfer_done(u32 j, u32 epoch);
void node_drop_jobs(struct sim_node *n);
void node_free(struct sim_node *n);
void node_verify(void);

/* sim_info.c: the info daemon */
struct sim_known *known_find(const struct sim_node *obs, u16 node);
void known_load(const struct sim_node *obs, u16 node, struct hpc_known *k);
unsigned int info_up_nodes(struct sim_node *n, u16 *up);
unsigned int info_window(struct sim_node *n, struct hpc_load_vec *out,
			 unsigned int max);
void info_init(void);
void info_tick(u16 id);
void info_recv(u32 msg);
void info_offer(u16 from, u16 to);
void info_send_vec(u16 from, u16 to, const struct hpc_load_vec *v);
void info_free_all(void);

/* sim_balancer.c */
bool bal_mem_short(const struct sim_node *n);
void bal_params(struct hpc_bal_params *bp);
void bal_round(struct sim_node *n);
void bal_offer(struct sim_node *n);
void bal_poll(struct sim_node *n);
void bal_news(struct sim_node *n, const struct hpc_load_vec *v);
void oracle_round(void);
void turn_oracle(void);

/* sim_stats.c */
void series_add(struct sim_series *s, double v);
void series_add_inf(struct sim_series *s);
double series_pct(struct sim_series *s, double pct);
void stats_sample(void);
void stats_node_changed(struct sim_node *n, u32 was_running);
void tracer_start(void);
void tracer_seen(u16 node, u32 old_stamp, u32 new_stamp);
double age_pct(double pct);

#endif /* _HPCSIM_H */
