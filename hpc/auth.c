// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: the cluster key.
 *
 * Every node of a cluster holds the same 32-byte key (/etc/openmosix.key,
 * loaded through the root-only /proc/hpc/admin/key). It never crosses the
 * network: links prove they hold it by HMAC-SHA256 over fresh nonces and
 * derive from it the per-link keys that sign every frame (comm.c).
 */
#include <linux/mutex.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <crypto/hash.h>
#include <crypto/blake2s.h>
#include <crypto/poly1305.h>
#include <hpc/hpc.h>
#include <hpc/auth.h>

static u8 hpc_key[HPC_KEY_SIZE];
static bool hpc_key_present;
static DEFINE_MUTEX(hpc_key_lock);

int hpc_key_set(const u8 *key)
{
	mutex_lock(&hpc_key_lock);
	memcpy(hpc_key, key, HPC_KEY_SIZE);
	WRITE_ONCE(hpc_key_present, true);
	mutex_unlock(&hpc_key_lock);
	pr_info("hpc: cluster key loaded\n");
	return 0;
}

bool hpc_key_loaded(void)
{
	return READ_ONCE(hpc_key_present);
}

/**
 * hpc_mac_new() - an HMAC-SHA256 transform keyed with @key
 * @key: HPC_KEY_SIZE bytes
 *
 * Return: the transform, or an ERR_PTR.
 */
struct crypto_shash *hpc_mac_new(const u8 *key)
{
	struct crypto_shash *tfm;
	int err;

	tfm = crypto_alloc_shash("hmac(sha256)", 0, 0);
	if (IS_ERR(tfm))
		return tfm;
	err = crypto_shash_setkey(tfm, key, HPC_KEY_SIZE);
	if (err) {
		crypto_free_shash(tfm);
		return ERR_PTR(err);
	}
	return tfm;
}

/**
 * hpc_mac_new_master() - an HMAC-SHA256 transform keyed with the cluster key
 *
 * Return: the transform, ERR_PTR(-ENOKEY) when no key is loaded, or
 * another ERR_PTR.
 */
struct crypto_shash *hpc_mac_new_master(void)
{
	struct crypto_shash *tfm;

	mutex_lock(&hpc_key_lock);
	tfm = hpc_key_present ? hpc_mac_new(hpc_key) : ERR_PTR(-ENOKEY);
	mutex_unlock(&hpc_key_lock);
	return tfm;
}

void hpc_mac_free(struct crypto_shash *tfm)
{
	if (!IS_ERR_OR_NULL(tfm))
		crypto_free_shash(tfm);
}

/**
 * hpc_mac() - HMAC of the concatenation of two buffers
 * @tfm: from hpc_mac_new()
 * @a: first buffer
 * @alen: its length
 * @b: second buffer (may be NULL when @blen is 0)
 * @blen: its length
 * @out: HPC_MAC_SIZE bytes
 *
 * Return: 0 or a negative errno.
 */
int hpc_mac(struct crypto_shash *tfm, const void *a, size_t alen,
	    const void *b, size_t blen, u8 *out)
{
	SHASH_DESC_ON_STACK(desc, tfm);
	int err;

	desc->tfm = tfm;
	err = crypto_shash_init(desc);
	if (!err)
		err = crypto_shash_update(desc, a, alen);
	if (!err && blen)
		err = crypto_shash_update(desc, b, blen);
	if (!err)
		err = crypto_shash_final(desc, out);
	shash_desc_zero(desc);
	return err;
}

/**
 * hpc_key_id() - a fingerprint of the cluster key
 * @id: 8 bytes
 *
 * Nodes can compare fingerprints to see that they hold the same key
 * without showing it.
 *
 * Return: 0, or -ENOKEY when no key is loaded.
 */
int hpc_key_id(u8 *id)
{
	static const char label[] = "openMosix key id";
	struct crypto_shash *tfm;
	u8 mac[HPC_MAC_SIZE];
	int err;

	tfm = hpc_mac_new_master();
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	err = hpc_mac(tfm, label, sizeof(label) - 1, NULL, 0, mac);
	hpc_mac_free(tfm);
	if (!err)
		memcpy(id, mac, 8);
	return err;
}

/*
 * Poly1305 comes in the architecture's code (vector units, the FPU saved
 * around each 4 KB) and in portable C; both give the same tag. Where
 * vector instructions are emulated, as in a guest without hardware
 * virtualisation, the portable one is several times faster and the
 * arch one bounds how fast a large process moves. As the kernel does for
 * its xor and RAID-6 routines, the faster one here is picked at boot.
 */
static bool hpc_tag_portable __ro_after_init;

static void tag_poly(bool portable, const u8 *otk, const void *a, size_t alen,
		     const void *b, size_t blen, u8 *out)
{
	struct poly1305_desc_ctx desc;

	if (portable) {
		poly1305_init_generic(&desc, otk);
		poly1305_update_generic(&desc, a, alen);
		if (blen)
			poly1305_update_generic(&desc, b, blen);
		poly1305_final_generic(&desc, out);
		return;
	}
	poly1305_init(&desc, otk);
	poly1305_update(&desc, a, alen);
	if (blen)
		poly1305_update(&desc, b, blen);
	poly1305_final(&desc, out);
}

/**
 * hpc_tag() - the tag of a frame: Poly1305 over two buffers
 * @key: the link key of the direction, HPC_KEY_SIZE bytes
 * @seq: the frame's sequence number, never used twice with @key
 * @a: first buffer (the header)
 * @alen: its length
 * @b: second buffer (the payload; may be NULL when @blen is 0)
 * @blen: its length
 * @out: HPC_TAG_SIZE bytes
 *
 * Poly1305 needs a key of its own for every message; it is BLAKE2s keyed
 * with the link key over @seq, as a PRF. A frame costs one BLAKE2s block
 * and Poly1305 over its bytes: several times less CPU than HMAC-SHA256,
 * which bounded the migration of large processes.
 */
void hpc_tag(const u8 *key, u64 seq, const void *a, size_t alen,
	     const void *b, size_t blen, u8 *out)
{
	u8 otk[POLY1305_KEY_SIZE];
	__le64 n = cpu_to_le64(seq);

	BUILD_BUG_ON(POLY1305_DIGEST_SIZE != HPC_TAG_SIZE);
	blake2s(otk, (const u8 *)&n, key, sizeof(otk), sizeof(n),
		HPC_KEY_SIZE);
	tag_poly(hpc_tag_portable, otk, a, alen, b, blen, out);
	memzero_explicit(otk, sizeof(otk));
}

/**
 * hpc_tag_same() - whether both Poly1305s give the same tag over @buf
 * @buf: the bytes
 * @len: how many
 *
 * Return: true when they agree (KUnit and the boot-time pick check it).
 */
bool hpc_tag_same(const void *buf, size_t len)
{
	static const u8 otk[POLY1305_KEY_SIZE] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	u8 t1[HPC_TAG_SIZE], t2[HPC_TAG_SIZE];
	size_t split = min_t(size_t, len, 7);	/* as a frame: two buffers */

	tag_poly(false, otk, buf, split, buf + split, len - split, t1);
	tag_poly(true, otk, buf, split, buf + split, len - split, t2);
	return !memcmp(t1, t2, sizeof(t1));
}

/* The best of five runs of one Poly1305 over @len bytes, in ns. */
static u64 tag_time(bool portable, const u8 *buf, size_t len)
{
	u8 otk[POLY1305_KEY_SIZE] = {}, out[HPC_TAG_SIZE];
	u64 best = U64_MAX, t;
	int i;

	for (i = 0; i < 5; i++) {
		t = ktime_get_ns();
		tag_poly(portable, otk, buf, 0, buf, len, out);
		best = min(best, ktime_get_ns() - t);
	}
	return best;
}

/**
 * hpc_tag_pick() - time both Poly1305s and use the faster for frames
 *
 * Nodes may pick differently: the tags are the same.
 */
void __init hpc_tag_pick(void)
{
	const size_t len = 16 * 1024;
	u64 arch, portable;
	u8 *buf;

	buf = kmalloc(len, GFP_KERNEL);
	if (!buf)
		return;
	get_random_bytes(buf, len);
	arch = tag_time(false, buf, len);
	portable = tag_time(true, buf, len);
	if (hpc_tag_same(buf, len))
		hpc_tag_portable = portable < arch;
	else
		pr_err("hpc: Poly1305: the portable tag differs, not used\n");
	kfree(buf);
	pr_info("hpc: Poly1305 over 16 KB: arch %llu us, portable %llu us: %s\n",
		div_u64(arch, 1000), div_u64(portable, 1000),
		hpc_tag_portable ? "portable" : "arch");
}
