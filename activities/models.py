"""The union's year of work; its records arrive with the activities feature."""
