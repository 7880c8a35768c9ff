@NSC-09 @daily @fresh-install
Feature: NSC-09 The service is correctly installed on a fresh install
  The package, its unit, its user, its configuration and its log files are in place.

  Scenario Outline: <service>: the service is correctly installed
    Then the service "<service>" is correctly installed

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
