"""Models of the congress app, one module per concern."""
