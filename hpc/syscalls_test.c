// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the system call policy (hpc/syscalls.c) and the
 * layout of process-migration messages (include/hpc/mig.h).
 */
#include <kunit/test.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/time.h>
#include <asm/syscall.h>
#include <asm/syscall_wrapper.h>
#include <asm/unistd.h>
#include <hpc/mig.h>

/* Every call the kernel implements has a class and a name. */
static void sc_table_is_complete(struct kunit *test)
{
	unsigned int nr, missing = 0;

	KUNIT_EXPECT_EQ(test, hpc_sc_count, (unsigned int)NR_syscalls);
	for (nr = 0; nr < NR_syscalls; nr++) {
		const struct hpc_sc_def *d = &hpc_sc_table[nr];

		if (sys_call_table[nr] == __x64_sys_ni_syscall)
			continue;
		if (d->class == HPC_SC_NONE || !d->name) {
			kunit_info(test, "system call %u has no entry\n", nr);
			missing++;
		}
		if (d->class == HPC_SC_DECIDE)
			KUNIT_EXPECT_NOT_NULL(test, d->decide);
		if (d->class == HPC_SC_REFUSE)
			KUNIT_EXPECT_GT(test, d->err, 0);
	}
	KUNIT_EXPECT_EQ(test, missing, 0);
}

static void sc_classes(struct kunit *test)
{
	static const struct {
		int clock, flags, class;
	} sleeps[] = {
		{ CLOCK_MONOTONIC, TIMER_ABSTIME, HPC_SC_LOCAL },
		{ CLOCK_REALTIME, TIMER_ABSTIME, HPC_SC_LOCAL },
		{ CLOCK_MONOTONIC, 0, HPC_SC_FORWARD },
		{ CLOCK_PROCESS_CPUTIME_ID, TIMER_ABSTIME, HPC_SC_FORWARD },
	};
	unsigned long a[6] = {};
	unsigned int i;

	KUNIT_EXPECT_EQ(test, hpc_sc_class(__NR_read, a), HPC_SC_FORWARD);
	KUNIT_EXPECT_EQ(test, hpc_sc_class(__NR_openat, a), HPC_SC_FORWARD);
	KUNIT_EXPECT_EQ(test, hpc_sc_class(__NR_brk, a), HPC_SC_LOCAL);
	KUNIT_EXPECT_EQ(test, hpc_sc_class(__NR_clock_gettime, a), HPC_SC_LOCAL);
	KUNIT_EXPECT_EQ(test, hpc_sc_class(__NR_rt_sigaction, a), HPC_SC_BOTH);
	KUNIT_EXPECT_EQ(test, hpc_sc_class(__NR_fork, a), HPC_SC_HOME);
	KUNIT_EXPECT_EQ(test, hpc_sc_class(__NR_execve, a), HPC_SC_HOME);
	KUNIT_EXPECT_EQ(test, hpc_sc_class(__NR_afs_syscall, a), HPC_SC_LOCAL);
	KUNIT_EXPECT_EQ(test, hpc_sc_class(NR_syscalls + 5, a), HPC_SC_NONE);
	/* mmap: private anonymous here, a file at home */
	a[3] = MAP_PRIVATE | MAP_ANONYMOUS;
	KUNIT_EXPECT_EQ(test, hpc_sc_class(__NR_mmap, a), HPC_SC_LOCAL);
	a[3] = MAP_SHARED | MAP_ANONYMOUS;
	KUNIT_EXPECT_EQ(test, hpc_sc_class(__NR_mmap, a), HPC_SC_HOME);
	a[3] = MAP_PRIVATE;
	KUNIT_EXPECT_EQ(test, hpc_sc_class(__NR_mmap, a), HPC_SC_HOME);
	/* sleeps to an absolute time here, relative ones at home */
	for (i = 0; i < ARRAY_SIZE(sleeps); i++) {
		a[0] = sleeps[i].clock;
		a[1] = sleeps[i].flags;
		KUNIT_EXPECT_EQ(test, hpc_sc_class(__NR_clock_nanosleep, a),
				sleeps[i].class);
	}
	/* scheduling of itself here, of another process at home */
	a[0] = 0;
	KUNIT_EXPECT_EQ(test, hpc_sc_class(__NR_sched_setaffinity, a),
			HPC_SC_LOCAL);
	a[0] = 4242;
	KUNIT_EXPECT_EQ(test, hpc_sc_class(__NR_sched_setaffinity, a),
			HPC_SC_FORWARD);
	/* the deputy runs only what may go home */
	KUNIT_EXPECT_TRUE(test, hpc_sc_home_ok(__NR_write));
	KUNIT_EXPECT_FALSE(test, hpc_sc_home_ok(__NR_brk));
	KUNIT_EXPECT_FALSE(test, hpc_sc_home_ok(__NR_execve));
	KUNIT_EXPECT_FALSE(test, hpc_sc_home_ok(NR_syscalls));
}

/* A read-ahead hint names an argument and a length, on a forwarded call. */
static void sc_ahead_hints(struct kunit *test)
{
	unsigned int nr, hints = 0;

	for (nr = 0; nr < NR_syscalls; nr++) {
		const struct hpc_sc_def *d = &hpc_sc_table[nr];

		if (!d->buf) {
			KUNIT_EXPECT_EQ(test, d->len, 0);
			continue;
		}
		hints++;
		KUNIT_EXPECT_EQ(test, d->class, HPC_SC_FORWARD);
		KUNIT_EXPECT_LE(test, d->buf, 6);
		KUNIT_EXPECT_LE(test, d->len, 6);
		KUNIT_EXPECT_NE(test, d->buf, d->len);
		KUNIT_EXPECT_TRUE(test, d->len || d->size);
	}
	KUNIT_EXPECT_GT(test, hints, 0);
	/* read(fd, buf, count), fstat(fd, statbuf) */
	KUNIT_EXPECT_EQ(test, hpc_sc_table[__NR_read].buf, 2);
	KUNIT_EXPECT_EQ(test, hpc_sc_table[__NR_read].len, 3);
	KUNIT_EXPECT_EQ(test, hpc_sc_table[__NR_fstat].buf, 2);
	KUNIT_EXPECT_EQ(test, hpc_sc_table[__NR_fstat].size, 144);
	KUNIT_EXPECT_EQ(test, sizeof(struct hpc_syscall_ahead),
			sizeof(struct hpc_syscall) + sizeof(struct hpc_pages));
}

/* The wire layout of process state does not drift by accident. */
static void mig_message_layout(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, sizeof(struct hpc_pmsg_hdr), 24);
	KUNIT_EXPECT_EQ(test, sizeof(struct hpc_pages), 16);
	KUNIT_EXPECT_EQ(test, sizeof(struct hpc_mig_cpu), 21 * 8 + 24);
	KUNIT_EXPECT_EQ(test, sizeof(struct hpc_syscall), 8 + 6 * 8 + 24);
	KUNIT_EXPECT_EQ(test, sizeof(struct hpc_mig_image) % 8, 0);
	KUNIT_EXPECT_LE(test, sizeof(struct hpc_pmsg_hdr) +
			sizeof(struct hpc_pages) +
			(HPC_PAGES_PER_MSG << PAGE_SHIFT),
			(size_t)256 * 1024);
}

static struct kunit_case hpc_sc_cases[] = {
	KUNIT_CASE(sc_table_is_complete),
	KUNIT_CASE(sc_classes),
	KUNIT_CASE(sc_ahead_hints),
	KUNIT_CASE(mig_message_layout),
	{}
};

static struct kunit_suite hpc_sc_suite = {
	.name = "hpc_syscalls",
	.test_cases = hpc_sc_cases,
};

kunit_test_suite(hpc_sc_suite);

MODULE_DESCRIPTION("KUnit tests for the openMosix system call policy");
MODULE_LICENSE("GPL");
