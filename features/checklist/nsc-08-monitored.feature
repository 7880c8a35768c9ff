@NSC-08 @daily @after-reboot
Feature: NSC-08 The service is monitored by monit
  Since 2020 most daemons are restarted by systemd instead of monit; the catalog says which supervision applies.

  Scenario Outline: <service>: the service is monitored
    Then the service "<service>" is supervised as the catalog says

    Examples:
      | service         |
      | wazo-agentd     |
      | wazo-agid       |
      | wazo-amid       |
      | wazo-auth       |
      | wazo-call-logd  |
      | wazo-calld      |
      | wazo-chatd      |
      | wazo-confd      |
      | wazo-confgend   |
      | wazo-dird       |
      | wazo-dxtora     |
      | wazo-phoned     |
      | wazo-plugind    |
      | wazo-provd      |
      | wazo-setupd     |
      | wazo-sysconfd   |
      | wazo-webhookd   |
      | wazo-websocketd |
