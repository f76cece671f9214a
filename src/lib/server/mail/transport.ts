// Sends mail through SMTP with nodemailer. The transport is made from SMTP_URL; without it nothing is sent.
import nodemailer from 'nodemailer';
import type { MailTransport } from './outbox.ts';

export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  // A pool keeps connections open between messages, so a burst of mail is not one handshake per message.
  const transporter = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 2 });
  return {
    async send({ messageId, to, subject, text, html, attachments }) {
      await transporter.sendMail({ from, to, subject, text, html, messageId, attachments });
    },
  };
}
