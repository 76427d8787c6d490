import { GraphQLScalarType, Kind, GraphQLError, type ValueNode } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { echo } from './errors';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^-?\d{1,18}(\.\d{1,6})?$/;

/** `YYYY-MM-DD` naming a day that exists (no 2024-02-30), in a year PostgreSQL's `date` holds. */
export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);
}

function parseDateString(value: unknown): string {
  if (typeof value === 'string' && isCalendarDate(value)) return value;
  throw new GraphQLError(`Date must be a string YYYY-MM-DD, got ${echo(JSON.stringify(value) ?? String(value))}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/** A JSON number stands for a decimal only when it prints as exactly what was written: at most 15 significant digits. */
export function exactDecimalNumber(value: number): boolean {
  return Number.isFinite(value) && !/e/i.test(String(value)) && String(Math.abs(value)).replace('.', '').replace(/^0+/, '').length <= 15;
}

function parseDecimalString(value: unknown): string {
  if (typeof value === 'number' && !exactDecimalNumber(value)) {
    throw new GraphQLError('Decimal must be written as a string ("12.50") to keep every digit: this number has more digits than JSON carries exactly', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text === 'string' && DECIMAL.test(text)) return text;
  throw new GraphQLError(`Decimal must be a decimal number as a string, got ${echo(JSON.stringify(value) ?? String(value))}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

function literal(ast: ValueNode, parse: (value: unknown) => string): string {
  if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return parse(ast.value);
  throw new GraphQLError(`expected a string literal, got ${ast.kind}`, { extensions: { code: 'BAD_USER_INPUT' } });
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, `YYYY-MM-DD`.',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : parseDateString(value)),
  parseValue: parseDateString,
  parseLiteral: (ast) => literal(ast, parseDateString),
});

export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'An exact decimal amount in yuan (CNY), serialized as a string to keep every digit.',
  serialize: (value) => parseDecimalString(value),
  parseValue: parseDecimalString,
  parseLiteral: (ast) => literal(ast, parseDecimalString),
});

export const scalarResolvers = { Date: DateScalar, Decimal: DecimalScalar, DateTime: DateTimeResolver } as const;
