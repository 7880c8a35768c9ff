@NSC-04 @daily @fresh-install @after-reboot
Feature: NSC-04 The user can write the default log file
  The daemon can write its log files as its own user.

  Scenario Outline: <service>: the user can write the default log file
    Then the user of the service "<service>" can write its log files

    Examples: every daemon of the catalog
      | service |
