import assert from 'node:assert/strict';
import {
  LogBuffer,
  compareLogTimes,
  formatLogLines,
  logBufferNote,
  parseLogLine,
  resumeSinceTime,
} from '../../src/core/logs';

const line = (time: string, text: string) => ({ time, text });

describe('followed logs', () => {
  it('splits a timestamps=true line into its RFC3339Nano time and its text', () => {
    assert.deepEqual(parseLogLine('2026-12-07T02:55:01.123456789Z GET /healthz 200'), {
      time: '2026-12-07T02:55:01.123456789Z',
      text: 'GET /healthz 200',
    });
    assert.deepEqual(parseLogLine('no time here'), { time: '', text: 'no time here' });
    assert.deepEqual(parseLogLine('2026-12-07T02:55:01Z '), { time: '2026-12-07T02:55:01Z', text: '' });
  });

  it('orders timestamps to the nanosecond and resumes from the whole second', () => {
    assert.equal(compareLogTimes('2026-12-07T02:55:01.5Z', '2026-12-07T02:55:01.123456789Z'), 1);
    assert.equal(compareLogTimes('2026-12-07T02:55:01Z', '2026-12-07T02:55:01.000000000Z'), 0);
    assert.equal(resumeSinceTime('2026-12-07T02:55:01.987654321Z'), '2026-12-07T02:55:01Z');
    assert.equal(resumeSinceTime(''), undefined);
  });

  it('keeps the last lines up to its limit and counts the dropped ones', () => {
    const buffer = new LogBuffer(3);
    buffer.push([1, 2, 3, 4, 5].map((n) => line(`2026-12-07T02:55:0${n}Z`, `line ${n}`)));
    assert.deepEqual(
      buffer.all().map((l) => l.text),
      ['line 3', 'line 4', 'line 5'],
    );
    assert.equal(buffer.dropped, 2);
    assert.equal(logBufferNote(buffer.dropped, 3), 'last 3 lines kept (2 earlier dropped)');
    assert.equal(logBufferNote(0), 'last 5,000 lines kept');
  });

  it('skips what a stream resumed with sinceTime repeats, and keeps what is new', () => {
    const buffer = new LogBuffer();
    buffer.push([
      line('2026-12-07T02:55:00.900Z', 'a'),
      line('2026-12-07T02:55:01.100Z', 'b'),
      line('2026-12-07T02:55:01.200Z', 'tick'),
      line('2026-12-07T02:55:01.200Z', 'tick'),
    ]);
    buffer.resume();
    // The server repeats everything since 02:55:01 (whole seconds), then sends a third tick of the same instant.
    const fresh = buffer.push([
      line('2026-12-07T02:55:01.100Z', 'b'),
      line('2026-12-07T02:55:01.200Z', 'tick'),
      line('2026-12-07T02:55:01.200Z', 'tick'),
      line('2026-12-07T02:55:01.200Z', 'tick'),
      line('2026-12-07T02:55:02.000Z', 'c'),
    ]);
    assert.deepEqual(
      fresh.map((l) => l.text),
      ['tick', 'c'],
    );
    assert.deepEqual(
      buffer.all().map((l) => l.text),
      ['a', 'b', 'tick', 'tick', 'tick', 'c'],
    );
  });

  it('formats with or without timestamps and filters by a search text in any case', () => {
    const lines = [line('2026-12-07T02:55:01Z', 'Started'), line('2026-12-07T02:55:02Z', 'ERROR boom')];
    assert.equal(formatLogLines(lines, { timestamps: false }), 'Started\nERROR boom');
    assert.equal(
      formatLogLines(lines, { timestamps: true, search: 'error' }),
      '2026-12-07T02:55:02Z ERROR boom',
    );
  });
});
