"""SMS and email, in and out: provider adapters, webhooks, and the text rules they share."""
