@NSC-14 @daily
Feature: NSC-14 The service config files are copied by wazo-backup
  wazo-backup's data list covers every configuration path of the daemon.

  Scenario Outline: <service>: the config files are copied by wazo-backup
    Then the configuration of the service "<service>" is copied by wazo-backup

    Examples: every daemon of the catalog
      | service |
