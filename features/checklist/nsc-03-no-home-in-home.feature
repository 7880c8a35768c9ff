@NSC-03 @daily @fresh-install
Feature: NSC-03 No /home/user, only /var/lib/user if necessary
  The account lives under /var/lib, never under /home.

  Scenario Outline: <service>: no home under /home, only /var/lib if necessary
    Then the user of the service "<service>" has no home under "/home"

    Examples: every daemon of the catalog
      | service |
