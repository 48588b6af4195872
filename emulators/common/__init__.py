"""Pieces both emulators share: storage, webhook delivery, pages, background running."""
