# openMosix for Linux 6.12: the project's build, cluster and test entry.
#
#   make            both kernels (release, debug) and their initramfs
#   make cluster    boot a 3-node cluster and give a shell on node 1
#   make test       the whole test suite on the debug kernel
#   make bench      the performance report (QUICK=1: a shorter one), on
#                   release kernels: build/bench/report.md
#   make hpc-diff   build/hpc.diff: the inline patch against the pinned base
#
# Kernel objects live in build/linux/out-{release,debug}; see README.md.

SHELL := /bin/bash
# One kernel build at a time: each already uses every core.
.NOTPARALLEL:
.DEFAULT_GOAL := all
B := build

.PHONY: all deps tree kernel-release kernel-debug initramfs-release \
	initramfs-debug release debug kernel-release-nohpc cluster test bench \
	hpc-diff checkpatch clean distclean

all: release debug

deps:
	@mk/deps.sh

tree: deps
	@mk/tree.sh

kernel-release kernel-debug: deps
	@mk/kernel.sh $(@:kernel-%=%)

initramfs-release: kernel-release
	@mk/initramfs.sh release

initramfs-debug: kernel-debug
	@mk/initramfs.sh debug

release: initramfs-release
debug: initramfs-debug

# The release kernel with CONFIG_HPC off: what hpc costs processes that
# never move (make bench).
kernel-release-nohpc: deps
	@HPC=n mk/kernel.sh release

# NODES=N and MEM=M[,M2,...] shape the cluster; leaving the shell ends it.
cluster: debug
	@HPC_APPEND=hpc.shell tests/cluster up --nodes $${NODES:-3} \
		--mem-MB $${MEM:-512} && tests/cluster shell 1; \
	tests/cluster down

test: debug
	@tests/run

bench: release kernel-release-nohpc
	@tests/bench/run $(if $(QUICK),--quick)

hpc-diff: tree
	@mk/hpc-diff.sh $(B)/hpc.diff

checkpatch: tree
	@$(B)/linux/scripts/checkpatch.pl --no-tree --terse -f \
		$$(git ls-files 'hpc/*.[ch]' 'include/hpc/*.h')

clean:
	rm -rf $(B)/linux/out-* $(B)/initramfs* $(B)/guest-bin $(B)/bzImage-*

distclean:
	rm -rf $(B)
