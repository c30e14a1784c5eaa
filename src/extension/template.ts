// The starting point "EDP: New Topology File" opens: two hosts of one cluster on EDP Standard,
// aligned the way the readiness rules and the model want it, so it opens without findings and
// each field shows what to edit. Pure: unit tests analyze it.

export const NEW_TOPOLOGY_FILE_NAME = 'new-topology.edp.json';

const host = (name: string, vm: string, role: string) => `    {
      "name": "${name}",
      // Hosts of one cluster must offer the same switches, or vMotion/DRS cannot move VMs.
      "cluster": "edge-cluster-a",
      // llcMiB: last-level cache per socket.
      "cpu": { "model": "Intel Xeon Gold 6430", "sockets": 2, "coresPerSocket": 32,
               "threadsPerCore": 2, "ghz": 2.1, "llcMiB": 60 },
      "numaNodes": [
        { "id": 0, "socket": 0, "cores": 32, "memoryGiB": 512 },
        { "id": 1, "socket": 1, "cores": 32, "memoryGiB": 512 }
      ],
      "nics": [
        { "name": "vmnic4", "model": "Intel E810-CQDA2", "driver": "icen",
          "driverVersion": "1.14.2.0", "firmware": "4.40", "speedGbps": 100,
          "numaNode": 0, "queues": 16 },
        { "name": "vmnic5", "model": "Intel E810-CQDA2", "driver": "icen",
          "driverVersion": "1.14.2.0", "firmware": "4.40", "speedGbps": 100,
          "numaNode": 0, "queues": 16 }
      ],
      "switches": [
        {
          "name": "vds-edp",
          // Both ports sit on NUMA node 0, like the switch's lcores below.
          "uplinks": ["vmnic4", "vmnic5"],
          "mtu": 9000,
          // Datapath threads per NUMA node: on the NICs' node.
          "lcores": [ { "numaNode": 0, "count": 4 } ],
          "lcoreAssignment": "cpu-usage",
          // Entries per lcore; a power of two.
          "flowCache": { "entries": 32768 },
          "rxRingSize": 1024
        }
      ],
      "vms": [
        {
          // ${role}
          "name": "${vm}",
          "numaNode": 0,
          "vcpus": 8,
          // With a vmxnet3 vNIC, "high" makes NUMA-aware placement apply.
          "latencySensitivity": "high",
          "vnics": [
            { "name": "eth0", "switch": "vds-edp", "adapter": "vmxnet3", "queues": 4,
              "traffic": { "pps": 2000000, "packetBytes": 512, "flows": 40000,
                           "zipf": 1.0, "newFlowsPerSec": 2000 } }
          ]
        }
      ]
    }`;

export const NEW_TOPOLOGY_TEMPLATE = `// EDP Designer topology, format version 1.
// Hover a field to see what it means; problems show as you type.
{
  "version": 1,
  "name": "rack-a",
  // The default mode of every switch: edp-standard, edp-performance or standard.
  "target": { "release": "vcf-9.0", "mode": "edp-standard" },
  "hosts": [
${host('esx-01', 'fw-1', 'A firewall appliance.')},
${host('esx-02', 'lb-1', 'A load balancer.')}
  ],
  // Per-file rule severities, e.g. "tlb/imbalance": "off".
  "rules": {},
  // Calibration: overrides of the model's constants with measured values.
  "model": {}
}
`;
