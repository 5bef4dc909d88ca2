// SPDX-License-Identifier: GPL-2.0
/*
 * setpe: load, check or show the openMosix node map.
 *
 *   setpe -w -f FILE|- [-k KEYFILE]   load a map (and the cluster key)
 *   setpe -c -f FILE|-                check a map, load nothing
 *   setpe -r                          print the map in force
 *   setpe -off                        leave the cluster
 *
 * A map line is "FIRST-NODE ADDRESS COUNT"; ADDRESS may be a host name
 * from /etc/hosts. The map is checked by the kernel's own parser
 * (hpc/map.c) before it is written, so errors name their line.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <hpc/map.h>
#include "hpclib.h"

#define CONFIG HPC_PROC "/admin/config"
#define KEYFILE HPC_PROC "/admin/key"

static void usage(void)
{
	fprintf(stderr,
		"usage: setpe -w -f FILE|- [-k KEYFILE]  load a node map\n"
		"       setpe -c -f FILE|-                check a node map\n"
		"       setpe -r                          print the map in force\n"
		"       setpe -off                        leave the cluster\n");
	exit(2);
}

/* The first IPv4 address /etc/hosts gives @name, or NULL. */
static const char *hosts_lookup(const char *name)
{
	static char addr[64];
	char line[512], *tok, *save;
	FILE *f = fopen("/etc/hosts", "r");

	if (!f)
		return NULL;
	while (fgets(line, sizeof(line), f)) {
		struct in_addr a;

		*strchrnul(line, '#') = 0;
		tok = strtok_r(line, " \t\n", &save);
		if (!tok || inet_pton(AF_INET, tok, &a) != 1)
			continue;
		snprintf(addr, sizeof(addr), "%s", tok);
		while ((tok = strtok_r(NULL, " \t\n", &save)))
			if (!strcmp(tok, name)) {
				fclose(f);
				return addr;
			}
	}
	fclose(f);
	return NULL;
}

/*
 * Replace host names by addresses, line by line, so that line numbers
 * stay those of the file.
 */
static char *resolve(const char *file, char *text, size_t *len)
{
	size_t cap = *len * 2 + 64, n = 0;
	char *out = malloc(cap), *line, *next;
	unsigned int no = 0;

	if (!out)
		die("out of memory");
	for (line = text; *line; line = next) {
		char first[32], host[256], count[32], rest[2];
		const char *addr;
		struct in_addr a;
		size_t l;

		no++;
		next = strchrnul(line, '\n');
		l = next - line;
		if (*next)
			next++;
		if (sscanf(line, "%31s %255s %31s %1s", first, host, count, rest) >= 3 &&
		    first[0] != '#' && inet_pton(AF_INET, host, &a) != 1 &&
		    host[0] != '#') {
			addr = hosts_lookup(host);
			if (!addr)
				die("%s:%u: cannot resolve host name '%s'", file, no, host);
			if (n + strlen(addr) + 80 > cap)
				die("map too long");
			n += sprintf(out + n, "%s %s %s%s", first, addr, count,
				     line[l] == '\n' ? "\n" : "");
			continue;
		}
		if (n + l + 2 > cap)
			die("map too long");
		memcpy(out + n, line, next - line);
		n += next - line;
	}
	out[n] = 0;
	*len = n;
	return out;
}

static void check(const char *file, const char *text, size_t len,
		  struct hpc_map *map)
{
	unsigned int line;
	int err = hpc_map_parse(text, len, map, &line);

	if (!err)
		return;
	if (line)
		die("%s:%u: %s", file, line, hpc_map_strerror(err));
	die("%s: %s", file, hpc_map_strerror(err));
}

static void load_key(const char *path)
{
	size_t len;
	char *key = read_all(path, &len);
	int err;

	if (!key)
		die("cannot read key %s: %s", path, strerror(errno));
	if (len != 32 && len != 64 && !(len == 65 && key[64] == '\n'))
		die("%s: a key is 32 bytes (or 64 hex digits), not %zu bytes", path, len);
	err = write_all_once(KEYFILE, key, len);
	memset(key, 0, len);
	free(key);
	if (err)
		die("cannot load the key: %s", strerror(-err));
}

int main(int argc, char **argv)
{
	const char *file = NULL, *keyfile = NULL, *name;
	int mode = 0, i, err;
	static struct hpc_map map;
	char *text, *map_text;
	size_t len;

	prog = "setpe";
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-w") || !strcmp(argv[i], "-c") ||
		    !strcmp(argv[i], "-r") || !strcmp(argv[i], "-off")) {
			if (mode)
				usage();
			mode = argv[i][1];
		} else if (!strcmp(argv[i], "-f") && i + 1 < argc) {
			file = argv[++i];
		} else if (!strcmp(argv[i], "-k") && i + 1 < argc) {
			keyfile = argv[++i];
		} else {
			usage();
		}
	}
	switch (mode) {
	case 'r':
		text = read_all(CONFIG, &len);
		if (!text)
			die("cannot read %s: %s", CONFIG, strerror(errno));
		fwrite(text, 1, len, stdout);
		return 0;
	case 'o':
		err = write_all_once(CONFIG, "off\n", 4);
		if (err)
			die("cannot leave the cluster: %s", strerror(-err));
		return 0;
	case 'w':
	case 'c':
		if (!file)
			usage();
		break;
	default:
		usage();
	}
	text = read_all(file, &len);
	if (!text)
		die("cannot read %s: %s", file, strerror(errno));
	name = strcmp(file, "-") ? file : "stdin";
	map_text = resolve(name, text, &len);
	check(name, map_text, len, &map);
	if (mode == 'c') {
		printf("%s: %u nodes in %u ranges, ok\n", file,
		       hpc_map_nodes(&map), map.nr);
		return 0;
	}
	if (keyfile)
		load_key(keyfile);
	err = write_all_once(CONFIG, map_text, len);
	if (err == -EINVAL)
		die("the kernel refused the map: none of this node's addresses is in it");
	if (err)
		die("cannot load the map: %s", strerror(-err));
	return 0;
}
