// SPDX-License-Identifier: GPL-2.0
/*
 * The terminal of the live tools: keys read one by one without echo,
 * SIGWINCH noted (term_resized), SIGINT, SIGTERM and SIGHUP turned into
 * term_quit so that the terminal is always given back as it was.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include "term.h"

volatile sig_atomic_t term_resized, term_quit;
static int raw;			/* standard input in raw mode */
static struct termios saved;
static const char *leave_seq;

static void restore(void)
{
	if (raw)
		tcsetattr(0, TCSAFLUSH, &saved);
	fputs(leave_seq, stdout);
	fflush(stdout);
}

static void on_signal(int sig)
{
	if (sig == SIGWINCH)
		term_resized = 1;
	else
		term_quit = 1;
}

/* Take the terminal: write @enter now, @leave (kept) at exit. */
void term_setup(const char *enter, const char *leave)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct termios t;

	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGWINCH, &sa, NULL);
	if (isatty(0) && !tcgetattr(0, &saved)) {
		t = saved;
		t.c_lflag &= ~(ICANON | ECHO);
		t.c_cc[VMIN] = 0;
		t.c_cc[VTIME] = 0;
		t.c_cc[VSUSP] = _POSIX_VDISABLE;	/* no ^Z: we'd stop raw */
		raw = !tcsetattr(0, TCSANOW, &t);
	}
	leave_seq = leave;
	atexit(restore);
	fputs(enter, stdout);
}

/* The size of the terminal on standard output: 0, or -1 if unknown. */
int term_size(int *rows, int *cols)
{
	struct winsize ws;

	if (ioctl(1, TIOCGWINSZ, &ws) || !ws.ws_row || !ws.ws_col)
		return -1;
	*rows = ws.ws_row;
	*cols = ws.ws_col;
	return 0;
}

/*
 * Wait up to @seconds for keys; returns how many were read into @buf,
 * 0 when the time ran out or a signal came first.
 */
int term_keys(char *buf, int len, double seconds)
{
	struct pollfd pfd = { .fd = 0, .events = POLLIN };
	int r = poll(&pfd, raw, seconds * 1000 + 0.5);

	if (r <= 0 || !(pfd.revents & POLLIN))
		return 0;
	r = read(0, buf, len);
	return r > 0 ? r : 0;
}
