// A large lstopo-style export for the importer's cost guard (unit test) and its benchmark.

/** A large, regular host in lstopo's layout: `packages × cores × 2` PUs with caches. */
export function largeHwlocXml(packages: number, coresPer: number): string {
  const hex = (bits: number[]) => {
    const words = new Array<number>(Math.floor(Math.max(...bits) / 32) + 1).fill(0);
    for (const b of bits) words[Math.floor(b / 32)] = (words[Math.floor(b / 32)] | (1 << (b % 32))) >>> 0;
    return words.reverse().map((w) => `0x${w.toString(16).padStart(8, '0')}`).join(',');
  };
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<topology version="2.0">'];
  const all = Array.from({ length: packages * coresPer * 2 }, (_, i) => i);
  out.push(`<object type="Machine" os_index="0" cpuset="${hex(all)}"><info name="HostName" value="big"/>`);
  for (let p = 0; p < packages; p++) {
    const mine = all.slice(p * coresPer * 2, (p + 1) * coresPer * 2);
    out.push(`<object type="Package" os_index="${p}" cpuset="${hex(mine)}" nodeset="${hex([p])}"><info name="CPUModel" value="Xeon @ 2.00GHz"/>`);
    out.push(`<object type="NUMANode" os_index="${p}" cpuset="${hex(mine)}" nodeset="${hex([p])}" local_memory="68719476736"/>`);
    out.push(`<object type="L3Cache" cpuset="${hex(mine)}" cache_size="62914560" depth="3">`);
    for (let c = 0; c < coresPer; c++) {
      const cs = mine.slice(c * 2, c * 2 + 2);
      out.push(`<object type="L2Cache" cpuset="${hex(cs)}" cache_size="2097152" depth="2"><object type="Core" os_index="${c}" cpuset="${hex(cs)}">`);
      for (const t of cs) out.push(`<object type="PU" os_index="${t}" cpuset="${hex([t])}"/>`);
      out.push('</object></object>');
    }
    out.push('</object></object>');
  }
  out.push('</object></topology>');
  return out.join('\n');
}

