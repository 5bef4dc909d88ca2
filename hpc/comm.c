// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: kernel links between nodes.
 *
 * One TCP connection per pair of nodes, on port HPC_PORT, opened on
 * demand by whichever side first has something to send. Each node runs a
 * listener thread; each connection has a receiver thread that owns its
 * socket. Sending goes through a bounded per-peer queue drained by a work
 * item, which also (re)connects, with exponential backoff. A process's
 * message (a forwarded call, its answer, a page) is written by the
 * process itself when the link is free, as far as the socket takes it
 * without waiting; the work item writes the rest. A round trip then
 * wakes no worker on either side.
 *
 * A connection starts with a handshake (HELLO, CHALLENGE, PROOF; see
 * include/hpc/wire.h) in which both sides prove they hold the cluster key
 * with HMAC-SHA256 over both nonces, and derive one key per direction.
 * Every frame after it carries a sequence number and a MAC; anything that
 * does not check ends the connection. If both sides connect at once, the
 * connection opened by the lower-numbered node is kept.
 */
#include <linux/kthread.h>
#include <linux/net.h>
#include <linux/in.h>
#include <linux/tcp.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/xarray.h>
#include <linux/workqueue.h>
#include <linux/random.h>
#include <linux/jiffies.h>
#include <linux/err.h>
#include <net/sock.h>
#include <net/tcp.h>
#include <linux/seq_file.h>
#include <crypto/hash.h>
#include <crypto/utils.h>
#include <hpc/hpc.h>
#include <hpc/auth.h>
#include <hpc/comm.h>

#define HPC_HANDSHAKE_TIMEOUT	(5 * HZ)
#define HPC_MAX_PENDING		16	/* connections in handshake */
#define HPC_BACKOFF_MIN		(HZ / 2)
#define HPC_BACKOFF_MAX		(10 * HZ)

struct hpc_conn;

struct hpc_link {
	u16 node;
	struct mutex lock;		/* conn, connecting, tx state */
	struct hpc_conn *conn;		/* the connection in use, or NULL */
	spinlock_t qlock;
	struct list_head queue;		/* struct hpc_txbuf */
	unsigned int qlen;
	size_t qbytes;
	struct hpc_txbuf *cur;		/* being written on conn, or NULL */
	size_t cur_off;			/* bytes of it written */
	struct delayed_work tx_work;
	wait_queue_head_t qwait;	/* senders waiting for room */
	unsigned long drops;		/* times the queue was dropped */
	unsigned long backoff;
	unsigned long next_try;		/* jiffies */
};

struct hpc_conn {
	struct hpc_link *link;		/* NULL until the handshake is done */
	struct socket *sock;
	bool initiator;			/* this node opened it */
	u8 tx_key[HPC_KEY_SIZE], rx_key[HPC_KEY_SIZE];	/* link keys */
	u64 tx_seq, rx_seq;
	__be32 peer_addr;
};

struct hpc_txbuf {
	struct list_head list;
	u8 type;
	u32 len;
	u8 data[];
};

/* Frames and bytes, headers and MACs included, since boot. */
static atomic64_t hpc_tx_frames, hpc_tx_bytes, hpc_rx_frames, hpc_rx_bytes;

static DEFINE_XARRAY(hpc_links);
static DEFINE_MUTEX(hpc_links_lock);
static struct workqueue_struct *hpc_comm_wq;
static atomic_t hpc_pending = ATOMIC_INIT(0);

static void hpc_tx_work(struct work_struct *work);

static struct hpc_link *hpc_link_get(u16 node)
{
	struct hpc_link *link = xa_load(&hpc_links, node);

	if (link)
		return link;
	mutex_lock(&hpc_links_lock);
	link = xa_load(&hpc_links, node);
	if (!link) {
		link = kzalloc(sizeof(*link), GFP_KERNEL);
		if (link) {
			link->node = node;
			mutex_init(&link->lock);
			spin_lock_init(&link->qlock);
			INIT_LIST_HEAD(&link->queue);
			INIT_DELAYED_WORK(&link->tx_work, hpc_tx_work);
			init_waitqueue_head(&link->qwait);
			link->backoff = HPC_BACKOFF_MIN;
			if (xa_err(xa_store(&hpc_links, node, link, GFP_KERNEL))) {
				kfree(link);
				link = NULL;
			}
		}
	}
	mutex_unlock(&hpc_links_lock);
	return link;
}

/* --- socket helpers ----------------------------------------------------- */

static int sock_read(struct socket *sock, void *buf, size_t len)
{
	struct kvec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr msg = { .msg_flags = MSG_NOSIGNAL };
	int r;

	while (iov.iov_len) {
		r = kernel_recvmsg(sock, &msg, &iov, 1, iov.iov_len,
				   MSG_WAITALL);
		if (r <= 0)
			return r ? r : -ECONNRESET;
		iov.iov_base += r;
		iov.iov_len -= r;
	}
	return 0;
}

/*
 * Write @len bytes of @buf from *@off on. With @wait false it stops
 * where the socket is full: -EAGAIN, *@off saying how far it got.
 */
static int sock_write(struct socket *sock, void *buf, size_t len,
		      size_t *off, bool wait)
{
	struct msghdr msg = {
		.msg_flags = MSG_NOSIGNAL | (wait ? 0 : MSG_DONTWAIT),
	};
	struct kvec iov;
	int r;

	while (*off < len) {
		iov.iov_base = buf + *off;
		iov.iov_len = len - *off;
		r = kernel_sendmsg(sock, &msg, &iov, 1, iov.iov_len);
		if (r <= 0)
			return r ? r : -ECONNRESET;
		*off += r;
	}
	return 0;
}

static void sock_timeouts(struct socket *sock, long timeo)
{
	sock->sk->sk_rcvtimeo = timeo;
	sock->sk->sk_sndtimeo = timeo;
}

static void sock_tune(struct socket *sock)
{
	sock_set_keepalive(sock->sk);
	tcp_sock_set_keepidle(sock->sk, 10);
	tcp_sock_set_keepintvl(sock->sk, 5);
	tcp_sock_set_keepcnt(sock->sk, 3);
	/* Data unacknowledged for 15 s: the peer is gone. */
	tcp_sock_set_user_timeout(sock->sk, 15000);
	tcp_sock_set_nodelay(sock->sk);
}

static void conn_free(struct hpc_conn *c)
{
	memzero_explicit(c->tx_key, sizeof(c->tx_key));
	memzero_explicit(c->rx_key, sizeof(c->rx_key));
	if (c->sock)
		sock_release(c->sock);
	kfree(c);
}

/* --- handshake ------------------------------------------------------------ */

/*
 * The proofs and the link keys, all HMAC(cluster key, label || nonce of
 * the initiator || nonce of the acceptor || initiator || acceptor).
 */
static int hs_mac(struct crypto_shash *master, const char *label,
		  const u8 *ni, const u8 *na, u16 init, u16 acc, u8 *out)
{
	u8 buf[2 + 2 * HPC_WIRE_NONCE_SIZE + 4];

	buf[0] = label[0];
	buf[1] = label[1];
	memcpy(buf + 2, ni, HPC_WIRE_NONCE_SIZE);
	memcpy(buf + 2 + HPC_WIRE_NONCE_SIZE, na, HPC_WIRE_NONCE_SIZE);
	buf[2 + 2 * HPC_WIRE_NONCE_SIZE] = init >> 8;
	buf[3 + 2 * HPC_WIRE_NONCE_SIZE] = init;
	buf[4 + 2 * HPC_WIRE_NONCE_SIZE] = acc >> 8;
	buf[5 + 2 * HPC_WIRE_NONCE_SIZE] = acc;
	return hpc_mac(master, buf, sizeof(buf), NULL, 0, out);
}

static int hs_keys(struct hpc_conn *c, struct crypto_shash *master,
		   const u8 *ni, const u8 *na, u16 init, u16 acc)
{
	BUILD_BUG_ON(HPC_MAC_SIZE != HPC_KEY_SIZE);
	return hs_mac(master, "IA", ni, na, init, acc,
		      c->initiator ? c->tx_key : c->rx_key) ?:
	       hs_mac(master, "AI", ni, na, init, acc,
		      c->initiator ? c->rx_key : c->tx_key);
}

static int hs_send(struct socket *sock, struct hpc_hello *h)
{
	u8 buf[HPC_HELLO_SIZE];
	size_t off = 0;

	hpc_hello_encode(buf, h);
	return sock_write(sock, buf, sizeof(buf), &off, true);
}

static int hs_recv(struct socket *sock, struct hpc_hello *h, u8 type)
{
	u8 buf[HPC_HELLO_SIZE];
	int err;

	err = sock_read(sock, buf, sizeof(buf));
	if (err)
		return err;
	return hpc_hello_decode(buf, h, type) ? -EPROTO : 0;
}

static void refuse(__be32 addr, const char *why)
{
	pr_warn_ratelimited("hpc: link with %pI4 refused: %s\n", &addr, why);
}

/* The initiator's side; on success @c holds the link keys. */
static int hs_initiate(struct hpc_conn *c, u16 self, u16 peer)
{
	u8 ni[HPC_WIRE_NONCE_SIZE], mac[HPC_MAC_SIZE];
	struct crypto_shash *master;
	struct hpc_hello h = {}, r;
	int err;

	master = hpc_mac_new_master();
	if (IS_ERR(master))
		return PTR_ERR(master);
	get_random_bytes(ni, sizeof(ni));
	h.type = HPC_MSG_HELLO;
	h.from = self;
	h.to = peer;
	memcpy(h.nonce, ni, sizeof(ni));
	err = hs_send(c->sock, &h);
	if (!err)
		err = hs_recv(c->sock, &r, HPC_MSG_CHALLENGE);
	if (err) {
		if (err == -EPROTO)
			refuse(c->peer_addr, "bad handshake reply (another protocol version?)");
		goto out;
	}
	err = -EPERM;
	if (r.from != peer || r.to != self) {
		refuse(c->peer_addr, "the peer is not the node the map names");
		goto out;
	}
	if (hs_mac(master, "AP", ni, r.nonce, self, peer, mac) ||
	    !hpc_mac_equal(mac, r.mac)) {
		refuse(c->peer_addr, "wrong cluster key");
		goto out;
	}
	memset(&h, 0, sizeof(h));
	h.type = HPC_MSG_PROOF;
	h.from = self;
	h.to = peer;
	err = hs_mac(master, "IP", ni, r.nonce, self, peer, h.mac);
	if (!err)
		err = hs_send(c->sock, &h);
	if (!err)
		err = hs_keys(c, master, ni, r.nonce, self, peer);
out:
	hpc_mac_free(master);
	return err;
}

/* The acceptor's side; on success @c holds the link keys, *@peer is set. */
static int hs_accept(struct hpc_conn *c, u16 self, u16 *peer)
{
	u8 na[HPC_WIRE_NONCE_SIZE], mac[HPC_MAC_SIZE];
	struct crypto_shash *master;
	struct hpc_hello h, r = {}, p;
	const struct hpc_map *map;
	u32 addr = 0;
	int err;

	master = hpc_mac_new_master();
	if (IS_ERR(master)) {
		refuse(c->peer_addr, "no cluster key loaded on this node");
		return PTR_ERR(master);
	}
	err = hs_recv(c->sock, &h, HPC_MSG_HELLO);
	if (err) {
		if (err == -EPROTO)
			refuse(c->peer_addr, "not an openMosix peer of protocol version 1");
		goto out;
	}
	rcu_read_lock();
	map = hpc_map_get();
	if (map)
		addr = hpc_map_addr(map, h.from);
	rcu_read_unlock();
	err = -EPERM;
	if (h.to != self || !addr || htonl(addr) != c->peer_addr) {
		refuse(c->peer_addr, "not the node the map has at that address");
		goto out;
	}
	get_random_bytes(na, sizeof(na));
	r.type = HPC_MSG_CHALLENGE;
	r.from = self;
	r.to = h.from;
	memcpy(r.nonce, na, sizeof(na));
	err = hs_mac(master, "AP", h.nonce, na, h.from, self, r.mac);
	if (!err)
		err = hs_send(c->sock, &r);
	if (!err)
		err = hs_recv(c->sock, &p, HPC_MSG_PROOF);
	if (err) {
		refuse(c->peer_addr, "handshake abandoned (wrong cluster key?)");
		goto out;
	}
	err = -EPERM;
	if (p.from != h.from || p.to != self ||
	    hs_mac(master, "IP", h.nonce, na, h.from, self, mac) ||
	    !hpc_mac_equal(mac, p.mac)) {
		refuse(c->peer_addr, "wrong cluster key");
		goto out;
	}
	err = hs_keys(c, master, h.nonce, na, h.from, self);
	*peer = h.from;
out:
	hpc_mac_free(master);
	return err;
}

/* --- links ---------------------------------------------------------------- */

/*
 * A frame begun on a connection that is gone is lost with what that
 * connection carried (its processes are told so by its receiver).
 */
static void tx_abandon(struct hpc_link *link)
{
	kvfree(link->cur);
	link->cur = NULL;
}

/*
 * Make @c the link's connection, called with link->lock held. When one
 * is there already, the connection opened by the lower-numbered node
 * wins (both ends decide alike); a newer one from the same opener wins.
 */
static bool link_attach(struct hpc_link *link, struct hpc_conn *c, u16 self)
{
	struct hpc_conn *old = link->conn;

	lockdep_assert_held(&link->lock);
	if (old) {
		u16 old_by = old->initiator ? self : link->node;
		u16 new_by = c->initiator ? self : link->node;

		if (new_by > old_by)
			return false;
		kernel_sock_shutdown(old->sock, SHUT_RDWR);
	}
	tx_abandon(link);
	c->link = link;
	link->conn = c;
	link->backoff = HPC_BACKOFF_MIN;
	return true;
}

/* Drop @link's connection, with link->lock held; its receiver frees it. */
static void link_drop(struct hpc_link *link)
{
	lockdep_assert_held(&link->lock);
	if (link->conn) {
		kernel_sock_shutdown(link->conn->sock, SHUT_RDWR);
		link->conn = NULL;
	}
	tx_abandon(link);
}

/*
 * Receivers by frame type. One that takes the payload keeps (and frees)
 * the buffer; the others see it only during the call.
 */
static const struct {
	void (*recv)(u16 from, const u8 *payload, u32 len);
	bool takes;
} hpc_handlers[HPC_MSG_MAX] = {
	[HPC_MSG_LOAD]	= { hpc_info_recv, false },
	[HPC_MSG_PROC]	= { hpc_proc_recv_frame, true },
};

static void rx_frames(struct hpc_conn *c)
{
	struct hpc_link *link = c->link;
	u8 hdr[HPC_HDR_SIZE], tag[HPC_TAG_SIZE];
	struct hpc_hdr h;
	u8 *buf;
	int err;

	for (;;) {
		if (sock_read(c->sock, hdr, sizeof(hdr)))
			return;
		err = hpc_hdr_decode(hdr, &h, c->rx_seq + 1);
		if (err) {
			pr_warn_ratelimited("hpc: link with node %u closed: %s\n",
					    link->node, hpc_wire_strerror(err));
			return;
		}
		buf = kvmalloc(h.len + HPC_TAG_SIZE, GFP_KERNEL);
		if (!buf)
			return;
		if (sock_read(c->sock, buf, h.len + HPC_TAG_SIZE)) {
			kvfree(buf);
			return;
		}
		hpc_tag(c->rx_key, c->rx_seq + 1, hdr, sizeof(hdr), buf, h.len,
			tag);
		if (crypto_memneq(tag, buf + h.len, HPC_TAG_SIZE)) {
			pr_warn_ratelimited("hpc: link with node %u closed: %s\n",
					    link->node,
					    hpc_wire_strerror(HPC_WIRE_MAC));
			kvfree(buf);
			return;
		}
		c->rx_seq++;
		atomic64_inc(&hpc_rx_frames);
		atomic64_add(HPC_HDR_SIZE + h.len + HPC_TAG_SIZE, &hpc_rx_bytes);
		if (hpc_handlers[h.type].recv) {
			hpc_handlers[h.type].recv(link->node, buf, h.len);
			if (hpc_handlers[h.type].takes)
				continue;
		}
		kvfree(buf);
	}
}

/*
 * A connection's receiver: it runs the acceptor's handshake (an
 * initiator's connection arrives with it done), reads frames until the
 * connection ends, and frees it.
 */
static int hpc_rx_thread(void *arg)
{
	struct hpc_conn *c = arg;
	struct hpc_link *link;
	u16 self = hpc_this_node(), peer;
	bool ok;

	/*
	 * The cluster's own traffic (a process being moved, a forwarded
	 * call) must not wait behind the busy processes of a loaded node.
	 */
	set_user_nice(current, MIN_NICE);
	if (!c->initiator) {
		int err = hs_accept(c, self, &peer);

		atomic_dec(&hpc_pending);
		link = err ? NULL : hpc_link_get(peer);
		if (!link)
			goto out;
		mutex_lock(&link->lock);
		ok = link_attach(link, c, self);
		mutex_unlock(&link->lock);
		if (!ok)
			goto out;
		/* Anything queued meanwhile can go now, backoff or not. */
		mod_delayed_work(hpc_comm_wq, &link->tx_work, 0);
	}
	link = c->link;
	c->sock->sk->sk_rcvtimeo = MAX_SCHEDULE_TIMEOUT;
	c->sock->sk->sk_sndtimeo = 10 * HZ;
	rx_frames(c);
	mutex_lock(&link->lock);
	ok = link->conn == c;
	if (ok)
		link->conn = NULL;
	mutex_unlock(&link->lock);
	/* What was in flight on it is lost: its processes cannot go on. */
	if (ok)
		hpc_proc_node_down(link->node);
out:
	conn_free(c);
	return 0;
}

static int link_connect(struct hpc_link *link)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	const struct hpc_map *map;
	struct task_struct *t;
	struct hpc_conn *c;
	u16 self;
	u32 addr = 0;
	int err;

	rcu_read_lock();
	map = hpc_map_get();
	if (map)
		addr = hpc_map_addr(map, link->node);
	rcu_read_unlock();
	self = hpc_this_node();
	if (!addr || !self || self == link->node)
		return -ENOENT;

	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	c->initiator = true;
	c->peer_addr = htonl(addr);
	err = sock_create_kern(&init_net, PF_INET, SOCK_STREAM, IPPROTO_TCP,
			       &c->sock);
	if (err) {
		c->sock = NULL;
		goto fail;
	}
	sock_timeouts(c->sock, HPC_HANDSHAKE_TIMEOUT);
	sin.sin_port = htons(HPC_PORT);
	sin.sin_addr.s_addr = c->peer_addr;
	err = kernel_connect(c->sock, (struct sockaddr *)&sin, sizeof(sin), 0);
	if (err)
		goto fail;
	sock_tune(c->sock);
	err = hs_initiate(c, self, link->node);
	if (err)
		goto fail;
	if (!link_attach(link, c, self)) {
		conn_free(c);		/* the peer's connection is in use */
		return link->conn ? 0 : -EAGAIN;
	}
	t = kthread_run(hpc_rx_thread, c, "hpc_rx/%u", link->node);
	if (IS_ERR(t)) {
		link->conn = NULL;
		err = PTR_ERR(t);
		goto fail;
	}
	return 0;
fail:
	conn_free(c);
	return err;
}

static struct hpc_txbuf *txq_pop(struct hpc_link *link)
{
	struct hpc_txbuf *b;

	spin_lock(&link->qlock);
	b = list_first_entry_or_null(&link->queue, struct hpc_txbuf, list);
	if (b) {
		list_del(&b->list);
		link->qlen--;
		link->qbytes -= b->len;
	}
	spin_unlock(&link->qlock);
	if (b)
		wake_up(&link->qwait);
	return b;
}

static void txq_flush(struct hpc_link *link)
{
	struct hpc_txbuf *b;
	bool any = false;

	while ((b = txq_pop(link))) {
		kvfree(b);
		any = true;
	}
	WRITE_ONCE(link->drops, link->drops + 1);
	wake_up(&link->qwait);
	if (any)
		hpc_proc_node_down(link->node);
}

/* Give @b its sequence number and its MAC on @c. */
static void tx_seal(struct hpc_conn *c, struct hpc_txbuf *b)
{
	u8 *hdr = b->data, *payload = b->data + HPC_HDR_SIZE;

	hpc_hdr_encode(hdr, b->type, b->len, ++c->tx_seq);
	hpc_tag(c->tx_key, c->tx_seq, hdr, HPC_HDR_SIZE, payload, b->len,
		payload + b->len);
}

/*
 * Write what is queued for @link, in order, the frame begun last first;
 * link->lock held, link->conn set. With @wait false, stop where the
 * socket is full (-EAGAIN): the rest is the worker's.
 */
static int tx_drain(struct hpc_link *link, bool wait)
{
	struct hpc_conn *c = link->conn;
	size_t len;
	int err;

	lockdep_assert_held(&link->lock);
	for (;;) {
		if (!link->cur) {
			link->cur = txq_pop(link);
			if (!link->cur)
				return 0;
			link->cur_off = 0;
			tx_seal(c, link->cur);
		}
		len = HPC_HDR_SIZE + link->cur->len + HPC_TAG_SIZE;
		err = sock_write(c->sock, link->cur->data, len, &link->cur_off,
				 wait);
		if (err)
			return err;
		atomic64_inc(&hpc_tx_frames);
		atomic64_add(len, &hpc_tx_bytes);
		kvfree(link->cur);
		link->cur = NULL;
	}
}

/**
 * hpc_comm_show() - the link counters, for /proc/hpc/admin/traffic
 * @m: where to print them
 */
void hpc_comm_show(struct seq_file *m)
{
	seq_printf(m, "tx_frames %lld\ntx_bytes %lld\nrx_frames %lld\nrx_bytes %lld\n",
		   atomic64_read(&hpc_tx_frames), atomic64_read(&hpc_tx_bytes),
		   atomic64_read(&hpc_rx_frames), atomic64_read(&hpc_rx_bytes));
}

static void hpc_tx_work(struct work_struct *work)
{
	struct hpc_link *link = container_of(to_delayed_work(work),
					     struct hpc_link, tx_work);
	int err = 0;

	mutex_lock(&link->lock);
	if (!link->conn) {
		if (time_before(jiffies, link->next_try)) {
			queue_delayed_work(hpc_comm_wq, &link->tx_work,
					   link->next_try - jiffies);
			goto out;
		}
		err = link_connect(link);
		if (err) {
			link->next_try = jiffies + link->backoff;
			link->backoff = min(link->backoff * 2, HPC_BACKOFF_MAX);
			txq_flush(link);
			goto out;
		}
	}
	if (tx_drain(link, true)) {
		link_drop(link);
		txq_flush(link);
	}
out:
	mutex_unlock(&link->lock);
}

static bool txq_room(struct hpc_link *link, u32 len)
{
	return link->qlen < HPC_TXQ_MAX_MSGS &&
	       link->qbytes + len <= HPC_TXQ_MAX_BYTES;
}

static struct hpc_txbuf *txbuf_of(void *payload)
{
	return container_of(payload - HPC_HDR_SIZE, struct hpc_txbuf, data);
}

/**
 * hpc_comm_alloc() - a message buffer, to be written in place
 * @len: the payload's length, at most HPC_MAX_PAYLOAD
 *
 * The buffer has room for the frame's header before the payload and its
 * tag after, so the payload is written once, where it is sent from.
 *
 * Return: where the @len bytes of payload go, or NULL (no memory, or
 * @len too long).
 */
void *hpc_comm_alloc(u32 len)
{
	struct hpc_txbuf *b;

	if (len > HPC_MAX_PAYLOAD)
		return NULL;
	b = kvmalloc(struct_size(b, data, HPC_HDR_SIZE + len + HPC_TAG_SIZE),
		     GFP_KERNEL);
	if (!b)
		return NULL;
	b->len = len;
	return b->data + HPC_HDR_SIZE;
}

/**
 * hpc_comm_free() - free a buffer of hpc_comm_alloc() that was not queued
 * @payload: what hpc_comm_alloc() returned, or NULL
 */
void hpc_comm_free(void *payload)
{
	if (payload)
		kvfree(txbuf_of(payload));
}

/*
 * The sender writes its own message, and what is queued before it, when
 * no one else is writing on the link and it is up, without waiting for
 * room in the socket. Return: true when all went; false leaves the rest,
 * an error included, to the worker.
 */
static bool tx_direct(struct hpc_link *link)
{
	bool done = false;

	if (!mutex_trylock(&link->lock))
		return false;
	if (link->conn)
		done = !tx_drain(link, false);
	mutex_unlock(&link->lock);
	return done;
}

/**
 * hpc_comm_queue() - queue a message written in place for a node
 * @node: the peer
 * @type: enum hpc_msg_type, a frame type
 * @payload: from hpc_comm_alloc(), filled in; taken in every case
 * @wait: wait (killable) for room in a full queue instead of failing
 *
 * The message goes in the peer's queue and is sent, in order, once the
 * link is up. A link that cannot be opened drops what was queued.
 *
 * Return: 0, -ENOKEY without a cluster key, -ENOBUFS when the peer's
 * queue is full and @wait is false, -EHOSTUNREACH when the link dropped
 * its queue while waiting (or made no progress for 30 s), -EINVAL, or
 * -ENOMEM.
 */
int hpc_comm_queue(u16 node, u8 type, void *payload, bool wait)
{
	struct hpc_txbuf *b = txbuf_of(payload);
	struct hpc_link *link = NULL;
	unsigned long drops;
	int err = 0;

	if (!hpc_key_loaded())
		err = -ENOKEY;
	else if (type < HPC_MSG_LOAD || type >= HPC_MSG_MAX ||
		 node == hpc_this_node())
		err = -EINVAL;
	else
		link = hpc_link_get(node);
	if (!link) {
		kvfree(b);
		return err ?: -ENOMEM;
	}
	b->type = type;
	drops = READ_ONCE(link->drops);
	spin_lock(&link->qlock);
	/*
	 * A message that must not wait (a load vector, a few hundred bytes)
	 * is not held to the byte bound: a queue full of a migrating
	 * process's pages must not silence this node, or its peers would
	 * see it down. The count bound still holds.
	 */
	while (!txq_room(link, b->len) &&
	       (wait || link->qlen >= HPC_TXQ_MAX_MSGS)) {
		spin_unlock(&link->qlock);
		if (!wait) {
			kvfree(b);
			return -ENOBUFS;
		}
		/* Kick the sender: it may be waiting for a backoff. */
		queue_delayed_work(hpc_comm_wq, &link->tx_work, 0);
		if (wait_event_killable_timeout(link->qwait,
						txq_room(link, b->len) ||
						READ_ONCE(link->drops) != drops,
						30 * HZ) <= 0 ||
		    READ_ONCE(link->drops) != drops) {
			kvfree(b);
			return -EHOSTUNREACH;
		}
		spin_lock(&link->qlock);
	}
	list_add_tail(&b->list, &link->queue);
	link->qlen++;
	link->qbytes += b->len;
	spin_unlock(&link->qlock);
	if (!wait || !tx_direct(link))
		queue_delayed_work(hpc_comm_wq, &link->tx_work, 0);
	return 0;
}

static int comm_send(u16 node, u8 type, const void *payload, u32 len,
		     bool wait)
{
	void *buf;

	if (len > HPC_MAX_PAYLOAD)
		return -EMSGSIZE;
	buf = hpc_comm_alloc(len);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, payload, len);
	return hpc_comm_queue(node, type, buf, wait);
}

/**
 * hpc_comm_send() - queue a copy of a message for a node
 * @node: the peer
 * @type: enum hpc_msg_type, a frame type
 * @payload: the bytes
 * @len: how many, at most HPC_MAX_PAYLOAD
 *
 * As hpc_comm_queue() without waiting, from the caller's bytes.
 *
 * Return: 0, -EMSGSIZE, or as hpc_comm_queue().
 */
int hpc_comm_send(u16 node, u8 type, const void *payload, u32 len)
{
	return comm_send(node, type, payload, len, false);
}

/**
 * hpc_comm_send_wait() - queue a message, waiting for room
 * @node: the peer
 * @type: enum hpc_msg_type
 * @payload: the bytes
 * @len: how many
 *
 * As hpc_comm_send(), but a full queue makes the caller wait (killable)
 * instead of failing: process channels must not lose messages.
 *
 * Return: 0, or -EHOSTUNREACH when the link dropped its queue meanwhile
 * (or made no progress for 30 s), or as hpc_comm_send().
 */
int hpc_comm_send_wait(u16 node, u8 type, const void *payload, u32 len)
{
	return comm_send(node, type, payload, len, true);
}

/**
 * hpc_comm_close_all() - close every link (the node leaves the cluster)
 */
void hpc_comm_close_all(void)
{
	struct hpc_link *link;
	unsigned long i;

	xa_for_each(&hpc_links, i, link) {
		mutex_lock(&link->lock);
		link_drop(link);
		link->backoff = HPC_BACKOFF_MIN;
		link->next_try = jiffies;
		mutex_unlock(&link->lock);
		txq_flush(link);
		hpc_proc_node_down(link->node);
	}
}

static int hpc_listen_thread(void *data)
{
	struct socket *ls = data, *ns;
	struct sockaddr_in sin;
	struct hpc_conn *c;
	struct task_struct *t;
	bool have_map;

	while (!kthread_should_stop()) {
		if (kernel_accept(ls, &ns, 0))
			continue;
		if (kernel_getpeername(ns, (struct sockaddr *)&sin) < 0) {
			sock_release(ns);
			continue;
		}
		rcu_read_lock();
		have_map = hpc_map_get();
		rcu_read_unlock();
		if (!have_map || !hpc_key_loaded()) {
			refuse(sin.sin_addr.s_addr, have_map ?
			       "no cluster key loaded on this node" :
			       "no node map loaded on this node");
			sock_release(ns);
			continue;
		}
		if (atomic_inc_return(&hpc_pending) > HPC_MAX_PENDING) {
			atomic_dec(&hpc_pending);
			sock_release(ns);
			continue;
		}
		c = kzalloc(sizeof(*c), GFP_KERNEL);
		if (!c) {
			atomic_dec(&hpc_pending);
			sock_release(ns);
			continue;
		}
		c->sock = ns;
		c->peer_addr = sin.sin_addr.s_addr;
		sock_tune(ns);
		sock_timeouts(ns, HPC_HANDSHAKE_TIMEOUT);
		t = kthread_run(hpc_rx_thread, c, "hpc_rx");
		if (IS_ERR(t)) {
			atomic_dec(&hpc_pending);
			conn_free(c);
		}
	}
	return 0;
}

int __init hpc_comm_init(void)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(HPC_PORT),
		.sin_addr.s_addr = htonl(INADDR_ANY),
	};
	struct task_struct *t;
	struct socket *ls;
	int err;

	hpc_comm_wq = alloc_workqueue("hpc_comm", WQ_UNBOUND | WQ_HIGHPRI, 0);
	if (!hpc_comm_wq)
		return -ENOMEM;
	err = sock_create_kern(&init_net, PF_INET, SOCK_STREAM, IPPROTO_TCP, &ls);
	if (err)
		return err;
	sock_set_reuseaddr(ls->sk);
	err = kernel_bind(ls, (struct sockaddr *)&sin, sizeof(sin));
	if (!err)
		err = kernel_listen(ls, 32);
	if (!err) {
		t = kthread_run(hpc_listen_thread, ls, "hpc_listen");
		err = PTR_ERR_OR_ZERO(t);
	}
	if (err)
		sock_release(ls);
	return err;
}
