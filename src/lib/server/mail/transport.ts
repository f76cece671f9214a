// Sends mail through SMTP with nodemailer. The transport is made from SMTP_URL; without it nothing is sent.
import nodemailer from 'nodemailer';
import type { MailTransport } from './outbox.ts';

export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send({ messageId, to, subject, text, attachments }) {
      await transporter.sendMail({ from, to, subject, text, messageId, attachments });
    },
  };
}
