// `npm run fuzz`: the property tests of test/unit/fuzz.test.ts with 100,000 cases each instead
// of the 2,000 `npm test` runs (FUZZ_RUNS=N picks another count; FUZZ_SEED=N replays a failure).
import { spawnSync } from 'node:child_process';

const env = { ...process.env, FUZZ_RUNS: process.env.FUZZ_RUNS ?? '100000' };
const r = spawnSync(process.execPath, ['--test', 'out/test/unit/fuzz.test.js'], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
