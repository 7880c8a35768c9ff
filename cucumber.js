// Cucumber profiles: `npx cucumber-js -p <profile>`; the CLI (support/cli/main.ts) runs the same ones.
const common = {
  paths: ['features/**/*.feature'],
  // tsx refuses to be a `loader` ("must be loaded with --import"): the first import registers it instead.
  import: ['support/cli/register-tsx.mjs', 'support/world.ts', 'steps/**/*.ts'],
  strict: true,
};

// The lifecycle profiles include their @destructive scenarios: steps/hooks.ts skips them without --allow-destructive.
const profile = (tags) => ({ ...common, tags });

export default function profiles() {
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
