import { describe, expect, it } from 'vitest';
import { parseBulkCsv, parseCsvRecords } from './csv-import';

const zone = 'Europe/Helsinki';
// 12:00 in Helsinki.
const now = new Date('2026-11-26T10:00:00.000Z');
const opts = { zone, now };

describe('parseCsvRecords (RFC 4180)', () => {
  it('reads quoted commas, doubled quotes and line breaks inside quotes, numbering records as spreadsheet rows', () => {
    const { records, unterminatedAt } = parseCsvRecords('a,"b, c","say ""hi"""\r\n"multi\r\nline",x\n"",\n');
    expect(unterminatedAt).toBeNull();
    expect(records).toEqual([
      { row: 1, cells: ['a', 'b, c', 'say "hi"'] },
      { row: 2, cells: ['multi\r\nline', 'x'] },
      { row: 3, cells: ['', ''] },
    ]);
  });

  it('strips a BOM, accepts CR-only line ends and a last line with no line break', () => {
    expect(parseCsvRecords('\uFEFFa,b\rc,d').records).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['c', 'd'] },
    ]);
  });

  it('keeps a quote inside an unquoted field as a character', () => {
    expect(parseCsvRecords('5" screen,ok\n').records).toEqual([{ row: 1, cells: ['5" screen', 'ok'] }]);
  });

  it('reports the row where a quoted field opens and never closes', () => {
    const parsed = parseCsvRecords('a,b\nc,"never closed\nd,e\n');
    expect(parsed.records).toEqual([{ row: 1, cells: ['a', 'b'] }]);
    expect(parsed.unterminatedAt).toBe(2);
  });
});

describe('parseBulkCsv', () => {
  it('imports a realistic 6-row Hootsuite file (header, BOM, CRLF) and names the 2 bad rows', () => {
    const file =
      '\uFEFF' +
      [
        'Date,Message,Link',
        '12/01/2026 09:00,"Joulukalenteri aukeaa! 🎄 Luukku 1: kulissien takana, studiossa",https://example.com/joulu',
        '12/02/2026 9:30,"She said ""wow""\r\nand then left",',
        '12/03/2026 09:07,Minute not on the boundary,',
        '2026-12-04 18:45,Plain ISO date,https://example.com/a?b=1&c=2',
        '31/12/2026 10:00,Day written first,',
        '12/24/2026 12:00,"Hyvää joulua, everyone",http://example.org',
        '',
      ].join('\r\n');
    const { rows, errors } = parseBulkCsv(file, opts);
    expect(rows).toEqual([
      { row: 2, scheduledAt: '2026-12-01T07:00:00.000Z', timeZone: zone, message: 'Joulukalenteri aukeaa! 🎄 Luukku 1: kulissien takana, studiossa', link: 'https://example.com/joulu' },
      // The line break inside quotes keeps this one spreadsheet row, so the rows after it keep their numbers.
      { row: 3, scheduledAt: '2026-12-02T07:30:00.000Z', timeZone: zone, message: 'She said "wow"\nand then left', link: null },
      { row: 5, scheduledAt: '2026-12-04T16:45:00.000Z', timeZone: zone, message: 'Plain ISO date', link: 'https://example.com/a?b=1&c=2' },
      { row: 7, scheduledAt: '2026-12-24T10:00:00.000Z', timeZone: zone, message: 'Hyvää joulua, everyone', link: 'http://example.org' },
    ]);
    expect(errors).toHaveLength(2);
    expect(errors[0]!.row).toBe(4);
    expect(errors[0]!.problem).toMatch(/09:07 is not on a 5-minute boundary.*Hootsuite.*use 09:05 or 09:10/);
    expect(errors[1]!.row).toBe(6);
    expect(errors[1]!.problem).toMatch(/month 31.*month first \(MM\/DD\/YYYY\).*did you mean 12\/31\/2026\?/);
  });

  it('imports a file without a header row, with LF line ends', () => {
    const { rows, errors } = parseBulkCsv('12/31/2026 23:55,Last post of the year\n1/2/2027 8:05,New year,https://example.com\n', opts);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.row, r.scheduledAt, r.link])).toEqual([
      [1, '2026-12-31T21:55:00.000Z', null],
      [2, '2027-01-02T06:05:00.000Z', 'https://example.com'],
    ]);
  });

  it('stores times in UTC with the zone, across the summer-time change', () => {
    const { rows } = parseBulkCsv('03/27/2027 09:00,Before\n03/29/2027 09:00,After\n', opts);
    expect(rows.map((r) => r.scheduledAt)).toEqual(['2027-03-27T07:00:00.000Z', '2027-03-29T06:00:00.000Z']);
    const ny = parseBulkCsv('12/31/2026 09:00,Hello\n', { zone: 'America/New_York', now });
    expect(ny.rows[0]).toMatchObject({ scheduledAt: '2026-12-31T14:00:00.000Z', timeZone: 'America/New_York' });
  });

  it('refuses a time in the past, saying what time it is now in the zone', () => {
    const { rows, errors } = parseBulkCsv('11/26/2026 12:00,Exactly now\n11/26/2026 11:55,Five minutes ago\n11/26/2026 12:05,Soon\n', opts);
    expect(rows.map((r) => r.row)).toEqual([3]);
    expect(errors).toEqual([
      { row: 1, problem: '11/26/2026 12:00 is in the past (it is now 11/26/2026 12:00 in Europe/Helsinki): choose a later date and time.' },
      { row: 2, problem: expect.stringMatching(/^11\/26\/2026 11:55 is in the past/) as string },
    ]);
  });

  it('explains each kind of bad date', () => {
    const cases: [string, RegExp][] = [
      ['next tuesday', /"next tuesday" is not a date and time.*MM\/DD\/YYYY HH:mm.*12\/31\/2026 09:15/],
      ['31.12.2026 09:15', /not a date and time Postframe can read/],
      ['', /date and time is empty/],
      ['02/30/2027 10:00', /February 2027 has 28 days, not 30/],
      ['13/13/2027 10:00', /month 13: months are 1–12/],
      ['12/31/2026', /has no time: add one/],
      ['12/31/2026 9:15 PM', /AM\/PM: use a 24-hour clock/],
      ['12/31/2026 24:00', /not a time of day/],
      ['12/31/2026 09:15:30', /09:15:30 is not on a 5-minute boundary.*no seconds/],
      ['12/31/2026 09:58', /use 09:55(?! or)/],
    ];
    for (const [date, expected] of cases) {
      const { rows, errors } = parseBulkCsv(`${date},Hello\n`, opts);
      expect(rows, date).toEqual([]);
      expect(errors, date).toHaveLength(1);
      expect(errors[0]!.row).toBe(1);
      expect(errors[0]!.problem, date).toMatch(expected);
    }
    // Seconds of zero are how spreadsheets often write a whole minute: accepted.
    expect(parseBulkCsv('12/31/2026 09:15:00,Hello\n', opts).errors).toEqual([]);
  });

  it('refuses a time the clocks skip in the zone, naming the first time that exists', () => {
    const { errors } = parseBulkCsv('03/28/2027 03:30,Spring\n', opts);
    expect(errors).toEqual([{ row: 1, problem: '03:30 on 2027-03-28 does not exist in Europe/Helsinki: the clocks go forward then. Use 04:00 or later.' }]);
  });

  it('refuses an empty message and an invalid link, reporting both problems of one row', () => {
    const { rows, errors } = parseBulkCsv('12/31/2026 09:15,  ,ftp://example.com/file\n12/31/2026 09:20,Hi,example.com/page\n12/31/2026 09:25,Hi,https://exa mple.com\n12/31/2026 09:30,Hi,notalink\n', opts);
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      { row: 1, problem: 'The message (column B) is empty: write the post text there.' },
      { row: 1, problem: expect.stringMatching(/"ftp:\/\/example.com\/file" is not a web address: use a full http:\/\/ or https:\/\/ link/) as string },
      { row: 2, problem: 'The link "example.com/page" has no https:// at the start: write https://example.com/page.' },
      { row: 3, problem: expect.stringMatching(/contains spaces/) as string },
      { row: 4, problem: expect.stringMatching(/"notalink" is not a web address/) as string },
    ]);
  });

  it('refuses too many columns with the likely cause, but tolerates empty trailing columns', () => {
    const { rows, errors } = parseBulkCsv('12/31/2026 09:15,Hello, world,https://example.com\n12/31/2026 09:20,Fine,https://example.com,,\n', opts);
    expect(errors).toEqual([{ row: 1, problem: expect.stringMatching(/^This row has 4 columns; the layout has 3: date and time, message, link \(optional\)\. If the message contains commas, put the whole message in double quotes/) as string }]);
    expect(rows.map((r) => r.row)).toEqual([2]);
  });

  it('recognises a semicolon-separated export and says how to save the file', () => {
    const { errors } = parseBulkCsv('12/31/2026 09:15;Hello;https://example.com\n', opts);
    expect(errors).toEqual([{ row: 1, problem: expect.stringMatching(/separate columns with semicolons.*CSV UTF-8 \(comma delimited\)/) as string }]);
  });

  it('imports the rows before an unterminated quote and names the row where it opens', () => {
    const { rows, errors } = parseBulkCsv('Date,Message\n12/31/2026 09:15,Fine\n12/31/2026 09:20,"Oops, no closing quote\n12/31/2026 09:25,Lost\n', opts);
    expect(rows.map((r) => r.row)).toEqual([2]);
    expect(errors).toEqual([{ row: 3, problem: expect.stringMatching(/quoted field starts in this row and never closes.*closing double quote/) as string }]);
  });

  it('skips blank rows but keeps counting them, and reads a header after leading blank rows', () => {
    const { rows, errors } = parseBulkCsv('\n,,\nDate and time,Message,Link\n12/31/2026 09:15,Hello\n\n12/31/2026 09:20,Again\n', opts);
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.row)).toEqual([4, 6]);
  });

  it('gives nothing and no errors for an empty or header-only file', () => {
    expect(parseBulkCsv('', opts)).toEqual({ rows: [], errors: [] });
    expect(parseBulkCsv('\uFEFFDate,Message,Link\r\n', opts)).toEqual({ rows: [], errors: [] });
  });

  it('refuses an unknown zone before reading anything', () => {
    expect(() => parseBulkCsv('12/31/2026 09:15,Hello\n', { zone: 'Mars/Olympus', now })).toThrow(/Unknown time zone "Mars\/Olympus"/);
  });
});

describe('header detection', () => {
  it('skips a header that names its columns, in English or Finnish', () => {
    for (const header of ['Date,Message,Link', 'Päivämäärä,Viesti,Linkki', 'Publish time (MM/DD/YYYY HH:mm),Text', 'When,Post']) {
      const { rows, errors } = parseBulkCsv(`${header}\n12/31/2026 09:15,Hello\n`, opts);
      expect(errors, header).toEqual([]);
      expect(rows.map((r) => r.row), header).toEqual([2]);
    }
  });

  it('reports a wordy first row as a bad date (with a hint for headers) rather than skipping it', () => {
    const { errors } = parseBulkCsv('Wann,Nachricht\n12/31/2026 09:15,Hello\n', opts);
    expect(errors).toEqual([{ row: 1, problem: expect.stringMatching(/"Wann" is not a date and time.*If this row is a header, name its first column "Date"/) as string }]);
  });
});
