import assert from 'node:assert/strict';
import {
  compareQuantities,
  formatBytes,
  formatCpu,
  formatQuantity,
  parseQuantity,
  quantityToNumber,
} from '../../src/core/quantity';
import type { Quantity } from '../../src/core/quantity';

function parsed(text: string | number): Quantity {
  const result = parseQuantity(text);
  assert.ok(result.ok, `expected ${JSON.stringify(text)} to parse: ${result.ok ? '' : result.error}`);
  return result.value;
}

/** [input, value in nanos (10^-9), format] */
const VALID: readonly [string | number, bigint, string][] = [
  ['0', 0n, 'DecimalSI'],
  ['1', 1_000_000_000n, 'DecimalSI'],
  ['+1', 1_000_000_000n, 'DecimalSI'],
  ['-1', -1_000_000_000n, 'DecimalSI'],
  ['0.1', 100_000_000n, 'DecimalSI'],
  ['.5', 500_000_000n, 'DecimalSI'],
  ['1.', 1_000_000_000n, 'DecimalSI'],
  ['007', 7_000_000_000n, 'DecimalSI'],
  ['100m', 100_000_000n, 'DecimalSI'],
  ['250m', 250_000_000n, 'DecimalSI'],
  ['1n', 1n, 'DecimalSI'],
  ['1u', 1_000n, 'DecimalSI'],
  ['1k', 1_000_000_000_000n, 'DecimalSI'],
  ['1M', 10n ** 15n, 'DecimalSI'],
  ['1G', 10n ** 18n, 'DecimalSI'],
  ['1T', 10n ** 21n, 'DecimalSI'],
  ['1P', 10n ** 24n, 'DecimalSI'],
  ['1E', 10n ** 27n, 'DecimalSI'],
  ['1.G', 10n ** 18n, 'DecimalSI'],
  ['1Ki', 1024n * 10n ** 9n, 'BinarySI'],
  ['512Mi', 512n * 2n ** 20n * 10n ** 9n, 'BinarySI'],
  ['1.5Gi', 3n * 2n ** 29n * 10n ** 9n, 'BinarySI'],
  ['2Ti', 2n * 2n ** 40n * 10n ** 9n, 'BinarySI'],
  ['1Pi', 2n ** 50n * 10n ** 9n, 'BinarySI'],
  ['1Ei', 2n ** 60n * 10n ** 9n, 'BinarySI'],
  ['0.5Ki', 512n * 10n ** 9n, 'BinarySI'],
  ['1e3', 10n ** 12n, 'DecimalExponent'],
  ['1E3', 10n ** 12n, 'DecimalExponent'],
  ['1E-3', 1_000_000n, 'DecimalExponent'],
  ['1e+3', 10n ** 12n, 'DecimalExponent'],
  ['12e6', 12n * 10n ** 15n, 'DecimalExponent'],
  ['5e-324', 1n, 'DecimalExponent'],
  ['0.0000000001', 1n, 'DecimalSI'],
  ['-0.0000000001', -1n, 'DecimalSI'],
  ['1.0000000001', 1_000_000_001n, 'DecimalSI'],
  ['  256Mi  ', 256n * 2n ** 20n * 10n ** 9n, 'BinarySI'],
  ['99999999999999999999', 99999999999999999999n * 10n ** 9n, 'DecimalSI'],
  ['99999999999999999999Ei', (2n ** 63n - 1n) * 10n ** 9n, 'BinarySI'],
  ['1e30', 10n ** 39n, 'DecimalExponent'],
  [512, 512n * 10n ** 9n, 'DecimalSI'],
  [0.5, 500_000_000n, 'DecimalSI'],
  [1e21, 10n ** 30n, 'DecimalExponent'],
  [5e-324, 1n, 'DecimalExponent'],
];

/** [input, exact error, suggestion (the one safe fix), every candidate] */
const INVALID: readonly [string | number, string, string | undefined, readonly string[] | undefined][] = [
  [
    '',
    'The quantity is empty; write a number with an optional unit, such as "500m" for CPU or "256Mi" for memory.',
    undefined,
    undefined,
  ],
  [
    '   ',
    'The quantity is empty; write a number with an optional unit, such as "500m" for CPU or "256Mi" for memory.',
    undefined,
    undefined,
  ],
  ['2 Gi', '"2 Gi" has a space between the number and the unit; write "2Gi".', '2Gi', ['2Gi']],
  ['1 000', '"1 000" has a space in it; write "1000".', '1000', ['1000']],
  [
    '1GB',
    '"1GB": "B" is not a Kubernetes unit; did you mean "1G" (10^9 bytes) or "1Gi" (2^30 bytes)?',
    undefined,
    ['1G', '1Gi'],
  ],
  [
    '500MB',
    '"500MB": "B" is not a Kubernetes unit; did you mean "500M" (500 × 10^6 bytes) or "500Mi" (500 × 2^20 bytes)?',
    undefined,
    ['500M', '500Mi'],
  ],
  [
    '500M B',
    '"500M B" has a space in it, and without the space "500MB": "B" is not a Kubernetes unit; did you mean "500M" (500 × 10^6 bytes) or "500Mi" (500 × 2^20 bytes)?',
    undefined,
    ['500M', '500Mi'],
  ],
  ['1GiB', '"1GiB": "B" is not a Kubernetes unit; write "1Gi" (2^30 bytes).', '1Gi', ['1Gi']],
  [
    '512B',
    '"512B": "B" is not a Kubernetes unit; a plain number already means bytes, so write "512".',
    '512',
    ['512'],
  ],
  ['1ki', '"1ki": units are case-sensitive; did you mean "1Ki" (2^10)?', '1Ki', ['1Ki']],
  ['1MI', '"1MI": units are case-sensitive; did you mean "1Mi" (2^20)?', '1Mi', ['1Mi']],
  [
    '1K',
    '"1K": units are case-sensitive; did you mean "1k" (10^3) or "1Ki" (2^10)?',
    undefined,
    ['1k', '1Ki'],
  ],
  [
    '2g',
    '"2g": units are case-sensitive; did you mean "2G" (10^9) or "2Gi" (2^30)?',
    undefined,
    ['2G', '2Gi'],
  ],
  [
    '1.5.0',
    '"1.5.0" has more than one decimal point; a quantity is one number with an optional unit, such as "1.5" or "1500m".',
    undefined,
    undefined,
  ],
  [
    'abc',
    '"abc" is not a quantity: it must start with a number, as in "500m" for CPU or "256Mi" for memory.',
    undefined,
    undefined,
  ],
  ['1e', '"1e": an exponent needs digits after "e", as in "1e3".', undefined, undefined],
  [
    '50%',
    '"50%": "%" is not a Kubernetes unit; use one of n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei, or an exponent such as e3.',
    undefined,
    undefined,
  ],
  [
    '1Mi5',
    '"1Mi5": "Mi5" is not a Kubernetes unit; use one of n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei, or an exponent such as e3.',
    undefined,
    undefined,
  ],
  [
    '1e1001',
    '"1e1001" has an exponent far too large for a resource quantity; write the amount with a unit, such as "4Gi".',
    undefined,
    undefined,
  ],
  [
    Infinity,
    'Infinity is not a quantity; write a finite number with an optional unit, such as "500m" or "256Mi".',
    undefined,
    undefined,
  ],
];

describe('parseQuantity', () => {
  for (const [input, nanos, format] of VALID) {
    it(`parses ${JSON.stringify(input)} exactly`, () => {
      const value = parsed(input);
      assert.equal(value.nanos, nanos);
      assert.equal(value.format, format);
    });
  }

  for (const [input, error, suggestion, candidates] of INVALID) {
    it(`rejects ${JSON.stringify(input)} with a precise message`, () => {
      const result = parseQuantity(input);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.error, error);
      assert.equal(result.suggestion, suggestion);
      assert.deepEqual(result.candidates, candidates);
      for (const candidate of candidates ?? [])
        assert.ok(parseQuantity(candidate).ok, `${candidate} must be valid`);
    });
  }

  it('reads a missing number as zero, as the API scanner does ("Mi", "+", ".")', () => {
    for (const text of ['Mi', '+', '.', '-']) assert.equal(parsed(text).nanos, 0n, text);
  });
});

describe('compareQuantities', () => {
  it('has no floating-point drift: 0.1 equals 100m, 1Ki equals 1024, 1e3 equals 1k', () => {
    assert.equal(compareQuantities(parsed('0.1'), parsed('100m')), 0);
    assert.equal(compareQuantities(parsed('1Ki'), parsed(1024)), 0);
    assert.equal(compareQuantities(parsed('1e3'), parsed('1k')), 0);
    assert.equal(compareQuantities(parsed('0.3'), parsed('300m')), 0);
  });

  it('orders decimal and binary units by value', () => {
    assert.equal(compareQuantities(parsed('1G'), parsed('1Gi')), -1);
    assert.equal(compareQuantities(parsed('2Gi'), parsed('2000Mi')), 1);
    assert.equal(compareQuantities(parsed('1000000001n'), parsed('1')), 1);
    assert.equal(compareQuantities(parsed('-1'), parsed('0')), -1);
  });
});

describe('formatting', () => {
  it('formats bytes with grouping and the largest binary unit', () => {
    assert.equal(formatBytes(parsed('512Mi')), '536,870,912 bytes (512 MiB)');
    assert.equal(formatBytes(parsed('1.5Gi')), '1,610,612,736 bytes (1.5 GiB)');
    assert.equal(formatBytes(parsed('1G')), '1,000,000,000 bytes (953.67 MiB)');
    assert.equal(formatBytes(parsed('512')), '512 bytes');
    assert.equal(formatBytes(parsed('1')), '1 byte');
    assert.equal(formatBytes(parsed('512m')), '0.512 bytes');
  });

  it('formats CPU in cores and millicores', () => {
    assert.equal(formatCpu(parsed('250m')), '0.25 CPU (250m)');
    assert.equal(formatCpu(parsed('2')), '2 CPU (2000m)');
    assert.equal(formatCpu(parsed(0.5)), '0.5 CPU (500m)');
    assert.equal(formatCpu(parsed('1500u')), '0.0015 CPU (1500000n)');
  });

  it('formats by resource: bytes for memory and storage, cores for CPU, a count otherwise', () => {
    assert.equal(formatQuantity('memory', parsed('1Gi')), '1,073,741,824 bytes (1 GiB)');
    assert.equal(formatQuantity('ephemeral-storage', parsed('2G')), '2,000,000,000 bytes (1.86 GiB)');
    assert.equal(formatQuantity('hugepages-2Mi', parsed('4Mi')), '4,194,304 bytes (4 MiB)');
    assert.equal(formatQuantity('cpu', parsed('1500m')), '1.5 CPU (1500m)');
    assert.equal(formatQuantity('nvidia.com/gpu', parsed('2')), '2');
  });

  it('gives a number for display', () => {
    assert.equal(quantityToNumber(parsed('1.5Gi')), 1610612736);
    assert.equal(quantityToNumber(parsed('250m')), 0.25);
  });
});
