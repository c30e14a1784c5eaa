// The UI checks' runner: each check is { name, ok, error? }, logged as it ends; a failure leaves
// a screenshot <failurePrefix>-N.png in outDir so a red CI run shows what the page looked like.
import path from 'node:path';

export function checkRunner({ page, outDir, log, failurePrefix }) {
  const results = [];
  const check = async (name, body) => {
    try {
      await body();
      results.push({ name, ok: true });
      log(`ok   ui: ${name}`);
    } catch (e) {
      results.push({ name, ok: false, error: e.message });
      log(`FAIL ui: ${name}\n     ${e.message.split('\n').join('\n     ')}`);
      await page.screenshot({ path: path.join(outDir, `${failurePrefix}-${results.length}.png`) }).catch(() => {});
    }
  };
  return { results, check };
}
