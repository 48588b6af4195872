"""Starting Signpost's processes: the run command (``python -m signpost.launcher``) and tests."""
