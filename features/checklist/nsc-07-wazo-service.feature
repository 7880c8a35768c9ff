@NSC-07 @daily
Feature: NSC-07 The service is added to wazo-service if necessary
  wazo-service starts, stops and reports the daemons of a Wazo host.

  Scenario Outline: <service>: the service is added to wazo-service
    Then the service "<service>" is listed by wazo-service

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
