// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the node map parser and printer (hpc/map.c).
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <hpc/map.h>

static struct hpc_map *new_map(struct kunit *test)
{
	struct hpc_map *map = kunit_kzalloc(test, sizeof(*map), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, map);
	return map;
}

static int parse(struct hpc_map *map, const char *text, unsigned int *line)
{
	return hpc_map_parse(text, strlen(text), map, line);
}

static void map_parses_and_prints_back(struct kunit *test)
{
	static const char text[] =
		"# the test cluster\n"
		"\n"
		"1 192.0.2.1 3   # three nodes\n"
		"\t10\t10.0.0.5\t2\r\n"
		"65535 198.51.100.7 1\n";
	static const char want[] =
		"1 192.0.2.1 3\n10 10.0.0.5 2\n65535 198.51.100.7 1\n";
	struct hpc_map *map = new_map(test);
	unsigned int line;
	char buf[128];

	KUNIT_ASSERT_EQ(test, parse(map, text, &line), HPC_MAP_OK);
	KUNIT_EXPECT_EQ(test, map->nr, 3);
	KUNIT_EXPECT_EQ(test, hpc_map_nodes(map), 6);
	KUNIT_EXPECT_EQ(test, hpc_map_format(map, buf, sizeof(buf)),
			(int)strlen(want));
	KUNIT_EXPECT_STREQ(test, buf, want);

	/* What is printed parses to the same map. */
	KUNIT_ASSERT_EQ(test, parse(map, want, &line), HPC_MAP_OK);
	KUNIT_EXPECT_EQ(test, hpc_map_format(map, buf, sizeof(buf)),
			(int)strlen(want));
	KUNIT_EXPECT_STREQ(test, buf, want);
}

static void map_looks_up_both_ways(struct kunit *test)
{
	struct hpc_map *map = new_map(test);
	unsigned int line;

	KUNIT_ASSERT_EQ(test, parse(map, "1 192.0.2.1 3\n10 10.0.0.255 2\n",
				    &line), HPC_MAP_OK);
	KUNIT_EXPECT_EQ(test, hpc_map_addr(map, 2), 0xc0000202);
	KUNIT_EXPECT_EQ(test, hpc_map_addr(map, 11), 0x0a000100);
	KUNIT_EXPECT_EQ(test, hpc_map_addr(map, 4), 0);
	KUNIT_EXPECT_EQ(test, hpc_map_node(map, 0xc0000203), 3);
	KUNIT_EXPECT_EQ(test, hpc_map_node(map, 0x0a000100), 11);
	KUNIT_EXPECT_EQ(test, hpc_map_node(map, 0xc0000204), 0);
	KUNIT_EXPECT_EQ(test, hpc_map_next(map, 0), 1);
	KUNIT_EXPECT_EQ(test, hpc_map_next(map, 3), 10);
	KUNIT_EXPECT_EQ(test, hpc_map_next(map, 11), 0);
}

struct bad_map {
	const char *text;
	int err;
	unsigned int line;
};

static const struct bad_map bad_maps[] = {
	{ "", HPC_MAP_EMPTY, 0 },
	{ "# nothing\n\n", HPC_MAP_EMPTY, 0 },
	{ "1 192.0.2.1 3", HPC_MAP_TRUNCATED, 1 },
	{ "1 192.0.2.1 3\n2 10.0.0", HPC_MAP_TRUNCATED, 2 },
	{ "1 192.0.2.1\n", HPC_MAP_SYNTAX, 1 },
	{ "x 192.0.2.1 1\n", HPC_MAP_SYNTAX, 1 },
	{ "1 192.0.2 1\n", HPC_MAP_SYNTAX, 1 },
	{ "1 192.0.2.256 1\n", HPC_MAP_SYNTAX, 1 },
	{ "1 192.0.2.1 1 extra\n", HPC_MAP_SYNTAX, 1 },
	{ "-1 192.0.2.1 1\n", HPC_MAP_SYNTAX, 1 },
	{ "1 192.0.2.1 -1\n", HPC_MAP_SYNTAX, 1 },
	{ "1 node1 1\n", HPC_MAP_SYNTAX, 1 },
	{ "0 192.0.2.1 1\n", HPC_MAP_NODE_RANGE, 1 },
	{ "65536 192.0.2.1 1\n", HPC_MAP_NODE_RANGE, 1 },
	{ "99999999999 192.0.2.1 1\n", HPC_MAP_SYNTAX, 1 },
	{ "1 192.0.2.1 0\n", HPC_MAP_COUNT, 1 },
	{ "65535 192.0.2.1 2\n", HPC_MAP_COUNT, 1 },
	{ "1 0.0.0.1 1\n", HPC_MAP_ADDRESS, 1 },
	{ "1 127.0.0.1 1\n", HPC_MAP_ADDRESS, 1 },
	{ "1 224.0.0.1 1\n", HPC_MAP_ADDRESS, 1 },
	{ "1 223.255.255.255 2\n", HPC_MAP_ADDRESS, 1 },
	{ "1 192.0.2.1 3\n3 192.0.2.9 1\n", HPC_MAP_NODE_OVERLAP, 2 },
	{ "1 192.0.2.1 3\n\n5 192.0.2.3 1\n", HPC_MAP_ADDR_OVERLAP, 3 },
	{ "1 192.0.2.1 1\n1 192.0.2.1 1\n", HPC_MAP_NODE_OVERLAP, 2 },
};

static void map_refuses_bad_maps(struct kunit *test)
{
	struct hpc_map *map = new_map(test);
	unsigned int i, line;

	for (i = 0; i < ARRAY_SIZE(bad_maps); i++) {
		KUNIT_EXPECT_EQ_MSG(test, parse(map, bad_maps[i].text, &line),
				    bad_maps[i].err, "map \"%s\"",
				    bad_maps[i].text);
		KUNIT_EXPECT_EQ_MSG(test, line, bad_maps[i].line, "map \"%s\"",
				    bad_maps[i].text);
	}
}

static void map_limits_ranges_and_size(struct kunit *test)
{
	struct hpc_map *map = new_map(test);
	size_t size = 300 * 32;
	unsigned int i, line;
	char *text;
	int len = 0;

	text = kunit_kzalloc(test, size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, text);
	for (i = 0; i < 257; i++)
		len += snprintf(text + len, size - len, "%u 10.0.%u.%u 1\n",
				i + 1, i / 256, i % 256);
	KUNIT_EXPECT_EQ(test, hpc_map_parse(text, len, map, &line),
			HPC_MAP_TOO_MANY);
	KUNIT_EXPECT_EQ(test, line, 257);
	/* 256 ranges are fine. */
	len -= strlen("257 10.0.1.0 1\n");
	KUNIT_EXPECT_EQ(test, hpc_map_parse(text, len, map, &line), HPC_MAP_OK);
	KUNIT_EXPECT_EQ(test, map->nr, 256);
	KUNIT_EXPECT_EQ(test, hpc_map_parse(text, HPC_MAP_MAX_TEXT + 1, map,
					    &line), HPC_MAP_TOO_LONG);
	KUNIT_EXPECT_STREQ(test, hpc_map_strerror(HPC_MAP_TOO_MANY),
			   "more than 256 ranges");
	KUNIT_EXPECT_STREQ(test, hpc_map_strerror(-3), "unknown error");
}

static struct kunit_case hpc_map_cases[] = {
	KUNIT_CASE(map_parses_and_prints_back),
	KUNIT_CASE(map_looks_up_both_ways),
	KUNIT_CASE(map_refuses_bad_maps),
	KUNIT_CASE(map_limits_ranges_and_size),
	{}
};

static struct kunit_suite hpc_map_suite = {
	.name = "hpc_map",
	.test_cases = hpc_map_cases,
};

kunit_test_suite(hpc_map_suite);

MODULE_DESCRIPTION("KUnit tests for the openMosix node map");
MODULE_LICENSE("GPL");
