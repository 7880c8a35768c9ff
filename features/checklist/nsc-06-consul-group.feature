@NSC-06 @daily
Feature: NSC-06 The user is in the consul group if it needs the default consul config file
  Consul is off by default since Dec 2022: the catalog says which daemons still read its default files.

  Scenario Outline: <service>: the user can read the default consul config file it needs
    Then the user of the service "<service>" can read the default Consul configuration it needs

    Examples: every daemon of the catalog
      | service |
