@NSC-02 @daily @fresh-install
Feature: NSC-02 The service default user cannot log in to a shell
  The account has no login shell and no usable password.

  Scenario Outline: <service>: the default user cannot log in to a shell
    Then the user of the service "<service>" cannot log in to a shell

    Examples: every daemon of the catalog
      | service |
