@daily @NSC-16
Feature: The daemons register for service discovery
  New service guidelines: "The service registers with Consul for service discovery". Consul has been off
  by default since Dec 2022, so where it is not enabled every scenario reports "not applicable: Consul is not
  enabled on this host"; daemons that never register report the catalog's reason.

  Scenario Outline: <service>: the service is registered for service discovery
    Then the service "<service>" is registered for service discovery

    Examples: every daemon of the catalog
      | service |
