"""A local SMTP sink: keeps every mail, shows it on a web page, and can bounce or go down."""
