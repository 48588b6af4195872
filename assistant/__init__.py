"""The assistant: language handling, NLG and NLU components loaded by the Rasa server."""
