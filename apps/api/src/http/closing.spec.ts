import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CLOSING_OPTIONS, closeGracefully } from './closing';

describe('closeGracefully', () => {
  it('answers the request under way and refuses one that comes after the close began, as problem+json', async () => {
    const fastify = Fastify(CLOSING_OPTIONS);
    closeGracefully(fastify);
    let arrived!: () => void;
    const slowArrived = new Promise<void>((resolve) => (arrived = resolve));
    let finish!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    fastify.get('/slow', async () => {
      arrived();
      await held;
      return { answered: true };
    });
    fastify.get('/next', async () => ({ served: true }));
    await fastify.listen({ port: 0, host: '127.0.0.1' });
    const { port } = fastify.server.address() as AddressInfo;

    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    const socketClosed = new Promise((resolve) => socket.on('close', resolve));
    socket.write('GET /slow HTTP/1.1\r\nHost: haven.test\r\n\r\n');
    await slowArrived;
    const closed = fastify.close();
    while (fastify.server.listening) await nextTurn();
    // On the same keep-alive connection, busy so still open, after the close began.
    socket.write('GET /next HTTP/1.1\r\nHost: haven.test\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    finish();
    await closed;
    await socketClosed;

    const [first, second] = received.split(/(?=HTTP\/1\.1 )/);
    expect(first).toMatch(/^HTTP\/1\.1 200 /);
    expect(first).toContain('{"answered":true}');
    expect(second).toMatch(/^HTTP\/1\.1 503 /);
    expect(second).toMatch(/^content-type: application\/problem\+json/im);
    expect(second).toMatch(/^retry-after: 5\r$/im);
    expect(second).toMatch(/^connection: close\r$/im);
    expect(JSON.parse(second.slice(second.indexOf('\r\n\r\n') + 4))).toMatchObject({
      type: 'urn:haven:problem:unavailable',
      status: 503,
      detail: 'This server is shutting down; try again in a few seconds.',
    });
  });
});
