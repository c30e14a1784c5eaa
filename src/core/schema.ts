// Placeholder until the precompiled validator lands: accepts everything.
import type { RawFinding } from './findings';

export function validateStructure(_value: unknown): RawFinding[] {
  return [];
}
