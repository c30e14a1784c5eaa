#!/bin/sh
# Collects what `edp-check import` reads from an ESXi host into one text file.
# Run it in the ESXi shell (SSH or the DCUI shell) as root:
#
#   sh collect.sh [OUT] [SECONDS]
#
# OUT      the file to write (default /tmp/edp-<hostname>-<UTC time>.txt); copy it off the host
# SECONDS  time between the two flow-statistics samples that give rates (default 30)
#
# It only reads: every command here is a `get`/`list`. Commands a host lacks (nsxdp-cli without
# NSX, ENS commands without an EDP switch) print their error into the file and are skipped by
# the importer. docs/IMPORT-ESXI.md shows what each command prints and what is taken from it.

out=${1:-/tmp/edp-$(hostname -s 2>/dev/null || hostname)-$(date -u +%Y%m%dT%H%M%SZ).txt}
interval=${2:-30}
case $interval in '' | *[!0-9]*) echo "collect.sh: SECONDS must be a whole number" >&2; exit 2 ;; esac
if [ -e "$out" ]; then echo "collect.sh: $out exists; name another file" >&2; exit 2; fi

run() {
  echo "===== $* ====="
  "$@" 2>&1
  echo
}

vmnics() { esxcli network nic list 2>/dev/null | awk '$1 ~ /^vmnic/ {print $1}'; }
lcores() { esxcli network ens lcore list 2>/dev/null | awk '$1 ~ /^[0-9]+$/ {print $1}'; }

{
  echo "# edp-check import input, written by scripts/esxi/collect.sh at $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  run esxcli system hostname get
  run esxcli network ip interface ipv4 get
  run esxcli hardware cpu global get
  run esxcli hardware cpu list
  run esxcli hardware memory get
  run sched-stats -t ncpus
  run vsish -e get /hardware/cpu/cpuInfo
  # The CPU model string (esxcli's Brand is only the vendor) and each NUMA node's PCI devices (ESXi 7.0+).
  run vim-cmd hostsvc/hosthardware
  # Each package's and NUMA node's PCPUs (the command line above each block says which it is).
  for p in $(vsish -e ls /hardware/cpuTopology/package/nodes/ 2>/dev/null); do run vsish -e get "/hardware/cpuTopology/package/nodes/$p"; done
  for n in $(vsish -e ls /hardware/cpuTopology/numa/nodes/ 2>/dev/null); do run vsish -e get "/hardware/cpuTopology/numa/nodes/$n"; done
  run esxcli network nic list
  run esxcfg-nics -e
  for n in $(vmnics); do
    run vsish -e get /net/pNics/$n/properties
    run esxcli network nic get -n $n
    run esxcli network nic ring current get -n $n
  done
  run vim-cmd hostsvc/net/info
  run esxcli network vswitch dvs vmware list
  run esxcli network ens lcore list
  # Each EDP uplink's NUMA node as ENS sees it (NSX CLI; hosts without NSX print an error, skipped).
  run nsxcli -c "get ens dev affinity list"
  for sample in 1 2; do
    echo "===== flow-stats sample $sample at $(date -u +%Y-%m-%dT%H:%M:%SZ) ====="
    echo
    for l in $(lcores); do run nsxdp-cli ens flow-stats get -l "$l"; done
    if [ "$sample" = 1 ]; then sleep "$interval"; fi
  done
} > "$out"

echo "collect.sh: wrote $out; copy it off the host and run: edp-check import $(basename "$out")" >&2
