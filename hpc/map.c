// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: parsing, checking and printing the node map.
 *
 * Pure logic: no locking, no allocation, no kernel services, so that
 * KUnit and the userspace tools (setpe) run this very source.
 */
#include <hpc/map.h>

static const char * const map_errors[] = {
	[HPC_MAP_OK]		= "no error",
	[HPC_MAP_SYNTAX]	= "expected: FIRST-NODE ADDRESS COUNT",
	[HPC_MAP_NODE_RANGE]	= "node number outside 1..65535",
	[HPC_MAP_COUNT]		= "count is 0 or the range passes node 65535",
	[HPC_MAP_ADDRESS]	= "not a usable unicast IPv4 address range",
	[HPC_MAP_NODE_OVERLAP]	= "node numbers overlap an earlier line",
	[HPC_MAP_ADDR_OVERLAP]	= "addresses overlap an earlier line",
	[HPC_MAP_TOO_MANY]	= "more than 256 ranges",
	[HPC_MAP_TRUNCATED]	= "truncated: the last line has no newline",
	[HPC_MAP_EMPTY]		= "the map has no node",
	[HPC_MAP_TOO_LONG]	= "the map text is longer than 64 KiB",
};

/**
 * hpc_map_strerror() - what an hpc_map_parse() error means
 * @err: an enum hpc_map_err value
 *
 * Return: a constant string.
 */
const char *hpc_map_strerror(int err)
{
	if (err < 0 || err >= (int)ARRAY_SIZE(map_errors) || !map_errors[err])
		return "unknown error";
	return map_errors[err];
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* A decimal number of at most @max; advances *p. */
static bool take_number(const char **p, const char *end, u32 max, u32 *out)
{
	const char *s = *p;
	u64 v = 0;

	if (s == end || *s < '0' || *s > '9')
		return false;
	while (s < end && *s >= '0' && *s <= '9') {
		v = v * 10 + (*s - '0');
		if (v > max)
			return false;
		s++;
	}
	*p = s;
	*out = v;
	return true;
}

static bool take_addr(const char **p, const char *end, u32 *addr)
{
	u32 octet, a = 0;
	int i;

	for (i = 0; i < 4; i++) {
		if (i) {
			if (*p == end || **p != '.')
				return false;
			(*p)++;
		}
		if (!take_number(p, end, 255, &octet))
			return false;
		a = a << 8 | octet;
	}
	*addr = a;
	return true;
}

static void skip_blanks(const char **p, const char *end)
{
	while (*p < end && is_blank(**p))
		(*p)++;
}

/* One line, without its newline: a range, or nothing (blank, comment). */
static int parse_line(const char *s, const char *end,
		      struct hpc_map_range *r, bool *found)
{
	u32 first, count, addr;
	const char *p = s;

	*found = false;
	skip_blanks(&p, end);
	if (p == end || *p == '#')
		return HPC_MAP_OK;
	if (!take_number(&p, end, 0xffffffffu, &first))
		return HPC_MAP_SYNTAX;
	if (p == end || !is_blank(*p))
		return HPC_MAP_SYNTAX;
	skip_blanks(&p, end);
	if (!take_addr(&p, end, &addr))
		return HPC_MAP_SYNTAX;
	if (p == end || !is_blank(*p))
		return HPC_MAP_SYNTAX;
	skip_blanks(&p, end);
	if (!take_number(&p, end, 0xffffffffu, &count))
		return HPC_MAP_SYNTAX;
	skip_blanks(&p, end);
	if (p != end && *p != '#')
		return HPC_MAP_SYNTAX;

	if (first < 1 || first > 65535)
		return HPC_MAP_NODE_RANGE;
	if (count < 1 || first + count - 1 > 65535)
		return HPC_MAP_COUNT;
	/* No 0.0.0.0/8, loopback, multicast, reserved or broadcast. */
	if ((addr >> 24) == 0 || (addr >> 24) == 127 || addr >= 0xe0000000u ||
	    (u64)addr + count - 1 >= 0xe0000000u)
		return HPC_MAP_ADDRESS;
	r->first = first;
	r->count = count;
	r->addr = addr;
	*found = true;
	return HPC_MAP_OK;
}

static bool overlap(u32 a, u32 alen, u32 b, u32 blen)
{
	return a < b + blen && b < a + alen;
}

/**
 * hpc_map_parse() - parse and check a node map
 * @text: the map text
 * @len: its length in bytes
 * @map: filled on success; undefined after a failure
 * @line: set to the 1-based line of the first error (0: the whole text)
 *
 * Return: HPC_MAP_OK, or the enum hpc_map_err of the first problem.
 */
int hpc_map_parse(const char *text, size_t len, struct hpc_map *map,
		  unsigned int *line)
{
	const char *p = text, *end = text + len, *eol;
	unsigned int i, n = 0;
	int err;

	*line = 0;
	map->nr = 0;
	if (len > HPC_MAP_MAX_TEXT)
		return HPC_MAP_TOO_LONG;
	if (len && text[len - 1] != '\n') {
		/* Name the last line, the one cut short. */
		for (i = 0; i < len; i++)
			*line += text[i] == '\n';
		(*line)++;
		return HPC_MAP_TRUNCATED;
	}
	while (p < end) {
		struct hpc_map_range r;
		bool found;

		n++;
		eol = memchr(p, '\n', end - p);
		err = parse_line(p, eol, &r, &found);
		p = eol + 1;
		if (err) {
			*line = n;
			return err;
		}
		if (!found)
			continue;
		if (map->nr == HPC_MAP_MAX_RANGES) {
			*line = n;
			return HPC_MAP_TOO_MANY;
		}
		for (i = 0; i < map->nr; i++) {
			const struct hpc_map_range *o = &map->range[i];

			if (overlap(r.first, r.count, o->first, o->count)) {
				*line = n;
				return HPC_MAP_NODE_OVERLAP;
			}
			if (overlap(r.addr, r.count, o->addr, o->count)) {
				*line = n;
				return HPC_MAP_ADDR_OVERLAP;
			}
		}
		map->range[map->nr++] = r;
	}
	return map->nr ? HPC_MAP_OK : HPC_MAP_EMPTY;
}

/**
 * hpc_map_format() - print a map in the form hpc_map_parse() reads
 * @map: the map
 * @buf: where the text goes, NUL-terminated when @size > 0
 * @size: room in @buf
 *
 * Return: the length of the whole text (as snprintf: it was cut short
 * when this is >= @size).
 */
int hpc_map_format(const struct hpc_map *map, char *buf, size_t size)
{
	unsigned int i;
	int len = 0;

	if (size)
		buf[0] = 0;
	for (i = 0; i < map->nr; i++) {
		const struct hpc_map_range *r = &map->range[i];

		len += snprintf(buf + (len < (int)size ? len : 0),
				len < (int)size ? size - len : 0,
				"%u %u.%u.%u.%u %u\n", r->first,
				r->addr >> 24, (r->addr >> 16) & 0xff,
				(r->addr >> 8) & 0xff, r->addr & 0xff,
				r->count);
	}
	return len;
}

/**
 * hpc_map_addr() - the address of a node
 * Return: the address in host order, or 0 when @node is not in @map.
 */
u32 hpc_map_addr(const struct hpc_map *map, u16 node)
{
	unsigned int i;

	for (i = 0; i < map->nr; i++) {
		const struct hpc_map_range *r = &map->range[i];

		if (node >= r->first && node - r->first < r->count)
			return r->addr + (node - r->first);
	}
	return 0;
}

/**
 * hpc_map_node() - the node of an address
 * Return: the node number, or 0 when @addr is not in @map.
 */
u16 hpc_map_node(const struct hpc_map *map, u32 addr)
{
	unsigned int i;

	for (i = 0; i < map->nr; i++) {
		const struct hpc_map_range *r = &map->range[i];

		if (addr >= r->addr && addr - r->addr < r->count)
			return r->first + (addr - r->addr);
	}
	return 0;
}

/** hpc_map_nodes() - how many nodes @map holds */
unsigned int hpc_map_nodes(const struct hpc_map *map)
{
	unsigned int i, n = 0;

	for (i = 0; i < map->nr; i++)
		n += map->range[i].count;
	return n;
}

/**
 * hpc_map_next() - walk the nodes of a map in increasing number
 * @map: the map
 * @node: 0 to start, else the previous node returned
 *
 * Return: the smallest node number of @map above @node, or 0 at the end.
 */
u16 hpc_map_next(const struct hpc_map *map, u16 node)
{
	unsigned int i, best = 0x10000;

	for (i = 0; i < map->nr; i++) {
		const struct hpc_map_range *r = &map->range[i];
		unsigned int last = r->first + r->count - 1;
		unsigned int cand;

		if (last <= node)
			continue;
		cand = node < r->first ? r->first : node + 1u;
		if (cand < best)
			best = cand;
	}
	return best == 0x10000 ? 0 : best;
}
