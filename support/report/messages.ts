// The slice of the cucumber message stream the reports read, typed structurally so real Envelopes fit.
import { ConfigError } from '../errors.ts';

export interface Timestamp {
  seconds: number;
  nanos: number;
}

export interface PickleMessage {
  id: string;
  uri: string;
  name: string;
  tags: readonly { name: string }[];
  steps: readonly { id: string; text: string }[];
}

export interface TestCaseMessage {
  id: string;
  pickleId: string;
  testSteps: readonly { id: string; pickleStepId?: string }[];
}

export interface TestCaseStartedMessage {
  id: string;
  testCaseId: string;
  attempt: number;
  timestamp: Timestamp;
}

export interface TestCaseFinishedMessage {
  testCaseStartedId: string;
  timestamp: Timestamp;
  willBeRetried: boolean;
}

export interface StepResultMessage {
  status: string;
  message?: string;
  exception?: { type: string; message?: string };
}

export interface TestStepFinishedMessage {
  testCaseStartedId: string;
  testStepId: string;
  testStepResult: StepResultMessage;
}

export interface AttachmentMessage {
  body: string;
  contentEncoding: string;
  mediaType: string;
  testCaseStartedId?: string;
}

/** One line of cucumber's `--format message` output; other message kinds are ignored. */
export interface MessageEnvelope {
  pickle?: PickleMessage;
  testCase?: TestCaseMessage;
  testCaseStarted?: TestCaseStartedMessage;
  testCaseFinished?: TestCaseFinishedMessage;
  testStepFinished?: TestStepFinishedMessage;
  attachment?: AttachmentMessage;
  testRunStarted?: { timestamp: Timestamp };
  testRunFinished?: { timestamp: Timestamp; success: boolean };
}

/** Parses NDJSON text (one envelope a line); names the line of a broken one. */
export function parseNdjson(text: string, source: string): MessageEnvelope[] {
  const envelopes: MessageEnvelope[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      envelopes.push(JSON.parse(line) as MessageEnvelope);
    } catch (err) {
      throw new ConfigError(
        `${source}:${index + 1}: expected one JSON message per line, found ${line.slice(0, 40)}`,
        {
          cause: err,
        },
      );
    }
  });
  return envelopes;
}

export function toMillis(t: Timestamp): number {
  return t.seconds * 1000 + Math.floor(t.nanos / 1e6);
}
