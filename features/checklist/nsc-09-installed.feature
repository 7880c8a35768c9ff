@NSC-09 @daily @fresh-install
Feature: NSC-09 The service is correctly installed on a fresh install
  The package, its unit, its user, its configuration and its log files are in place.

  Scenario Outline: <service>: the service is correctly installed
    Then the service "<service>" is correctly installed

    Examples: every daemon of the catalog
      | service |
