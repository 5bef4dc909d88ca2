// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: what each system call does when the process runs away
 * from home.
 *
 * One entry per x86_64 system call (a KUnit test checks that none is
 * missing):
 *
 *   LOCAL    runs where the process is: its memory, signal masks and
 *            handlers, waiting for signals, clocks (the vDSO and the time
 *            namespace keep them continuous), sleeps to an absolute
 *            time, the credentials it carries. Relative sleeps go home:
 *            an interrupted one restarts from a restart block, and only
 *            home keeps one across moves
 *   FORWARD  runs at home, by the deputy, in the process's name; what
 *            the call reads or writes of user memory is fetched from,
 *            and returned to, the remote (deputy.c)
 *   BOTH     runs at home first and, if that succeeded, here as well
 *            (credentials, limits and signal dispositions live in both)
 *   HOME     the process is brought home and the call runs there
 *            (new processes and programs, address-space sharing, ...)
 *   REFUSE   fails with the given error (calls absent from this kernel
 *            are LOCAL: they fail here exactly as they would at home)
 *   DECIDE   the arguments decide (mmap of a file goes home; a call on
 *            another process's scheduling runs at home)
 */
#include <linux/mman.h>
#include <linux/resource.h>
#include <linux/sched.h>
#include <linux/stat.h>
#include <linux/time.h>
#include <linux/thread_info.h>
#include <asm/unistd.h>
#include <hpc/mig.h>

/* The call names this process (0, or its PID at home). */
static bool is_self(unsigned long pid)
{
	struct hpc_proc *p = current->hpc.proc;

	return !pid || (p && pid == p->home_pid);
}

static int decide_mmap(const unsigned long *a)
{
	/* Private anonymous memory is made here; a file mapping needs home. */
	if ((a[3] & MAP_ANONYMOUS) && (a[3] & MAP_TYPE) == MAP_PRIVATE)
		return HPC_SC_LOCAL;
	return HPC_SC_HOME;
}

static int decide_pid0(const unsigned long *a)
{
	return is_self(a[0]) ? HPC_SC_LOCAL : HPC_SC_FORWARD;
}

static int decide_prio(const unsigned long *a)
{
	return a[0] == PRIO_PROCESS && is_self(a[1]) ? HPC_SC_LOCAL :
	       HPC_SC_FORWARD;
}

static int decide_prlimit(const unsigned long *a)
{
	return is_self(a[0]) ? HPC_SC_BOTH : HPC_SC_FORWARD;
}

static int decide_cpuclock(const unsigned long *a)
{
	/* CPU-time clocks count the time used everywhere: home knows it. */
	return (int)a[0] < 0 || a[0] == CLOCK_PROCESS_CPUTIME_ID ||
	       a[0] == CLOCK_THREAD_CPUTIME_ID ? HPC_SC_FORWARD : HPC_SC_LOCAL;
}

static int decide_nsleep(const unsigned long *a)
{
	/*
	 * An absolute sleep runs here, on the process's own clocks (its
	 * time namespace carries them across moves); interrupted by a move,
	 * it is made again, to the same end, wherever the process goes. A
	 * relative one goes home: its restart block holds an end on the
	 * clock of the node it slept on. CPU-time clocks are home's.
	 */
	if (decide_cpuclock(a) == HPC_SC_FORWARD)
		return HPC_SC_FORWARD;
	return a[1] & TIMER_ABSTIME ? HPC_SC_LOCAL : HPC_SC_FORWARD;
}

static int decide_restart(const unsigned long *a)
{
	/* A call interrupted here restarts here, one from home at home. */
	return current->restart_block.fn == hpc_restart_home ?
	       HPC_SC_FORWARD : HPC_SC_LOCAL;
}

#define SC(call, cls) \
	[__NR_##call] = { .name = #call, .class = HPC_SC_##cls }
#define SC_REFUSE(call, e) \
	[__NR_##call] = { .name = #call, .class = HPC_SC_REFUSE, .err = e }
/* Forwarded, touching @len bytes (argument, or size) at argument @b. */
#define SC_MEM(call, b, l) \
	[__NR_##call] = { .name = #call, .class = HPC_SC_FORWARD, \
			  .buf = (b) + 1, .len = (l) + 1 }
#define SC_MEMSZ(call, b, sz) \
	[__NR_##call] = { .name = #call, .class = HPC_SC_FORWARD, \
			  .buf = (b) + 1, .size = (sz) }
#define SC_DECIDE(call, fn) \
	[__NR_##call] = { .name = #call, .class = HPC_SC_DECIDE, .decide = fn }

const struct hpc_sc_def hpc_sc_table[NR_syscalls] = {
	SC_MEM(read, 1, 2),
	SC_MEM(write, 1, 2),
	SC(open, FORWARD),
	SC(close, FORWARD),
	SC(stat, FORWARD),
	SC_MEMSZ(fstat, 1, sizeof(struct stat)),
	SC(lstat, FORWARD),
	SC(poll, FORWARD),
	SC(lseek, FORWARD),
	SC_DECIDE(mmap, decide_mmap),
	SC(mprotect, LOCAL),
	SC(munmap, LOCAL),
	SC(brk, LOCAL),
	SC(rt_sigaction, BOTH),
	SC(rt_sigprocmask, LOCAL),
	SC(rt_sigreturn, LOCAL),
	SC(ioctl, FORWARD),
	SC_MEM(pread64, 1, 2),
	SC_MEM(pwrite64, 1, 2),
	SC(readv, FORWARD),
	SC(writev, FORWARD),
	SC(access, FORWARD),
	SC(pipe, FORWARD),
	SC(select, FORWARD),
	SC(sched_yield, LOCAL),
	SC(mremap, LOCAL),
	SC(msync, LOCAL),
	SC(mincore, LOCAL),
	SC(madvise, LOCAL),
	SC(shmget, FORWARD),
	SC(shmat, HOME),
	SC(shmctl, FORWARD),
	SC(dup, FORWARD),
	SC(dup2, FORWARD),
	SC(pause, LOCAL),
	SC(nanosleep, FORWARD),
	SC(getitimer, FORWARD),
	SC(alarm, FORWARD),
	SC(setitimer, FORWARD),
	SC(getpid, LOCAL),
	SC(sendfile, FORWARD),
	SC(socket, FORWARD),
	SC(connect, FORWARD),
	SC(accept, FORWARD),
	SC_MEM(sendto, 1, 2),
	SC_MEM(recvfrom, 1, 2),
	SC(sendmsg, FORWARD),
	SC(recvmsg, FORWARD),
	SC(shutdown, FORWARD),
	SC(bind, FORWARD),
	SC(listen, FORWARD),
	SC(getsockname, FORWARD),
	SC(getpeername, FORWARD),
	SC(socketpair, FORWARD),
	SC(setsockopt, FORWARD),
	SC(getsockopt, FORWARD),
	SC(clone, HOME),
	SC(fork, HOME),
	SC(vfork, HOME),
	SC(execve, HOME),
	SC(exit, LOCAL),
	SC(wait4, FORWARD),
	SC(kill, FORWARD),
	SC(uname, FORWARD),
	SC(semget, FORWARD),
	SC(semop, FORWARD),
	SC(semctl, FORWARD),
	SC(shmdt, LOCAL),
	SC(msgget, FORWARD),
	SC(msgsnd, FORWARD),
	SC(msgrcv, FORWARD),
	SC(msgctl, FORWARD),
	SC(fcntl, FORWARD),
	SC(flock, FORWARD),
	SC(fsync, FORWARD),
	SC(fdatasync, FORWARD),
	SC(truncate, FORWARD),
	SC(ftruncate, FORWARD),
	SC(getdents, FORWARD),
	SC_MEM(getcwd, 0, 1),
	SC(chdir, FORWARD),
	SC(fchdir, FORWARD),
	SC(rename, FORWARD),
	SC(mkdir, FORWARD),
	SC(rmdir, FORWARD),
	SC(creat, FORWARD),
	SC(link, FORWARD),
	SC(unlink, FORWARD),
	SC(symlink, FORWARD),
	SC(readlink, FORWARD),
	SC(chmod, FORWARD),
	SC(fchmod, FORWARD),
	SC(chown, FORWARD),
	SC(fchown, FORWARD),
	SC(lchown, FORWARD),
	SC(umask, FORWARD),
	SC(gettimeofday, LOCAL),
	SC(getrlimit, LOCAL),
	SC(getrusage, FORWARD),
	SC(sysinfo, FORWARD),
	SC(times, FORWARD),
	SC(ptrace, HOME),
	SC(getuid, LOCAL),
	SC(syslog, FORWARD),
	SC(getgid, LOCAL),
	SC(setuid, BOTH),
	SC(setgid, BOTH),
	SC(geteuid, LOCAL),
	SC(getegid, LOCAL),
	SC(setpgid, FORWARD),
	SC(getppid, FORWARD),
	SC(getpgrp, FORWARD),
	SC(setsid, FORWARD),
	SC(setreuid, BOTH),
	SC(setregid, BOTH),
	SC(getgroups, LOCAL),
	SC(setgroups, BOTH),
	SC(setresuid, BOTH),
	SC(getresuid, LOCAL),
	SC(setresgid, BOTH),
	SC(getresgid, LOCAL),
	SC(getpgid, FORWARD),
	SC(setfsuid, BOTH),
	SC(setfsgid, BOTH),
	SC(getsid, FORWARD),
	SC(capget, FORWARD),
	SC(capset, BOTH),
	SC(rt_sigpending, LOCAL),
	SC(rt_sigtimedwait, LOCAL),
	SC(rt_sigqueueinfo, FORWARD),
	SC(rt_sigsuspend, LOCAL),
	SC(sigaltstack, LOCAL),
	SC(utime, FORWARD),
	SC(mknod, FORWARD),
	SC(uselib, LOCAL),
	SC(personality, LOCAL),
	SC(ustat, FORWARD),
	SC(statfs, FORWARD),
	SC(fstatfs, FORWARD),
	SC(sysfs, FORWARD),
	SC_DECIDE(getpriority, decide_prio),
	SC_DECIDE(setpriority, decide_prio),
	SC_DECIDE(sched_setparam, decide_pid0),
	SC_DECIDE(sched_getparam, decide_pid0),
	SC_DECIDE(sched_setscheduler, decide_pid0),
	SC_DECIDE(sched_getscheduler, decide_pid0),
	SC(sched_get_priority_max, LOCAL),
	SC(sched_get_priority_min, LOCAL),
	SC_DECIDE(sched_rr_get_interval, decide_pid0),
	SC(mlock, LOCAL),
	SC(munlock, LOCAL),
	SC(mlockall, LOCAL),
	SC(munlockall, LOCAL),
	SC(vhangup, FORWARD),
	SC(modify_ldt, HOME),
	SC(pivot_root, FORWARD),
	SC(_sysctl, LOCAL),
	SC(prctl, LOCAL),
	SC(arch_prctl, LOCAL),
	SC(adjtimex, FORWARD),
	SC(setrlimit, BOTH),
	SC(chroot, FORWARD),
	SC(sync, FORWARD),
	SC(acct, FORWARD),
	SC(settimeofday, FORWARD),
	SC(mount, FORWARD),
	SC(umount2, FORWARD),
	SC(swapon, FORWARD),
	SC(swapoff, FORWARD),
	SC(reboot, FORWARD),
	SC(sethostname, FORWARD),
	SC(setdomainname, FORWARD),
	SC(iopl, HOME),
	SC(ioperm, HOME),
	SC(create_module, LOCAL),
	SC(init_module, FORWARD),
	SC(delete_module, FORWARD),
	SC(get_kernel_syms, LOCAL),
	SC(query_module, LOCAL),
	SC(quotactl, FORWARD),
	SC(nfsservctl, LOCAL),
	SC(getpmsg, LOCAL),
	SC(putpmsg, LOCAL),
	SC(afs_syscall, LOCAL),
	SC(tuxcall, LOCAL),
	SC(security, LOCAL),
	SC(gettid, LOCAL),
	SC(readahead, FORWARD),
	SC(setxattr, FORWARD),
	SC(lsetxattr, FORWARD),
	SC(fsetxattr, FORWARD),
	SC(getxattr, FORWARD),
	SC(lgetxattr, FORWARD),
	SC(fgetxattr, FORWARD),
	SC(listxattr, FORWARD),
	SC(llistxattr, FORWARD),
	SC(flistxattr, FORWARD),
	SC(removexattr, FORWARD),
	SC(lremovexattr, FORWARD),
	SC(fremovexattr, FORWARD),
	SC(tkill, FORWARD),
	SC(time, LOCAL),
	SC(futex, LOCAL),
	SC_DECIDE(sched_setaffinity, decide_pid0),
	SC_DECIDE(sched_getaffinity, decide_pid0),
	SC(set_thread_area, HOME),
	SC(io_setup, HOME),
	SC(io_destroy, HOME),
	SC(io_getevents, HOME),
	SC(io_submit, HOME),
	SC(io_cancel, HOME),
	SC(get_thread_area, HOME),
	SC(lookup_dcookie, LOCAL),
	SC(epoll_create, FORWARD),
	SC(epoll_ctl_old, LOCAL),
	SC(epoll_wait_old, LOCAL),
	SC(remap_file_pages, LOCAL),
	SC_MEM(getdents64, 1, 2),
	SC(set_tid_address, LOCAL),
	SC_DECIDE(restart_syscall, decide_restart),
	SC(semtimedop, FORWARD),
	SC(fadvise64, FORWARD),
	SC(timer_create, FORWARD),
	SC(timer_settime, FORWARD),
	SC(timer_gettime, FORWARD),
	SC(timer_getoverrun, FORWARD),
	SC(timer_delete, FORWARD),
	SC(clock_settime, FORWARD),
	SC_DECIDE(clock_gettime, decide_cpuclock),
	SC(clock_getres, LOCAL),
	SC_DECIDE(clock_nanosleep, decide_nsleep),
	SC(exit_group, LOCAL),
	SC(epoll_wait, FORWARD),
	SC(epoll_ctl, FORWARD),
	SC(tgkill, FORWARD),
	SC(utimes, FORWARD),
	SC(vserver, LOCAL),
	SC(mbind, LOCAL),
	SC(set_mempolicy, LOCAL),
	SC(get_mempolicy, LOCAL),
	SC(mq_open, FORWARD),
	SC(mq_unlink, FORWARD),
	SC(mq_timedsend, FORWARD),
	SC(mq_timedreceive, FORWARD),
	SC(mq_notify, FORWARD),
	SC(mq_getsetattr, FORWARD),
	SC(kexec_load, FORWARD),
	SC(waitid, FORWARD),
	SC(add_key, FORWARD),
	SC(request_key, FORWARD),
	SC(keyctl, FORWARD),
	SC(ioprio_set, FORWARD),
	SC(ioprio_get, FORWARD),
	SC(inotify_init, FORWARD),
	SC(inotify_add_watch, FORWARD),
	SC(inotify_rm_watch, FORWARD),
	SC_DECIDE(migrate_pages, decide_pid0),
	SC(openat, FORWARD),
	SC(mkdirat, FORWARD),
	SC(mknodat, FORWARD),
	SC(fchownat, FORWARD),
	SC(futimesat, FORWARD),
	SC_MEMSZ(newfstatat, 2, sizeof(struct stat)),
	SC(unlinkat, FORWARD),
	SC(renameat, FORWARD),
	SC(linkat, FORWARD),
	SC(symlinkat, FORWARD),
	SC(readlinkat, FORWARD),
	SC(fchmodat, FORWARD),
	SC(faccessat, FORWARD),
	SC(pselect6, FORWARD),
	SC(ppoll, FORWARD),
	SC(unshare, HOME),
	SC(set_robust_list, LOCAL),
	SC(get_robust_list, LOCAL),
	SC(splice, FORWARD),
	SC(tee, FORWARD),
	SC(sync_file_range, FORWARD),
	SC(vmsplice, HOME),
	SC_DECIDE(move_pages, decide_pid0),
	SC(utimensat, FORWARD),
	SC(epoll_pwait, FORWARD),
	SC(signalfd, FORWARD),
	SC(timerfd_create, FORWARD),
	SC(eventfd, FORWARD),
	SC(fallocate, FORWARD),
	SC(timerfd_settime, FORWARD),
	SC(timerfd_gettime, FORWARD),
	SC(accept4, FORWARD),
	SC(signalfd4, FORWARD),
	SC(eventfd2, FORWARD),
	SC(epoll_create1, FORWARD),
	SC(dup3, FORWARD),
	SC(pipe2, FORWARD),
	SC(inotify_init1, FORWARD),
	SC(preadv, FORWARD),
	SC(pwritev, FORWARD),
	SC(rt_tgsigqueueinfo, FORWARD),
	SC(perf_event_open, HOME),
	SC(recvmmsg, FORWARD),
	SC(fanotify_init, FORWARD),
	SC(fanotify_mark, FORWARD),
	SC_DECIDE(prlimit64, decide_prlimit),
	SC(name_to_handle_at, FORWARD),
	SC(open_by_handle_at, FORWARD),
	SC(clock_adjtime, FORWARD),
	SC(syncfs, FORWARD),
	SC(sendmmsg, FORWARD),
	SC(setns, HOME),
	SC(getcpu, LOCAL),
	SC(process_vm_readv, FORWARD),
	SC(process_vm_writev, FORWARD),
	SC(kcmp, FORWARD),
	SC(finit_module, FORWARD),
	SC_DECIDE(sched_setattr, decide_pid0),
	SC_DECIDE(sched_getattr, decide_pid0),
	SC(renameat2, FORWARD),
	SC(seccomp, HOME),
	SC(getrandom, LOCAL),
	SC(memfd_create, FORWARD),
	SC(kexec_file_load, FORWARD),
	SC(bpf, FORWARD),
	SC(execveat, HOME),
	SC(userfaultfd, HOME),
	SC(membarrier, LOCAL),
	SC(mlock2, LOCAL),
	SC(copy_file_range, FORWARD),
	SC(preadv2, FORWARD),
	SC(pwritev2, FORWARD),
	SC(pkey_mprotect, LOCAL),
	SC(pkey_alloc, LOCAL),
	SC(pkey_free, LOCAL),
	SC(statx, FORWARD),
	SC(io_pgetevents, HOME),
	SC(rseq, LOCAL),
	SC(uretprobe, LOCAL),
	SC(pidfd_send_signal, FORWARD),
	SC(io_uring_setup, HOME),
	SC(io_uring_enter, HOME),
	SC(io_uring_register, HOME),
	SC(open_tree, FORWARD),
	SC(move_mount, FORWARD),
	SC(fsopen, FORWARD),
	SC(fsconfig, FORWARD),
	SC(fsmount, FORWARD),
	SC(fspick, FORWARD),
	SC(pidfd_open, FORWARD),
	SC(clone3, HOME),
	SC(close_range, FORWARD),
	SC(openat2, FORWARD),
	SC(pidfd_getfd, FORWARD),
	SC(faccessat2, FORWARD),
	SC(process_madvise, FORWARD),
	SC(epoll_pwait2, FORWARD),
	SC(mount_setattr, FORWARD),
	SC(quotactl_fd, FORWARD),
	SC(landlock_create_ruleset, FORWARD),
	SC(landlock_add_rule, FORWARD),
	SC(landlock_restrict_self, BOTH),
	SC(memfd_secret, HOME),
	SC(process_mrelease, FORWARD),
	SC(futex_waitv, LOCAL),
	SC(set_mempolicy_home_node, LOCAL),
	SC(cachestat, FORWARD),
	SC(fchmodat2, FORWARD),
	SC(map_shadow_stack, LOCAL),
	SC(futex_wake, LOCAL),
	SC(futex_wait, LOCAL),
	SC(futex_requeue, LOCAL),
	SC(statmount, FORWARD),
	SC(listmount, FORWARD),
	SC(lsm_get_self_attr, FORWARD),
	SC(lsm_set_self_attr, FORWARD),
	SC(lsm_list_modules, FORWARD),
	SC(mseal, LOCAL),
};

const unsigned int hpc_sc_count = ARRAY_SIZE(hpc_sc_table);

/**
 * hpc_sc_class() - what system call @nr with @args does away from home
 * @nr: the call
 * @args: its six arguments
 *
 * Return: an enum hpc_sc_class other than HPC_SC_DECIDE.
 */
int hpc_sc_class(unsigned int nr, const unsigned long *args)
{
	const struct hpc_sc_def *d;

	if (nr >= hpc_sc_count)
		return HPC_SC_NONE;
	d = &hpc_sc_table[nr];
	if (d->class == HPC_SC_DECIDE)
		return d->decide(args);
	return d->class;
}

/* The deputy runs only what the table may send home. */
bool hpc_sc_home_ok(unsigned int nr)
{
	if (nr >= hpc_sc_count)
		return false;
	switch (hpc_sc_table[nr].class) {
	case HPC_SC_FORWARD:
	case HPC_SC_BOTH:
	case HPC_SC_DECIDE:
		return true;
	}
	return false;
}
