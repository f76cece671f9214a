// What the running totals depend on, declared once: for each table the counting rules read, the columns whose
// change can change a figure, and what a changed row notes in tally_changes for the next recount
// (running-totals.server.ts). The database triggers are made from this declaration at every start
// (installTallyTriggers), so a table rebuilt by a migration never loses them; tally-dependencies.test.ts fails
// when a column of a counted table is in neither list, or a trigger is missing.
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import {
  areas,
  dispatches,
  donations,
  EVENT_OUTCOME_NAMES,
  eventCoorganisers,
  eventRoles,
  events,
  households,
  institutions,
  items,
  pairingProjects,
  pairings,
  products,
  projectPayments,
  purchases,
  shifts,
  signups,
  staff,
  stockEntries,
  vehicles,
  villages,
  visitReadings,
  visits,
} from '#db/schema.ts';

export interface TallyDependency {
  table: SQLiteTable;
  /** Columns (as in SQL) whose change can change a figure: an update of one of them is noted. */
  counted: string[];
  /** The other columns, which no figure reads. */
  ignored: string[];
  /**
   * What a row notes, as statements yielding (subject, key) rows, with `$` for the row: a new row notes them
   * as it is, a deleted one as it was, an updated one both.
   */
  notes: string[];
  /** What a deleted (or, before an update, the old) row notes instead, when its id no longer leads anywhere. */
  goneNotes?: string[];
  /** Why adding or removing a row cannot change a figure, where nothing is noted for it. */
  quiet?: { insert: string; delete: string };
}

const eventOfShift = (shift: string) => `(SELECT event_roles.event_id FROM shifts JOIN event_roles ON event_roles.id = shifts.role_id WHERE shifts.id = ${shift})`;
// A village or area moving to another county moves every figure placed by it: all days are counted again.
const everyDay = "SELECT 'day', day FROM tally_days";

export const TALLY_DEPENDENCIES: TallyDependency[] = [
  {
    table: events,
    counted: ['state', 'date', 'kind', ...EVENT_OUTCOME_NAMES.map((name) => events[name].name), 'organiser_id', 'village_id', 'township_id'],
    ignored: ['id', 'campaign_id', 'title', 'start_time', 'end_time', 'address', 'lat', 'lng', 'entered_in', 'services', 'expected_attendance', 'notes', 'cancel_reason', 'checkin_code', 'series_id', 'series_date', 'series_place', 'changed_alone_at', 'created_at'],
    notes: ["VALUES ('event', $.id)"],
    goneNotes: ["VALUES ('day', $.date)", "VALUES ('institution', $.organiser_id)"],
  },
  {
    table: eventCoorganisers,
    counted: ['event_id', 'institution_id', 'state'],
    ignored: ['invited_at', 'responded_at'],
    notes: ["VALUES ('event', $.event_id)", "VALUES ('institution', $.institution_id)"],
  },
  {
    table: eventRoles,
    counted: ['event_id', 'kind'],
    ignored: ['id', 'specialty', 'requirement', 'part_id'],
    notes: ["VALUES ('event', $.event_id)"],
  },
  {
    table: shifts,
    counted: ['role_id', 'starts_at', 'ends_at'],
    ignored: ['id', 'capacity'],
    notes: ["VALUES ('event', (SELECT event_id FROM event_roles WHERE id = $.role_id))"],
  },
  {
    table: signups,
    counted: ['shift_id', 'user_id', 'staff_id', 'team_id', 'state', 'checked_in_at', 'checked_out_at'],
    ignored: ['id', 'offer_expires_at', 'offer_token_hash', 'assigned_by', 'sent_by', 'reminded_at', 'reminder_token_hash', 'reconfirmed_at', 'calendar_sent', 'cancelled_at', 'created_at'],
    notes: [`VALUES ('event_day', ${eventOfShift('$.shift_id')})`, "VALUES ('staff', $.staff_id)", "VALUES ('user', $.user_id)"],
  },
  {
    // A staff record linked to an account makes that account's places medical (or not) wherever it signed up.
    table: staff,
    counted: ['profession', 'user_id'],
    ignored: ['id', 'institution_id', 'name', 'sex', 'department', 'title', 'phone', 'licence_number', 'created_at'],
    notes: [
      "VALUES ('staff', $.id)",
      "VALUES ('user', $.user_id)",
      "SELECT 'event_day', event_roles.event_id FROM signups JOIN shifts ON shifts.id = signups.shift_id JOIN event_roles ON event_roles.id = shifts.role_id WHERE signups.staff_id = $.id OR signups.user_id = $.user_id",
    ],
  },
  {
    table: dispatches,
    counted: ['vehicle_id', 'event_id'],
    ignored: ['id', 'institution_id', 'driver', 'crew', 'out_at', 'back_at', 'distance_m', 'created_by', 'created_at'],
    notes: ["VALUES ('event_day', $.event_id)", "VALUES ('vehicle', $.vehicle_id)"],
  },
  {
    table: vehicles,
    counted: ['kind'],
    ignored: ['id', 'institution_id', 'plate', 'seats', 'created_at'],
    notes: ["VALUES ('vehicle', $.id)", "SELECT 'event_day', event_id FROM dispatches WHERE vehicle_id = $.id"],
  },
  {
    table: stockEntries,
    counted: ['kind', 'item_id', 'quantity', 'value_fen', 'event_id', 'visit_id'],
    ignored: ['id', 'institution_id', 'batch_no', 'expiry_date', 'unit_price_fen', 'source', 'donor', 'recipient', 'household_id', 'reverses_id', 'reason', 'occurred_on', 'created_by', 'created_at'],
    notes: ["VALUES ('event_day', $.event_id)", "VALUES ('visit_day', $.visit_id)"],
  },
  {
    table: items,
    counted: ['kind', 'unit'],
    ignored: ['id', 'institution_id', 'name', 'generic_name', 'specification', 'dosage_form', 'unit_price_fen', 'created_at'],
    notes: ["SELECT 'event_day', event_id FROM stock_entries WHERE item_id = $.id", "SELECT 'visit_day', visit_id FROM stock_entries WHERE item_id = $.id"],
  },
  {
    table: visits,
    counted: ['visited_at', 'household_id', 'event_id', 'institution_id'],
    ignored: ['id', 'purpose', 'notes', 'satisfaction', 'income_change', 'work_change', 'housing_change', 'health_change', 'difficulties', 'submission_key', 'created_by', 'created_at'],
    notes: ["VALUES ('instant', $.visited_at)", "VALUES ('household', $.household_id)"],
  },
  {
    table: visitReadings,
    counted: ['visit_id', 'referral_to', 'referral_state'],
    ignored: ['id', 'household_id', 'member_id', 'systolic', 'diastolic', 'glucose_tenths', 'glucose_timing', 'findings', 'advice'],
    notes: ["VALUES ('visit_day', $.visit_id)"],
  },
  {
    table: donations,
    counted: ['kind', 'recipient_kind', 'date', 'amount_fen', 'event_id', 'voided_at', 'village_id', 'household_id'],
    ignored: ['id', 'institution_id', 'recipient_name', 'group_size', 'description', 'purpose', 'approved_by', 'void_reason', 'created_by', 'created_at'],
    notes: ["VALUES ('day', $.date)", "VALUES ('event_day', $.event_id)"],
  },
  {
    table: purchases,
    counted: ['unit', 'quantity_ordered', 'quantity_delivered', 'total_fen', 'delivery_date', 'village_id', 'product_id'],
    ignored: ['id', 'institution_id', 'seller_kind', 'seller_name', 'household_id', 'product', 'unit_price_fen', 'buyer_unit', 'payment_state', 'receipt_photo', 'created_by', 'created_at'],
    notes: ["VALUES ('day', $.delivery_date)"],
  },
  {
    // Purchases are totalled by their product's name: a product renamed moves them.
    table: products,
    counted: ['name'],
    ignored: ['id', 'institution_id', 'created_at'],
    notes: ["SELECT 'day', delivery_date FROM purchases WHERE product_id = $.id"],
    quiet: { insert: 'a new product has no purchases yet', delete: 'a product with purchases cannot be deleted (its purchases refer to it)' },
  },
  {
    table: pairingProjects,
    counted: ['pairing_id', 'committed_fen', 'committed_on'],
    ignored: ['id', 'name', 'created_by', 'created_at'],
    notes: ["VALUES ('day', $.committed_on)", "SELECT 'day', paid_on FROM project_payments WHERE project_id = $.id"],
  },
  {
    table: projectPayments,
    counted: ['project_id', 'paid_on', 'amount_fen'],
    ignored: ['id', 'note', 'created_by', 'created_at'],
    notes: ["VALUES ('day', $.paid_on)"],
  },
  {
    // A pairing moved to another institution or place moves its projects' funds.
    table: pairings,
    counted: ['institution_id', 'target', 'village_id', 'area_id'],
    ignored: ['id', 'household_id', 'start_date', 'end_date', 'responsible_name', 'obligation', 'last_visited_at', 'ended_at', 'responsible_staff_id', 'created_at'],
    notes: [
      "SELECT 'day', committed_on FROM pairing_projects WHERE pairing_id = $.id",
      "SELECT 'day', project_payments.paid_on FROM project_payments JOIN pairing_projects ON pairing_projects.id = project_payments.project_id WHERE pairing_projects.pairing_id = $.id",
    ],
    quiet: { insert: 'a new pairing has no projects yet', delete: 'a pairing with projects cannot be deleted (its projects refer to it)' },
  },
  {
    // A body becoming (or ceasing to be) a partner rather than a health institution changes 参与医疗机构; one
    // placed in another area moves its records to other offices (running-totals.server.ts), so all are noted.
    table: institutions,
    counted: ['kind', 'area_id'],
    ignored: ['id', 'name', 'level', 'parent_id', 'contact_name', 'contact_phone', 'address', 'created_at'],
    notes: [
      "VALUES ('institution', $.id)",
      "SELECT 'event', id FROM events WHERE organiser_id = $.id",
      "SELECT 'event', event_id FROM event_coorganisers WHERE institution_id = $.id",
      "SELECT 'instant', visited_at FROM visits WHERE institution_id = $.id",
      "SELECT 'household', household_id FROM visits WHERE institution_id = $.id",
      "SELECT 'day', date FROM donations WHERE institution_id = $.id",
      "SELECT 'day', delivery_date FROM purchases WHERE institution_id = $.id",
      "SELECT 'day', pairing_projects.committed_on FROM pairing_projects JOIN pairings ON pairings.id = pairing_projects.pairing_id WHERE pairings.institution_id = $.id",
      "SELECT 'day', project_payments.paid_on FROM project_payments JOIN pairing_projects ON pairing_projects.id = project_payments.project_id JOIN pairings ON pairings.id = pairing_projects.pairing_id WHERE pairings.institution_id = $.id",
    ],
    quiet: { insert: 'a new institution has run no events yet', delete: 'an institution with records cannot be deleted' },
  },
  {
    table: households,
    counted: ['village_id'],
    ignored: ['id', 'hamlet', 'head_name', 'id_number_cipher', 'id_number_index', 'id_number_masked', 'phone', 'address', 'cause', 'status', 'lifted_year', 'lat', 'lng', 'entered_in', 'county_doctor', 'township_doctor', 'village_doctor', 'created_at'],
    notes: ["VALUES ('household', $.id)", "SELECT 'instant', visited_at FROM visits WHERE household_id = $.id"],
  },
  {
    table: villages,
    counted: ['township_id'],
    ignored: ['id', 'name', 'status', 'lifted_year', 'population', 'poor_households', 'doctor_name', 'doctor_phone', 'secretary_name', 'secretary_phone', 'lat', 'lng', 'entered_in', 'created_at'],
    notes: [everyDay, "SELECT 'household', id FROM households WHERE village_id = $.id", "SELECT 'event', id FROM events WHERE village_id = $.id"],
    quiet: { insert: 'a new village has no records yet', delete: 'a village with records cannot be deleted (its records refer to it)' },
  },
  {
    // An area moved, or made a city or county (an office) or no longer one, moves records between counties and offices.
    table: areas,
    counted: ['parent_id', 'level'],
    ignored: ['id', 'name', 'poverty_county', 'created_at'],
    notes: [everyDay, "SELECT 'household', household_id FROM visits", "SELECT 'event', id FROM events"],
    quiet: { insert: 'a new area has no records yet', delete: 'an area with villages or records cannot be deleted' },
  },
];

/** The SQL table name of a declared dependency. */
export const tableName = (dependency: TallyDependency) => getTableConfig(dependency.table).name;

/** The triggers the declaration makes, by name, as CREATE TRIGGER statements. */
export function tallyTriggers(): Map<string, string> {
  const triggers = new Map<string, string>();
  const note = (statements: string[], row: 'NEW' | 'OLD') => statements.map((statement) => `INSERT OR IGNORE INTO tally_changes (subject, key) ${statement.replaceAll('$.', `${row}.`)};`);
  for (const dependency of TALLY_DEPENDENCIES) {
    const table = tableName(dependency);
    const gone = dependency.goneNotes ?? dependency.notes;
    const make = (change: 'insert' | 'update' | 'delete', event: string, body: string[]) => {
      const name = `tally_${table}_${change}`;
      triggers.set(name, `CREATE TRIGGER ${name} AFTER ${event} ON ${table} BEGIN ${body.join(' ')} END`);
    };
    if (!dependency.quiet) make('insert', 'INSERT', note(dependency.notes, 'NEW'));
    make('update', `UPDATE OF ${dependency.counted.join(', ')}`, [...note(gone, 'OLD'), ...note(dependency.notes, 'NEW')]);
    if (!dependency.quiet) make('delete', 'DELETE', note(gone, 'OLD'));
  }
  return triggers;
}
