// Choosing the container engine: an answering DOCKER_HOST is used as is, a silent one is named in the error.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { chooseDockerHost } from './engine.ts';

const saved = process.env['DOCKER_HOST'];
after(() => {
  if (saved === undefined) delete process.env['DOCKER_HOST'];
  else process.env['DOCKER_HOST'] = saved;
});

async function fakeEngine(status: number): Promise<{ socket: string; server: Server }> {
  const socket = join(mkdtempSync(join(tmpdir(), 'lab-engine-')), 'engine.sock');
  const server = createServer((req, res) => {
    res.statusCode = req.url === '/_ping' ? status : 404;
    res.end('OK');
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return { socket, server };
}

const lines: string[] = [];
const log = (line: string) => void lines.push(line);

void test('a DOCKER_HOST whose engine answers the ping is used as is', async () => {
  const { socket, server } = await fakeEngine(200);
  process.env['DOCKER_HOST'] = `unix://${socket}`;
  try {
    assert.equal(await chooseDockerHost(log), `unix://${socket}`);
  } finally {
    server.close();
  }
});

void test('a tcp DOCKER_HOST is left to testcontainers', async () => {
  process.env['DOCKER_HOST'] = 'tcp://127.0.0.1:2375';
  assert.equal(await chooseDockerHost(log), 'tcp://127.0.0.1:2375');
});

void test('a DOCKER_HOST that answers with an error, or not at all, is refused by name', async () => {
  const { socket, server } = await fakeEngine(500);
  process.env['DOCKER_HOST'] = `unix://${socket}`;
  try {
    await assert.rejects(chooseDockerHost(log), {
      code: 'CONFIG_ERROR',
      message: `no container engine answers at DOCKER_HOST=unix://${socket} (ping timed out or refused)`,
    });
  } finally {
    server.close();
  }
  process.env['DOCKER_HOST'] = 'unix:///nonexistent/docker.sock';
  await assert.rejects(chooseDockerHost(log), {
    code: 'CONFIG_ERROR',
    message:
      'no container engine answers at DOCKER_HOST=unix:///nonexistent/docker.sock (ping timed out or refused)',
  });
  assert.deepEqual(lines, []);
});
