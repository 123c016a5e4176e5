import { describe, expect, it } from 'vitest';
import { evaluateWhere } from './where-evaluate.js';
import { WhereError, parseWhere } from './where-filter.js';

const doc = {
  Type: 'ACCREC',
  Status: 'AUTHORISED',
  Name: 'Acme Legal',
  EmailAddress: null,
  AmountDue: 110.5,
  Date: '/Date(1767225600000+0000)/', // 2026-01-01
  Contact: { ContactID: '6a68adde-f210-4465-b0a9-0d8cc6f50762', Name: 'Acme Legal' },
  IsDiscounted: false,
};

const matches = (expr: string): boolean => evaluateWhere(parseWhere(expr), doc);

describe('where filter', () => {
  it.each([
    ['Type=="ACCREC" && Status=="AUTHORISED"', true],
    ['Type=="ACCREC" AND Status=="DRAFT"', false],
    ['Status=="DRAFT" || Status=="AUTHORISED"', true],
    ['Status = "AUTHORISED"', true],
    ['Name!="Acme Legal"', false],
    ['Contact.ContactID==guid("6A68ADDE-F210-4465-B0A9-0D8CC6F50762")', true],
    ['Contact.ContactID==Guid("00000000-0000-0000-0000-000000000000")', false],
    ['Date >= DateTime(2026,01,01)', true],
    ['Date > DateTime(2026, 1, 1)', false],
    ['Date < DateTime(2026,01,02)', true],
    ['Name.Contains("Legal")', true],
    ['Name.Contains("legal")', false],
    ['Name.ToLower()=="acme legal"', true],
    ['Name.StartsWith("Acme")', true],
    ['Contact.Name.EndsWith("Legal")', true],
    ['EmailAddress==null', true],
    ['EmailAddress!=null && EmailAddress.StartsWith("a")', false],
    ['AmountDue > 110', true],
    ['AmountDue >= 110.50', true],
    ['AmountDue < 100', false],
    ['IsDiscounted==false', true],
    ['!(Status=="DRAFT")', true],
    ['NOT Status=="AUTHORISED"', false],
    ['(Type=="ACCPAY" || Type=="ACCREC") && AmountDue>0', true],
    ['Reference==null', true],
  ])('%s → %s', (expr, expected) => {
    expect(matches(expr)).toBe(expected);
  });

  it.each([
    'Status==',
    'Status=="DRAFT" &&',
    '(Status=="DRAFT"',
    'Status=="DRAFT',
    'Name.Foo("x")',
    'Status ~ "x"',
  ])('refuses %s', (expr) => {
    expect(() => parseWhere(expr)).toThrow(WhereError);
  });
});
