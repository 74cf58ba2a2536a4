import { AddressInfo, connect } from 'node:net';
import { Writable } from 'node:stream';
import { eventually } from './support/polling';
import { register, startTestApi, TestApi } from './support/test-api';

interface RequestLine {
  msg: string;
  req: { id: string; method: string; url: string; remoteAddress: string };
  res: { statusCode: number };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * One log line per request, under an id that names it across processes (a UUID, or the caller's
 * X-Request-Id), and none for the health probes an orchestrator calls every few seconds.
 */
describe('request logs (e2e)', () => {
  let api: TestApi;
  const lines: string[] = [];

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    api = await startTestApi({ LOG_LEVEL: 'info' }, { logDestination: destination });
  });

  afterAll(async () => {
    await api.close();
  });

  const requestLines = (): RequestLine[] =>
    lines.map((line) => JSON.parse(line) as RequestLine).filter((line) => line.msg === 'request completed');

  it('logs each request once under a UUID, or the trace id the caller sent', async () => {
    await api.http.get('/health/live').expect(200);
    await api.http.get('/health/ready').expect(200);
    await api.http.get('/api/v1/tasks?limit=1').expect(401);
    await api.http.get('/api/v1/tasks?limit=2').expect(401);
    await api.http.get('/api/v1/tasks?limit=3').set('X-Request-Id', 'trace-0123456789').expect(401);
    await api.http.get('/api/v1/tasks?limit=4').set('X-Request-Id', 'not a trace id!').expect(401);
    await eventually(() => requestLines().length >= 4, 'four request lines');

    expect(requestLines().filter((line) => line.req.url.startsWith('/health'))).toEqual([]);
    const logged = requestLines().filter((line) => line.req.url.startsWith('/api/v1/'));
    expect(logged.map((line) => line.req.url)).toEqual([
      '/api/v1/tasks?limit=1',
      '/api/v1/tasks?limit=2',
      '/api/v1/tasks?limit=3',
      '/api/v1/tasks?limit=4',
    ]);
    expect(logged.map((line) => line.res.statusCode)).toEqual([401, 401, 401, 401]);
    const [first, second, traced, refused] = logged.map((line) => line.req.id);
    expect([first, second, refused].every((id) => UUID.test(id))).toBe(true);
    expect(new Set([first, second, refused]).size).toBe(3);
    expect(traced).toBe('trace-0123456789');
    // Four fields of the request, none of its headers.
    expect(logged.map((line) => Object.keys(line.req).sort())).toEqual(
      Array(4).fill(['id', 'method', 'remoteAddress', 'url']),
    );
    expect(logged.every((line) => line.req.remoteAddress.endsWith('127.0.0.1'))).toBe(true);
  });

  it('logs a cached answer once, as it logs any other', async () => {
    const volunteer = await register(api);
    const url = '/api/v1/tasks?limit=7';
    for (let read = 0; read < 3; read++) {
      await api.http.get(url).set('Authorization', `Bearer ${volunteer.accessToken}`).expect(200);
    }
    // The first read fills the cache; the others are answered from it, before the request log.
    await eventually(() => requestLines().filter((line) => line.req.url === url).length >= 3, 'three lines');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const logged = requestLines().filter((line) => line.req.url === url);
    expect(logged).toHaveLength(3);
    for (const line of logged) {
      expect(Object.keys(line.req).sort()).toEqual(['id', 'method', 'remoteAddress', 'url']);
      expect(line).toMatchObject({ req: { method: 'GET' }, res: { statusCode: 200 } });
      expect(line.req.id).toMatch(UUID);
      expect(typeof (line as unknown as { responseTime: unknown }).responseTime).toBe('number');
    }
    expect(new Set(logged.map((line) => line.req.id)).size).toBe(3);
    expect(lines.join('')).not.toContain(volunteer.accessToken);
  });

  it('logs a request whose client left before the answer once, as aborted', async () => {
    const server = api.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    // A whole sign-in (its password check takes a while), then the client hangs up before the answer.
    const body = JSON.stringify({ email: 'nobody-at-all@example.org', password: 'a sturdy passphrase 42' });
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write(
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: haven.test\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: left-early-0001\r\n\r\n${body}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    socket.destroy();
    const logged = () =>
      lines
        .map((line) => JSON.parse(line) as RequestLine)
        .filter((line) => line.req?.id === 'left-early-0001');
    await eventually(() => logged().length > 0, 'the aborted request line');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(logged()).toEqual([
      expect.objectContaining({
        msg: 'request aborted',
        req: { id: 'left-early-0001', method: 'POST', url: '/api/v1/auth/login', remoteAddress: '127.0.0.1' },
      }),
    ]);
    expect(lines.join('')).not.toContain('sturdy passphrase');
  });

  it('never writes the bearer token or a token in the URL', async () => {
    await api.http
      .get('/api/v1/tasks?limit=5&token=url-secret-value')
      .set('Authorization', 'Bearer header.secret.value')
      .expect(401);
    await eventually(() => requestLines().some((line) => line.req.url.includes('limit=5')), 'the line');
    const text = lines.join('');
    expect(text).not.toContain('url-secret-value');
    expect(text).not.toContain('header.secret.value');
    expect(requestLines().find((line) => line.req.url.includes('limit=5'))?.req.url).toBe(
      '/api/v1/tasks?limit=5&token=[Redacted]',
    );
  });
});
