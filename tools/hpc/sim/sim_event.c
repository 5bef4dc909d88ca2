// SPDX-License-Identifier: GPL-2.0
/*
 * hpcsim: the event queue, a binary min-heap on (time, order of
 * scheduling), so that a run is the same for the same seed; and the
 * random numbers (xoshiro256**), one stream for the whole simulation.
 */
#include <stdlib.h>
#include "sim.h"

static struct sim_event *heap;
static u32 heap_n, heap_cap;
static u64 heap_seq;

static bool before(const struct sim_event *a, const struct sim_event *b)
{
	return a->t < b->t || (a->t == b->t && a->seq < b->seq);
}

static void swap_ev(u32 i, u32 j)
{
	struct sim_event t = heap[i];

	heap[i] = heap[j];
	heap[j] = t;
}

void ev_push(u64 t, u32 type, u32 a, u32 b)
{
	u32 i;

	GROW(heap, heap_n, heap_cap);
	i = heap_n++;
	heap[i] = (struct sim_event){ .t = t, .seq = heap_seq++,
				      .type = type, .a = a, .b = b };
	while (i && before(&heap[i], &heap[(i - 1) / 2])) {
		swap_ev(i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

bool ev_pop(struct sim_event *e)
{
	u32 i = 0;

	if (!heap_n)
		return false;
	*e = heap[0];
	heap[0] = heap[--heap_n];
	for (;;) {
		u32 l = 2 * i + 1, r = l + 1, m = i;

		if (l < heap_n && before(&heap[l], &heap[m]))
			m = l;
		if (r < heap_n && before(&heap[r], &heap[m]))
			m = r;
		if (m == i)
			break;
		swap_ev(i, m);
		i = m;
	}
	return true;
}

void ev_free_all(void)
{
	free(heap);
	heap = NULL;
	heap_n = heap_cap = 0;
	heap_seq = 0;
}

static u64 rotl(u64 x, int k)
{
	return (x << k) | (x >> (64 - k));
}

u64 rng_next(void)
{
	u64 *s = S->rng;
	u64 r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return r;
}

/* get_random_u32() */
u32 rng_u32(void)
{
	return rng_next() >> 32;
}

/* uniform in [0, 1) */
double rng_unit(void)
{
	return (rng_next() >> 11) * (1.0 / 9007199254740992.0);
}

void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size);
	if (!p) {
		fprintf(stderr, "hpcsim: out of memory\n");
		exit(2);
	}
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (!p) {
		fprintf(stderr, "hpcsim: out of memory\n");
		exit(2);
	}
	return p;
}
