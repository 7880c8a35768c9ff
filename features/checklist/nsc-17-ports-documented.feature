@NSC-17 @online
Feature: NSC-17 The ports used are listed in the doc (online part)
  Needs the internet; without it the scenarios end as not checked.

  Scenario Outline: <service>: the ports are listed in the network documentation
    Then the ports of the service "<service>" are listed in the network documentation

    Examples: every daemon of the catalog
      | service |
