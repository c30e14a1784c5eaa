// Deploy out, Terraform: the exported HCL parsed by HashiCorp's own parser (@cdktf/hcl2json, the
// Go HCL library as WebAssembly) says, for every host, the design's switch modes, lcores per
// NUMA node, uplinks and MTU; every unknown is a described variable; `terraform fmt` layout.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { parse } from '@cdktf/hcl2json';
import fc from 'fast-check';
import { analyze, exportTerraform } from '../../src/core';
import { hclString } from '../../src/core/export/hcl';
import type { Teaming, Topology } from '../../src/core/topology';
import { designArb, designSwitches, exampleFiles, type SwitchFacts } from './export-fixtures';

type Block = Record<string, unknown>;

// The provider's enums (docs/resources/policy_uplink_host_switch_profile.md) in the design's words.
const POLICY: Record<string, Teaming['policy']> = { FAILOVER_ORDER: 'failover-order', LOADBALANCE_SRCID: 'loadbalance-srcid', LOADBALANCE_SRC_MAC: 'loadbalance-src-mac' };
const LACP: Record<string, string> = { ACTIVE: 'active', PASSIVE: 'passive' };
const ALGORITHM: Record<string, string> = { SRCMAC: 'src-mac', DESTMAC: 'dest-mac', SRCDESTMAC: 'src-dest-mac', SRCDESTIPVLAN: 'src-dest-ip-vlan', SRCDESTMACIPPORT: 'src-dest-mac-ip-port' };
const TIMEOUT: Record<string, string> = { SLOW: 'slow', FAST: 'fast' };
type Tf = { resource?: Record<string, Record<string, Block[]>>; variable?: Record<string, Block[]>; data?: Record<string, Record<string, Block[]>> };

/** hcl2json writes Terraform's JSON syntax: references as "${…}", a literal "${" or "%{" escaped as "$${" / "%%{". */
const literal = (v: unknown) => String(v).replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
const reference = (v: unknown) => /^\$\{(.*)\}$/.exec(String(v))?.[1];

/** The switches the configuration gives each host: its own transport node, else its cluster's profile (via the collection). */
function deployedSwitches(tf: Tf, topology: Topology): Map<string, SwitchFacts[]> {
  const resources = tf.resource ?? {};
  const uplinkProfiles = resources.nsxt_policy_uplink_host_switch_profile ?? {};
  const profiles = resources.nsxt_policy_host_transport_node_profile ?? {};
  const collections = resources.nsxt_policy_host_transport_node_collection ?? {};
  const computeCollections = tf.data?.nsxt_compute_collection ?? {};
  const switchesOf = (body: Block): SwitchFacts[] => ((body.standard_host_switch ?? []) as Block[]).map((s) => {
    const profileRef = reference(s.uplink_profile)!;
    const [type, name, attr] = profileRef.split('.');
    assert.equal(type, 'nsxt_policy_uplink_host_switch_profile');
    assert.equal(attr, 'path');
    const uplinkProfile = uplinkProfiles[name]?.[0];
    assert.ok(uplinkProfile, `uplink profile ${name} is defined`);
    // A NIC maps to a VDS uplink, a LAG to a VDS LAG (whose NICs vCenter holds).
    const uplinkBlocks = (s.uplink ?? []) as Block[];
    const uplinks = uplinkBlocks.filter((u) => u.vds_uplink_name !== undefined).map((u) => literal(u.uplink_name));
    const lags = ((uplinkProfile.lag ?? []) as Block[]);
    assert.deepEqual(uplinkBlocks.filter((u) => u.vds_lag_name !== undefined).map((u) => literal(u.uplink_name)), lags.map((l) => literal(l.name)), 'each LAG of the profile is an uplink of the switch');
    const design = <T extends string>(map: Record<string, T>, v: unknown) => map[String(v)];
    const teamingOf = (t: Block): Teaming => {
      const names = (list: unknown) => ((list ?? []) as Block[]).map((u) => literal(u.uplink_name));
      return { policy: design(POLICY, t.policy), active: names(t.active), standby: names(t.standby) };
    };
    const mode = { ENS: 'edp-performance', ENS_INTERRUPT: 'edp-standard', STANDARD: 'standard' }[String(s.host_switch_mode)];
    return {
      name: literal(s.host_switch_name),
      mode,
      mtu: uplinkProfile.mtu as number,
      uplinks,
      lcores: ((s.cpu_config ?? []) as Block[]).map((c): [number, number] => [c.numa_node_index as number, c.num_lcores as number]),
      transportVlan: (uplinkProfile.transport_vlan as number | undefined) ?? 0,
      lags: lags.map((l): [string, string, string, string] => [literal(l.name), design(LACP, l.mode), design(ALGORITHM, l.load_balance_algorithm), design(TIMEOUT, l.timeout_type)]),
      teaming: teamingOf((uplinkProfile.teaming as Block[])[0]),
      namedTeamings: ((uplinkProfile.named_teaming ?? []) as Block[]).map((t) => ({ name: literal(t.name), ...teamingOf(t) })),
    };
  }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const byCluster = new Map<string, SwitchFacts[]>();
  for (const [, [collection]] of Object.entries(collections)) {
    const [, type, dataName] = reference(collection.compute_collection_id)!.split('.');
    assert.equal(type, 'nsxt_compute_collection');
    const cluster = literal(computeCollections[dataName][0].display_name);
    const [ptype, pname] = reference(collection.transport_node_profile_path)!.split('.');
    assert.equal(ptype, 'nsxt_policy_host_transport_node_profile');
    byCluster.set(cluster, switchesOf(profiles[pname][0]));
  }
  const hostNodes = new Map(Object.values(resources.nsxt_policy_host_transport_node ?? {}).map(([body]) => [literal(body.display_name), body]));
  const out = new Map<string, SwitchFacts[]>();
  for (const host of topology.hosts) {
    const own = hostNodes.get(host.name);
    const deployed = own ? switchesOf(own) : host.cluster !== undefined ? byCluster.get(host.cluster) : undefined;
    if (deployed) out.set(host.name, deployed);
  }
  return out;
}

/** Every var.x used is a declared variable with a description and type string, and every declared one is used. */
function assertVariables(text: string, tf: Tf): void {
  const used = new Set([...text.matchAll(/\bvar\.([a-z0-9_]+)/g)].map((m) => m[1]));
  const declared = tf.variable ?? {};
  assert.deepEqual(Object.keys(declared).sort(), [...used].sort());
  for (const [name, [v]] of Object.entries(declared)) {
    assert.ok(String(v.description).length > 20, `${name} is described`);
    assert.equal(v.type, '${string}');
  }
}

/** `terraform fmt`: two-space indents; within a run of consecutive attribute lines, one column for `=`. */
function assertFmtLayout(text: string): void {
  let run: { line: string; indent: number }[] = [];
  const check = () => {
    const columns = new Set(run.map((r) => r.line.indexOf(' = ')));
    assert.equal(columns.size, 1, `aligned:\n${run.map((r) => r.line).join('\n')}`);
    const longest = Math.max(...run.map((r) => r.line.slice(r.indent).split(' ')[0].length));
    assert.equal([...columns][0], run[0].indent + longest, `one space after the longest name:\n${run.map((r) => r.line).join('\n')}`);
    run = [];
  };
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    assert.equal(indent % 2, 0, `two-space indents: ${line}`);
    assert.ok(!/\s$/.test(line), `no trailing space: ${JSON.stringify(line)}`);
    const isAttr = /^\s*[a-z_][a-z0-9_]*\s+= /.test(line);
    if (isAttr && (run.length === 0 || run[0].indent === indent)) run.push({ line, indent });
    else {
      if (run.length > 0) check();
      if (isAttr) run.push({ line, indent });
    }
  }
  if (run.length > 0) check();
}

async function assertTerraformDeploys(topology: Topology, text: string): Promise<void> {
  const tf = (await parse('main.tf', text)) as Tf;
  const deployed = deployedSwitches(tf, topology);
  for (const host of topology.hosts) {
    if (host.switches.length === 0) continue;
    assert.deepEqual(deployed.get(host.name), designSwitches(host, topology), `host ${host.name}`);
  }
  assertVariables(text, tf);
  assertFmtLayout(text);
}

describe('export --format terraform', () => {
  for (const { name, text } of exampleFiles()) {
    const analysis = analyze(text);
    if (analysis.findings.some((f) => f.severity === 'error')) continue;
    it(`${name}: HashiCorp's parser reads the design's switches for every host`, async () => {
      const result = exportTerraform(analysis, { source: name });
      assert.ok(result.ok);
      await assertTerraformDeploys(analysis.topology!, result.text);
    });
  }

  it('generated designs parse and deploy their switches', async () => {
    const designs = fc.sample(designArb.filter((t) => !analyze(JSON.stringify(t)).findings.some((f) => f.severity === 'error')), { numRuns: 25, seed: 16 });
    assert.equal(designs.length, 25);
    for (const topology of designs) {
      const result = exportTerraform(topology);
      assert.ok(result.ok);
      await assertTerraformDeploys(topology, result.text);
    }
  });

  it('names with quotes, backslashes and template sequences stay literal strings', async () => {
    const weird = 'a"b\\c ${x} %{y}\té';
    const tf = (await parse('x.tf', `x = ${hclString(weird)}\n`)) as { x: string };
    assert.equal(literal(tf.x), weird);
  });

  it('a syntax error is what the parser rejects: the test would see a broken export', async () => {
    await assert.rejects(parse('bad.tf', 'resource "a" "b" {\n  x = \n}\n'));
  });
});

/** Why `terraform fmt` cannot run here, or false when it can. The unit tier installs nothing. */
function noTerraform(): string | false {
  const r = spawnSync('terraform', ['version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return r.status === 0 && /^Terraform v/.test(r.stdout) ? false : 'terraform is not installed: install it (developer.hashicorp.com/terraform/install) to check the layout with terraform fmt itself';
}

describe('terraform fmt leaves the export as it is', { skip: noTerraform() }, () => {
  it('every example that exports, and generated designs with LAGs and teamings', () => {
    const texts = exampleFiles().map(({ name, text }) => exportTerraform(analyze(text), { source: name })).filter((r) => r.ok).map((r) => r.text);
    const designs = fc.sample(designArb.filter((t) => t.hosts.some((h) => h.switches.some((sw) => sw.lags || sw.teaming)) && !analyze(JSON.stringify(t)).findings.some((f) => f.severity === 'error')), { numRuns: 5, seed: 7 });
    for (const t of designs) {
      const r = exportTerraform(t);
      assert.ok(r.ok);
      texts.push(r.text);
    }
    assert.ok(texts.length >= 7);
    for (const text of texts) {
      // `terraform fmt -` formats stdin to stdout: what it prints is what `terraform fmt` would write.
      const r = spawnSync('terraform', ['fmt', '-no-color', '-'], { input: text, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, text);
    }
  });
});
