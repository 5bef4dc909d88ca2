/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openMosix: what crosses the wire between nodes.
 *
 * A link starts with a handshake of three fixed-size messages in which
 * both ends prove they hold the cluster key (HMAC-SHA256 over both
 * nonces) and derive a key for each direction. After it, every message
 * is a frame:
 *
 *	struct hpc_hdr		20 bytes, big-endian fields
 *	payload			hdr.len bytes, at most HPC_MAX_PAYLOAD
 *	tag			Poly1305(one-time key, hdr || payload),
 *				16 bytes; the one-time key is
 *				BLAKE2s(link key of the direction, hdr.seq)
 *
 * hdr.seq counts the frames of one direction of one link from 1; a frame
 * whose seq is not the next one is a replay or a reordering, and ends
 * the link, as does a bad MAC, a bad header or a short read.
 */
#ifndef _HPC_WIRE_H
#define _HPC_WIRE_H

#include <hpc/pure.h>

#define HPC_PORT		7223		/* TCP, every node */
#define HPC_MAGIC		0x6f4d7378u	/* "oMsx" */
#define HPC_PROTO_VERSION	3
#define HPC_MAX_PAYLOAD		(256 * 1024)
#define HPC_WIRE_MAC_SIZE	32		/* handshake */
#define HPC_WIRE_TAG_SIZE	16		/* frame */
#define HPC_WIRE_NONCE_SIZE	32

/*
 * Frame types are chosen two bits apart, so that no single flipped bit
 * turns one into another (the header check refuses it before the MAC).
 */
enum hpc_msg_type {
	/* handshake */
	HPC_MSG_HELLO		= 1,	/* initiator: who I am, nonce */
	HPC_MSG_CHALLENGE	= 2,	/* acceptor: nonce, proof of the key */
	HPC_MSG_PROOF		= 3,	/* initiator: proof of the key */
	/* frames */
	HPC_MSG_LOAD		= 16,	/* struct hpc_load_vec */
	HPC_MSG_PROC		= 19,	/* a process's channel: hpc/mig.h */
	HPC_MSG_MAX
};

#define HPC_HDR_SIZE		20

struct hpc_hdr {
	u32 magic;
	u8 version;
	u8 type;
	u16 flags;
	u32 len;
	u64 seq;
};

/* HELLO, CHALLENGE and PROOF, all HPC_HELLO_SIZE bytes on the wire. */
#define HPC_HELLO_SIZE		(12 + HPC_WIRE_NONCE_SIZE + HPC_WIRE_MAC_SIZE)

struct hpc_hello {
	u32 magic;
	u8 version;
	u8 type;
	u16 from;		/* node number of the sender */
	u16 to;			/* node number it means to reach */
	u16 reserved;
	u8 nonce[HPC_WIRE_NONCE_SIZE];
	u8 mac[HPC_WIRE_MAC_SIZE];	/* CHALLENGE, PROOF */
};

/*
 * A node's load vector, as the info daemon sends it. A LOAD message holds
 * 1..HPC_INFO_WINDOW of them: the sender's own first (age 0), then the
 * newest it knows of others, each with the age of that knowledge.
 */
#define HPC_LOAD_VEC_SIZE	52
#define HPC_INFO_WINDOW		8
#define HPC_MAX_AGE_MS		3600000u

struct hpc_load_vec {
	u16 node;
	u16 cpus;
	u32 load;		/* per mille of one reference CPU */
	u32 speed;		/* 10000 = reference */
	u32 util;		/* per mille of capacity unused */
	u32 status;		/* HPC_NODE_* bits as the sender sees itself */
	u64 mem;		/* free bytes, as the balancer counts them */
	u64 rmem;		/* free bytes, as the kernel counts them */
	u64 tmem;		/* total bytes */
	u32 age_ms;		/* how old this knowledge is */
	u32 served_ms;		/* CPU time of its least served busy process,
				 * plus one; 0: none busy
				 */
};

enum hpc_wire_err {
	HPC_WIRE_OK,
	HPC_WIRE_MAGIC,		/* not ours */
	HPC_WIRE_VERSION,	/* another protocol version */
	HPC_WIRE_TYPE,		/* unknown or unexpected type */
	HPC_WIRE_LENGTH,	/* wrong or too large length */
	HPC_WIRE_SEQ,		/* replayed or reordered */
	HPC_WIRE_MAC,		/* forged or corrupted */
	HPC_WIRE_VALUE,		/* a field out of range */
};

void hpc_hdr_encode(u8 *buf, u8 type, u32 len, u64 seq);
int hpc_hdr_decode(const u8 *buf, struct hpc_hdr *hdr, u64 expect_seq);
void hpc_hello_encode(u8 *buf, const struct hpc_hello *h);
int hpc_hello_decode(const u8 *buf, struct hpc_hello *h, u8 type);
void hpc_load_encode(u8 *buf, const struct hpc_load_vec *v);
int hpc_load_decode(const u8 *buf, u32 len, struct hpc_load_vec *v);
bool hpc_mac_equal(const u8 *a, const u8 *b);
const char *hpc_wire_strerror(int err);

#endif /* _HPC_WIRE_H */
