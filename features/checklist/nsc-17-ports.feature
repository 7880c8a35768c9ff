@NSC-17 @daily @after-reboot
Feature: NSC-17 The ports used are listed in the doc; no usual test ports
  The daemon listens on the catalog's ports only, none of them a usual test port.

  Scenario Outline: <service>: the ports are the documented ones, no usual test port
    Then the service "<service>" listens on its documented ports only

    Examples: every daemon of the catalog
      | service |
