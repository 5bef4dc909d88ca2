// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the node identity parser of hpc/config.c.
 */
#include <kunit/test.h>
#include <hpc/hpc.h>

static void hpc_parse_node_accepts_range(struct kunit *test)
{
	u16 node = 0;

	KUNIT_EXPECT_EQ(test, hpc_parse_node("1", &node), 0);
	KUNIT_EXPECT_EQ(test, node, 1);
	KUNIT_EXPECT_EQ(test, hpc_parse_node("42\n", &node), 0);
	KUNIT_EXPECT_EQ(test, node, 42);
	KUNIT_EXPECT_EQ(test, hpc_parse_node("65535", &node), 0);
	KUNIT_EXPECT_EQ(test, node, 65535);
}

static void hpc_parse_node_rejects_garbage(struct kunit *test)
{
	static const char * const bad[] = {
		"", "0", "65536", "4294967297", "-1", "+3", " 3", "3 ",
		"3x", "0x10", "1\n\n", "abc", "\n",
	};
	u16 node = 7;
	int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		KUNIT_EXPECT_EQ_MSG(test, hpc_parse_node(bad[i], &node),
				    -EINVAL, "input \"%s\"", bad[i]);
		KUNIT_EXPECT_EQ(test, node, 7);
	}
	KUNIT_EXPECT_EQ(test, hpc_parse_node(NULL, &node), -EINVAL);
}

static struct kunit_case hpc_config_cases[] = {
	KUNIT_CASE(hpc_parse_node_accepts_range),
	KUNIT_CASE(hpc_parse_node_rejects_garbage),
	{}
};

static struct kunit_suite hpc_config_suite = {
	.name = "hpc_config",
	.test_cases = hpc_config_cases,
};

kunit_test_suite(hpc_config_suite);

MODULE_DESCRIPTION("KUnit tests for openMosix node identity");
MODULE_LICENSE("GPL");
