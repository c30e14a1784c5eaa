// hwloc import benchmark (`npm run bench`): the importer must stay linear in the export's size
// (issue 12: a 600 KB export took 35 s when it compared every core with every PU). Prints the
// cost per KB at three sizes: a linear importer keeps it about flat.
import { hwlocTopologyDocument } from '../src/core/import/hwloc';
import { largeHwlocXml } from '../test/support/largeHwloc';
import { formatMs, timePerCall } from './timing';

const rows: string[][] = [['host', 'KB', 'import ms', 'ms per 100 KB']];
for (const [packages, cores] of [[2, 32], [4, 48], [8, 72]]) {
  const xml = largeHwlocXml(packages, cores);
  const ms = timePerCall(() => hwlocTopologyDocument(xml));
  rows.push([`${packages} × ${cores} cores`, (xml.length / 1024).toFixed(0), formatMs(ms), formatMs((ms / xml.length) * 102_400)]);
}
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
