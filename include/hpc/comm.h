/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openMosix: authenticated kernel links between nodes (hpc/comm.c).
 */
#ifndef _HPC_COMM_H
#define _HPC_COMM_H

#include <linux/types.h>
#include <hpc/wire.h>

/* Bounds of one peer's send queue. */
#define HPC_TXQ_MAX_MSGS	256
#define HPC_TXQ_MAX_BYTES	(1024 * 1024)

int hpc_comm_init(void);
void *hpc_comm_alloc(u32 len);
void hpc_comm_free(void *payload);
int hpc_comm_queue(u16 node, u8 type, void *payload, bool wait);
int hpc_comm_send(u16 node, u8 type, const void *payload, u32 len);
int hpc_comm_send_wait(u16 node, u8 type, const void *payload, u32 len);
void hpc_comm_close_all(void);
struct seq_file;
void hpc_comm_show(struct seq_file *m);

/* Receivers of frames, by type (comm.c dispatches). */
void hpc_info_recv(u16 from, const u8 *payload, u32 len);
void hpc_proc_recv_frame(u16 from, const u8 *payload, u32 len);
void hpc_proc_node_down(u16 node);

#endif /* _HPC_COMM_H */
