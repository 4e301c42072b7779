#!/bin/sh
# The sandbox ("pause") process of podmortem.test/pause:1: holds the pod's
# namespaces and exits when the runtime stops the sandbox.
trap 'exit 0' TERM INT
while :; do sleep 3600 & wait $!; done
