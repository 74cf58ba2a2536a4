/* An SMTP sink in its own process (the benchmark's mail server): it accepts every message and, asked
   over IPC, answers how many it has received. `node dist/bench/smtp-sink.js` prints its port. */
import { SMTPServer } from 'smtp-server';

let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  disableReverseLookup: true,
  logger: false,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      received += 1;
      callback();
    });
  },
});
server.on('error', () => undefined);
server.listen(0, '127.0.0.1', () => {
  const address = server.server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('message', (message: { reset?: boolean }) => {
  if (message.reset) received = 0;
  process.send?.({ received });
});
process.on('disconnect', () => process.exit(0));
