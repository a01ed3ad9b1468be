"""Reads of the union's records for pages, figures and the annual summary, by concern."""
