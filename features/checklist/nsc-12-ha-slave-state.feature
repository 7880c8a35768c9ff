@NSC-12 @ha-slave
Feature: NSC-12 The service is in the correct state on an HA slave
  On an HA slave (the disabled flag is there) the daemons gated by the flag and monit are stopped and the others run.

  Scenario Outline: <service>: the service is in the correct state on an HA slave
    Then the service "<service>" is in its HA slave state

    Examples: every daemon of the catalog
      | service |
