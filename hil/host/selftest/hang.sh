#!/bin/bash
# selftest: a guest that never finishes; the host's hard timeout must kill it and say so.
echo "HIL-SELFTEST hanging on purpose"
sleep 100000
