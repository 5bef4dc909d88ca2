// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for message encoding and checking (hpc/wire.c).
 */
#include <kunit/test.h>
#include <hpc/wire.h>

static void wire_header_round_trip(struct kunit *test)
{
	struct hpc_hdr h;
	u8 buf[HPC_HDR_SIZE];

	hpc_hdr_encode(buf, HPC_MSG_LOAD, 96, 7);
	KUNIT_ASSERT_EQ(test, hpc_hdr_decode(buf, &h, 7), HPC_WIRE_OK);
	KUNIT_EXPECT_EQ(test, h.type, HPC_MSG_LOAD);
	KUNIT_EXPECT_EQ(test, h.len, 96);
	KUNIT_EXPECT_EQ(test, h.seq, 7);
	/* Big-endian magic first: "oMsx". */
	KUNIT_EXPECT_EQ(test, buf[0], 'o');
	KUNIT_EXPECT_EQ(test, buf[3], 'x');
}

static void wire_header_refuses_bad_input(struct kunit *test)
{
	u8 buf[HPC_HDR_SIZE], bad[HPC_HDR_SIZE];
	struct hpc_hdr h;
	int i;

	hpc_hdr_encode(buf, HPC_MSG_LOAD, 48, 5);
	/* Replayed (old seq) and reordered (future seq). */
	KUNIT_EXPECT_EQ(test, hpc_hdr_decode(buf, &h, 6), HPC_WIRE_SEQ);
	KUNIT_EXPECT_EQ(test, hpc_hdr_decode(buf, &h, 4), HPC_WIRE_SEQ);
	memcpy(bad, buf, sizeof(bad));
	bad[0] ^= 1;
	KUNIT_EXPECT_EQ(test, hpc_hdr_decode(bad, &h, 5), HPC_WIRE_MAGIC);
	memcpy(bad, buf, sizeof(bad));
	bad[4] = HPC_PROTO_VERSION + 1;
	KUNIT_EXPECT_EQ(test, hpc_hdr_decode(bad, &h, 5), HPC_WIRE_VERSION);
	memcpy(bad, buf, sizeof(bad));
	bad[5] = HPC_MSG_HELLO;
	KUNIT_EXPECT_EQ(test, hpc_hdr_decode(bad, &h, 5), HPC_WIRE_TYPE);
	bad[5] = 0xff;
	KUNIT_EXPECT_EQ(test, hpc_hdr_decode(bad, &h, 5), HPC_WIRE_TYPE);
	hpc_hdr_encode(bad, HPC_MSG_LOAD, HPC_MAX_PAYLOAD + 1, 5);
	KUNIT_EXPECT_EQ(test, hpc_hdr_decode(bad, &h, 5), HPC_WIRE_LENGTH);
	memcpy(bad, buf, sizeof(bad));
	bad[7] = 1;
	KUNIT_EXPECT_EQ(test, hpc_hdr_decode(bad, &h, 5), HPC_WIRE_LENGTH);
	/*
	 * Every single-bit flip of magic, version, type, flags or sequence
	 * is refused by the header alone; the length is covered by the MAC.
	 */
	for (i = 0; i < 8 * HPC_HDR_SIZE; i++) {
		if (i >= 8 * 8 && i < 8 * 12)
			continue;
		memcpy(bad, buf, sizeof(bad));
		bad[i / 8] ^= 1 << (i % 8);
		KUNIT_EXPECT_NE_MSG(test, hpc_hdr_decode(bad, &h, 5),
				    HPC_WIRE_OK, "bit %d", i);
	}
}

static void wire_hello_round_trip(struct kunit *test)
{
	struct hpc_hello h = { .type = HPC_MSG_CHALLENGE, .from = 3, .to = 65535 };
	struct hpc_hello r;
	u8 buf[HPC_HELLO_SIZE];

	memset(h.nonce, 0xab, sizeof(h.nonce));
	memset(h.mac, 0xcd, sizeof(h.mac));
	hpc_hello_encode(buf, &h);
	KUNIT_ASSERT_EQ(test, hpc_hello_decode(buf, &r, HPC_MSG_CHALLENGE),
			HPC_WIRE_OK);
	KUNIT_EXPECT_EQ(test, r.from, 3);
	KUNIT_EXPECT_EQ(test, r.to, 65535);
	KUNIT_EXPECT_MEMEQ(test, r.nonce, h.nonce, sizeof(h.nonce));
	KUNIT_EXPECT_MEMEQ(test, r.mac, h.mac, sizeof(h.mac));
	KUNIT_EXPECT_EQ(test, hpc_hello_decode(buf, &r, HPC_MSG_PROOF),
			HPC_WIRE_TYPE);
	buf[4] = 9;
	KUNIT_EXPECT_EQ(test, hpc_hello_decode(buf, &r, HPC_MSG_CHALLENGE),
			HPC_WIRE_VERSION);
	h.from = 0;
	hpc_hello_encode(buf, &h);
	KUNIT_EXPECT_EQ(test, hpc_hello_decode(buf, &r, HPC_MSG_CHALLENGE),
			HPC_WIRE_VALUE);
}

static void wire_load_round_trip_and_checks(struct kunit *test)
{
	struct hpc_load_vec v = {
		.node = 2, .cpus = 4, .load = 1500, .speed = 20000, .util = 625,
		.status = 3, .mem = 1 << 20, .rmem = 1 << 19, .tmem = 1 << 30,
		.age_ms = 1200, .served_ms = 0xfffffffe,
	};
	struct hpc_load_vec r;
	u8 buf[HPC_LOAD_VEC_SIZE];

	hpc_load_encode(buf, &v);
	KUNIT_ASSERT_EQ(test, hpc_load_decode(buf, sizeof(buf), &r), HPC_WIRE_OK);
	KUNIT_EXPECT_EQ(test, r.node, 2);
	KUNIT_EXPECT_EQ(test, r.cpus, 4);
	KUNIT_EXPECT_EQ(test, r.load, 1500);
	KUNIT_EXPECT_EQ(test, r.speed, 20000);
	KUNIT_EXPECT_EQ(test, r.util, 625);
	KUNIT_EXPECT_EQ(test, r.mem, 1 << 20);
	KUNIT_EXPECT_EQ(test, r.tmem, 1 << 30);
	KUNIT_EXPECT_EQ(test, r.age_ms, 1200);
	KUNIT_EXPECT_EQ(test, r.served_ms, 0xfffffffe);
	KUNIT_EXPECT_EQ(test, HPC_LOAD_VEC_SIZE, 52);
	/* Truncated. */
	KUNIT_EXPECT_EQ(test, hpc_load_decode(buf, sizeof(buf) - 1, &r),
			HPC_WIRE_LENGTH);
	/* Values no node sends. */
	v.mem = v.tmem + 1;
	hpc_load_encode(buf, &v);
	KUNIT_EXPECT_EQ(test, hpc_load_decode(buf, sizeof(buf), &r), HPC_WIRE_VALUE);
	v.mem = 0;
	v.cpus = 0;
	hpc_load_encode(buf, &v);
	KUNIT_EXPECT_EQ(test, hpc_load_decode(buf, sizeof(buf), &r), HPC_WIRE_VALUE);
	v.cpus = 1;
	v.age_ms = HPC_MAX_AGE_MS + 1;
	hpc_load_encode(buf, &v);
	KUNIT_EXPECT_EQ(test, hpc_load_decode(buf, sizeof(buf), &r), HPC_WIRE_VALUE);
}

static void wire_mac_compare(struct kunit *test)
{
	u8 a[HPC_WIRE_MAC_SIZE], b[HPC_WIRE_MAC_SIZE];

	memset(a, 0x5a, sizeof(a));
	memcpy(b, a, sizeof(b));
	KUNIT_EXPECT_TRUE(test, hpc_mac_equal(a, b));
	b[HPC_WIRE_MAC_SIZE - 1] ^= 0x80;
	KUNIT_EXPECT_FALSE(test, hpc_mac_equal(a, b));
	KUNIT_EXPECT_STREQ(test, hpc_wire_strerror(HPC_WIRE_SEQ),
			   "replayed or reordered message");
}

static struct kunit_case hpc_wire_cases[] = {
	KUNIT_CASE(wire_header_round_trip),
	KUNIT_CASE(wire_header_refuses_bad_input),
	KUNIT_CASE(wire_hello_round_trip),
	KUNIT_CASE(wire_load_round_trip_and_checks),
	KUNIT_CASE(wire_mac_compare),
	{}
};

static struct kunit_suite hpc_wire_suite = {
	.name = "hpc_wire",
	.test_cases = hpc_wire_cases,
};

kunit_test_suite(hpc_wire_suite);

MODULE_DESCRIPTION("KUnit tests for openMosix messages");
MODULE_LICENSE("GPL");
