@NSC-19-NGINX @daily
Feature: NSC-19-NGINX The REST API is routed by nginx to the service port
  The nginx location of the daemon is enabled and forwards to the port the catalog gives (the HTTPS answer itself is NSC-19).

  Scenario Outline: <service>: nginx routes the API to the service port
    Then nginx routes the API of the service "<service>" to its port

    Examples: every daemon of the catalog
      | service |
