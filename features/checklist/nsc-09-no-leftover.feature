@NSC-09 @fresh-install
Feature: NSC-09 No leftover from an earlier install on a fresh install
  On a fresh install every file directly in a daemon's package-owned directories (by default the directory of its
  config.yml, e.g. /etc/<daemon>/; never conf.d/, where local overrides belong) belongs to an installed package.
  A file no package owns there (such as config.yml.dpkg-old), or only a removed package, is a leftover of an earlier install.
  Not @daily: an upgraded host legitimately keeps .dpkg-old and .dpkg-dist files beside its conffiles.

  Scenario Outline: <service>: no leftover from an earlier install
    Then the service "<service>" has no leftover from an earlier install

    Examples: every daemon of the catalog
      | service |
