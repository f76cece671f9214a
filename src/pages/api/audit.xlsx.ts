// The audit log's entries for the chosen filters, all of them, as an Excel workbook.
import { auditDownload } from '#src/lib/audit/audit-download.server.ts';

export const GET = auditDownload('xlsx');
