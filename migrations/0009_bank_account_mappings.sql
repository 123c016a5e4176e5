-- 0009: a ledger bank account name ("operating", "trust") maps to a Xero BANK account code, for
-- bank transactions and transfers (FEATURES B1, B3, B4; docs/ledger-format.md).
ALTER TABLE mappings DROP CONSTRAINT mappings_mapping_type_check;
ALTER TABLE mappings ADD CONSTRAINT mappings_mapping_type_check
  CHECK (mapping_type IN (
    'line_kind_account', 'category_account', 'tax_code', 'payment_method_account',
    'tracking', 'rounding_account', 'bank_account'));
