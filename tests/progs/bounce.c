// SPDX-License-Identifier: GPL-2.0
/*
 * bounce: a process of a few pages, moved to and fro.
 *
 *   bounce N A B   computes while moving N times, to A, B, A, ... (node
 *                  numbers or "home"), then prints a checksum, and on a
 *                  second line its /proc/self/nmigs: the moves it made
 *
 * Built without a C library (the base tree's nolibc, mk/initramfs.sh):
 * its whole memory is a few pages, so a thousand moves cost what moving
 * a process costs, not the copying of a C library's megabyte each time.
 * migtest pingpong does the same with glibc.
 */

static void say(const char *s)
{
	write(1, s, strlen(s));
}

static void move(const char *to)
{
	int fd = open("/proc/self/goto", O_WRONLY);
	ssize_t n = fd < 0 ? -1 : write(fd, to, strlen(to));

	if (n != (ssize_t)strlen(to)) {
		say("bounce: cannot move to ");
		say(to);
		say("\n");
		exit(100);
	}
	close(fd);
}

/* /proc/self/nmigs as read, without its newline; "?" if unreadable. */
static const char *nmigs(char *buf, int len)
{
	int fd = open("/proc/self/nmigs", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, len - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return "?";
	buf[n] = 0;
	if (buf[n - 1] == '\n')
		buf[n - 1] = 0;
	return buf;
}

int main(int argc, char **argv)
{
	static const char hex[] = "0123456789abcdef";
	unsigned long long h = 1;
	char out[17];
	long n, i, j;

	if (argc != 4) {
		say("usage: bounce N A B\n");
		return 2;
	}
	n = atol(argv[1]);
	for (i = 0; i < n; i++) {
		for (j = 0; j < 20000; j++)
			h = (h ^ (unsigned long long)(i * 20000 + j)) *
			    0x100000001b3ULL;
		move(argv[2 + (i & 1)]);
	}
	for (i = 0; i < 16; i++)
		out[i] = hex[(h >> (60 - 4 * i)) & 15];
	out[16] = 0;
	say("bounce ");
	say(argv[1]);
	say(": ");
	say(out);
	say("\nmoves ");
	say(nmigs(out, sizeof(out)));
	say("\n");
	return 0;
}
