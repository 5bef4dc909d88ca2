/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openMosix: the environment of the pure-logic files.
 *
 * The files that hold decisions and encodings (map.c, smooth.c, wire.c)
 * include only this header, so that the same source builds in the kernel,
 * in KUnit and in the userspace tools and simulator.
 */
#ifndef _HPC_PURE_H
#define _HPC_PURE_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <asm/byteorder.h>
#else
#include <stddef.h>
#include <stdbool.h>
#include <string.h>
#include <errno.h>
#include <endian.h>
#include <stdio.h>

#include <linux/types.h>	/* the UAPI fixed-size types */

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s32 s32;
typedef __s64 s64;

#define cpu_to_be16(x)	htobe16(x)
#define cpu_to_be32(x)	htobe32(x)
#define cpu_to_be64(x)	htobe64(x)
#define be16_to_cpu(x)	be16toh(x)
#define be32_to_cpu(x)	be32toh(x)
#define be64_to_cpu(x)	be64toh(x)
#ifndef min
#define min(a, b)	({ __auto_type _a = (a); __auto_type _b = (b); \
			   _a < _b ? _a : _b; })
#define max(a, b)	({ __auto_type _a = (a); __auto_type _b = (b); \
			   _a > _b ? _a : _b; })
#endif
#ifndef U32_MAX
#define U32_MAX		((u32)~0U)
#endif
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif
#endif

#endif /* _HPC_PURE_H */
