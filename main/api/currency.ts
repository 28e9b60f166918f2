import { getMeta } from '../../db/connection.js';
import { minorDigits } from '../domain/value-money.js';
import type { ApiSession } from './session.js';

/** The workspace currency and its minor digits (money is stored in minor units of it). */
export function currencyOf(s: ApiSession): { currency: string; digits: number } {
  const currency = getMeta(s.db(), 'currency') ?? 'EUR';
  return { currency, digits: minorDigits(currency) };
}
