// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: channels between the halves of a moved process.
 *
 * Each half has a struct hpc_proc, found by a small id and checked by a
 * random cookie, so that a message for a channel that has gone (or a
 * forged one) finds nothing. Messages arrive on the link's receiver
 * thread, are queued on their channel and wake its task; the task takes
 * them in order. A message for no channel is answered by GONE, and a
 * node that becomes unreachable marks its channels dead.
 */
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/sched/signal.h>
#include <linux/xarray.h>
#include <linux/random.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <hpc/hpc.h>
#include <hpc/comm.h>
#include <hpc/mig.h>

static DEFINE_XARRAY_ALLOC1(hpc_procs);
static u32 hpc_procs_next;

struct hpc_proc *hpc_proc_new(u16 peer)
{
	struct hpc_proc *p = kzalloc(sizeof(*p), GFP_KERNEL);
	int err;

	if (!p)
		return NULL;
	refcount_set(&p->ref, 2);	/* the table's and the caller's */
	p->cookie = get_random_u32() | 1;
	p->peer = peer;
	spin_lock_init(&p->lock);
	INIT_LIST_HEAD(&p->rxq);
	INIT_LIST_HEAD(&p->held);
	INIT_LIST_HEAD(&p->fetched);
	init_waitqueue_head(&p->wq);
	err = xa_alloc_cyclic(&hpc_procs, &p->id, p, xa_limit_31b,
			      &hpc_procs_next, GFP_KERNEL);
	if (err < 0) {
		kfree(p);
		return NULL;
	}
	return p;
}

/**
 * hpc_proc_next_call() - number the next forwarded call of a channel
 * @p: the channel; its owner only, the remote sending or the deputy
 *     receiving (they number alike: the channel keeps the order)
 *
 * Return: the number, from 1 (0 is skipped when it wraps).
 */
u32 hpc_proc_next_call(struct hpc_proc *p)
{
	if (!++p->calls)
		++p->calls;
	return p->calls;
}

/* The channel of process @t, referenced, or NULL (another task's too). */
struct hpc_proc *hpc_proc_of(struct task_struct *t)
{
	struct hpc_proc *p;

	rcu_read_lock();
	p = READ_ONCE(t->hpc.proc);
	if (p && !refcount_inc_not_zero(&p->ref))
		p = NULL;
	rcu_read_unlock();
	return p;
}

struct hpc_proc *hpc_proc_lookup(u32 id, u32 cookie)
{
	struct hpc_proc *p;

	rcu_read_lock();
	p = xa_load(&hpc_procs, id);
	if (p && (p->cookie != cookie || !refcount_inc_not_zero(&p->ref)))
		p = NULL;
	rcu_read_unlock();
	return p;
}

void hpc_pmsg_free(struct hpc_pmsg *m)
{
	if (m) {
		kvfree(m->buf);
		kfree(m);
	}
}

static void drain(struct list_head *q)
{
	struct hpc_pmsg *m, *n;

	list_for_each_entry_safe(m, n, q, list) {
		list_del(&m->list);
		hpc_pmsg_free(m);
	}
}

void hpc_proc_put(struct hpc_proc *p)
{
	if (p && refcount_dec_and_test(&p->ref)) {
		drain(&p->rxq);
		drain(&p->held);
		kfree(p->cmdline);
		if (p->task)
			put_task_struct(p->task);
		kfree_rcu_mightsleep(p);
	}
}

/* The channel ends: nothing finds it any more; drop the table's ref. */
void hpc_proc_close(struct hpc_proc *p)
{
	if (xa_cmpxchg(&hpc_procs, p->id, p, NULL, GFP_KERNEL) == p)
		hpc_proc_put(p);
}

/*
 * A message's buffer, its header and @len bytes of @body written and
 * @extra bytes left for the caller to write, in place, before it is
 * queued with hpc_comm_queue() (or freed with hpc_comm_free()).
 */
static void *pmsg_build(struct hpc_proc *p, u32 to, u32 to_cookie, u16 op,
			const void *body, u32 len, u32 extra)
{
	struct hpc_pmsg_hdr *h;

	if (sizeof(*h) + len + extra > HPC_MAX_PAYLOAD)
		return ERR_PTR(-EMSGSIZE);
	h = hpc_comm_alloc(sizeof(*h) + len + extra);
	if (!h)
		return ERR_PTR(-ENOMEM);
	h->to = cpu_to_le32(to);
	h->to_cookie = cpu_to_le32(to_cookie);
	h->from = cpu_to_le32(p ? p->id : 0);
	h->from_cookie = cpu_to_le32(p ? p->cookie : 0);
	h->op = cpu_to_le16(op);
	h->flags = 0;
	h->reserved = 0;
	if (len)
		memcpy(h + 1, body, len);
	return h;
}

int hpc_proc_send_to(u16 node, u32 to, u32 to_cookie, struct hpc_proc *p,
		     u16 op, const void *body, u32 len)
{
	void *buf = pmsg_build(p, to, to_cookie, op, body, len, 0);

	if (IS_ERR(buf))
		return PTR_ERR(buf);
	return hpc_comm_queue(node, HPC_MSG_PROC, buf, true);
}

int hpc_proc_send(struct hpc_proc *p, u16 op, const void *body, u32 len)
{
	if (READ_ONCE(p->dead))
		return -EHOSTUNREACH;
	return hpc_proc_send_to(p->peer, p->peer_id, p->peer_cookie, p, op,
				body, len);
}

/**
 * hpc_proc_send_fill() - send @body and @dlen bytes of data written in place
 * @p: the channel
 * @op: enum hpc_pop
 * @body: the fixed part
 * @len: its length
 * @dlen: the data's length
 * @fill: writes the data at @dst (its @dlen bytes); nonzero fails
 * @arg: for @fill
 *
 * The data goes straight into the buffer the frame is sent from: a page
 * read from a process is copied once before the socket.
 *
 * Return: 0, what @fill returned (nothing is sent then), or as
 * hpc_comm_queue().
 */
int hpc_proc_send_fill(struct hpc_proc *p, u16 op, const void *body, u32 len,
		       u32 dlen, int (*fill)(void *dst, void *arg), void *arg)
{
	u8 *buf;
	int err;

	if (READ_ONCE(p->dead))
		return -EHOSTUNREACH;
	buf = pmsg_build(p, p->peer_id, p->peer_cookie, op, body, len, dlen);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	err = fill(buf + sizeof(struct hpc_pmsg_hdr) + len, arg);
	if (err) {
		hpc_comm_free(buf);
		return err;
	}
	return hpc_comm_queue(p->peer, HPC_MSG_PROC, buf, true);
}

struct copy_arg {
	const void *from;
	u32 len;
};

static int fill_copy(void *dst, void *arg)
{
	const struct copy_arg *c = arg;

	memcpy(dst, c->from, c->len);
	return 0;
}

/* Send @body followed by @dlen bytes of data from @kbuf. */
int hpc_proc_send2(struct hpc_proc *p, u16 op, const void *body, u32 len,
		   const void *kbuf, u32 dlen)
{
	struct copy_arg c = { kbuf, dlen };

	return hpc_proc_send_fill(p, op, body, len, dlen, fill_copy, &c);
}

static bool proc_ready(struct hpc_proc *p)
{
	return !list_empty_careful(&p->rxq) || READ_ONCE(p->dead) ||
	       READ_ONCE(p->poke);
}

/* A remote waiting for a call's result: a signal came for the call. */
static bool poked(struct hpc_proc *p)
{
	bool was;

	if (!READ_ONCE(p->poke))
		return false;
	spin_lock(&p->lock);
	was = p->poke;
	p->poke = false;
	spin_unlock(&p->lock);
	return was;
}

/**
 * hpc_proc_recv() - the next message of a channel
 * @p: the channel, owned by the caller's task
 * @timeout: jiffies, or MAX_SCHEDULE_TIMEOUT
 * @interruptible: a signal ends the wait (else only a fatal one)
 *
 * Return: the message, or an ERR_PTR: -EHOSTUNREACH when the peer node
 * is gone, -ETIMEDOUT, -EINTR; -EAGAIN for a remote waiting for a call's
 * result when a signal came for the call (hpc_remote_signal()).
 */
struct hpc_pmsg *hpc_proc_recv(struct hpc_proc *p, long timeout,
			       bool interruptible)
{
	struct hpc_pmsg *m;
	long r;

	for (;;) {
		spin_lock(&p->lock);
		m = list_first_entry_or_null(&p->rxq, struct hpc_pmsg, list);
		if (m)
			list_del(&m->list);
		spin_unlock(&p->lock);
		if (m)
			return m;
		if (READ_ONCE(p->dead))
			return ERR_PTR(-EHOSTUNREACH);
		if (poked(p))
			return ERR_PTR(-EAGAIN);
		if (interruptible)
			r = wait_event_interruptible_timeout(p->wq,
							     proc_ready(p),
							     timeout);
		else
			r = wait_event_killable_timeout(p->wq, proc_ready(p),
							timeout);
		if (r < 0)
			return ERR_PTR(-EINTR);
		if (!r)
			return ERR_PTR(-ETIMEDOUT);
		timeout = r;
	}
}

static void queue_msg(struct hpc_proc *p, struct hpc_pmsg *m)
{
	spin_lock(&p->lock);
	list_add_tail(&m->list, &p->rxq);
	spin_unlock(&p->lock);
	wake_up(&p->wq);
}

/*
 * The body of each operation: exactly @len bytes, or at least @len when
 * @more (its own checks then look at the rest). A message of another
 * size is malformed, whoever sent it, and dropped here.
 */
static const struct {
	u32 len;
	bool more;
} pop_body[HPC_POP_MAX] = {
	[HPC_POP_MIG_BEGIN]	= { 0, true },	/* refused with EPROTO */
	[HPC_POP_MIG_VMA]	= { sizeof(struct hpc_mig_vma) },
	[HPC_POP_MIG_PAGES]	= { sizeof(struct hpc_pages), true },
	[HPC_POP_MIG_CPU]	= { sizeof(struct hpc_mig_cpu), true },
	[HPC_POP_MIG_END]	= { sizeof(struct hpc_mig_end) },
	[HPC_POP_MIG_ACK]	= { sizeof(struct hpc_err) },
	[HPC_POP_SYSCALL]	= { sizeof(struct hpc_syscall), true },
	[HPC_POP_SYSRET]	= { sizeof(struct hpc_sysret) },
	[HPC_POP_PAGE_REQ]	= { sizeof(struct hpc_pages) },
	[HPC_POP_PAGE_DATA]	= { sizeof(struct hpc_pages), true },
	[HPC_POP_PAGE_PUT]	= { sizeof(struct hpc_pages), true },
	[HPC_POP_SIGNAL]	= { sizeof(struct hpc_signal) },
	[HPC_POP_EXIT]		= { sizeof(struct hpc_exit) },
	[HPC_POP_KILL]		= { 0 },
	[HPC_POP_GOTO]		= { sizeof(struct hpc_goto) },
	[HPC_POP_MOVING]	= { sizeof(struct hpc_exit) },
	[HPC_POP_MOVING_OK]	= { 0 },
	[HPC_POP_ARRIVED]	= { 0 },
	[HPC_POP_STAYED]	= { sizeof(struct hpc_err) },
	[HPC_POP_GONE]		= { 0 },
	[HPC_POP_MIG_CLOCK]	= { sizeof(struct hpc_mig_clock) },
	[HPC_POP_INTR]		= { sizeof(struct hpc_intr) },
};

/**
 * hpc_proc_recv_frame() - a HPC_MSG_PROC frame arrived (receiver thread)
 * @from: the authenticated sender node
 * @payload: the frame's payload, kvmalloc'ed; this function owns it
 * @len: its length
 */
void hpc_proc_recv_frame(u16 from, const u8 *payload, u32 len)
{
	const struct hpc_pmsg_hdr *h = (const void *)payload;
	struct hpc_pmsg *m;
	struct hpc_proc *p;
	u32 to, op;

	if (len < sizeof(*h))
		goto bad;
	op = le16_to_cpu(h->op);
	to = le32_to_cpu(h->to);
	if (!op || op >= HPC_POP_MAX)
		goto bad;
	if (len - sizeof(*h) < pop_body[op].len ||
	    (!pop_body[op].more && len - sizeof(*h) != pop_body[op].len))
		goto bad;
	m = kmalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		goto drop;
	m->from = from;
	m->op = op;
	m->len = len - sizeof(*h);
	m->buf = (void *)payload;
	m->body = (void *)(h + 1);
	m->rx_ns = ktime_get_ns();

	if (!to) {
		/* Only a process arriving may name no channel. */
		if (op != HPC_POP_MIG_BEGIN) {
			hpc_pmsg_free(m);
			goto bad_noptr;
		}
		hpc_remote_spawn(from, m);	/* takes m */
		return;
	}
	p = hpc_proc_lookup(to, le32_to_cpu(h->to_cookie));
	/* A deputy hears its process arrive from the node it moved to. */
	if (p && p->peer != from &&
	    !(op == HPC_POP_ARRIVED && READ_ONCE(p->moving))) {
		hpc_proc_put(p);
		p = NULL;
	}
	if (!p) {
		/* Not ours (any more): tell the sender, unless it is news. */
		if (op != HPC_POP_GONE && le32_to_cpu(h->from))
			hpc_proc_send_to(from, le32_to_cpu(h->from),
					 le32_to_cpu(h->from_cookie), NULL,
					 HPC_POP_GONE, NULL, 0);
		hpc_pmsg_free(m);
		return;
	}
	/*
	 * A deputy hears of its process's new node here, not when it next
	 * listens: the process may already be calling from there.
	 */
	if (op == HPC_POP_ARRIVED && p->peer != from) {
		spin_lock(&p->lock);
		p->peer = from;
		p->peer_id = le32_to_cpu(h->from);
		p->peer_cookie = le32_to_cpu(h->from_cookie);
		spin_unlock(&p->lock);
	}
	/* A running remote is told at once, not when it next listens. */
	if (p->task && test_bit(HPC_ST_REMOTE, &p->task->hpc.state) &&
	    (op == HPC_POP_SIGNAL || op == HPC_POP_KILL ||
	     op == HPC_POP_GOTO || op == HPC_POP_GONE))
		hpc_remote_async(p, m);
	/* So is a deputy, busy with the very call to interrupt. */
	else if (op == HPC_POP_INTR)
		hpc_deputy_intr(p, m);
	else
		queue_msg(p, m);
	hpc_proc_put(p);
	return;
bad:
	pr_warn_ratelimited("hpc: malformed process message from node %u\n",
			    from);
drop:
	kvfree(payload);
	return;
bad_noptr:
	pr_warn_ratelimited("hpc: malformed process message from node %u\n",
			    from);
}

/* @node is unreachable: every channel to it is dead. */
void hpc_proc_node_down(u16 node)
{
	struct hpc_proc *p;
	unsigned long i;

	xa_lock(&hpc_procs);
	xa_for_each(&hpc_procs, i, p) {
		if (p->peer != node || READ_ONCE(p->dead))
			continue;
		WRITE_ONCE(p->dead, true);
		wake_up(&p->wq);
		if (!p->task)
			continue;
		/* A guest whose home is gone dies; a deputy wakes to see. */
		if (test_bit(HPC_ST_REMOTE, &p->task->hpc.state) &&
		    node == p->home)
			send_sig(SIGKILL, p->task, 1);
		else
			set_notify_signal(p->task);
	}
	xa_unlock(&hpc_procs);
}
