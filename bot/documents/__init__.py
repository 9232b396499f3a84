"""Pure renderers from domain models to files: calendar files, QR codes, CSV exports."""
