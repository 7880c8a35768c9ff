@NSC-19-NGINX @daily
Feature: NSC-19-NGINX The REST API is routed by nginx to the service port
  The nginx location of the daemon is enabled and forwards to the port the catalog gives (the HTTPS answer itself is NSC-19).

  Scenario Outline: <service>: nginx routes the API to the service port
    Then nginx routes the API of the service "<service>" to its port

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
