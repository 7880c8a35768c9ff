@NSC-04 @daily @fresh-install @after-reboot
Feature: NSC-04 The user can write the default log file
  The daemon can write its log files as its own user.

  Scenario Outline: <service>: the user can write the default log file
    Then the user of the service "<service>" can write its log files

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
