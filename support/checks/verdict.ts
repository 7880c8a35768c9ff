// Turns a raw check result into the final one, applying waivers (stub until waivers land).
import type { CheckResult } from './result.ts';

export interface Waiver {
  hostPattern: string;
  service: string;
  item: string;
  justification: string;
  /** YYYY-MM-DD, inclusive. */
  expires: string;
}

export function settle(result: CheckResult, _waivers: readonly Waiver[], _now: Date): CheckResult {
  return result;
}
