// Readiness rules: the release × mode profiles (precompiled, with the minVersion keyword) and
// the NIC catalog decide which NICs, versions, MTUs and flow-table sizes a design may use.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze, type AnalyzeOptions } from '../../src/core/analyze';
import type { Finding } from '../../src/core/findings';
import { BUNDLED_CATALOG, mergeCatalogs, type NicCatalog } from '../../src/core/readiness/catalog';
import { KNOWN_RELEASES, profileFor } from '../../src/core/readiness/check';
import { compareVersions } from '../../src/core/readiness/version';
import type { Host, Nic, Switch, Topology } from '../../src/core/topology';

const ROOT = join(__dirname, '..', '..', '..');

function nic(extra: Partial<Nic> = {}): Nic {
  return { name: 'vmnic4', model: 'Intel E810-CQDA2', driver: 'icen', driverVersion: '1.14.2.0', firmware: '4.40', speedGbps: 100, numaNode: 0, queues: 16, ...extra };
}

function edpSwitch(extra: Partial<Switch> = {}): Switch {
  return { name: 'vds-edp', mode: 'edp-standard', uplinks: ['vmnic4'], mtu: 9000, lcores: [{ numaNode: 0, count: 4 }], flowCache: { entries: 4096 }, ...extra };
}

function host(extra: Partial<Host> = {}): Host {
  return {
    name: 'esx-01',
    cpu: { sockets: 2, coresPerSocket: 32, ghz: 2.1, llcMiB: 60 },
    nics: [nic()],
    switches: [edpSwitch()],
    vms: [],
    ...extra,
  };
}

function topology(hosts: Host[], extra: Partial<Topology> = {}): Topology {
  return { version: 1, target: { release: 'vcf-9.0', mode: 'edp-standard' }, hosts, ...extra };
}

function readinessOf(t: Topology, options: AnalyzeOptions = {}): Finding[] {
  return analyze(JSON.stringify(t, null, 2), options).findings.filter((f) => f.rule.startsWith('readiness/'));
}

function only(findings: Finding[], rule: string): Finding {
  const hits = findings.filter((f) => f.rule === rule);
  assert.equal(hits.length, 1, `expected one ${rule}, got ${JSON.stringify(findings.map((f) => [f.rule, f.path]))}`);
  return hits[0];
}

describe('versions', () => {
  it('compare as dotted numbers, not as text', () => {
    assert.equal(compareVersions('1.14.2.0', '1.9.0.0'), 1);
    assert.equal(compareVersions('1.9.0.0', '1.14.2.0'), -1);
    assert.equal(compareVersions('4.40', '4.4'), 1);
    assert.equal(compareVersions('4.4', '4.4.0'), 0, 'a missing component counts as 0');
    assert.equal(compareVersions('vcf-9.1', 'vcf-9.0'), 1);
  });

  it('build suffixes are ignored, garbage is not a version', () => {
    assert.equal(compareVersions('1.14.2.0-1OEM', '1.14.2.0'), 0);
    assert.equal(compareVersions('1.14.2.0-1OEM.800.1.0.20613240', '1.14.3'), -1);
    assert.equal(compareVersions('latest', '1.0'), undefined);
    assert.equal(compareVersions('', '1.0'), undefined);
    assert.equal(compareVersions(14, '1.0'), undefined);
  });

  it('the precompiled minVersion keyword passes at or above the minimum and fails below it or on garbage', () => {
    const profile = profileFor('vcf-9.0', 'edp-standard')!;
    const view = (driverVersion: string) => ({ driver: 'x', edpModes: ['interrupt'], driverVersion, minDriverVersion: '1.9.0.0' });
    assert.equal(profile.nic(view('1.14.2.0')), true, '1.14 is newer than 1.9');
    assert.equal(profile.nic(view('1.9.0.0-1OEM')), true, 'a suffix does not make it older');
    assert.equal(profile.nic(view('1.8.9')), false);
    assert.deepEqual(profile.nic.errors?.map((e) => [e.instancePath, e.keyword, e.params]), [['/driverVersion', 'minVersion', { minVersion: '1.9.0.0' }]]);
    assert.equal(profile.nic(view('latest')), false, 'an unreadable version cannot be shown to meet the minimum');
    assert.equal(profile.nic({ driver: 'x', edpModes: ['interrupt'], driverVersion: '0.1' }), true, 'no minimum in the catalog, nothing to compare');
  });
});

describe('profiles', () => {
  it('one per known release and EDP mode, chosen by release and mode', () => {
    assert.deepEqual(KNOWN_RELEASES, ['vcf-9.0', 'vcf-9.1']);
    for (const release of KNOWN_RELEASES) {
      for (const mode of ['edp-standard', 'edp-performance']) {
        const p = profileFor(release, mode);
        assert.ok(p, `${release} ${mode}`);
        assert.equal(p.file, `schemas/readiness/${release}-${mode}.schema.json`);
      }
    }
    assert.equal(profileFor('vcf-8.0', 'edp-standard'), undefined);
  });

  it('the mode picks what the NICs must offer: a poll-only driver passes edp-performance and fails edp-standard', () => {
    const pollOnly = nic({ driver: 'ixgben-ens', driverVersion: '1.0.0' });
    const perf = topology([host({ nics: [pollOnly], switches: [edpSwitch({ mode: 'edp-performance' })] })]);
    assert.deepEqual(readinessOf(perf), []);
    const dedicated = topology([host({ nics: [pollOnly], switches: [edpSwitch({ mode: undefined })] })], { target: { release: 'vcf-9.1', mode: 'edp-dedicated' } });
    assert.deepEqual(readinessOf(dedicated), [], 'edp-dedicated is edp-performance, and switches inherit target.mode');
    const standard = topology([host({ nics: [pollOnly] })]);
    const f = only(readinessOf(standard), 'readiness/unsupported-nic');
    assert.match(f.message, /does not offer interrupt mode \(only poll\)/);
  });
});

describe('readiness rules', () => {
  it('a rack-a-like host (E810, icen 1.14.2.0, firmware 4.40, MTU 9000) is ready', () => {
    assert.deepEqual(readinessOf(topology([host()])), []);
  });

  it('an e1000 uplink is unsupported, at the NIC\'s driver, naming drivers that work and the source', () => {
    const t = topology([host({ nics: [nic(), nic({ name: 'vmnic0', driver: 'e1000' })], switches: [edpSwitch({ uplinks: ['vmnic4', 'vmnic0'] })] })]);
    const f = only(readinessOf(t), 'readiness/unsupported-nic');
    assert.equal(f.path, '/hosts/0/nics/1/driver');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /"vmnic0".*"e1000".*not EDP-capable/);
    assert.match(f.message, /icen, nmlx5_core, i40en or bnxtnet/);
    assert.match(f.message, /unverified: check the VMware Compatibility Guide/);
  });

  it('a host whose only NICs are not EDP-capable has no EDP NIC, at its nics key', () => {
    const t = topology([host({ nics: [nic({ name: 'vmnic0', driver: 'vmxnet3' })], switches: [edpSwitch({ uplinks: ['vmnic0'] })] })]);
    const findings = readinessOf(t);
    const f = only(findings, 'readiness/no-edp-nic');
    assert.equal(f.path, '/hosts/0/nics');
    assert.match(f.message, /"esx-01".*no NIC.*interrupt mode.*transport zone/);
    only(findings, 'readiness/unsupported-nic');
  });

  it('NICs without a driver are not judged (nothing to look up)', () => {
    assert.deepEqual(readinessOf(topology([host({ nics: [{ name: 'vmnic4', speedGbps: 100, numaNode: 0 }] })])), []);
  });

  it('a driver the catalog does not know is unsupported, and the message says how to add it', () => {
    const f = only(readinessOf(topology([host({ nics: [nic({ driver: 'qedentv' })] })])), 'readiness/unsupported-nic');
    assert.match(f.message, /"qedentv", which the NIC catalog does not list/);
    assert.match(f.message, /edpDesigner\.catalogs/);
  });

  it('a minimum published for another release (NSX-T 3.0 on ESXi 6.7) is not quoted for a VCF 9 target', () => {
    const t = topology([host({ nics: [nic({ driver: 'i40en-ens', driverVersion: '1.1.2' })], switches: [edpSwitch({ mode: 'edp-performance' })] })]);
    assert.deepEqual(readinessOf(t), [], 'no driver-too-old from a minimum of another release');
    // Where a message does cite the entry, it says that no minimum is published for the target.
    const f = only(readinessOf(topology([host({ nics: [nic({ driver: 'i40en-ens', driverVersion: '1.1.2' })] })])), 'readiness/unsupported-nic');
    assert.match(f.message, /no minimum version is published for vcf-9\.0, the one stated is for another release/);
  });

  it('a driver below a minimum stated for the target release is too old, with the minimum, the release, the source and the remedy', () => {
    const i40 = BUNDLED_CATALOG.nics.find((e) => e.driver === 'i40en-ens')!;
    const workspace: NicCatalog = { version: 1, nics: [{ ...i40, minimumsApplyTo: ['vcf-9.0'] }] };
    const catalog = mergeCatalogs(BUNDLED_CATALOG, [workspace]);
    const t = topology([host({ nics: [nic({ driver: 'i40en-ens', driverVersion: '1.1.2' })], switches: [edpSwitch({ mode: 'edp-performance' })] })]);
    const f = only(readinessOf(t, { catalog }), 'readiness/driver-too-old');
    assert.equal(f.path, '/hosts/0/nics/0/driverVersion');
    assert.match(f.message, /i40en-ens driver 1\.1\.2, below the minimum 1\.1\.3 for EDP on vcf-9\.0/);
    assert.match(f.message, /NSX-T 3\.0 installation guide/);
    assert.match(f.message, /Upgrade i40en-ens to ≥ 1\.1\.3/);
    assert.match(f.message, /unverified: check the VMware Compatibility Guide/, 'the entry states a version, not the modes');
    assert.deepEqual(readinessOf(topology([host({ nics: [nic({ driver: 'i40en-ens', driverVersion: '1.1.3-1OEM' })], switches: [edpSwitch({ mode: 'edp-performance' })] })]), { catalog }), []);
    // The same entry for vcf-9.1 only: not a minimum of vcf-9.0.
    const other = mergeCatalogs(BUNDLED_CATALOG, [{ version: 1, nics: [{ ...i40, minimumsApplyTo: ['vcf-9.1'] }] }]);
    assert.deepEqual(readinessOf(t, { catalog: other }), []);
  });

  it('firmware below a (workspace) catalog minimum is too old; an unreadable version says so', () => {
    const workspace: NicCatalog = { version: 1, nics: [{ ...BUNDLED_CATALOG.nics.find((e) => e.driver === 'icen')!, minDriverVersion: '1.9.0.0', minFirmware: '4.20', source: 'our lab', verified: true }] };
    const catalog = mergeCatalogs(BUNDLED_CATALOG, [workspace]);
    assert.deepEqual(readinessOf(topology([host()]), { catalog }), [], '1.14.2.0 ≥ 1.9.0.0 and 4.40 ≥ 4.20');
    const old = readinessOf(topology([host({ nics: [nic({ firmware: '4.10', driverVersion: 'latest' })] })]), { catalog });
    const fw = only(old, 'readiness/firmware-too-old');
    assert.equal(fw.path, '/hosts/0/nics/0/firmware');
    assert.match(fw.message, /firmware 4\.10, below the minimum 4\.20 for EDP on vcf-9\.0 \(per the NIC catalog: our lab\)/, 'a verified entry cites its source only');
    assert.match(only(old, 'readiness/driver-too-old').message, /"latest", which is not a version number/);
  });

  it('MTU: 1500 is an error, 1650 a warning, 9000 fine; no mtu means 1500, at the switch', () => {
    const mtu = (value: number | undefined) => readinessOf(topology([host({ switches: [edpSwitch({ mtu: value })] })]));
    const low = only(mtu(1500), 'readiness/mtu');
    assert.equal(low.severity, 'error');
    assert.equal(low.path, '/hosts/0/switches/0/mtu');
    assert.match(low.message, /MTU 1500, below the 1600/);
    const mid = only(mtu(1650), 'readiness/mtu');
    assert.equal(mid.severity, 'warning');
    assert.match(mid.message, /MTU 1650, below the recommended 1700/);
    assert.deepEqual(mtu(1700), []);
    assert.deepEqual(mtu(9000), []);
    const absent = only(mtu(undefined), 'readiness/mtu');
    assert.equal(absent.path, '/hosts/0/switches/0');
    assert.equal(absent.severity, 'error');
    assert.match(absent.message, /sets no mtu, so it gets the vSphere default of 1500/);
  });

  it('a user re-grade of readiness/mtu wins over the warning level', () => {
    const [f] = readinessOf(topology([host({ switches: [edpSwitch({ mtu: 1650 })] })]), { rules: { 'readiness/mtu': 'error' } });
    assert.equal(f.severity, 'error');
  });

  it('flow-table sizes off a power of two or outside 4..524288 warn with the size NSX will use', () => {
    const size = (entries: number) => readinessOf(topology([host({ switches: [edpSwitch({ flowCache: { entries } })] })]));
    for (const [entries, rounded] of [[3, 4], [5000, 8192], [600000, 524288]] as const) {
      const f = only(size(entries), 'readiness/flow-table-size');
      assert.equal(f.severity, 'warning');
      assert.equal(f.path, '/hosts/0/switches/0/flowCache/entries');
      assert.match(f.message, new RegExp(`entries ${entries} per lcore.*Set entries to ${rounded}`));
    }
    assert.match(only(size(5000), 'readiness/flow-table-size').message, /rounds it up to 8192.*or 4096/);
    assert.deepEqual(size(4096), []);
    assert.deepEqual(size(524288), []);
  });

  it('an unknown release is readiness/mode at target.release, naming the known releases', () => {
    const findings = readinessOf(topology([host({ switches: [edpSwitch({ mtu: 1500 })] })], { target: { release: 'vcf-8.0', mode: 'edp-standard' } }));
    const f = only(findings, 'readiness/mode');
    assert.equal(f.path, '/target/release');
    assert.match(f.message, /"vcf-8\.0".*Known releases: vcf-9\.0, vcf-9\.1/);
    assert.equal(findings.length, 1, 'without a profile nothing else is checked');
  });

  it('standard switches are not held to EDP readiness', () => {
    const t = topology([host({ nics: [nic({ driver: 'e1000' })], switches: [edpSwitch({ mode: 'standard', mtu: 1500 })] })]);
    assert.deepEqual(readinessOf(t), []);
  });

  it('a NIC shared by two EDP switches is reported once', () => {
    const t = topology([host({ nics: [nic({ driver: 'e1000' })], switches: [edpSwitch(), edpSwitch({ name: 'vds-2' })] })]);
    assert.equal(readinessOf(t).filter((f) => f.rule === 'readiness/unsupported-nic').length, 1);
  });
});

it('the build generates the readiness and catalog validators, and they are current', () => {
  // 'list' stands in for a script path: the scripts run their main() only when argv[1] is them.
  const list = spawnSync(process.execPath, ['--input-type=module', '-e', "import { generatedFiles } from './scripts/gen-validators.mjs'; console.log([...generatedFiles().keys()].join('\\n'))", 'list'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(list.status, 0, list.stderr);
  assert.deepEqual(list.stdout.trim().split('\n'), ['src/core/generated/topology-validator.ts', 'src/core/generated/readiness-validators.ts', 'src/core/generated/catalog-validator.ts']);
  const check = spawnSync(process.execPath, ['scripts/check-generated.mjs'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(check.status, 0, check.stderr);
});
