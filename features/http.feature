@daily
Feature: The REST APIs are published and reachable through the web server
  New service guidelines: "The OpenAPI spec is at http://<service_root_api>/<version>/api/api.yml" (NSC-18)
  and "The REST API is reachable via GET https://wazo/api/<service>" (NSC-19). Daemons without an HTTP
  API, or without a web server location, report "not applicable" with the catalog's reason.

  @NSC-18
  Scenario Outline: <service>: the API specification is published and valid
    Then the service "<service>" publishes a valid API specification

    Examples:
      | service         |
      | wazo-confd      |
      | wazo-auth       |
      | wazo-calld      |
      | wazo-dird       |
      | wazo-agentd     |
      | wazo-chatd      |
      | wazo-webhookd   |
      | wazo-plugind    |
      | wazo-call-logd  |
      | wazo-websocketd |
      | wazo-setupd     |
      | wazo-sysconfd   |
      | wazo-provd      |
      | wazo-phoned     |
      | wazo-amid       |
      | wazo-confgend   |
      | wazo-agid       |
      | wazo-dxtora     |

  @NSC-19
  Scenario Outline: <service>: the REST API is reachable through the web server
    Then the REST API of "<service>" is reachable through the web server

    Examples:
      | service         |
      | wazo-confd      |
      | wazo-auth       |
      | wazo-calld      |
      | wazo-dird       |
      | wazo-agentd     |
      | wazo-chatd      |
      | wazo-webhookd   |
      | wazo-plugind    |
      | wazo-call-logd  |
      | wazo-websocketd |
      | wazo-setupd     |
      | wazo-sysconfd   |
      | wazo-provd      |
      | wazo-phoned     |
      | wazo-amid       |
      | wazo-confgend   |
      | wazo-agid       |
      | wazo-dxtora     |

  # The routes wazo-acceptance checks in features/daily/http.feature (wazo-acceptance 69975a7c).
  @NSC-19
  Scenario Outline: <target>: the web server serves "<route>"
    Then the web server serves "<route>" for "<target>"

    Examples:
      | target          | route                                |
      | wazo-agentd     | GET /api/agentd/1.0/agents           |
      | wazo-amid       | POST /api/amid/1.0/action/Command    |
      | asterisk        | GET /api/asterisk/ws                 |
      | wazo-auth       | GET /api/auth/0.1/backends           |
      | wazo-call-logd  | GET /api/call-logd/1.0/cdr           |
      | wazo-calld      | GET /api/calld/1.0/status            |
      | wazo-chatd      | GET /api/chatd/1.0/status            |
      | wazo-confd      | GET /api/confd/1.1/infos             |
      | wazo-dird       | GET /api/dird/0.1/config             |
      | wazo-plugind    | GET /api/plugind/0.2/config          |
      | wazo-provd      | GET /api/provd/0.2/configure         |
      | wazo-webhookd   | GET /api/webhookd/1.0/config         |
      | wazo-websocketd | GET /api/websocketd/                 |
