@NSC-13 @online
Feature: NSC-13 The service is documented on wazo-platform.org
  Needs the internet; without it the scenarios end as not checked.

  Scenario Outline: <service>: the service is documented on wazo-platform.org
    Then the service "<service>" is documented on wazo-platform.org

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
