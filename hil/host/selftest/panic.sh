#!/bin/bash
# selftest: the guest kernel panics mid-run; with panic=-1 QEMU exits and the host must report the panic.
echo "HIL-SELFTEST panicking on purpose"
echo 1 >/proc/sys/kernel/sysrq
echo c >/proc/sysrq-trigger
sleep 100000
