@NSC-15 @online
Feature: NSC-15 The config files are listed in the backup documentation
  Needs the internet; without it the scenarios end as not checked.

  Scenario Outline: <service>: the config files are listed in the backup documentation
    Then the configuration of the service "<service>" is listed in the backup documentation

    Examples: every daemon of the catalog
      | service |
