@NSC-08 @daily @after-reboot
Feature: NSC-08 The service is monitored by monit
  Since 2020 most daemons are restarted by systemd instead of monit; the catalog says which supervision applies.

  Scenario Outline: <service>: the service is monitored
    Then the service "<service>" is supervised as the catalog says

    Examples: every daemon of the catalog
      | service |
