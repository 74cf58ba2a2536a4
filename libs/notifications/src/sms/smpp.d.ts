/** The `smpp` package ships no types; Haven uses connect (the client) and createServer (tests). */
declare module 'smpp' {
  import { EventEmitter } from 'node:events';
  import { Server as NetServer } from 'node:net';

  export interface PDU {
    command: string;
    command_status: number;
    [field: string]: unknown;
    response(fields?: object): PDU;
  }

  export class Session extends EventEmitter {
    send(pdu: PDU, callback?: (pdu: PDU) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    [command: string]: unknown;
  }

  export class Server extends NetServer {
    sessions: Session[];
  }

  export function connect(options: object, listener?: () => void): Session;
  export function createServer(options: object, listener?: (session: Session) => void): Server;
}
