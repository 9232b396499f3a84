"""Pure renderers from domain models to files: receipts (PDF), ledgers (CSV), SEPA (XML)."""
