/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openMosix: the node map, node numbers 1..65535 to IPv4 addresses.
 *
 * Text form, one range a line:
 *
 *	FIRST  ADDRESS  COUNT
 *
 * COUNT consecutive node numbers from FIRST get COUNT consecutive
 * addresses from ADDRESS (dotted quad). '#' starts a comment; blank lines
 * are allowed; the text must end with a newline. hpc_map_format() gives
 * back the ranges, one line each, in the order they were written.
 */
#ifndef _HPC_MAP_H
#define _HPC_MAP_H

#include <hpc/pure.h>

#define HPC_MAP_MAX_RANGES	256
#define HPC_MAP_MAX_TEXT	(64 * 1024)

struct hpc_map_range {
	u16 first;		/* first node number */
	u16 count;		/* nodes in the range, >= 1 */
	u32 addr;		/* address of the first node, host order */
};

struct hpc_map {
	unsigned int nr;
	struct hpc_map_range range[HPC_MAP_MAX_RANGES];
};

enum hpc_map_err {
	HPC_MAP_OK,
	HPC_MAP_SYNTAX,		/* not "FIRST ADDRESS COUNT" */
	HPC_MAP_NODE_RANGE,	/* node number outside 1..65535 */
	HPC_MAP_COUNT,		/* count 0, or the range passes 65535 */
	HPC_MAP_ADDRESS,	/* not a unicast address, or passes 255.255.255.255 */
	HPC_MAP_NODE_OVERLAP,	/* node numbers given twice */
	HPC_MAP_ADDR_OVERLAP,	/* addresses given twice */
	HPC_MAP_TOO_MANY,	/* more than HPC_MAP_MAX_RANGES ranges */
	HPC_MAP_TRUNCATED,	/* no newline at the end */
	HPC_MAP_EMPTY,		/* no range at all */
	HPC_MAP_TOO_LONG,	/* more than HPC_MAP_MAX_TEXT bytes */
};

int hpc_map_parse(const char *text, size_t len, struct hpc_map *map,
		  unsigned int *line);
const char *hpc_map_strerror(int err);
int hpc_map_format(const struct hpc_map *map, char *buf, size_t size);
u32 hpc_map_addr(const struct hpc_map *map, u16 node);
u16 hpc_map_node(const struct hpc_map *map, u32 addr);
unsigned int hpc_map_nodes(const struct hpc_map *map);
u16 hpc_map_next(const struct hpc_map *map, u16 node);

#endif /* _HPC_MAP_H */
