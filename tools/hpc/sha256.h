/* SPDX-License-Identifier: GPL-2.0 */
/* SHA-256 and HMAC-SHA256 (FIPS 180-4, RFC 2104) for the tools. */
#ifndef HPC_SHA256_H
#define HPC_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t len;
	uint8_t buf[64];
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
void sha256_final(struct sha256 *s, uint8_t out[32]);
void hmac_sha256(const uint8_t *key, size_t klen, const void *data,
		 size_t len, uint8_t out[32]);

#endif
