// The HTTP meter: rounds count requests that waited for another's answer; the peak counts requests at once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HttpClient, HttpResponse } from './client.ts';
import { HttpMeter } from './meter.ts';

/** A client whose requests answer when the test says so. */
function heldClient(): HttpClient & { answer(path: string): void } {
  const pending = new Map<string, () => void>();
  let count = 0;
  return {
    get requestCount() {
      return count;
    },
    request(path: string): Promise<HttpResponse> {
      count += 1;
      return new Promise((resolve) => {
        pending.set(path, () => resolve({ url: path, status: 200, headers: {}, body: '' }));
      });
    },
    answer(path: string) {
      const resolve = pending.get(path);
      assert.ok(resolve, `${path} was asked`);
      resolve();
    },
    close: async () => undefined,
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

void test('requests one after the other are one round each; requests together share one', async () => {
  const meter = new HttpMeter();
  const raw = heldClient();
  const client = meter.wrap(raw);
  const first = client.request('/a');
  raw.answer('/a');
  await first;
  const together = [client.request('/b'), client.request('/c'), client.request('/d')];
  await tick();
  assert.deepEqual(meter.traffic, { requests: 4, peakInFlight: 3, rounds: 2 });
  raw.answer('/b');
  await together[0];
  const after = client.request('/e');
  raw.answer('/c');
  raw.answer('/d');
  raw.answer('/e');
  await Promise.all([...together, after]);
  assert.deepEqual(meter.traffic, { requests: 5, peakInFlight: 3, rounds: 3 });
  assert.equal(client.requestCount, 5);
});

void test('a failed request ends its round too', async () => {
  const meter = new HttpMeter();
  const failing: HttpClient = {
    requestCount: 0,
    request: () => Promise.reject(new Error('refused')),
    close: async () => undefined,
  };
  const client = meter.wrap(failing);
  await assert.rejects(client.request('/a'), /refused/);
  await assert.rejects(client.request('/b'), /refused/);
  assert.deepEqual(meter.traffic, { requests: 2, peakInFlight: 1, rounds: 2 });
});
