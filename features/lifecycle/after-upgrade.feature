@NSC-11 @after-upgrade @lifecycle
Feature: NSC-11 The service is correctly started on a wazo-upgrade (against the baseline)
  Every daemon that ran when the baseline was recorded runs again, was restarted after it, is not restarting
  in a loop and has its new package version.

  Scenario Outline: <service>: the service runs again after the upgrade
    Then the service "<service>" runs again after the upgrade, on its new version

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
