// SPDX-License-Identifier: GPL-2.0
/*
 * omdiscd: openMosix auto-discovery.
 *
 *   omdiscd [-i IFACE] [-a ADDRESS/PREFIX] [-k KEYFILE] [-f] [-n]
 *
 * -a announces another of this host's addresses than IFACE's first; -f
 * stays in the foreground; -n leaves the kernel alone (no key, no map
 * loaded: the map is only printed).
 *
 * Every second each node multicasts an announcement of its address on
 * the cluster network (group 239.255.77.79, UDP port 7224), signed with
 * HMAC-SHA256 under the cluster key. A node's number is the host part of
 * its address (the bits the interface's netmask leaves), so every node
 * numbers every other alike. The daemon keeps the map of the nodes heard
 * and loads it into the kernel whenever it grows; two addresses wanting
 * one number is a conflict, reported, and the later one is left out.
 *
 * Announcements whose MAC does not check, whose address is not the
 * sender's, that are more than 60 s off in time, or that repeat or
 * precede one already seen from the same node, are dropped.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <hpc/map.h>
#include "hpclib.h"
#include "sha256.h"

#define GROUP		"239.255.77.79"
#define PORT		7224
#define MSG_SIZE	(32 + 32)
#define MAX_NODES	4096

struct peer {
	u32 addr;
	u16 node;
	u64 nonce, seq, time;
};

static struct peer peers[MAX_NODES];
static unsigned int nr_peers;
static u8 key[32];
static u32 my_addr, my_mask;
static u64 my_nonce, my_seq;
static int dry_run;

static void put(u8 *p, u64 v, int n)
{
	while (n--)
		*p++ = v >> (8 * n);
}

static u64 get(const u8 *p, int n)
{
	u64 v = 0;

	while (n--)
		v = v << 8 | *p++;
	return v;
}

/* magic, version, node, addr, nonce, seq, time, then the MAC */
static void encode(u8 *m)
{
	memcpy(m, "oMsd", 4);
	m[4] = 1;
	m[5] = 0;
	put(m + 6, my_addr & ~my_mask, 2);
	put(m + 8, my_addr, 4);
	put(m + 12, my_nonce, 8);
	put(m + 20, ++my_seq, 8);
	put(m + 28, time(NULL), 4);
	hmac_sha256(key, sizeof(key), m, 32, m + 32);
}

static u16 number_of(u32 addr)
{
	u32 host = addr & ~my_mask;

	return host >= 1 && host <= 65535 ? host : 0;
}

static void load_map(void)
{
	char text[MAX_NODES * 32];
	struct peer sorted[MAX_NODES];
	unsigned int i, j, n = 0;
	int len = 0, err;

	if (dry_run) {
		fprintf(stderr, "omdiscd: would load a map of %u nodes\n", nr_peers);
		return;
	}
	memcpy(sorted, peers, nr_peers * sizeof(*peers));
	for (i = 1; i < nr_peers; i++)
		for (j = i; j && sorted[j - 1].node > sorted[j].node; j--) {
			struct peer t = sorted[j];

			sorted[j] = sorted[j - 1];
			sorted[j - 1] = t;
		}
	/* Consecutive numbers at consecutive addresses make one range. */
	for (i = 0; i < nr_peers; i = j) {
		for (j = i + 1; j < nr_peers &&
		     sorted[j].node == sorted[i].node + (j - i) &&
		     sorted[j].addr == sorted[i].addr + (j - i); j++)
			;
		len += snprintf(text + len, sizeof(text) - len, "%u %u.%u.%u.%u %u\n",
				sorted[i].node, sorted[i].addr >> 24,
				(sorted[i].addr >> 16) & 0xff,
				(sorted[i].addr >> 8) & 0xff, sorted[i].addr & 0xff,
				j - i);
		n++;
	}
	if (n > HPC_MAP_MAX_RANGES) {
		fprintf(stderr, "omdiscd: %u ranges, more than a map holds\n", n);
		return;
	}
	err = write_all_once(HPC_PROC "/admin/config", text, len);
	if (err)
		fprintf(stderr, "omdiscd: the kernel refused the map: %s\n",
			strerror(-err));
	else
		fprintf(stderr, "omdiscd: map of %u nodes loaded\n", nr_peers);
}

static struct peer *find(u32 addr)
{
	unsigned int i;

	for (i = 0; i < nr_peers; i++)
		if (peers[i].addr == addr)
			return &peers[i];
	return NULL;
}

static int add(u32 addr, u64 nonce, u64 seq, u64 t)
{
	u16 node = number_of(addr);
	struct in_addr a = { htonl(addr) }, b;
	unsigned int i;

	if (!node) {
		fprintf(stderr, "omdiscd: %s has no node number in this network\n",
			inet_ntoa(a));
		return 0;
	}
	for (i = 0; i < nr_peers; i++)
		if (peers[i].node == node) {
			char first[INET_ADDRSTRLEN];

			b.s_addr = htonl(peers[i].addr);
			inet_ntop(AF_INET, &b, first, sizeof(first));
			fprintf(stderr, "omdiscd: numbering conflict: %s and %s both want node %u; %s is left out\n",
				first, inet_ntoa(a), node, inet_ntoa(a));
			return 0;
		}
	if (nr_peers == MAX_NODES)
		return 0;
	peers[nr_peers++] = (struct peer){ addr, node, nonce, seq, t };
	return 1;
}

static void receive(int fd)
{
	struct sockaddr_in from;
	socklen_t fl = sizeof(from);
	u8 m[MSG_SIZE + 1], mac[32];
	struct peer *p;
	u64 nonce, seq, t;
	long skew;
	u32 addr;
	ssize_t r;

	r = recvfrom(fd, m, sizeof(m), 0, (struct sockaddr *)&from, &fl);
	if (r != MSG_SIZE || memcmp(m, "oMsd", 4) || m[4] != 1)
		return;
	hmac_sha256(key, sizeof(key), m, 32, mac);
	if (memcmp(mac, m + 32, 32))
		return;		/* another cluster, or forged */
	addr = get(m + 8, 4);
	if (htonl(addr) != from.sin_addr.s_addr || addr == my_addr)
		return;
	nonce = get(m + 12, 8);
	seq = get(m + 20, 8);
	t = get(m + 28, 4);
	skew = (long)t - (long)time(NULL);
	if (skew > 60 || skew < -60)
		return;		/* replayed from long ago */
	p = find(addr);
	if (p) {
		if ((nonce == p->nonce && seq <= p->seq) ||
		    (nonce != p->nonce && t < p->time))
			return;	/* replayed or reordered */
		p->nonce = nonce;
		p->seq = seq;
		p->time = t;
		return;
	}
	if (add(addr, nonce, seq, t))
		load_map();
}

static void find_iface(const char *name)
{
	struct ifaddrs *ifa, *i;

	if (getifaddrs(&ifa))
		die("getifaddrs: %s", strerror(errno));
	for (i = ifa; i; i = i->ifa_next)
		if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET &&
		    !strcmp(i->ifa_name, name)) {
			my_addr = ntohl(((struct sockaddr_in *)i->ifa_addr)->sin_addr.s_addr);
			my_mask = ntohl(((struct sockaddr_in *)i->ifa_netmask)->sin_addr.s_addr);
			break;
		}
	freeifaddrs(ifa);
	if (!my_addr)
		die("%s has no IPv4 address", name);
}

static void parse_addr(const char *arg)
{
	char buf[64], *slash;
	struct in_addr a;
	int prefix;

	snprintf(buf, sizeof(buf), "%s", arg);
	slash = strchr(buf, '/');
	if (!slash)
		die("-a wants ADDRESS/PREFIX");
	*slash = 0;
	prefix = atoi(slash + 1);
	if (inet_pton(AF_INET, buf, &a) != 1 || prefix < 1 || prefix > 31)
		die("-a %s: not ADDRESS/PREFIX", arg);
	my_addr = ntohl(a.s_addr);
	my_mask = ~0u << (32 - prefix);
}

int main(int argc, char **argv)
{
	const char *iface = "eth0", *keyfile = "/etc/openmosix.key";
	const char *addr_arg = NULL;
	struct sockaddr_in group = { .sin_family = AF_INET, .sin_port = htons(PORT) };
	struct ip_mreqn mreq = { 0 };
	struct in_addr ifaddr;
	int fd, opt, on = 1, ttl = 1, loop = 0, fg = 0;
	u8 m[MSG_SIZE];
	time_t next = 0;
	char *k;
	size_t len;

	prog = "omdiscd";
	while ((opt = getopt(argc, argv, "i:a:k:fn")) != -1) {
		switch (opt) {
		case 'i':
			iface = optarg;
			break;
		case 'a':
			addr_arg = optarg;
			break;
		case 'n':
			dry_run = 1;
			break;
		case 'k':
			keyfile = optarg;
			break;
		case 'f':
			fg = 1;
			break;
		default:
			fprintf(stderr, "usage: omdiscd [-i IFACE] [-a ADDRESS/PREFIX] [-k KEYFILE] [-f] [-n]\n");
			return 2;
		}
	}
	k = read_all(keyfile, &len);
	if (!k || len != 32)
		die("%s: need the 32-byte cluster key", keyfile);
	memcpy(key, k, 32);
	if (!dry_run && write_all_once(HPC_PROC "/admin/key", k, 32))
		die("cannot load the key into the kernel");
	memset(k, 0, len);
	free(k);
	if (addr_arg)
		parse_addr(addr_arg);
	else
		find_iface(iface);
	if (!number_of(my_addr))
		die("this node's address gives no node number (1..65535)");
	if (getrandom(&my_nonce, sizeof(my_nonce), 0) != sizeof(my_nonce))
		die("getrandom: %s", strerror(errno));

	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		die("socket: %s", strerror(errno));
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	group.sin_addr.s_addr = htonl(INADDR_ANY);
	if (bind(fd, (struct sockaddr *)&group, sizeof(group)))
		die("bind: %s", strerror(errno));
	inet_pton(AF_INET, GROUP, &group.sin_addr);
	mreq.imr_multiaddr = group.sin_addr;
	mreq.imr_ifindex = if_nametoindex(iface);
	if (setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mreq, sizeof(mreq)))
		die("joining %s on %s: %s", GROUP, iface, strerror(errno));
	ifaddr.s_addr = htonl(my_addr);
	setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &ifaddr, sizeof(ifaddr));
	setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof(ttl));
	setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof(loop));

	add(my_addr, my_nonce, 0, time(NULL));
	load_map();
	if (!fg && daemon(0, 1))
		die("daemon: %s", strerror(errno));
	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };

		if (time(NULL) >= next) {
			encode(m);
			sendto(fd, m, sizeof(m), 0, (struct sockaddr *)&group,
			       sizeof(group));
			next = time(NULL) + 1;
		}
		if (poll(&p, 1, 200) > 0)
			receive(fd);
	}
}
