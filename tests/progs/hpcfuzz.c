// SPDX-License-Identifier: GPL-2.0
/*
 * hpcfuzz: throw bad traffic at a node's openMosix port for a while.
 *
 *   hpcfuzz ADDRESS SECONDS [SEED]
 *
 * Without the cluster key it can only attack the handshake and the
 * framing: random bytes, handshakes of another version, truncated ones,
 * a forged proof, replayed hellos, oversized headers, and bursts of
 * connections left hanging. Prints how many of each it sent.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PORT 7223
#define HELLO_SIZE (12 + 32 + 32)
#define PROTO_VERSION 3		/* HPC_PROTO_VERSION: never sent */

static struct sockaddr_in target;
static unsigned int seed;

static unsigned int rnd(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 8;
}

static int dial(void)
{
	struct timeval tv = { 2, 0 };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (connect(fd, (struct sockaddr *)&target, sizeof(target)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static void put16(unsigned char *p, unsigned int v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void hello(unsigned char *b, int version, int type, int from, int to)
{
	unsigned int i;

	b[0] = 'o';
	b[1] = 'M';
	b[2] = 's';
	b[3] = 'x';
	b[4] = version;
	b[5] = type;
	put16(b + 6, from);
	put16(b + 8, to);
	put16(b + 10, 0);
	for (i = 12; i < HELLO_SIZE; i++)
		b[i] = rnd();
}

static void send_quiet(int fd, const void *b, size_t len)
{
	ssize_t r = send(fd, b, len, MSG_NOSIGNAL);

	(void)r;
}

static void drain(int fd)
{
	unsigned char buf[512];
	struct pollfd p = { fd, POLLIN, 0 };

	while (poll(&p, 1, 200) > 0 && recv(fd, buf, sizeof(buf), 0) > 0)
		;
}

int main(int argc, char **argv)
{
	static const char * const names[] = {
		"random", "version", "truncated", "forged-proof", "replayed-hello",
		"oversized", "burst", "wrong-node",
	};
	unsigned long count[8] = { 0 };
	unsigned char b[65536];
	time_t end;
	int fd, kind, i, me, peer;

	if (argc < 3 || inet_pton(AF_INET, argv[1], &target.sin_addr) != 1) {
		fprintf(stderr, "usage: hpcfuzz ADDRESS SECONDS [SEED]\n");
		return 2;
	}
	target.sin_family = AF_INET;
	target.sin_port = htons(PORT);
	end = time(NULL) + atoi(argv[2]);
	seed = argc > 3 ? atoi(argv[3]) : time(NULL);
	peer = ntohl(target.sin_addr.s_addr) & 0xff;
	me = argc > 4 ? atoi(argv[4]) : 3;

	while (time(NULL) < end) {
		kind = rnd() % 8;
		if (kind == 6) {
			int fds[40], n = 0;

			for (i = 0; i < 40; i++)
				if ((fds[n] = dial()) >= 0)
					n++;
			usleep(500000);
			for (i = 0; i < n; i++)
				close(fds[i]);
			count[kind]++;
			continue;
		}
		fd = dial();
		if (fd < 0) {
			usleep(100000);
			continue;
		}
		switch (kind) {
		case 0:
			for (i = 0, kind = 1 + rnd() % sizeof(b); i < kind; i++)
				b[i] = rnd();
			send_quiet(fd, b, kind);
			kind = 0;
			break;
		case 1:
			hello(b, (PROTO_VERSION + 1 + rnd() % 250) % 256, 1, me, peer);
			send_quiet(fd, b, HELLO_SIZE);
			break;
		case 2:
			hello(b, 1, 1, me, peer);
			send_quiet(fd, b, rnd() % HELLO_SIZE);
			break;
		case 3:
			/* A real hello from this node's number: the peer sends
			 * its challenge; the proof is forged.
			 */
			hello(b, 1, 1, me, peer);
			send_quiet(fd, b, HELLO_SIZE);
			recv(fd, b, HELLO_SIZE, MSG_WAITALL);
			hello(b, 1, 3, me, peer);
			send_quiet(fd, b, HELLO_SIZE);
			break;
		case 4:
			hello(b, 1, 1, me, peer);
			send_quiet(fd, b, HELLO_SIZE);
			send_quiet(fd, b, HELLO_SIZE);
			send_quiet(fd, b, HELLO_SIZE);
			break;
		case 5:
			/* A frame header with a huge length, as if past the
			 * handshake, then a flood.
			 */
			memcpy(b, "oMsx\x01\x10\x00\x00\x7f\xff\xff\xff", 12);
			memset(b + 12, 0, 8);
			b[19] = 1;
			send_quiet(fd, b, 20);
			memset(b, 0x41, sizeof(b));
			send_quiet(fd, b, sizeof(b));
			break;
		case 7:
			hello(b, 1, 1, 1 + rnd() % 65535, rnd() % 65536);
			send_quiet(fd, b, HELLO_SIZE);
			break;
		}
		drain(fd);
		close(fd);
		count[kind]++;
	}
	for (i = 0; i < 8; i++)
		printf("%s %lu\n", names[i], count[i]);
	return 0;
}
