@NSC-17 @daily @after-reboot
Feature: NSC-17 The ports used are listed in the doc; no usual test ports
  The daemon listens on the catalog's ports only, none of them a usual test port.

  Scenario Outline: <service>: the ports are the documented ones, no usual test port
    Then the service "<service>" listens on its documented ports only

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
