@NSC-10 @daily @after-reboot
Feature: NSC-10 The service is correctly started on a reboot
  The unit is enabled for the multi-user target, so the daemon starts on boot.

  Scenario Outline: <service>: the service is started on a reboot
    Then the service "<service>" starts on boot

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
