// SPDX-License-Identifier: GPL-2.0
/*
 * openMosix: the FPU state of the current task, as a process migration
 * carries it: the user-ABI XSAVE layout (as ptrace's NT_X86_XSTATE), or
 * the FXSAVE layout on CPUs without XSAVE.
 */
#include <linux/sched.h>
#include <linux/regset.h>
#include <asm/fpu/api.h>
#include <asm/fpu/signal.h>
#include <asm/fpu/types.h>
#include <hpc/task.h>

#include "context.h"
#include "internal.h"
#include "legacy.h"
#include "xstate.h"

unsigned int hpc_fpu_size(void)
{
	if (cpu_feature_enabled(X86_FEATURE_XSAVE))
		return fpu_user_cfg.max_size;
	return sizeof(struct fxregs_state);
}

int hpc_fpu_get(void *buf, unsigned int size)
{
	struct fpu *fpu = &current->thread.fpu;
	struct membuf to = { .p = buf, .left = size };

	if (size != hpc_fpu_size())
		return -EINVAL;
	fpu_sync_fpstate(fpu);
	if (cpu_feature_enabled(X86_FEATURE_XSAVE))
		copy_xstate_to_uabi_buf(to, current, XSTATE_COPY_XSAVE);
	else
		memcpy(buf, &fpu->fpstate->regs.fxsave, size);
	return 0;
}

int hpc_fpu_set(const void *buf, unsigned int size)
{
	struct fpu *fpu = &current->thread.fpu;
	int ret = 0;

	if (size != hpc_fpu_size())
		return -EINVAL;
	fpregs_lock();
	/* From here the registers are reloaded from memory on return. */
	set_thread_flag(TIF_NEED_FPU_LOAD);
	__fpu_invalidate_fpregs_state(fpu);
	if (cpu_feature_enabled(X86_FEATURE_XSAVE)) {
		ret = copy_uabi_from_kernel_to_xstate(fpu->fpstate, buf,
						      &current->thread.pkru);
	} else {
		memcpy(&fpu->fpstate->regs.fxsave, buf, size);
		fpu->fpstate->regs.fxsave.mxcsr &= mxcsr_feature_mask;
	}
	fpregs_unlock();
	return ret;
}
