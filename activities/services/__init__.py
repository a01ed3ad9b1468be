"""Writes that span several records, each in one transaction, by concern."""
