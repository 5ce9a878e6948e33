import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** A message the server accepted: the raw bytes, the envelope and the parsed mail. */
export interface ReceivedMail {
  readonly raw: Buffer;
  readonly envelope: { readonly from: string; readonly to: readonly string[] };
  readonly parsed: ParsedMail;
  readonly messageId: string;
}

/**
 * One fault the server plays at a step of the next transaction: a reply (`421 …`, `550 …`), a connection
 * dropped after the message was stored (the client never hears 250), or a step held without an answer until
 * {@link SmtpHarness.release} (a slow server).
 */
export type SmtpFault =
  | { readonly at: 'MAIL' | 'RCPT' | 'DATA'; readonly reply: number; readonly message: string }
  | { readonly at: 'DATA'; readonly drop: 'after-storing' }
  | { readonly at: 'MAIL'; readonly hold: true };

/** A real SMTP server (smtp-server) on loopback that records what it accepts and plays faults on demand. */
export interface SmtpHarness {
  readonly port: number;
  /** Every message stored, in order (a dropped connection after storing still stores). */
  readonly received: ReceivedMail[];
  /** What a receiver keeps after dropping repeats: the first message of each Message-ID. */
  deduplicated(): ReceivedMail[];
  /** Queues faults; each is played once, at its step, in order. */
  fault(...faults: SmtpFault[]): void;
  /** Resolves when a step is being held (the client is waiting for an answer). */
  held(): Promise<void>;
  /** Lets held steps go on (answered with a 451, the client has given up by then). */
  release(): void;
  /** Sessions that authenticated, by user name (the password is checked, never recorded). */
  readonly logins: string[];
  close(): Promise<void>;
}

/**
 * Starts the server on 127.0.0.1 and a free port; with `credentials`, AUTH PLAIN/LOGIN is required. With
 * `record: false` it only counts what it accepts (benchmarks: no parsing on the server's side).
 */
export async function startSmtpServer(
  credentials?: { user: string; pass: string },
  { record = true }: { record?: boolean } = {},
): Promise<SmtpHarness & { readonly accepted: () => number }> {
  let accepted = 0;
  const received: ReceivedMail[] = [];
  const logins: string[] = [];
  const faults: SmtpFault[] = [];
  const waiting: (() => void)[] = [];
  let onHeld: (() => void) | undefined;
  const heldSignal = () => new Promise<void>((resolve) => (onHeld = resolve));
  let heldPromise = heldSignal();
  const take = (at: SmtpFault['at']) => {
    const index = faults.findIndex((fault) => fault.at === at);
    return index < 0 ? undefined : faults.splice(index, 1)[0];
  };
  const reply = (fault: SmtpFault | undefined) => {
    if (fault === undefined || !('reply' in fault)) return undefined;
    return Object.assign(new Error(fault.message), { responseCode: fault.reply });
  };
  const server: SMTPServer = new SMTPServer({
    logger: false,
    disabledCommands: credentials ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: credentials === undefined,
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    size: 20 * 1024 * 1024,
    onAuth(auth, _session, callback) {
      if (credentials && auth.username === credentials.user && auth.password === credentials.pass) {
        logins.push(auth.username ?? '');
        callback(null, { user: auth.username });
      } else {
        // A careless server that echoes what it was given: the client must not pass that on.
        const echo = `Authentication failed for ${auth.username} with password ${auth.password}`;
        callback(Object.assign(new Error(echo), { responseCode: 535 }));
      }
    },
    onMailFrom(_address, _session, callback) {
      const fault = take('MAIL');
      if (fault !== undefined && 'hold' in fault) {
        waiting.push(() => callback(Object.assign(new Error('Try again later'), { responseCode: 451 })));
        onHeld?.();
        return;
      }
      callback(reply(fault));
    },
    onRcptTo(_address, _session, callback) {
      callback(reply(take('RCPT')));
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        const fault = take('DATA');
        const failure = reply(fault);
        if (failure) return callback(failure);
        accepted += 1;
        if (!record) return callback(null, 'Queued');
        const raw = Buffer.concat(chunks);
        const parsed = await simpleParser(raw);
        received.push({
          raw,
          parsed,
          messageId: parsed.messageId ?? '',
          envelope: {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          },
        });
        if (fault !== undefined && 'drop' in fault) {
          // Stored, then the line goes dead before "250 OK": the client cannot know it was delivered.
          for (const connection of server.connections) if (connection.id === session.id) connection._socket.destroy();
          return;
        }
        callback(null, 'Queued');
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    accepted: () => accepted,
    received,
    logins,
    deduplicated: () =>
      received.filter((mail, index) => received.findIndex((m) => m.messageId === mail.messageId) === index),
    fault: (...more) => faults.push(...more),
    held: async () => {
      await heldPromise;
      heldPromise = heldSignal();
    },
    release: () => {
      for (const go of waiting.splice(0)) go();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
