import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { hoursCsv, neutralizeCell } from './hours-csv';

describe('hours.csv', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '＝1+1'])('neutralises %p', (cell) => {
    expect(neutralizeCell(cell)).toBe(`'${cell}`);
  });

  it.each(['ليلى', 'a=b', '1-2', ' =x', ''])('leaves %p alone', (cell) => {
    expect(neutralizeCell(cell)).toBe(cell);
  });

  it('writes a BOM, a header and RFC 4180 records, and calls done once at the end', async () => {
    const done = jest.fn();
    const rows = Readable.from([
      { date: '2025-01-10', task: 'Say "hi", then\nleave', camp: 'مخيم', volunteer: '-نور', hours: 1.5 },
    ]);
    const csv = (await buffer(hoursCsv(rows, done))).toString('utf8');
    expect(csv).toBe(
      '\uFEFFdate,task,camp,volunteer,hours\r\n2025-01-10,"Say ""hi"", then\nleave",مخيم,\'-نور,1.5\r\n',
    );
    expect(done).toHaveBeenCalledTimes(1);
  });

  it('calls done when the source fails', async () => {
    const done = jest.fn();
    const rows = new Readable({
      objectMode: true,
      read() {
        this.destroy(new Error('connection lost'));
      },
    });
    await expect(buffer(hoursCsv(rows, done))).rejects.toThrow('connection lost');
    expect(done).toHaveBeenCalledTimes(1);
  });
});
