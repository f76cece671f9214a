// Reading the CSV files people already have: UTF-8 (with or without BOM) or GBK/GB18030 as Excel saves
// them in China. A file that is not valid UTF-8 is read as GB18030, a superset of GBK and GB2312.
import { parse } from 'csv-parse/sync';

export type CsvEncoding = 'UTF-8' | 'UTF-8 (BOM)' | 'GB18030';

export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8 (BOM)' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'GB18030' };
  }
}

export interface CsvTable {
  headers: string[];
  /** Data rows with the file line each starts on (the header is line 1). */
  rows: { line: number; cells: string[] }[];
}

export class CsvFormatError extends Error {
  readonly line: number | null;
  constructor(message: string, line: number | null) {
    super(message);
    this.name = 'CsvFormatError';
    this.line = line;
  }
}

/** Splits CSV text into a header and rows; blank lines are skipped, cells trimmed. */
export function parseCsv(text: string): CsvTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With info: true each record comes with where it was read; the library's types do not say so.
    records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? null;
    throw new CsvFormatError((error as Error).message, line);
  }
  const [header, ...data] = records;
  if (!header) return { headers: [], rows: [] };
  return {
    headers: header.record,
    rows: data
      .filter(({ record }) => record.some((cell) => cell !== ''))
      // info.lines is where a record ends; a quoted cell may span lines, so count back to where it starts.
      .map(({ record, info }) => ({ line: info.lines - record.join('').split('\n').length + 1, cells: record })),
  };
}
