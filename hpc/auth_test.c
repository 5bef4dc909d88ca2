// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the frame tag (hpc/auth.c).
 */
#include <kunit/test.h>
#include <linux/string.h>
#include <hpc/auth.h>

/* A tag covers the link key, the sequence number and every byte. */
static void auth_tag_binds_key_seq_and_bytes(struct kunit *test)
{
	u8 key[HPC_KEY_SIZE], hdr[20], data[300];
	u8 t[HPC_TAG_SIZE], u[HPC_TAG_SIZE];

	memset(key, 0x42, sizeof(key));
	memset(hdr, 0x11, sizeof(hdr));
	memset(data, 0x5a, sizeof(data));
	hpc_tag(key, 7, hdr, sizeof(hdr), data, sizeof(data), t);
	hpc_tag(key, 7, hdr, sizeof(hdr), data, sizeof(data), u);
	KUNIT_EXPECT_MEMEQ(test, t, u, sizeof(t));

	hpc_tag(key, 8, hdr, sizeof(hdr), data, sizeof(data), u);
	KUNIT_EXPECT_MEMNEQ(test, t, u, sizeof(t));
	key[31] ^= 1;
	hpc_tag(key, 7, hdr, sizeof(hdr), data, sizeof(data), u);
	KUNIT_EXPECT_MEMNEQ(test, t, u, sizeof(t));
	key[31] ^= 1;
	hdr[0] ^= 0x80;
	hpc_tag(key, 7, hdr, sizeof(hdr), data, sizeof(data), u);
	KUNIT_EXPECT_MEMNEQ(test, t, u, sizeof(t));
	hdr[0] ^= 0x80;
	data[299] ^= 1;
	hpc_tag(key, 7, hdr, sizeof(hdr), data, sizeof(data), u);
	KUNIT_EXPECT_MEMNEQ(test, t, u, sizeof(t));
	data[299] ^= 1;
	/* A truncated payload is another message. */
	hpc_tag(key, 7, hdr, sizeof(hdr), data, sizeof(data) - 1, u);
	KUNIT_EXPECT_MEMNEQ(test, t, u, sizeof(t));
	/* No payload: the header alone. */
	hpc_tag(key, 7, hdr, sizeof(hdr), NULL, 0, u);
	KUNIT_EXPECT_MEMNEQ(test, t, u, sizeof(t));
}

/*
 * Nodes may tag with either Poly1305 (hpc_tag_pick()): the two must agree
 * on every length, across the vector code's 4 KB chunks and its 16-byte
 * blocks, and on the split of header and payload.
 */
static void auth_tag_portable_equals_arch(struct kunit *test)
{
	static const size_t lens[] = { 0, 1, 15, 16, 17, 300, 4095, 4096,
				       4097, 65536 + 33 };
	u8 *buf = kunit_kmalloc(test, 65536 + 64, GFP_KERNEL);
	size_t i;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < 65536 + 64; i++)
		buf[i] = i * 131 + (i >> 8);
	for (i = 0; i < ARRAY_SIZE(lens); i++)
		KUNIT_EXPECT_TRUE_MSG(test, hpc_tag_same(buf, lens[i]),
				      "length %zu", lens[i]);
}

static struct kunit_case hpc_auth_cases[] = {
	KUNIT_CASE(auth_tag_binds_key_seq_and_bytes),
	KUNIT_CASE(auth_tag_portable_equals_arch),
	{}
};

static struct kunit_suite hpc_auth_suite = {
	.name = "hpc_auth",
	.test_cases = hpc_auth_cases,
};

kunit_test_suite(hpc_auth_suite);
