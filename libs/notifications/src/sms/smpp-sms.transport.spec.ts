import { redactPhone } from '@haven/identity';
import { smsSize } from '../templates/sms-segments';
import { parseReceipt, smsParts } from './smpp-sms.transport';
import { isStop } from './sms-transport';

describe('SMPP texts', () => {
  it('go whole when they fit one segment', () => {
    expect(smsParts('Haven: a short text')).toEqual([{ message: 'Haven: a short text' }]);
  });

  it('split into concatenated parts with one reference, in order', () => {
    const gsm = 'a'.repeat(200);
    const parts = smsParts(gsm);
    expect(parts.map((part) => part.message.length)).toEqual([153, 47]);
    expect(parts.map((part) => [...part.udh!])).toEqual([
      [5, 0, 3, parts[0].udh![3], 2, 1],
      [5, 0, 3, parts[0].udh![3], 2, 2],
    ]);
    const arabic = 'ب'.repeat(130);
    expect(smsParts(arabic).map((part) => part.message.length)).toEqual([67, 63]);
    expect(
      smsParts(arabic)
        .map((part) => part.message)
        .join(''),
    ).toBe(arabic);
  });

  it('never split a GSM-7 escape (two septets) across parts', () => {
    const text = `${'a'.repeat(152)}€${'b'.repeat(20)}`;
    const parts = smsParts(text);
    expect(parts[0].message).toBe('a'.repeat(152));
    expect(parts.every((part) => smsSize(part.message).units <= 153)).toBe(true);
  });

  it('read a delivery receipt', () => {
    expect(
      parseReceipt(
        'id:m12 sub:001 dlvrd:001 submit date:2612011200 done date:2612011201 stat:DELIVRD err:000 text:',
      ),
    ).toEqual({
      id: 'm12',
      state: 'DELIVRD',
    });
  });

  it('know STOP in its usual forms, and nothing else', () => {
    for (const text of ['STOP', ' stop ', 'Stop', 'توقف', 'UNSUBSCRIBE']) expect(isStop(text)).toBe(true);
    for (const text of ['please stop by tomorrow', 'STOPS', '']) expect(isStop(text)).toBe(false);
  });

  it('log numbers redacted', () => {
    expect(redactPhone('+9647912345678')).toBe('+96*********78');
    expect(redactPhone('+9647912345678')).not.toContain('791234');
  });
});
