"""Pure renderers from domain models to files: receipts (PDF), calendar files, QR codes, CSV."""
