"""The message gateway: every SMS and email in and out, recorded before acting, with its events."""
