@NSC-11 @after-upgrade @lifecycle
Feature: NSC-11 The service is correctly started on a wazo-upgrade (against the baseline)
  Every daemon that ran when the baseline was recorded runs again, was restarted after it, is not restarting
  in a loop and has its new package version.

  Scenario Outline: <service>: the service runs again after the upgrade
    Then the service "<service>" runs again after the upgrade, on its new version

    Examples: every daemon of the catalog
      | service |
