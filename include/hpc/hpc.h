/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openMosix: interfaces shared between the files of hpc/.
 */
#ifndef _HPC_HPC_H
#define _HPC_HPC_H

#include <linux/types.h>
#include <hpc/map.h>

struct proc_dir_entry;
struct task_struct;

#define HPC_VERSION		"0.1.0"

/* Node numbers are 1..HPC_MAX_NODE; 0 means "no number yet". */
#define HPC_MAX_NODE		65535U

/* config.c: identity and node map */
int hpc_parse_node(const char *s, u16 *node);
u16 hpc_this_node(void);
const struct hpc_map *hpc_map_get(void);
int hpc_config_load(const char *text, size_t len);

/* hpcadmin.c: the node's policy and tunables (/proc/hpc/admin) */
struct hpc_tunables {
	unsigned int block;		/* 1: accept no guest processes */
	unsigned int stay;		/* 1: no automatic migration away */
	unsigned int lstay;		/* 1: local processes stay home */
	unsigned int quiet;		/* 1: send no load information */
	unsigned int speed;		/* relative speed, 10000 = reference */
	unsigned int decay_interval;	/* seconds */
	unsigned int slow_decay;	/* per mille kept each decay-interval */
	unsigned int fast_decay;	/* per mille kept each decay-interval */
	unsigned int info_interval;	/* milliseconds between load messages */
	unsigned int down_after;	/* intervals of silence: node down */
	unsigned int balance_interval;	/* milliseconds between rounds */
	unsigned int mem_low;		/* per mille of memory: usher below */
	unsigned int balance;		/* 1: automatic balancing on */
};

extern struct hpc_tunables hpc_tun;

int hpc_admin_init(struct proc_dir_entry *admin);
int hpc_decay_init(struct proc_dir_entry *root);

/* hpcproc.c */
int hpc_proc_init(void);
struct proc_dir_entry *hpc_proc_root(void);
void hpc_nodes_refresh(void);

/* load.c, info.c: this node's load and what it knows of the others */
struct hpc_load_vec;
void hpc_load_init(void);
void hpc_load_own(struct hpc_load_vec *v);
int hpc_info_init(void);
bool hpc_info_node(u16 node, struct hpc_load_vec *v);
unsigned int hpc_info_window(struct hpc_load_vec *out, unsigned int max);
void hpc_info_offer(u16 node);
void hpc_info_ask(const struct hpc_load_vec *v, unsigned int nr);
unsigned int hpc_info_others(void);
void hpc_load_demand(u32 sum, u32 served);
void hpc_info_forget(void);

/* balancer.c: automatic migration */
#define HPC_GOTO_BALANCE	0x10000	/* goto value: let the balancer say */
#define HPC_GOTO_LOCK		0x10001	/* to a remote: /proc/PID/lock 1 */
#define HPC_GOTO_UNLOCK		0x10002	/* ... and 0 */
int hpc_balancer_init(void);
int hpc_balance_one(struct task_struct *t);
u64 hpc_served_ns(struct task_struct *t);
bool hpc_mig_room(u32 pages);
bool hpc_mig_admit(u32 from_load, u32 turn_ms, u16 from);
void hpc_mig_arrived(void);
void hpc_balancer_news(const struct hpc_load_vec *v);

#ifdef CONFIG_HPC_DEBUG
int hpc_debug_init(void);
#else
static inline int hpc_debug_init(void)
{
	return 0;
}
#endif

#endif /* _HPC_HPC_H */
