@CATALOG @daily
Feature: The catalog covers every Wazo daemon
  Every wazo-* daemon unit on the host is in the catalog, so no daemon escapes the checklist.

  Scenario: the catalog covers every Wazo daemon
    Then the catalog names every Wazo daemon of the host
