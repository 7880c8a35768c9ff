// The nginx locations parser on recorded and written location files: nginx's own syntax, and refusals naming the line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recorded } from '../testing/recorded.ts';
import { parseNginxLocations } from './nginx-locations.ts';

const AT = '/etc/nginx/locations/https-available';

function refusal(text: string): string {
  try {
    parseNginxLocations('wazo-x', text);
  } catch (error) {
    return (error as Error).message;
  }
  return assert.fail('expected a refusal');
}

void test('each location with its modifier, proxy_pass and includes', () => {
  assert.deepEqual(
    parseNginxLocations('wazo-auth', recorded('nginx-available', 'container-wazo-auth').stdout),
    [
      {
        file: 'wazo-auth',
        enabled: false,
        modifier: '^~',
        prefix: '/api/auth/',
        proxyPass: 'http://127.0.0.1:9497/',
      },
      {
        file: 'wazo-auth',
        enabled: false,
        modifier: '=',
        prefix: '/api/auth/0.1/status',
        proxyPass: 'http://127.0.0.1:9497/0.1/status',
        includes: ['/etc/nginx/wazo-no-auth-shared.conf'],
      },
    ],
  );
});

void test("Wazo's shape: several ^~ blocks, narrower ones before and after the generic one, shared includes", () => {
  const found = parseNginxLocations('wazo-confd', recorded('nginx-available', 'wazo-shape-confd').stdout);
  assert.deepEqual(
    found.map((l) => [l.modifier, l.prefix, l.proxyPass, l.includes]),
    [
      [
        '^~',
        '/api/confd/1.1/guests',
        'http://127.0.0.1:9486/1.1/guests',
        ['/etc/nginx/wazo-confd-shared.conf', '/etc/nginx/wazo-no-auth-shared[.]conf'],
      ],
      ['^~', '/api/confd/', 'http://127.0.0.1:9486/', ['/etc/nginx/wazo-confd-shared.conf']],
      [
        '^~',
        '/api/confd/1.1/users/import',
        'http://127.0.0.1:9486/1.1/users/import',
        ['/etc/nginx/wazo-confd-shared.conf'],
      ],
    ],
  );
});

void test('nested locations, quoted prefixes, comments and if blocks', () => {
  const found = parseNginxLocations('x', recorded('nginx-available', 'synthetic-nested').stdout);
  assert.deepEqual(
    found.map((l) => [l.modifier ?? '', l.prefix, l.proxyPass ?? '']),
    [
      ['^~', '/api/confd/', 'http://127.0.0.1:9486/'],
      ['', '/api/confd/1.1/guests', 'http://127.0.0.1:9486/1.1/guests'],
      ['~', '^/api/confd/1.1/users/import$', ''],
      ['=', '/api/asterisk/ws', 'http://127.0.0.1:5039/ws'],
    ],
  );
});

void test("nginx's syntax: escaped quotes, $var and ${var}, '#' inside a word, '}' inside a word, attached modifiers", () => {
  const found = parseNginxLocations('x', recorded('nginx-available', 'synthetic-syntax').stdout);
  assert.deepEqual(
    found.map((l) => [l.modifier ?? '', l.prefix, l.proxyPass ?? '']),
    [
      ['', '/api/a b/', "http://127.0.0.1:9001/a'b/"],
      ['=', '/api/exact', '${target}exact'],
      ['~*', '\\.(png|jpg)$', 'http://127.0.0.1:9003/#not-a-comment'],
      ['^~', '/api/brace}/', 'http://127.0.0.1:9004/'],
      ['', '/api/quoted-then-paren', 'http://127.0.0.1:9005/'],
      ['', '@fallback', 'http://127.0.0.1:9006/'],
    ],
  );
});

void test('a comment starts only at the start of a token, and runs to the end of its line', () => {
  const found = parseNginxLocations(
    'x',
    'location /a#b { # { not a block\n  proxy_pass http://h:1/;#c }\n}\n',
  );
  assert.deepEqual(found, [{ file: 'x', enabled: false, prefix: '/a#b', proxyPass: 'http://h:1/' }]);
});

void test('what nginx refuses is refused, naming the file and the line', () => {
  assert.equal(
    refusal(recorded('nginx-available', 'synthetic-unclosed').stdout),
    `nginx: unexpected end of file, expecting "}" for the block of line 1 in ${AT}/wazo-x:2`,
  );
  assert.equal(
    refusal('location /a {\n  proxy_pass http://h:1/;\n}\n}\n'),
    `nginx: unexpected "}" in ${AT}/wazo-x:4`,
  );
  assert.equal(
    refusal('location /a {\n  proxy_pass http://h:1/\n}\n'),
    `nginx: unexpected "}" in ${AT}/wazo-x:3`,
  );
  assert.equal(
    refusal('location /a {\n  proxy_set_header X "a\n\nb;\n}\n'),
    `nginx: unexpected end of file in the " string opened in ${AT}/wazo-x:2`,
  );
  assert.equal(
    refusal('location /a {\n  proxy_set_header X "a"b;\n}\n'),
    `nginx: unexpected "b" in ${AT}/wazo-x:2`,
  );
  assert.equal(refusal('\n\n;\n'), `nginx: unexpected ";" in ${AT}/wazo-x:3`);
  assert.equal(
    refusal('location /a {\n proxy_pass http://h:1/;\n}\nproxy_pass'),
    `nginx: unexpected end of file, expecting ";" or "}" in ${AT}/wazo-x:4`,
  );
  assert.equal(refusal('location ^^ /a {\n}\n'), `nginx: invalid location modifier "^^" in ${AT}/wazo-x:1`);
  assert.equal(
    refusal('\nlocation {\n}\n'),
    `nginx: invalid number of arguments in "location" directive in ${AT}/wazo-x:2`,
  );
});

void test('what the snapshot prints when it is not a locations file is refused, not read as no location', () => {
  assert.equal(
    refusal('\u0001\u0002 not what the command prints\n%%%\t\t'),
    `nginx: unexpected end of file, expecting ";" or "}" in ${AT}/wazo-x:2`,
  );
});
