@NSC-07 @daily
Feature: NSC-07 The service is added to wazo-service if necessary
  wazo-service starts, stops and reports the daemons of a Wazo host.

  Scenario Outline: <service>: the service is added to wazo-service
    Then the service "<service>" is listed by wazo-service

    Examples: every daemon of the catalog
      | service |
