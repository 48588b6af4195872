"""Email: the aiosmtplib sender, bounce (DSN) parsing, and the signed inbound-mail webhook."""
