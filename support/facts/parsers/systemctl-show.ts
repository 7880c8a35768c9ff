// Parses `systemctl show -p ... UNIT...`: one block of Key=Value lines per unit, blocks apart by a blank line.
import { RemoteCommandFailed } from '../../errors.ts';
import type { UnitProperties } from '../types.ts';

function parseBlock(block: string, unit: string): UnitProperties {
  const properties: UnitProperties = {};
  for (const line of block.split('\n')) {
    const eq = line.indexOf('=');
    if (eq <= 0)
      throw new RemoteCommandFailed(`systemctl show ${unit}: cannot parse line ${JSON.stringify(line)}`);
    properties[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return properties;
}

/** Blocks come in the order the units were asked for; their count must match. */
export function parseSystemctlShow(text: string, units: readonly string[]): Map<string, UnitProperties> {
  const blocks = text
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter((b) => b !== '');
  if (blocks.length !== units.length) {
    throw new RemoteCommandFailed(
      `systemctl show: expected ${units.length} unit blocks (${units.join(', ')}), found ${blocks.length}`,
    );
  }
  return new Map(units.map((unit, i) => [unit, parseBlock(blocks[i] ?? '', unit)]));
}
