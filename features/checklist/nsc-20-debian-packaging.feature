@NSC-20 @daily @fresh-install
Feature: NSC-20 The service has packaging for the latest Debian stable
  The daemon comes from a Debian package built for the host's architecture and release.

  Scenario Outline: <service>: the service is packaged for the Debian release of the host
    Then the service "<service>" is packaged for the Debian release of the host

    Examples: every daemon of the catalog
      | service |
