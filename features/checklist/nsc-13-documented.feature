@NSC-13 @online
Feature: NSC-13 The service is documented on wazo-platform.org
  Needs the internet; without it the scenarios end as not checked.

  Scenario Outline: <service>: the service is documented on wazo-platform.org
    Then the service "<service>" is documented on wazo-platform.org

    Examples: every daemon of the catalog
      | service |
