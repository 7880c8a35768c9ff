# Named to run last in its worker, so the scenarios before it check the host as it was.
@lifecycle @destructive
Feature: NSC-11 and NSC-12 Upgrading the host with wazo-upgrade (destructive: only with --allow-destructive)
  The runner records the host's state, runs wazo-upgrade and checks every daemon against that state.

  @NSC-11 @after-upgrade
  Scenario: every service runs again after wazo-upgrade, on its new version
    Given the state of the host is recorded
    When the host is upgraded with wazo-upgrade
    Then every service runs again after the upgrade, on its new version

  @NSC-12 @ha-slave
  Scenario: every service is in its HA slave state after wazo-upgrade
    Given the state of the host is recorded
    When the host is upgraded with wazo-upgrade
    Then every service is in its HA slave state after the upgrade
