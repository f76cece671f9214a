// The baseline for the sign-up benchmark: a bare node:http server doing the same database work as the
// site's sign-up, statement for statement — session (kept as its id's SHA-256) and membership lookup, then in one IMMEDIATE
// transaction the shift with its event, the duplicate and overlap checks, the place count, the insert, the
// confirmation mail with its calendar file, and the audit row — with nothing else around it.
import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

const [databasePath, port] = [process.argv[2], Number(process.argv[3])];
const db = new Database(databasePath);
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');

const session = db.prepare('SELECT s.id, s.user_id, s.expires_at, u.id AS uid, u.email, u.name, u.locale FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?');
const actor = db.prepare('SELECT m.institution_id, m.role, i.name FROM memberships m JOIN institutions i ON i.id = m.institution_id WHERE m.user_id = ? ORDER BY i.name');
const context = db.prepare(
  'SELECT sh.*, r.kind AS role_kind, r.specialty, r.requirement, e.*, v.name AS village FROM shifts sh JOIN event_roles r ON r.id = sh.role_id JOIN events e ON e.id = r.event_id LEFT JOIN villages v ON v.id = e.village_id WHERE sh.id = ?',
);
const existing = db.prepare("SELECT id FROM signups WHERE shift_id = ? AND user_id = ? AND state <> 'cancelled'");
const others = db.prepare(
  "SELECT s.id, sh.starts_at, sh.ends_at, e.title FROM signups s JOIN shifts sh ON sh.id = s.shift_id JOIN event_roles r ON r.id = sh.role_id JOIN events e ON e.id = r.event_id WHERE s.user_id = ? AND s.shift_id <> ? AND s.state IN ('confirmed', 'offered', 'waitlisted')",
);
const taken = db.prepare("SELECT COUNT(*) AS n FROM signups WHERE shift_id = ? AND state IN ('confirmed', 'offered')");
const insert = db.prepare('INSERT INTO signups (shift_id, user_id, state, created_at) VALUES (?, ?, ?, ?) RETURNING id');
const person = db.prepare('SELECT id, email, name, locale FROM users WHERE id = ?');
const mail = db.prepare('INSERT INTO outbox (message_id, kind, recipient, locale, subject, body, attachments, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
const audit = db.prepare('INSERT INTO audit_log (created_at, actor_id, action, entity, entity_id, institution_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');

type Row = Record<string, string | number | null>;
const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');

const signUp = db
  .transaction((userId: string, shiftId: number, now: number) => {
    const shift = context.get(shiftId) as Row;
    if (existing.get(shiftId, userId)) return { status: 409, state: null };
    const overlapping = (others.all(userId, shiftId) as Row[]).filter((o) => (o.starts_at as number) < (shift.ends_at as number) && (shift.starts_at as number) < (o.ends_at as number));
    if (overlapping.length > 0) return { status: 409, state: null };
    const state = (taken.get(shiftId) as { n: number }).n < (shift.capacity as number) ? 'confirmed' : 'waitlisted';
    const { id } = insert.get(shiftId, userId, state, now) as { id: number };
    const user = person.get(userId) as Row;
    const body = `${user.name}，您好：\n\n您已报名“${shift.title}”的志愿者岗位，时间：${stamp(shift.starts_at as number)}，地点：${shift.village ?? shift.address}。日历文件见附件。如需取消，请在开始前 12 小时登录网站操作：\nhttp://127.0.0.1/events/${shift.id}\n\n义诊平台\n`;
    const ics = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Yizhen//yizhen//ZH\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\nUID:signup-${id}@yizhen\r\nSEQUENCE:0\r\nDTSTAMP:${stamp(now)}\r\nDTSTART:${stamp(shift.starts_at as number)}\r\nDTEND:${stamp(shift.ends_at as number)}\r\nSUMMARY:${shift.title} · 志愿者\r\nLOCATION:${shift.address}\r\nDESCRIPTION:义诊\r\nURL;VALUE=URI:http://127.0.0.1/events/${shift.id}\r\nEND:VEVENT\r\nEND:VCALENDAR`;
    const attachments = state === 'confirmed' ? JSON.stringify([{ filename: 'yizhen.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: ics }]) : null;
    mail.run(`<${randomUUID()}@yizhen>`, state, user.email, user.locale, `报名成功：${shift.title}`, body, attachments, now, now);
    audit.run(now, userId, 'sign_up', 'signup', String(id), shift.organiser_id, null, JSON.stringify({ shiftId, state }));
    return { status: 200, state };
  })
  .immediate;

createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const sessionId = /yizhen_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const user = sessionId ? (session.get(createHash('sha256').update(sessionId).digest('hex')) as Row | undefined) : undefined;
    if (!user || (user.expires_at as number) * 1000 <= Date.now()) {
      res.writeHead(401).end();
      return;
    }
    actor.all(user.uid);
    const shiftId = Number(new URLSearchParams(body).get('shiftId'));
    const result = signUp(user.uid as string, shiftId, Date.now());
    res.writeHead(result.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(result));
  });
}).listen(port, '127.0.0.1', () => console.log('listening'));
