/**
 * ISO 4217 currency codes a practice can bill in: the circulating currencies of the standard's
 * list one (SIX, maintenance agency: https://www.six-group.com/en/products-services/financial-information/data-standards.html),
 * without its fund codes (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW), precious metals
 * (XAU, XAG, XPD, XPT), bond-market units (XBA–XBD), XDR, XSU, XUA and the test codes XTS/XXX —
 * none of which Xero bills in. Codes withdrawn recently (HRK in 2023, SLL, ZWL, ANG) stay, because
 * a practice's history may still hold them.
 *
 * Before this list, any three capital letters passed ("XYZ" reached Xero and only Xero refused it).
 *
 * @module
 */
const CODES =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP ' +
  'BYN BZD CAD CDF CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP ' +
  'GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES ' +
  'KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR ' +
  'MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB ' +
  'RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY ' +
  'TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL';

/** Every code of the list, in order. */
export const CURRENCY_CODES: readonly string[] = Object.freeze(CODES.split(' '));

const KNOWN: ReadonlySet<string> = new Set(CURRENCY_CODES);

/** Whether `code` is a currency a practice can bill in. */
export function isCurrencyCode(code: string): boolean {
  return KNOWN.has(code);
}
