@NSC-17 @online
Feature: NSC-17 The ports used are listed in the doc (online part)
  Needs the internet; without it the scenarios end as not checked.

  Scenario Outline: <service>: the ports are listed in the network documentation
    Then the ports of the service "<service>" are listed in the network documentation

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
