// Cucumber profiles: `npx cucumber-js -p <profile>`; the CLI (support/cli/main.ts) runs the same ones.
// The feature files are templates: their per-daemon Examples tables are filled from the resolved catalog at load
// time (support/catalog/expand.ts), so `npx cucumber-js`, the CLI, --dry-run and --parallel all plan the same
// scenarios for whatever daemons the catalog holds.
// tsx refuses to be a `loader` ("must be loaded with --import"): registering it here lets this file and the support
// code import TypeScript; it stays first in `import` for cucumber's parallel workers.
import './support/cli/register-tsx.mjs';

const common = {
  import: ['support/cli/register-tsx.mjs', 'support/world.ts', 'steps/**/*.ts'],
  strict: true,
};

// The lifecycle profiles include their @destructive scenarios: steps/hooks.ts skips them without --allow-destructive.
export default async function profiles() {
  const { featurePaths } = await import('./support/catalog/feature-files.ts');
  const paths = featurePaths();
  const profile = (tags) => ({ ...common, paths, tags });
  return {
    default: profile('@daily and not @destructive and not @online'),
    daily: profile('@daily and not @destructive and not @online'),
    'after-reboot': profile('(@daily or @after-reboot) and not @online'),
    'after-upgrade': profile('(@daily or @after-upgrade) and not @online'),
    'fresh-install': profile('(@daily or @fresh-install) and not @destructive and not @online'),
    'ha-slave': profile('@ha-slave and not @online'),
    lab: profile('((@daily and not @destructive) or @lab) and not @online'),
  };
}
