// The extension's settings (package.json contributes.configuration), read and checked in one place:
// every module reads its settings here. Pure on purpose (a type-only vscode import; callers pass
// `vscode.workspace`): unit tests exercise it without VS Code.
import type { Uri, workspace } from 'vscode';
import { constantInfo, INPUT_LIMITS, type SeveritySetting } from '../core';

/** edpDesigner.maxFileSizeMB's ceiling: edp-check's cap, so the editor never analyzes a file CI refuses. */
export const MAX_FILE_SIZE_MB = INPUT_LIMITS.topologyBytes / (1024 * 1024);

export type RunMode = 'onType' | 'onSave';

export interface Settings {
  enable: boolean;
  run: RunMode;
  debounceMs: number;
  /** Rule id → severity; wins over the file's own `rules`. */
  rules: Record<string, SeveritySetting>;
  maxProblems: number;
  /** Model constants and thresholds; the file's own `model` section wins over these. */
  model: Record<string, number>;
  maxFileSizeMB: number;
  /** The CodeLens above each switch (`edpDesigner.codeLens.enable`). */
  codeLens: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  enable: true,
  run: 'onType',
  debounceMs: 300,
  rules: {},
  maxProblems: 1000,
  model: {},
  maxFileSizeMB: 20,
  codeLens: true,
};

/** Each setting's key under `edpDesigner.` in package.json (and settings.json). */
export const SETTING_KEYS: Readonly<Record<keyof Settings, string>> = {
  enable: 'enable',
  run: 'run',
  debounceMs: 'debounceMs',
  rules: 'rules',
  maxProblems: 'maxProblems',
  model: 'model',
  maxFileSizeMB: 'maxFileSizeMB',
  codeLens: 'codeLens.enable',
};

interface SettingsRead {
  settings: Settings;
  /** One line per value that was ignored, for the log: settings.json is hand-edited. */
  ignored: string[];
}

const SEVERITIES: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

/**
 * `get` is `WorkspaceConfiguration.get` of the `edpDesigner` section (or any lookup by key).
 * Values of the wrong type fall back to the default, so a typo in settings.json degrades
 * one setting rather than the whole extension.
 */
export function readSettings(get: (key: string) => unknown): SettingsRead {
  const ignored: string[] = [];
  const d = DEFAULT_SETTINGS;
  const pick = <T>(key: string, fallback: T, ok: (v: unknown) => v is T): T => {
    const v = get(key);
    if (v === undefined || v === null) return fallback;
    if (ok(v)) return v;
    ignored.push(`edpDesigner.${key}: ${JSON.stringify(v)} is not valid; using ${JSON.stringify(fallback)}.`);
    return fallback;
  };
  const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
  const isRun = (v: unknown): v is RunMode => v === 'onType' || v === 'onSave';
  const isNonNegative = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  const isPositive = (v: unknown): v is number => isNonNegative(v) && v > 0;
  const isFileSize = (v: unknown): v is number => isPositive(v) && v <= MAX_FILE_SIZE_MB;
  const isCount = (v: unknown): v is number => isNonNegative(v) && v >= 1;
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

  const rules: Record<string, SeveritySetting> = {};
  for (const [id, value] of Object.entries(pick('rules', {}, isObject))) {
    if ((SEVERITIES as readonly unknown[]).includes(value)) rules[id] = value as SeveritySetting;
    else ignored.push(`edpDesigner.rules["${id}"]: ${JSON.stringify(value)} is not one of ${SEVERITIES.join(', ')}; ignored.`);
  }
  const model: Record<string, number> = {};
  for (const [key, value] of Object.entries(pick('model', {}, isObject))) {
    // The model would ignore these silently; settings.json is not checked the way the file is.
    const info = constantInfo(key);
    if (!info) ignored.push(`edpDesigner.model["${key}"]: no model constant has this name (see docs/MODEL.md); ignored.`);
    else if (typeof value !== 'number' || !(value >= info.minimum && value <= info.maximum)) {
      ignored.push(`edpDesigner.model["${key}"]: ${JSON.stringify(value)} is not a number from ${info.minimum} to ${info.maximum}; ignored.`);
    } else model[key] = value;
  }
  return {
    settings: {
      enable: pick('enable', d.enable, isBool),
      run: pick('run', d.run, isRun),
      debounceMs: Math.round(pick('debounceMs', d.debounceMs, isNonNegative)),
      rules,
      maxProblems: Math.floor(pick('maxProblems', d.maxProblems, isCount)),
      model,
      maxFileSizeMB: pick('maxFileSizeMB', d.maxFileSizeMB, isFileSize),
      codeLens: pick(SETTING_KEYS.codeLens, d.codeLens, isBool),
    },
    ignored,
  };
}

/** What reads settings: `vscode.workspace`, passed in so this module stays free of a runtime vscode import. */
type Configurations = Pick<typeof workspace, 'getConfiguration'>;

/** The `edpDesigner` settings that apply to `uri` (folder, workspace and user settings merged). */
export function settingsFor(configurations: Configurations, uri: Uri | undefined): SettingsRead {
  const config = configurations.getConfiguration('edpDesigner', uri);
  return readSettings((key) => config.get(key));
}

