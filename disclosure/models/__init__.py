"""Models of the disclosure app, one module per concern."""
