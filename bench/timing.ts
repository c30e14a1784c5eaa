// Shared timing for the benchmarks: CPU time (steadier than wall time on a shared machine),
// median over batches; results are read as ratios against baselines measured in the same run.

/** CPU time of this process in milliseconds. */
export function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Median over 7 batches of the CPU time of one call, in milliseconds; each batch runs ≥ 50 ms. */
export function timePerCall(run: () => unknown): number {
  run(); // warm up the JIT
  let calls = 1;
  for (;;) {
    const start = cpuMs();
    for (let i = 0; i < calls; i++) run();
    if (cpuMs() - start >= 50) break;
    calls *= 2;
  }
  const samples: number[] = [];
  for (let batch = 0; batch < 7; batch++) {
    const start = cpuMs();
    for (let i = 0; i < calls; i++) run();
    samples.push((cpuMs() - start) / calls);
  }
  samples.sort((a, b) => a - b);
  return samples[3];
}

export const formatMs = (ms: number): string => (ms >= 10 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));
