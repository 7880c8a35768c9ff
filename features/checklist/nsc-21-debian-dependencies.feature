@NSC-21 @daily @fresh-install
Feature: NSC-21 The dependencies are Debian packages
  Nothing is pip-installed under /usr/local/lib/python3*: there it would shadow the Debian packages every daemon imports.

  Scenario Outline: <service>: the dependencies are Debian packages
    Then the Python dependencies of the service "<service>" come from Debian packages

    Examples: every daemon of the catalog
      | service |
