// SPDX-License-Identifier: GPL-2.0
/* Helpers shared by the openMosix tools. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "hpclib.h"

const char *prog = "hpc";

void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* The whole of a file ("-": standard input), NUL-terminated. */
char *read_all(const char *path, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap + 1);
	int fd = strcmp(path, "-") ? open(path, O_RDONLY) : 0;
	ssize_t r;

	if (!buf || fd < 0) {
		free(buf);
		return NULL;
	}
	while ((r = read(fd, buf + n, cap - n)) > 0) {
		n += r;
		if (n == cap) {
			char *nb = realloc(buf, 2 * cap + 1);

			if (!nb) {
				free(buf);
				return NULL;
			}
			buf = nb;
			cap *= 2;
		}
	}
	if (fd)
		close(fd);
	if (r < 0) {
		free(buf);
		return NULL;
	}
	buf[n] = 0;
	*len = n;
	return buf;
}

/* One write(2) of the whole buffer: the /proc/hpc files take no parts. */
int write_all_once(const char *path, const char *buf, size_t len)
{
	int fd = open(path, O_WRONLY);
	ssize_t r;

	if (fd < 0)
		return -errno;
	r = write(fd, buf, len);
	if (r < 0)
		r = -errno;
	close(fd);
	if (r >= 0 && (size_t)r != len)
		return -EIO;
	return r < 0 ? (int)r : 0;
}

int read_proc_uint(const char *path, unsigned int *val)
{
	char buf[64];
	int fd = open(path, O_RDONLY);
	ssize_t r;

	if (fd < 0)
		return -errno;
	r = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (r <= 0)
		return -EIO;
	buf[r] = 0;
	*val = strtoul(buf, NULL, 10);
	return 0;
}

static void __attribute__((noreturn)) bad_value(const char *what, const char *s)
{
	fprintf(stderr, "%s: bad %s '%s'\n", prog, what, s);
	exit(2);
}

/* -d SECONDS: more than 0, at most an hour, fractions too. */
double opt_seconds(const char *s)
{
	char *end;
	double d = strtod(s, &end);

	if (*end || end == s || !(d > 0 && d <= 3600))
		bad_value("delay", s);
	return d;
}

/* -n COUNT: a positive whole number. */
unsigned long opt_count(const char *s)
{
	char *end;
	unsigned long n = strtoul(s, &end, 10);

	if (*end || end == s || !n || s[0] == '-')
		bad_value("frame count", s);
	return n;
}

/* getopt() gave ':' (a value missing) or '?' (an unknown option). */
void opt_complain(int c)
{
	if (c == ':')
		fprintf(stderr, "%s: -%c needs a value\n", prog, optopt);
	else
		fprintf(stderr, "%s: unknown option -%c\n", prog, optopt);
}
