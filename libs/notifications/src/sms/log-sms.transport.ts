import { Logger } from '@nestjs/common';
import { redactPhone } from '@haven/identity';
import { smsSize } from '../templates/sms-segments';
import { SmsMessage, SmsSent, SmsTransport } from './sms-transport';

/**
 * `SMS_URL=log:`: nothing leaves the machine. The log notes each text with the number redacted;
 * in development only (production refuses log:) the words too, so a person at the terminal can
 * read a verification code.
 */
export class LogSmsTransport implements SmsTransport {
  private readonly logger = new Logger('Sms');

  constructor(private readonly showText: boolean) {}

  async send(message: SmsMessage): Promise<SmsSent> {
    const size = smsSize(message.text);
    this.logger.log(
      {
        to: redactPhone(message.to),
        id: message.id,
        encoding: size.encoding,
        segments: size.segments,
        ...(this.showText ? { text: message.text } : {}),
      },
      'SMS (log: transport)',
    );
    return { providerIds: [], segments: size.segments };
  }

  listen(): void {}

  async close(): Promise<void> {}
}
