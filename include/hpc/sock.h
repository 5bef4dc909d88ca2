/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openMosix: the hook in sock_rcvtimeo() and sock_sndtimeo(). A socket
 * call woken by a move fails with EINTR when its socket has a timeout
 * (SO_RCVTIMEO, SO_SNDTIMEO), and is made again where the process goes:
 * made again, it waits only for the time its first wait had left
 * (hpc/timed.c). A socket without a timeout costs one compare.
 */
#ifndef _HPC_SOCK_H
#define _HPC_SOCK_H

#include <linux/sched.h>

#ifdef CONFIG_HPC
long hpc_sock_timeo(long timeo);

static inline long hpc_sock_timeo_hook(long timeo)
{
	if (unlikely(timeo != MAX_SCHEDULE_TIMEOUT))
		return hpc_sock_timeo(timeo);
	return timeo;
}
#else
static inline long hpc_sock_timeo_hook(long timeo)
{
	return timeo;
}
#endif

#endif /* _HPC_SOCK_H */
