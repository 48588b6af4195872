"""Local stand-ins for Signpost's real providers (Twilio and an SMTP relay), for development."""
