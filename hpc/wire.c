// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: encoding and checking of messages between nodes.
 *
 * Pure logic: byte layouts and the checks made on everything read from
 * the network before it is believed. The MAC itself is computed by the
 * caller (comm.c, with the kernel crypto API); this file only compares.
 */
#include <hpc/wire.h>

static void put16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void put32(u8 *p, u32 v)
{
	put16(p, v >> 16);
	put16(p + 2, v);
}

static void put64(u8 *p, u64 v)
{
	put32(p, v >> 32);
	put32(p + 4, v);
}

static u16 get16(const u8 *p)
{
	return (u16)p[0] << 8 | p[1];
}

static u32 get32(const u8 *p)
{
	return (u32)get16(p) << 16 | get16(p + 2);
}

static u64 get64(const u8 *p)
{
	return (u64)get32(p) << 32 | get32(p + 4);
}

/**
 * hpc_hdr_encode() - lay out a frame header
 * @buf: HPC_HDR_SIZE bytes
 * @type: enum hpc_msg_type
 * @len: payload length
 * @seq: the frame's sequence number in its direction
 */
void hpc_hdr_encode(u8 *buf, u8 type, u32 len, u64 seq)
{
	put32(buf, HPC_MAGIC);
	buf[4] = HPC_PROTO_VERSION;
	buf[5] = type;
	put16(buf + 6, 0);
	put32(buf + 8, len);
	put64(buf + 12, seq);
}

/**
 * hpc_hdr_decode() - read and check a frame header
 * @buf: HPC_HDR_SIZE bytes from the wire
 * @hdr: the decoded header
 * @expect_seq: the sequence number the next frame must carry
 *
 * Return: HPC_WIRE_OK or the first problem found.
 */
int hpc_hdr_decode(const u8 *buf, struct hpc_hdr *hdr, u64 expect_seq)
{
	hdr->magic = get32(buf);
	hdr->version = buf[4];
	hdr->type = buf[5];
	hdr->flags = get16(buf + 6);
	hdr->len = get32(buf + 8);
	hdr->seq = get64(buf + 12);
	if (hdr->magic != HPC_MAGIC)
		return HPC_WIRE_MAGIC;
	if (hdr->version != HPC_PROTO_VERSION)
		return HPC_WIRE_VERSION;
	if (hdr->type != HPC_MSG_LOAD && hdr->type != HPC_MSG_PROC)
		return HPC_WIRE_TYPE;
	if (hdr->len > HPC_MAX_PAYLOAD || hdr->flags)
		return HPC_WIRE_LENGTH;
	if (hdr->seq != expect_seq)
		return HPC_WIRE_SEQ;
	return HPC_WIRE_OK;
}

/** hpc_hello_encode() - lay out a handshake message in HPC_HELLO_SIZE bytes */
void hpc_hello_encode(u8 *buf, const struct hpc_hello *h)
{
	put32(buf, HPC_MAGIC);
	buf[4] = HPC_PROTO_VERSION;
	buf[5] = h->type;
	put16(buf + 6, h->from);
	put16(buf + 8, h->to);
	put16(buf + 10, 0);
	memcpy(buf + 12, h->nonce, HPC_WIRE_NONCE_SIZE);
	memcpy(buf + 12 + HPC_WIRE_NONCE_SIZE, h->mac, HPC_WIRE_MAC_SIZE);
}

/**
 * hpc_hello_decode() - read and check a handshake message
 * @buf: HPC_HELLO_SIZE bytes from the wire
 * @h: the decoded message
 * @type: the type expected at this step
 *
 * Return: HPC_WIRE_OK or the first problem found. The version is checked
 * after the magic, so that a peer of another version is told apart.
 */
int hpc_hello_decode(const u8 *buf, struct hpc_hello *h, u8 type)
{
	h->magic = get32(buf);
	h->version = buf[4];
	h->type = buf[5];
	h->from = get16(buf + 6);
	h->to = get16(buf + 8);
	h->reserved = get16(buf + 10);
	memcpy(h->nonce, buf + 12, HPC_WIRE_NONCE_SIZE);
	memcpy(h->mac, buf + 12 + HPC_WIRE_NONCE_SIZE, HPC_WIRE_MAC_SIZE);
	if (h->magic != HPC_MAGIC)
		return HPC_WIRE_MAGIC;
	if (h->version != HPC_PROTO_VERSION)
		return HPC_WIRE_VERSION;
	if (h->type != type)
		return HPC_WIRE_TYPE;
	if (!h->from || !h->to || h->reserved)
		return HPC_WIRE_VALUE;
	return HPC_WIRE_OK;
}

/** hpc_load_encode() - lay out a load vector in HPC_LOAD_VEC_SIZE bytes */
void hpc_load_encode(u8 *buf, const struct hpc_load_vec *v)
{
	put16(buf, v->node);
	put16(buf + 2, v->cpus);
	put32(buf + 4, v->load);
	put32(buf + 8, v->speed);
	put32(buf + 12, v->util);
	put32(buf + 16, v->status);
	put64(buf + 20, v->mem);
	put64(buf + 28, v->rmem);
	put64(buf + 36, v->tmem);
	put32(buf + 44, v->age_ms);
	put32(buf + 48, v->served_ms);
}

/**
 * hpc_load_decode() - read and check one load vector
 * @buf: HPC_LOAD_VEC_SIZE bytes of a LOAD payload
 * @len: the bytes left in the payload from @buf
 * @v: the decoded vector
 *
 * Return: HPC_WIRE_OK, or HPC_WIRE_LENGTH / HPC_WIRE_VALUE for a payload
 * that no node could have sent.
 */
int hpc_load_decode(const u8 *buf, u32 len, struct hpc_load_vec *v)
{
	if (len < HPC_LOAD_VEC_SIZE)
		return HPC_WIRE_LENGTH;
	v->node = get16(buf);
	v->cpus = get16(buf + 2);
	v->load = get32(buf + 4);
	v->speed = get32(buf + 8);
	v->util = get32(buf + 12);
	v->status = get32(buf + 16);
	v->mem = get64(buf + 20);
	v->rmem = get64(buf + 28);
	v->tmem = get64(buf + 36);
	v->age_ms = get32(buf + 44);
	v->served_ms = get32(buf + 48);
	if (!v->node || !v->cpus || !v->speed || v->speed > 1000000 ||
	    v->util > 1000 || v->mem > v->tmem || v->rmem > v->tmem ||
	    v->age_ms > HPC_MAX_AGE_MS)
		return HPC_WIRE_VALUE;
	return HPC_WIRE_OK;
}

/** hpc_mac_equal() - compare two MACs in constant time */
bool hpc_mac_equal(const u8 *a, const u8 *b)
{
	u8 d = 0;
	int i;

	for (i = 0; i < HPC_WIRE_MAC_SIZE; i++)
		d |= a[i] ^ b[i];
	return !d;
}

static const char * const wire_errors[] = {
	[HPC_WIRE_OK]		= "no error",
	[HPC_WIRE_MAGIC]	= "not an openMosix message",
	[HPC_WIRE_VERSION]	= "another protocol version",
	[HPC_WIRE_TYPE]		= "unexpected message type",
	[HPC_WIRE_LENGTH]	= "bad length",
	[HPC_WIRE_SEQ]		= "replayed or reordered message",
	[HPC_WIRE_MAC]		= "bad MAC: forged, corrupted or another key",
	[HPC_WIRE_VALUE]	= "field out of range",
};

/** hpc_wire_strerror() - what an enum hpc_wire_err means */
const char *hpc_wire_strerror(int err)
{
	if (err < 0 || err >= (int)ARRAY_SIZE(wire_errors))
		return "unknown error";
	return wire_errors[err];
}
