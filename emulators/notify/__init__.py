"""A local stand-in for GOV.UK Notify's API: texts, emails, receipts and inbound texts."""
