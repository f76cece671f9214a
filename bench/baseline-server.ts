// The baseline for the sign-up benchmark: a bare node:http server doing the same work as the site's sign-up
// action (session lookup, capacity check and insert in one IMMEDIATE transaction, outbox row), nothing else.
import Database from 'better-sqlite3';
import { createServer } from 'node:http';

const [databasePath, port] = [process.argv[2], Number(process.argv[3])];
const db = new Database(databasePath);
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');

const session = db.prepare('SELECT u.id, u.email FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ? AND s.expires_at > ?');
const shift = db.prepare('SELECT capacity FROM shifts WHERE id = ?');
const taken = db.prepare("SELECT COUNT(*) AS n FROM signups WHERE shift_id = ? AND state IN ('confirmed', 'offered')");
const existing = db.prepare("SELECT id FROM signups WHERE shift_id = ? AND user_id = ? AND state <> 'cancelled'");
const insert = db.prepare('INSERT INTO signups (shift_id, user_id, state, created_at) VALUES (?, ?, ?, ?) RETURNING id');
const mail = db.prepare("INSERT INTO outbox (message_id, kind, recipient, locale, subject, body, next_attempt_at, created_at) VALUES (?, ?, ?, 'zh-CN', ?, ?, ?, ?)");

const signUp = db
  .transaction((userId: string, email: string, shiftId: number, now: number) => {
    if (existing.get(shiftId, userId)) return { status: 409, state: null };
    const { capacity } = shift.get(shiftId) as { capacity: number };
    const state = (taken.get(shiftId) as { n: number }).n < capacity ? 'confirmed' : 'waitlisted';
    const { id } = insert.get(shiftId, userId, state, now) as { id: number };
    mail.run(`<baseline-${id}@yizhen>`, state, email, 'subject', 'body', now, now);
    return { status: 200, state };
  })
  .immediate;

createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const sessionId = /yizhen_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const user = sessionId ? (session.get(sessionId, Math.floor(Date.now() / 1000)) as { id: string; email: string } | undefined) : undefined;
    if (!user) {
      res.writeHead(401).end();
      return;
    }
    const shiftId = Number(new URLSearchParams(body).get('shiftId'));
    const result = signUp(user.id, user.email, shiftId, Date.now());
    res.writeHead(result.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(result));
  });
}).listen(port, '127.0.0.1', () => console.log('listening'));
