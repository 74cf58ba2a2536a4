import { Readable, Transform, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';

/** The columns of `hours.csv`, in order, with their header labels. */
export const HOURS_CSV_COLUMNS = [
  { key: 'date', header: 'date' },
  { key: 'task', header: 'task' },
  { key: 'camp', header: 'camp' },
  { key: 'volunteer', header: 'volunteer' },
  { key: 'hours', header: 'hours' },
] as const;

export interface HoursRow {
  date: string;
  task: string;
  camp: string;
  volunteer: string;
  hours: number;
}

/** Characters that make a spreadsheet program read a cell as a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Makes a text cell inert in a spreadsheet: one that begins like a formula gets a leading
 * apostrophe, which spreadsheet programs show as text and do not evaluate. The check also runs on
 * the NFKC form, so a full-width `＝` that some programs fold to `=` is caught as well.
 */
export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) || FORMULA_START.test(value.normalize('NFKC')) ? `'${value}` : value;
}

/**
 * Turns a stream of rows into `hours.csv`: a UTF-8 byte-order mark (so spreadsheet programs read
 * Arabic and Kurdish names right), a header row, then RFC 4180 records (CRLF, fields with commas,
 * quotes or line breaks quoted, quotes doubled) by csv-stringify. Text cells are neutralised; hours
 * are numbers. Back-pressure runs through: rows are read only as fast as the client takes the file.
 * `done` runs once, when the file ends, fails or the client goes away.
 */
export function hoursCsv(rows: Readable, done: () => void): Readable {
  const neutralize = new Transform({
    objectMode: true,
    transform(row: HoursRow, _encoding, callback) {
      callback(null, [
        neutralizeCell(row.date),
        neutralizeCell(row.task),
        neutralizeCell(row.camp),
        neutralizeCell(row.volunteer),
        Number(row.hours),
      ]);
    },
  });
  const csv = stringify({
    bom: true,
    header: true,
    columns: HOURS_CSV_COLUMNS.map((column) => column.header),
    record_delimiter: 'windows',
    quoted_match: /^\s|\s$/,
  });
  let finished = false;
  return pipeline(rows, neutralize, csv, () => {
    if (finished) return;
    finished = true;
    done();
  });
}
