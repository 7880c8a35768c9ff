@NSC-01 @daily @fresh-install
Feature: NSC-01 The service default user is not root
  Each daemon runs as the user the catalog documents, and that user is not root.
  Wazo runs wazo-sysconfd as root by design: the check reports it as a real finding.

  Scenario Outline: <service>: the default user is not root
    Then the service "<service>" runs as an unprivileged user

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
