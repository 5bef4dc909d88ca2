// SPDX-License-Identifier: GPL-2.0
/*
 * mosctl: this node's openMosix policy, and what it knows of every node.
 *
 *   mosctl stay|nostay|lstay|nolstay|block|noblock|quiet|noquiet
 *   mosctl expel|bring   guests go home | own processes come home; waits
 *   mosctl setspeed SPEED
 *   mosctl setdecay INTERVAL SLOW FAST
 *   mosctl whois [NODE|ADDRESS]
 *   mosctl getload|getspeed|getmem|getfree|gettotal|getutil|getcpus|status|isup [NODE]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <hpc/map.h>
#include "hpclib.h"

struct policy {
	const char *cmd;
	const char *file;
	const char *value;
};

static const struct policy policies[] = {
	{ "stay", "stay", "1" },	{ "nostay", "stay", "0" },
	{ "lstay", "lstay", "1" },	{ "nolstay", "lstay", "0" },
	{ "block", "block", "1" },	{ "noblock", "block", "0" },
	{ "quiet", "quiet", "1" },	{ "noquiet", "quiet", "0" },
	{ "expel", "expel", "1" },	{ "bring", "bring", "1" },
};

struct query {
	const char *cmd;
	const char *file;
};

static const struct query queries[] = {
	{ "getload", "load" },	{ "getspeed", "speed" },
	{ "getmem", "mem" },	{ "getfree", "rmem" },
	{ "gettotal", "tmem" },	{ "getutil", "util" },
	{ "getcpus", "cpus" },	{ "status", "status" },
	{ "isup", "status" },
};

#define HPC_NODE_UP 0x02

static void usage(void)
{
	fprintf(stderr,
		"usage: mosctl stay|nostay|lstay|nolstay|block|noblock|quiet|noquiet\n"
		"       mosctl expel|bring\n"
		"       mosctl setspeed SPEED\n"
		"       mosctl setdecay INTERVAL SLOW FAST\n"
		"       mosctl whois [NODE|ADDRESS]\n"
		"       mosctl getload|getspeed|getmem|getfree|gettotal|getutil|getcpus|status|isup [NODE]\n");
	exit(2);
}

static void admin_write(const char *file, const char *value)
{
	char path[128], buf[32];
	int err;

	snprintf(path, sizeof(path), HPC_PROC "/admin/%s", file);
	snprintf(buf, sizeof(buf), "%s\n", value);
	err = write_all_once(path, buf, strlen(buf));
	if (err == -EINVAL)
		die("%s: '%s' is not a value it takes", file, value);
	if (err)
		die("cannot write %s: %s", path, strerror(-err));
}

static unsigned int this_node(void)
{
	unsigned int n;

	if (read_proc_uint(HPC_PROC "/admin/mospe", &n) || !n)
		die("this node has no number (no openMosix kernel, or no map)");
	return n;
}

static unsigned int node_arg(const char *s)
{
	char *end;
	unsigned long n;

	if (!s)
		return this_node();
	n = strtoul(s, &end, 10);
	if (*end || !*s || n < 1 || n > 65535)
		die("'%s' is not a node number", s);
	return n;
}

static int load_map(struct hpc_map *map)
{
	unsigned int line;
	size_t len;
	char *text = read_all(HPC_PROC "/admin/config", &len);

	if (!text)
		die("cannot read the map: %s", strerror(errno));
	if (!len)
		die("no node map is loaded");
	if (hpc_map_parse(text, len, map, &line))
		die("the kernel's map does not parse (line %u)", line);
	free(text);
	return 0;
}

static int whois(const char *arg)
{
	static struct hpc_map map;
	struct in_addr a;
	unsigned int n;
	u32 addr;

	load_map(&map);
	if (arg && inet_pton(AF_INET, arg, &a) == 1) {
		n = hpc_map_node(&map, ntohl(a.s_addr));
		if (!n)
			die("%s is not in the map", arg);
		printf("%u\n", n);
		return 0;
	}
	n = node_arg(arg);
	addr = hpc_map_addr(&map, n);
	if (!addr)
		die("node %u is not in the map", n);
	a.s_addr = htonl(addr);
	printf("%s\n", inet_ntoa(a));
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;
	char path[128];
	unsigned int i, v, node;

	prog = "mosctl";
	if (!cmd)
		usage();
	for (i = 0; i < sizeof(policies) / sizeof(policies[0]); i++) {
		if (strcmp(cmd, policies[i].cmd))
			continue;
		if (argc != 2)
			usage();
		admin_write(policies[i].file, policies[i].value);
		return 0;
	}
	if (!strcmp(cmd, "setspeed")) {
		if (argc != 3)
			usage();
		admin_write("speed", argv[2]);
		return 0;
	}
	if (!strcmp(cmd, "setdecay")) {
		if (argc != 5)
			usage();
		admin_write("decay-interval", argv[2]);
		admin_write("slow-decay", argv[3]);
		admin_write("fast-decay", argv[4]);
		return 0;
	}
	if (!strcmp(cmd, "whois")) {
		if (argc > 3)
			usage();
		return whois(argv[2]);
	}
	for (i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		if (strcmp(cmd, queries[i].cmd))
			continue;
		if (argc > 3)
			usage();
		node = node_arg(argv[2]);
		snprintf(path, sizeof(path), HPC_PROC "/nodes/%u/%s", node,
			 queries[i].file);
		if (read_proc_uint(path, &v))
			die("node %u is not in the map", node);
		if (!strcmp(cmd, "isup")) {
			printf("%s\n", v & HPC_NODE_UP ? "up" : "down");
			return v & HPC_NODE_UP ? 0 : 1;
		}
		if (!strcmp(queries[i].file, "mem") ||
		    !strcmp(queries[i].file, "rmem") ||
		    !strcmp(queries[i].file, "tmem")) {
			unsigned long long b;
			FILE *f = fopen(path, "r");

			if (!f || fscanf(f, "%llu", &b) != 1)
				die("cannot read %s", path);
			fclose(f);
			printf("%llu\n", b);
			return 0;
		}
		printf("%u\n", v);
		return 0;
	}
	usage();
}
