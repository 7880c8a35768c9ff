@NSC-10 @daily @after-reboot
Feature: NSC-10 The service is correctly started on a reboot
  The unit is enabled for the multi-user target, so the daemon starts on boot.

  Scenario Outline: <service>: the service is started on a reboot
    Then the service "<service>" starts on boot

    Examples: every daemon of the catalog
      | service |
