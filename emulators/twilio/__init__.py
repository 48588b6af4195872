"""A local stand-in for the part of Twilio's Programmable Messaging API that Signpost uses."""
