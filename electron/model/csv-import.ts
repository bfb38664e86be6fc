import { assertTimeZone, daysInMonth, utcToZoned, zonedToUtc } from './schedule';

/**
 * Bulk import of posts from a CSV file in the column layout of Hootsuite's bulk composer, so a team can bring
 * the spreadsheet they already keep:
 *
 *   A: date and time, "12/31/2026 09:15" (month/day/year, 24-hour clock; "2026-12-31 09:15" is accepted too)
 *   B: message
 *   C: link (optional)
 *
 * with or without a header row. Parsing follows RFC 4180 (quoted fields holding commas, doubled quotes and line
 * breaks), tolerates a UTF-8 BOM and CRLF or LF line ends. Every problem is reported with the row number a
 * spreadsheet shows for it (a header counts as row 1; a message with line breaks inside quotes is still one
 * row), what is wrong and how to fix it. A row with any problem is left out; the others import.
 */

export interface CsvRecord {
  /** 1-based, as a spreadsheet numbers rows. */
  row: number;
  cells: string[];
}

export interface CsvParse {
  records: CsvRecord[];
  /** The row whose quoted field never closes; everything from it on could not be read. */
  unterminatedAt: number | null;
}

/**
 * RFC 4180 records. Lenient where spreadsheets are sloppy: a quote inside an unquoted field is kept as a
 * character, and text after a closing quote is appended to the field, rather than failing the whole file.
 */
export function parseCsvRecords(text: string): CsvParse {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStart = true;
  let recordStart = 0;
  const endRecord = () => {
    cells.push(field);
    records.push({ row: records.length + 1, cells });
    cells = [];
    field = '';
    fieldStart = true;
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += ch;
      }
      continue;
    }
    if (ch === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (ch === ',') {
      cells.push(field);
      field = '';
      fieldStart = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      recordStart = i + 1;
    } else {
      field += ch;
      fieldStart = false;
    }
  }
  if (quoted) return { records, unterminatedAt: records.length + 1 };
  // A last line without a line break is still a record; a file ending in a line break has no empty record after it.
  if (recordStart < src.length) endRecord();
  return { records, unterminatedAt: null };
}

export interface BulkRow {
  row: number;
  scheduledAt: string;
  timeZone: string;
  message: string;
  link: string | null;
}

export interface BulkRowError {
  row: number;
  problem: string;
}

export interface BulkParse {
  rows: BulkRow[];
  errors: BulkRowError[];
}

const LAYOUT = 'date and time, message, link (optional)';
const EXAMPLE = '12/31/2026 09:15';
const FORMAT_HELP = `write it as MM/DD/YYYY HH:mm (month first, 24-hour clock, as Hootsuite's bulk composer does), for example ${EXAMPLE}, or as 2026-12-31 09:15`;

const pad = (n: number) => String(n).padStart(2, '0');
const usDate = (y: number, m: number, d: number) => `${pad(m)}/${pad(d)}/${y}`;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

type DateParse = { ok: true; date: string; time: string } | { ok: false; problem: string };

/** Column A: "MM/DD/YYYY HH:mm" (1-digit month, day and hour allowed: spreadsheets drop the zeros) or ISO. */
function parseDateTime(raw: string): DateParse {
  const value = raw.trim().replace(/\s+/g, ' ');
  if (value === '') return { ok: false, problem: `The date and time is empty: ${FORMAT_HELP}.` };
  const ampm = /^(.*\d)\s*([AaPp])\.?[Mm]\.?$/.exec(value);
  if (ampm) {
    return { ok: false, problem: `"${value}" uses AM/PM: use a 24-hour clock (for example 21:15 rather than 9:15 PM), MM/DD/YYYY HH:mm.` };
  }
  let y: number, m: number, d: number, h: number, min: number, s: number;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (us) {
    [m, d, y, h, min, s] = [us[1], us[2], us[3], us[4], us[5], us[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
    if (m > 12 && d <= 12) {
      return { ok: false, problem: `"${value}" has month ${m}: the date is month first (MM/DD/YYYY), so did you mean ${usDate(y, d, m)}?` };
    }
  } else if (iso) {
    [y, m, d, h, min, s] = [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  } else if (/^\d{1,2}\/\d{1,2}\/\d{4}$|^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return { ok: false, problem: `"${value}" has no time: add one after a space, for example ${EXAMPLE}.` };
  } else {
    return { ok: false, problem: `"${value}" is not a date and time Postframe can read: ${FORMAT_HELP}.` };
  }
  if (m < 1 || m > 12) return { ok: false, problem: `"${value}" has month ${m}: months are 1–12; ${FORMAT_HELP}.` };
  if (d < 1 || d > daysInMonth(y, m)) {
    return { ok: false, problem: `"${value}": ${MONTHS[m - 1]} ${y} has ${daysInMonth(y, m)} days, not ${d}; check the day.` };
  }
  if (h > 23 || min > 59 || s > 59) return { ok: false, problem: `"${value}" is not a time of day: use 00:00–23:59 on a 24-hour clock.` };
  if (s !== 0 || min % 5 !== 0) {
    const down = min - (min % 5);
    const up = down + 5;
    const suggestions = [`${pad(h)}:${pad(down)}`, ...(up < 60 ? [`${pad(h)}:${pad(up)}`] : [])].join(' or ');
    return {
      ok: false,
      problem: `${pad(h)}:${pad(min)}${s ? `:${pad(s)}` : ''} is not on a 5-minute boundary: like Hootsuite's bulk composer, times must end in 0 or 5 minutes (with no seconds); use ${suggestions}.`,
    };
  }
  return { ok: true, date: `${y}-${pad(m)}-${pad(d)}`, time: `${pad(h)}:${pad(min)}` };
}

/** Column C: an absolute http(s) URL. */
function linkProblem(link: string): string | null {
  if (/\s/.test(link)) return `The link "${link}" contains spaces: a link is one web address such as https://example.com/page (encode spaces as %20).`;
  let url: URL | null = null;
  try {
    url = new URL(link);
  } catch {
    url = null;
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.hostname === '') {
    if (!/^[a-z][a-z0-9+.-]*:/i.test(link) && /^[^/]+\.[a-z]{2,}(\/|$)/i.test(link)) {
      return `The link "${link}" has no https:// at the start: write https://${link}.`;
    }
    return `The link "${link}" is not a web address: use a full http:// or https:// link such as https://example.com/page, or leave column C empty.`;
  }
  return null;
}

/**
 * A header row names its columns ("Date", "Date and time", "Message"…). It must look like one: a date always has
 * digits, and a first row such as "next tuesday,Hello" is a bad date to report, not a header to skip silently.
 */
const HEADER_WORDS = /\b(date|time|when|schedule|scheduled|publish|päivä|päivämäärä|aika|message|text|post|caption|content|viesti)/i;
function isHeader(record: CsvRecord): boolean {
  const first = record.cells[0]!.trim();
  return first !== '' && !/\d/.test(first) && record.cells.slice(0, 2).some((c) => HEADER_WORDS.test(c));
}

const isBlank = (record: CsvRecord) => record.cells.every((c) => c.trim() === '');

export interface BulkOptions {
  /** IANA zone the file's times are in (the user's zone). */
  zone: string;
  /** Rows at or before this instant are refused as in the past. */
  now: Date;
}

export function parseBulkCsv(text: string, { zone, now }: BulkOptions): BulkParse {
  assertTimeZone(zone);
  const { records, unterminatedAt } = parseCsvRecords(text);
  const rows: BulkRow[] = [];
  const errors: BulkRowError[] = [];
  const firstDataIndex = records.findIndex((r) => !isBlank(r));
  const nowLocal = utcToZoned(now.toISOString(), zone);

  records.forEach((record, index) => {
    if (isBlank(record)) return;
    if (index === firstDataIndex && isHeader(record)) return;
    const problems: string[] = [];
    const { cells } = record;
    const extra = cells.slice(3);
    if (cells.length === 1 && /[;\t]/.test(cells[0]!)) {
      errors.push({
        row: record.row,
        problem: `This row has one column with ${cells[0]!.includes(';') ? 'semicolons' : 'tabs'} in it: the file seems to separate columns with ${cells[0]!.includes(';') ? 'semicolons' : 'tabs'}; save it as "CSV UTF-8 (comma delimited)" and import it again.`,
      });
      return;
    }
    // Spreadsheets often write empty trailing columns ("…,,"); only filled ones are a problem.
    if (extra.some((c) => c.trim() !== '')) {
      const used = cells.length - [...cells].reverse().findIndex((c) => c.trim() !== '');
      errors.push({
        row: record.row,
        problem: `This row has ${used} columns; the layout has 3: ${LAYOUT}. If the message contains commas, put the whole message in double quotes ("…"); move anything else out of columns D onwards.`,
      });
      return;
    }

    let scheduledAt: string | null = null;
    const when = parseDateTime(cells[0] ?? '');
    if (!when.ok) {
      const maybeHeader = index === firstDataIndex && !/\d/.test(cells[0] ?? '') && (cells[0] ?? '').trim() !== '';
      problems.push(maybeHeader ? `${when.problem} (If this row is a header, name its first column "Date".)` : when.problem);
    } else {
      const { utc, adjusted } = zonedToUtc(when.date, when.time, zone);
      if (adjusted === 'skipped') {
        const first = utcToZoned(utc, zone);
        problems.push(`${when.time} on ${when.date} does not exist in ${zone}: the clocks go forward then. Use ${first.time} or later.`);
      } else if (Date.parse(utc) <= now.getTime()) {
        problems.push(`${cells[0]!.trim()} is in the past (it is now ${usDate(...ymd(nowLocal.date))} ${nowLocal.time} in ${zone}): choose a later date and time.`);
      } else {
        scheduledAt = utc;
      }
    }

    const message = (cells[1] ?? '').replace(/\r\n?/g, '\n').trim();
    if (message === '') problems.push('The message (column B) is empty: write the post text there.');

    const linkRaw = (cells[2] ?? '').trim();
    const badLink = linkRaw === '' ? null : linkProblem(linkRaw);
    if (badLink) problems.push(badLink);

    for (const problem of problems) errors.push({ row: record.row, problem });
    if (problems.length === 0 && scheduledAt) {
      rows.push({ row: record.row, scheduledAt, timeZone: zone, message, link: linkRaw === '' ? null : linkRaw });
    }
  });

  if (unterminatedAt !== null) {
    errors.push({
      row: unterminatedAt,
      problem:
        'A quoted field starts in this row and never closes, so this row and everything after it could not be read: add the closing double quote (") at the end of the field; a quote inside a quoted message is written twice ("").',
    });
  }
  return { rows, errors };
}

function ymd(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}
