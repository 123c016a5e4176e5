-- 0011: the trust bank account and the trust liability account of an organisation (key '*'), for
-- trust movements (FEATURES B5; docs/ledger-format.md "Trust money").
ALTER TABLE mappings DROP CONSTRAINT mappings_mapping_type_check;
ALTER TABLE mappings ADD CONSTRAINT mappings_mapping_type_check
  CHECK (mapping_type IN (
    'line_kind_account', 'category_account', 'tax_code', 'payment_method_account',
    'tracking', 'rounding_account', 'bank_account', 'trust_bank_account',
    'trust_liability_account'));
