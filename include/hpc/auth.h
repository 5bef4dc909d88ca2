/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openMosix: the cluster key and message authentication: HMAC-SHA256
 * for the handshake, Poly1305 with one-time keys for the frames.
 */
#ifndef _HPC_AUTH_H
#define _HPC_AUTH_H

#include <linux/types.h>
#include <hpc/wire.h>

#define HPC_KEY_SIZE	32
#define HPC_MAC_SIZE	32
#define HPC_NONCE_SIZE	32
#define HPC_TAG_SIZE	HPC_WIRE_TAG_SIZE	/* a frame's Poly1305 tag */

struct crypto_shash;

int hpc_key_set(const u8 *key);
bool hpc_key_loaded(void);
int hpc_key_id(u8 *id);
struct crypto_shash *hpc_mac_new(const u8 *key);
struct crypto_shash *hpc_mac_new_master(void);
void hpc_mac_free(struct crypto_shash *tfm);
int hpc_mac(struct crypto_shash *tfm, const void *a, size_t alen,
	    const void *b, size_t blen, u8 *out);
void hpc_tag(const u8 *key, u64 seq, const void *a, size_t alen,
	     const void *b, size_t blen, u8 *out);
bool hpc_tag_same(const void *buf, size_t len);
void hpc_tag_pick(void);

#endif /* _HPC_AUTH_H */
