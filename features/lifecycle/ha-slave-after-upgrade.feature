@NSC-12 @ha-slave @lifecycle
Feature: NSC-12 The service is in the correct state on an HA slave, also after an upgrade
  On an HA slave the daemons gated by the disabled flag and monit are stopped and the others run, whether or not
  the flag is still there (wazo-upgrade removes it). The host is a slave when the flag is there now, or was in the
  state recorded before the upgrade (the baseline); otherwise the scenarios do not apply.

  Scenario Outline: <service>: the service is in its HA slave state, also after an upgrade
    Then the service "<service>" is in its HA slave state after the upgrade

    Examples: every daemon of the catalog
      | service |
