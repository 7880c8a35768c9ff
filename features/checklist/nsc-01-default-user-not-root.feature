@NSC-01 @daily @fresh-install
Feature: NSC-01 The service default user is not root
  Each daemon runs as the user the catalog documents, and that user is not root.
  A daemon that Wazo runs as root by design is reported as a real finding all the same.

  Scenario Outline: <service>: the default user is not root
    Then the service "<service>" runs as an unprivileged user

    Examples: every daemon of the catalog
      | service |
