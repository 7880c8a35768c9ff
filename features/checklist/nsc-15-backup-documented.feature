@NSC-15 @online
Feature: NSC-15 The config files are listed in the backup documentation
  Needs the internet; without it the scenarios end as not checked.

  Scenario Outline: <service>: the config files are listed in the backup documentation
    Then the configuration of the service "<service>" is listed in the backup documentation

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
