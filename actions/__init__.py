"""Custom actions for the Signpost assistant, served by the rasa-sdk action server.

Run: ``SANIC_HOST=127.0.0.1 python -m rasa_sdk --actions actions -p 5055``. Actions are thin:
they read the tracker, call one service function (the same ones the portal uses) and utter.
"""
