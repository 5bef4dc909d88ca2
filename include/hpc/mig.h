/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openMosix: process migration, deputy and remote (hpc/mig.c,
 * hpc/deputy.c, hpc/remote.c, hpc/prequest.c, hpc/syscalls.c).
 *
 * A moved process has two halves. At home its original task stays as
 * the deputy: it keeps the PID, the files, the sockets and the parent,
 * and serves the system calls that must run there. Where it runs, a new
 * task (the remote) holds its memory and registers and runs its code.
 * The two talk through a channel: a struct hpc_proc on each node, named
 * by a local id and a random cookie, over the authenticated link between
 * the nodes (frames of type HPC_MSG_PROC).
 */
#ifndef _HPC_MIG_H
#define _HPC_MIG_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/wait.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/signal_types.h>

/* Operations of a channel message (struct hpc_pmsg_hdr.op). */
enum hpc_pop {
	HPC_POP_MIG_BEGIN = 1,	/* struct hpc_mig_image: a process arrives */
	HPC_POP_MIG_VMA,	/* struct hpc_mig_vma */
	HPC_POP_MIG_PAGES,	/* struct hpc_pages + data */
	HPC_POP_MIG_CPU,	/* struct hpc_mig_cpu + xstate */
	HPC_POP_MIG_END,	/* struct hpc_mig_end */
	HPC_POP_MIG_ACK,	/* struct hpc_err: arrived (0) or refused */
	HPC_POP_SYSCALL,	/* struct hpc_syscall: remote -> deputy */
	HPC_POP_SYSRET,		/* struct hpc_sysret: deputy -> remote */
	HPC_POP_PAGE_REQ,	/* struct hpc_pages: deputy asks for memory */
	HPC_POP_PAGE_DATA,	/* struct hpc_pages + data: the answer */
	HPC_POP_PAGE_PUT,	/* struct hpc_pages + data: memory written */
	HPC_POP_SIGNAL,		/* struct hpc_signal: deputy -> remote */
	HPC_POP_EXIT,		/* struct hpc_exit: the process ended */
	HPC_POP_KILL,		/* the process is killed at home */
	HPC_POP_GOTO,		/* struct hpc_goto: move (0: home) */
	HPC_POP_MOVING,		/* struct hpc_exit: remote leaves (CPU time) */
	HPC_POP_MOVING_OK,	/* deputy holds its messages meanwhile */
	HPC_POP_ARRIVED,	/* new remote -> deputy: here I am */
	HPC_POP_STAYED,		/* struct hpc_err: the move failed */
	HPC_POP_GONE,		/* no such channel (any more) */
	HPC_POP_MIG_CLOCK,	/* struct hpc_mig_clock: once all is in */
	HPC_POP_INTR,		/* struct hpc_intr: remote -> deputy */
	HPC_POP_MAX
};

/* Every channel message starts with this; little-endian fields. */
struct hpc_pmsg_hdr {
	__le32 to;		/* receiver's channel id; 0: new process */
	__le32 to_cookie;
	__le32 from;		/* sender's channel id */
	__le32 from_cookie;
	__le16 op;
	__le16 flags;
	__le32 reserved;
};

struct hpc_err {
	__le32 err;		/* positive errno, 0: success */
};

struct hpc_pages {
	__le64 addr;		/* page aligned */
	__le32 count;		/* pages that follow (PAGE_DATA: or 0) */
	__le32 err;		/* PAGE_DATA: positive errno */
};

#define HPC_PAGES_PER_MSG	63	/* data + headers within a frame */

struct hpc_mig_vma {
	__le64 start, end;
	__le64 flags;		/* HPC_VMA_* */
};

#define HPC_VMA_READ		0x01
#define HPC_VMA_WRITE		0x02
#define HPC_VMA_EXEC		0x04
#define HPC_VMA_GROWSDOWN	0x08

#define HPC_MIG_NGROUPS		32
#define HPC_MIG_NSIG		64
#define HPC_MIG_NPENDING	64
#define HPC_MIG_NAUXV		64	/* longs; >= AT_VECTOR_SIZE */

/* What a process is, apart from its memory and registers. */
struct hpc_mig_image {
	__le32 version;
	__le32 flags;			/* HPC_IMG_* */
	/* who it is at home */
	__le16 home;
	__le16 reserved;
	__le32 home_pid;		/* tgid == pid: single-threaded */
	__le32 deputy_id, deputy_cookie;
	__le32 nmigs;
	u8 comm[16];
	__le32 personality;
	__le32 exit_signal;
	/* memory layout */
	__le64 start_code, end_code, start_data, end_data;
	__le64 start_brk, brk, start_stack;
	__le64 arg_start, arg_end, env_start, env_end;
	__le64 mmap_base, mmap_legacy_base, vdso;
	__le64 saved_auxv[HPC_MIG_NAUXV];
	/* credentials */
	__le32 uid, gid, suid, sgid, euid, egid, fsuid, fsgid;
	__le64 cap_inheritable, cap_permitted, cap_effective, cap_bset;
	__le64 cap_ambient;
	__le32 securebits;
	__le32 ngroups;
	__le32 groups[HPC_MIG_NGROUPS];
	/* resources and scheduling */
	__le64 rlim_cur[16], rlim_max[16];
	__le32 policy;
	__le32 nice;
	/* signals */
	__le64 blocked;
	__le64 sa_handler[HPC_MIG_NSIG], sa_restorer[HPC_MIG_NSIG];
	__le64 sa_flags[HPC_MIG_NSIG], sa_mask[HPC_MIG_NSIG];
	__le64 sas_ss_sp, sas_ss_size;
	__le32 sas_ss_flags;
	__le32 npending;
	/* threads and libc */
	__le64 rseq, rseq_len, rseq_sig;
	__le64 robust_list, robust_list_len, clear_child_tid;
	/* CPU */
	__le64 xfeatures;
	__le32 xstate_size;
	/* memory: the pages it has, for the receiver to see it has room */
	__le32 rss_pages;
	/* sent by the balancer for load: the sender's load; 0: asked */
	__le32 for_load;
	/* sent for a turn: the CPU ms of the process left a CPU; or 0 */
	__le32 turn_ms;
	/* the CPU time it has had, wherever it ran */
	__le64 served_ns;
};

#define HPC_IMG_VERSION		6
#define HPC_IMG_HOME		0x01	/* the receiver is the deputy */
#define HPC_IMG_CHAOS		0x02	/* in the forced-migration mode */
#define HPC_IMG_RESTART		0x04	/* a call to restart is home's */
#define HPC_IMG_LOCK		0x08	/* /proc/PID/lock set as it arrives */

struct hpc_mig_cpu {
	__le64 regs[21];		/* struct user_regs_struct order */
	__le64 fs_base, gs_base;
	__le32 xstate_size;
	__le32 reserved;
};

struct hpc_mig_end {
	__le64 utime, stime;		/* CPU time used where it ran */
	__le32 npending;		/* struct hpc_signal that follow */
	__le32 reserved;
};

/*
 * The process's clocks, read when the receiver has all the rest: nothing
 * is queued ahead of them on the link, so they lag by its latency only.
 */
struct hpc_mig_clock {
	__le64 mono_ns, boot_ns;
	/* a timed wait it makes again where it lands (hpc/timed.c) */
	__le32 timed_nr;		/* its call; 0: none */
	__le32 reserved;
	__le64 timed_left_ns;		/* the time it had left */
};

struct hpc_syscall {
	__le32 nr;
	__le32 reserved;
	__le64 args[6];
	__le64 blocked;
	__le64 utime, stime;		/* CPU time since the last report */
};

struct hpc_sysret {
	__le64 ret;
	/* the call's time at home, less its fetches of the remote's memory */
	__le64 served_ns;
};

struct hpc_signal {
	u8 info[sizeof(kernel_siginfo_t)];
};

struct hpc_exit {
	__le64 code;
	__le64 utime, stime;
};

struct hpc_goto {
	__le32 node;			/* 0: home; or HPC_GOTO_* */
	__le32 flags;			/* HPC_GOTO_F_* */
};

#define HPC_GOTO_F_LOCK		0x01	/* locked as it arrives */

/*
 * A signal reached the remote while the deputy runs one of its calls:
 * the call is interrupted as the signal would interrupt it at home. The
 * calls are numbered from 1 in the order the remote sends them, from its
 * arrival; 0 is skipped.
 */
struct hpc_intr {
	__le32 call;
	__le32 reserved;
};

/* One message waiting in a channel. */
struct hpc_pmsg {
	struct list_head list;
	u16 from;
	u16 op;
	u32 len;			/* of body */
	void *body;			/* within buf */
	void *buf;			/* kvmalloc'ed frame payload */
	u64 rx_ns;			/* when it came: CLOCK_MONOTONIC */
};

/* A channel: one end of a moved process. */
struct hpc_proc {
	refcount_t ref;
	u32 id, cookie;			/* this end */
	u16 peer;			/* node of the other end */
	u32 peer_id, peer_cookie;
	struct task_struct *task;	/* deputy or remote; holds a ref */
	spinlock_t lock;		/* rxq, dead */
	struct list_head rxq;
	wait_queue_head_t wq;
	bool dead;			/* peer node unreachable */
	/* deputy */
	u16 home;			/* remote: the home node */
	u32 home_pid;
	u32 dep_id, dep_cookie;		/* remote: the deputy's channel */
	bool moving;			/* deputy: remote in transit */
	bool lock_asked;		/* deputy: the goto sent locks it */
	struct list_head held;		/* deputy: held while moving */
	u64 utime, stime;		/* remote: already reported */
	struct list_head fetched;	/* deputy: pages borrowed in a call */
	u64 fetch_ns;			/* deputy: time fetching them */
	unsigned int sc_nr;		/* deputy: the call it serves */
	unsigned long sc_args[6];
	unsigned int fetch_next;	/* deputy: pages the next fault asks */
	u32 calls;			/* calls sent (remote), served (deputy) */
	u32 in_call;			/* the call under way; 0: none */
	u32 intr;			/* deputy: the call to interrupt */
	/* remote, under lock: the mask in_call waits under; a signal came */
	sigset_t call_blocked;
	bool poke;
	char *cmdline;			/* deputy: the arguments, as it left */
	size_t cmdline_len;
	bool ended;			/* the other half is gone */
};

/* prequest.c: channels */
struct hpc_proc *hpc_proc_new(u16 peer);
struct hpc_proc *hpc_proc_lookup(u32 id, u32 cookie);
struct hpc_proc *hpc_proc_of(struct task_struct *t);
void hpc_proc_put(struct hpc_proc *p);
void hpc_proc_close(struct hpc_proc *p);
int hpc_proc_send(struct hpc_proc *p, u16 op, const void *body, u32 len);
int hpc_proc_send2(struct hpc_proc *p, u16 op, const void *body, u32 len,
		   const void *kbuf, u32 dlen);
int hpc_proc_send_fill(struct hpc_proc *p, u16 op, const void *body, u32 len,
		       u32 dlen, int (*fill)(void *dst, void *arg), void *arg);
int hpc_proc_send_to(u16 node, u32 to, u32 to_cookie, struct hpc_proc *p,
		     u16 op, const void *body, u32 len);
struct hpc_pmsg *hpc_proc_recv(struct hpc_proc *p, long timeout,
			       bool interruptible);
void hpc_pmsg_free(struct hpc_pmsg *m);
void hpc_proc_node_down(u16 node);
void hpc_proc_recv_frame(u16 from, const u8 *payload, u32 len);
u32 hpc_proc_next_call(struct hpc_proc *p);

/* mig.c: moving a process */
int hpc_mig_request(struct task_struct *t, int node);
int hpc_mig_request_load(struct task_struct *t, int node, u32 load,
			 u32 turn);
int hpc_mig_request_lock(struct task_struct *t, int node, bool lock);
int hpc_mig_request_own(int node, bool lock);
void hpc_mig_take(struct callback_head *cb);
int hpc_mig_go(int node);
int hpc_mig_send(struct hpc_proc *p, bool home, struct hpc_proc *dep);
int hpc_mm_fresh(void);
int hpc_node_usable(int node);
int hpc_mig_receive(struct hpc_proc *p, struct hpc_pmsg *begin);
const char *hpc_cantmove(struct task_struct *t);
const char *hpc_cantmove_relock(struct task_struct *t, bool relock);
int hpc_mig_wait(struct task_struct *t, long timeout);
void hpc_mig_done(struct task_struct *t, int err);
bool hpc_mig_pending(struct task_struct *t);
int hpc_bring_all(void);
int hpc_expel_all(void);

/* deputy.c: the home half */
void hpc_deputy_run(struct hpc_proc *p);
int hpc_deputy_goto(struct task_struct *t, int node, bool lock);
int hpc_deputy_lock(struct task_struct *t, bool on);
void hpc_deputy_intr(struct hpc_proc *p, struct hpc_pmsg *m);
void hpc_account_remote(u64 ut, u64 st);

/* remote.c: the running half */
int hpc_remote_spawn(u16 from, struct hpc_pmsg *begin);
void hpc_remote_signal(struct hpc_proc *p, struct hpc_pmsg *m);
extern atomic_t hpc_nr_remotes;
int hpc_remote_move(int node);
struct restart_block;
long hpc_restart_home(struct restart_block *rb);
void hpc_remote_async(struct hpc_proc *p, struct hpc_pmsg *m);

/* syscalls.c: the system call policy */
enum hpc_sc_class {
	HPC_SC_NONE = 0,	/* no such call: ENOSYS as at home */
	HPC_SC_LOCAL,		/* runs where the process is */
	HPC_SC_FORWARD,		/* runs at home, in the deputy */
	HPC_SC_BOTH,		/* at home, then here if it succeeded */
	HPC_SC_HOME,		/* the process goes home to run it */
	HPC_SC_REFUSE,		/* fails with .err */
	HPC_SC_DECIDE,		/* .decide looks at the arguments */
};

/*
 * A forwarded call may name the user memory it will touch first: @buf is
 * 1 + the argument that points at it, @len 1 + the argument giving its
 * length (0: @size bytes). The remote sends up to HPC_AHEAD_PAGES of it
 * with the call. Only a hint: the deputy borrows whatever else the call
 * touches, as for any call.
 */
struct hpc_sc_def {
	const char *name;
	u8 class;
	u8 err;			/* HPC_SC_REFUSE: positive errno */
	u8 buf, len;
	u16 size;
	int (*decide)(const unsigned long *args);
};

#define HPC_AHEAD_PAGES		4

/* HPC_POP_SYSCALL with pages ahead: this, then the pages. */
struct hpc_syscall_ahead {
	struct hpc_syscall sc;
	struct hpc_pages pages;
};

extern const struct hpc_sc_def hpc_sc_table[];
extern const unsigned int hpc_sc_count;
int hpc_sc_class(unsigned int nr, const unsigned long *args);
long hpc_call_syscall(unsigned int nr, const unsigned long *args);
void hpc_timed_exit(struct task_struct *t);
void hpc_timed_signalled(void);
bool hpc_sock_restart(void);
s64 hpc_timed_take(u32 *nr);
bool hpc_timed_ok(u32 nr, u64 left);
int hpc_timed_give(u32 nr, u64 left);
bool hpc_sc_home_ok(unsigned int nr);
void hpc_remote_stayed(struct hpc_proc *p, int err);
void hpc_remote_exit(long code);

/* chaos.c: the forced-migration mode (CONFIG_HPC_DEBUG) */
struct seq_file;
#ifdef CONFIG_HPC_DEBUG
void hpc_chaos_syscall(void);
int hpc_chaos_mark(struct task_struct *t);
int hpc_chaos_set_gap(unsigned int ms);
void hpc_chaos_show(struct seq_file *m);
#else
static inline void hpc_chaos_syscall(void)
{
}
#endif

#endif /* _HPC_MIG_H */
