"""The assistant's understanding: custom Rasa NLU components and the data behind them.

Pure modules (``normalise``, ``keywords``, ``language_names``, ``danger``, ``detection``) import
neither Rasa nor Django; ``components`` wraps them as Rasa 3.6 graph components for
``bot/config.yml``. See docs/assistant-nlu.md.
"""
