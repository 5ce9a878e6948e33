import { describe, expect, it } from 'vitest';
import { deliveryFailure } from './delivery-failure';

const classify = (error: unknown) => {
  const failure = deliveryFailure(error, { user: 'mailer', pass: 'hunter22' });
  return [failure.code, failure.delivery?.retryable, failure.delivery?.outcomeUnknown] as const;
};

describe('deliveryFailure', () => {
  it('follows the SMTP reply class: 4xx and 503 retry, other 5xx do not', () => {
    expect(
      classify({ code: 'EENVELOPE', responseCode: 452, response: '452 4.2.2 Mailbox full', command: 'RCPT TO' }),
    ).toEqual(['delivery_unavailable', true, false]);
    expect(classify({ code: 'EPROTOCOL', responseCode: 503, response: '503 5.5.1 Bad sequence' })).toEqual([
      'delivery_unavailable',
      true,
      false,
    ]);
    expect(
      classify({ code: 'EMESSAGE', responseCode: 554, response: '554 5.7.1 Message refused', command: 'DATA' }),
    ).toEqual(['delivery_rejected', false, false]);
  });

  it('treats the configuration and the message itself as permanent, the line as transient', () => {
    expect(classify({ code: 'ENOAUTH' })).toEqual(['delivery_rejected', false, false]);
    expect(classify({ code: 'EENVELOPE', message: 'No recipients defined' })).toEqual([
      'delivery_rejected',
      false,
      false,
    ]);
    expect(classify({ code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN' })).toEqual([
      'delivery_unavailable',
      true,
      false,
    ]);
    expect(classify({ code: 'ESOCKET', originalCode: 'ECONNRESET', command: 'CONN' })).toEqual([
      'delivery_unavailable',
      true,
      true,
    ]);
    expect(classify({ code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT' })).toEqual([
      'delivery_unavailable',
      true,
      false,
    ]);
    expect(classify({ code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT', command: 'CONN' })).toEqual([
      'delivery_unavailable',
      true,
      true,
    ]);
    expect(classify(new Error('something else'))).toEqual(['delivery_unavailable', true, true]);
  });

  it('keeps credentials out of the message, however the server echoed them', () => {
    const plain = Buffer.from('\u0000mailer\u0000hunter22').toString('base64');
    const failure = deliveryFailure(
      {
        code: 'EAUTH',
        responseCode: 535,
        response: `535 5.7.8 bad: hunter22 ${plain} ${Buffer.from('hunter22').toString('base64')}`,
        command: `AUTH PLAIN ${plain}`,
      },
      { user: 'mailer', pass: 'hunter22' },
    );
    expect(failure.message).toBe(
      'The mail server refused the email for good (SMTP 535 5.7.8 at AUTH): 535 5.7.8 bad: [redacted] [redacted] [redacted]. Fix the cause, then re-send.',
    );
    expect(failure.delivery?.command).toBe('AUTH');
    expect(failure.cause).toBeUndefined();
  });
});
