@NSC-05 @daily @after-reboot
Feature: NSC-05 The user can write the PID file and its directory
  Where a daemon still has a PID file, its user can write it and its directory.

  Scenario Outline: <service>: the user can write the PID file and its directory
    Then the user of the service "<service>" can write its PID file and its directory

    Examples: every daemon of the catalog
      | service |
