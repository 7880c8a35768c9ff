@daily
Feature: The REST APIs are published and reachable through the web server
  New service guidelines: "The OpenAPI spec is at http://<service_root_api>/<version>/api/api.yml" (NSC-18)
  and "The REST API is reachable via GET https://wazo/api/<service>" (NSC-19). Daemons without an HTTP
  API, or without a web server location, report "not applicable" with the catalog's reason.

  @NSC-18
  Scenario Outline: <service>: the API specification is published and valid
    Then the service "<service>" publishes a valid API specification

    Examples: every daemon of the catalog
      | service |

  @NSC-19
  Scenario Outline: <service>: the REST API is reachable through the web server
    Then the REST API of "<service>" is reachable through the web server

    Examples: every daemon of the catalog
      | service |

  # The routes each daemon's catalog entry lists (http.routes), and Asterisk's websocket, which no daemon serves.
  @NSC-19
  Scenario Outline: <service>: the web server serves "<route>"
    Then the web server serves "<route>" for "<service>"

    Examples: the routes the catalog lists for its daemons
      | service | route |

    Examples: Asterisk's websocket (wazo-platform/wazo-acceptance 69975a7c, features/daily/http.feature)
      | service  | route                |
      | asterisk | GET /api/asterisk/ws |
