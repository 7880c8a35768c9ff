# Named to run late in its worker, so the scenarios before it check the host as it was; the run adopts the new SSH
# connection after the reboot, so the scenarios after it (service_discovery.feature) check the rebooted host.
@NSC-10 @after-reboot @destructive @lifecycle
Feature: NSC-10 Rebooting the host (destructive: only with --allow-destructive)
  The runner reboots the host, waits until it accepts SSH again and systemd has settled, then checks every daemon
  against the state recorded just before. For real hosts and VMs; on the lab, the test harness plays the power
  button, since a container cannot boot itself again.

  Scenario: every service runs again after a reboot
    Given the state of the host is recorded
    When the host is rebooted
    Then every service runs again after the reboot
