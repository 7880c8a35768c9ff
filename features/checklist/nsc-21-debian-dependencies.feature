@NSC-21 @pending-fact
Feature: NSC-21 The dependencies are Debian packages
  Not in any profile yet: the fact snapshot does not gather pip installs, so every scenario ends as not checked.

  Scenario Outline: <service>: the dependencies are Debian packages
    Then the Python dependencies of the service "<service>" come from Debian packages

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
