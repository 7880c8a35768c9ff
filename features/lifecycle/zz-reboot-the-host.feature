# Named to run last in its worker: the reboot ends the run's SSH connection (use --parallel 0).
@NSC-10 @after-reboot @destructive @lifecycle
Feature: NSC-10 Rebooting the host (destructive: only with --allow-destructive)
  The runner reboots the host, waits until it accepts SSH again and systemd has settled, then checks every daemon
  against the state recorded just before. For real hosts and VMs: a container cannot boot itself again.

  Scenario: every service runs again after a reboot
    Given the state of the host is recorded
    When the host is rebooted
    Then every service runs again after the reboot
