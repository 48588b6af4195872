"""Twilio SMS: the adapter (official twilio library), its tables, and its signed webhooks."""
