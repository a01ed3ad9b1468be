"""The annual summary and the dashboards; the home page lives here."""
