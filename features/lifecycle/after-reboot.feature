@NSC-10 @after-reboot @lifecycle
Feature: NSC-10 The service is correctly started on a reboot (against the baseline)
  Every daemon that ran when the baseline was recorded runs again, was started after the reboot and is not
  restarting in a loop. Without a baseline the run checks what it can and says what it could not.

  Scenario Outline: <service>: the service runs again after the reboot
    Then the service "<service>" runs again after the reboot

    Examples: every daemon of the catalog
      | service |
