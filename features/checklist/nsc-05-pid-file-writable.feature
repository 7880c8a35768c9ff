@NSC-05 @daily @after-reboot
Feature: NSC-05 The user can write the PID file and its directory
  Where a daemon still has a PID file, its user can write it and its directory.

  Scenario Outline: <service>: the user can write the PID file and its directory
    Then the user of the service "<service>" can write its PID file and its directory

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
