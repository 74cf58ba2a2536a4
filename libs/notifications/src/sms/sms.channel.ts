import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@haven/core';
import { LogSmsTransport } from './log-sms.transport';
import { SmppSmsTransport } from './smpp-sms.transport';
import { SmsInbound, SmsMessage, SmsSent, SmsTransport } from './sms-transport';

/** Text messages, through the transport SMS_URL names (`off` sends nothing and refuses to). */
@Injectable()
export class SmsChannel implements OnModuleDestroy {
  readonly name = 'sms' as const;
  private readonly transport: SmsTransport | null;

  constructor(config: AppConfig) {
    this.transport =
      config.SMS_URL === 'off'
        ? null
        : config.SMS_URL === 'log:'
          ? new LogSmsTransport(config.NODE_ENV === 'development')
          : new SmppSmsTransport(config.SMS_URL);
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  send(message: SmsMessage): Promise<SmsSent> {
    if (!this.transport) return Promise.reject(new Error('SMS is off (SMS_URL=off)'));
    return this.transport.send(message);
  }

  listen(inbound: SmsInbound): void {
    this.transport?.listen(inbound);
  }

  async onModuleDestroy(): Promise<void> {
    await this.transport?.close();
  }
}
