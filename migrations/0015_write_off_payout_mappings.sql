-- 0015: the organisation's bad-debt account (write-offs, FEATURES P9) and processor-fee account
-- (payout fees, P10), both key '*' (docs/ledger-format.md "Write-offs", "Payouts").
ALTER TABLE mappings DROP CONSTRAINT mappings_mapping_type_check;
ALTER TABLE mappings ADD CONSTRAINT mappings_mapping_type_check
  CHECK (mapping_type IN (
    'line_kind_account', 'category_account', 'tax_code', 'payment_method_account',
    'tracking', 'rounding_account', 'bank_account', 'trust_bank_account',
    'trust_liability_account', 'bad_debt_account', 'processor_fee_account'));
