@NSC-20 @daily @fresh-install
Feature: NSC-20 The service has packaging for the latest Debian stable
  The daemon comes from a Debian package built for the host's architecture and release.

  Scenario Outline: <service>: the service is packaged for the Debian release of the host
    Then the service "<service>" is packaged for the Debian release of the host

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
